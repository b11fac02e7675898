package indexer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
)

// Bigrams is the bigram index: for every character bigram of the
// passages' text (as the analyzer analyzers.Bigram cuts it), the passages
// that have it, as a bitmap of Bleve's internal document numbers.
//
// It is kept beside the Bleve index rather than as a Bleve field: a Bleve
// field of bigrams (twice as many tokens as the text) took 45% of a
// build's CPU time, a bitmap per bigram takes a small part of that.
// Ranking needs which passages have a bigram and how long each passage's
// bigram sequence is (BM25's length normalisation), not how often a
// passage has it: on JSQuAD, scoring every bigram as found once gave the
// same MRR@10 as with its frequency (0.9438 both). It is immutable and
// safe for concurrent use; a nil *Bigrams has no bigrams.
type Bigrams struct {
	terms   string   // the bigrams, sorted, end to end
	ends    []uint32 // ends[i] is the end of bigram i in terms
	maps    [][]byte // maps[i] is the bitmap of bigram i, serialised
	lengths []uint32 // by document number: the bigrams of the passage
	total   uint64   // the sum of lengths
	// set, when not nil, stands for all of the above: the tables of an
	// index of several segments or with deleted passages (living.go).
	set *bigramSet
	// shared holds the bitmaps SharedDocs decoded.
	shared sharedDocs
}

// sharedDocs keeps decoded bigram bitmaps, up to maxSharedDocsBytes of
// them; past that it starts again.
type sharedDocs struct {
	mu    sync.Mutex
	bms   map[string]*roaring.Bitmap
	bytes uint64
}

// maxSharedDocsBytes bounds the bitmaps a Bigrams keeps decoded.
const maxSharedDocsBytes = 32 << 20

