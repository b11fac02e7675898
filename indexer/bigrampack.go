package indexer

import (
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// A bigram found in more than maxSmallPosting passages keeps them
// packed, unless its Roaring bitmap is smaller (dense lists, whose
// containers are bitmaps or runs): packedPostingMark, the number of
// passages as a uvarint, then the gaps between them (the first passage's
// number, then each one's difference from the one before less one) in
// blocks of packedBlock, each block a byte giving the bit width w of its
// largest gap and then its gaps in w bits each, least significant bit
// first, padded to a byte. On the 48 MB scaled JSQuAD corpus the
// postings took 10.6 MB packed, 17.4 MB as Roaring bitmaps (array
// containers of two bytes a passage).
const (
	packedPostingMark = 0x01
	packedBlock       = 128
)

// appendPackedPosting appends the packed form of nums, sorted and distinct.
func appendPackedPosting(b []byte, nums []uint32) []byte {
	b = append(b, packedPostingMark)
	b = binary.AppendUvarint(b, uint64(len(nums)))
	var gaps [packedBlock]uint32
	prev := uint32(0)
	for start := 0; start < len(nums); start += packedBlock {
		block := nums[start:min(start+packedBlock, len(nums))]
		var or uint32
		for i, n := range block {
			g := n
			if start+i > 0 {
				g = n - prev - 1
			}
			gaps[i] = g
			or |= g
			prev = n
		}
		w := uint(bits.Len32(or))
		b = append(b, byte(w))
		var acc uint64
		var have uint
		for _, g := range gaps[:len(block)] {
			acc |= uint64(g) << have
			have += w
			for have >= 8 {
				b = append(b, byte(acc))
				acc >>= 8
				have -= 8
			}
		}
		if have > 0 {
			b = append(b, byte(acc))
		}
	}
	return b
}

// decodePackedPosting appends to out the numbers of a list written by
// appendPackedPosting (without its mark), each below limit.
func decodePackedPosting(out []uint32, b []byte, limit uint32) ([]uint32, bool) {
	count, k := binary.Uvarint(b)
	if k <= 0 || count == 0 || count > uint64(limit) {
		return nil, false
	}
	b = b[k:]
	out = slices.Grow(out, int(count))
	next := uint64(0) // the least the next number can be
	for left := int(count); left > 0; {
		n := min(left, packedBlock)
		left -= n
		if len(b) == 0 || b[0] > 32 {
			return nil, false
		}
		w := uint(b[0])
		size := (n*int(w) + 7) / 8
		if len(b) < 1+size {
			return nil, false
		}
		data := b[1 : 1+size]
		b = b[1+size:]
		mask := uint64(1)<<w - 1
		var acc uint64
		var have uint
		p := 0
		for range n {
			if have < w {
				if p+8 <= len(data) {
					// Load as many whole bytes as acc has room for.
					acc |= binary.LittleEndian.Uint64(data[p:]) << have
					k := (64 - have) / 8
					p += int(k)
					have += 8 * k
				} else {
					for have < w {
						acc |= uint64(data[p]) << have
						p++
						have += 8
					}
				}
			}
			next += acc & mask
			acc >>= w
			have -= w
			if next >= uint64(limit) {
				return nil, false
			}
			out = append(out, uint32(next))
			next++
		}
	}
	return out, len(b) == 0
}

// Roaring's portable format without run containers (see its spec): a
// cookie, the number of containers, each one's key and cardinality less
// one, each one's offset, then the containers, an array of 16-bit values
// up to arrayMaxCard and a bitmap of 2^16 bits above it.
const (
	roaringCookieNoRuns = 12346
	arrayMaxCard        = 4096
)

// bitmapOfSorted returns the bitmap of nums, sorted and distinct: it
// writes Roaring's portable format and reads it as a view, faster than
// adding the numbers one by one (a search and an insertion each).
func bitmapOfSorted(nums []uint32) (*roaring.Bitmap, error) {
	le := binary.LittleEndian
	containers := 0
	size := 8
	for i := 0; i < len(nums); {
		j := containerEnd(nums, i)
		containers++
		if card := j - i; card > arrayMaxCard {
			size += 8 + 8192
		} else {
			size += 8 + 2*card
		}
		i = j
	}
	buf := make([]byte, size)
	le.PutUint32(buf, roaringCookieNoRuns)
	le.PutUint32(buf[4:], uint32(containers))
	head := buf[8:]
	offs := buf[8+4*containers:]
	at := 8 + 8*containers
	for i := 0; i < len(nums); {
		j := containerEnd(nums, i)
		card := j - i
		le.PutUint16(head, uint16(nums[i]>>16))
		le.PutUint16(head[2:], uint16(card-1))
		head = head[4:]
		le.PutUint32(offs, uint32(at))
		offs = offs[4:]
		if card > arrayMaxCard {
			words := buf[at : at+8192]
			for _, n := range nums[i:j] {
				lo := n & 0xffff
				words[lo>>3] |= 1 << (lo & 7)
			}
			at += 8192
		} else {
			dst := buf[at : at+2*card]
			for k, n := range nums[i:j] {
				dst[2*k] = byte(n)
				dst[2*k+1] = byte(n >> 8)
			}
			at += 2 * card
		}
		i = j
	}
	bm := roaring.New()
	if _, err := bm.FromBuffer(buf); err != nil {
		return nil, err
	}
	return bm, nil
}

// containerEnd returns the end of the run of nums from i that share the
// high 16 bits of nums[i].
func containerEnd(nums []uint32, i int) int {
	hb := nums[i] >> 16
	j := i + 1
	for j < len(nums) && nums[j]>>16 == hb {
		j++
	}
	return j
}

// roaringSizeAtLeast returns a lower bound of the size of the Roaring
// bitmap of nums (sorted, distinct), run-optimised and serialised: a
// cookie, four bytes a container, and each container as the smallest of
// an array, a bitmap and its runs.
func roaringSizeAtLeast(nums []uint32) int {
	size := 4
	for i := 0; i < len(nums); {
		j := containerEnd(nums, i)
		runs := 1
		for k := i + 1; k < j; k++ {
			if nums[k] != nums[k-1]+1 {
				runs++
			}
		}
		size += 4 + min(2*(j-i), 8192, 2+4*runs)
		i = j
	}
	return size
}
