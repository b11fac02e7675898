package zap

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	seg "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// termMerger merges the postings of one field's terms from the
// dictionaries of the segments merged into the new segment: what
// mergeAndPersistInvertedSection did term by term, held apart so that
// several ranges of terms can be merged at once (mergeFieldTerms).
type termMerger struct {
	dicts      []*Dictionary // the field's dictionary in each segment that has it, in segment order
	drops      []*roaring.Bitmap
	newDocNums [][]uint64
	fieldsMap  map[string]uint16
	copyBytes  bool // the freq/norm and location bytes can be copied as they are
	chunkMode  uint32
	numDocs    uint64 // of the new segment
	closeCh    chan struct{}

	tfEncoder, locEncoder *chunkedIntCoder
	newRoaring            *roaring.Bitmap
	postings              *PostingsList
	counted               *PostingsList // read for its count only
	postItr               *PostingsIterator
	bufLoc                []uint64
	varint                []byte
}

// reset readies m's buffers for a range of terms.
func (m *termMerger) reset() {
	if m.tfEncoder == nil {
		// Initialised with chunk size 1024, then set for each term.
		m.tfEncoder = newChunkedIntCoder(1024, m.numDocs-1)
		m.locEncoder = newChunkedIntCoder(1024, m.numDocs-1)
		m.newRoaring = roaring.NewBitmap()
		m.varint = make([]byte, binary.MaxVarintLen64)
	}
	m.tfEncoder.Reset()
	m.locEncoder.Reset()
	m.newRoaring.Clear()
}

// fork returns a merger of the same terms with buffers of its own.
func (m *termMerger) fork() *termMerger {
	return &termMerger{dicts: m.dicts, drops: m.drops, newDocNums: m.newDocNums, fieldsMap: m.fieldsMap,
		copyBytes: m.copyBytes, chunkMode: m.chunkMode, numDocs: m.numDocs, closeCh: m.closeCh}
}

// mergeRange merges the terms from start (inclusive) to end (exclusive),
// nil being no bound, writing each term's postings to w and calling
// insert with the term and its dictionary value, in the terms' order.
func (m *termMerger) mergeRange(start, end []byte, w *FileWriter, insert func(term []byte, val uint64) error) error {
	m.reset()
	var itrs []vellum.Iterator
	var dicts []*Dictionary
	var drops []*roaring.Bitmap
	var newDocNums [][]uint64
	for i, d := range m.dicts {
		itr, err := d.fst.Iterator(start, end)
		if errors.Is(err, vellum.ErrIteratorDone) {
			continue
		}
		if err != nil {
			return err
		}
		itrs = append(itrs, &boundedIterator{Iterator: itr})
		dicts = append(dicts, d)
		drops = append(drops, m.drops[i])
		newDocNums = append(newDocNums, m.newDocNums[i])
	}
	if len(itrs) == 0 {
		return nil
	}
	tfEncoder, locEncoder, newRoaring := m.tfEncoder, m.locEncoder, m.newRoaring

	var prevTerm []byte
	var lastDocNum, lastFreq, lastNorm uint64

	// determines whether to use "1-hit" encoding optimization
	// when a term appears in only 1 doc, with no loc info,
	// has freq of 1, and the docNum fits into 31-bits
	use1HitEncoding := func(termCardinality uint64) (bool, uint64, uint64) {
		if termCardinality == uint64(1) && locEncoder.FinalSize() <= 0 {
			docNum := uint64(newRoaring.Minimum())
			if under32Bits(docNum) && docNum == lastDocNum && lastFreq == 1 {
				return true, docNum, lastNorm
			}
		}
		return false, 0, 0
	}

	finishTerm := func(term []byte) error {
		tfEncoder.Close()
		locEncoder.Close()

		postingsOffset, err := writePostings(newRoaring,
			tfEncoder, locEncoder, use1HitEncoding, w, m.varint)
		if err != nil {
			return err
		}

		if postingsOffset > 0 {
			if err := insert(term, postingsOffset); err != nil {
				return err
			}
		}

		newRoaring.Clear()

		tfEncoder.Reset()
		locEncoder.Reset()

		lastDocNum = 0
		lastFreq = 0
		lastNorm = 0

		return nil
	}

	enumerator, err := newEnumerator(itrs)

	for err == nil {
		term, itrI, postingsOffset := enumerator.Current()

		if !bytes.Equal(prevTerm, term) {
			// check for the closure in meantime
			if isClosed(m.closeCh) {
				return seg.ErrClosed
			}

			// if the term changed, write out the info collected
			// for the previous term
			if err := finishTerm(prevTerm); err != nil {
				return err
			}
		}
		if !bytes.Equal(prevTerm, term) || prevTerm == nil {
			// compute cardinality of field-term in new seg
			var newCard uint64
			lowItrIdxs, lowItrVals := enumerator.GetLowIdxsAndValues()
			for i, idx := range lowItrIdxs {
				m.counted, err = dicts[idx].postingsListFromOffset(lowItrVals[i], drops[idx], m.counted)
				if err != nil {
					return err
				}
				newCard += m.counted.Count()
			}
			// compute correct chunk size with this
			chunkSize, err := getChunkSize(m.chunkMode, newCard, m.numDocs)
			if err != nil {
				return err
			}
			// update encoders chunk
			tfEncoder.SetChunkSize(chunkSize, m.numDocs-1)
			locEncoder.SetChunkSize(chunkSize, m.numDocs-1)
		}

		m.postings, err = dicts[itrI].postingsListFromOffset(
			postingsOffset, drops[itrI], m.postings)
		if err != nil {
			return err
		}

		m.postItr = m.postings.iterator(true, true, true, m.postItr)

		// can only safely copy data if all segments have same fields and all have an empty
		// writer id (i.e. no callbacks)
		if m.copyBytes {
			// can optimize by copying freq/norm/loc bytes directly
			lastDocNum, lastFreq, lastNorm, err = mergeTermFreqNormLocsByCopying(
				term, m.postItr, newDocNums[itrI], newRoaring,
				tfEncoder, locEncoder)
		} else {
			lastDocNum, lastFreq, lastNorm, m.bufLoc, err = mergeTermFreqNormLocs(
				m.fieldsMap, term, m.postItr, newDocNums[itrI], newRoaring,
				tfEncoder, locEncoder, m.bufLoc)
		}
		if err != nil {
			return err
		}

		prevTerm = prevTerm[:0] // copy to prevTerm in case Next() reuses term mem
		prevTerm = append(prevTerm, term...)

		err = enumerator.Next()
	}
	if err != vellum.ErrIteratorDone {
		return err
	}
	// close the enumerator to free the underlying iterators
	if err := enumerator.Close(); err != nil {
		return err
	}

	return finishTerm(prevTerm)
}

