package search

import (
	"slices"
	"testing"
)

func TestSpells(t *testing.T) {
	for _, c := range []struct {
		words   [][]string
		acronym string
		want    bool
	}{
		{[][]string{{"n"}, {"b", "o"}, {"d", "s"}}, "nbd", true},
		{[][]string{{"cp"}, {"p"}}, "cp", false}, // every word spells a part
		{[][]string{{"cp", "c"}, {"p"}}, "cp", true},
		{[][]string{{"c"}, {"p"}}, "cp", true},
		{[][]string{{"su"}, {"cp"}}, "cpsu", false},
		{[][]string{{"n"}, {""}, {"b"}}, "nb", true}, // a separator spells nothing
		{[][]string{{"n"}, {"b"}}, "nbd", false},
	} {
		if got := spells(c.words, c.acronym); got != c.want {
			t.Errorf("spells(%q, %q) = %v, want %v", c.words, c.acronym, got, c.want)
		}
	}
	// ソ連共産党: Soviet Union, Communist Party, read last words first.
	if !slices.ContainsFunc(rotations([][]string{{"su"}, {"cp"}}), func(r [][]string) bool { return spells(r, "cpsu") }) {
		t.Error("no rotation of [su cp] spells cpsu")
	}
}

func TestHasLatinWord(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       bool
	}{
		{"qemu-nbd(1) を使って", "nbd", true},
		{"NBD デバイス", "nbd", true},
		{"the nbdkit server", "nbd", false},
		{"xnbd", "nbd", false},
		{"", "nbd", false},
	} {
		if got := hasLatinWord(c.text, c.word); got != c.want {
			t.Errorf("hasLatinWord(%q, %q) = %v, want %v", c.text, c.word, got, c.want)
		}
	}
}

func TestCompoundRuns(t *testing.T) {
	got := compoundRuns("qemu-nbd を使ってネットワークブロックデバイスプロトコルを用いて中国共産党と党")
	if !slices.Equal(got, []string{"ネットワークブロックデバイスプロトコル", "中国共産党"}) {
		t.Errorf("compoundRuns = %q", got)
	}
}
