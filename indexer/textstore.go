package indexer

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"

	"github.com/kensaku/kensaku/corpus"
)

// The passage store keeps what a hit shows of each passage (its text,
// title, document, section, kind, pages, source and metadata) outside
// Bleve, which stores no field (see NewMapping). Bleve compressed each
// passage's fields on their own with Snappy, which gains little on short
// Japanese passages: 48 MB of text took 48.8 MB. The store packs the
// passages' records into blocks of about storeBlockSize bytes, each
// packed (Japanese characters as 16-bit code points, textpack.go) and
// compressed with zstd against a dictionary made from the first passages'
// records, so that a block compresses about as well as a large one while
// a hit decompresses a few KB. On the 48 MB scale corpus (52.0 MB of
// records), measured block by block: DEFLATE with the records as a preset
// dictionary took 0.415 of the records' bytes in 4 KB blocks (the store's
// first format), 0.394 in 8 KB, 0.377 in 16 KB; zstd with a dictionary
// 0.434, 0.414, 0.396; packed, then zstd 0.390, 0.376, 0.364. A block
// decompressed in about half the CPU time of DEFLATE's of the same size,
// and its cost grows with its size: with 8 KB packed blocks the store is a
// tenth smaller than the first format's (22.2 MB → 19.9 MB) and a page of
// ten passages costs a quarter (48 MB) to 45% (JSQuAD) less CPU time
// (BenchmarkPassages).
//
// A store belongs to one Bleve segment (a build makes one): records are
// numbered by passage ordinal (the order the build read them in, so that
// the build's workers write blocks as they finish them), and a table maps
// the segment's document numbers to ordinals.
//
// File layout (little-endian):
//
//	header   magic (16 bytes), version (uint32), dictionary kind (uint32: 0 none,
//	         1 zstd dictionary, 2 raw history), dictionary length (uint32), its
//	         CRC-32C (uint32), dictionary
//	blocks   zstd frames of the packed records (against the dictionary, no
//	         checksum of their own), in any order
//	table    number of blocks b (uint32), then per block: first ordinal (uint32),
//	         offset (uint64), compressed length (uint32), length (uint32), CRC-32C of
//	         the compressed bytes (uint32); number of passages d (uint32), then d
//	         ordinals (uint32) by document number
//	footer   offset of the table (uint64), its length (uint64), its CRC-32C
//	         (uint32), magic (16 bytes)
//
// A record is a uvarint length and then, each a uvarint length and the
// bytes: id, text, title, document, section path, kind, source, metadata
// (JSON); then page and PDF page (uvarints).

// storeFile is the name of the passage store in a generation directory.
const storeFile = "passages.bin"

var storeMagic = []byte("kensaku-passages")

// storeVersion 2: zstd blocks (1: DEFLATE).
const storeVersion = 2

// storeBlockSize is the length of records after which a block is cut.
// Every hit decompresses its block: 8 KB is about sixteen JSQuAD passages.
const storeBlockSize = 8 << 10

// storeDictSize bounds the dictionary's history (the records of the first
// passages); storeDictMax bounds the dictionary with its entropy tables.
const (
	storeDictSize = 16 << 10
	storeDictMax  = storeDictSize + 4<<10
)

// storeDictSamples is the length of the records after the history that
// fit the dictionary's entropy tables.
const storeDictSamples = 256 << 10

// storeDictMin is the length of records below which the store has no
// dictionary.
const storeDictMin = 256

// The kinds of dictionary.
const (
	dictNone = 0 // blocks are compressed alone
	dictZstd = 1 // a zstd dictionary: history and entropy tables
	dictRaw  = 2 // the history alone
)

// storeDictID is the dictionary's zstd ID, which every block names.
const storeDictID = 1

// storeLevel is the zstd level of the blocks (and the dictionary's tables).
// Every block starts from the dictionary's match tables, which the encoder
// copies back before each block, and an 8 KB block dirties nearly all of
// them: the level's table size, not the block, sets the cost. On the 6 MB
// scale corpus SpeedBetterCompression (4 MB of tables) stored 2,624,543
// bytes in 0.355 CPU seconds, SpeedDefault (1.1 MB) 2,682,981 bytes (+2.2%)
// in 0.175 s, SpeedFastest 2,750,275 bytes (+4.8%) in 0.089 s. Any level
// reads back alike. A build's CPU time counts more than the store's size
// (on the 48 MB scale corpus the store is about 20 of 56 MB, and the index
// is within its size budget): SpeedFastest.
const storeLevel = zstd.SpeedFastest

