package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/textnorm"
)

// Transliteration evidence: a katakana loanword and the Latin word it was
// borrowed from share their consonants in order (スターリンク and Starlink:
// s t r n k), and an acronym's letters are heard in the katakana spelling
// of its expansion (オペレーティングシステム and OS). Both tests compare
// consonant classes, coarse enough for the usual ways of writing foreign
// sounds in katakana (v as ブ or ヴ, l and r as ラ行, th as ス or ト).

// Consonant classes. A vowel-initial kana has class 0.
const (
	cK byte = 'k' // k, q, hard c
	cG byte = 'g'
	cS byte = 's' // s, soft c, sh
	cZ byte = 'z'
	cJ byte = 'j'
	cT byte = 't'
	cC byte = 'c' // ch
	cD byte = 'd'
	cN byte = 'n'
	cH byte = 'h'
	cF byte = 'f'
	cB byte = 'b' // b, v
	cP byte = 'p'
	cM byte = 'm'
	cY byte = 'y'
	cR byte = 'r' // r, l
	cW byte = 'w'
)

// kanaConsonant returns the consonant class of a katakana letter (0 for a
// vowel or a small kana, which adds no consonant).
func kanaConsonant(r rune) byte {
	switch {
	case strings.ContainsRune("カキクケコヵヶ", r):
		return cK
	case strings.ContainsRune("ガギグゲゴ", r):
		return cG
	case strings.ContainsRune("サシスセソ", r):
		return cS
	case strings.ContainsRune("ザズゼゾ", r):
		return cZ
	case strings.ContainsRune("ジヂ", r):
		return cJ
	case strings.ContainsRune("タテトツ", r):
		return cT
	case r == 'チ':
		return cC
	case strings.ContainsRune("ダデドヅ", r):
		return cD
	case strings.ContainsRune("ナニヌネノン", r):
		return cN
	case strings.ContainsRune("ハヒヘホ", r):
		return cH
	case r == 'フ':
		return cF
	case strings.ContainsRune("バビブベボヴ", r):
		return cB
	case strings.ContainsRune("パピプペポ", r):
		return cP
	case strings.ContainsRune("マミムメモ", r):
		return cM
	case strings.ContainsRune("ヤユヨ", r):
		return cY
	case strings.ContainsRune("ラリルレロ", r):
		return cR
	case strings.ContainsRune("ワヰヱヲ", r):
		return cW
	}
	return 0
}

// kanaSkeleton returns the consonant classes of a katakana string in order,
// without vowels, small kana, ッ, ー, ・ and spaces.
func kanaSkeleton(s string) []byte {
	var out []byte
	for _, r := range s {
		if c := kanaConsonant(r); c != 0 && c != cH && c != cY && c != cW {
			out = append(out, c)
		}
	}
	return out
}

