package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/glossary"
)

// One-kanji abbreviations. Japanese abbreviates a place name to one
// kanji inside a compound (東欧: 東 + 欧, 欧 for ヨーロッパ; 米軍: 米 for
// アメリカ; 英語: 英 for イギリス), and a text may write the compound with
// the name in full (東ヨーロッパ). A kanji of a short all-kanji chunk that
// the phrasebook or the glossary gives as a proper name (欧: Europe, 米:
// USA) is replaced by the Japanese forms of that name (ヨーロッパ, 欧州),
// and each compound so spelled that the index has is a form of the
// chunk's synonym set, at kanjiPartConfidence. A kanji is taken for a
// name only when an English equivalent of the whole chunk has the name
// (東欧: Eastern Europe; 西欧: Western Europe): 西 is Spain too, but not in
// 西独 (West Germany).
const (
	kanjiPartConfidence = 0.5
	maxKanjiPartForms   = 3
	maxKanjiPartRunes   = 4 // the longest chunk looked at
)

// kanjiPartForms returns the spellings of text, a chunk of two to
// maxKanjiPartRunes kanji, with one kanji abbreviating a proper name
// spelled out, that the index has, as synonym forms, and records them in
// the chunk's expansion.
func (e *Engine) kanjiPartForms(p *plan, text string, syn []synonymForm) []synonymForm {
	word := strings.TrimSpace(text)
	n := utf8.RuneCountInString(word)
	if e.noLexicon || n < 2 || n > maxKanjiPartRunes || strings.ContainsFunc(word, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		return nil
	}
	english := chunkEnglish(word, syn)
	if len(english) == 0 {
		return nil
	}
	var out []synonymForm
	rs := []rune(word)
	for i, k := range rs {
		for _, name := range e.kanjiNames(string(k)) {
			if !slices.ContainsFunc(english, func(w string) bool { return strings.HasPrefix(w, strings.ToLower(name)) }) {
				continue // not what the kanji stands for here
			}
			for _, f := range e.japaneseOfName(name) {
				if utf8.RuneCountInString(f) < 2 || strings.ContainsRune(f, k) {
					continue // the kanji itself, or a form that keeps it (欧州 for 欧)
				}
				form := string(rs[:i]) + f + string(rs[i+1:])
				if slices.ContainsFunc(syn, func(s synonymForm) bool { return s.form == form }) ||
					slices.ContainsFunc(out, func(s synonymForm) bool { return s.form == form }) || !e.occurs(form) {
					continue
				}
				out = append(out, synonymForm{form: form, conf: kanjiPartConfidence})
				if len(out) == maxKanjiPartForms {
					break
				}
			}
		}
	}
	if len(out) > 0 {
		x := Expansion{Term: word, Source: SourceComposed, Coverage: 1}
		for _, f := range out {
			x.Equivalents = append(x.Equivalents, f.form)
			x.Forms = append(x.Forms, EquivalentForm{Form: f.form, Kind: string(glossary.KindJapanese), Source: SourceComposed, Confidence: f.conf})
		}
		p.mergeExpansions([]Expansion{x})
	}
	return out
}

// kanjiNames returns the proper names (capitalised English words, or an
// acronym) that the phrasebook or the glossary gives for the one kanji k:
// Europe for 欧, USA for 米.
func (e *Engine) kanjiNames(k string) []string {
	var out []string
	add := func(f string) {
		if isProperName(f) && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if pb, err := phrasebook(); err == nil {
		for _, eq := range pb.EnglishOf(k) {
			add(eq.Form)
		}
	}
	for _, en := range e.gloss.Lookup(k) {
		if !slices.Contains(en.Japanese, k) {
			continue
		}
		for _, f := range en.English {
			add(f)
		}
		if en.Acronym != "" {
			add(en.Acronym)
		}
	}
	return out
}

// isProperName reports whether f is one English word with a capital
// first letter (Europe, USA).
func isProperName(f string) bool {
	if !isLatinWord(f) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsUpper(r)
}

// japaneseOfName returns the Japanese forms of the glossary entries that
// hold name as an English form or as their acronym.
func (e *Engine) japaneseOfName(name string) []string {
	var out []string
	for _, en := range e.gloss.Lookup(name) {
		if en.Acronym != name && !slices.Contains(en.English, name) {
			continue
		}
		for _, f := range en.Japanese {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// chunkEnglish returns the lower-case words of the English equivalents
// of word: the Latin forms of its synonym set syn, its EDICT glosses
// (glossary.PartsEnglish) and the phrasebook's.
func chunkEnglish(word string, syn []synonymForm) []string {
	var forms []string
	for _, f := range syn {
		forms = append(forms, f.form)
	}
	for _, eq := range glossary.PartsEnglish(word) {
		forms = append(forms, eq.Form)
	}
	if pb, err := phrasebook(); err == nil {
		for _, eq := range pb.EnglishOf(word) {
			forms = append(forms, eq.Form)
		}
	}
	var out []string
	for _, f := range forms {
		if !isLatinText(f) {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(f)) {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}