const storeFooterSize = 8 + 8 + 4 + 16

// storeBlock locates one block of the store.
type storeBlock struct {
	first  uint32 // ordinal of its first record
	off    uint64
	size   uint32 // compressed
	length uint32 // decompressed
	crc    uint32 // of the compressed bytes
}

const storeBlockEntry = 4 + 8 + 4 + 4 + 4

// errStore reports a damaged passage store.
var errStore = errors.New("damaged passage store")

// TextStore is the passage store of an index: the passages as hits show
// them, by document number. It is safe for concurrent use.
type TextStore struct {
	r      io.ReaderAt
	closer io.Closer     // nil for a store in memory
	blocks []storeBlock  // by first ordinal
	ords   []uint32      // by document number
	dec    *zstd.Decoder // safe for concurrent use; reuses its buffers
	bufs   sync.Pool     // of *blockBufs
	// set, when not nil, stands for all of the above: the stores of an
	// index of several segments or with deleted passages (storeset.go).
	set *storeSet
}

// Passages returns the number of passages of the store.
func (s *TextStore) Passages() int {
	if s == nil {
		return 0
	}
	if s.set != nil {
		return s.set.live
	}
	return len(s.ords)
}

// Ordinals returns the ordinal of every passage, by document number: the
// order the build read the passages in, which does not depend on how the
// build batched them or on its workers' timing (Bleve's document numbers
// do). In an index of several segments, a segment's passages follow those
// of the segments before it, each segment's in its own store's order.
// Deleted passages keep theirs. The caller must not change the slice.
func (s *TextStore) Ordinals() []uint32 {
	if s == nil {
		return nil
	}
	if s.set == nil {
		return s.ords
	}
	var n uint64
	if k := len(s.set.parts); k > 0 {
		n = s.set.parts[k-1].base + s.set.parts[k-1].size
	}
	out := make([]uint32, n)
	for _, p := range s.set.parts {
		for local := uint64(0); local < p.size; local++ {
			ord := uint32(local)
			if local < uint64(len(p.s.ords)) {
				ord = p.s.ords[local]
			}
			out[p.base+local] = uint32(p.base) + ord
		}
	}
	return out
}

// Close releases the store's file.
func (s *TextStore) Close() error {
	if s != nil && s.set != nil {
		return s.set.close()
	}
	if s == nil {
		return nil
	}
	if s.dec != nil {
		s.dec.Close()
	}
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// Passage returns the passage with document number doc.
func (s *TextStore) Passage(doc uint64) (corpus.Passage, error) {
	ps, err := s.Get([]uint64{doc})
	if err != nil {
		return corpus.Passage{}, err
	}
	return ps[0], nil
}

// Get returns the passages with document numbers docs, in their order.
// Each block is decompressed once, however many of docs it holds.
func (s *TextStore) Get(docs []uint64) ([]corpus.Passage, error) {
	if s == nil {
		return nil, fmt.Errorf("%w: the index has no passage store", errStore)
	}
	if s.set != nil {
		return s.set.get(docs)
	}
	type want struct {
		ord uint32
		at  int // index in docs
	}
	byBlock := map[int][]want{}
	for i, d := range docs {
		if d >= uint64(len(s.ords)) {
			return nil, fmt.Errorf("%w: document number %d of %d passages", errStore, d, len(s.ords))
		}
		ord := s.ords[d]
		b := s.blockOf(ord)
		byBlock[b] = append(byBlock[b], want{ord, i})
	}
	out := make([]corpus.Passage, len(docs))
	var buf []byte
	for b, ws := range byBlock {
		data, err := s.block(b, buf)
		if err != nil {
			return nil, err
		}
		recs, err := splitRecords(data, s.records(b))
		if err != nil {
			return nil, fmt.Errorf("%w: block %d: %v", errStore, b, err)
		}
		for _, w := range ws {
			p, err := decodeRecord(recs[w.ord-s.blocks[b].first])
			if err != nil {
				return nil, fmt.Errorf("%w: block %d: %v", errStore, b, err)
			}
			out[w.at] = p
		}
		buf = data[:0]
	}
	return out, nil
}

// blockOf returns the block that holds ordinal ord.
func (s *TextStore) blockOf(ord uint32) int {
	return sort.Search(len(s.blocks), func(i int) bool { return s.blocks[i].first > ord }) - 1
}

// records returns the number of records of block b.
func (s *TextStore) records(b int) int {
	end := uint32(len(s.ords))
	if b+1 < len(s.blocks) {
		end = s.blocks[b+1].first
	}
	return int(end - s.blocks[b].first)
}

// blockBufs are the buffers of a block's compressed and packed bytes.
type blockBufs struct{ comp, packed []byte }

// block reads and decompresses block b, into buf if it is large enough.
func (s *TextStore) block(b int, buf []byte) ([]byte, error) {
	bl := s.blocks[b]
	bb, _ := s.bufs.Get().(*blockBufs)
	if bb == nil {
		bb = &blockBufs{}
	}
	defer s.bufs.Put(bb)
	if cap(bb.comp) < int(bl.size) {
		bb.comp = make([]byte, bl.size)
	}
	comp := bb.comp[:bl.size]
	if _, err := s.r.ReadAt(comp, int64(bl.off)); err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", errStore, b, err)
	}
	if crc32.Checksum(comp, castagnoli) != bl.crc {
		return nil, fmt.Errorf("%w: block %d: checksum mismatch", errStore, b)
	}
	packed, err := s.dec.DecodeAll(comp, bb.packed[:0])
	if err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", errStore, b, err)
	}
	bb.packed = packed
	if cap(buf) < int(bl.length) {
		buf = make([]byte, bl.length)
	}
	out := buf[:bl.length]
	n, err := unpack(out, packed)
	if err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", errStore, b, err)
	}
	if n != int(bl.length) {
		return nil, fmt.Errorf("%w: block %d: %d bytes, recorded %d", errStore, b, n, bl.length)
	}
	return out, nil
}

