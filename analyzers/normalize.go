package analyzers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normText is text after character-level normalisation, with a map back to
// the original: byte i of text was produced by the original bytes
// [ostart[i], oend[i]). The analyzers cut tokens in text and report
// original offsets through the map, so normalisation never breaks the
// highlighter.
type normText struct {
	text   []byte
	ostart []int32
	oend   []int32
}

// span returns the original byte range of normalised bytes [a, b).
func (n *normText) span(a, b int) (int, int) {
	if a >= b {
		s := int(n.ostart[a])
		return s, s
	}
	return int(n.ostart[a]), int(n.oend[b-1])
}

func (n *normText) reset() {
	n.text = n.text[:0]
	n.ostart = n.ostart[:0]
	n.oend = n.oend[:0]
}

func (n *normText) add(b []byte, start, end int) {
	n.text = append(n.text, b...)
	for range b {
		n.ostart = append(n.ostart, int32(start))
		n.oend = append(n.oend, int32(end))
	}
}

func (n *normText) addRune(r rune, start, end int) {
	var buf [utf8.UTFMax]byte
	k := utf8.EncodeRune(buf[:], r)
	n.add(buf[:k], start, end)
}

// normalizeInto applies the character-level normalisation to src and
// stores the result in n:
//
//   - NFKC: full-width ASCII and digits to ASCII, half-width katakana to
//     full-width (with its voicing marks composed), compatibility characters
//     such as ㍻ or Ⅲ expanded;
//   - the kana iteration marks ゝゞヽヾ replaced by the kana they repeat;
//   - invalid UTF-8 replaced by U+FFFD, format characters (zero-width space,
//     soft hyphen, BOM) removed, control characters treated as spaces;
//   - a run of white space between two Japanese characters removed (PDF
//     extraction breaks lines inside words: 自衛\n\n隊, サイ\nバー), unless it
//     is a space between two katakana words; any other run of white space
//     reduced to one space, or one newline if it held one.
//
// Case is kept: Latin words are lowercased when they become terms, after
// the acronym check. Katakana folding (・ and a final ー) depends on the
// run and happens when tokens are cut.
func normalizeInto(n *normText, src []byte) { normalize(n, src, true) }

// normalize implements normalizeInto. With fast set, it copies runs of
// runes that NFKC leaves alone itself (see [inertRune]), which is most of
// Japanese text, and uses the norm.Iter only around the others: the
// iterator costs about as much as the rest of the analysis of the bigram
// field. Without fast, every rune goes through the iterator; the result is
// the same (TestNormalizeFastPath).
func normalize(n *normText, src []byte, fast bool) {
	n.reset()
	var (
		prev      rune = -1 // last rune written, -1 at start
		wsStart        = -1 // original start of pending white space
		wsEnd     int
		wsNewline bool
	)
	flushSpace := func(next rune) {
		if wsStart < 0 {
			return
		}
		join := isJapanese(prev) && isJapanese(next)
		if join && !wsNewline && isKatakanaWord(prev) && isKatakanaWord(next) {
			join = false // a space separates katakana words
		}
		if !join && prev >= 0 {
			c := byte(' ')
			if wsNewline {
				c = '\n'
			}
			n.add([]byte{c}, wsStart, wsEnd)
			prev = rune(c)
		}
		wsStart = -1
		wsNewline = false
	}
	// emit handles rune r of the normalised text, made from the original
	// bytes [start, end).
	emit := func(r rune, size, start, end int) {
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
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
		flushSpace(r)
		switch r {
		case 'ゝ', 'ゞ', 'ヽ', 'ヾ':
			if rr, ok := iterate(prev, r); ok {
				r = rr
			}
		}
		if size == 1 && r < utf8.RuneSelf {
			n.text = append(n.text, byte(r))
			n.ostart = append(n.ostart, int32(start))
			n.oend = append(n.oend, int32(end))
		} else {
			n.addRune(r, start, end)
		}
		prev = r
	}
	// A long expansion (㍈ → ミクロン) can come out over several calls of
	// Next, the first ones consuming no input; their bytes get the span of
	// the call that finally consumes it.
	pending := -1
	var it norm.Iter
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
					n.text = append(n.text, src[pos:pos+size]...)
					for range size {
						n.ostart = append(n.ostart, int32(pos))
						n.oend = append(n.oend, int32(pos+size))
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
		it.Init(norm.NFKC, src[base:])
		for !it.Done() {
			start := base + it.Pos()
			seg := it.Next()
			end := base + it.Pos()
			if end == start {
				if pending < 0 {
					pending = len(n.text)
				}
			} else if pending >= 0 {
				for i := pending; i < len(n.text); i++ {
					n.oend[i] = int32(end)
				}
				pending = -1
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
	for i := max(pending, 0); pending >= 0 && i < len(n.text); i++ {
		n.oend[i] = int32(len(src))
	}
	// Trailing white space produces no token and is dropped.
}

// inertAt returns the rune at src[i] and its size if it is an inert rune
// (see [inertRune]), or 0 as the size if it is not or i is at the end.
func inertAt(src []byte, i int) (rune, int) {
	if i >= len(src) {
		return 0, 0
	}
	if c := src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRune(src[i:])
	if !inertRune(r) {
		return 0, 0
	}
	return r, size
}

// inertRune reports whether r is a rune of the common Japanese blocks
// that NFKC neither changes nor combines with a neighbour (kana, kanji,
// 、 and 。; TestInertRunes checks them against package norm). ASCII is
// inert too, except that a combining mark may follow it, which is why the
// fast path of normalize wants two inert runes in a row.
func inertRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3041 && r <= 0x3096 ||
		r >= 0x30A1 && r <= 0x30FA || r == 0x30FC || r == 0x3001 || r == 0x3002
}

// iterate returns the kana that iteration mark m repeats after prev.
func iterate(prev, m rune) (rune, bool) {
	hira := m == 'ゝ' || m == 'ゞ'
	if hira && !unicode.Is(unicode.Hiragana, prev) || !hira && !isKatakanaLetter(prev) {
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

const (
	middleDot  = '・' // U+30FB katakana middle dot
	longVowel  = 'ー' // U+30FC prolonged sound mark
	minKataLen = 4   // a final ー is folded only from katakana words this long (Lucene's katakana stemmer)
)

// isKatakanaLetter reports whether r is a katakana letter that starts or
// continues a katakana word. ヵ and ヶ are counters (3ヶ月) and are left to
// the morphological analyser.
func isKatakanaLetter(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FA && r != 0x30F5 && r != 0x30F6 || r >= 0x31F0 && r <= 0x31FF
}

func isKatakanaWord(r rune) bool { return isKatakanaLetter(r) || r == longVowel }

// isJapanese reports whether r is written in a Japanese script or is
// Japanese punctuation, where white space carries no meaning.
func isJapanese(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r == longVowel, r == middleDot:
		return true
	}
	return false
}

// isCJK reports whether r belongs to a script written without spaces,
// whose text the bigram analyzer cuts into character pairs.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	if r >= 0x3041 && r <= 0x30FF && r != middleDot || r >= 0x4E00 && r <= 0x9FFF { // kana, common kanji
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		r == longVowel || r == '々' || r == '〆' || r == '〇'
}

// isWordRune reports whether r belongs in a space-separated word: a letter
// of a script other than CJK, or a digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if r >= 0x3000 && r < 0xA000 { // CJK symbols, kana, CJK ideographs: the bulk of Japanese text
		return false
	}
	if unicode.IsDigit(r) {
		return true
	}
	if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
		return false
	}
	return !isCJK(r) && r != 'ヵ' && r != 'ヶ'
}

