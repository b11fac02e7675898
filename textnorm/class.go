package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// Special katakana characters and the katakana folding threshold.
const (
	MiddleDot = '・' // U+30FB katakana middle dot
	LongVowel = 'ー' // U+30FC prolonged sound mark

	// MinFoldLen is the length, in characters other than middle dots,
	// from which a katakana word loses its final prolonged sound marks
	// (Lucene's katakana stemmer): サーバー is サーバ, but カー stays.
	MinFoldLen = 4
)

// IsHiragana reports whether r is a hiragana letter, as unicode.Hiragana:
// ぁ–ゖ, ゝ ゞ ゟ and the historic kana of the supplementary planes.
func IsHiragana(r rune) bool {
	if r >= 0x3041 && r <= 0x309f {
		return r <= 0x3096 || r >= 0x309d
	}
	return r > 0xffff && unicode.Is(unicode.Hiragana, r)
}

// IsKatakanaLetter reports whether r is a katakana letter that starts or
// continues a katakana word (ァ–ヺ and the small letters ㇰ–ㇿ). ヵ and ヶ
// are counters (3ヶ月) and are left to the morphological analyser; ー and
// ・ continue a word but do not start one (see [KatakanaRunEnd]).
func IsKatakanaLetter(r rune) bool {
	return r >= 0x30A1 && r <= 0x30FA && r != 0x30F5 && r != 0x30F6 || r >= 0x31F0 && r <= 0x31FF
}

// IsKatakanaWord reports whether r is a katakana letter or ー.
func IsKatakanaWord(r rune) bool { return IsKatakanaLetter(r) || r == LongVowel }

// IsKanji reports whether r is a Han character (unicode.Han: the CJK
// ideographs of every block, 々, 〇 and the radicals).
func IsKanji(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// IsJapanese reports whether r, in normalised text, is written in a
// Japanese script or is Japanese punctuation: white space between two such
// characters carries no meaning (PDF extraction breaks lines inside words:
// 自衛\n\n隊), and [Normalize] removes it.
func IsJapanese(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x3000 && r <= 0x303F, r == LongVowel, r == MiddleDot: // CJK symbols and punctuation
		return true
	}
	return IsKanji(r) || IsHiragana(r) || unicode.Is(unicode.Katakana, r)
}

// IsJapaneseRaw is [IsJapanese] for text before normalisation, as the
// corpus readers see it: it also holds the full-width and half-width forms
// (ＳＳＡ, （, ｶﾀｶﾅ), which Japanese text writes without spaces and
// [Normalize] maps to ASCII or kana, and the voiced sound marks ゛ ゜
// (U+3099–309C), which it composes with the kana before them.
func IsJapaneseRaw(r rune) bool {
	return r >= 0xFF00 && r <= 0xFFEF || r >= 0x3099 && r <= 0x309C || IsJapanese(r)
}

// IsHalfWidthKatakana reports whether r is in the half-width katakana
// block (｡ to ﾟ, U+FF61–FF9F), which [Normalize] maps to full-width.
func IsHalfWidthKatakana(r rune) bool { return r >= 0xFF61 && r <= 0xFF9F }

// IsCJK reports whether r belongs to a script written without spaces,
// whose text the bigram analyzer cuts into character pairs: kanji, kana
// (but not ・), hangul, ー, 々, 〆 and 〇.
func IsCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	if r >= 0x3041 && r <= 0x30FF && r != MiddleDot || r >= 0x4E00 && r <= 0x9FFF { // kana, common kanji
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		r == LongVowel || r == '々' || r == '〆' || r == '〇'
}

// IsWordRune reports whether r belongs in a space-separated word: a letter
// (or combining mark) of a script other than CJK, or a digit.
func IsWordRune(r rune) bool {
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
	return !IsCJK(r) && r != 'ヵ' && r != 'ヶ'
}

// IsDigit reports whether r is a decimal digit of any script.
func IsDigit(r rune) bool { return r >= 0 && unicode.IsDigit(r) }

// IsASCIIAlnum reports whether r is an ASCII letter or digit.
func IsASCIIAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// IsSpace reports whether r is white space (unicode.IsSpace, which
// includes the ideographic space U+3000).
func IsSpace(r rune) bool { return unicode.IsSpace(r) }

// IsLineBreak reports whether r ends a line: LF, CR, VT, FF, NEL and the
// Unicode line and paragraph separators.
func IsLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isInert reports whether r is a rune of the common Japanese blocks that
// NFKC neither changes nor combines with a neighbour (kana, kanji, 、 and
// 。; TestInertRunes checks them against package norm). ASCII is inert
// too, except that a combining mark may follow it, which is why the fast
// path of [Normalize] wants two inert runes in a row.
func isInert(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3041 && r <= 0x3096 ||
		r >= 0x30A1 && r <= 0x30FA || r == 0x30FC || r == 0x3001 || r == 0x3002
}
