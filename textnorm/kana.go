package textnorm

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// KatakanaRunEnd returns the end of the katakana word starting at text[i]
// (a katakana letter): letters and ー, and ・ between two letters.
func KatakanaRunEnd(text []byte, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case IsKatakanaWord(r):
			i += size
		case r == MiddleDot:
			next, _ := utf8.DecodeRune(text[i+size:])
			if !IsKatakanaLetter(next) {
				return i
			}
			i += size
		default:
			return i
		}
	}
	return i
}

// FoldKatakana appends to dst the term of the katakana word: its middle
// dots removed and, for a word of at least [MinFoldLen] characters, its
// final prolonged sound marks removed, so that グローバル・センチネル and
// グローバルセンチネル, サーバー and サーバ give one term. word is a run found
// by [KatakanaRunEnd] (or a part of one).
func FoldKatakana(dst, word []byte) []byte {
	// One pass, as foldTail counts: n characters other than ・, and tail,
	// the end in dst of the last one other than ー.
	n, tail := 0, len(dst)
	for j := 0; j < len(word); {
		r, size := utf8.DecodeRune(word[j:])
		if r != MiddleDot {
			dst = append(dst, word[j:j+size]...)
			n++
			if r != LongVowel {
				tail = len(dst)
			}
		}
		j += size
	}
	if n >= MinFoldLen {
		dst = dst[:tail]
	}
	return dst
}

// foldTail returns where the folded part of a katakana word ends: after
// its last character other than ー and ・ if the word has at least
// MinFoldLen characters other than ・, otherwise at its end.
func foldTail(word []byte) int {
	n, tail := 0, 0
	for j := 0; j < len(word); {
		r, size := utf8.DecodeRune(word[j:])
		j += size
		if r == MiddleDot {
			continue
		}
		n++
		if r != LongVowel {
			tail = j
		}
	}
	if n < MinFoldLen {
		return len(word)
	}
	return tail
}

// foldKatakanaMapped appends the folded katakana word src.Bytes[a:b] to t
// with its offsets. The dropped marks are given to the word's last kept
// character, so that a match of the word covers them in the original.
//
// The final ー are kept when what follows the word could act on its last
// letter once they were gone: an iteration mark (ウーヾ is not ウヴ to
// the analyzers, which fold the word after the marks are resolved) or a
// combining mark. The key stays what the analyzers see, and a fixed point.
func foldKatakanaMapped(t *Text, src *Text, a, b int) {
	word := src.Bytes[a:b]
	tail := foldTail(word)
	if tail < len(word) && b < len(src.Bytes) && actsOnPrevious(src.Bytes[b:]) {
		tail = len(word)
	}
	for j := 0; j < tail; {
		r, size := utf8.DecodeRune(word[j:])
		if r != MiddleDot {
			t.Bytes = append(t.Bytes, word[j:j+size]...)
			t.Start = append(t.Start, src.Start[a+j:a+j+size]...)
			t.End = append(t.End, src.End[a+j:a+j+size]...)
		}
		j += size
	}
	if tail > 0 && tail < len(word) {
		last, end := t.Start[len(t.Start)-1], src.End[b-1]
		for k := len(t.End) - 1; k >= 0 && t.Start[k] == last && t.End[k] < end; k-- {
			t.End[k] = end
		}
	}
}

// actsOnPrevious reports whether the rune starting text is an iteration
// mark or may combine with the rune before it under NFKC.
func actsOnPrevious(text []byte) bool {
	r, _ := utf8.DecodeRune(text)
	switch r {
	case 'ゝ', 'ゞ', 'ヽ', 'ヾ':
		return true
	}
	return !norm.NFKC.Properties(text).BoundaryBefore()
}
