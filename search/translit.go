package search

import (
	"math"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// Transliteration: an English word of the query that no glossary entry
// holds (a name, a loanword: Starlink, Tomahawk) is also searched as the
// katakana words of the index that spell it (スターリンク, トマホーク),
// as glossary/translit's model scores them. The candidates are the
// katakana terms of the text field, read once per engine on first use.
//
// A match needs a confidence of at least minTranslitConfidence: on the
// held-out EDICT pairs, ranked among 10,000 other katakana words, the best
// match is accepted for about 8 words in 10 and right for about 9 in 10
// of those (glossary/translit's TestHeldOut). Each word adds at most
// maxTranslit matches, weighed weightTranslit times the confidence: below a
// glossary equivalent, since a transliteration is a guess.
const (
	minTranslitConfidence = 0.5
	maxTranslit           = 2
	weightTranslit        = 0.4
	// minTranslitLetters leaves out short words, whose spellings are too
	// many and too short to tell apart (bus, ski).
	minTranslitLetters = 4
)

// translitState is the katakana vocabulary of an engine's index.
type translitState struct {
	once  sync.Once
	model *translit.Model
	vocab *translit.Vocabulary
}

// englishStop is Bleve's English stop list: function words are never
// transliterated.
var englishStop = sync.OnceValue(func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err)
	}
	return m
})

// translitVocab returns the model and the katakana words of the index, or
// a nil model when there is none (the error is logged once).
func (e *Engine) translitVocab() (*translit.Model, *translit.Vocabulary) {
	t := &e.translit
	t.once.Do(func() {
		m, err := translit.Default()
		if err != nil {
			e.log.Error("transliteration model", "err", err)
			return
		}
		// The katakana block, ァ (U+30A1) to ヺ (U+30FA), sorts before ー
		// (U+30FC); the range reads only that part of the dictionary.
		terms, err := e.ix.Terms(indexer.FieldText, "ァ", "ー", translit.IsKatakanaWord)
		if err != nil {
			e.log.Error("katakana terms for transliteration", "err", err)
			return
		}
		t.model, t.vocab = m, m.NewVocabulary(terms)
	})
	return t.model, t.vocab
}

// englishWords returns the words of text (runs of ASCII letters, with
// inner hyphens or apostrophes) that lie outside the spans of matches, with
// their byte offsets.
func englishWords(text string, matches []glossary.Match) [][2]int {
	var out [][2]int
	inMatch := func(i int) bool {
		for _, m := range matches {
			if i >= m.Start && i < m.End {
				return true
			}
		}
		return false
	}
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(text); {
		if !isLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isLetter(text[j]) || (text[j] == '-' || text[j] == '\'') && j+1 < len(text) && isLetter(text[j+1])) {
			j++
		}
		if !inMatch(i) {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// transliterate returns the queries for the katakana spellings of the
// English words of text that no glossary match covers, and records them as
// expansions.
func (e *Engine) transliterate(p *plan, text string, matches []glossary.Match) []bquery.Query {
	words := englishWords(text, matches)
	if len(words) == 0 {
		return nil
	}
	var qs []bquery.Query
	textRunes := float64(utf8.RuneCountInString(text))
	for _, w := range words {
		word := text[w[0]:w[1]]
		if !transliterable(word) {
			continue
		}
		m, vocab := e.translitVocab()
		if m == nil {
			return nil
		}
		n := len(translit.EnglishLetters(word))
		minLogProb := m.MinLogProb(minTranslitConfidence, n)
		cands := vocab.Match(word, maxTranslit, minLogProb)
		if len(cands) == 0 {
			continue
		}
		coverage := float64(utf8.RuneCountInString(word)) / textRunes
		x := Expansion{Term: word, Source: "translit"}
		for _, c := range cands {
			qs = append(qs, e.equivalent(c.Katakana, weightTranslit*c.Confidence*coverage*coverage))
			x.Equivalents = append(x.Equivalents, c.Katakana)
			x.Confidence = max(x.Confidence, math.Round(c.Confidence*100)/100)
		}
		if !hasExpansion(p, word) {
			p.expansions = append(p.expansions, x)
		}
	}
	return qs
}

// transliterable reports whether word may name a katakana word: long
// enough, neither an acronym in capitals nor a common English word.
func transliterable(word string) bool {
	if len(translit.EnglishLetters(word)) < minTranslitLetters {
		return false
	}
	upper := 0
	for _, c := range []byte(word) {
		if c >= 'A' && c <= 'Z' {
			upper++
		}
	}
	if upper > 1 && upper == len(translit.EnglishLetters(word)) {
		return false // an acronym: the glossary's business
	}
	lower := []byte(word)
	for i, c := range lower {
		if c >= 'A' && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
	}
	return !englishStop()[string(lower)] && !glossary.IsCommonWord(word)
}

func hasExpansion(p *plan, term string) bool {
	for _, x := range p.expansions {
		if x.Term == term {
			return true
		}
	}
	return false
}