// foldLatin lower-cases s and removes diacritics (Wächtershäuser is
// wachtershauser), spelling the letters that do not decompose as their
// base letters (Đurađ is durad, Łódź lodz, Øresund oresund).
func foldLatin(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := latinLetterFolds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// latinLetterFolds spell Latin letters that have no canonical decomposition.
var latinLetterFolds = map[rune]string{'đ': "d", 'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	'þ': "th", 'ð': "d", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "ng"}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// latinSkeleton returns the consonant classes of Latin text as katakana
// would write them: doubled letters once, h and w and y dropped, r dropped
// before a consonant or at the end of a word (アーカイブ for archive), c
// soft before e, i, y.
func latinSkeleton(s string) []byte {
	s = foldLatin(s)
	var out []byte
	vowel := false // a vowel since the last consonant: cuica is k k, not k
	add := func(c byte) {
		if len(out) == 0 || out[len(out)-1] != c || vowel {
			out = append(out, c)
		}
		vowel = false
	}
	n := len(s)
	next := func(i int) byte {
		if i+1 < n {
			return s[i+1]
		}
		return ' '
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			if c >= utf8.RuneSelf || c == ' ' || c == '-' {
				out = append(out, ' ') // word break, removed below
			}
			continue
		}
		nx := next(i)
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			vowel = true
		case 'h', 'w':
		case 'c':
			switch {
			case nx == 'h':
				add(cC)
				i++
			case nx == 'k':
				add(cK)
				i++
			case nx == 'e' || nx == 'i' || nx == 'y':
				add(cS)
			default:
				add(cK)
			}
		case 'p':
			if nx == 'h' {
				add(cF)
				i++
			} else {
				add(cP)
			}
		case 't':
			if nx == 'h' {
				i++
			}
			add(cT)
		case 's':
			if nx == 'h' {
				i++
			}
			add(cS)
		case 'q', 'k':
			add(cK)
		case 'x':
			add(cK)
			add(cS)
		case 'g':
			add(cG)
		case 'j':
			add(cJ)
		case 'z':
			add(cZ)
		case 'd':
			add(cD)
		case 'n', 'm', 'b', 'f':
			add(map[byte]byte{'n': cN, 'm': cM, 'b': cB, 'f': cF}[c])
		case 'v':
			add(cB)
		case 'l':
			add(cR)
		case 'r':
			if isVowelByte(nx) || nx == 'h' { // rh as in rhythm
				add(cR)
			}
		}
	}
	// Drop the word breaks.
	k := 0
	for _, c := range out {
		if c != ' ' {
			out[k] = c
			k++
		}
	}
	return out[:k]
}

// sameSound reports whether two consonant classes may write the same
// sound.
func sameSound(a, b byte) bool {
	if a == b {
		return true
	}
	pair := func(x, y byte) bool { return a == x && b == y || a == y && b == x }
	return pair(cK, cC) || pair(cG, cJ) || pair(cJ, cZ) || pair(cZ, cS) || pair(cS, cC) ||
		pair(cT, cC) || pair(cD, cJ) || pair(cD, cZ) || pair(cT, cS) || pair(cF, cB) || pair(cF, cH) || pair(cJ, cY)
}

// lcs returns the length of the longest common subsequence of a and b under
// sameSound.
func lcs(a, b []byte) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case sameSound(a[i-1], b[j-1]):
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// minTransliteration is the share of consonants a katakana word and its
// Latin source must have in common (of the longer skeleton).
const minTransliteration = 0.6

// transliterates reports whether the katakana kata may be a transliteration
// of the Latin text latin (see transliterationScore).
func transliterates(kata, latin string) bool {
	return transliterationScore(kata, latin) >= minTransliteration
}

// transliterationScore returns the share of the longer consonant skeleton
// that the katakana kata and the Latin text latin have in common, or 0
// when their first consonants disagree (メンテナ is not co-maintainer).
func transliterationScore(kata, latin string) float64 {
	k, l := kanaSkeleton(kata), latinSkeleton(latin)
	if len(k) < 1 || len(l) < 1 || !sameSound(k[0], l[0]) {
		return 0
	}
	return float64(lcs(k, l)) / float64(max(len(k), len(l)))
}

// heardIn reports whether the consonants of the katakana kata, all but
// one in four at most, are heard in order in the Latin word latin, as in a
// compound or a derived word (コード in codename, カプセル in encapsulation),
// or, when latin is an acronym, whether a letter of it begins kata.
func heardIn(latin, kata string) bool {
	k, l := kanaSkeleton(kata), latinSkeleton(latin)
	if IsAcronym(latin) && len(k) > 0 {
		// An acronym has the initial of the word: グループ in 実グループ ID (real GID).
		for i := range len(latin) {
			if isASCIILetter(latin[i]) && letterSounds(latin[i], k[0]) {
				return true
			}
		}
		return false
	}
	if len(k) < 2 || len(l) < len(k) {
		return false
	}
	return lcs(k, l) >= len(k)-len(k)/4
}

// letterSounds reports whether an acronym letter may be heard as a word
// beginning with the consonant class c (0 for a vowel).
func letterSounds(letter, c byte) bool {
	classes := letterClasses(letter)
	if classes == nil {
		return c == 0 || c == cY || c == cW
	}
	return containsByte(classes, c)
}

