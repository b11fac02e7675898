package search

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/bench"
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
		eng := realTextEngine(t)
		base, err := bench.LoadJSQuAD(jsquadDir)
		if err != nil {
			t.Fatal(err)
		}
		n := 600
		if testing.Short() {
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
	total, located := 0, 0
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
			for i := range got.Hits {
				if !slices.Equal(got.Hits[i].Highlights, want.Hits[i].Highlights) {
					t.Errorf("%q: hit %s highlighted\n%q\nwant\n%q", req.Query, got.Hits[i].ID, got.Hits[i].Highlights, want.Hits[i].Highlights)
				}
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
	t.Logf("%d of %d queries located without Bleve's searchers", located, total)
	if total > 0 && located*10 < total*9 {
		t.Errorf("only %d of %d queries located without Bleve's searchers", located, total)
	}
}
