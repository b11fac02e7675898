package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/textnorm"
)

// Okurigana variants. A Japanese compound verb or noun is written with
// more or fewer of its okurigana (the kana after each kanji): 組み込み,
// 組込み, 組込; 取り扱い, 取扱い, 取扱; 書き込み, 書込み. The analyzer
// keeps each spelling as its own term, so a passage that writes
// 組込みシステム did not match the equivalent 組み込みシステム of
// "embedded system", nor a query typed the other way. A word of the query
// or of an equivalent is also searched as the index's words of the same
// kanji (okuriganaKey) in the same position of a phrase, and a passage
// with one of them has the word for the hit rule.
//
// Only words of at least two kanji, starting with a kanji and otherwise
// made of hiragana, have variants: one kanji with its kana (見る, 見た)
// would join inflections and different words.

// okuriganaState holds the index's words by okuriganaKey, built on first
// use.
type okuriganaState struct {
	once  sync.Once
	byKey map[string][]string
}

// maxOkuriganaVariants bounds the variants searched per word.
const maxOkuriganaVariants = 3

// okuriganaKey returns the kanji of a word that may have okurigana
// variants, and false for any other word.
func okuriganaKey(term string) (string, bool) {
	first, _ := utf8.DecodeRuneInString(term)
	if !textnorm.IsKanji(first) {
		return "", false
	}
	key := make([]byte, 0, len(term))
	kanji := 0
	for _, r := range term {
		switch {
		case textnorm.IsKanji(r):
			kanji++
			key = utf8.AppendRune(key, r)
		case textnorm.IsHiragana(r):
		default:
			return "", false
		}
	}
	if kanji < 2 {
		return "", false
	}
	return string(key), true
}

// okuriganaVariants returns the other words of the index written with the
// same kanji as term, at most maxOkuriganaVariants of them.
func (e *Engine) okuriganaVariants(term string) []string {
	key, ok := okuriganaKey(term)
	if !ok {
		return nil
	}
	s := &e.okurigana
	s.once.Do(func() {
		s.byKey = map[string][]string{}
		// The CJK unified ideographs sort after the kana.
		terms, err := e.ix.Terms(indexer.FieldText, "\u3400", "\u9fff\U0010ffff", func(t string) bool {
			_, ok := okuriganaKey(t)
			return ok
		})
		if err != nil {
			e.log.Error("words for okurigana variants", "err", err)
			return
		}
		for _, t := range terms {
			k, _ := okuriganaKey(t)
			s.byKey[k] = append(s.byKey[k], t)
		}
	})
	var out []string
	for _, v := range s.byKey[key] {
		if v != term && len(out) < maxOkuriganaVariants {
			out = append(out, v)
		}
	}
	return out
}

// withOkurigana returns toks with the okurigana variants of each token
// added at its position, for a phrase query (see phraseQuery).
func (e *Engine) withOkurigana(toks analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range toks {
		vs := e.okuriganaVariants(string(t.Term))
		if len(vs) == 0 {
			continue
		}
		if out == nil {
			out = slices.Clone(toks[:len(toks):len(toks)])
		}
		for _, v := range vs {
			out = append(out, &analysis.Token{Term: []byte(v), Position: toks[i].Position, Start: t.Start, End: t.End, Type: t.Type})
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// okuriganaAlternatives returns terms, the words a passage must all have,
// with each word in turn replaced by each of its okurigana variants.
func (e *Engine) okuriganaAlternatives(terms []string) [][]string {
	var out [][]string
	for i, t := range terms {
		for _, v := range e.okuriganaVariants(t) {
			alt := slices.Clone(terms)
			alt[i] = v
			out = append(out, alt)
		}
	}
	return out
}

// okuriganaWords adds to alts the okurigana variants of the words of
// text, weighed Ranking.Variant: the same word, spelled otherwise.
func (e *Engine) okuriganaWords(p *plan, text string, alts alternatives) alternatives {
	for _, t := range p.morph(e, text) {
		term := string(t.Term)
		for _, v := range e.okuriganaVariants(term) {
			if slices.ContainsFunc(alts[term], func(a alternative) bool { return a.term == v }) {
				continue
			}
			if alts == nil {
				alts = alternatives{}
			}
			alts[term] = append(alts[term], alternative{term: v, weight: e.rank.Variant})
		}
	}
	return alts
}

// A glossary key may be written with fewer okurigana than the query
// (再割当: reassignment, typed 再割り当て). When no glossary form covers
// the whole chunk, the chunk written with its kanji only is looked up,
// and a form covering it whole is a match of the chunk (okuriganaOnly
// says which chunks may be).

// withOkuriganaKeyMatch returns matches with the glossary's match of the
// kanji of text, spanning the whole text, when there is one and no match
// of matches spans it already.
func (e *Engine) withOkuriganaKeyMatch(text string, matches []glossary.Match) []glossary.Match {
	if !okuriganaOnly(text) || namesTerm(text, matches) {
		return matches
	}
	key, ok := okuriganaKey(text)
	if !ok || key == text {
		return matches
	}
	for _, m := range e.gloss.FindWhere(key, nil) {
		if m.Start == 0 && m.End == len(key) {
			return append(slices.Clone(matches), glossary.Match{Start: 0, End: len(text), Form: text, Entries: m.Entries})
		}
	}
	return matches
}

// okuriganaOnly reports whether text is a noun written with two okurigana
// or more (取り扱い, 申し込み): each run of hiragana is one kana, after a
// kanji, not a particle, and the last is not of the u row, the end of a
// verb (組み合う is not 組合, a union). One okurigana is too often part of
// the word (組合せ: combination, not 組合).
func okuriganaOnly(text string) bool {
	prevKana := true // no kana before the first kanji
	kana := 0
	var last rune
	for _, r := range text {
		switch {
		case textnorm.IsKanji(r):
			prevKana = false
		case textnorm.IsHiragana(r):
			if prevKana || strings.ContainsRune("のはをがにへとでやもかよねな", r) {
				return false
			}
			prevKana = true
			kana++
		default:
			return false
		}
		last = r
	}
	return kana >= 2 && !strings.ContainsRune("うくぐすずつづぬふぶぷむゆる", last)
}
