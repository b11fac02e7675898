package glossary

import (
	"strings"
	"unicode"
)

// exWord reports whether the x at l[i] is the second letter of a word
// that begins with "ex", which an acronym writes X: Extensible Markup
// Language (XML).
func exWord(l []rune, i int, c rune) bool {
	return c == 'x' && i >= 1 && unicode.ToLower(l[i-1]) == 'e' && (i == 1 || !isWordRune(l[i-2]))
}

// MatchLetters matches the letters and digits of a short form against a
// candidate long form in the manner of Schwartz & Hearst (2003): the short
// form's characters are found right to left in the long form, in order,
// ignoring case, and the first character must begin a word of the long
// form (an X may stand for the ex that begins one: Extensible Markup
// Language (XML)). It returns the shortest suffix of long that accounts for every
// character (for "CyCon" and "International Conference on Cyber Conflict",
// "Cyber Conflict") and whether the match succeeded.
//
// The match also fails when the short form has no letter, when the long
// form is not longer than the short form, or when the long form contains
// the short form as a word (a restatement, not an expansion).
func MatchLetters(short, long string) (string, bool) {
	s := []rune(short)
	l := []rune(long)
	if len(l) <= len(s) || !hasLetter(s) {
		return "", false
	}
	for _, w := range strings.FieldsFunc(long, func(r rune) bool { return !isWordRune(r) }) {
		if strings.EqualFold(w, short) {
			return "", false
		}
	}
	si, li := len(s)-1, len(l)-1
	for si >= 0 {
		c := unicode.ToLower(s[si])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			si--
			continue
		}
		for li >= 0 && (unicode.ToLower(l[li]) != c || si == 0 && li > 0 && isWordRune(l[li-1]) && !exWord(l, li, c)) {
			li--
		}
		if li < 0 {
			return "", false
		}
		li--
		si--
	}
	// li+1 is where the first short-form character matched: the start of a word.
	start := li + 1
	if start > 0 && isWordRune(l[start-1]) {
		start-- // the e of an ex word the X stands for
	}
	return strings.TrimSpace(string(l[start:])), true
}

func hasLetter(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isWordRune reports whether r belongs to a word for letter matching.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
