package search

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"

	"github.com/kensaku/kensaku/textnorm"
)

// boundaryFragmenterType is the Bleve fragmenter type of [boundaryFragmenter].
const boundaryFragmenterType = "kensaku_boundary"

// How far a fragment's edge may move to reach a boundary, in characters:
// outwards to a sentence boundary, else inwards to a word boundary.
const (
	sentenceReach = 40
	wordReach     = 12
)

// boundaryFragmenter cuts fragments of about size characters around the
// matches, as Bleve's simple fragmenter does, then moves each edge to a
// boundary a reader expects a snippet to start or end at: the start or
// end of a sentence when one is near, else the edge of a word (white
// space, punctuation, or the change from a particle's hiragana to the
// kanji, katakana or Latin of the next word), so that a snippet does not
// begin with 域の利用 cut from 宇宙領域の利用. A match is never cut off.
type boundaryFragmenter struct {
	simple *simple.Fragmenter
	size   int // simple's size, for simpleFragments
}

func init() {
	if err := registry.RegisterFragmenter(boundaryFragmenterType, func(config map[string]any, _ *registry.Cache) (highlight.Fragmenter, error) {
		size := fragmentRunes
		if v, ok := config["size"].(float64); ok {
			size = int(v)
		}
		return newBoundaryFragmenter(size), nil
	}); err != nil {
		panic(err)
	}
}

func newBoundaryFragmenter(size int) *boundaryFragmenter {
	return &boundaryFragmenter{simple: simple.NewFragmenter(size), size: size}
}

func (b *boundaryFragmenter) Fragment(orig []byte, ot highlight.TermLocations) []*highlight.Fragment {
	frags, ok := simpleFragments(orig, ot, b.size)
	if !ok {
		frags = b.simple.Fragment(orig, ot)
	}
	// The highlighter gives the locations ordered by start: then those
	// inside a fragment are found from the first at or after its start
	// up to the first starting after its end, not among all of them
	// (there is a fragment per location).
	sorted := slices.IsSortedFunc(ot, func(a, b *highlight.TermLocation) int { return cmp.Compare(a.Start, b.Start) })
	for _, f := range frags {
		if f.Start < 0 || f.End > len(orig) || f.Start >= f.End {
			continue
		}
		// the matches inside the fragment bound how far an edge may move in
		first, last := f.End, f.Start
		inside := ot
		if sorted {
			i, _ := slices.BinarySearchFunc(ot, f.Start, func(t *highlight.TermLocation, start int) int { return cmp.Compare(t.Start, start) })
			inside = ot[i:]
		}
		for _, t := range inside {
			if sorted && t.Start > f.End {
				break
			}
			if t.Start >= f.Start && t.End <= f.End {
				first = min(first, t.Start)
				last = max(last, t.End)
			}
		}
		if first > last { // no match inside
			first, last = f.End, f.Start
		}
		f.Start = startBoundary(orig, f.Start, first)
		f.End = endBoundary(orig, f.End, max(last, f.Start))
	}
	return frags
}

// startBoundary returns where a fragment starting at start should start:
// at a sentence start up to sentenceReach characters before, else at a
// word start up to wordReach characters after, but not after limit.
func startBoundary(text []byte, start, limit int) int {
	if start == 0 || isWordStart(text, start) && isSentenceStart(text, start) {
		return start
	}
	for i, n := start, 0; i > 0 && n < sentenceReach; n++ {
		_, size := utf8.DecodeLastRune(text[:i])
		i -= size
		if isSentenceStart(text, i) {
			return i
		}
	}
	if isWordStart(text, start) {
		return start
	}
	for i, n := start, 0; i < limit && n < wordReach; n++ {
		_, size := utf8.DecodeRune(text[i:])
		i += size
		if i <= limit && isWordStart(text, i) {
			return skipSpace(text, i, limit)
		}
	}
	return start
}

// endBoundary returns where a fragment ending at end should end: after a
// sentence end up to sentenceReach characters after, else at a word end up
// to wordReach characters before, but not before limit.
func endBoundary(text []byte, end, limit int) int {
	if end == len(text) {
		return end
	}
	for i, n := end, 0; i <= len(text) && n <= sentenceReach; n++ {
		if isSentenceStart(text, i) {
			return trimSpaceEnd(text, i, end)
		}
		if i == len(text) {
			break
		}
		_, size := utf8.DecodeRune(text[i:])
		i += size
	}
	if isWordStart(text, end) {
		return end
	}
	for i, n := end, 0; i > limit && n < wordReach; n++ {
		_, size := utf8.DecodeLastRune(text[:i])
		i -= size
		if i >= limit && isWordStart(text, i) {
			return trimSpaceEnd(text, i, limit)
		}
	}
	return end
}

// isSentenceStart reports whether a sentence starts at byte i of text:
// at its start, or after a sentence-ending mark or a line break.
func isSentenceStart(text []byte, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	// The marks are ASCII or three bytes long: the bytes before i are
	// compared, not decoded (this is asked for every character the
	// fragment edges move over).
	switch c := text[i-1]; {
	case c < utf8.RuneSelf:
		return c == '!' || c == '?' || c == '\n'
	case i < 3:
		return false
	}
	switch string(text[i-3 : i]) {
	case "。", "．", "！", "？":
		return true
	}
	return false
}

// isWordStart reports whether a word may start at byte i of text: after
// white space or punctuation, at a change between Latin letters or digits
// and Japanese, or where a word of kanji, katakana or Latin letters
// follows hiragana.
func isWordStart(text []byte, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	prev, _ := utf8.DecodeLastRune(text[:i])
	next, _ := utf8.DecodeRune(text[i:])
	switch {
	case unicode.IsSpace(prev) || unicode.IsPunct(prev) || unicode.IsSymbol(prev):
		return true
	case unicode.IsSpace(next) || unicode.IsPunct(next):
		return true
	case textnorm.IsASCIIAlnum(prev) != textnorm.IsASCIIAlnum(next):
		return true
	case textnorm.IsHiragana(prev) && !textnorm.IsHiragana(next):
		return true
	case textnorm.IsKatakanaWord(prev) && textnorm.IsKanji(next), textnorm.IsKanji(prev) && textnorm.IsKatakanaWord(next):
		return true
	}
	return false
}

func skipSpace(text []byte, i, limit int) int {
	for i < limit {
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

func trimSpaceEnd(text []byte, i, limit int) int {
	for i > limit {
		r, size := utf8.DecodeLastRune(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	return i
}
