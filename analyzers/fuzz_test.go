package analyzers

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// FuzzAnalyzers checks the invariants of both tokenizers on arbitrary
// input: no panic; offsets inside the input, on rune boundaries, start
// before end and non-decreasing; positions increasing from 1; terms
// non-empty valid UTF-8; the same terms on a second run; BigramTerms
// gives the bigram tokenizer's terms. Run it with
//
//	go test ./analyzers -run '^$' -fuzz FuzzAnalyzers -fuzztime 3m
//
// Crashers are written to testdata/fuzz/FuzzAnalyzers and kept.
func FuzzAnalyzers(f *testing.F) {
	for _, s := range []string{
		"宇宙状況監視（SSA）", "ＳＳＡ", "グローバル・センチネル", "ｻｰﾊﾞｰ", "バナヽ", "いすゞ",
		"19（令和元）年12月", "2＋2", "NATO's exercises", "自衛\n\n隊", "・ー・", "ーー", "ヽ",
		"\xff\xfe", "a\u0301", "㍻", "3.5,1,000.", "it's'", "ヶ月",
	} {
		f.Add(s)
	}
	if data, err := os.ReadFile("testdata/mixed.txt"); err == nil {
		for line := range strings.Lines(string(data)) {
			f.Add(line)
		}
	}
	morph := testMorph(f, nil)
	dict := testMorph(f, shippedDict(f))
	tokenizers := map[string]analysis.Tokenizer{"morph": morph, "morph-userdict": dict, "bigram": BigramTok{}}
	f.Fuzz(func(t *testing.T, text string) {
		for name, tok := range tokenizers {
			ts := tok.Tokenize([]byte(text))
			checkStream(t, name, text, ts)
			again := tok.Tokenize([]byte(text))
			if len(again) != len(ts) {
				t.Fatalf("%s: %d tokens, then %d", name, len(ts), len(again))
			}
			for i := range ts {
				if string(ts[i].Term) != string(again[i].Term) {
					t.Fatalf("%s: token %d is %q, then %q", name, i, ts[i].Term, again[i].Term)
				}
			}
		}
		var terms []string
		BigramTerms([]byte(text), func(term []byte) { terms = append(terms, string(term)) })
		bi := BigramTok{}.Tokenize([]byte(text))
		if len(terms) != len(bi) {
			t.Fatalf("BigramTerms: %d terms, Tokenize %d tokens", len(terms), len(bi))
		}
		for i := range bi {
			if terms[i] != string(bi[i].Term) {
				t.Fatalf("BigramTerms: term %d is %q, token %q", i, terms[i], bi[i].Term)
			}
		}
		if n := Normalize(text); Normalize(n) != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", text, n, Normalize(n))
		}
	})
}

func checkStream(t *testing.T, name, text string, ts analysis.TokenStream) {
	t.Helper()
	boundary := make(map[int]bool, len(text)+1) // rune starts, invalid bytes counting as runes
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prevStart, prevPos := 0, 0
	for i, tok := range ts {
		if tok.Start < 0 || tok.End > len(text) || tok.Start >= tok.End {
			t.Fatalf("%s: token %d %q has offsets [%d,%d) in %d bytes", name, i, tok.Term, tok.Start, tok.End, len(text))
		}
		if !boundary[tok.Start] || !boundary[tok.End] {
			t.Fatalf("%s: token %d %q offsets [%d,%d) not on rune boundaries", name, i, tok.Term, tok.Start, tok.End)
		}
		if tok.Start < prevStart {
			t.Fatalf("%s: token %d %q starts at %d, before %d", name, i, tok.Term, tok.Start, prevStart)
		}
		if tok.Position <= prevPos {
			t.Fatalf("%s: token %d %q at position %d after %d", name, i, tok.Term, tok.Position, prevPos)
		}
		if len(tok.Term) == 0 || !utf8.Valid(tok.Term) {
			t.Fatalf("%s: token %d term %q empty or invalid UTF-8", name, i, tok.Term)
		}
		prevStart, prevPos = tok.Start, tok.Position
	}
}