// letterClasses returns the consonant classes an acronym letter may be
// heard as at the start of a katakana word; nil for a vowel, which may
// sound as anything.
func letterClasses(c byte) []byte {
	switch c | 0x20 {
	case 'b', 'v':
		return []byte{cB}
	case 'c':
		return []byte{cK, cS, cC}
	case 'd':
		return []byte{cD}
	case 'f':
		return []byte{cF, cH}
	case 'g':
		return []byte{cG, cJ}
	case 'h':
		return []byte{cH, cF}
	case 'j':
		return []byte{cJ, cG, cY}
	case 'k', 'q':
		return []byte{cK}
	case 'l', 'r':
		return []byte{cR}
	case 'm':
		return []byte{cM}
	case 'n':
		return []byte{cN}
	case 'p':
		return []byte{cP}
	case 's':
		return []byte{cS, cZ}
	case 't':
		return []byte{cT, cC}
	case 'w':
		return []byte{cW, cB, 0}
	case 'x':
		return []byte{cK, cS, 0}
	case 'y':
		return []byte{cY, 0}
	case 'z':
		return []byte{cZ, cJ}
	}
	return nil // a, e, i, o, u
}

// kanaSpellsAcronym reports whether the katakana long form kata may spell
// out the expansion of acronym: the acronym's first letter is heard at
// the start of the katakana, and its other consonant letters, in order,
// somewhere after (ミッドナイトコマンダー for MC, ブリティッシュペトロリアム for
// BP, not パッケージ for WNPP). Digits and vowel letters after the first are
// not checked.
func kanaSpellsAcronym(acronym, kata string) bool {
	var kana []rune
	for _, r := range kata {
		if textnorm.IsKatakanaLetter(r) && r != 'ッ' && !isSmallKana(r) {
			kana = append(kana, r)
		}
	}
	if len(kana) == 0 {
		return false
	}
	first := true
	i := 0
	for j := 0; j < len(acronym); j++ {
		c := acronym[j]
		if !isASCIILetter(c) {
			continue
		}
		classes := letterClasses(c)
		if first {
			first = false
			got := kanaConsonant(kana[0])
			if classes == nil && got != 0 && got != cY && got != cW || classes != nil && !containsByte(classes, got) {
				return false
			}
			i = 1
			continue
		}
		if classes == nil {
			continue
		}
		for i < len(kana) && !containsByte(classes, kanaConsonant(kana[i])) {
			i++
		}
		if i == len(kana) {
			return false
		}
		i++
	}
	return !first
}

func isSmallKana(r rune) bool { return strings.ContainsRune("ァィゥェォャュョヮ", r) }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func containsByte(bs []byte, b byte) bool { return strings.IndexByte(string(bs), b) >= 0 }

// isKatakanaWord reports whether s is katakana only (with ー, ・ and
// spaces) and holds a katakana letter.
func isKatakanaWord(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case textnorm.IsKatakanaLetter(r):
			letter = true
		case r == textnorm.LongVowel || r == textnorm.MiddleDot || r == ' ':
		default:
			return false
		}
	}
	return letter
}

// romajiInitial returns the Hepburn initial of a katakana reading: 'n' for
// ニッポン, 'k' for キョウカイ, 'c' for チ, 0 for a vowel.
func romajiInitial(reading string) byte {
	r, _ := utf8.DecodeRuneInString(reading)
	switch c := kanaConsonant(r); c {
	case cC:
		return 'c'
	case 0:
		switch r {
		case 'ア':
			return 'a'
		case 'イ':
			return 'i'
		case 'ウ':
			return 'u'
		case 'エ':
			return 'e'
		case 'オ':
			return 'o'
		}
		return 0
	default:
		if r == 'シ' {
			return 's'
		}
		if r == 'ツ' {
			return 't'
		}
		if r == 'フ' {
			return 'f'
		}
		if r == 'ヂ' {
			return 'j'
		}
		return c
	}
}