// SharedDocs returns Docs(term), decoded once and then shared by the
// callers, which must not change it (as they must not change a zap
// segment's bitmaps): the questions of a topic share many bigrams, and
// a search opens some of them more than once.
func (b *Bigrams) SharedDocs(term string) (*roaring.Bitmap, error) {
	if b == nil {
		return nil, nil
	}
	c := &b.shared
	c.mu.Lock()
	bm, ok := c.bms[term]
	c.mu.Unlock()
	if ok {
		return bm, nil
	}
	bm, err := b.Docs(term)
	if err != nil {
		return nil, err
	}
	size := uint64(64 + len(term))
	if bm != nil {
		size += bm.GetSizeInBytes()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bms == nil || c.bytes+size > maxSharedDocsBytes {
		c.bms, c.bytes = map[string]*roaring.Bitmap{}, 0
	}
	if size <= maxSharedDocsBytes {
		c.bms[term] = bm
		c.bytes += size
	}
	return bm, nil
}

// Length returns the number of bigrams of the passage with document
// number doc (its length for BM25), 0 for a number out of range.
func (b *Bigrams) Length(doc uint64) uint32 {
	if b != nil && b.set != nil {
		return b.set.length(doc)
	}
	if b != nil && doc < uint64(len(b.lengths)) {
		return b.lengths[doc]
	}
	return 0
}

// MeanLength returns the mean Length of the passages, rounded up as
// Bleve's BM25 rounds its mean field length.
func (b *Bigrams) MeanLength() float64 {
	if b != nil && b.set != nil {
		return b.set.meanLength()
	}
	if b == nil || len(b.lengths) == 0 {
		return 0
	}
	return math.Ceil(float64(b.total) / float64(len(b.lengths)))
}

// Passages returns the number of passages the bigram index numbers.
func (b *Bigrams) Passages() int {
	if b == nil {
		return 0
	}
	if b.set != nil {
		return b.set.live
	}
	return len(b.lengths)
}

// Len returns the number of distinct bigrams.
func (b *Bigrams) Len() int {
	if b == nil {
		return 0
	}
	if b.set != nil {
		return len(b.set.terms())
	}
	return len(b.ends)
}

// Docs returns the passages that have term, or nil. The bitmap is a view
// of the index: do not modify it.
func (b *Bigrams) Docs(term string) (*roaring.Bitmap, error) {
	if b == nil {
		return nil, nil
	}
	if b.set != nil {
		return b.set.docs(term)
	}
	i, ok := sort.Find(len(b.ends), func(i int) int { return strings.Compare(term, b.term(i)) })
	if !ok {
		return nil, nil
	}
	if m := b.maps[i]; len(m) > 0 && m[0] == smallPostingMark {
		docs, ok := decodeSmallPosting(m[1:], uint32(len(b.lengths)))
		if !ok {
			return nil, fmt.Errorf("indexer: bigram %q: %w: bad passage list", term, errBigrams)
		}
		return roaring.BitmapOf(docs...), nil
	}
	if m := b.maps[i]; len(m) > 0 && m[0] == packedPostingMark {
		scratch := packedScratch.Get().(*[]uint32)
		defer packedScratch.Put(scratch)
		docs, ok := decodePackedPosting((*scratch)[:0], m[1:], uint32(len(b.lengths)))
		if !ok {
			return nil, fmt.Errorf("indexer: bigram %q: %w: bad packed passage list", term, errBigrams)
		}
		*scratch = docs
		return bitmapOfSorted(docs)
	}
	bm := roaring.New()
	if _, err := bm.FromBuffer(b.maps[i]); err != nil {
		return nil, fmt.Errorf("indexer: bigram %q: %w", term, err)
	}
	return bm, nil
}

// A bigram found in at most maxSmallPosting passages keeps them as a
// list rather than a Roaring bitmap: smallPostingMark (a byte no
// serialised bitmap starts with: they start with a cookie, 0x3A or 0x3B),
// then the document numbers as uvarints, each less the one before. On
// JSQuAD's 1,145 passages, 57% of the 30,967 bigrams are in one passage,
// and their bitmaps took 18 bytes each for a number of two.
const (
	smallPostingMark = 0x00
	maxSmallPosting  = 8
)

// appendSmallPosting appends the list form of nums, sorted and distinct.
func appendSmallPosting(b []byte, nums []uint32) []byte {
	b = append(b, smallPostingMark)
	last := uint32(0)
	for i, n := range nums {
		if i == 0 {
			b = binary.AppendUvarint(b, uint64(n))
		} else {
			b = binary.AppendUvarint(b, uint64(n-last))
		}
		last = n
	}
	return b
}

// packedScratch holds the numbers Docs decodes before it makes a bitmap.
var packedScratch = sync.Pool{New: func() any { return new([]uint32) }}

// encodePosting returns the posting of nums (sorted, distinct, not
// empty) as a table keeps it: a small list, a packed list or a Roaring
// bitmap, whichever is smallest.
func encodePosting(nums []uint32) ([]byte, error) {
	if len(nums) <= maxSmallPosting {
		return appendSmallPosting(nil, nums), nil
	}
	packed := appendPackedPosting(nil, nums)
	if len(packed) <= roaringSizeAtLeast(nums) {
		return packed, nil // no bitmap to make
	}
	bm := roaring.New()
	bm.AddMany(nums)
	bm.RunOptimize()
	if bm.GetSerializedSizeInBytes() < uint64(len(packed)) {
		return bm.ToBytes()
	}
	return packed, nil
}

// decodeSmallPosting reads the numbers of a list written by
// appendSmallPosting (without its mark), each below limit.
func decodeSmallPosting(b []byte, limit uint32) ([]uint32, bool) {
	var out []uint32
	for len(b) > 0 {
		v, k := binary.Uvarint(b)
		if k <= 0 || len(out) == maxSmallPosting {
			return nil, false
		}
		b = b[k:]
		if len(out) > 0 {
			if v == 0 {
				return nil, false
			}
			v += uint64(out[len(out)-1])
		}
		if v >= uint64(limit) {
			return nil, false
		}
		out = append(out, uint32(v))
	}
	return out, len(out) > 0
}

// Terms calls f with every bigram, in order.
func (b *Bigrams) Terms(f func(term string)) {
	if b != nil && b.set != nil {
		for _, t := range b.set.terms() {
			f(t)
		}
		return
	}
	for i := range b.Len() {
		f(b.term(i))
	}
}

func (b *Bigrams) term(i int) string {
	start := uint32(0)
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.terms[start:b.ends[i]]
}

// bigramsFile is the name of the bigram index in a generation directory.
const bigramsFile = "bigrams.bin"

// bigramsMagic starts a bigram index file; the version follows it.
var bigramsMagic = []byte("kensaku-bigrams\x00")

const bigramsVersion = 3

// The file is the magic, the version (uint32, little-endian), then
// uvarints and bytes: the number of passages d, their d lengths, the
// number of bigrams n, their n lengths (in bytes), the bigrams in order
// end to end, the n postings' lengths and the postings: small lists (see
// maxSmallPosting), packed lists (see packedPostingMark) or bitmaps in
// Roaring's portable format. Versions 1 and 2 kept the lengths, the
// bigrams' ends and the postings' offsets as fixed-size integers, and
// had no packed lists: on the 48 MB scaled JSQuAD corpus, version 3
// takes 10.9 MB where version 2 took 18.2, on JSQuAD 0.42 MB and 0.69.

// writeBigrams writes b to path.
func writeBigrams(path string, b *Bigrams) error {
	var buf []byte
	buf = append(buf, bigramsMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, bigramsVersion)
	buf = binary.AppendUvarint(buf, uint64(len(b.lengths)))
	for _, l := range b.lengths {
		buf = binary.AppendUvarint(buf, uint64(l))
	}
	buf = binary.AppendUvarint(buf, uint64(len(b.ends)))
	for i := range b.ends {
		buf = binary.AppendUvarint(buf, uint64(len(b.term(i))))
	}
	buf = append(buf, b.terms...)
	for _, m := range b.maps {
		buf = binary.AppendUvarint(buf, uint64(len(m)))
	}
	for _, m := range b.maps {
		buf = append(buf, m...)
	}
	return os.WriteFile(path, buf, 0o644)
}

// errBigrams reports a damaged bigram index file.
var errBigrams = errors.New("damaged bigram index")

// readBigrams reads the bigram index at path.
func readBigrams(path string) (*Bigrams, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := parseBigrams(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errBigrams, path, err)
	}
	return b, nil
}