// parallelMergeBytes is the estimated size of a field's postings in the
// new segment from which mergeFieldTerms merges its terms in several
// ranges at once; a variable for tests.
var parallelMergeBytes uint64 = 4 << 20

// mergeFieldTerms merges the terms of m's field into w, inserting them
// into dict. A field of large postings, when several CPUs can run, is
// cut into ranges of terms of about equal postings, one per CPU, merged
// at once: the first straight into w, each other into a file of its own
// in spillDir, copied into w after the first with its offsets moved, so
// that the segment is the one a merge term by term writes, byte for
// byte. The final merge of a build was a single-threaded eighth of its
// time (48 MB of text: 1.5 of 12 s). spillDir "" merges term by term.
func mergeFieldTerms(m *termMerger, w *FileWriter, dict *vellum.Builder, spillDir string) error {
	parts := runtime.GOMAXPROCS(0)
	var keys [][]byte
	if parts > 1 && spillDir != "" && w.id == "" {
		keys = m.splitKeys(parts)
	}
	if len(keys) == 0 {
		return m.mergeRange(nil, nil, w, dict.Insert)
	}
	type spill struct {
		file  *os.File
		terms [][]byte
		vals  []uint64
		err   error
	}
	spills := make([]spill, len(keys))
	defer func() {
		for _, s := range spills {
			if s.file != nil {
				s.file.Close()
				os.Remove(s.file.Name())
			}
		}
	}()
	var wg sync.WaitGroup
	for i := range spills {
		s := &spills[i]
		var end []byte
		if i+1 < len(keys) {
			end = keys[i+1]
		}
		if s.file, s.err = os.CreateTemp(spillDir, "merge-*.part"); s.err != nil {
			break
		}
		wg.Add(1)
		go func(start, end []byte) {
			defer wg.Done()
			bw := bufio.NewWriterSize(s.file, DefaultFileMergerBufferSize)
			sw := NewFileWriterEmpty(NewCountHashWriter(bw))
			// Offset 0 means "none" in a postings record: the
			// spill's offsets start at 1.
			if _, s.err = sw.Write([]byte{0}); s.err != nil {
				return
			}
			s.err = m.fork().mergeRange(start, end, sw, func(term []byte, val uint64) error {
				s.terms = append(s.terms, bytes.Clone(term))
				s.vals = append(s.vals, val)
				return nil
			})
			if s.err == nil {
				s.err = bw.Flush()
			}
		}(keys[i], end)
	}
	err := m.mergeRange(nil, keys[0], w, dict.Insert)
	wg.Wait()
	for _, s := range spills {
		err = errors.Join(err, s.err)
	}
	if errors.Is(err, seg.ErrClosed) {
		return seg.ErrClosed // Scorch tells a closed index by this very error
	}
	if err != nil {
		return err
	}
	for _, s := range spills {
		if err := copySpill(w, s.file, s.terms, s.vals, dict); err != nil {
			return fmt.Errorf("merge: copy a range of terms: %w", err)
		}
	}
	return nil
}