// splitRecords cuts data into n records.
func splitRecords(data []byte, n int) ([][]byte, error) {
	recs := make([][]byte, 0, n)
	for len(data) > 0 {
		l, k := binary.Uvarint(data)
		if k <= 0 || l > uint64(len(data)-k) {
			return nil, errors.New("bad record length")
		}
		recs = append(recs, data[k:k+int(l)])
		data = data[k+int(l):]
	}
	if len(recs) != n {
		return nil, fmt.Errorf("%d records, want %d", len(recs), n)
	}
	return recs, nil
}

// appendRecord appends the record of p to b.
func appendRecord(b []byte, p corpus.Passage) ([]byte, error) {
	var meta []byte
	if len(p.Meta) > 0 {
		var err error
		if meta, err = marshalMeta(p.Meta); err != nil {
			return b, fmt.Errorf("passage %s: encode metadata: %w", p.ID, err)
		}
	}
	strs := [...]string{p.ID, p.Text, p.Title, p.Document, p.SectionPath(), string(p.Kind), p.Source}
	page, pdfPage := uint64(max(p.Page, 0)), uint64(max(p.PDFPage, 0))
	// The record's length first, so that it is written in place.
	n := uvarintLen(uint64(len(meta))) + len(meta) + uvarintLen(page) + uvarintLen(pdfPage)
	for _, s := range strs {
		n += uvarintLen(uint64(len(s))) + len(s)
	}
	b = binary.AppendUvarint(b, uint64(n))
	for _, s := range strs {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(meta)))
	b = append(b, meta...)
	b = binary.AppendUvarint(b, page)
	return binary.AppendUvarint(b, pdfPage), nil
}

// uvarintLen returns the length of x as a uvarint.
func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// decodeRecord reads a record written by appendRecord.
func decodeRecord(rec []byte) (corpus.Passage, error) {
	var strs [8]string
	for i := range strs {
		l, k := binary.Uvarint(rec)
		if k <= 0 || l > uint64(len(rec)-k) {
			return corpus.Passage{}, errors.New("bad field length")
		}
		strs[i] = string(rec[k : k+int(l)])
		rec = rec[k+int(l):]
	}
	page, k := binary.Uvarint(rec)
	if k <= 0 || page > 1<<31 {
		return corpus.Passage{}, errors.New("bad page")
	}
	pdfPage, k2 := binary.Uvarint(rec[k:])
	if k2 <= 0 || pdfPage > 1<<31 || k+k2 != len(rec) {
		return corpus.Passage{}, errors.New("bad PDF page")
	}
	p := corpus.Passage{ID: strs[0], Text: strs[1], Title: strs[2], Document: strs[3],
		Kind: corpus.Kind(strs[5]), Source: strs[6], Page: int(page), PDFPage: int(pdfPage)}
	if strs[4] != "" {
		p.Section = strings.Split(strs[4], corpus.SectionSeparator)
	}
	if strs[7] != "" {
		if err := unmarshalMeta([]byte(strs[7]), &p.Meta); err != nil {
			return corpus.Passage{}, fmt.Errorf("metadata: %v", err)
		}
	}
	return p, nil
}

