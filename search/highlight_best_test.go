package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/kensaku/kensaku/indexer"
)

// TestBestFragmentSameAsBleve checks that bestFragment returns what
// Bleve's highlighter configured as highlightStyle returns, byte for byte,
// for the hits of the JSQuAD questions and of a few query syntaxes on the
// built-in corpus.
func TestBestFragmentSameAsBleve(t *testing.T) {
	hl, err := bleve.Config.Cache.HighlighterNamed(highlightStyle)
	if err != nil {
		t.Fatal(err)
	}
	type set struct {
		eng     *Engine
		queries []string
	}
	builtin, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	sets := []set{{builtin, []string{"SSA", "宇宙状況監視", `"宇宙 状況"`, "宇宙 -監視", "SSA OR 衛星", "Space Situational Awareness", "防衛 白書"}}}
	if testing.Short() {
		t.Log("-short: the built-in corpus only")
	} else {
		type question struct{ Query string }
		var qs []string
		for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), 300) {
			qs = append(qs, q.Query)
		}
		sets = append(sets, set{jsquadEngine(t, 400, 0), qs})
	}
	ctx := context.Background()
	compared := 0
	for _, s := range sets {
		for _, q := range s.queries {
			req := Request{Query: q, Size: 10, NoHighlight: true}
			if err := validate(&req); err != nil {
				t.Fatal(err)
			}
			p, err := s.eng.plan(req)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			res, err := s.eng.ix.Search(ctx, bleve.NewSearchRequestOptions(p.query, 10, 0, false))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				continue
			}
			ps, err := s.eng.passagesOf(res.Hits)
			if err != nil {
				t.Fatal(err)
			}
			located, ok, err := s.eng.hitLocations(ctx, p.query, res.Hits)
			if err != nil || !ok {
				continue // left to Bleve's searchers; TestHitLocations covers them
			}
			for _, m := range located {
				var text string
				for i, h := range res.Hits {
					if h.ID == m.ID {
						text = ps[i].Text
					}
				}
				s.eng.withOffsets(m, text)
				got := bestFragment(m, []byte(text))
				d := document.NewDocument(m.ID)
				d.AddField(document.NewTextField(indexer.FieldText, nil, []byte(text)))
				want := hl.BestFragmentsInField(&bsearch.DocumentMatch{ID: m.ID, Locations: m.Locations}, d, indexer.FieldText, 1)
				if !slices.Equal(got, want) {
					t.Errorf("%q, hit %s:\ngot  %q\nwant %q", q, m.ID, got, want)
				}
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("compared %d hits only", compared)
	}
	t.Logf("%d hits compared", compared)
}
