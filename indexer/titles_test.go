package indexer

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/corpus"
)

// TestSharedTitles checks passages that share a title, whose analysis the
// build caches: each is found by the words of its title, and counts the
// title's tokens in the field lengths. The title field keeps no term
// vectors (nothing reads its positions), so a hit has no title locations.
func TestSharedTitles(t *testing.T) {
	var ps []corpus.Passage
	for _, id := range []string{"a", "b", "c"} {
		ps = append(ps, corpus.Passage{ID: id, Document: "白書", Title: "宇宙状況監視の体制", Kind: corpus.KindBody,
			Text: "防衛省は体制を構築している。"})
	}
	ps = append(ps, corpus.Passage{ID: "d", Document: "報告書", Title: "サイバー防衛", Kind: corpus.KindBody, Text: "演習に参加した。"})
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, ps)
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	q := bleve.NewMatchQuery("宇宙状況監視")
	q.SetField(FieldTitle)
	q.SetOperator(query.MatchQueryOperatorAnd)
	req := bleve.NewSearchRequest(q)
	req.IncludeLocations = true
	res, err := ix.bix.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 {
		t.Fatalf("title words: %d hits, want 3", res.Total)
	}
	for _, h := range res.Hits {
		if locs := h.Locations[FieldTitle]; len(locs) != 0 {
			t.Errorf("hit %s: title locations %v, want none", h.ID, locs)
		}
	}
	// 宇宙 状況 監視 体制, and サイバー 防衛.
	if got := ix.Meta.Lengths[FieldTitle]; got != 3*4+2 {
		t.Errorf("title tokens = %v, want %d", got, 3*4+2)
	}
}
