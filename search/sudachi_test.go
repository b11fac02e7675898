package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestSudachiSynonyms checks that the Sudachi synonyms relate the forms of
// a word across scripts: a passage with only デブリ is found by debris, one
// with only 国際連合 by 国連, and a form inside a question counts as a
// word of it.
func TestSudachiSynonyms(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "debris", Kind: corpus.KindBody, Text: "宇宙のデブリを観測する技術が進んでいる。"},
		{ID: "telescope", Kind: corpus.KindBody, Text: "宇宙の銀河系を観測する技術が進んでいる。"},
		{ID: "un", Kind: corpus.KindBody, Text: "国際連合の総会で決議が採択された。"},
		{ID: "council", Kind: corpus.KindBody, Text: "市議会の本会議で決議が採択された。"},
	}
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := New(ix, Options{NoLexicon: true, NoTranslit: true})
	if err != nil {
		t.Fatal(err)
	}
	run := func(e *Engine, q string) *Result {
		t.Helper()
		res, err := e.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return res
	}
	ids := func(res *Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	for _, tt := range []struct{ query, first string }{
		{"debris", "debris"},
		{"Debris", "debris"},
		{"国連", "un"},
		{"宇宙のdebrisを観測する技術", "debris"},
	} {
		res := run(eng, tt.query)
		if got := ids(res); len(got) == 0 || got[0] != tt.first {
			t.Errorf("%q: hits %v, want %s first", tt.query, got, tt.first)
		}
		// 国連 ↔ 国際連合 is curated too, and the most confident entry
		// names the source.
		if tt.query != "国連" && !slices.ContainsFunc(res.Expansions, func(x Expansion) bool { return strings.Contains(x.Source, "sudachi") }) {
			t.Errorf("%q: expansions %+v, want one from sudachi", tt.query, res.Expansions)
		}
	}
	// Without the lexicons (and the transliteration model, which spells
	// debris デブリ too), debris finds nothing: the synonyms did it.
	if got := ids(run(bare, "debris")); len(got) != 0 {
		t.Errorf("debris without the lexicons: hits %v, want none", got)
	}
}
