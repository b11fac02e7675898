package glossary

import (
	"strings"
	"unicode/utf8"
)

// Katakana folding, as the analyzers do it (analyzers.Normalize), so that
// a glossary form and the text agree whichever way a loanword is written:
// the middle dot between two katakana letters is dropped (グローバル・センチネル
// is グローバルセンチネル) and so are the final prolonged sound marks of a
// katakana word of four characters or more (サーバー is サーバ).
const (
	middleDot  = '・'
	longVowel  = 'ー'
	minKataLen = 4
)

func isKatakanaLetter(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FA && r != 0x30F5 && r != 0x30F6 || r >= 0x31F0 && r <= 0x31FF
}

// foldKatakana folds the katakana words of s, normalised text whose byte
// i came from spans[i] (spans may be nil), and returns the folded text and
// the spans of its bytes.
func foldKatakana(s string, spans []span) (string, []span) {
	if !strings.ContainsRune(s, middleDot) && !strings.ContainsRune(s, longVowel) {
		return s, spans
	}
	var b strings.Builder
	b.Grow(len(s))
	var out []span
	if spans != nil {
		out = make([]span, 0, len(spans))
	}
	keep := func(i, j int) {
		b.WriteString(s[i:j])
		if spans != nil {
			out = append(out, spans[i:j]...)
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isKatakanaLetter(r) {
			keep(i, i+size)
			i += size
			continue
		}
		end := katakanaRunEnd(s, i)
		// The word's characters other than middle dots, and where its
		// final run of prolonged sound marks starts.
		n, tail := 0, end
		for j := i; j < end; {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r != middleDot {
				n++
			}
			if r != longVowel {
				tail = j + size
			}
			j += size
		}
		if n < minKataLen {
			tail = end
		}
		for j := i; j < tail; {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r != middleDot {
				keep(j, j+size)
			}
			j += size
		}
		if spans != nil && tail < end {
			// The dropped marks belong to the word's last character, so
			// that a match of the word covers them in the input.
			last := spans[end-1].end
			for k := len(out) - 1; k >= 0 && out[k].end < last && out[k].start == out[len(out)-1].start; k-- {
				out[k].end = last
			}
		}
		i = end
	}
	return b.String(), out
}

// katakanaRunEnd returns the end of the katakana word starting at s[i] (a
// katakana letter): letters and ー, and ・ between two letters.
func katakanaRunEnd(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isKatakanaLetter(r) || r == longVowel:
			i += size
		case r == middleDot:
			next, _ := utf8.DecodeRuneInString(s[i+size:])
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
