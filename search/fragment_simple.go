package search

import (
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/highlight"
)

// simpleFragments returns the fragments Bleve's simple fragmenter
// (fragmenter/simple, size characters) makes of orig around ot, the
// same fragments in the same order. Bleve's walks every character of
// every fragment, decoding it, for each location; this counts characters
// by the index of their starts, read once. ok is false when the answer
// might differ from Bleve's, which the caller then asks: a text holding
// anything Bleve decodes as utf8.RuneError (where it gives up on a
// fragment), a location outside the text or off a character boundary.
func simpleFragments(orig []byte, ot highlight.TermLocations, size int) (frags []*highlight.Fragment, ok bool) {
	buf := startsPool.Get().(*[]int32)
	defer startsPool.Put(buf)
	starts := runeStarts((*buf)[:0], orig)
	if cap(starts) <= maxPooledStarts {
		*buf = starts[:0]
	}
	if starts == nil || size <= 0 {
		return nil, false
	}
	n := int32(len(starts) - 1) // characters
	// char returns the character index of byte offset b, a character
	// start or the end of the text.
	char := func(b int) (int32, bool) {
		i, found := slices.BinarySearch(starts, int32(b))
		return int32(i), found
	}
	for _, tl := range ot {
		if tl == nil || tl.Start < 0 || tl.End < tl.Start || tl.End > len(orig) {
			return nil, false
		}
		if _, ok := char(tl.Start); !ok {
			return nil, false
		}
		if _, ok := char(tl.End); !ok {
			return nil, false
		}
	}
	if len(ot) == 0 {
		// One fragment from the beginning.
		return []*highlight.Fragment{{Orig: orig, Start: 0, End: int(starts[min(int32(size), n)])}}, true
	}
	frags = make([]*highlight.Fragment, 0, len(ot))
	all := make([]highlight.Fragment, len(ot))
	maxbegin := 0
	for i, tl := range ot {
		s, _ := char(tl.Start)
		// As many characters as size from the start onwards,
		e := min(s+int32(size), n)
		used := e - s
		// then back towards the last location's end, for those left.
		if s > 0 && used < int32(size) {
			lowest, _ := char(maxbegin) // the first character starting at or after maxbegin
			if lowest < s {
				back := max(s-(int32(size)-used), lowest)
				used += s - back
				s = back
			}
		}
		// Centre the locations inside: move back by half the smaller of
		// the room after the last location inside and the room before.
		end := int(starts[e])
		minend := end
		for _, in := range ot[i:] {
			if in.End > end {
				break
			}
			minend = in.End
		}
		me, _ := char(minend)
		room := e - me
		roomStart := int32(0)
		if int(starts[s]) >= maxbegin {
			mb, _ := char(maxbegin)
			roomStart = s - mb
		}
		offset := min(room, roomStart) / 2
		if s < offset || e < offset {
			continue // Bleve's walk back meets the start of the text and gives up
		}
		f := &all[i]
		f.Orig, f.Start, f.End = orig, int(starts[s-offset]), int(starts[e-offset])
		frags = append(frags, f)
		maxbegin = tl.End
	}
	return frags, true
}

// startsPool keeps the buffers of runeStarts: a page's hits need one
// each, a few kilobytes, only while their fragments are cut.
var startsPool = sync.Pool{New: func() any { return new([]int32) }}

// maxPooledStarts bounds the buffers startsPool keeps, in characters.
const maxPooledStarts = 1 << 16

// runeStarts appends to dst the byte offsets of the characters of text,
// then len(text); it returns nil when text is not valid UTF-8 or holds
// U+FFFD.
func runeStarts(dst []int32, text []byte) []int32 {
	out := slices.Grow(dst, utf8.RuneCount(text)+1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError {
			return nil
		}
		out = append(out, int32(i))
		i += size
	}
	return append(out, int32(len(text)))
}