// parseBigrams reads a bigram index file's contents; the postings are
// views of data.
func parseBigrams(data []byte) (*Bigrams, error) {
	if !bytes.HasPrefix(data, bigramsMagic) {
		return nil, errors.New("not a bigram index")
	}
	p := data[len(bigramsMagic):]
	if len(p) < 4 || binary.LittleEndian.Uint32(p) != bigramsVersion {
		return nil, errors.New("unknown version")
	}
	p = p[4:]
	bad := false
	// count reads a number of items that take at least a byte each.
	uvarint := func() uint64 {
		v, k := binary.Uvarint(p)
		if k <= 0 {
			bad = true
			return 0
		}
		p = p[k:]
		return v
	}
	count := func() int {
		v := uvarint()
		if v > uint64(len(p)) {
			bad = true
			return 0
		}
		return int(v)
	}
	b := &Bigrams{}
	b.lengths = make([]uint32, count())
	for i := range b.lengths {
		v := uvarint()
		if v > math.MaxUint32 {
			bad = true
		}
		b.lengths[i] = uint32(v)
		b.total += v
	}
	n := count()
	if bad {
		return nil, errors.New("bad lengths")
	}
	b.ends = make([]uint32, n)
	end := uint64(0)
	for i := range b.ends {
		if l := uvarint(); l > uint64(len(p))-end {
			bad = true
		} else {
			end += l
		}
		b.ends[i] = uint32(end)
	}
	if bad || end > uint64(len(p)) {
		return nil, errors.New("bad bigram lengths")
	}
	b.terms = string(p[:end])
	p = p[end:]
	for i := 1; i < n; i++ {
		if b.term(i-1) >= b.term(i) {
			return nil, fmt.Errorf("bigram %d out of order", i)
		}
	}
	b.maps = make([][]byte, n)
	sizes := make([]int, n)
	for i := range sizes {
		sizes[i] = count()
	}
	if bad {
		return nil, errors.New("bad posting sizes")
	}
	for i, size := range sizes {
		if size > len(p) {
			return nil, errors.New("truncated postings")
		}
		b.maps[i] = p[:size:size]
		p = p[size:]
	}
	if len(p) > 0 {
		return nil, errors.New("bytes after the postings")
	}
	return b, nil
}

