package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestSegmentPostingsAdvance checks that advancing a posting list (which
// skips zap's chunks) reads the same postings as reading it document by
// document, on lists of several chunks, with targets on and between the
// documents, near and far, with and without moving to the target's chunk
// first (indexer.SkipToChunk), and between reads of the next document.
func TestSegmentPostingsAdvance(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	ps := postingsPassages(6000, rng, true)
	rd, sctx := oneSegment(t, ctx, ps)
	type posting struct {
		doc, freq    uint64
		norm, length float64
	}
	for _, term := range []string{"防衛", "宇宙", "監視"} {
		all := map[uint64]posting{}
		var docs []uint64
		p, n, err := openPostings(sctx, rd, indexer.FieldText, term)
		if err != nil {
			t.Fatal(err)
		}
		chunk := indexer.PostingsChunk(sctx.Value(segmentKey{}).(*singleSegment).ss.Segment(), n)
		if _, ok := p.(*segmentPostings); !ok || chunk == 0 || (n > 1024 && chunk >= 6000) {
			t.Fatalf("%s: postings %T, chunk of %d documents for %d documents", term, p, chunk, n)
		}
		for {
			doc, freq, norm, length, ok, err := p.next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			all[doc] = posting{doc, freq, norm, length}
			docs = append(docs, doc)
		}
		if uint64(len(docs)) != n {
			t.Fatalf("%s: read %d postings of %d", term, len(docs), n)
		}
		for trial := range 20 {
			p, _, err := openPostings(sctx, rd, indexer.FieldText, term)
			if err != nil {
				t.Fatal(err)
			}
			target := uint64(0)
			for read := false; ; read = true {
				// Steps from 1 to about two chunks, or the next document.
				var doc, freq uint64
				var norm, length float64
				var ok bool
				var err error
				if rng.IntN(4) == 0 {
					if read {
						target++
					}
					doc, freq, norm, length, ok, err = p.next()
				} else {
					target += 1 + uint64(rng.IntN(1+trial*200))
					if trial%2 == 1 {
						// The bitmap iterator moved to the target's
						// chunk first, by indexer.SkipToChunk.
						indexer.SkipToChunk(p.(*segmentPostings).it, target/chunk*chunk)
					}
					doc, freq, norm, length, ok, err = p.advance(target)
				}
				if err != nil {
					t.Fatal(err)
				}
				// The first document at or after target.
				i := 0
				for i < len(docs) && docs[i] < target {
					i++
				}
				if i == len(docs) {
					if ok {
						t.Fatalf("%s: advance(%d) gave %d after the last document", term, target, doc)
					}
					break
				}
				if want := all[docs[i]]; !ok || (posting{doc, freq, norm, length}) != want {
					t.Fatalf("%s: advance(%d) = %d %d %g %g, want %+v", term, target, doc, freq, norm, length, want)
				}
				target = doc
			}
		}
	}
}

// postingsPassages returns n passages p00000, p00001, … for reading
// posting lists of several chunks: 防衛 in every passage, 宇宙 in two of
// three, with watch 監視 in one of seven, with frequencies and lengths
// that vary by rng.
func postingsPassages(n int, rng *rand.Rand, watch bool) []corpus.Passage {
	var ps []corpus.Passage
	for i := range n {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteString("防衛の記録。")
		}
		if i%3 != 0 {
			b.WriteString(strings.Repeat("宇宙の話。", 1+i%5))
		}
		if watch && i%7 == 0 {
			b.WriteString("監視。")
		}
		b.WriteString(strings.Repeat("その他。", rng.IntN(6)))
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("p%05d", i), Text: b.String()})
	}
	return ps
}

// oneSegment indexes ps in memory in one segment, closed when the test
// ends, and returns a reader of it and ctx with the segment (withSegment).
func oneSegment(t *testing.T, ctx context.Context, ps []corpus.Passage) (index.IndexReader, context.Context) {
	t.Helper()
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{BatchSize: len(ps)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	rd := reader(t, ix)
	sctx := withSegment(ctx, rd)
	if _, ok := sctx.Value(segmentKey{}).(*singleSegment); !ok {
		t.Fatal("the index has more than one segment")
	}
	return rd, sctx
}

// TestSegmentPostingsAdvanceLocations checks that advancing a zap posting
// list read with its locations (as phrases read them) gives the
// positions that reading it document by document gives.
func TestSegmentPostingsAdvanceLocations(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	ps := postingsPassages(5000, rng, false)
	_, sctx := oneSegment(t, ctx, ps)
	seg := sctx.Value(segmentKey{}).(*singleSegment)
	type posting struct {
		freq uint64
		pos  string
	}
	read := func(x segment.Posting) posting {
		var pos []string
		for _, l := range x.Locations() {
			pos = append(pos, fmt.Sprint(l.Pos()))
		}
		return posting{x.Frequency(), strings.Join(pos, ",")}
	}
	for _, term := range []string{"防衛", "宇宙"} {
		pl, err := seg.list(indexer.FieldText, indexer.FieldText+"\x00"+term, term)
		if err != nil {
			t.Fatal(err)
		}
		all := map[uint64]posting{}
		var docs []uint64
		it := pl.Iterator(true, true, true, nil)
		for {
			x, err := it.Next()
			if err != nil {
				t.Fatal(err)
			}
			if x == nil {
				break
			}
			all[x.Number()] = read(x)
			docs = append(docs, x.Number())
		}
		for trial := range 10 {
			it := pl.Iterator(true, true, true, nil)
			target := uint64(0)
			for {
				target += 1 + uint64(rng.IntN(1+trial*300))
				x, err := it.Advance(target)
				if err != nil {
					t.Fatal(err)
				}
				i, _ := slices.BinarySearch(docs, target)
				if i == len(docs) {
					if x != nil {
						t.Fatalf("%s: Advance(%d) gave %d after the last document", term, target, x.Number())
					}
					break
				}
				if x == nil || x.Number() != docs[i] || read(x) != all[docs[i]] {
					t.Fatalf("%s: Advance(%d) = %v, want %d %+v", term, target, x, docs[i], all[docs[i]])
				}
				target = x.Number()
			}
		}
	}
}