// storeWriter writes a passage store during a build. The build's workers
// each add their batches through a storeShard; finish writes the table
// once the document numbers are known.
type storeWriter struct {
	mu       sync.Mutex // guards the fields below
	w        *bufio.Writer
	off      uint64
	dictKind uint32
	dict     []byte
	blocks   []storeBlock
	err      error
	n        int // passages added
}

func newStoreWriter(w io.Writer) *storeWriter {
	return &storeWriter{w: bufio.NewWriterSize(w, 256<<10)}
}

// prime sets the dictionary from the records of ps, the first passages
// of the build, and writes the header. It must be called once, before any
// shard adds passages.
func (sw *storeWriter) prime(ps []corpus.Passage) error {
	var recs []byte
	for _, p := range ps {
		var err error
		if recs, err = appendRecord(recs, p); err != nil {
			return err
		}
		if len(recs) >= storeDictSize+storeDictSamples {
			break
		}
	}
	sw.dictKind, sw.dict = storeDict(recs)
	var h []byte
	h = append(h, storeMagic...)
	h = binary.LittleEndian.AppendUint32(h, storeVersion)
	h = binary.LittleEndian.AppendUint32(h, sw.dictKind)
	h = binary.LittleEndian.AppendUint32(h, uint32(len(sw.dict)))
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(sw.dict, castagnoli))
	h = append(h, sw.dict...)
	sw.write(h)
	return sw.err
}

// storeDict returns the dictionary made from recs, the records of the
// first passages, and its kind. Its history is their first storeDictSize
// bytes; when more records follow, cut as blocks are, they fit its entropy
// tables (a zstd dictionary); else the history is the dictionary (raw).
// There is none when recs are too few to be of use.
func storeDict(recs []byte) (uint32, []byte) {
	if len(recs) < storeDictMin {
		return dictNone, []byte{}
	}
	packed := appendPacked(nil, recs)
	hist := packed[:min(len(packed), storeDictSize)]
	var samples [][]byte
	for rest := packed[len(hist):]; len(rest) > 0; {
		n := min(len(rest), storeBlockSize)
		samples = append(samples, rest[:n])
		rest = rest[n:]
	}
	if len(samples) > 0 {
		dict, err := zstd.BuildDict(zstd.BuildDictOptions{ID: storeDictID, Contents: samples, History: hist,
			Offsets: [3]int{1, 4, 8}, Level: storeLevel})
		if err == nil {
			return dictZstd, dict
		}
		// Samples the history covers leave nothing to fit: keep it raw.
	}
	return dictRaw, bytes.Clone(hist)
}

// write appends b to the file; the caller holds mu or is the only writer.
func (sw *storeWriter) write(b []byte) {
	if sw.err != nil {
		return
	}
	_, sw.err = sw.w.Write(b)
	sw.off += uint64(len(b))
}

// storeShard compresses the batches of one worker.
type storeShard struct {
	sw     *storeWriter
	enc    *zstd.Encoder
	raw    []byte
	packed []byte // raw, packed (textpack.go)
	comp   []byte
}

func (sw *storeWriter) shard() *storeShard { return &storeShard{sw: sw} }

// add stores ps, the first with ordinal first.
func (sh *storeShard) add(first uint32, ps []corpus.Passage) error {
	sh.raw = sh.raw[:0]
	start := first
	for i, p := range ps {
		var err error
		if sh.raw, err = appendRecord(sh.raw, p); err != nil {
			return err
		}
		if len(sh.raw) >= storeBlockSize || i == len(ps)-1 {
			if err := sh.flush(start, uint32(i+1)+first-start); err != nil {
				return err
			}
			start = first + uint32(i+1)
		}
	}
	return nil
}