// bigramCollector gathers the bigrams of the passages during a build, by
// passage ordinal (the order the build met them in), in one shard per
// worker; finish turns the ordinals into Bleve's document numbers.
type bigramCollector struct {
	ids    []string // by ordinal; written by the build's reading goroutine
	mu     sync.Mutex
	shards []*bigramShard
	// Set by gather.
	terms   []string   // sorted
	lists   [][][]byte // by term: each shard's ordinals, as ordList encodes them
	lengths []uint32   // by ordinal
	// Set by finish: the document number of every ordinal.
	docNum []uint32
}

// bigramShard is what one worker collected. A worker is given its
// batches in the order of their ordinals, so each bigram's ordinals come
// in increasing order and are kept as varint deltas: a byte or two a
// passage, appended without the searches and container updates of a
// roaring bitmap (a 48 MB build spent 2.6 of 40 CPU seconds in
// roaring's Add), and each passage counted once however often the
// bigram occurs in it.
type bigramShard struct {
	short   keyTable          // bigram of up to 7 bytes, packed by shortKey → its list in lists
	long    map[string]uint32 // longer bigram (a Latin word) → its list in lists
	lists   []ordList
	ords    []uint32 // the passages, in the order added
	lengths []uint32 // their numbers of bigrams
	text    []byte   // the text being read, reused
}

// ordList is the increasing ordinals of one bigram's passages: the first
// as a uvarint, then each one's difference from the one before.
type ordList struct {
	buf  []byte
	last uint32
}

func (l *ordList) add(ord uint32) {
	if len(l.buf) > 0 {
		if ord == l.last {
			return
		}
		l.buf = binary.AppendUvarint(l.buf, uint64(ord-l.last))
	} else {
		l.buf = binary.AppendUvarint(l.buf, uint64(ord))
	}
	l.last = ord
}

// decodeOrds appends the ordinals of the list encoded in b to nums.
func decodeOrds(nums []uint32, b []byte) []uint32 {
	var ord uint32
	for first := true; len(b) > 0; first = false {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			panic("indexer: bigrams: bad ordinal list") // written by ordList.add only
		}
		b = b[n:]
		if first {
			ord = uint32(v)
		} else {
			ord += uint32(v)
		}
		nums = append(nums, ord)
	}
	return nums
}

func newBigramCollector() *bigramCollector { return &bigramCollector{} }

// shard returns a new shard, for one goroutine.
func (c *bigramCollector) shard() *bigramShard {
	s := &bigramShard{long: map[string]uint32{}}
	c.mu.Lock()
	c.shards = append(c.shards, s)
	c.mu.Unlock()
	return s
}

// add records the bigrams of the texts of ps, the first with ordinal
// first. Successive calls must give increasing ordinals. docs, when not
// nil, are the passages' analysed documents: the bigrams their analysis
// gave (textBigrams) are taken rather than analysing a text again.
func (s *bigramShard) add(first uint32, ps []corpus.Passage, docs []*document.Document) {
	if len(s.ords) > 0 && first <= s.ords[len(s.ords)-1] {
		panic(fmt.Sprintf("indexer: bigrams: ordinal %d after %d", first, s.ords[len(s.ords)-1]))
	}
	for i, p := range ps {
		ord := first + uint32(i)
		n := uint32(0)
		var terms []byte
		ok := false
		if docs != nil {
			terms, ok = textBigrams(docs[i])
		}
		if ok {
			for {
				term, rest, more := analyzers.NextBigram(terms)
				if !more {
					break
				}
				n++
				s.lists[s.list(term)].add(ord)
				terms = rest
			}
		} else {
			s.text = append(s.text[:0], p.Text...)
			analyzers.BigramTerms(s.text, func(term []byte) {
				n++
				s.lists[s.list(term)].add(ord)
			})
		}
		s.ords = append(s.ords, ord)
		s.lengths = append(s.lengths, n)
	}
}

