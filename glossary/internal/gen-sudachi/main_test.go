package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden file in testdata")

// TestRun derives the lexicon of a few groups of the real dictionary
// (testdata/synonyms.json: SudachiDict, WorksApplications, Apache-2.0)
// and compares it with testdata/sudachi.golden.tsv. The groups cover
// several senses in a group (014802: operating system, 基本ソフト), an
// alphabetic abbreviation that does not trigger (001130: UN), a form of the
// whole group (000116: ネトゲ), an old name (000844), several alphabetic
// abbreviations (000490, 005889), expandControl 2 (000091, 000108) and
// one-character and two-kana forms (008931: €, 013215: 虻, あぶ, アブ).
func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sudachi.tsv")
	if err := run(filepath.Join("testdata", "synonyms.json"), out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sudachi.golden.tsv")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"not json":  `{"id":`,
		"no id":     `[{"items":[]}]`,
		"pipe form": `[{"id":"1","items":[{"midashi":"a|b","vocabularyNumber":1},{"midashi":"c","vocabularyNumber":1}]}]`,
	} {
		in := filepath.Join(dir, "in.json")
		if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := run(in, filepath.Join(dir, "out.tsv")); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := run(filepath.Join(dir, "missing.json"), filepath.Join(dir, "out.tsv")); err == nil {
		t.Error("missing input: no error")
	}
}

func TestIsLatin(t *testing.T) {
	for s, want := range map[string]bool{
		"debris": true, "United Nations": true, "ＵＮ": true, "Yahoo!": true, "#9": false, "G・I・NET": true,
		"デブリ": false, "NHKニッパツ": false, "国連": false, "123": false,
	} {
		if got := isLatin(s); got != want {
			t.Errorf("isLatin(%q) = %v, want %v", s, got, want)
		}
	}
}
