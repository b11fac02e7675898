package search

import (
	"context"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/kensaku/kensaku/indexer"
)

// postings reads the posting list of one term in one field, in document
// order. For each document it gives the term's frequency, Bleve's norm
// of the field (1/√length, rounded to a float32) and the field length
// Bleve's BM25 derives from the norm (1/norm²).
type postings interface {
	next() (doc, freq uint64, norm, length float64, ok bool, err error)
	// advance moves to the first document at or after target and reads
	// it as next does.
	advance(target uint64) (doc, freq uint64, norm, length float64, ok bool, err error)
	// orInto adds the documents of the list to b; it reports false when
	// the list cannot (b is then unchanged). With a nil b it only
	// reports whether the list can.
	orInto(b *roaring.Bitmap) bool
	close() error
}

// openPostings opens the posting list of term in field and returns it
// with its length. On an index of one segment (what a build usually
// leaves: it ends by merging the segments on disk into one) it reads the
// segment's term dictionaries
// directly, each field's opened once per search; Bleve's TermFieldReader
// opens the field's dictionary again for every term, and on JSQuAD that
// was a third of the cost of looking terms up. On an index of several
// segments (one updated without merging) it reads each segment's list the
// same way, leaving out the segments without the term: Bleve's reader
// opened every segment's dictionary for every term and kept an iterator
// on every segment, and after 100 unmerged updates that made a question
// cost several times a fresh index's. Any other index goes through
// TermFieldReader.
func openPostings(ctx context.Context, r index.IndexReader, field, term string) (postings, uint64, error) {
	switch segs := ctx.Value(segmentKey{}).(type) {
	case *singleSegment:
		return segs.open(field, term)
	case *segmentSet:
		return segs.open(field, term)
	}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, 0, err
	}
	return &readerPostings{r: tfr}, tfr.Count(), nil
}

// docFreq returns the number of passages with term in field, as
// openPostings counts them, without a reader of its postings where the
// segments are known.
func docFreq(ctx context.Context, r index.IndexReader, field, term string) (uint64, error) {
	switch segs := ctx.Value(segmentKey{}).(type) {
	case *singleSegment:
		pl, err := segs.list(field, field+"\x00"+term, term)
		if err != nil {
			return 0, err
		}
		return pl.Count(), nil
	case *segmentSet:
		var n uint64
		key := field + "\x00" + term
		for i := range segs.segs {
			pl, err := segs.segs[i].list(field, key, term)
			if err != nil {
				return 0, err
			}
			n += pl.Count()
		}
		return n, nil
	}
	p, n, err := openPostings(ctx, r, field, term)
	if err != nil {
		return 0, err
	}
	return n, p.close()
}

// withSegment returns ctx with the segments of r, when r is an index
// snapshot, for the anyQueries below to share.
func withSegment(ctx context.Context, r index.IndexReader) context.Context {
	switch ctx.Value(segmentKey{}).(type) {
	case *singleSegment, *segmentSet:
		return ctx
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return ctx
	}
	segs := snap.Segments()
	switch len(segs) {
	case 0:
		return ctx
	case 1:
		return context.WithValue(ctx, segmentKey{}, &singleSegment{ss: segs[0], dicts: map[string]segment.TermDictionary{}})
	}
	// A document's number in the index is its number in its segment plus
	// the documents of the segments before, deleted ones included, as
	// the snapshot numbers them.
	set := &segmentSet{segs: make([]singleSegment, len(segs)), offsets: make([]uint64, len(segs))}
	var running uint64
	for i, ss := range segs {
		set.segs[i] = singleSegment{ss: ss, dicts: map[string]segment.TermDictionary{}}
		set.offsets[i] = running
		running += uint64(ss.FullSize())
	}
	return context.WithValue(ctx, segmentKey{}, set)
}

type segmentKey struct{}