// copySpill copies the postings a merge of a range of terms wrote to f,
// its offsets counted from f's start, to w, and inserts the terms into
// dict. A postings record's offsets, of the term's freq/norm and location
// chunks just before it, move by the distance between where the record
// was in f and where it lands in w; moved offsets may take more bytes,
// so that distance grows from record to record.
func copySpill(w *FileWriter, f *os.File, terms [][]byte, vals []uint64, dict *vellum.Builder) error {
	if _, err := f.Seek(1, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, DefaultFileMergerBufferSize)
	pos := uint64(1) // the offset in f that r reads next
	varint := make([]byte, binary.MaxVarintLen64)
	putUvarint := func(v uint64) error {
		_, err := w.Write(varint[:binary.PutUvarint(varint, v)])
		return err
	}
	for i, term := range terms {
		val := vals[i]
		if val&FSTValEncodingMask == FSTValEncoding1Hit {
			if err := dict.Insert(term, val); err != nil {
				return err
			}
			continue
		}
		if val < pos {
			return fmt.Errorf("postings record at %d before %d", val, pos)
		}
		if _, err := io.CopyN(w, r, int64(val-pos)); err != nil {
			return err
		}
		tf, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		loc, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		at := uint64(w.Count())
		move := func(off uint64) uint64 {
			if off == termNotEncoded {
				return off
			}
			return off + at - val
		}
		if err := putUvarint(move(tf)); err != nil {
			return err
		}
		if err := putUvarint(move(loc)); err != nil {
			return err
		}
		if err := putUvarint(n); err != nil {
			return err
		}
		if _, err := io.CopyN(w, r, int64(n)); err != nil {
			return err
		}
		pos = val + uint64(uvarintLen(tf)+uvarintLen(loc)+uvarintLen(n)) + n
		if err := dict.Insert(term, at); err != nil {
			return err
		}
	}
	_, err := io.Copy(w, r)
	return err
}

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

// splitKeys returns up to parts-1 terms that cut m's field into ranges
// of about equal postings, the first term of each range but the first,
// or none when the field's postings are small. It reads the dictionary
// of the largest segment, whose values, the offsets of the terms'
// postings records, grow with the postings written before them.
func (m *termMerger) splitKeys(parts int) [][]byte {
	var big *Dictionary
	var docs uint64
	for _, d := range m.dicts {
		if big == nil || d.sb.numDocs > big.sb.numDocs {
			big = d
		}
		docs += d.sb.numDocs
	}
	if big == nil || big.sb.numDocs == 0 {
		return nil
	}
	var terms [][]byte
	var offs []uint64
	itr, err := big.fst.Iterator(nil, nil)
	for err == nil {
		term, val := itr.Current()
		if val&FSTValEncodingMask != FSTValEncoding1Hit {
			terms = append(terms, bytes.Clone(term))
			offs = append(offs, val)
		}
		err = itr.Next()
	}
	if len(offs) < 2*parts {
		return nil
	}
	first, last := offs[0], offs[len(offs)-1]
	// The other segments' postings, in proportion to their documents.
	if last <= first || float64(last-first)*float64(docs)/float64(big.sb.numDocs) < float64(parallelMergeBytes) {
		return nil
	}
	var keys [][]byte
	k := 0
	for p := 1; p < parts; p++ {
		cut := first + (last-first)*uint64(p)/uint64(parts)
		for k < len(offs) && offs[k] < cut {
			k++
		}
		if k == 0 || k >= len(offs) {
			continue
		}
		if n := len(keys); n > 0 && bytes.Compare(terms[k], keys[n-1]) <= 0 {
			continue
		}
		keys = append(keys, terms[k])
	}
	return keys
}

// boundedIterator is an iterator of a range of an FST's keys that, once
// done, has no current key: vellum's iterator, stopped at the end of its
// range, keeps the key past the end as its current one, which the
// enumerator would take.
type boundedIterator struct {
	vellum.Iterator
	done bool
}

func (b *boundedIterator) Next() error {
	err := b.Iterator.Next()
	if errors.Is(err, vellum.ErrIteratorDone) {
		b.done = true
	}
	return err
}

func (b *boundedIterator) Current() ([]byte, uint64) {
	if b.done {
		return nil, 0
	}
	return b.Iterator.Current()
}
