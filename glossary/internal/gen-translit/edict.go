package main

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary/translit"
)

// EDICT reading: one headword a line, "スターリンク /(n) Starlink/"; a
// katakana headword has no reading. Only the parts that find English ↔
// katakana pairs are parsed.
var (
	lineRE  = regexp.MustCompile(`^(\S+)(?: \[[^\]]*\])? /(.*)/$`)
	tagRE   = regexp.MustCompile(`^\([^()]*\)\s*`)
	parenRE = regexp.MustCompile(`\s*\([^()]*\)`)
	// langRE finds a source-language tag: "(ger: Arbeit)", "(fre:)",
	// "(wasei: welcome board)".
	langRE = regexp.MustCompile(`\(([a-z]{3,5}):\s*([^()]*)\)`)
)

// pairsOfLine returns the English ↔ katakana pairs of one EDICT line
// whose headword is katakana: each gloss of one to three English words
// (and the English of a wasei-eigo tag), paired with the headword as a
// whole, or word by word when the headword's middle dots cut it into as
// many words. Lines of words from other languages (a "(ger:)" tag),
// usually written in kana ("(uk)": native words and names of species)
// or abbreviated ("(abbr)") give none.
func pairsOfLine(line string) []translit.Pair {
	m := lineRE.FindStringSubmatch(line)
	if m == nil {
		return nil
	}
	body := m[2]
	if strings.Contains(body, "(uk)") || strings.Contains(body, "(abbr)") {
		return nil
	}
	var english []string
	for _, t := range langRE.FindAllStringSubmatch(body, -1) {
		switch t[1] {
		case "wasei":
			english = append(english, t[2])
		case "eng":
		default:
			return nil
		}
	}
	for _, g := range strings.Split(body, "/") {
		if g == "(P)" || strings.HasPrefix(g, "EntL") {
			continue
		}
		for {
			t := tagRE.FindString(g)
			if t == "" {
				break
			}
			g = g[len(t):]
		}
		english = append(english, strings.TrimSpace(parenRE.ReplaceAllString(g, "")))
	}
	var out []translit.Pair
	for _, head := range strings.Split(m[1], ";") {
		head = norm.NFKC.String(parenRE.ReplaceAllString(head, ""))
		if !translit.IsKatakanaWord(head) {
			continue
		}
		parts := strings.FieldsFunc(head, func(r rune) bool { return r == '・' || r == '＝' })
		for _, g := range english {
			words := strings.Fields(g)
			if len(words) == 0 || len(words) > 3 || !allLetterWords(words) {
				continue
			}
			switch {
			case len(parts) == len(words):
				for i := range parts {
					out = append(out, translit.Pair{English: words[i], Katakana: parts[i]})
				}
			case len(parts) == 1:
				out = append(out, translit.Pair{English: strings.Join(words, " "), Katakana: head})
			}
		}
	}
	return out
}

func allLetterWords(words []string) bool {
	for _, w := range words {
		letters := 0
		for _, r := range w {
			switch {
			case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
				letters++
			case r == '-' || r == '\'' || r == '.':
			default:
				return false
			}
		}
		if letters == 0 {
			return false
		}
	}
	return true
}

// Crude romanisation, for a first filter that owes nothing to the model:
// a pair is kept when the English and the romanised katakana share enough
// letters in order, after folding the letters Japanese does not tell
// apart (l/r, v/b, c/k/q).
var kanaRomaji = map[rune]string{}

func init() {
	rows := []struct{ kana, romaji string }{
		{"アイウエオ", "a i u e o"}, {"カキクケコ", "ka ki ku ke ko"}, {"ガギグゲゴ", "ga gi gu ge go"},
		{"サシスセソ", "sa shi su se so"}, {"ザジズゼゾ", "za ji zu ze zo"}, {"タチツテト", "ta chi tsu te to"},
		{"ダヂヅデド", "da ji zu de do"}, {"ナニヌネノ", "na ni nu ne no"}, {"ハヒフヘホ", "ha hi fu he ho"},
		{"バビブベボ", "ba bi bu be bo"}, {"パピプペポ", "pa pi pu pe po"}, {"マミムメモ", "ma mi mu me mo"},
		{"ヤユヨ", "ya yu yo"}, {"ラリルレロ", "ra ri ru re ro"}, {"ワヰヱヲン", "wa i e o n"},
		{"ヴ", "vu"}, {"ァィゥェォ", "a i u e o"}, {"ャュョ", "ya yu yo"}, {"ヮ", "wa"},
	}
	for _, r := range rows {
		rs := []rune(r.kana)
		for i, s := range strings.Fields(r.romaji) {
			kanaRomaji[rs[i]] = s
		}
	}
}

func romanize(k string) string {
	var b strings.Builder
	for _, r := range k {
		s := kanaRomaji[r]
		switch {
		case r == 'ャ' || r == 'ュ' || r == 'ョ':
			// キャ: kya; シャ: sha.
			cur := strings.TrimSuffix(b.String(), "i")
			b.Reset()
			b.WriteString(cur)
			if strings.HasSuffix(cur, "sh") || strings.HasSuffix(cur, "ch") || strings.HasSuffix(cur, "j") {
				s = s[1:]
			}
		case strings.ContainsRune("ァィゥェォ", r):
			// ファ: fa; ティ: ti.
			cur := b.String()
			if n := len(cur); n > 0 && strings.ContainsRune("aiueo", rune(cur[n-1])) {
				b.Reset()
				b.WriteString(cur[:n-1])
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func foldLetters(s string) string {
	s = strings.ToLower(s)
	r := strings.NewReplacer("ph", "f", "th", "s", "l", "r", "v", "b", "c", "k", "q", "k", "x", "ks", "-", "", " ", "", "'", "", ".", "", "w", "u", "y", "i")
	return r.Replace(s)
}

// similar reports whether the English and the romanised katakana share
// at least half of the longer one's letters in order (a longest common
// subsequence).
func similar(english, katakana string) bool {
	a, b := foldLetters(english), foldLetters(romanize(katakana))
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return 2*lcs(a, b) >= max(len(a), len(b))
}

func lcs(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
