package glossary

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// littleEndian reports whether the machine stores numbers as tables do.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// A table is a built glossary in a form that is searched where it lies,
// without decoding: the lexicons' glossary (65,000 entries, 200,000
// forms; [Lexicons]) is embedded in the binary as one, written by go
// generate, instead of being merged and indexed in every process (half a
// second and 80 MiB of heap). Entries are decoded when a lookup returns
// them; forms are found through an open-addressing hash table of the
// normalised forms.
//
// The encoding (numbers little endian; "uv" an unsigned varint; a string a
// uv length and its bytes):
//
//	magic    [8]byte "KSGLOSS1"
//	counts   4 × uint32: entries, keys, slots (a power of two), first runes
//	entries  (entries+1) × uint32: offsets of the entry records
//	keys     (keys+1) × uint32: offsets of the key records
//	slots    slots × uint32: key number + 1, or 0 for an empty slot
//	runes    first runes × (rune uv, count uv, count × length uv)
//	records
//
// An entry record is Source, Sense, Acronym, Evidence (strings), the
// confidence (uint64 bits of the float64), then English, Japanese,
// Aliases, NoTrigger (each a uv count and the strings). A key record is
// the normalised form (string), a uv count of refs and each ref's entry
// number (uv) and caps key (string).
type table struct {
	data    string
	entries []uint32 // offsets into data
	keys    []uint32
	slots   []uint32
	// The entries and refs decoded so far, by number: a lookup decodes
	// what it returns once, and later ones allocate nothing.
	entryCache []atomic.Pointer[Entry]
	refsCache  []atomic.Pointer[[]ref]
	// prefixes and hashes are bitsets of the keyHash of the first two
	// runes of the keys of two runes or more (see mayStartWith) and of the
	// keys (mayHold), for FindWhere to skip lookups that must fail; set
	// at their first use.
	filterOnce sync.Once
	prefixes   []uint64
	hashes     []uint64
}

const tableMagic = "KSGLOSS1"

// parseTable reads a table and returns it with the lengths of the keys by
// first rune, longest first (Glossary.lens).
func parseTable(data string) (*table, map[rune][]int, error) {
	if len(data) < 24 || data[:8] != tableMagic {
		return nil, nil, errors.New("not a glossary table")
	}
	r := reader{data: data, pos: 8}
	nEntries, nKeys, nSlots, nRunes := r.u32(), r.u32(), r.u32(), r.u32()
	if nSlots == 0 || nSlots&(nSlots-1) != 0 || nKeys >= nSlots {
		return nil, nil, fmt.Errorf("glossary table: %d slots for %d keys", nSlots, nKeys)
	}
	t := &table{data: data}
	t.entries = r.u32s(int(nEntries) + 1)
	t.keys = r.u32s(int(nKeys) + 1)
	t.slots = r.u32s(int(nSlots))
	t.entryCache = make([]atomic.Pointer[Entry], nEntries)
	t.refsCache = make([]atomic.Pointer[[]ref], nKeys)
	lens := make(map[rune][]int, nRunes)
	for range nRunes {
		first, n := rune(r.uv()), int(r.uv())
		ls := make([]int, n)
		for i := range ls {
			ls[i] = int(r.uv())
		}
		lens[first] = ls
	}
	if r.err != nil {
		return nil, nil, fmt.Errorf("glossary table: %w", r.err)
	}
	for _, offs := range [][]uint32{t.entries, t.keys} {
		if len(offs) > 0 && int(offs[len(offs)-1]) > len(data) {
			return nil, nil, errors.New("glossary table: records out of bounds")
		}
	}
	return t, lens, nil
}

// len returns the number of entries.
func (t *table) len() int { return len(t.entries) - 1 }

// entry returns entry number i. Its slices are shared: do not modify
// them.
func (t *table) entry(i int) Entry {
	if e := t.entryCache[i].Load(); e != nil {
		return *e
	}
	e := t.decodeEntry(i)
	t.entryCache[i].Store(&e)
	return e
}

