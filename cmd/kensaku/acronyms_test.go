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
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

func TestGlossaryCommand(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "terms.tsv")
	if err := os.WriteFile(user, []byte("# my terms\nGCAP\tGlobal Combat Air Programme\t次期戦闘機\nbroken row\nGCAP\tGlobal Combat Air Program\t次期戦闘機開発計画\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "idx")
	stored := []glossary.Entry{{Acronym: "XYZ", English: []string{"Xylophone Yield Zone"}, Source: glossary.SourceCorpus, Confidence: 0.9}}
	passages := []corpus.Passage{{ID: "p1", Kind: corpus.KindBody, Text: "本文。"}}
	if _, err := indexer.Build(context.Background(), index, indexer.Passages(passages), indexer.Options{Glossary: stored}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantOut []string // substrings of stdout
		notOut  []string
		wantErr []string // substrings of stderr
		err     error
	}{
		{name: "mined from the built-in corpus", args: []string{"acronyms", "--source", "corpus"},
			wantOut: []string{"SSA\tSpace Situational Awareness\t宇宙状況監視\tcorpus\t0.90",
				"CyCon\tInternational Conference on Cyber Conflict\tサイバー紛争に関する国際会議\tcorpus"},
			notOut: []string{"curated"}},
		{name: "curated", args: []string{"acronyms", "--source", "curated"},
			wantOut: []string{"NATO\tNorth Atlantic Treaty Organization\t北大西洋条約機構\tcurated\t0.95"}},
		{name: "user glossary with a bad row", args: []string{"acronyms", "--glossary", user, "--source", "user"},
			wantOut: []string{"GCAP\tGlobal Combat Air Programme\t次期戦闘機\tuser:" + user + "\t1.00"},
			wantErr: []string{"terms.tsv:3:"}},
		{name: "stored with an index", args: []string{"acronyms", "--index", index, "--source", "corpus"},
			wantOut: []string{"XYZ\tXylophone Yield Zone\t-\tcorpus\t0.90"}, notOut: []string{"CyCon"}},
		{name: "text", args: []string{"glossary", "ＳＳＡ多国間", "it"},
			wantOut: []string{"ＳＳＡ\n  sense 宇宙状況監視\n", "    宇宙状況監視\tjapanese\tcurated\t0.95\n", "    Space Situational Awareness\tenglish\t"},
			notOut:  []string{"NATO", "IT\n"}},
		{name: "text reaches other entries by hops", args: []string{"glossary", "--glossary", user, "Global Combat Air Programme"},
			wantOut: []string{"Global Combat Air Programme\n  sense 次期戦闘機\n", "    GCAP\tacronym\tuser:", "\t1.00\n",
				"    次期戦闘機開発計画\tjapanese\tuser:" + user + "\t0.80\t1 hop\n"}},
		{name: "years", args: []string{"glossary", "平成28年の予算と2016～2017年"},
			wantOut: []string{"平成28年\n  sense 平成28年\n    2016年\tjapanese\tera\t1.00\n", "    平成28年度\tjapanese\tera\t0.50\n",
				"2016～2017年\n  sense 2016～2017年\n", "    平成29年\tjapanese\tera\t1.00\n"},
			notOut: []string{"sense 年間"}},
		{name: "former name", args: []string{"acronyms", "--source", "curated"},
			wantOut: []string{"NATO\tNorth Atlantic Treaty Organization\t北大西洋条約機構\tcurated\t0.95\t-\t-\t外務省; 防衛白書 略語表\n"}},
		{name: "evidence of a mined entry", args: []string{"glossary", "--source", "corpus"},
			wantOut: []string{"\tcorpus\t0.90\t-\t-\tboei-hakusho-r2#p389.5: 宇宙状況監視（SSA: Space Situational Awareness）"}},
		{name: "bad source", args: []string{"glossary", "--source", "web"}, wantErr: []string{`unknown --source "web"`}, err: errUsage},
		{name: "missing index", args: []string{"glossary", "--index", filepath.Join(dir, "none")}, err: indexer.ErrNoIndex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), &env{stdout: &stdout, stderr: &stderr}, tt.args)
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("run = %v, want %v; stderr: %s", err, tt.err, stderr.String())
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.notOut {
				if strings.Contains(stdout.String(), s) {
					t.Errorf("stdout has %q:\n%s", s, stdout.String())
				}
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
		})
	}
}

func TestGlossaryJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), &env{stdout: &stdout, stderr: &stderr}, []string{"glossary", "--json", "--source", "edict"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) < 1000 {
		t.Fatalf("got %d JSON lines, want the EDICT lexicon", len(lines))
	}
	var e entryJSON
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil || e.Source != glossary.SourceEdict || len(e.Forms) < 2 || e.Forms[0].Kind == "" {
		t.Errorf("first line %q: %v, %+v", lines[0], err, e)
	}

	stdout.Reset()
	if err := run(context.Background(), &env{stdout: &stdout, stderr: &stderr}, []string{"acronyms", "--json", "のＳＳＡ"}); err != nil {
		t.Fatal(err)
	}
	var term termJSON
	if err := json.Unmarshal(stdout.Bytes(), &term); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if term.Term != "ＳＳＡ" || term.Start != len("の") || term.End != len("のＳＳＡ") || len(term.Entries) == 0 {
		t.Errorf("term %+v", term)
	}
	found := false
	for _, eq := range term.Equivalents {
		if eq.Form == "宇宙状況監視" && eq.Kind == glossary.KindJapanese && eq.Sense != "" && eq.Confidence > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no 宇宙状況監視 among %+v", term.Equivalents)
	}
}

// An untrusted mined entry is listed with its mark, in both formats.
func TestWriteEntriesUntrusted(t *testing.T) {
	entries := []glossary.Entry{
		{English: []string{"frob-size"}, Japanese: []string{"変数"}, Source: glossary.SourceCorpus, Confidence: 0.5, Untrusted: true},
		{Acronym: "SSA", Japanese: []string{"宇宙状況監視"}, Source: glossary.SourceCorpus, Confidence: 0.5},
	}
	var tsv strings.Builder
	if err := writeEntries(&tsv, entries, false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(tsv.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "\tcorpus (untrusted)\t") || strings.Contains(lines[2], "untrusted") {
		t.Errorf("TSV:\n%s\nwant the first entry's source marked untrusted, the second's not", tsv.String())
	}
	var js strings.Builder
	if err := writeEntries(&js, entries, true); err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(strings.TrimSpace(js.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"untrusted":true`) || strings.Contains(lines[1], "untrusted") {
		t.Errorf("JSON:\n%s\nwant \"untrusted\":true on the first entry only", js.String())
	}
}