// flush compresses the records in raw, n passages from ordinal first,
// into a block.
func (sh *storeShard) flush(first, n uint32) error {
	if sh.enc == nil {
		opts := []zstd.EOption{zstd.WithEncoderLevel(storeLevel), zstd.WithEncoderConcurrency(1),
			zstd.WithEncoderCRC(false), zstd.WithLowerEncoderMem(true)}
		switch sh.sw.dictKind {
		case dictZstd:
			opts = append(opts, zstd.WithEncoderDict(sh.sw.dict))
		case dictRaw:
			opts = append(opts, zstd.WithEncoderDictRaw(storeDictID, sh.sw.dict))
		}
		var err error
		if sh.enc, err = zstd.NewWriter(nil, opts...); err != nil {
			return fmt.Errorf("passage store: %w", err)
		}
	}
	sh.packed = appendPacked(sh.packed[:0], sh.raw)
	sh.comp = sh.enc.EncodeAll(sh.packed, sh.comp[:0])
	comp := sh.comp
	bl := storeBlock{first: first, size: uint32(len(comp)), length: uint32(len(sh.raw)),
		crc: crc32.Checksum(comp, castagnoli)}
	sw := sh.sw
	sw.mu.Lock()
	defer sw.mu.Unlock()
	bl.off = sw.off
	sw.write(comp)
	sw.blocks = append(sw.blocks, bl)
	sw.n += int(n)
	sh.raw = sh.raw[:0]
	return sw.err
}

// finish writes the table, given the document number of every ordinal,
// and flushes the writer.
func (sw *storeWriter) finish(docNum []uint32) error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if sw.err != nil {
		return sw.err
	}
	if sw.dict == nil && len(docNum) > 0 {
		return errors.New("passage store: no passage was added")
	}
	if len(docNum) != sw.n {
		return fmt.Errorf("passage store: %d document numbers for %d passages", len(docNum), sw.n)
	}
	slices.SortFunc(sw.blocks, func(a, b storeBlock) int { return int(a.first) - int(b.first) })
	le := binary.LittleEndian
	var t []byte
	t = le.AppendUint32(t, uint32(len(sw.blocks)))
	for _, b := range sw.blocks {
		t = le.AppendUint32(t, b.first)
		t = le.AppendUint64(t, b.off)
		t = le.AppendUint32(t, b.size)
		t = le.AppendUint32(t, b.length)
		t = le.AppendUint32(t, b.crc)
	}
	ords := make([]uint32, len(docNum))
	for ord, d := range docNum {
		ords[d] = uint32(ord)
	}
	t = le.AppendUint32(t, uint32(len(ords)))
	for _, o := range ords {
		t = le.AppendUint32(t, o)
	}
	tableOff := sw.off
	sw.write(t)
	var f []byte
	f = le.AppendUint64(f, tableOff)
	f = le.AppendUint64(f, uint64(len(t)))
	f = le.AppendUint32(f, crc32.Checksum(t, castagnoli))
	f = append(f, storeMagic...)
	sw.write(f)
	if sw.err != nil {
		return sw.err
	}
	return sw.w.Flush()
}

// openStore opens the passage store at path.
func openStore(path string) (*TextStore, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	s, err := readStore(f, fi.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", storeFile, err)
	}
	s.closer = f
	return s, nil
}

