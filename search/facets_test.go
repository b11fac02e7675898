package search

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/google/go-cmp/cmp"
)

// TestFacetAddAll checks that counting a bitmap of matches (by
// intersecting the values' bitsets, or match by match when a field has
// many values or the matches are few) gives the counts of adding the
// matches one at a time.
func TestFacetAddAll(t *testing.T) {
	for _, tc := range []struct {
		name          string
		docs, values  int
		runs, matches int // runs of equal values; matches drawn
	}{
		{"few values, many matches", 100000, 5, 40, 30000},
		{"many values, few matches", 100000, 5000, 5000, 300},
		{"few values, few matches", 100000, 50, 500, 300},
		{"many values, many matches", 100000, 500, 500, 90000},
		{"values in runs", 70000, 60, 60, 20000},
		{"scattered values", 3000, 7, 3000, 1500},
		{"no matches", 1000, 3, 3, 0},
		{"documents without a value", 5000, 4, 100, 2500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tc.docs)))
			tab := &facetTable{}
			for f := range 2 {
				c := facetColumn{name: fmt.Sprint("f", f), docs: make([]uint32, tc.docs-rng.IntN(10))}
				for n := range tc.values {
					c.values = append(c.values, fmt.Sprint("v", n))
				}
				run := max(1, len(c.docs)/tc.runs)
				v := uint32(0)
				for d := range c.docs {
					if d%run == 0 {
						v = uint32(rng.IntN(tc.values + 1)) // 0: no value
					}
					c.docs[d] = v
				}
				c.makeDense()
				tab.fields = append(tab.fields, c)
			}
			all := roaring.New()
			for range tc.matches {
				all.Add(uint32(rng.IntN(tc.docs)))
			}
			want, got := tab.newCounts(), tab.newCounts()
			for it := all.Iterator(); it.HasNext(); {
				want.add(uint64(it.Next()))
			}
			got.addAll(all)
			if diff := cmp.Diff(want.result(1000), got.result(1000)); diff != "" {
				t.Errorf("facets (-per match +bitmaps):\n%s", diff)
			}
		})
	}
}