// decodeEntry decodes entry number i.
func (t *table) decodeEntry(i int) Entry {
	r := reader{data: t.data[:t.entries[i+1]], pos: int(t.entries[i])}
	e := Entry{Source: r.str(), Sense: r.str(), Acronym: r.str(), Evidence: r.str()}
	e.Confidence = math.Float64frombits(r.u64())
	e.English, e.Japanese, e.Aliases, e.NoTrigger = r.strs(), r.strs(), r.strs(), r.strs()
	return e
}

// refs returns the refs of the normalised form k.
func (t *table) refs(k string) ([]ref, bool) { return t.refsHash(k, keyHash(k)) }

// refsHash is refs with hash keyHash(k).
func (t *table) refsHash(k string, hash uint64) ([]ref, bool) {
	mask := uint64(len(t.slots) - 1)
	for h := hash & mask; ; h = (h + 1) & mask {
		s := t.slots[h]
		if s == 0 {
			return nil, false
		}
		r := reader{data: t.data[:t.keys[s]], pos: int(t.keys[s-1])}
		if r.str() != k {
			continue
		}
		if refs := t.refsCache[s-1].Load(); refs != nil {
			return *refs, true
		}
		refs := make([]ref, r.uv())
		for i := range refs {
			refs[i] = ref{entry: int(r.uv()), caps: r.str()}
		}
		t.refsCache[s-1].Store(&refs)
		return refs, true
	}
}

// keyHash is FNV-1a, 64 bits.
func keyHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mayStartWith reports whether a key of two runes or more may start with
// the two runes whose keyHash is h: false when none does.
func (t *table) mayStartWith(h uint64) bool {
	t.filterOnce.Do(t.setFilters)
	h &= uint64(len(t.prefixes))*64 - 1
	return t.prefixes[h>>6]&(1<<(h&63)) != 0
}

// mayHold reports whether a key may have keyHash h: false when none has.
func (t *table) mayHold(h uint64) bool {
	t.filterOnce.Do(t.setFilters)
	h &= uint64(len(t.hashes))*64 - 1
	return t.hashes[h>>6]&(1<<(h&63)) != 0
}

// setFilters sets the bits of prefixes (about eight a key) and hashes
// (about sixteen a key), each a power of two.
func (t *table) setFilters() {
	n := 1
	for n*64 < 8*len(t.keys) {
		n *= 2
	}
	t.prefixes, t.hashes = make([]uint64, n), make([]uint64, 2*n)
	pmask, hmask := uint64(n)*64-1, uint64(2*n)*64-1
	for i := 0; i+1 < len(t.keys); i++ {
		r := reader{data: t.data[:t.keys[i+1]], pos: int(t.keys[i])}
		k := r.str()
		h := keyHash(k) & hmask
		t.hashes[h>>6] |= 1 << (h & 63)
		_, s1 := utf8.DecodeRuneInString(k)
		if s1 >= len(k) {
			continue
		}
		_, s2 := utf8.DecodeRuneInString(k[s1:])
		h = keyHash(k[:s1+s2]) & pmask
		t.prefixes[h>>6] |= 1 << (h & 63)
	}
}