// foldKatakana appends to dst the term of a katakana word: the middle dots
// removed and, for words of at least four letters, the final prolonged
// sound marks removed, so that グローバル・センチネル and グローバルセンチネル, サーバー and
// サーバ give one term.
func foldKatakana(dst []byte, word []byte) []byte {
	start := len(dst)
	n := 0
	for _, r := range string(word) {
		if r == middleDot {
			continue
		}
		dst = utf8.AppendRune(dst, r)
		n++
	}
	if n >= minKataLen {
		for strings.HasSuffix(string(dst[start:]), "ー") {
			dst = dst[:len(dst)-len("ー")]
		}
	}
	return dst
}

// Normalize returns the term-level normalisation the analyzers apply, for
// keys that must agree with analysed text (glossary entries, acronyms):
// NFKC width folding, lowercase, kana iteration marks, white space between
// Japanese characters removed and other white space collapsed to one
// space, and katakana words folded (middle dot removed, final ー of words
// of four letters or more removed). It is idempotent.
//
// Normalize("ＳＳＡ") == "ssa"; Normalize("グローバル・センチネル") ==
// "グローバルセンチネル"; Normalize("サーバー") == "サーバ".
func Normalize(s string) string {
	var n normText
	normalizeInto(&n, []byte(s))
	text := n.text
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case isKatakanaLetter(r):
			end := katakanaRunEnd(text, i)
			out = foldKatakana(out, text[i:end])
			i = end
		case r == '\n':
			out = append(out, ' ')
			i += size
		default:
			out = utf8.AppendRune(out, unicode.ToLower(r))
			i += size
		}
	}
	// Lowercasing can make a composable sequence (T̈ → ẗ): compose again.
	return strings.TrimSpace(norm.NFKC.String(string(out)))
}

// katakanaRunEnd returns the end of the katakana word starting at text[i]
// (a katakana letter): letters and ー, and ・ between two letters.
func katakanaRunEnd(text []byte, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case isKatakanaLetter(r) || r == longVowel:
			i += size
		case r == middleDot:
			next, _ := utf8.DecodeRune(text[i+size:])
			if !isKatakanaLetter(next) {
				return i
			}
			i += size
		default:
			return i
		}
	}
	return i
}

// wordRunEnd returns the end of the word starting at text[i] (a word
// rune): word runes, apostrophes between letters, and '.' or ',' between
// digits (3.5, 1,000).
func wordRunEnd(text []byte, i int) int {
	prev := rune(-1)
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		if isWordRune(r) {
			prev = r
			i += size
			continue
		}
		next, _ := utf8.DecodeRune(text[i+size:])
		switch {
		case (r == '\'' || r == '’') && unicode.IsLetter(prev) && isWordRune(next):
		case (r == '.' || r == ',') && isDigit(prev) && isDigit(next):
		default:
			return i
		}
		prev = r
		i += size
	}
	return i
}

func isDigit(r rune) bool { return r >= 0 && unicode.IsDigit(r) }
