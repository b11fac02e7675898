package indexer

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// packedCases are sorted lists of passage numbers below 1<<18: sparse,
// dense (bitmap containers), runs, one per container, the extremes.
func packedCases() map[string][]uint32 {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n int, limit uint32) []uint32 {
		seen := map[uint32]bool{}
		for len(seen) < n {
			seen[r.Uint32N(limit)] = true
		}
		var out []uint32
		for n := range seen {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	cases := map[string][]uint32{
		"one":         {7},
		"zero":        {0},
		"last":        {1<<18 - 1},
		"nine":        {0, 1, 2, 3, 4, 5, 6, 7, 8},
		"block":       random(packedBlock, 1<<18),
		"block+1":     random(packedBlock+1, 1<<18),
		"sparse":      random(1000, 1<<18),
		"dense":       random(50000, 1<<17),
		"array edge":  random(arrayMaxCard, 1<<16),
		"bitmap edge": random(arrayMaxCard+1, 1<<16),
	}
	var runs, spread []uint32
	for d := uint32(0); d < 1<<18; d += 1000 {
		for k := range uint32(10) {
			runs = append(runs, d+k)
		}
		spread = append(spread, d)
	}
	cases["runs"] = runs
	cases["spread"] = spread
	var all []uint32
	for d := range uint32(70000) {
		all = append(all, d)
	}
	cases["all"] = all
	return cases
}

func TestPackedPosting(t *testing.T) {
	const limit = 1 << 18
	for name, nums := range packedCases() {
		t.Run(name, func(t *testing.T) {
			enc := appendPackedPosting(nil, nums)
			if enc[0] != packedPostingMark {
				t.Fatalf("mark %#x", enc[0])
			}
			got, ok := decodePackedPosting(nil, enc[1:], limit)
			if !ok || !slices.Equal(got, nums) {
				t.Fatalf("decoded %d numbers (ok %v), want %d", len(got), ok, len(nums))
			}
			if _, ok := decodePackedPosting(nil, enc[1:], nums[len(nums)-1]); ok {
				t.Errorf("a number at the limit was accepted")
			}
			if _, ok := decodePackedPosting(nil, enc[1:len(enc)-1], limit); ok && len(enc) > 3 {
				t.Errorf("a truncated list was accepted")
			}
			bm, err := bitmapOfSorted(nums)
			if err != nil {
				t.Fatal(err)
			}
			if want := roaring.BitmapOf(nums...); !bm.Equals(want) || bm.GetCardinality() != uint64(len(nums)) {
				t.Errorf("bitmap of %d numbers has %d", len(nums), bm.GetCardinality())
			}
			if !slices.Equal(bm.ToArray(), nums) {
				t.Errorf("bitmap's numbers differ")
			}
			// The table keeps whichever form is smallest, and reads it back.
			m, err := encodePosting(nums)
			if err != nil {
				t.Fatal(err)
			}
			rb := roaring.BitmapOf(nums...)
			rb.RunOptimize()
			size := int(rb.GetSerializedSizeInBytes())
			if bound := roaringSizeAtLeast(nums); bound > size {
				t.Errorf("roaringSizeAtLeast %d, the bitmap takes %d", bound, size)
			}
			if len(nums) > maxSmallPosting && len(m) > min(size, len(enc)) {
				t.Errorf("posting of %d bytes, packed %d, bitmap %d", len(m), len(enc), size)
			}
			if wantBitmap := name == "all" || name == "dense" || name == "runs"; wantBitmap != (m[0] != packedPostingMark && len(nums) > maxSmallPosting) {
				t.Errorf("posting %#x..., want a bitmap: %v", m[0], wantBitmap)
			}
			b := &Bigrams{terms: "ab", ends: []uint32{2}, maps: [][]byte{m}, lengths: make([]uint32, limit)}
			docs, err := b.Docs("ab")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(docs.ToArray(), nums) {
				t.Errorf("Docs: %d numbers, want %d", docs.GetCardinality(), len(nums))
			}
		})
	}
}

func TestPackedPostingBad(t *testing.T) {
	for _, bad := range [][]byte{
		{},                     // no count
		{0},                    // no numbers
		{1},                    // no block
		{1, 33, 0, 0, 0, 0, 0}, // width over 32
		{1, 8},                 // truncated block
		{2, 8, 5},              // truncated block
		{1, 8, 5, 9},           // a byte left over
		{1, 20, 0, 0, 4},       // 1<<18: out of range
		{0x80},                 // a truncated count
		{0xff, 0xff, 0x0f},     // more numbers than passages
	} {
		if got, ok := decodePackedPosting(nil, bad, 1<<18); ok {
			t.Errorf("% x: decoded %v", bad, got)
		}
	}
}

// FuzzPackedPosting checks that the decoder never fails on what it is
// given, and that what it accepts is sorted, distinct, below the limit
// and encodes back to the same numbers.
func FuzzPackedPosting(f *testing.F) {
	for _, nums := range packedCases() {
		f.Add(appendPackedPosting(nil, nums)[1:])
	}
	f.Add([]byte{1, 33, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 1 << 18
		got, ok := decodePackedPosting(nil, data, limit)
		if !ok {
			return
		}
		for i, n := range got {
			if n >= limit || (i > 0 && n <= got[i-1]) {
				t.Fatalf("number %d: %d after %v", i, n, got[max(0, i-1)])
			}
		}
		again, ok := decodePackedPosting(nil, appendPackedPosting(nil, got)[1:], limit)
		if !ok || !slices.Equal(again, got) {
			t.Fatalf("re-encoded list differs")
		}
		bm, err := bitmapOfSorted(got)
		if err != nil || !slices.Equal(bm.ToArray(), got) {
			t.Fatalf("bitmap differs: %v", err)
		}
	})
}
