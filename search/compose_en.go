package search

import (
	"slices"
	"strings"

	"github.com/kensaku/kensaku/glossary"
)

// English phrase variants. An English phrase the lexicons do not have as
// typed may be there in another wording of the same thing: a noun compound
// as an of-phrase (residence status: status of residence, 在留資格) and an
// of-phrase as a compound, a hyphenated compound open (secretary-general:
// secretary general, 書記長), an adjective as its noun (petrochemical:
// petrochemistry, 石油化学), a phrase of three words or more as its first
// or last words (Okhotsk high pressure: Okhotsk high, オホーツク海高気圧).
// When no form of the phrase itself occurs in the index, the forms of its
// variants that occur in it are searched, each at its lexicon confidence
// times the variant's factor: a reworded phrase may mean a little else,
// and part of a phrase less than the whole (searched only when no word by
// word composition of the phrase occurs in the index).
const (
	hyphenVariantFactor  = 0.9 // secretary-general: secretary general
	ofVariantFactor      = 0.8 // residence status: status of residence
	derivedVariantFactor = 0.7 // petrochemical: petrochemistry
	subPhraseFactor      = 0.5 // Okhotsk high pressure: Okhotsk high
	maxVariantWords      = 6   // longer phrases are not reworded
	minDerivedStem       = 3   // letters of a stem left by a derivation
)

// phraseVariant is another wording of an English phrase.
type phraseVariant struct {
	text   string
	factor float64
	part   bool // some of the phrase's words only
}

// derivations pair an adjective ending with the noun ending of the same
// stem (chemical: chemistry, physical: physics, biological: biology,
// economic: economy, democratic: democracy, electronic: electronics,
// structural: structure, national: nation), and a derived word's ending
// with that of the word it is derived from (precautionary: precaution,
// experimentation: experiment, maturation: mature).
// A word is reworded in both directions, except by a pair marked oneWay
// or of an empty noun ending, which derive no word from its base (rule:
// rulation, station: stationary); a wrong rewording finds no lexicon
// entry and adds nothing. A pair with a minStem keeps a stem of that many
// letters at least: of the English words the lexicons lack, the -ation
// words of a shorter stem were mostly of another word (personation:
// person, rustication: rustic, venation: ven). -ment and -ness are no
// pairs: of those words many were of another sense (catchment: catch,
// bafflement: baffle, fleetness: fleet, forwardness: forward).
var derivations = []struct {
	adjective, noun string
	oneWay          bool
	minStem         int
}{
	{"ical", "istry", false, 0}, {"ical", "ics", false, 0}, {"ical", "y", false, 0}, {"atic", "acy", false, 0},
	{"ic", "ics", false, 0}, {"ic", "y", false, 0}, {"ural", "ure", false, 0}, {"al", "", false, 0},
	{"ionary", "ion", true, 0}, {"ation", "", true, 7}, {"ation", "e", true, 0},
}

// englishPhraseVariants returns the other wordings of text, an English
// phrase of 1 to maxVariantWords words: its hyphenated words open and its
// two words hyphenated, a compound of two or three words as an of-phrase
// of its last word and an of-phrase as a compound, a phrase of three words
// or more without function words as all but its last and all but its
// first, and each word of a phrase of one or two words derived (see
// derivations), in that order, without repeats. Text that is not Latin words gives none.
func englishPhraseVariants(text string) []phraseVariant {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > maxVariantWords {
		return nil
	}
	for _, w := range words {
		if !isLatinWord(w) {
			return nil
		}
	}
	var out []phraseVariant
	add := func(v string, factor float64, part bool) {
		if v != "" && !strings.EqualFold(v, text) && !slices.ContainsFunc(out, func(o phraseVariant) bool { return strings.EqualFold(o.text, v) }) {
			out = append(out, phraseVariant{v, factor, part})
		}
	}
	joined := strings.Join(words, " ")
	if strings.Contains(joined, "-") {
		add(strings.ReplaceAll(joined, "-", " "), hyphenVariantFactor, false)
	} else if len(words) == 2 && !stopWords[strings.ToLower(words[0])] && !stopWords[strings.ToLower(words[1])] {
		add(words[0]+"-"+words[1], hyphenVariantFactor, false)
	}
	if v := ofInverted(words); v != "" {
		add(v, ofVariantFactor, false) // status of residence: residence status
	} else if n := len(words); (n == 2 || n == 3) && !slices.ContainsFunc(words, isStopWord) {
		add(words[n-1]+" of "+strings.Join(words[:n-1], " "), ofVariantFactor, false)
	}
	if n := len(words); n >= 3 && !slices.ContainsFunc(words, isStopWord) {
		// Okhotsk high pressure: Okhotsk high (オホーツク海高気圧);
		// Cartesian coordinate system: Cartesian coordinate.
		add(strings.Join(words[:n-1], " "), subPhraseFactor, true)
		add(strings.Join(words[1:], " "), subPhraseFactor, true)
	}
	if len(words) <= 2 {
		for i, w := range words {
			for _, d := range derivedWords(w) {
				v := slices.Clone(words)
				v[i] = d
				add(strings.Join(v, " "), derivedVariantFactor, false)
			}
		}
	}
	return out
}

