package textnorm

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is normalised text with a map back to the original: byte i of
// Bytes was produced by the original bytes [Start[i], End[i]). All the
// bytes of one rune share their range, and so do all the bytes produced by
// one normalisation segment (㍻ gives 平成, both from the same three bytes).
// Ranges never overlap and never go backwards, so the tokens and matches
// cut in Bytes report their offsets in the original through the map.
//
// A Text can be reused: [Normalize] and [KeyText] reset it first and keep
// its buffers.
type Text struct {
	Bytes      []byte
	Start, End []int32

	iter *norm.Iter // reused by Normalize: a norm.Iter escapes to the heap and is large
}

// Span returns the original byte range of normalised bytes [a, b).
func (t *Text) Span(a, b int) (int, int) {
	if a >= b {
		s := int(t.Start[a])
		return s, s
	}
	return int(t.Start[a]), int(t.End[b-1])
}

// Grow makes room in t for n more bytes without reallocating.
func (t *Text) Grow(n int) {
	t.Bytes = slices.Grow(t.Bytes, n)
	t.Start = slices.Grow(t.Start, n)
	t.End = slices.Grow(t.End, n)
}

// Reset empties t, keeping its buffers.
func (t *Text) Reset() {
	t.Bytes = t.Bytes[:0]
	t.Start = t.Start[:0]
	t.End = t.End[:0]
}

// add appends b, produced by the original bytes [start, end).
func (t *Text) add(b []byte, start, end int) {
	t.Bytes = append(t.Bytes, b...)
	for range b {
		t.Start = append(t.Start, int32(start))
		t.End = append(t.End, int32(end))
	}
}

func (t *Text) addByte(c byte, start, end int) {
	t.Bytes = append(t.Bytes, c)
	t.Start = append(t.Start, int32(start))
	t.End = append(t.End, int32(end))
}

func (t *Text) addRune(r rune, start, end int) {
	if r < utf8.RuneSelf {
		t.addByte(byte(r), start, end)
		return
	}
	var buf [utf8.UTFMax]byte
	k := utf8.EncodeRune(buf[:], r)
	t.add(buf[:k], start, end)
}

// Normalize applies the character-level normalisation to src and stores
// the result in t:
//
//   - NFKC: full-width ASCII and digits to ASCII, half-width katakana to
//     full-width (with its voicing marks composed), compatibility characters
//     such as ㍻ or Ⅲ expanded;
//   - the kana iteration marks ゝゞヽヾ replaced by the kana they repeat
//     (いすゞ is いすず, バナヽ is バナナ);
//   - invalid UTF-8 replaced by U+FFFD, format characters (zero-width space,
//     soft hyphen, BOM) removed, control characters treated as spaces;
//   - a run of white space between two Japanese characters ([IsJapanese])
//     removed (PDF extraction breaks lines inside words: 自衛\n\n隊,
//     サイ\nバー), unless it is a space between two katakana words; any other
//     run of white space reduced to one space, or one newline if it held
//     one; white space at either end dropped.
//
// Case is kept (the analyzers tell acronyms by their capitals) and katakana
// words are not folded: [Key] does both.
func Normalize(t *Text, src []byte) { normalize(t, src, true) }

