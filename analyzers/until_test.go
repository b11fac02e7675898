package analyzers

import (
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// checkUntil checks that TokenizeUntil(text, last) gives a prefix of
// Tokenize's tokens holding every one up to position last.
func checkUntil(t *testing.T, m *Morph, text string, full analysis.TokenStream, last int) {
	t.Helper()
	got := m.TokenizeUntil([]byte(text), last)
	if len(got) > len(full) {
		t.Fatalf("%q until %d: %d tokens, Tokenize %d", text, last, len(got), len(full))
	}
	for i, g := range got {
		f := full[i]
		if string(g.Term) != string(f.Term) || g.Start != f.Start || g.End != f.End || g.Position != f.Position {
			t.Fatalf("%q until %d: token %d is %q %d-%d at %d, Tokenize's %q %d-%d at %d",
				text, last, i, g.Term, g.Start, g.End, g.Position, f.Term, f.Start, f.End, f.Position)
		}
	}
	if last <= 0 {
		if len(got) != len(full) {
			t.Fatalf("%q until %d: %d tokens, Tokenize %d", text, last, len(got), len(full))
		}
		return
	}
	for _, f := range full[len(got):] {
		if f.Position <= last {
			t.Fatalf("%q until %d: token %q at %d left out", text, last, f.Term, f.Position)
		}
	}
}

// TestTokenizeUntil checks TokenizeUntil against Tokenize at every
// position of the JSQuAD and mixed test texts.
func TestTokenizeUntil(t *testing.T) {
	m := testMorph(t, nil)
	var texts []string
	for _, f := range []string{"testdata/jsquad.txt", "testdata/mixed.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			texts = append(texts, line)
		}
	}
	if testing.Short() {
		texts = texts[:min(60, len(texts))]
	}
	for _, text := range texts {
		full := m.Tokenize([]byte(text))
		n := 0
		for _, tok := range full {
			n = max(n, tok.Position)
		}
		// Every stopping point without the race detector; under it (where
		// the check is ten times slower) every fifth, and the ends.
		step := 1
		if raceEnabled {
			step = 5
		}
		for last := -1; last <= n+1; last += step {
			checkUntil(t, m, text, full, last)
		}
		checkUntil(t, m, text, full, n)
	}
}

// FuzzTokenizeUntil checks TokenizeUntil against Tokenize on any text.
//
//	go test ./analyzers -run '^$' -fuzz FuzzTokenizeUntil -fuzztime 1m
func FuzzTokenizeUntil(f *testing.F) {
	for _, s := range []string{"宇宙状況監視（SSA）の協力。NATO's exercises", "グローバル・センチネル及び日米豪宇宙協議", "2＋2 ｻｰﾊﾞｰ"} {
		f.Add(s, 3)
	}
	m := testMorph(f, nil)
	f.Fuzz(func(t *testing.T, text string, last int) {
		checkUntil(t, m, text, m.Tokenize([]byte(text)), last%64)
	})
}
