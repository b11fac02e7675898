package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	bquery "github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// Katakana spelling variants of the query's own words. One foreign word
// has several katakana spellings (パクセー, パークセー; ヴィエンチャン,
// ビエンチャン; ユーロ・コミュニズム, ユーロコミュニズム), and a reader
// types one of them. A katakana word of the query is also searched as the
// index's katakana words spelled otherwise:
//
//   - a word the index does not have, as the words of the same skeleton
//     (katakanaSkeleton: voicing, long vowels, sokuon, small vowels, ヴ,
//     middle dots folded), at most maxSkeletonVariants of them;
//   - a word the index has, only as the words that differ from it by ヴ and
//     the b-row or by middle dots (strictSkeleton): a long vowel or a
//     voicing mark tells words apart (クーロン, クローン; レベル, レーベル);
//   - a katakana run the analyzer cuts into several words (ユーロ・
//     コミュニズム: ユーロ, コミュニズム), as the one word the index has
//     for the run without its middle dots, or for its skeleton.
//
// A variant is an alternative of the word weighed weightVariant, or for a
// run an equivalent weighed so, times the coverage² of an equivalent.
const weightVariant = 0.8

// variantState holds the index's katakana words by strict skeleton.
type variantState struct {
	once   sync.Once
	strict map[string][]string // strictSkeleton → terms
}

// strictSkeleton folds only the differences that never tell two words
// apart: ヴ and the b-row (ヴァイオリン, バイオリン), middle dots and a
// final prolonged sound mark.
func strictSkeleton(s string) string {
	s = vuReplacer.Replace(norm.NFKC.String(s))
	s = strings.NewReplacer("・", "", "＝", "").Replace(s)
	return strings.TrimRight(s, "ー")
}

// skeletonTerms returns the katakana terms of the index by skeleton and
// by strict skeleton, built on first use; nil maps when there are none.
func (e *Engine) skeletonTerms() (full, strict map[string][]string) {
	if m, _ := e.translitVocab(); m == nil {
		return nil, nil
	}
	t := &e.translit
	t.skeletonOnce.Do(func() {
		t.skeletons = map[string][]string{}
		for _, w := range t.terms {
			k := katakanaSkeleton(w)
			t.skeletons[k] = append(t.skeletons[k], w)
		}
	})
	v := &t.variants
	v.once.Do(func() {
		v.strict = map[string][]string{}
		for _, w := range t.terms {
			k := strictSkeleton(w)
			v.strict[k] = append(v.strict[k], w)
		}
	})
	return t.skeletons, v.strict
}

// hasTerm reports whether the text field has the term t.
func (e *Engine) hasTerm(t string) bool {
	terms, err := e.ix.Terms(indexer.FieldText, t, t, nil)
	return err == nil && len(terms) > 0
}

// spellingVariants adds to alts the variants of the katakana words of
// text and returns the equivalents of the katakana runs cut into several
// words, with the expansions to record (Source "variant").
func (e *Engine) spellingVariants(text string, alts alternatives) (alternatives, []bquery.Query, []Expansion) {
	if e.noTranslit {
		return alts, nil, nil
	}
	var eqs []bquery.Query
	var xs []Expansion
	textRunes := float64(utf8.RuneCountInString(text))
	for _, run := range katakanaRuns(text) {
		word := text[run[0]:run[1]]
		toks := e.morph.Analyze([]byte(word))
		if len(toks) == 0 {
			continue
		}
		full, strict := e.skeletonTerms()
		if full == nil {
			return alts, nil, nil
		}
		coverage := float64(utf8.RuneCountInString(word)) / textRunes
		x := Expansion{Term: word, Source: "variant", Coverage: coverage}
		add := func(v string) {
			x.Equivalents = append(x.Equivalents, v)
			x.Forms = append(x.Forms, EquivalentForm{Form: v, Kind: "katakana", Source: "variant", Confidence: weightVariant})
		}
		if len(toks) == 1 {
			term := string(toks[0].Term)
			var vs []string
			if e.hasTerm(term) {
				for _, v := range strict[strictSkeleton(term)] {
					if v != term {
						vs = append(vs, v)
					}
				}
			} else {
				vs = full[katakanaSkeleton(term)]
			}
			for _, v := range vs[:min(len(vs), maxSkeletonVariants)] {
				if alts == nil {
					alts = alternatives{}
				}
				alts[term] = append(alts[term], alternative{term: v, weight: weightVariant})
				add(v)
			}
		} else {
			joined := strings.NewReplacer("・", "", "＝", "").Replace(word)
			jt := e.morph.Analyze([]byte(joined))
			var vs []string
			if len(jt) == 1 && e.hasTerm(string(jt[0].Term)) {
				vs = []string{string(jt[0].Term)}
			} else if translit.IsKatakanaWord(joined) {
				vs = full[katakanaSkeleton(joined)]
			}
			for _, v := range vs[:min(len(vs), maxSkeletonVariants)] {
				eqs = append(eqs, termQuery(indexer.FieldText, v, e.rank.Equivalent*weightVariant*coverage*coverage))
				add(v)
			}
		}
		if len(x.Equivalents) > 0 {
			xs = append(xs, x)
		}
	}
	return alts, eqs, xs
}
