package search

import bquery "github.com/blevesearch/bleve/v2/search/query"

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
	return e.titlesOf(forms, func(form string) bool { return !isLatinText(form) })
}