// marshalTable encodes g, a glossary without a base, as a table.
func marshalTable(g *Glossary) ([]byte, error) {
	if g.base != nil || g.table != nil {
		return nil, errors.New("glossary: only a glossary built by New can be written as a table")
	}
	keys := make([]string, 0, len(g.forms))
	for k := range g.forms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	nSlots := 1
	for nSlots < 2*len(keys) {
		nSlots *= 2
	}
	runes := make([]rune, 0, len(g.lens))
	for r := range g.lens {
		runes = append(runes, r)
	}
	slices.Sort(runes)

	var w writer
	w.b = append(w.b, tableMagic...)
	for _, n := range []int{len(g.entries), len(keys), nSlots, len(runes)} {
		w.u32(uint32(n))
	}
	entriesAt := w.reserve(len(g.entries) + 1)
	keysAt := w.reserve(len(keys) + 1)
	slotsAt := w.reserve(nSlots)
	for _, r := range runes {
		w.uv(uint64(r))
		w.uv(uint64(len(g.lens[r])))
		for _, l := range g.lens[r] {
			w.uv(uint64(l))
		}
	}
	for i, e := range g.entries {
		w.put(entriesAt, i, len(w.b))
		for _, s := range []string{e.Source, e.Sense, e.Acronym, e.Evidence} {
			w.str(s)
		}
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(e.Confidence))
		for _, ss := range [][]string{e.English, e.Japanese, e.Aliases, e.NoTrigger} {
			w.uv(uint64(len(ss)))
			for _, s := range ss {
				w.str(s)
			}
		}
	}
	w.put(entriesAt, len(g.entries), len(w.b))
	mask := uint64(nSlots - 1)
	for i, k := range keys {
		w.put(keysAt, i, len(w.b))
		w.str(k)
		refs := g.forms[k]
		w.uv(uint64(len(refs)))
		for _, r := range refs {
			w.uv(uint64(r.entry))
			w.str(r.caps)
		}
		h := keyHash(k) & mask
		for binary.LittleEndian.Uint32(w.b[slotsAt+4*int(h):]) != 0 {
			h = (h + 1) & mask
		}
		w.put(slotsAt, int(h), i+1)
	}
	w.put(keysAt, len(keys), len(w.b))
	if len(w.b) > math.MaxUint32 {
		return nil, errors.New("glossary: table over 4 GiB")
	}
	return w.b, nil
}

type writer struct{ b []byte }

func (w *writer) u32(v uint32) { w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *writer) uv(v uint64)  { w.b = binary.AppendUvarint(w.b, v) }
func (w *writer) str(s string) { w.uv(uint64(len(s))); w.b = append(w.b, s...) }

// reserve appends n zero uint32s and returns where they start.
func (w *writer) reserve(n int) int {
	at := len(w.b)
	w.b = append(w.b, make([]byte, 4*n)...)
	return at
}

// put sets uint32 number i of the array at at.
func (w *writer) put(at, i, v int) { binary.LittleEndian.PutUint32(w.b[at+4*i:], uint32(v)) }

// reader decodes a table; the first error sticks and makes reads return
// zero values.
type reader struct {
	data string
	pos  int
	err  error
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("truncated at byte %d", r.pos)
	}
	r.pos = len(r.data)
}

func (r *reader) u32() uint32 {
	if len(r.data)-r.pos < 4 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint32([]byte(r.data[r.pos : r.pos+4]))
	r.pos += 4
	return v
}

func (r *reader) u64() uint64 {
	if len(r.data)-r.pos < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64([]byte(r.data[r.pos : r.pos+8]))
	r.pos += 8
	return v
}

// u32s returns the next n uint32s: a slice of the data itself where the
// machine is little endian and they are 4-byte aligned (the data must
// then never change, as an embedded string cannot), else a copy.
func (r *reader) u32s(n int) []uint32 {
	if n < 0 || (len(r.data)-r.pos)/4 < n {
		r.fail()
		return nil
	}
	if n == 0 {
		return nil
	}
	if p := unsafe.StringData(r.data[r.pos:]); littleEndian && uintptr(unsafe.Pointer(p))%4 == 0 {
		r.pos += 4 * n
		return unsafe.Slice((*uint32)(unsafe.Pointer(p)), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32([]byte(r.data[r.pos : r.pos+4]))
		r.pos += 4
	}
	return out
}

func (r *reader) uv() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.pos >= len(r.data) {
			r.fail()
			return 0
		}
		c := r.data[r.pos]
		r.pos++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail()
	return 0
}

func (r *reader) str() string {
	n := r.uv()
	if n > uint64(len(r.data)-r.pos) {
		r.fail()
		return ""
	}
	s := r.data[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s
}

func (r *reader) strs() []string {
	n := r.uv()
	if n == 0 || n > uint64(len(r.data)-r.pos) {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}
