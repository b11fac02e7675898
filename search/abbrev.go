package search

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// Japanese abbreviations (略語). Japanese shortens a long name to a
// character of some of its words, in order (全学連: 全日本学生自治会総連合;
// 国公法: 国家公務員法). A query of minAbbrevRunes to maxAbbrevRunes kanji
// that no glossary form covers in a form the index has is also searched
// as the long form the index writes: a stretch of a run of kanji and
// katakana that starts with a word beginning with the query's first
// character, whose words begin with each of its characters in order, and
// that is longer than the query. The passages read are those with a word
// beginning with each character (at most maxAbbrevPassages); the long
// form is taken only when it is the one found, or found at least twice
// as often as any other, and weighs Ranking.Equivalent times
// abbrevConfidence.
const (
	minAbbrevRunes    = 3
	maxAbbrevRunes    = 4
	maxAbbrevPassages = 30
	maxLongFormRunes  = 16
	abbrevConfidence  = 0.3
)

// abbreviationQuery returns the query of the long form of text, a chunk of
// the query that may be an abbreviation, and records it; nil when there is
// none.
func (e *Engine) abbreviationQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	abbr := strings.TrimSpace(text)
	n := utf8.RuneCountInString(abbr)
	if e.noLexicon || n < minAbbrevRunes || n > maxAbbrevRunes || !allHan(abbr) || e.namesTermInIndex(abbr, matches) ||
		slices.ContainsFunc(matches, isEra) {
		return nil
	}
	long := e.longFormOf(abbr)
	if long == "" {
		return nil
	}
	p.addExpansion(Expansion{Term: abbr, Source: SourceAbbreviation, Coverage: 1, Equivalents: []string{long},
		Forms: []EquivalentForm{{Form: long, Kind: string(glossary.KindJapanese), Source: SourceAbbreviation, Confidence: abbrevConfidence}}})
	return e.equivalent(long, e.rank.Equivalent*abbrevConfidence)
}

// SourceAbbreviation is the Expansion.Source of the long form of a
// Japanese abbreviation found in the index's text.
const SourceAbbreviation = "abbreviation"

// allHan reports whether s is written in kanji only.
func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// longFormOf returns the long form of abbr that the index writes, or "".
func (e *Engine) longFormOf(abbr string) string {
	chars := []rune(abbr)
	qs := make([]bquery.Query, len(chars))
	for i, c := range chars {
		pq := bleve.NewPrefixQuery(string(c))
		pq.SetField(indexer.FieldText)
		qs[i] = pq
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(qs...), maxAbbrevPassages, 0, false)
	sr.Score = bleve.ScoreNone
	res, err := e.ix.Search(context.Background(), sr)
	if err != nil || len(res.Hits) == 0 {
		return ""
	}
	docs := make([]uint64, len(res.Hits))
	for i, h := range res.Hits {
		docs[i] = h.IndexInternalID.Value()
	}
	ps, err := e.ix.Passages(docs)
	if err != nil {
		return ""
	}
	count := map[string]int{}
	var order []string
	for _, p := range ps {
		for _, run := range compoundRuns(p.Text) {
			for _, f := range e.abbreviated(run, chars) {
				if count[f] == 0 {
					order = append(order, f)
				}
				count[f]++
			}
		}
	}
	if len(order) == 0 {
		return ""
	}
	slices.SortStableFunc(order, func(a, b string) int { return count[b] - count[a] })
	if len(order) > 1 && count[order[0]] < 2*count[order[1]] {
		return "" // ambiguous
	}
	return order[0]
}

// abbreviated returns the stretches of run, a run of kanji and katakana,
// whose words begin with chars in order, from the word beginning with the
// first to the word beginning with the last and the one-character words
// after it (suffixes: 会, 法), longer than chars and at most
// maxLongFormRunes, and not holding chars whole.
func (e *Engine) abbreviated(run string, chars []rune) []string {
	if !strings.ContainsRune(run, chars[0]) {
		return nil
	}
	toks := e.morph.Analyze([]byte(run))
	var out []string
	for i := range toks {
		if first, _ := utf8.DecodeRuneInString(run[toks[i].Start:]); first != chars[0] {
			continue
		}
		k, j := 1, i
		for j+1 < len(toks) && k < len(chars) {
			j++
			if c, _ := utf8.DecodeRuneInString(run[toks[j].Start:]); c == chars[k] {
				k++
			}
		}
		if k < len(chars) {
			continue
		}
		// A suffix of one character ends the name (連絡会, 会).
		for j+1 < len(toks) && utf8.RuneCountInString(run[toks[j+1].Start:toks[j+1].End]) == 1 {
			j++
		}
		f := run[toks[i].Start:toks[j].End]
		// A form that writes the query whole is no long form of it
		// (第二次世: 第二次世界).
		if n := utf8.RuneCountInString(f); n > len(chars) && n <= maxLongFormRunes && !strings.Contains(f, string(chars)) && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