// readStore reads the header and table of a store of size bytes from r.
func readStore(r io.ReaderAt, size int64) (*TextStore, error) {
	le := binary.LittleEndian
	bad := func(why string) error { return fmt.Errorf("%w: %s", errStore, why) }
	head := len(storeMagic) + 16
	if size < int64(head+storeFooterSize) {
		return nil, bad("truncated")
	}
	h := make([]byte, head)
	if _, err := r.ReadAt(h, 0); err != nil {
		return nil, bad(err.Error())
	}
	if !bytes.Equal(h[:len(storeMagic)], storeMagic) {
		return nil, bad("not a passage store")
	}
	if v := le.Uint32(h[len(storeMagic):]); v != storeVersion {
		return nil, bad(fmt.Sprintf("version %d, want %d", v, storeVersion))
	}
	dictKind := le.Uint32(h[len(storeMagic)+4:])
	dictLen := int64(le.Uint32(h[len(storeMagic)+8:]))
	if dictLen > storeDictMax || int64(head)+dictLen > size-storeFooterSize {
		return nil, bad("bad dictionary length")
	}
	if (dictKind == dictNone) != (dictLen == 0) || dictKind > dictRaw {
		return nil, bad("bad dictionary kind")
	}
	dict := make([]byte, dictLen)
	if _, err := r.ReadAt(dict, int64(head)); err != nil {
		return nil, bad(err.Error())
	}
	if crc32.Checksum(dict, castagnoli) != le.Uint32(h[len(storeMagic)+12:]) {
		return nil, bad("dictionary checksum mismatch")
	}
	dataStart := uint64(int64(head) + dictLen)
	foot := make([]byte, storeFooterSize)
	if _, err := r.ReadAt(foot, size-storeFooterSize); err != nil {
		return nil, bad(err.Error())
	}
	if !bytes.Equal(foot[20:], storeMagic) {
		return nil, bad("no footer")
	}
	tableOff, tableLen := le.Uint64(foot), le.Uint64(foot[8:])
	if tableOff < dataStart || tableOff > uint64(size) || tableLen != uint64(size)-storeFooterSize-tableOff {
		return nil, bad("bad table offset")
	}
	t := make([]byte, tableLen)
	if _, err := r.ReadAt(t, int64(tableOff)); err != nil {
		return nil, bad(err.Error())
	}
	if crc32.Checksum(t, castagnoli) != le.Uint32(foot[16:]) {
		return nil, bad("table checksum mismatch")
	}
	if len(t) < 4 {
		return nil, bad("truncated table")
	}
	nb := uint64(le.Uint32(t))
	t = t[4:]
	if nb*storeBlockEntry+4 > uint64(len(t)) {
		return nil, bad("truncated table")
	}
	s := &TextStore{r: r, blocks: make([]storeBlock, nb)}
	for i := range s.blocks {
		e := t[i*storeBlockEntry:]
		b := storeBlock{first: le.Uint32(e), off: le.Uint64(e[4:]), size: le.Uint32(e[12:]),
			length: le.Uint32(e[16:]), crc: le.Uint32(e[20:])}
		if b.off < dataStart || b.off+uint64(b.size) > tableOff || (i == 0) != (b.first == 0) ||
			(i > 0 && b.first <= s.blocks[i-1].first) {
			return nil, bad(fmt.Sprintf("bad entry for block %d", i))
		}
		s.blocks[i] = b
	}
	t = t[nb*storeBlockEntry:]
	nd := uint64(le.Uint32(t))
	t = t[4:]
	if uint64(len(t)) != 4*nd || (nd > 0 && nb == 0) {
		return nil, bad("bad passage count")
	}
	if nb > 0 && uint64(s.blocks[nb-1].first) >= nd {
		return nil, bad("blocks past the last passage")
	}
	s.ords = make([]uint32, nd)
	seen := make([]bool, nd)
	for d := range s.ords {
		o := le.Uint32(t[4*d:])
		if uint64(o) >= nd || seen[o] {
			return nil, bad("the document numbers are not a permutation")
		}
		seen[o] = true
		s.ords[d] = o
	}
	// The decoder decodes a block at most as long as the longest recorded.
	longest := uint64(1 << 20)
	for _, b := range s.blocks {
		longest = max(longest, uint64(b.length))
	}
	dopts := []zstd.DOption{zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(longest)}
	switch dictKind {
	case dictZstd:
		dopts = append(dopts, zstd.WithDecoderDicts(dict))
	case dictRaw:
		dopts = append(dopts, zstd.WithDecoderDictRaw(storeDictID, dict))
	}
	dec, err := zstd.NewReader(nil, dopts...)
	if err != nil {
		return nil, bad(fmt.Sprintf("dictionary: %v", err))
	}
	s.dec = dec
	return s, nil
}

func marshalMeta(m map[string]any) ([]byte, error) { return json.Marshal(m) }

func unmarshalMeta(b []byte, m *map[string]any) error { return json.Unmarshal(b, m) }

// createStore creates the passage store file at path and returns its
// writer and the function that syncs and closes the file.
func createStore(path string) (*storeWriter, func() error, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, err
	}
	done := func() error { return errors.Join(f.Sync(), f.Close()) }
	return newStoreWriter(f), done, nil
}

// Ordinals returns the ordinal of every passage by document number (see
// TextStore.Ordinals): the order that ranks passages of equal score. The
// caller must not change the slice.
func (ix *Index) Ordinals() []uint32 { return ix.store.Ordinals() }

// Passages returns the passages with document numbers docs (Bleve's
// internal numbers, as in a hit's IndexInternalID), in their order, from
// the passage store. A damaged store gives an error wrapping ErrDamaged,
// which Health reports from then on.
func (ix *Index) Passages(docs []uint64) ([]corpus.Passage, error) {
	ps, err := ix.store.Get(docs)
	if err != nil {
		where := "the index"
		if ix.Path != "" {
			where = ix.Path
		}
		err = fmt.Errorf("%w: %s: %w; check it with kensaku check, rebuild it with kensaku index", ErrDamaged, where, err)
		if ix.Path != "" {
			ix.faults.set(err)
		}
		return nil, err
	}
	return ps, nil
}
