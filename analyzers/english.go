package analyzers

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"golang.org/x/text/unicode/norm"
)

// englishStop is Bleve's English stop list (Snowball's, as in Lucene).
var englishStop = func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err)
	}
	return m
}()

// wordTerm turns a space-separated word (Latin letters or digits, after
// NFKC) into its term, appended to dst. keep is false for stop words.
//
// Words written in capitals (two letters or more: SSA, NATO, IT, US) are
// acronyms: lowercased, but neither stopped nor stemmed, so that "IT" in
// ITフォーラム survives while the pronoun "it" is dropped. Other words are
// lowercased, lose a possessive 's, are dropped if they are English stop
// words and are stemmed with the Snowball English (Porter2) stemmer, so
// that exercises and exercise match. Numbers are kept as written.
func wordTerm(dst []byte, word []byte) (_ []byte, keep bool) {
	letters, upper, ascii := 0, 0, true
	for _, r := range string(word) {
		if r >= utf8.RuneSelf {
			ascii = false
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	start := len(dst)
	if ascii {
		for _, c := range word {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
	} else {
		// Lowercasing can make a composable sequence (T̈ → ẗ): compose again.
		// (norm's Append would compose across the end of dst, which holds
		// earlier terms.)
		dst = append(dst, norm.NFKC.Bytes(bytes.ToLower(word))...)
	}
	if letters == 0 {
		return dst, true
	}
	if letters >= 2 && upper == letters {
		return dst, true
	}
	term := dst[start:]
	for _, suf := range []string{"'s", "’s"} {
		if bytes.HasSuffix(term, []byte(suf)) {
			term = term[:len(term)-len(suf)]
			break
		}
	}
	if _, stop := englishStop[string(term)]; stop {
		return dst[:start], false
	}
	env := snowballstem.NewEnv(string(term))
	english.Stem(env)
	return append(dst[:start], env.Current()...), true
}
