package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kensaku/kensaku/glossary"
)

// Hyphenated modifiers. A hyphenated English word that no lexicon has
// alone is often known only as the modifier of a term the lexicons have
// (man-in-the-middle: man-in-the-middle attack, 中間者攻撃). When the
// Japanese form of such a term is the Japanese of the modifier then a
// Japanese form of the term's last word (中間者 + 攻撃, attack), that
// first part, of minModifierRunes at least, renders the modifier, and is
// searched for it where the index has it, at the term's confidence times
// modifierFactor; a term written whole (サム, surface-to-air missile;
// 冷夏, cooler-than-normal summer) renders no part of it.
const (
	modifierFactor   = 0.7
	minModifierRunes = 2
)

// modifierState maps the hyphenated first words of the glossary's English
// terms of two words, lower-cased, to the terms' entries.
type modifierState struct {
	once  sync.Once
	terms map[string][]modifierTerm
}

type modifierTerm struct {
	head  string // the term's last word
	entry glossary.Entry
}

// modifierForms returns the Japanese renderings of text, a hyphenated
// English word, as the modifier of glossary terms (see modifierFactor);
// nil when the glossary knows text itself.
func (e *Engine) modifierForms(text string) []glossary.Equivalent {
	text = strings.TrimSpace(text)
	if !strings.Contains(text, "-") || !isLatinWord(text) || len(e.gloss.Lookup(text)) > 0 {
		return nil
	}
	m := &e.modifiers
	m.once.Do(func() {
		m.terms = map[string][]modifierTerm{}
		for _, en := range e.gloss.Entries() {
			for _, f := range en.English {
				ws := strings.Fields(f)
				if len(ws) == 2 && strings.Contains(ws[0], "-") && isLatinWord(ws[0]) {
					k := strings.ToLower(ws[0])
					m.terms[k] = append(m.terms[k], modifierTerm{head: ws[1], entry: en})
				}
			}
		}
	})
	var out []glossary.Equivalent
	for _, t := range m.terms[strings.ToLower(text)] {
		heads := e.japaneseOf(t.head)
		if pb, err := phrasebook(); err == nil {
			heads = append(heads, pb.JapaneseOf(t.head)...)
		}
		for _, ja := range t.entry.Japanese {
			for _, h := range heads {
				part, ok := strings.CutSuffix(ja, h.Form)
				if ok && !e.tokenEndsAt(ja, len(part)) {
					continue // 決選投票, ballot: 票
				}
				part = strings.TrimRight(part, "・")
				if !ok || utf8.RuneCountInString(part) < minModifierRunes || isLatinText(part) ||
					slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return q.Form == part }) || !e.occurs(part) {
					continue
				}
				out = append(out, glossary.Equivalent{Form: part, Kind: t.entry.KindOf(ja), Source: t.entry.Source,
					Sense: t.entry.English[0], Confidence: t.entry.Confidence * modifierFactor})
			}
		}
	}
	return out
}

// tokenEndsAt reports whether a token of the text analyzer's analysis of
// s ends at byte offset at.
func (e *Engine) tokenEndsAt(s string, at int) bool {
	for _, tok := range e.morph.Analyze([]byte(s)) {
		if tok.End == at {
			return true
		}
	}
	return false
}
