package search

import (
	"slices"
	"sync"
	"unicode/utf8"

	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary/translit"
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
	return e.titlesOf(forms, func(form string) bool { return !isLatinText(form) })
}

// Katakana compounds in titles. The analyzer keeps a run of katakana as
// one word (リリースライフサイクル, ローカルタイムサーバ), so a katakana
// form matches a title word only whole; in body text its bigrams find it
// inside compounds, but the title field has none. A katakana form of at
// least minTitlePartRunes that is no title word also matches the katakana
// title words that begin or end with it, the rest being at least
// minTitleRestRunes, at titlePartFactor times its weight, at most
// maxTitleCompounds of them.
const (
	minTitlePartRunes = 4
	minTitleRestRunes = 2
	titlePartFactor   = 0.5
	maxTitleCompounds = 8
)

// titlePartsState maps the prefixes and suffixes of the katakana title
// words to the words.
type titlePartsState struct {
	once  sync.Once
	parts map[string][]string
}

// titleCompounds returns the katakana title words that begin or end with
// the katakana word part (see minTitlePartRunes).
func (e *Engine) titleCompounds(part string) []string {
	if utf8.RuneCountInString(part) < minTitlePartRunes || !translit.IsKatakanaWord(part) {
		return nil
	}
	t := &e.titleParts
	t.once.Do(func() {
		t.parts = map[string][]string{}
		for w := range e.titleWords {
			if !translit.IsKatakanaWord(w) {
				continue
			}
			rs := []rune(w)
			for i := minTitleRestRunes; i <= len(rs)-minTitlePartRunes; i++ {
				t.parts[string(rs[i:])] = append(t.parts[string(rs[i:])], w) // a suffix
			}
			for i := minTitlePartRunes; i <= len(rs)-minTitleRestRunes; i++ {
				t.parts[string(rs[:i])] = append(t.parts[string(rs[:i])], w) // a prefix
			}
		}
		for k, ws := range t.parts {
			slices.Sort(ws)
			t.parts[k] = slices.Compact(ws)
		}
	})
	ws := t.parts[part]
	return ws[:min(len(ws), maxTitleCompounds)]
}
