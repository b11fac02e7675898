package search

import (
	"context"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestSloppyPhraseAndKind checks the order of passages that match as
// well otherwise: the exact phrase, then the phrase with a particle more
// or less, then the words apart; and body text above a cross-reference,
// a caption or a table-of-contents line with the same text.
func TestSloppyPhraseAndKind(t *testing.T) {
	ctx := context.Background()
	ps := []corpus.Passage{
		{ID: "exact", Text: "各国は宇宙状況監視の能力を高めている。", Kind: corpus.KindBody},
		{ID: "particle", Text: "各国は宇宙状況の監視の能力を高めている。", Kind: corpus.KindBody},
		{ID: "apart", Text: "宇宙の状況について各国は監視の能力を高めている。", Kind: corpus.KindBody},
		{ID: "reference", Text: "各国は宇宙状況監視の能力を高めている。", Kind: corpus.KindReference},
		{ID: "other", Text: "各国は防衛の能力を高めている。", Kind: corpus.KindBody},
	}
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := New(ix, Options{NoLexicon: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each list is in rank order; passages in different lists may come
	// in either order.
	for _, tt := range []struct {
		query string
		want  [][]string
	}{
		{"宇宙状況監視", [][]string{{"exact", "particle", "apart"}, {"exact", "reference", "apart"}}},
		{"宇宙状況の監視", [][]string{{"particle", "exact", "apart"}, {"exact", "reference"}}},
	} {
		res, err := eng.Search(ctx, Request{Query: tt.query, NoExpand: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		for _, want := range tt.want {
			var order []string
			for _, id := range got {
				if slices.Contains(want, id) {
					order = append(order, id)
				}
			}
			if !slices.Equal(order, want) {
				for _, h := range res.Hits {
					t.Logf("%s %s", h.ID, h.Explanation)
				}
				t.Errorf("%s: ranked %v, want %v in this order", tt.query, got, want)
			}
		}
		for _, h := range res.Hits {
			sloppy := slices.ContainsFunc(h.Explanation.Features, func(f FeatureScore) bool { return f.Feature == "phrase" && f.Sloppy })
			if wantSloppy := h.ID == "particle" != (tt.query == "宇宙状況の監視") && h.ID != "apart"; sloppy != wantSloppy {
				t.Errorf("%s: %s explained as %s; want a sloppy phrase: %v", tt.query, h.ID, h.Explanation, wantSloppy)
			}
		}
	}
}
