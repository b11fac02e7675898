package search

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/indexer"
)

// TestHitLocations checks that highlighting from the locations hitLocations
// reads gives the same fragments, byte for byte, as from those of Bleve's
// searchers (searchLocations), over the JSQuAD questions and the
// bilingual real-text queries on the real-text index, the bilingual cases
// and a few query syntaxes (phrases, exclusions, filters, OR) on the
// built-in corpus. It also checks that the locator evaluates most of them
// itself.
func TestHitLocations(t *testing.T) {
	type engineQueries struct {
		eng     *Engine
		queries []Request
	}
	var sets []engineQueries

	builtin, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Query string }
	b, err := os.ReadFile("testdata/bilingual.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for _, c := range cases {
		reqs = append(reqs, Request{Query: c.Query})
	}
	for _, q := range []string{`"宇宙 状況"`, `宇宙 -監視`, `SSA OR 衛星`, `+宇宙 監視`, `kind:body 宇宙`, `衛星 -kind:toc`} {
		reqs = append(reqs, Request{Query: q})
	}
	sets = append(sets, engineQueries{builtin, reqs})
	if _, err := os.Stat(jsquadDir); err == nil {
		// An index of several segments.
		type question struct{ Query string }
		var reqs []Request
		for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), 150) {
			reqs = append(reqs, Request{Query: q.Query})
		}
		for _, q := range []string{"SSA", "宇宙状況監視", `"宇宙協力"`, "NATO OR 国連", "+梅雨 前線", "梅雨 -前線", "+梅雨 +前線", `"梅雨前線"`, "梅雨前線 OR 台風"} {
			reqs = append(reqs, Request{Query: q})
		}
		sets = append(sets, engineQueries{jsquadEngine(t, 400, 0), reqs})
	}

	if _, err := os.Stat(jsquadDir); err == nil {
		eng := realTextEngine(t)
		base, err := bench.LoadJSQuAD(jsquadDir)
		if err != nil {
			t.Fatal(err)
		}
		n := 600
		if testing.Short() || raceEnabled { // the race detector makes each ten times slower
			n = 100
		}
		var reqs []Request
		for _, q := range base.Queries[:min(n, len(base.Queries))] {
			reqs = append(reqs, Request{Query: q.Text})
		}
		for _, f := range []string{"queries.jsonl", "heldout-queries.jsonl"} {
			for _, q := range readRealQueries(t, filepath.Join(realTextDir, f)) {
				reqs = append(reqs, Request{Query: q.Query})
			}
		}
		sets = append(sets, engineQueries{eng, reqs})
	}

	ctx := context.Background()
	total, located, differing := 0, 0, 0
	for _, set := range sets {
		eng := set.eng
		for _, req := range set.queries {
			req.NoFacets = true
			eng.bleveLocations = true
			want, err := eng.Search(ctx, req)
			eng.bleveLocations = false
			if err != nil {
				t.Fatalf("%q: %v", req.Query, err)
			}
			ok := false
			eng.onLocate = func(b bool) { ok = b }
			got, err := eng.Search(ctx, req)
			eng.onLocate = nil
			if err != nil {
				t.Fatalf("%q: %v", req.Query, err)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Fatalf("%q: %d hits, want %d", req.Query, len(got.Hits), len(want.Hits))
			}
			differ := false
			for i := range got.Hits {
				if !slices.Equal(got.Hits[i].Highlights, want.Hits[i].Highlights) {
					differ = true
					t.Logf("%q: hit %s highlighted\n%q\nBleve's locations\n%q", req.Query, got.Hits[i].ID, got.Hits[i].Highlights, want.Hits[i].Highlights)
				}
			}
			if differ {
				differing++
				checkMoreLocations(t, eng, req)
			}
			if len(want.Hits) == 0 {
				continue
			}
			total++
			if ok {
				located++
			}
		}
	}
	t.Logf("%d of %d queries located without Bleve's searchers; %d highlighted otherwise", located, total, differing)
	if total > 0 && located*10 < total*9 {
		t.Errorf("only %d of %d queries located without Bleve's searchers", located, total)
	}
}

// checkMoreLocations checks, for a query whose highlights differ, that
// the locator's locations of every hit hold all of Bleve's. The one
// difference seen (+梅雨 前線 on an index of several segments, after
// other questions) is Bleve's searchers reporting no locations of the
// optional clause's 前線 in some hits that have it, depending on the
// page's ids; where that comes from in Bleve's BooleanSearcher was not
// established.
func checkMoreLocations(t *testing.T, eng *Engine, req Request) {
	t.Helper()
	ctx := context.Background()
	if err := validate(&req); err != nil {
		t.Fatal(err)
	}
	p, err := eng.plan(req)
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.ix.Search(ctx, bleve.NewSearchRequestOptions(p.query, req.Size, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	old, err := eng.searchLocations(ctx, p.query, ids)
	if err != nil {
		t.Fatal(err)
	}
	located, ok, err := eng.hitLocations(ctx, p.query, res.Hits)
	if err != nil || !ok {
		t.Fatalf("%q: not located (%v)", req.Query, err)
	}
	byID := map[string]*bsearch.DocumentMatch{}
	for _, m := range located {
		byID[m.ID] = m
	}
	for _, m := range old {
		n := byID[m.ID]
		if n == nil {
			t.Errorf("%q: %s matched by Bleve's searchers only", req.Query, m.ID)
			continue
		}
		for term, locs := range m.Locations[indexer.FieldText] {
			for _, l := range locs {
				if !slices.ContainsFunc(n.Locations[indexer.FieldText][term], func(x *bsearch.Location) bool { return x.Pos == l.Pos }) {
					t.Errorf("%q: %s: %s at %d found by Bleve's searchers only", req.Query, m.ID, term, l.Pos)
				}
			}
		}
	}
}
