package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// A living index: a generation that an update made (update.go) holds
// several Scorch segments, with the passages an update replaced or
// deleted marked deleted in Scorch's snapshot, never removed from a
// segment. Bleve's own statistics already leave deleted passages out
// (a posting list's count, the document count), so the term queries and
// BM25 scores are those of an index of the live passages only. What
// kensaku keeps beside Bleve and numbers by Bleve's document numbers is
// kept per segment, immutable like the segment, and put together when
// the generation is opened:
//
//   - the bigram index: one table per segment (segmentsFile names them),
//     put together by bigramSet with the offsets of the segments in
//     Scorch's snapshot, less the deleted passages;
//   - the passage store: likewise one per segment (storeset.go);
//   - the field lengths, passage, document and byte counts of Meta: an
//     update adds those of the new passages and takes off those of the
//     passages it removes (read back from the passage store);
//   - the mined glossary: likewise, mined again from the removed
//     passages' text.
//
// A generation of one segment without deletions (what Build and Optimize
// write) has no segmentsFile: its bigram index is bigramsFile and its
// passage store storeFile, as a build writes them.

// segmentsFile names, in a generation of several segments, the bigram
// table and the passage store of each segment.
const segmentsFile = "segments.json"

// segmentTables maps a Scorch segment (its id, in hex as its file name
// has it) to the file of its bigram table and to that of its passage
// store (storeset.go).
type segmentTables struct {
	Bigrams  map[string]string `json:"bigrams"`
	Passages map[string]string `json:"passages"`
}

// clone returns a copy of t to change.
func (t *segmentTables) clone() *segmentTables {
	return &segmentTables{Bigrams: cloneMap(t.Bigrams), Passages: cloneMap(t.Passages)}
}

// drop forgets the tables of the segment with key.
func (t *segmentTables) drop(key string) {
	delete(t.Bigrams, key)
	delete(t.Passages, key)
}

func segmentKey(id uint64) string { return fmt.Sprintf("%012x", id) }

func readSegmentTables(genDir string) (*segmentTables, error) {
	data, err := os.ReadFile(filepath.Join(genDir, segmentsFile))
	if err != nil {
		return nil, err
	}
	var t segmentTables
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errBigrams, segmentsFile, err)
	}
	return &t, nil
}

func hasSegmentTables(genDir string) bool {
	_, err := os.Stat(filepath.Join(genDir, segmentsFile))
	return err == nil
}

// snapshotSegment is one segment of a Scorch snapshot: its id, the
// document number of its first document in the index, its size
// (deleted documents included) and its deleted documents.
type snapshotSegment struct {
	id, base, size uint64
	deleted        *roaring.Bitmap // by number in the segment; nil for none
}

// snapshotSegments returns the segments of idx's current snapshot.
func snapshotSegments(idx bleve.Index) ([]snapshotSegment, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("unexpected reader %T", r)
	}
	var out []snapshotSegment
	base := uint64(0)
	for _, ss := range snap.Segments() {
		s := snapshotSegment{id: ss.Id(), base: base, size: uint64(ss.FullSize())}
		if d := ss.Deleted(); d != nil && !d.IsEmpty() {
			s.deleted = d.Clone()
		}
		out = append(out, s)
		base += s.size
	}
	return out, nil
}