// ofInverted returns the words of an of-phrase of content words, A of
// (the) B, as the compound B A, in the order Japanese writes it (status
// of residence: residence status, 在留資格; Communist Party of the Soviet
// Union: Soviet Union Communist Party, ソ連共産党); "" for other words.
func ofInverted(words []string) string {
	of := slices.IndexFunc(words, func(w string) bool { return strings.EqualFold(w, "of") })
	if of < 1 || of == len(words)-1 {
		return ""
	}
	a, b := words[:of], words[of+1:]
	if strings.EqualFold(b[0], "the") {
		b = b[1:]
	}
	if len(b) == 0 || slices.ContainsFunc(a, isStopWord) || slices.ContainsFunc(b, isStopWord) {
		return "" // freedom of speech of the press
	}
	return strings.Join(b, " ") + " " + strings.Join(a, " ")
}

func isStopWord(w string) bool { return stopWords[strings.ToLower(w)] }

// derivedWords returns the words derived from w by derivations, in both
// directions, by the longest ending w has in each (chemical: chemistry,
// not chemic), each keeping a stem of minDerivedStem letters at least.
func derivedWords(w string) []string {
	lw := strings.ToLower(w)
	var out []string
	add := func(stem, ending string, minStem int) {
		if len(stem) >= max(minDerivedStem, minStem) {
			d := w[:len(stem)] + ending
			if !slices.Contains(out, d) && !strings.EqualFold(d, w) {
				out = append(out, d)
			}
		}
	}
	longest := func(ending func(int) string) string {
		best := ""
		for i := range derivations {
			if e := ending(i); e != "" && len(e) > len(best) && strings.HasSuffix(lw, e) {
				best = e
			}
		}
		return best
	}
	if adj := longest(func(i int) string { return derivations[i].adjective }); adj != "" {
		for _, d := range derivations {
			if d.adjective == adj {
				add(strings.TrimSuffix(lw, adj), d.noun, d.minStem)
			}
		}
	}
	// Every word ends in the empty ending: a noun is derived from by a
	// non-empty one only.
	if noun := longest(func(i int) string {
		if derivations[i].oneWay {
			return ""
		}
		return derivations[i].noun
	}); noun != "" {
		for _, d := range derivations {
			if d.noun == noun && !d.oneWay {
				add(strings.TrimSuffix(lw, noun), d.adjective, d.minStem)
			}
		}
	}
	return out
}

// phraseVariantForms returns the Japanese forms of the variants of text
// (englishPhraseVariants) that the index has, from the phrasebook and the
// glossary's own English forms, at their confidence times the variant's
// factor; nil when the glossary or the phrasebook has a form of text
// itself that the index has.
func (e *Engine) phraseVariantForms(text string, forms []glossary.Equivalent, matches []glossary.Match) []glossary.Equivalent {
	text = strings.TrimSpace(text)
	if e.noLexicon || e.anyInIndex(forms, nil) || e.namesTermInIndex(text, matches) {
		return nil
	}
	pb, err := phrasebook()
	if err != nil {
		return nil
	}
	var out []glossary.Equivalent
	composes := -1 // whether a composition of text occurs in the index, once known
	for _, v := range englishPhraseVariants(text) {
		found := pb.JapaneseOf(v.text)
		if ws := strings.Fields(v.text); len(ws) > 1 {
			found = append(found, e.japaneseOfPhrase(ws)...) // also in the singular or plural
		} else {
			found = append(found, e.japaneseOf(v.text)...)
		}
		if v.part && len(found) > 0 {
			// Part of the phrase only where its composition finds
			// nothing (Cartesian coordinate system: デカルト座標系).
			if composes < 0 {
				composes = 0
				if cs, _ := e.composeEnglish(text, matches); slices.ContainsFunc(cs, func(c composed) bool { return e.occurs(c.form) }) {
					composes = 1
				}
			}
			if composes == 1 {
				continue
			}
		}
		for _, f := range found {
			if slices.ContainsFunc(out, func(g glossary.Equivalent) bool { return g.Form == f.Form }) ||
				slices.ContainsFunc(forms, func(g glossary.Equivalent) bool { return g.Form == f.Form }) || !e.occurs(f.Form) {
				continue
			}
			f.Confidence *= v.factor
			f.Sense = v.text
			out = append(out, f)
		}
	}
	return out
}

