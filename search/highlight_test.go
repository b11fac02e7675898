package search

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/indexer"
)

// TestHighlightUnscored checks that a search with highlights returns what
// the two searches it replaces returned: the ranking search reading the
// hits' fields, and a scored highlighting search restricted to the hits.
// Now the highlighting search runs unscored and reads the fields itself.
func TestHighlightUnscored(t *testing.T) {
	ctx := context.Background()
	n := 150
	if testing.Short() || raceEnabled {
		n = 20
	}
	type question struct{ Query string }
	var reqs []Request
	for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), n) {
		reqs = append(reqs, Request{Query: q.Query, Size: 10})
	}
	for _, q := range []string{"SSA", "宇宙状況監視", `"宇宙協力"`, "NATO OR 国連", "+梅雨 前線", "Space Situational Awareness"} {
		reqs = append(reqs, Request{Query: q, Size: 10})
	}
	for name, eng := range map[string]*Engine{"jsquad": jsquadEngine(t, 400, 0), "builtin": engine(t)} {
		t.Run(name, func(t *testing.T) {
			// The unscored search is the highlighter's fallback (see
			// searchLocations); TestHitLocations checks the locator.
			eng.bleveLocations = true
			defer func() { eng.bleveLocations = false }()
			highlighted := 0
			for _, req := range reqs {
				got, err := eng.Search(ctx, req)
				if err != nil {
					t.Fatalf("%q: %v", req.Query, err)
				}
				plain := req
				plain.NoHighlight = true
				want, err := eng.Search(ctx, plain)
				if err != nil {
					t.Fatalf("%q: %v", req.Query, err)
				}
				var ids []string
				for _, h := range want.Hits {
					ids = append(ids, h.ID)
				}
				frags := scoredHighlights(t, eng, req, ids)
				for i := range want.Hits {
					want.Hits[i].Highlights = mergeMarks(frags[want.Hits[i].ID])
					highlighted += len(want.Hits[i].Highlights)
				}
				want.TookMS, got.TookMS = 0, 0
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%q (-two scored searches +now):\n%s", req.Query, diff)
				}
			}
			if highlighted == 0 {
				t.Error("no highlights at all")
			}
		})
	}
}

// scoredHighlights highlights the hits ids of req as the highlighting
// search did before it ran unscored.
func scoredHighlights(t *testing.T, e *Engine, req Request, ids []string) map[string][]string {
	t.Helper()
	p, err := e.plan(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		return nil
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), p.query), len(ids), 0, false)
	sr.IncludeLocations = true
	sr.PreSearchData = e.preSearchData()
	hres, err := e.ix.Search(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	return refHighlights(t, e, hres.Hits)
}

// refHighlights highlights hits, found by a search with locations, as
// Bleve highlights a search that asks for highlights, with the text of
// the passage store (Bleve stores none) and the locations' offsets from
// withOffsets (the index keeps positions only).
func refHighlights(t *testing.T, e *Engine, hits bsearch.DocumentMatchCollection) map[string][]string {
	t.Helper()
	hl, err := bleve.Config.Cache.HighlighterNamed(highlightStyle)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, h := range hits {
		ps, err := e.ix.Passages([]uint64{h.IndexInternalID.Value()})
		if err != nil {
			t.Fatal(err)
		}
		e.withOffsets(h, ps[0].Text)
		d := document.NewDocument(h.ID)
		d.AddField(document.NewTextField(indexer.FieldText, nil, []byte(ps[0].Text)))
		out[h.ID] = hl.BestFragmentsInField(h, d, indexer.FieldText, 1)
	}
	return out
}
