package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/textnorm"
)

// isCJK reports whether r is written without spaces around it in Japanese
// text: kanji, kana, the prolonged sound mark, CJK punctuation and the
// full-width forms ([textnorm.IsJapaneseRaw]).
func isCJK(r rune) bool { return textnorm.IsJapaneseRaw(r) }

// isLatin reports whether r belongs to a space-separated script run:
// letters and digits outside CJK, and ASCII punctuation.
func isLatin(r rune) bool {
	if r < utf8.RuneSelf {
		return r > ' ' && r != 0x7f
	}
	if isCJK(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSpace(r rune) bool { return textnorm.IsSpace(r) }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// trimSpace trims Unicode white space, including the ideographic space.
func trimSpace(s string) string { return strings.TrimFunc(s, isSpace) }

// endsSentence reports whether s ends a sentence: 。．！？!? or a closing
// bracket right after one of them. An English full stop counts too.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, isSpace)
	r, n := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '．', '！', '？', '!', '?', '.':
		return true
	case '」', '』', '）', ')', '"', '”':
		p := lastRune(s[:len(s)-n])
		return p == '。' || p == '．' || p == '！' || p == '？' || p == '.' || p == '!' || p == '?'
	}
	return false
}

// latinRunEnd returns the run of Latin runes at the end of s and the rune
// before it (0 at the start of s).
func latinRunEnd(s []byte) (run string, before rune) {
	i := len(s)
	for i > 0 {
		if len(s)-i > 64 {
			return "", 0 // too long to be an acronym; bounds the work per join
		}
		r, n := utf8.DecodeLastRune(s[:i])
		if !isLatin(r) || isSpace(r) {
			return string(s[i:]), r
		}
		i -= n
	}
	return string(s), 0
}

// latinRunStart returns the run of Latin runes at the start of s and the
// rune after it (0 at the end of s).
func latinRunStart(s string) (run string, after rune) {
	for i, r := range s {
		if !isLatin(r) || isSpace(r) {
			return s[:i], r
		}
	}
	return s, 0
}

// isAcronymPart reports whether s is made of upper-case letters, digits and
// hyphens, with at least one letter or digit.
func isAcronymPart(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '&') {
			return false
		}
	}
	return strings.Trim(s, "-&") != ""
}

// joinLines joins line b to a as a line wrap in running text: no space
// between Japanese characters, one space between Latin words, an English
// word broken with a hyphen at the line end rejoined. dropped, if not nil,
// receives text removed by the join (a de-hyphenation hyphen).
func joinLines(a, b string, dropped *[]string) string {
	return string(joinInto([]byte(trimSpace(a)), b, dropped))
}

// joinInto appends line b to buf as [joinLines] does, in time proportional
// to len(b) (plus the last Latin run of buf).
func joinInto(buf []byte, b string, dropped *[]string) []byte {
	for len(buf) > 0 {
		r, n := utf8.DecodeLastRune(buf)
		if !isSpace(r) {
			break
		}
		buf = buf[:len(buf)-n]
	}
	b = trimSpace(b)
	if len(buf) == 0 || b == "" {
		return append(buf, b...)
	}
	last, n := utf8.DecodeLastRune(buf)
	first := firstRune(b)
	if last == '-' && len(buf) > 1 {
		prev, _ := utf8.DecodeLastRune(buf[:len(buf)-n])
		if unicode.IsLetter(prev) && !isCJK(prev) && unicode.IsLower(first) && !isCJK(first) {
			if dropped != nil {
				*dropped = append(*dropped, "-")
			}
			return append(buf[:len(buf)-n], b...)
		}
		return append(buf, b...)
	}
	if !isLatin(last) || !isLatin(first) {
		return append(buf, b...)
	}
	// A Latin token wrapped inside Japanese text (（S / SA）, F-35 / A戦闘機)
	// is one token split in two: no space when both halves are acronym-like
	// and the token is embedded in non-Latin text on both sides.
	endRun, before := latinRunEnd(buf)
	startRun, after := latinRunStart(b)
	if before != 0 && !isLatin(before) && !isSpace(before) &&
		!isLatin(after) && !isSpace(after) &&
		isAcronymPart(endRun) && isAcronymPart(startRun) {
		return append(buf, b...)
	}
	buf = append(buf, ' ')
	return append(buf, b...)
}

// normalizeSpace collapses runs of white space into one ASCII space, drops
// white space next to a Japanese character, and trims both ends.
func normalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // last rune written
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = true
			continue
		}
		if pending && prev != 0 && !isCJK(prev) && !isCJK(r) {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// runeLen returns the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
