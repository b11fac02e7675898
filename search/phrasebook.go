package search

import (
	"strings"
	"sync"

	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// The phrasebook (glossary.Phrasebook): the rare EDICT glosses and the
// ENAMDICT names that the glossary leaves out. A chunk of the query that
// no glossary form covers whole is looked up in it whole, in both
// directions (printing press: 印刷機; Eindhoven: アイントホーフェン;
// フラグメンテーション: fragmentation), and its forms are searched as
// glossary equivalents are, at the phrasebook's confidence.
const maxPhrasebookForms = 4

var phrasebook = sync.OnceValues(glossary.DefaultPhrasebook)

// phrasebookForms returns the phrasebook's forms for text, a chunk of the
// query, when the glossary does not know it whole.
func (e *Engine) phrasebookForms(text string, matches []glossary.Match) []glossary.Equivalent {
	if e.noLexicon || namesTerm(text, matches) {
		return nil
	}
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 120 {
		return nil
	}
	pb, err := phrasebook()
	if err != nil {
		e.log.Error("phrasebook", "err", err)
		return nil
	}
	var forms []glossary.Equivalent
	if isLatinText(text) {
		forms = pb.JapaneseOf(text)
	} else {
		forms = pb.EnglishOf(text)
	}
	if len(forms) > maxPhrasebookForms {
		forms = forms[:maxPhrasebookForms]
	}
	return forms
}

// phrasebookQuery searches the phrasebook's forms of text and records the
// expansion; nil when it has none.
func (e *Engine) phrasebookQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	forms := e.phrasebookForms(text, matches)
	if len(forms) == 0 {
		return nil
	}
	x := Expansion{Term: strings.TrimSpace(text), Source: forms[0].Source, Coverage: 1}
	qs := make([]bquery.Query, 0, len(forms))
	for _, f := range forms {
		qs = append(qs, e.equivalent(f.Form, weightEquivalent*f.Confidence))
		x.Equivalents = append(x.Equivalents, f.Form)
		x.Forms = append(x.Forms, EquivalentForm{Form: f.Form, Kind: string(f.Kind), Source: f.Source, Sense: f.Sense, Confidence: f.Confidence})
	}
	p.addExpansion(x)
	return anyOf(qs...)
}

// isLatinText reports whether s is written in Latin letters, digits,
// spaces and the punctuation of names, with a letter.
func isLatinText(s string) bool {
	for _, f := range strings.Fields(s) {
		if !isLatinWord(strings.Trim(strings.ReplaceAll(f, "'", ""), ".,")) {
			return false
		}
	}
	return s != ""
}

// English spellings. English writes a compound closed, hyphenated or
// open (multicore, multi-core; runlevel, run level; keybinding, key
// binding), and a text may use another than the glossary. An English
// form of two words is also searched closed when the index has the
// closed word, and a single word as two when the index has both halves
// (each at least minSplitLetters letters).
const (
	minSplitLetters = 3
	maxSplits       = 2
)

// englishVariants returns the other spellings of form that the index
// has, or nil.
func (e *Engine) englishVariants(form string) []string {
	words := strings.Fields(form)
	for _, w := range words {
		if !isLatinWord(w) {
			return nil
		}
	}
	switch len(words) {
	case 2:
		closed := strings.ReplaceAll(words[0]+words[1], "-", "")
		if e.hasTextWord(closed) {
			return []string{closed}
		}
	case 1:
		w := strings.ReplaceAll(words[0], "-", "")
		var out []string
		for i := minSplitLetters; i <= len(w)-minSplitLetters && len(out) < 2*maxSplits; i++ {
			if e.hasTextWord(w[:i]) && e.hasTextWord(w[i:]) {
				// The analyzer counts a hyphen as a position: multi-core
				// is not the phrase multi core.
				out = append(out, w[:i]+"-"+w[i:], w[:i]+" "+w[i:])
			}
		}
		return out
	}
	return nil
}

// hasTextWord reports whether the text analyzer makes one term of w and
// the index has that term.
func (e *Engine) hasTextWord(w string) bool {
	toks := e.morph.Analyze([]byte(w))
	if len(toks) != 1 {
		return false
	}
	t := string(toks[0].Term)
	terms, err := e.ix.Terms(indexer.FieldText, t, t, nil)
	return err == nil && len(terms) > 0
}
