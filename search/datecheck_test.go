package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestMayHaveAll checks the date renderings' check (termBitmaps.mayHaveAll)
// and docFreq on an index of one segment: a phrase may match only where a
// passage has a word of each of its positions.
func TestMayHaveAll(t *testing.T) {
	ctx := context.Background()
	ps := []corpus.Passage{
		{ID: "a", Text: "防衛の記録。"},
		{ID: "b", Text: "宇宙の話。"},
		{ID: "c", Text: "監視と防衛。"},
	}
	rd, sctx := oneSegment(t, ctx, ps)
	// phrase makes a phrase of words, "|" separating the words of one
	// position.
	phrase := func(words ...string) analysis.TokenStream {
		var toks analysis.TokenStream
		for pos, w := range words {
			for _, alt := range strings.Split(w, "|") {
				toks = append(toks, &analysis.Token{Term: []byte(alt), Position: pos + 1})
			}
		}
		return toks
	}
	for _, c := range []struct {
		words []string
		want  bool
	}{
		{[]string{"防衛", "記録"}, true},
		{[]string{"宇宙", "防衛"}, false},
		{[]string{"宇宙", "防衛|監視"}, false},
		{[]string{"防衛", "宇宙|監視"}, true},
		{[]string{"防衛", "監視", "記録"}, false}, // each two in a passage, not the three
		{[]string{"防衛", "監視", "監視|宇宙"}, true},
		{[]string{"防衛", "不在"}, false},
		{[]string{"防衛"}, true},
	} {
		var tb termBitmaps
		got, err := tb.mayHaveAll(sctx, phrase(c.words...))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%v: mayHaveAll %v, want %v", c.words, got, c.want)
		}
		// Without the segment, it cannot tell.
		if got, err := tb.mayHaveAll(ctx, phrase(c.words...)); err != nil || !got {
			t.Errorf("%v: without the segment, mayHaveAll %v, %v; want true", c.words, got, err)
		}
	}
	for _, term := range []string{"防衛", "宇宙", "監視", "不在"} {
		p, want, err := openPostings(sctx, rd, indexer.FieldText, term)
		if err != nil {
			t.Fatal(err)
		}
		p.close()
		for _, c := range []context.Context{sctx, ctx} {
			if got, err := docFreq(c, rd, indexer.FieldText, term); err != nil || got != want {
				t.Errorf("%s: docFreq %d, %v; want %d", term, got, err, want)
			}
		}
	}
}

// TestDistinctTerms checks that distinctTerms gives the terms in the order
// of their first token, below and above smallDistinct.
func TestDistinctTerms(t *testing.T) {
	for _, n := range []int{0, 1, 5, smallDistinct, smallDistinct + 1, 3 * smallDistinct} {
		var toks analysis.TokenStream
		var want []string
		for i := range n {
			term := fmt.Sprint(i % (n/2 + 1))
			toks = append(toks, &analysis.Token{Term: []byte(term)})
			if !slices.Contains(want, term) {
				want = append(want, term)
			}
		}
		if got := distinctTerms(toks); !slices.Equal(got, want) {
			t.Errorf("%d tokens: %v, want %v", n, got, want)
		}
		for i, tok := range toks {
			if got, want := repeated(toks[:i], tok.Term), slices.ContainsFunc(toks[:i], func(u *analysis.Token) bool { return string(u.Term) == string(tok.Term) }); got != want {
				t.Errorf("%d tokens: repeated at %d: %v, want %v", n, i, got, want)
			}
		}
	}
}