// list returns the index in s.lists of the list of term, adding it if
// it is new.
func (s *bigramShard) list(term []byte) uint32 {
	if len(term) <= maxShortKey {
		slot := s.short.slot(shortKey(term))
		if *slot == noList {
			*slot = uint32(len(s.lists))
			s.lists = append(s.lists, ordList{})
		}
		return *slot
	}
	k, ok := s.long[string(term)]
	if !ok {
		k = uint32(len(s.lists))
		s.lists = append(s.lists, ordList{})
		s.long[string(term)] = k
	}
	return k
}

// keyTable maps the keys shortKey makes, never 0, to list numbers: an
// open-addressing hash table with linear probing, which a bigram shard
// looks up for every bigram of every passage (Go's map took 0.7 of 30
// CPU seconds of a 48 MB build).
type keyTable struct {
	keys []uint64 // 0: a free slot
	vals []uint32
	n    int // keys held
}

// noList is the value of a key slot returns that was not in the table.
const noList = ^uint32(0)

// slot returns the value of key in t, adding key with the value noList
// if it is not there; the caller sets it.
func (t *keyTable) slot(key uint64) *uint32 {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := keyHash(key) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return &t.vals[i]
		case 0:
			t.keys[i] = key
			t.vals[i] = noList
			t.n++
			return &t.vals[i]
		}
	}
}

// grow doubles the table (to 1,024 slots at first) and puts its keys back.
func (t *keyTable) grow() {
	old := *t
	size := max(2*len(old.keys), 1024)
	*t = keyTable{keys: make([]uint64, size), vals: make([]uint32, size)}
	old.each(func(key uint64, v uint32) { *t.slot(key) = v })
}

// each calls f with every key of t and its value.
func (t *keyTable) each(f func(key uint64, v uint32)) {
	for i, key := range t.keys {
		if key != 0 {
			f(key, t.vals[i])
		}
	}
}