// singleSegment is the only segment of an index snapshot, with the term
// dictionaries a search has opened. A search is one goroutine.
type singleSegment struct {
	ss    *scorch.SegmentSnapshot
	dicts map[string]segment.TermDictionary
	// lists holds the posting lists looked up, by field and term: a
	// search opens most of its terms twice (to score them, and for the
	// hit rule, see hitDocs), and each iterator reads a list anew.
	lists map[string]segment.PostingsList
}

func (s *singleSegment) open(field, term string) (postings, uint64, error) {
	pl, err := s.list(field, field+"\x00"+term, term)
	if err != nil {
		return nil, 0, err
	}
	return s.postings(pl), pl.Count(), nil
}

// list returns the posting list of term in field of the segment; key is
// field and term joined by a zero byte.
func (s *singleSegment) list(field, key, term string) (segment.PostingsList, error) {
	if pl, ok := s.lists[key]; ok {
		return pl, nil
	}
	d, ok := s.dicts[field]
	if !ok {
		var err error
		if d, err = s.ss.Segment().Dictionary(field); err != nil {
			return nil, err
		}
		s.dicts[field] = d
	}
	pl, err := d.PostingsList([]byte(term), s.ss.Deleted(), nil)
	if err != nil {
		return nil, err
	}
	if s.lists == nil {
		s.lists = map[string]segment.PostingsList{}
	}
	s.lists[key] = pl
	return pl, nil
}

// postings returns a reader of pl, a posting list of the segment.
func (s *singleSegment) postings(pl segment.PostingsList) *segmentPostings {
	p := &segmentPostings{pl: pl}
	if pl.Count() == 0 {
		return p // no iterator for a term the segment lacks
	}
	prealloc, _ := postingsIterators.Get().(segment.PostingsIterator)
	p.it = pl.Iterator(true, true, false, prealloc)
	return p
}

// segmentSet is the segments of an index snapshot of several, each with
// the term dictionaries a search has opened, and the number of the first
// document of each in the index.
type segmentSet struct {
	segs    []singleSegment
	offsets []uint64
}

func (s *segmentSet) open(field, term string) (postings, uint64, error) {
	var parts []segmentPart
	var n uint64
	key := field + "\x00" + term
	for i := range s.segs {
		seg := &s.segs[i]
		pl, err := seg.list(field, key, term)
		if err != nil {
			return nil, 0, err
		}
		if c := pl.Count(); c > 0 {
			parts = append(parts, segmentPart{p: seg.postings(pl), offset: s.offsets[i]})
			n += c
		}
	}
	if len(parts) == 1 && parts[0].offset == 0 {
		return parts[0].p, n, nil
	}
	return &multiPostings{parts: parts}, n, nil
}

// multiPostings reads the posting lists of a term in several segments, in
// the order of the segments, which is the order of the documents.
type multiPostings struct {
	parts []segmentPart // the segments that have the term
	i     int           // the part being read
}

type segmentPart struct {
	p      *segmentPostings
	offset uint64 // the number of the segment's first document
}

func (p *multiPostings) next() (uint64, uint64, float64, float64, bool, error) {
	for ; p.i < len(p.parts); p.i++ {
		part := p.parts[p.i]
		doc, freq, norm, length, ok, err := part.p.next()
		if err != nil {
			return 0, 0, 0, 0, false, err
		}
		if ok {
			return doc + part.offset, freq, norm, length, true, nil
		}
	}
	return 0, 0, 0, 0, false, nil
}

func (p *multiPostings) advance(target uint64) (uint64, uint64, float64, float64, bool, error) {
	for ; p.i < len(p.parts); p.i++ {
		if p.i+1 < len(p.parts) && p.parts[p.i+1].offset <= target {
			continue // every document of this part is before target
		}
		part := p.parts[p.i]
		local := uint64(0)
		if target > part.offset {
			local = target - part.offset
		}
		doc, freq, norm, length, ok, err := part.p.advance(local)
		if err != nil {
			return 0, 0, 0, 0, false, err
		}
		if ok {
			return doc + part.offset, freq, norm, length, true, nil
		}
	}
	return 0, 0, 0, 0, false, nil
}

