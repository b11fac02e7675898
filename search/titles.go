package search

import (
	"strings"

	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/indexer"
)

// Other-script equivalents in titles. A section may name its subject only
// in its title: a handbook's passage under スニファ、tcpdump と wireshark
// speaks of the tools, one under クラッカー不正侵入の検出と観察 of the
// intrusion, an FAQ's answer under 「foo」をアンインストールしたとき… of
// removing packages. equivalentTitles matches the English forms of a term
// in titles; the katakana and kanji forms are matched there the same way
// (an English query, sniffer, finds the title with スニファ): a form's
// words all in the title, weighing Ranking.Title times its confidence,
// split among its words. The title field has no positions, so a form of
// several words is matched as all of them.

// formTitles returns the query of the forms among forms that are not
// Latin text in the title field, nil when none has all its words in
// titles.
func (e *Engine) formTitles(forms []synonymForm) bquery.Query {
	var qs []bquery.Query
	seen := map[string]bool{}
	for _, f := range forms {
		if isLatinText(f.form) || f.conf <= 0 {
			continue
		}
		terms := distinctTerms(e.morph.Analyze([]byte(f.form)))
		key := strings.Join(terms, " ")
		if len(terms) == 0 || seen[key] || !allTitleWords(e.titleWords, terms) {
			continue
		}
		seen[key] = true
		words := make([]bquery.Query, len(terms))
		for i, t := range terms {
			words[i] = termQuery(indexer.FieldTitle, t, e.rank.Title*f.conf/float64(len(terms)))
		}
		if len(words) == 1 {
			qs = append(qs, words[0])
		} else {
			qs = append(qs, bquery.NewConjunctionQuery(words))
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return labelled(anyOf(qs...), "title", "equivalents")
}
