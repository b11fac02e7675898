package search

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestPruningAsExhaustive checks that a search pruned to its best
// passages returns the hits, scores and total of the exhaustive search:
// on JSQuAD questions, with common terms (a low threshold for them),
// glossary expansions, phrases and OR, for several page sizes and pages,
// with and without facets.
//
// It runs on the JSQuAD passages, and on three copies of them (their
// sentences rotated, as bench.Scale makes them), where the copies of a
// passage score alike and many questions have more hits than a page:
// the pruned search then reads the hits only, and ranks the copies'
// equal scores by ordinal.
func TestPruningAsExhaustive(t *testing.T) {
	t.Run("jsquad", func(t *testing.T) { testPruningAsExhaustive(t, jsquadEngine(t, 1145, 2000)) })
	t.Run("copies", func(t *testing.T) {
		if testing.Short() || raceEnabled {
			t.Skip("builds an index of three copies of JSQuAD")
		}
		base := benchJSQuADT(t)
		var size int64
		for _, p := range base.Passages {
			size += int64(len(p.Content()))
		}
		c := bench.Scale(base, "copies", 3*size)
		ps := make([]corpus.Passage, len(c.Passages))
		for i, p := range c.Passages {
			ps[i] = corpus.Passage{ID: p.ID, Document: p.Title, Title: p.Title, Kind: corpus.KindBody, Text: p.Text}
		}
		testPruningAsExhaustive(t, memoryEngine(t, ps, indexer.Options{BatchSize: len(ps)}, Options{}))
	})
}

// benchJSQuADT loads the JSQuAD validation set, skipping the test where
// it is missing.
func benchJSQuADT(t *testing.T) *bench.Corpus {
	t.Helper()
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skipf("no JSQuAD data: %v", err)
	}
	base, err := bench.LoadJSQuAD(jsquadDir)
	if err != nil {
		t.Fatal(err)
	}
	return base
}

func testPruningAsExhaustive(t *testing.T, eng *Engine) {
	ctx := context.Background()
	type question struct{ Query string }
	n := 300
	if testing.Short() || raceEnabled {
		n = 30
	}
	var reqs []Request
	for i, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), 4442) {
		if i%(4442/n) != 0 {
			continue
		}
		size := []int{1, 3, 10, 50}[i%4]
		reqs = append(reqs,
			Request{Query: q.Query, Size: size, IDsOnly: true, NoFacets: true},
			Request{Query: q.Query, Size: 5, From: 5 * (i % 3), IDsOnly: true, NoFacets: i%2 == 0})
	}
	for _, q := range []string{"SSA", "宇宙状況監視", `"梅雨前線" OR 国連`, "NATO OR 国連 OR 日本", "の", "日本 年"} {
		reqs = append(reqs, Request{Query: q, Size: 10, IDsOnly: true, NoFacets: true}, Request{Query: q, Size: 10, IDsOnly: true})
	}
	for _, common := range []uint64{1000, 1} {
		eng.rank.CommonMinDocs = common
		pruned := 0
		for _, req := range reqs {
			eng.pruneMin = math.MaxInt
			want, err := eng.Search(ctx, req)
			eng.pruneMin = 0
			if err != nil {
				t.Fatal(err)
			}
			if prunes(t, eng, req) {
				pruned++
			}
			got, err := eng.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%q size %d from %d: %d hits of %d, want %d of %d", req.Query, req.Size, req.From,
					len(got.Hits), got.Total, len(want.Hits), want.Total)
				continue
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%q size %d from %d: facets\n%v\nwant\n%v", req.Query, req.Size, req.From, got.Facets, want.Facets)
			}
			for j, w := range want.Hits {
				g := got.Hits[j]
				if g.ID != w.ID || math.Abs(g.Score-w.Score) > 1e-12*w.Score {
					t.Errorf("%q size %d from %d: hit %d is %s (%g), want %s (%g)", req.Query, req.Size, req.From,
						j, g.ID, g.Score, w.ID, w.Score)
					break
				}
			}
		}
		if pruned < len(reqs)*9/10 {
			t.Errorf("common terms from %d documents: %d of %d searches pruned", common, pruned, len(reqs))
		}
	}
}

// prunes reports whether req runs pruned.
func prunes(t *testing.T, eng *Engine, req Request) bool {
	t.Helper()
	p, err := eng.plan(req)
	if err != nil {
		t.Fatal(err)
	}
	top := &topK{k: req.Size + req.From}
	sr := bleve.NewSearchRequestOptions(p.query, req.Size, req.From, false)
	sr.PreSearchData = eng.preSearchData()
	if _, err := eng.ix.Search(withTopK(context.Background(), top), sr); err != nil {
		t.Fatal(err)
	}
	return top.pruned
}
