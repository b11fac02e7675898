package indexer

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// The passage store packs a block's records before compressing them:
// Japanese text is mostly characters of three bytes in UTF-8 (kana, kanji,
// full-width punctuation), whose first byte and the top bits of the others
// a byte-wise compressor models poorly. Packing writes runs of such
// characters as their 16-bit code points, which made the 48 MB scale
// corpus's compressed blocks about a tenth smaller. Any bytes pack and
// unpack to themselves (records hold binary lengths too).
//
// A packed block is read in two modes. Narrow: every byte stands for
// itself, except packWide, which switches to wide. Wide: a byte of at
// least packMinHigh and the next are the high and low bytes of a code
// point from U+0800 to U+FFFF (not a surrogate), which stands for its
// three UTF-8 bytes; packLiteral and the next byte stand for that byte;
// packNarrow switches to narrow. A block starts narrow; a literal
// packWide is written in wide mode.
const (
	packWide    = 0xFF
	packNarrow  = 0x00
	packLiteral = 0x01
	packMinHigh = 0x08 // the high byte of U+0800
)

// isWide reports whether b starts with a character of three UTF-8 bytes
// and returns its code point.
func isWide(b []byte) (rune, bool) {
	if len(b) < 3 || b[0] < 0xE0 || b[0] > 0xEF {
		return 0, false
	}
	r, n := utf8.DecodeRune(b)
	return r, n == 3
}

// appendPacked appends the packing of b to dst.
func appendPacked(dst, b []byte) []byte {
	wide := false
	for i := 0; i < len(b); {
		r, ok := isWide(b[i:])
		if wide {
			if ok {
				dst = append(dst, byte(r>>8), byte(r))
				i += 3
				continue
			}
			// Stay wide for one byte before the next wide character
			// (two bytes, as leaving and coming back cost).
			if _, next := isWide(b[i+1:]); next || i+1 == len(b) {
				dst = append(dst, packLiteral, b[i])
				i++
				continue
			}
			dst = append(dst, packNarrow)
			wide = false
			continue
		}
		if ok {
			// Go wide for a run of two wide characters or more.
			if _, next := isWide(b[i+3:]); next {
				dst = append(dst, packWide)
				wide = true
				continue
			}
		}
		if b[i] == packWide {
			dst = append(dst, packWide, packLiteral, packWide)
			wide = true
			i++
			continue
		}
		dst = append(dst, b[i])
		i++
	}
	return dst
}

var errPacked = errors.New("bad packed block")

// maxUnpacked bounds the length of what n packed bytes stand for: a code
// point's two bytes stand for three.
func maxUnpacked(n int) int { return n/2*3 + 1 }

// unpack writes to out what packed stands for and returns its length; it
// fails when out is too short.
func unpack(out, packed []byte) (int, error) {
	j := 0
	for i := 0; i < len(packed); {
		// Narrow: bytes up to the next packWide stand for themselves.
		n := bytes.IndexByte(packed[i:], packWide)
		if n < 0 {
			n = len(packed) - i
		}
		if j+n > len(out) {
			return j, errPacked
		}
		copy(out[j:], packed[i:i+n])
		j += n
		i += n + 1
		// Wide, until packNarrow or the end.
	wide:
		for i < len(packed) {
			c := packed[i]
			switch {
			case c >= packMinHigh:
				if i+1 >= len(packed) || j+3 > len(out) {
					return j, errPacked
				}
				r := uint32(c)<<8 | uint32(packed[i+1])
				if r>>11 == 0xD800>>11 { // a surrogate
					return j, errPacked
				}
				out[j] = byte(0xE0 | r>>12)
				out[j+1] = byte(0x80 | (r>>6)&0x3F)
				out[j+2] = byte(0x80 | r&0x3F)
				j += 3
				i += 2
			case c == packNarrow:
				i++
				break wide
			case c == packLiteral:
				if i+1 >= len(packed) || j >= len(out) {
					return j, errPacked
				}
				out[j] = packed[i+1]
				j++
				i += 2
			default:
				return j, errPacked
			}
		}
	}
	return j, nil
}
