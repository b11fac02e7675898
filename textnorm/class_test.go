package textnorm

import (
	"testing"
	"unicode"
)

func TestClasses(t *testing.T) {
	tests := []struct {
		r                                           rune
		japanese, raw, cjk, kata, hira, kanji, word bool
	}{
		{r: 'a', word: true},
		{r: '7', word: true},
		{r: ' '},
		{r: 'é', word: true},
		{r: 'Ａ', raw: true, word: true}, // full-width: Japanese before NFKC only
		{r: '（', raw: true},             //
		{r: 'ｶ', japanese: true, raw: true, cjk: true}, // half-width katakana (unicode.Katakana)
		{r: '漢', japanese: true, raw: true, cjk: true, kanji: true},
		{r: '々', japanese: true, raw: true, cjk: true, kanji: true},
		{r: '〆', japanese: true, raw: true, cjk: true},
		{r: '〇', japanese: true, raw: true, cjk: true, kanji: true},
		{r: '𠮷', japanese: true, raw: true, cjk: true, kanji: true}, // outside the BMP
		{r: 'か', japanese: true, raw: true, cjk: true, hira: true},
		{r: 'ゞ', japanese: true, raw: true, cjk: true, hira: true},
		{r: 'ア', japanese: true, raw: true, cjk: true, kata: true},
		{r: 'ヴ', japanese: true, raw: true, cjk: true, kata: true},
		{r: 'ㇰ', japanese: true, raw: true, cjk: true, kata: true},
		{r: 'ヵ', japanese: true, raw: true, cjk: true}, // a counter, not a letter of a katakana word
		{r: 'ヶ', japanese: true, raw: true, cjk: true},
		{r: 'ー', japanese: true, raw: true, cjk: true},
		{r: '・', japanese: true, raw: true},
		{r: '、', japanese: true, raw: true},
		{r: '\u3000', japanese: true, raw: true},
		{r: '\u3099', raw: true, cjk: true}, // combining voiced sound mark
		{r: '゛', raw: true, cjk: true},
		{r: '가', cjk: true},
		{r: 'α', word: true},
		{r: '٣', word: true}, // Arabic-Indic digit
		{r: '\u0301', word: true},
		{r: -1},
	}
	for _, tt := range tests {
		got := [...]bool{IsJapanese(tt.r), IsJapaneseRaw(tt.r), IsCJK(tt.r), IsKatakanaLetter(tt.r), IsHiragana(tt.r), IsKanji(tt.r), IsWordRune(tt.r)}
		want := [...]bool{tt.japanese, tt.raw, tt.cjk, tt.kata, tt.hira, tt.kanji, tt.word}
		if got != want {
			t.Errorf("%q (%U): Japanese, raw, CJK, katakana letter, hiragana, kanji, word = %v, want %v", tt.r, tt.r, got, want)
		}
	}
}

// TestClassesAgainstUnicode checks the fast classes against package
// unicode over every rune, and that the raw Japanese class extends the
// normalised one.
func TestClassesAgainstUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsHiragana(r) != unicode.Is(unicode.Hiragana, r) {
			t.Errorf("IsHiragana(%U) = %v", r, IsHiragana(r))
		}
		if IsKanji(r) != unicode.Is(unicode.Han, r) {
			t.Errorf("IsKanji(%U) = %v", r, IsKanji(r))
		}
		if IsJapanese(r) && !IsJapaneseRaw(r) {
			t.Errorf("%U is Japanese but not raw Japanese", r)
		}
		if IsKatakanaLetter(r) && !(IsJapanese(r) && IsCJK(r) && IsKatakanaWord(r)) {
			t.Errorf("katakana letter %U is not Japanese, CJK and a katakana word character", r)
		}
		if IsWordRune(r) && (IsCJK(r) || IsJapanese(r)) {
			t.Errorf("word rune %U is also CJK or Japanese", r)
		}
		if IsLineBreak(r) && !IsSpace(r) {
			t.Errorf("line break %U is not white space", r)
		}
	}
}