// normalize implements Normalize. With fast set, it copies runs of runes
// that NFKC leaves alone itself (see [isInert]), which is most of Japanese
// text, and uses the norm.Iter only around the others: the iterator costs
// about as much as the rest of the analysis of the bigram field. Without
// fast, every rune goes through the iterator; the result is the same
// (TestNormalizeFastPath).
func normalize(t *Text, src []byte, fast bool) {
	t.Reset()
	var (
		prev      rune = -1 // last rune written, -1 at start
		wsStart        = -1 // original start of pending white space
		wsEnd     int
		wsNewline bool
	)
	flushSpace := func(next rune, start int) {
		if wsStart < 0 {
			return
		}
		if wsStart < start {
			// The white space may end with the space that NFKC puts
			// before a spacing mark (゛ is a space and U+3099): the mark
			// has that range, the white space ends where it starts.
			wsEnd = min(wsEnd, start)
		}
		join := IsJapanese(prev) && IsJapanese(next)
		if join && !wsNewline && IsKatakanaWord(prev) && IsKatakanaWord(next) {
			join = false // a space separates katakana words
		}
		if !join && prev >= 0 {
			c := byte(' ')
			if wsNewline {
				c = '\n'
			}
			t.addByte(c, wsStart, wsEnd)
			prev = rune(c)
		}
		wsStart = -1
		wsNewline = false
	}
	// emit handles rune r of the normalised text, made from the original
	// bytes [start, end).
	emit := func(r rune, size, start, end int) {
		switch {
		case IsLineBreak(r):
			if wsStart < 0 {
				wsStart = start
			}
			wsEnd = end
			wsNewline = true
			return
		case unicode.IsSpace(r) || unicode.IsControl(r):
			if wsStart < 0 {
				wsStart = start
			}
			wsEnd = end
			return
		case unicode.Is(unicode.Cf, r):
			return
		}
		flushSpace(r, start)
		switch r {
		case 'ゝ', 'ゞ', 'ヽ', 'ヾ':
			if rr, ok := iterate(prev, r); ok {
				r = rr
			}
		}
		if size == 1 && r < utf8.RuneSelf {
			t.addByte(byte(r), start, end)
		} else {
			t.addRune(r, start, end)
		}
		prev = r
	}
	// A long expansion (㍈ → ミクロン) can come out over several calls of
	// Next, the first ones consuming no input; their bytes get the span of
	// the call that finally consumes it (but not the white space flushed
	// before them, which keeps its own).
	pending, pendingStart := -1, 0
	patch := func(end int) {
		for i := pending; i < len(t.Bytes); i++ {
			if t.Start[i] == int32(pendingStart) {
				t.End[i] = int32(end)
			}
		}
		pending = -1
	}
	for pos := 0; pos < len(src); {
		if fast {
			// Copy inert runes while the next one is inert too (or the
			// text ends).
			r, size := inertAt(src, pos)
			for size > 0 {
				r2, size2 := inertAt(src, pos+size)
				if size2 == 0 && pos+size < len(src) {
					break
				}
				if wsStart < 0 && (r > ' ' && r < 0x7F || r >= 0x3001) {
					// The common case: a letter to copy as it is.
					t.Bytes = append(t.Bytes, src[pos:pos+size]...)
					for range size {
						t.Start = append(t.Start, int32(pos))
						t.End = append(t.End, int32(pos+size))
					}
					prev = r
				} else {
					emit(r, size, pos, pos+size)
				}
				pos += size
				r, size = r2, size2
			}
			if pos >= len(src) {
				break
			}
		}
		// The iterator starts at a segment boundary: pos is 0 or follows
		// an inert rune. It runs until the next pair of inert runes.
		base := pos
		if t.iter == nil {
			t.iter = new(norm.Iter)
		}
		it := t.iter
		it.Init(norm.NFKC, src[base:])
		for !it.Done() {
			start := base + it.Pos()
			seg := it.Next()
			end := base + it.Pos()
			if end == start {
				if pending < 0 {
					pending, pendingStart = len(t.Bytes), start
				}
			} else if pending >= 0 {
				patch(end)
			}
			if !utf8.Valid(seg) {
				seg = []byte(strings.ToValidUTF8(string(seg), "\uFFFD"))
			}
			for len(seg) > 0 {
				r, size := utf8.DecodeRune(seg)
				seg = seg[size:]
				emit(r, size, start, end)
			}
			if fast && pending < 0 && end > start {
				if _, a := inertAt(src, end); a > 0 {
					if _, b := inertAt(src, end+a); b > 0 {
						break
					}
				}
			}
		}
		pos = base + it.Pos()
	}
	if pending >= 0 {
		patch(len(src))
	}
	// Trailing white space produces no token and is dropped.
}

// inertAt returns the rune at src[i] and its size if it is an inert rune
// (see [isInert]), or 0 as the size if it is not or i is at the end.
func inertAt(src []byte, i int) (rune, int) {
	if i >= len(src) {
		return 0, 0
	}
	if c := src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRune(src[i:])
	if !isInert(r) {
		return 0, 0
	}
	return r, size
}

// iterate returns the kana that iteration mark m repeats after prev.
func iterate(prev, m rune) (rune, bool) {
	hira := m == 'ゝ' || m == 'ゞ'
	if hira && !IsHiragana(prev) || !hira && !IsKatakanaLetter(prev) {
		return 0, false
	}
	voiced := m == 'ゞ' || m == 'ヾ'
	if v, ok := voicedOf[prev]; ok && voiced {
		return v, true
	}
	if u, ok := unvoicedOf[prev]; ok && !voiced {
		return u, true
	}
	return prev, true
}

var voicedOf, unvoicedOf = func() (map[rune]rune, map[rune]rune) {
	v, u := map[rune]rune{}, map[rune]rune{}
	const pairs = "かがきぎくぐけげこごさざしじすずせぜそぞただちぢつづてでとどはばひびふぶへべほぼ"
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		for _, off := range []rune{0, 0x60} { // hiragana, katakana
			v[rs[i]+off] = rs[i+1] + off
			u[rs[i+1]+off] = rs[i] + off
		}
	}
	v['ウ'] = 'ヴ'
	u['ヴ'] = 'ウ'
	return v, u
}()
