package search

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// postings reads the posting list of one term in one field, in document
// order. For each document it gives the term's frequency, Bleve's norm
// of the field (1/√length, rounded to a float32) and the field length
// Bleve's BM25 derives from the norm (1/norm²).
type postings interface {
	next() (doc, freq uint64, norm, length float64, ok bool, err error)
	close() error
}

// openPostings opens the posting list of term in field and returns it
// with its length. On an index of one segment (what a build usually
// leaves: it ends by merging the segments on disk into one) it reads the
// segment's term dictionaries
// directly, each field's opened once per search; Bleve's TermFieldReader
// opens the field's dictionary again for every term, and on JSQuAD that
// was a third of the cost of looking terms up. Any other index goes
// through TermFieldReader.
func openPostings(ctx context.Context, r index.IndexReader, field, term string) (postings, uint64, error) {
	if seg, ok := ctx.Value(segmentKey{}).(*singleSegment); ok {
		return seg.open(field, term)
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, 0, err
	}
	return &readerPostings{r: tfr}, tfr.Count(), nil
}

// withSegment returns ctx with the single segment of r, when r has one,
// for the anyQueries below to share.
func withSegment(ctx context.Context, r index.IndexReader) context.Context {
	if _, ok := ctx.Value(segmentKey{}).(*singleSegment); ok {
		return ctx
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return ctx
	}
	segs := snap.Segments()
	if len(segs) != 1 {
		return ctx
	}
	return context.WithValue(ctx, segmentKey{}, &singleSegment{ss: segs[0], dicts: map[string]segment.TermDictionary{}})
}

type segmentKey struct{}

// singleSegment is the only segment of an index snapshot, with the term
// dictionaries a search has opened. A search is one goroutine.
type singleSegment struct {
	ss    *scorch.SegmentSnapshot
	dicts map[string]segment.TermDictionary
}

func (s *singleSegment) open(field, term string) (postings, uint64, error) {
	d, ok := s.dicts[field]
	if !ok {
		var err error
		if d, err = s.ss.Segment().Dictionary(field); err != nil {
			return nil, 0, err
		}
		s.dicts[field] = d
	}
	pl, err := d.PostingsList([]byte(term), s.ss.Deleted(), nil)
	if err != nil {
		return nil, 0, err
	}
	return &segmentPostings{it: pl.Iterator(true, true, false, nil)}, pl.Count(), nil
}

// segmentPostings reads a segment's posting list; document numbers in
// the segment are those of the index, as it is the only one.
type segmentPostings struct {
	it segment.PostingsIterator
}

func (p *segmentPostings) next() (uint64, uint64, float64, float64, bool, error) {
	x, err := p.it.Next()
	if err != nil || x == nil {
		return 0, 0, 0, 0, false, err
	}
	// A zap segment keeps the field length and computes the norm from it
	// at every call (a square root and a division, a tenth of the time of
	// a question on a large index); short fields come from a table.
	if zp, ok := x.(interface{ NormUint64() uint64 }); ok {
		if l := zp.NormUint64(); l < uint64(len(lengthNorms)) {
			n := &lengthNorms[l]
			return x.Number(), x.Frequency(), n.norm, n.length, true, nil
		}
	}
	norm := x.Norm()
	return x.Number(), x.Frequency(), norm, 1 / (norm * norm), true, nil
}

// lengthNorms holds, for field lengths up to 4095 tokens, the norm a zap
// segment gives (float32(1/√length)) and the length Bleve's BM25 derives
// from it (1/norm²), computed as they compute them so that scores are
// the same to the last bit.
var lengthNorms = func() []struct{ norm, length float64 } {
	t := make([]struct{ norm, length float64 }, 4096)
	for l := range t {
		norm := float64(float32(1.0 / math.Sqrt(float64(l))))
		t[l].norm, t[l].length = norm, 1/(norm*norm)
	}
	return t
}()

func (p *segmentPostings) close() error { return nil }

// readerPostings reads a TermFieldReader.
type readerPostings struct {
	r   index.TermFieldReader
	tfd index.TermFieldDoc
}

func (p *readerPostings) next() (uint64, uint64, float64, float64, bool, error) {
	m, err := p.r.Next(p.tfd.Reset())
	if err != nil || m == nil {
		return 0, 0, 0, 0, false, err
	}
	return m.ID.Value(), m.Freq, m.Norm, 1 / (m.Norm * m.Norm), true, nil
}

func (p *readerPostings) close() error { return p.r.Close() }
