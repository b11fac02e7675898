package translit

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Symbols. The model reads an English word as its letters a–z and a
// katakana word as kana units: a katakana letter with the small vowels or
// glides that follow it (シュ, ティ, ファ), or the sokuon ッ, the moraic ン
// or the prolonged sound mark ー alone. Letters are coded 1–26 and units
// by their index in the model's unit table plus one, so that a chunk of
// up to maxE letters or maxK units packs into an integer.

// EnglishLetters returns the letters of an English word, lower-cased and
// without accents, as codes 1–26; other characters (hyphens, spaces,
// apostrophes, digits) are left out.
func EnglishLetters(s string) []byte {
	out := make([]byte, 0, len(s))
	if isASCII(s) { // NFKD changes nothing
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c >= 'a' && c <= 'z':
				out = append(out, c-'a'+1)
			case c >= 'A' && c <= 'Z':
				out = append(out, c-'A'+1)
			}
		}
		return out
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, byte(r-'a'+1))
		case r >= 'A' && r <= 'Z':
			out = append(out, byte(r-'A'+1))
		}
	}
	return out
}

// isSmall reports whether r is a small katakana that joins the letter
// before it into one unit.
func isSmall(r rune) bool {
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ヮ':
		return true
	}
	return false
}

// IsKatakanaWord reports whether s, after width folding, is made only of
// katakana letters, prolonged sound marks and middle dots, with at least
// one letter.
func IsKatakanaWord(s string) bool {
	letters := 0
	for _, r := range norm.NFKC.String(s) {
		switch {
		case r == 'ー' || r == '・' || r == '＝':
		case r >= 'ァ' && r <= 'ヺ':
			letters++
		default:
			return false
		}
	}
	return letters > 0
}

// KanaUnits splits a katakana word into units, after folding its width
// and hiragana to katakana. Middle dots and a final prolonged sound mark
// are dropped, as the text analyzer drops them (サーバー is サーバ), so
// that a word with and without them scores alike. It returns nil when s
// has anything but kana.
func KanaUnits(s string) []string {
	return splitUnits(s, true)
}

// splitUnits splits s into kana units, dropping a final prolonged sound
// mark if trimFinal is set (chunks of the model keep theirs).
func splitUnits(s string, trimFinal bool) []string { return appendUnits(nil, s, trimFinal) }

// appendUnits appends the units of s to dst, as splitUnits returns them;
// nil when s has a character other than kana.
func appendUnits(dst []string, s string, trimFinal bool) []string {
	k := s
	if !isPlainKatakana(s) {
		var b strings.Builder
		for _, r := range norm.NFKC.String(s) {
			switch {
			case r >= 'ぁ' && r <= 'ゖ':
				b.WriteRune(r + 0x60)
			case r == '・' || r == '＝' || r == ' ':
			case r == 'ー' || r >= 'ァ' && r <= 'ヺ':
				b.WriteRune(r)
			default:
				return nil
			}
		}
		k = b.String()
	}
	if trimFinal {
		k = strings.TrimRight(k, "ー")
	}
	units := dst
	for i := 0; i < len(k); {
		_, size := utf8.DecodeRuneInString(k[i:])
		j := i + size
		for j < len(k) {
			r, n := utf8.DecodeRuneInString(k[j:])
			if !isSmall(r) {
				break
			}
			j += n
		}
		units = append(units, k[i:j])
		i = j
	}
	return units
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isPlainKatakana reports whether s holds only katakana letters (ァ–ヺ)
// and ー, which NFKC and the folding of splitUnits leave as they are.
func isPlainKatakana(s string) bool {
	for _, r := range s {
		if r != 'ー' && (r < 'ァ' || r > 'ヺ') {
			return false
		}
	}
	return true
}