// openBigramSet returns the bigram index of the generation at genDir,
// whose Bleve index idx is open: single, the table of bigramsFile, when
// the generation has no segmentsFile.
func openBigramSet(genDir string, idx bleve.Index, single *Bigrams) (*Bigrams, error) {
	tables, err := readSegmentTables(genDir)
	if errors.Is(err, os.ErrNotExist) {
		return single, nil
	}
	if err != nil {
		return nil, err
	}
	segs, err := snapshotSegments(idx)
	if err != nil {
		return nil, fmt.Errorf("read bigram index: %w", err)
	}
	cache := map[string]*Bigrams{bigramsFile: single}
	set := &bigramSet{deleted: roaring.New()}
	for _, s := range segs {
		name, ok := tables.Bigrams[segmentKey(s.id)]
		if !ok {
			return nil, fmt.Errorf("%w: segment %s has no bigram table", errBigrams, segmentKey(s.id))
		}
		t, ok := cache[name]
		if !ok {
			if t, err = readBigrams(filepath.Join(genDir, name)); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					err = fmt.Errorf("%w: %s is missing", errBigrams, name)
				}
				return nil, fmt.Errorf("read bigram index: %w", err)
			}
			cache[name] = t
		}
		if uint64(len(t.lengths)) != s.size {
			return nil, fmt.Errorf("%w: %s numbers %d passages, its segment has %d", errBigrams, name, len(t.lengths), s.size)
		}
		set.parts = append(set.parts, bigramPart{t: t, base: s.base, size: s.size})
		if s.deleted != nil {
			set.deleted.Or(roaring.AddOffset64(s.deleted, int64(s.base)))
		}
		for doc, l := range t.lengths {
			if s.deleted == nil || !s.deleted.Contains(uint32(doc)) {
				set.live++
				set.total += uint64(l)
			}
		}
	}
	set.gatherSmall()
	return &Bigrams{set: set}, nil
}

// gatherSmall puts the tables of the small segments (an eighth of the
// passages or less each: what updates add) together in memory, numbered
// as in the index, so that a search looks a bigram up in the large
// segments' tables and once in this one, not in every segment's: with
// 100 segments of 10 passages beside a large one, looking bigrams up took
// a quarter of a question's time.
func (s *bigramSet) gatherSmall() {
	var all uint64
	for _, p := range s.parts {
		all += p.size
	}
	small := map[string]*roaring.Bitmap{}
	var large []bigramPart
	gathered := false
	for _, p := range s.parts {
		if p.size*8 > all {
			large = append(large, p)
			continue
		}
		for j := range p.t.Len() {
			term := p.t.term(j)
			bm, err := p.t.Docs(term)
			if err != nil || bm == nil {
				s.large = s.parts // cannot happen (read at open): look every part up
				return
			}
			bm = roaring.AddOffset64(bm, int64(p.base))
			if m := small[term]; m != nil {
				m.Or(bm)
			} else {
				small[term] = bm
			}
		}
		gathered = true
	}
	s.large = large
	if gathered {
		s.small = small
	}
}

// bigramSet is the bigram index of several segments: each segment's
// table numbers its passages from 0, the set from the segment's base.
type bigramSet struct {
	parts   []bigramPart
	deleted *roaring.Bitmap // by document number in the index
	live    int             // passages not deleted
	total   uint64          // their lengths

	// large are the parts looked up one by one; the bigrams of the
	// others are in small, by term (see gatherSmall).
	large []bigramPart
	small map[string]*roaring.Bitmap

	termsOnce sync.Once
	termList  []string
}

type bigramPart struct {
	t          *Bigrams
	base, size uint64
}

func (s *bigramSet) part(doc uint64) *bigramPart {
	i := sort.Search(len(s.parts), func(i int) bool { return s.parts[i].base+s.parts[i].size > doc })
	if i == len(s.parts) || doc < s.parts[i].base {
		return nil
	}
	return &s.parts[i]
}

func (s *bigramSet) length(doc uint64) uint32 {
	if p := s.part(doc); p != nil {
		return p.t.Length(doc - p.base)
	}
	return 0
}

// meanLength is the mean length of the live passages, rounded up as a
// single table rounds it.
func (s *bigramSet) meanLength() float64 {
	if s.live == 0 {
		return 0
	}
	return math.Ceil(float64(s.total) / float64(s.live))
}

