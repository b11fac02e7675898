package search

import (
	"context"
	"encoding/json"
	"math"
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
		Top         []string // the passages of the year, in any order above all others
		Also        []string // related passages that may rank among them (令和元年度 for 令和元年)
	}
	More []struct {
		Name, Query string
		Top, Also   []string
	} // as Cases, over more passages
	Ranges []struct {
		Name, Query string
		Top, Also   []string
	} // ranges of years: the passages of every year first
	NotExpanded []string // queries without a year
	// Equal lists passages that write the same date in one clause each,
	// in renderings of the query's year: they score alike (within
	// eraTolerance; their lengths differ by a token or two).
	Equal []eraRanking
	// Order lists passages that must rank in this order.
	Order []eraRanking
	// Only lists queries and all the passages they may match, partial
	// matches included.
	Only []eraRanking
}

type eraRanking struct {
	Name, Query string
	IDs         []string
}

// eraTolerance is the relative difference allowed between the scores of
// the passages of an Equal case.
const eraTolerance = 0.08

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
	cases := d.Cases
	for _, c := range d.More {
		cases = append(cases, c)
	}
	for _, c := range d.Ranges {
		cases = append(cases, c)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			res, err := eng.Search(context.Background(), Request{Query: c.Query, NoHighlight: true, Size: 50})
			if err != nil {
				t.Fatalf("Search(%q): %v", c.Query, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			// Every passage of Top ranks above the first passage that is
			// in neither Top nor Also.
			k := slices.IndexFunc(got, func(id string) bool { return !slices.Contains(c.Top, id) && !slices.Contains(c.Also, id) })
			if k < 0 {
				k = len(got)
			}
			for _, id := range c.Top {
				if !slices.Contains(got[:k], id) {
					t.Errorf("%q: %s not above the first unrelated hit (hits %v, want %v first, with %v)", c.Query, id, got, c.Top, c.Also)
				}
			}
			if !slices.ContainsFunc(res.Expansions, func(x Expansion) bool { return x.Source == glossary.SourceEra }) {
				t.Errorf("%q: no era expansion in %+v", c.Query, res.Expansions)
			}
		})
	}
	scores := func(t *testing.T, query string) map[string]float64 {
		res, err := eng.Search(context.Background(), Request{Query: query, NoHighlight: true, Size: 100})
		if err != nil {
			t.Fatalf("Search(%q): %v", query, err)
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	for _, c := range d.Equal {
		t.Run("equal "+c.Name, func(t *testing.T) {
			got := scores(t, c.Query)
			lo, hi := math.Inf(1), 0.0
			for _, id := range c.IDs {
				s, ok := got[id]
				if !ok {
					t.Fatalf("%q: %s not found (%v)", c.Query, id, got)
				}
				lo, hi = min(lo, s), max(hi, s)
			}
			if (hi-lo)/hi > eraTolerance {
				t.Errorf("%q: scores of %v differ by %.1f%% (%v)", c.Query, c.IDs, 100*(hi-lo)/hi, got)
			}
		})
	}
	for _, c := range d.Order {
		t.Run("order "+c.Name, func(t *testing.T) {
			got := scores(t, c.Query)
			for i := 1; i < len(c.IDs); i++ {
				a, b := c.IDs[i-1], c.IDs[i]
				if _, ok := got[b]; !ok {
					t.Fatalf("%q: %s not found (%v)", c.Query, b, got)
				}
				if got[a] <= got[b] {
					t.Errorf("%q: %s (%.3f) not above %s (%.3f)", c.Query, a, got[a], b, got[b])
				}
			}
		})
	}
	for _, c := range d.Only {
		t.Run("only "+c.Name, func(t *testing.T) {
			for id := range scores(t, c.Query) {
				if !slices.Contains(c.IDs, id) {
					t.Errorf("%q matches %s, want only %v", c.Query, id, c.IDs)
				}
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
