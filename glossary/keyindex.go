package glossary

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// A keyIndex maps strings to lists of numbers inside the data of a table
// built ahead of time (the phrasebook's, the narrower terms'), searched
// where it lies: an open-addressing hash table (keyHash, linear probing)
// of the offsets of key records in the data, 0 for an empty slot. A key
// record is the key, a uv count and that many uv numbers. The key is a uv
// n and, when n is even, n/2 bytes; when n is odd, it is the n/2 bytes of
// the data at the offset that follows as a uv (a key written elsewhere in
// the table already, as most are).
//
// In a table, an index is written in three parts: its count of slots (a
// uint32) in the table's header, its slots with the table's other arrays,
// and its records after them.
type keyIndex struct {
	data  string
	slots []uint32
}

// find returns a reader at the count of the record of k.
func (x keyIndex) find(k string) (reader, bool) {
	if len(x.slots) == 0 {
		return reader{}, false
	}
	mask := uint64(len(x.slots) - 1)
	for h := keyHash(k) & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			return reader{}, false
		}
		r := reader{data: x.data, pos: int(s)}
		if r.key() == k {
			return r, r.err == nil
		}
	}
}

// key reads the key of a key record.
func (r *reader) key() string {
	n := r.uv()
	at, size := uint64(r.pos), n>>1
	if n&1 == 1 {
		at = r.uv()
	}
	if at > uint64(len(r.data)) || size > uint64(len(r.data))-at {
		r.fail()
		return ""
	}
	if n&1 == 0 {
		r.pos += int(size)
	}
	return r.data[at : at+size]
}

// get returns the numbers of k, or nil when k is no key.
func (x keyIndex) get(k string) []int {
	r, ok := x.find(k)
	if !ok {
		return nil
	}
	n := r.uv()
	if n > uint64(len(r.data)-r.pos) {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = int(r.uv())
	}
	return out
}

// first returns the first number of k.
func (x keyIndex) first(k string) (int, bool) {
	r, ok := x.find(k)
	if !ok || r.uv() == 0 {
		return 0, false
	}
	return int(r.uv()), r.err == nil
}

// all calls yield with each key and its numbers, in the order of the
// slots.
func (x keyIndex) all(yield func(k string, nums []int)) {
	for _, s := range x.slots {
		if s == 0 {
			continue
		}
		r := reader{data: x.data, pos: int(s)}
		k := r.key()
		nums := make([]int, r.uv())
		for j := range nums {
			nums[j] = int(r.uv())
		}
		yield(k, nums)
	}
}

// readKeyIndex reads the slots of an index of nSlots slots at r.
func readKeyIndex(r *reader, nSlots uint32) (keyIndex, error) {
	if nSlots == 0 || nSlots&(nSlots-1) != 0 {
		return keyIndex{}, fmt.Errorf("%d slots", nSlots)
	}
	x := keyIndex{data: r.data, slots: r.u32s(int(nSlots))}
	if r.err != nil {
		return keyIndex{}, r.err
	}
	return x, nil
}

// keyIndexWriter writes a keyIndex of nums into a table, in the three
// parts readKeyIndex reads.
type keyIndexWriter struct {
	nums    map[string][]int
	keys    []string // sorted
	nSlots  int
	slotsAt int
}

func newKeyIndexWriter(nums map[string][]int) *keyIndexWriter {
	x := &keyIndexWriter{nums: nums, nSlots: 1}
	for k := range nums {
		x.keys = append(x.keys, k)
	}
	slices.Sort(x.keys)
	for x.nSlots < 2*len(x.keys) {
		x.nSlots *= 2
	}
	return x
}

// count writes the count of slots.
func (x *keyIndexWriter) count(w *writer) { w.u32(uint32(x.nSlots)) }

// slots reserves the slots.
func (x *keyIndexWriter) slots(w *writer) { x.slotsAt = w.reserve(x.nSlots) }

// records writes the key records and fills the slots. A key that the
// table holds at an offset of written (the offsets of strings written
// before) is written as that offset.
func (x *keyIndexWriter) records(w *writer, written map[string]int) {
	mask := uint64(x.nSlots - 1)
	for _, k := range x.keys {
		at := len(w.b)
		if off, ok := written[k]; ok {
			w.uv(uint64(len(k))<<1 | 1)
			w.uv(uint64(off))
		} else {
			w.uv(uint64(len(k)) << 1)
			w.b = append(w.b, k...)
		}
		w.uv(uint64(len(x.nums[k])))
		for _, n := range x.nums[k] {
			w.uv(uint64(n))
		}
		h := keyHash(k) & mask
		for binary.LittleEndian.Uint32(w.b[x.slotsAt+4*int(h):]) != 0 {
			h = (h + 1) & mask
		}
		w.put(x.slotsAt, int(h), at)
	}
}