// namesTermInIndex reports whether a glossary match names the whole of
// text with a form that occurs in the index.
func (e *Engine) namesTermInIndex(text string, matches []glossary.Match) bool {
	for _, m := range matches {
		if strings.TrimSpace(text[:m.Start]) != "" || strings.TrimSpace(text[m.End:]) != "" {
			continue
		}
		for _, en := range m.Entries {
			if slices.ContainsFunc(en.Forms(), e.occurs) {
				return true
			}
		}
	}
	return false
}

// occurs reports whether some passage may hold form: one with all its
// bigrams (senses.go's formDocs), or, for a form with none, one with
// every word of it. The answers are kept (Engine.formsIn): the same
// glossary forms come back in query after query.
func (e *Engine) occurs(form string) bool {
	if in, ok := e.formsIn.get(form); ok {
		return in
	}
	in, known := false, false
	if e.ix.Bigrams != nil {
		if bm, ok := e.formDocs(form); ok {
			in, known = !bm.IsEmpty(), true
		}
	}
	if !known {
		in = e.inIndex(form)
	}
	e.formsIn.put(form, in)
	return in
}

// japaneseOfSpellings returns the phrasebook's Japanese forms of english
// and of its other hyphenation (secretary-general and secretary general:
// 事務総長 and 書記長), those of english first.
func japaneseOfSpellings(pb *glossary.Phrasebook, english string) []glossary.Equivalent {
	out := pb.JapaneseOf(english)
	var other string
	switch words := strings.Fields(english); {
	case strings.Contains(english, "-"):
		other = strings.ReplaceAll(english, "-", " ")
	case len(words) == 2:
		other = words[0] + "-" + words[1]
	default:
		return out
	}
	for _, f := range pb.JapaneseOf(other) {
		if !slices.ContainsFunc(out, func(g glossary.Equivalent) bool { return g.Form == f.Form }) {
			f.Confidence *= hyphenVariantFactor
			out = append(out, f)
		}
	}
	return out
}

// maxLongFormCompounds is the most compositions of an acronym's long form
// searched.
const maxLongFormCompounds = 2

// composedLongForm returns the compositions of english, an acronym's long
// form that no lexicon gives in a Japanese form the index has, that occur
// in the index, the most confident first, none inside another, at most
// maxLongFormCompounds:
// the compositions of its of-phrase inverted, as Japanese orders the
// words (Communist Party of the Soviet Union: ソ連共産党), else of the name
// as written.
func (e *Engine) composedLongForm(english string) []composed {
	words := strings.Fields(english)
	texts := []string{english}
	if v := ofInverted(words); v != "" {
		texts = []string{v}
	}
	var out []composed
	for _, t := range texts {
		cs, _ := e.composeEnglish(t, nil)
		for _, c := range cs {
			if len(out) == maxLongFormCompounds {
				return out
			}
			// A compound inside one taken (ソ連共産 in ソ連共産党) finds
			// nothing more.
			if !slices.ContainsFunc(out, func(o composed) bool {
				return strings.Contains(o.form, c.form) || strings.Contains(c.form, o.form)
			}) && e.occurs(c.form) {
				out = append(out, c)
			}
		}
	}
	return out
}

// withPhrasebookForms adds to eqs, the glossary's Japanese forms of an
// English phrase of a composition, the phrasebook's (Soviet Union: ソ連 in
// the glossary, ソビエト連邦 in the phrasebook; ソビエト連邦共産党), and
// keeps the most confident (mostConfident).
func (e *Engine) withPhrasebookForms(english string, eqs []glossary.Equivalent) []glossary.Equivalent {
	pb, err := phrasebook()
	if err != nil || e.noLexicon {
		return eqs
	}
	for _, f := range pb.JapaneseOf(english) {
		if !slices.ContainsFunc(eqs, func(g glossary.Equivalent) bool { return g.Form == f.Form }) {
			eqs = append(eqs, f)
		}
	}
	return e.mostConfident(eqs)
}

// hyphenParts returns words, spans of text, with each hyphenated word
// that the text analyzer cuts into several terms replaced by its parts,
// so that a hyphenated name is transliterated part by part
// (Boutros-Ghali: ブトロス, ガーリ).
func (e *Engine) hyphenParts(text string, words [][2]int) [][2]int {
	var out [][2]int
	for _, w := range words {
		word := text[w[0]:w[1]]
		if !strings.Contains(word, "-") || len(e.morph.Analyze([]byte(word))) < 2 {
			out = append(out, w)
			continue
		}
		start := w[0]
		for _, part := range strings.Split(word, "-") {
			if part != "" {
				out = append(out, [2]int{start, start + len(part)})
			}
			start += len(part) + 1
		}
	}
	return out
}
