package search

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// eraData is testdata/era.json: passages that write years in the Western
// calendar and in Japanese eras, in several styles, and queries that must
// find every rendering of their year.
type eraData struct {
	Passages []struct{ ID, Text string }
	Cases    []struct {
		Name, Query string
		Top         []string // the first hits, in any order
		Also        []string // passages that may rank among them (令和元年度 for 令和元年)
	}
	NotExpanded []string // queries without a year
}

func readEraData(t *testing.T) eraData {
	t.Helper()
	b, err := os.ReadFile("testdata/era.json")
	if err != nil {
		t.Fatal(err)
	}
	var d eraData
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("testdata/era.json: %v", err)
	}
	return d
}

// TestEraYears checks that a year written in one calendar or style finds
// the passages that write it in the others, and that the era renderings
// are listed in the result's expansions.
func TestEraYears(t *testing.T) {
	d := readEraData(t)
	var passages []corpus.Passage
	for _, p := range d.Passages {
		passages = append(passages, corpus.Passage{ID: p.ID, Document: "d", Kind: corpus.KindBody, Text: p.Text})
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	for _, c := range d.Cases {
		t.Run(c.Name, func(t *testing.T) {
			res, err := eng.Search(context.Background(), Request{Query: c.Query, NoHighlight: true})
			if err != nil {
				t.Fatalf("Search(%q): %v", c.Query, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			n := min(len(got), len(c.Top)+len(c.Also))
			for _, id := range c.Top {
				if !slices.Contains(got[:n], id) {
					t.Errorf("%q: %s not in the first %d hits %v", c.Query, id, n, got[:n])
				}
			}
			for _, id := range got[:n] {
				if !slices.Contains(c.Top, id) && !slices.Contains(c.Also, id) {
					t.Errorf("%q: %s among the first %d hits %v, want only %v (and %v)", c.Query, id, n, got[:n], c.Top, c.Also)
				}
			}
			if !slices.ContainsFunc(res.Expansions, func(x Expansion) bool { return x.Source == glossary.SourceEra }) {
				t.Errorf("%q: no era expansion in %+v", c.Query, res.Expansions)
			}
		})
	}
	for _, q := range d.NotExpanded {
		res, err := eng.Search(context.Background(), Request{Query: q, NoHighlight: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, x := range res.Expansions {
			if strings.Contains(x.Source, glossary.SourceEra) {
				t.Errorf("%q: expanded as a year: %+v", q, x)
			}
		}
	}
}
