package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestRunWords runs the vocabulary generator on lines of the EDICT file
// (EUC-JP, some lines made up to test the vague-gloss rule: "end" of 11
// common words) and compares its output with testdata/words.golden.
func TestRunWords(t *testing.T) {
	out := filepath.Join(t.TempDir(), "words.tsv")
	if err := runWords("testdata/words.edict", out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/words.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("runWords output (-want +got):\n%s", diff)
	}
}

func TestCleanGloss(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"public key", "public key", true},
		{"key (lock, keyboard, piano, clue, etc.)", "key", true},
		{"the Diet", "Diet", true},
		{"an apple", "apple", true},
		{"to see", "", false},
		{"on the desk", "", false},
		{"making a living", "", false},
		{"operating system", "operating system", true},
		{"one's things", "", false},
		{"doing something", "", false},
		{"layout of a house or small apartment", "", false},
		{"thing; matter", "", false},
		{"CPU", "", false},
		{"a", "", false},
		{"melon (esp. a muskmelon)", "melon", true},
	} {
		got, ok := cleanGloss(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("cleanGloss(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