// docs returns the live passages that have term, or nil.
func (s *bigramSet) docs(term string) (*roaring.Bitmap, error) {
	var out *roaring.Bitmap
	if bm := s.small[term]; bm != nil {
		out = bm.Clone()
	}
	for _, p := range s.large {
		bm, err := p.t.Docs(term)
		if err != nil || bm == nil {
			if err != nil {
				return nil, err
			}
			continue
		}
		if p.base > 0 {
			bm = roaring.AddOffset64(bm, int64(p.base))
		}
		if out == nil {
			out = bm
			if p.base == 0 {
				out = bm.Clone() // Docs gives a view of the table
			}
		} else {
			out.Or(bm)
		}
	}
	if out == nil {
		return nil, nil
	}
	out.AndNot(s.deleted)
	if out.IsEmpty() {
		return nil, nil
	}
	return out, nil
}

// terms returns the bigrams of the live passages, sorted.
func (s *bigramSet) terms() []string {
	s.termsOnce.Do(func() {
		seen := map[string]bool{}
		for _, p := range s.parts {
			p.t.Terms(func(t string) {
				if !seen[t] {
					seen[t] = true
				}
			})
		}
		for t := range seen {
			if bm, _ := s.docs(t); bm != nil {
				s.termList = append(s.termList, t)
			}
		}
		slices.Sort(s.termList)
	})
	return s.termList
}

// splitTable cuts t, a table of consecutive segments of the given sizes,
// into one table per segment.
func splitTable(t *Bigrams, sizes []uint64) []*Bigrams {
	out := make([]*Bigrams, len(sizes))
	base := uint64(0)
	for i, size := range sizes {
		if len(sizes) == 1 {
			out[i] = t
			break
		}
		b := &Bigrams{lengths: slices.Clone(t.lengths[base : base+size])}
		for _, l := range b.lengths {
			b.total += uint64(l)
		}
		var text []byte
		for j := range t.Len() {
			bm, _ := t.Docs(t.term(j))
			part := roaring.New()
			part.AddRange(base, base+size)
			part.And(bm)
			if part.IsEmpty() {
				continue
			}
			if base > 0 {
				part = roaring.AddOffset64(part, -int64(base))
			}
			data, err := encodePosting(part.ToArray())
			if err != nil {
				continue // cannot happen: the bitmap is in memory
			}
			text = append(text, t.term(j)...)
			b.ends = append(b.ends, uint32(len(text)))
			b.maps = append(b.maps, data)
		}
		b.terms = string(text)
		out[i] = b
		base += size
	}
	return out
}

// liveTerms keeps the terms of field with at least one live passage:
// Bleve's term dictionaries of a segment still hold the terms of its
// deleted passages. An index without deletions keeps them all.
func (ix *Index) liveTerms(field string, terms []string) ([]string, error) {
	if ix.Bigrams == nil || ix.Bigrams.set == nil || ix.Bigrams.set.deleted.IsEmpty() {
		return terms, nil
	}
	adv, err := ix.bix.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := terms[:0]
	for _, t := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			return nil, err
		}
		n := tfr.Count()
		tfr.Close()
		if n > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// documentCount returns the number of distinct documents of the live
// passages of idx.
func documentCount(idx bleve.Index) (int, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	d, err := r.FieldDict(FieldDocument)
	if err != nil {
		return 0, err
	}
	var terms []string
	for {
		en, err := d.Next()
		if err != nil {
			d.Close()
			return 0, err
		}
		if en == nil {
			break
		}
		terms = append(terms, en.Term)
	}
	d.Close()
	n := 0
	for _, t := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), FieldDocument, false, false, false)
		if err != nil {
			return 0, err
		}
		if tfr.Count() > 0 {
			n++
		}
		tfr.Close()
	}
	return n, nil
}

// documentPassages returns the ids of the live passages of the document
// named name in r.
func documentPassages(r index.IndexReader, name string) ([]string, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(name), FieldDocument, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var ids []string
	var tfd index.TermFieldDoc
	for {
		m, err := tfr.Next(&tfd)
		if err != nil {
			return nil, err
		}
		if m == nil {
			return ids, nil
		}
		id, err := r.ExternalID(m.ID)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
}

func genName(n int64) string { return strconv.FormatInt(n, 36) }
