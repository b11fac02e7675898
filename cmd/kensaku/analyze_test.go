package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnalyzeCommand(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "dict.tsv")
	if err := os.WriteFile(dict, []byte("机上演習\t机上 演習\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("NATOサイバー\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sjisDict := filepath.Join(dir, "sjis.tsv")
	if err := os.WriteFile(sjisDict, encodeJapanese(t, "机上演習\t机上 演習\n", true), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantOut []string // substrings of stdout
		wantErr string   // substring of the error
	}{
		{name: "table", args: []string{"analyze", "宇宙状況監視（ＳＳＡ）を派遣した"},
			wantOut: []string{"TERM", "ssa   ＳＳＡ   21", "する  し       42", "動詞,自立"}},
		{name: "stdin", args: []string{"analyze"}, stdin: "Space Situational Awareness",
			wantOut: []string{"awar", "Awareness"}},
		{name: "bigram", args: []string{"analyze", "--analyzer", "kensaku_bigram", "宇宙状況"},
			wantOut: []string{"宙状", "bigram"}},
		{name: "user dictionary", args: []string{"analyze", "--user-dict", dict, "多国間机上演習"},
			wantOut: []string{"机上", "名詞,固有名詞"}},
		{name: "user dictionary in Shift_JIS", args: []string{"analyze", "--user-dict", sjisDict, "多国間机上演習"},
			wantOut: []string{"机上", "名詞,固有名詞"}},
		{name: "bad user dictionary", args: []string{"analyze", "--user-dict", bad, "x"}, wantErr: "line 1"},
		{name: "missing user dictionary", args: []string{"analyze", "--user-dict", filepath.Join(dir, "none"), "x"}, wantErr: "no such file"},
		{name: "unknown analyzer", args: []string{"analyze", "--analyzer", "nope", "x"}, wantErr: "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), &env{stdin: strings.NewReader(tt.stdin), stdout: &stdout, stderr: &stderr}, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run: %v (stderr %q)", err, stderr.String())
			}
			for _, want := range tt.wantOut {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
				}
			}
		})
	}
}

func TestAnalyzeCommandJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	text := "ＳＳＡの派遣"
	err := run(context.Background(), &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}, []string{"analyze", "--json", text})
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	var toks []struct {
		Term, Surface, POS   string
		Start, End, Position int
	}
	if err := json.Unmarshal(stdout.Bytes(), &toks); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, stdout.String())
	}
	if len(toks) != 2 || toks[0].Term != "ssa" || toks[0].Surface != "ＳＳＡ" || toks[1].Position != 3 || text[toks[1].Start:toks[1].End] != "派遣" {
		t.Errorf("tokens = %+v", toks)
	}
}
