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

	"github.com/kensaku/kensaku/corpus"
)

func TestPassagesCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte("{\"id\":\"x1\",\"text\":\"本文。\"}\n{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good.jsonl")
	if err := os.WriteFile(good, []byte("{\"id\":\"good\",\"text\":\"本文。\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantOut    []string // substrings of stdout
		wantErr    []string // substrings of stderr
		jsonLines  int
		firstJSONs string
		// wantExit is the error run must return: nil, errPartial (exit
		// status 3: some inputs or lines skipped) or errNothingRead (1).
		wantExit error
	}{
		{name: "built-in, human", args: []string{"passages"},
			wantOut: []string{"boei-hakusho-r2#p389.5  [body]  p.389  令和2年版 防衛白書", "宇宙状況監視（SSA: Space Situational Awareness）や"},
			wantErr: []string{"built-in corpus, 17 passages", "政府標準利用規約"}},
		{name: "built-in, json", args: []string{"passages", "--json"}, jsonLines: 17, firstJSONs: "boei-hakusho-r2#p389.1"},
		{name: "files with problems", args: []string{"passages", "--json", dir},
			jsonLines: 1, firstJSONs: "x1", wantExit: errPartial,
			wantErr: []string{"a.jsonl:2: invalid JSON", "empty.txt: empty file", "2 files", "1 passages", "2 problems"}},
		{name: "missing file", args: []string{"passages", filepath.Join(dir, "missing.txt")}, wantExit: errNothingRead,
			wantErr: []string{"missing.txt: stat", "0 passages", "1 problems"}},
		{name: "only an empty file", args: []string{"passages", filepath.Join(dir, "empty.txt")}, wantExit: errNothingRead,
			wantErr: []string{"empty.txt: empty file"}},
		{name: "good file", args: []string{"passages", "--json", good}, jsonLines: 1, firstJSONs: "good",
			wantErr: []string{"0 problems"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), &env{stdout: &stdout, stderr: &stderr}, tt.args); !errors.Is(err, tt.wantExit) {
				t.Fatalf("run: %v, want %v; stderr %s", err, tt.wantExit, stderr.String())
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
			if tt.jsonLines == 0 {
				return
			}
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			if len(lines) != tt.jsonLines {
				t.Fatalf("%d JSON lines, want %d", len(lines), tt.jsonLines)
			}
			var p corpus.Passage
			if err := json.Unmarshal([]byte(lines[0]), &p); err != nil || p.ID != tt.firstJSONs {
				t.Errorf("first line %s: id %q, err %v; want id %q", lines[0], p.ID, err, tt.firstJSONs)
			}
		})
	}
}
