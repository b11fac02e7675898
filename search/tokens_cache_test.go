package search

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"
)

// TestTokensCache checks the cache's rules: a kept analysis answers a
// position it covers only, a longer one replaces a shorter, a passage
// found in the older generation moves to the newer, and the memory held
// stays bounded.
func TestTokensCache(t *testing.T) {
	toks := func(n int) analysis.TokenStream {
		var ts analysis.TokenStream
		for p := 1; p <= n; p++ {
			ts = append(ts, &analysis.Token{Term: []byte("語"), Start: 3 * (p - 1), End: 3 * p, Position: p})
		}
		return ts
	}
	pt := newPassageTokens("語語語", toks(3), 3)
	for pos, want := range map[uint64]tokenOffsets{1: {"語", 0, 3}, 3: {"語", 6, 9}} {
		if got, ok := pt.token(pos); !ok || got != want {
			t.Errorf("token(%d) = %v, %v, want %v", pos, got, ok, want)
		}
	}
	for _, pos := range []uint64{0, 4, 100} {
		if _, ok := pt.token(pos); ok {
			t.Errorf("token(%d) found", pos)
		}
	}

	c := &tokensCache{max: 1 << 20}
	if _, ok := c.get("a", 1); ok {
		t.Fatal("found in an empty cache")
	}
	c.put("a", newPassageTokens("a", toks(2), 2))
	if _, ok := c.get("a", 2); !ok {
		t.Error("kept analysis up to 2 not found for 2")
	}
	if _, ok := c.get("a", 3); ok {
		t.Error("analysis up to 2 found for 3")
	}
	c.put("a", newPassageTokens("a", toks(5), 5))
	c.put("a", newPassageTokens("a", toks(1), 1)) // shorter: kept is kept
	if got, ok := c.get("a", 5); !ok || got.upTo != 5 {
		t.Errorf("after a longer analysis: %v, %v", got, ok)
	}
	if c.hits != 2 || c.misses != 2 {
		t.Errorf("hits %d misses %d, want 2 and 2", c.hits, c.misses)
	}

	// Two generations of max/2 bytes each.
	one := newPassageTokens("x", toks(10), math.MaxInt)
	c = &tokensCache{max: 4 * one.bytes}
	c.put("p1", one)
	c.put("p2", one)
	c.put("p3", one) // a new generation: p1 and p2 older
	if _, ok := c.get("p1", 1); !ok {
		t.Fatal("p1 lost at the first new generation")
	}
	// p1 moved to the newer generation with p3, which is full now:
	// the next starts another, and p2, left in the older, is dropped.
	c.put("p4", one)
	if _, ok := c.get("p2", 1); ok {
		t.Error("p2 kept past two generations")
	}
	for _, k := range []string{"p1", "p3", "p4"} {
		if _, ok := c.get(k, 1); !ok {
			t.Errorf("%s not kept", k)
		}
	}
	if n := len(c.cur) + len(c.prev); n*one.bytes > c.max {
		t.Errorf("%d analyses of %d bytes kept, more than %d bytes", n, one.bytes, c.max)
	}
	big := newPassageTokens(string(make([]byte, c.max)), nil, 1)
	c.put("big", big)
	if _, ok := c.get("big", 1); ok {
		t.Error("an analysis larger than a generation kept")
	}
	c.reset()
	if len(c.cur)+len(c.prev) != 0 || c.hitRate() != 0 {
		t.Error("reset kept something")
	}

	// Searches at once share it.
	c = &tokensCache{max: 8 * one.bytes}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				key := string(rune('a' + (g+i)%12))
				if pt, ok := c.get(key, 5); ok {
					if tok, _ := pt.token(5); tok.term != "語" {
						t.Errorf("%s: token %v", key, tok)
					}
					continue
				}
				c.put(key, newPassageTokens(key, toks(10), 10))
			}
		})
	}
	wg.Wait()
	if c.hits == 0 || c.curBytes > c.max/2 {
		t.Errorf("%d hits, %d bytes in the newer generation of %d", c.hits, c.curBytes, c.max)
	}
}

// TestHighlightsKept checks that the highlights of searches are the same
// with the passages' analyses kept (tokensCache) as without: for the
// JSQuAD questions over the JSQuAD passages and the real-text queries
// over their pages, each asked twice, so that the second asks find the
// analyses the first kept, and once more in reverse order with pages of
// 20, so that analyses kept up to a position are asked beyond it.
func TestHighlightsKept(t *testing.T) {
	type question struct{ Query string }
	n := 300
	if testing.Short() || raceEnabled {
		n = 40
	}
	var jsq []string
	for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), n) {
		jsq = append(jsq, q.Query)
	}
	sets := []struct {
		name    string
		eng     *Engine
		queries []string
	}{{"jsquad", jsquadEngine(t, 400, 0), jsq}}
	if !testing.Short() && !raceEnabled {
		var real []string
		for _, name := range []string{"queries", "heldout-queries", "blind-queries", "blind4-queries"} {
			for _, q := range readRealQueries(t, filepath.Join(realTextDir, name+".jsonl")) {
				real = append(real, q.Query)
			}
		}
		sets = append(sets, struct {
			name    string
			eng     *Engine
			queries []string
		}{"realtext", realTextEngine(t), real})
	}
	ctx := context.Background()
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			eng := s.eng
			defer func(max int) { eng.tokens.max = max; eng.tokens.reset() }(eng.tokens.max)
			highlights := func(q string, size int) [][]string {
				res, err := eng.Search(ctx, Request{Query: q, Size: size})
				if err != nil {
					t.Fatalf("%q: %v", q, err)
				}
				var out [][]string
				for _, h := range res.Hits {
					out = append(out, append([]string{h.ID}, h.Highlights...))
				}
				return out
			}
			want := map[string][][]string{}
			eng.tokens.max = 0
			for _, size := range []int{10, 20} {
				for _, q := range s.queries {
					want[q+"\x00"+string(rune('0'+size/10))] = highlights(q, size)
				}
			}
			eng.tokens.max = highlightCacheBytes
			eng.tokens.reset()
			check := func(q string, size int) {
				if diff := cmp.Diff(want[q+"\x00"+string(rune('0'+size/10))], highlights(q, size)); diff != "" {
					t.Errorf("%q, %d hits (-analysed +kept):\n%s", q, size, diff)
				}
			}
			for range 2 {
				for _, q := range s.queries {
					check(q, 10)
				}
			}
			for _, q := range slices.Backward(s.queries) {
				check(q, 20)
			}
			if eng.tokens.hits == 0 {
				t.Error("no analysis found kept")
			}
			t.Logf("%d queries, analyses found kept %.0f%%", len(s.queries), 100*eng.tokens.hitRate())
		})
	}
}