// keyHash mixes a key's bits (Fibonacci hashing), for the low bits that
// index the table.
func keyHash(key uint64) uint64 {
	h := key * 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// maxShortKey is the longest term shortKey packs: a bigram of two kana
// or kanji is six bytes.
const maxShortKey = 7

// shortKey packs a term of up to maxShortKey bytes into an integer, its
// length in the top byte: a map keyed by it hashes and compares faster
// than by the string.
func shortKey(term []byte) uint64 {
	key := uint64(len(term)) << 56
	for i, c := range term {
		key |= uint64(c) << (8 * i)
	}
	return key
}

// shortTerm is the term of a key shortKey made.
func shortTerm(key uint64) string {
	b := make([]byte, key>>56)
	for i := range b {
		b[i] = byte(key >> (8 * i))
	}
	return string(b)
}

// gather puts the shards' bigrams together, sorted, with the passages'
// lengths by ordinal. It needs no index, and runs while the index is
// merged.
func (c *bigramCollector) gather() {
	c.lengths = make([]uint32, len(c.ids))
	shards := c.shards
	c.shards = nil
	all := map[string][][]byte{}
	for k, sh := range shards {
		put := func(t string, i uint32) {
			lists := all[t]
			if lists == nil {
				lists = make([][]byte, len(shards))
				all[t] = lists
			}
			lists[k] = sh.lists[i].buf
		}
		sh.short.each(func(key uint64, i uint32) { put(shortTerm(key), i) })
		for t, i := range sh.long {
			put(t, i)
		}
		sh.short, sh.long, sh.lists = keyTable{}, nil, nil
		for i, ord := range sh.ords {
			if int(ord) < len(c.lengths) {
				c.lengths[ord] = sh.lengths[i]
			}
		}
	}
	c.terms = make([]string, 0, len(all))
	for t := range all {
		c.terms = append(c.terms, t)
	}
	slices.Sort(c.terms)
	c.lists = make([][][]byte, len(c.terms))
	for i, t := range c.terms {
		c.lists[i] = all[t]
	}
}

// finish returns the bigram index of idx, once every passage is in it and
// gather has run.
func (c *bigramCollector) finish(idx bleve.Index) (*Bigrams, error) {
	return c.finishFrom(idx, 0)
}

// finishFrom is finish for passages numbered from base on (an update's
// new segments, at the end of the index): the table numbers them from 0.
func (c *bigramCollector) finishFrom(idx bleve.Index, base uint64) (*Bigrams, error) {
	if err := c.number(idx, base); err != nil {
		return nil, err
	}
	docNum := c.docNum
	n := len(c.terms)
	b := &Bigrams{ends: make([]uint32, n), maps: make([][]byte, n), lengths: make([]uint32, len(c.ids))}
	for ord, d := range docNum {
		b.lengths[d] = c.lengths[ord]
		b.total += uint64(c.lengths[ord])
	}
	var text []byte
	for i, t := range c.terms {
		text = append(text, t...)
		b.ends[i] = uint32(len(text))
	}
	b.terms = string(text)
	// Renumber and serialise the bitmaps, on every CPU.
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			nums := make([]uint32, 0, 1024)
			var seen []uint64 // a bit per document
			for i := w; i < n; i += workers {
				nums = nums[:0]
				for _, l := range c.lists[i] {
					nums = decodeOrds(nums, l)
				}
				for k, ord := range nums {
					nums[k] = docNum[ord]
				}
				if len(nums) >= len(docNum)/denseList {
					seen = sortDense(nums, seen, len(docNum))
				} else {
					slices.Sort(nums)
				}
				var err error
				if b.maps[i], err = encodePosting(nums); err != nil {
					errs[w] = err
					return
				}
				c.lists[i] = nil
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return b, nil
}

// denseList: a list of at least 1/denseList of the documents is sorted
// through a bitmap of them all (sortDense) rather than by comparisons
// (a 48 MB build spent 0.21 of its 0.34 CPU seconds here in sorting).
const denseList = 64

// sortDense sorts nums, distinct numbers below n, by setting their bits
// in seen (cleared and grown as needed, and returned) and reading them
// back in order.
func sortDense(nums []uint32, seen []uint64, n int) []uint64 {
	words := (n + 63) / 64
	if cap(seen) < words {
		seen = make([]uint64, words)
	}
	seen = seen[:words]
	clear(seen)
	for _, d := range nums {
		seen[d/64] |= 1 << (d % 64)
	}
	nums = nums[:0]
	for i, word := range seen {
		for word != 0 {
			nums = append(nums, uint32(i*64+bits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return seen
}

// number sets docNum, once every passage is in idx (numbered from base
// on), unless it is set.
func (c *bigramCollector) number(idx bleve.Index, base uint64) error {
	if c.docNum != nil {
		return nil
	}
	docNum, err := c.docNumbers(idx, base)
	c.docNum = docNum
	return err
}

// docNumbers returns, by ordinal, the passages' document numbers in idx,
// less base; the passages numbered below base are not the collector's.
func (c *bigramCollector) docNumbers(idx bleve.Index, base uint64) ([]uint32, error) {
	ids := c.ids
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ordinal := make(map[string]uint32, len(ids))
	for i, id := range ids {
		ordinal[id] = uint32(i)
	}
	docNum := make([]uint32, len(ids))
	found := 0
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	next := all.Next
	if base > 0 {
		next = func() (index.IndexInternalID, error) {
			next = all.Next
			return all.Advance(index.NewIndexInternalID(nil, base))
		}
	}
	for {
		iid, err := next()
		if err != nil {
			return nil, err
		}
		if iid == nil {
			break
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return nil, err
		}
		ord, ok := ordinal[id]
		if !ok {
			return nil, fmt.Errorf("indexer: bigrams: passage %q was not indexed by this build", id)
		}
		if n := iid.Value(); n < base || n-base >= uint64(len(ids)) {
			return nil, fmt.Errorf("indexer: bigrams: document number %d of %d passages from %d", n, len(ids), base)
		}
		docNum[ord] = uint32(iid.Value() - base)
		found++
	}
	if found != len(ids) {
		return nil, fmt.Errorf("indexer: bigrams: %d passages in the index, %d indexed", found, len(ids))
	}
	return docNum, nil
}