// orInto cannot add the lists' documents (their numbers need the
// segments' offsets), unless there are none.
func (p *multiPostings) orInto(*roaring.Bitmap) bool { return len(p.parts) == 0 }

func (p *multiPostings) close() error { return nil }

// segmentPostings reads a segment's posting list; document numbers in
// the segment are those of the index, as it is the only one.
type segmentPostings struct {
	pl segment.PostingsList
	it segment.PostingsIterator
}

func (p *segmentPostings) next() (uint64, uint64, float64, float64, bool, error) {
	if p.it == nil {
		return 0, 0, 0, 0, false, nil
	}
	x, err := p.it.Next()
	return p.read(x, err)
}

// advance moves to target. kensaku's zap iterator moves its bitmap
// iterator to the target at once, skipping the chunks in between, and
// passes the postings before the target in its chunk without decoding
// them (PostingsIterator.nextDocNumAtOrAfterClean).
func (p *segmentPostings) advance(target uint64) (uint64, uint64, float64, float64, bool, error) {
	if p.it == nil {
		return 0, 0, 0, 0, false, nil
	}
	x, err := p.it.Advance(target)
	return p.read(x, err)
}

// bitmap returns the zap segment's bitmap of the list's documents, to be
// read only, or nil when it has none (see listBitmap).
func (p *segmentPostings) bitmap() *roaring.Bitmap {
	if p.pl.Count() == 0 {
		return nil
	}
	return indexer.PostingsBitmap(p.pl)
}

// listBitmap returns the bitmap of the documents of p, to be read only,
// when p keeps one (a zap segment's list of more than one document, a
// bigram's list), else nil: the documents are then added to a new bitmap
// with orInto.
func listBitmap(p postings) *roaring.Bitmap {
	if b, ok := p.(interface{ bitmap() *roaring.Bitmap }); ok {
		return b.bitmap()
	}
	return nil
}

// orInto adds the list's documents to b, from a zap segment's bitmap.
func (p *segmentPostings) orInto(b *roaring.Bitmap) bool {
	if p.pl.Count() == 0 {
		return true // a term the segment does not have
	}
	pl, ok := p.pl.(interface{ OrInto(*roaring.Bitmap) })
	if ok && b != nil {
		pl.OrInto(b)
	}
	return ok
}

func (p *segmentPostings) read(x segment.Posting, err error) (uint64, uint64, float64, float64, bool, error) {
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

// close hands the list's iterator to the next list opened (see
// postingsIterators); the list reads nothing after.
func (p *segmentPostings) close() error {
	if p.it != nil {
		postingsIterators.Put(p.it)
		p.it = nil
	}
	return nil
}

// postingsIterators keeps the zap iterators of closed lists, which a new
// list's iterator reuses with their buffers: a question opens some fifty
// lists, and their iterators were a tenth of the bytes a JSQuAD question
// allocated.
var postingsIterators sync.Pool

// readerPostings reads a TermFieldReader.
type readerPostings struct {
	r   index.TermFieldReader
	tfd index.TermFieldDoc
}

func (p *readerPostings) next() (uint64, uint64, float64, float64, bool, error) {
	return p.read(p.r.Next(p.tfd.Reset()))
}

func (p *readerPostings) advance(target uint64) (uint64, uint64, float64, float64, bool, error) {
	return p.read(p.r.Advance(index.NewIndexInternalID(nil, target), p.tfd.Reset()))
}

func (p *readerPostings) orInto(*roaring.Bitmap) bool { return false }

func (p *readerPostings) read(m *index.TermFieldDoc, err error) (uint64, uint64, float64, float64, bool, error) {
	if err != nil || m == nil {
		return 0, 0, 0, 0, false, err
	}
	return m.ID.Value(), m.Freq, m.Norm, 1 / (m.Norm * m.Norm), true, nil
}

func (p *readerPostings) close() error { return p.r.Close() }
