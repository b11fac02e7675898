package analyzers

import (
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/textnorm"
)

// The analyzers cut tokens in text normalised by [textnorm.Normalize] and
// report original offsets through its map, so normalisation never breaks
// the highlighter. The character classes and the katakana folding are
// textnorm's; the names below keep the tokenizers short.

type normText = textnorm.Text

func normalizeInto(n *normText, src []byte) { textnorm.Normalize(n, src) }

const (
	middleDot  = textnorm.MiddleDot
	longVowel  = textnorm.LongVowel
	minKataLen = textnorm.MinFoldLen
)

func isKatakanaLetter(r rune) bool { return textnorm.IsKatakanaLetter(r) }
func isCJK(r rune) bool            { return textnorm.IsCJK(r) }
func isHiragana(r rune) bool       { return textnorm.IsHiragana(r) }
func isWordRune(r rune) bool       { return textnorm.IsWordRune(r) }
func isDigit(r rune) bool          { return textnorm.IsDigit(r) }

func foldKatakana(dst, word []byte) []byte  { return textnorm.FoldKatakana(dst, word) }
func katakanaRunEnd(text []byte, i int) int { return textnorm.KatakanaRunEnd(text, i) }

// Normalize returns the term-level normalisation the analyzers apply, for
// keys that must agree with analysed text (glossary entries, acronyms):
// it is [textnorm.Key]. NFKC width folding, lowercase, kana iteration
// marks, white space between Japanese characters removed and other white
// space collapsed to one space, and katakana words folded (middle dot
// removed, final ー of words of four letters or more removed). It is
// idempotent.
//
// Normalize("ＳＳＡ") == "ssa"; Normalize("グローバル・センチネル") ==
// "グローバルセンチネル"; Normalize("サーバー") == "サーバ".
func Normalize(s string) string { return textnorm.Key(s) }

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
