//go:build unix

package search

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/indexer"
)

// BenchmarkPage measures what a page of results costs on a scaled corpus
// (the JSQuAD passages repeated to $KENSAKU_BENCH_MB megabytes, 12 by
// default, built on disk once; or the index at $KENSAKU_BENCH_INDEX): the
// JSQuAD questions asked as the search page asks them, with facets and
// highlights, and the same without either, and with each alone. Besides
// wall time per request it reports the process's CPU time per request
// (cpu-ms/op, from getrusage, so garbage collection counts): facets and
// highlights should add at most a quarter to plain's. For example, on the
// 48 MB corpus:
//
//	KENSAKU_BENCH_MB=48 go test ./search -run '^$' -bench Page -benchtime 400x
func BenchmarkPage(b *testing.B) {
	base, eng := scaledEngine(b)
	defer eng.Close()
	ctx := context.Background()
	// Warm up first, so that the first variant does not pay for what an
	// engine builds on first use (the English vocabulary of reverse
	// transliteration reads every Latin term of the index) nor for the
	// index's pages coming into memory.
	for _, q := range base.Queries[:min(100, len(base.Queries))] {
		if _, err := eng.Search(ctx, Request{Query: q.Text, Size: 10}); err != nil {
			b.Fatal(err)
		}
	}
	keep := eng.tokens.max
	defer func() { eng.tokens.max = keep }()
	for _, bc := range []struct {
		name              string
		facets, highlight bool
		keep              bool // the passages' analyses kept (see tokensCache)
	}{
		{"plain", false, false, true},
		{"facets", true, false, true},
		{"highlights", false, true, true},
		{"facets-highlights", true, true, true},
		{"facets-highlights-unkept", true, true, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			// Each variant starts with no passage analysis kept
			// (see tokensCache), as a server that has just started;
			// unkept keeps none.
			eng.tokens.reset()
			eng.tokens.max = 0
			if bc.keep {
				eng.tokens.max = keep
			}
			cpu0 := cpuTime()
			i := 0
			for b.Loop() {
				req := Request{Query: base.Queries[i%len(base.Queries)].Text, Size: 10, NoFacets: !bc.facets, NoHighlight: !bc.highlight}
				if _, err := eng.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(i), "cpu-ms/op")
			if bc.highlight && bc.keep {
				b.ReportMetric(100*eng.tokens.hitRate(), "analysis-kept-%")
			}
		})
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHighlightParts measures, per page of the JSQuAD questions on
// the index at $KENSAKU_BENCH_INDEX, what highlighting's steps cost: the
// hits' term locations read by Bleve's searchers (searchLocations) or by
// the locator (hitLocations), their offsets from the passage analysed
// whole or up to the last location (withOffsets), and the fragments
// around them of Bleve's simple fragmenter or simpleFragments. The steps run in one
// process on the same pages, so that they compare under the same load:
//
//	KENSAKU_BENCH_INDEX=DIR go test ./search -run '^$' -bench HighlightParts -count 3
func BenchmarkHighlightParts(b *testing.B) {
	dir := os.Getenv("KENSAKU_BENCH_INDEX")
	if dir == "" {
		b.Skip("no $KENSAKU_BENCH_INDEX")
	}
	base, err := bench.LoadJSQuAD(jsquadDir)
	if err != nil {
		b.Fatal(err)
	}
	eng, err := Open(filepath.Clean(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()
	type page struct {
		q    bquery.Query
		hits bsearch.DocumentMatchCollection
		ids  []string
		text map[string]string
	}
	var pages []page
	for _, q := range base.Queries[:min(300, len(base.Queries))] {
		req := Request{Query: q.Text, Size: 10}
		if err := validate(&req); err != nil {
			b.Fatal(err)
		}
		p, err := eng.plan(req)
		if err != nil {
			b.Fatal(err)
		}
		res, err := eng.ix.Search(ctx, bleve.NewSearchRequestOptions(p.query, 10, 0, false))
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Hits) == 0 {
			continue
		}
		ps, err := eng.passagesOf(res.Hits)
		if err != nil {
			b.Fatal(err)
		}
		pg := page{q: p.query, hits: res.Hits, text: map[string]string{}}
		for i, h := range res.Hits {
			pg.ids = append(pg.ids, h.ID)
			pg.text[h.ID] = ps[i].Text
		}
		pages = append(pages, pg)
	}
	// The locations of each page, whose offsets the offsets steps set
	// again each time (withOffsets drops none of a matching text).
	located := make([][]*bsearch.DocumentMatch, len(pages))
	for i, pg := range pages {
		if located[i], _, err = eng.hitLocations(ctx, pg.q, pg.hits); err != nil {
			b.Fatal(err)
		}
	}
	run := func(b *testing.B, f func(i int)) {
		cpu0 := cpuTime()
		n := 0
		for b.Loop() {
			f(n % len(pages))
			n++
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(n), "cpu-ms/op")
	}
	b.Run("locations-bleve", func(b *testing.B) {
		run(b, func(i int) {
			if _, err := eng.searchLocations(ctx, pages[i].q, pages[i].ids); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("locations-locator", func(b *testing.B) {
		run(b, func(i int) {
			if _, ok, err := eng.hitLocations(ctx, pages[i].q, pages[i].hits); err != nil || !ok {
				b.Fatal(ok, err)
			}
		})
	})
	// The fragments of Bleve's simple fragmenter around the located
	// terms, as Bleve makes them and as simpleFragments does.
	type located1 struct {
		text []byte
		ot   highlight.TermLocations
	}
	frag := make([][]located1, len(pages))
	for i, pg := range pages {
		for _, m := range located[i] {
			eng.withOffsets(m, pg.text[m.ID])
			frag[i] = append(frag[i], located1{[]byte(pg.text[m.ID]), highlight.OrderTermLocations(m.Locations[indexer.FieldText])})
		}
	}
	b.Run("fragments-bleve", func(b *testing.B) {
		f := simple.NewFragmenter(fragmentRunes)
		run(b, func(i int) {
			for _, l := range frag[i] {
				f.Fragment(l.text, l.ot)
			}
		})
	})
	b.Run("fragments-index", func(b *testing.B) {
		run(b, func(i int) {
			for _, l := range frag[i] {
				if _, ok := simpleFragments(l.text, l.ot, fragmentRunes); !ok {
					b.Fatal("simpleFragments did not answer")
				}
			}
		})
	})
	// The passages' analyses are not kept (see tokensCache): these
	// steps repeat the same pages.
	eng.tokens.max = 0
	tok := eng.morphTok
	for _, whole := range []bool{true, false} {
		name := "offsets-until"
		if whole {
			name = "offsets-whole"
		}
		b.Run(name, func(b *testing.B) {
			if whole {
				eng.morphTok = nil
			}
			defer func() { eng.morphTok = tok }()
			run(b, func(i int) {
				for _, m := range located[i] {
					eng.withOffsets(m, pages[i].text[m.ID])
				}
			})
		})
	}
}
