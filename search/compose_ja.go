package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/RoaringBitmap/roaring/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// Japanese → English acronyms. A Japanese term often stands for an
// English name that technical text writes only as its acronym:
// 統合開発環境 is Integrated Development Environment (the glossary's
// equivalent), written IDE; 遠隔手続き呼び出し composes, part by part, into
// remote procedure call, written RPC. The English phrases a Japanese
// chunk stands for — the English forms of two words or more of the
// glossary entries naming the whole chunk, and the English compositions
// of a compound (composeKatakana) — are searched as their acronyms: the
// acronym of a glossary entry holding the phrase as its English form,
// else the initials of the phrase (as initialsQuery spells an English
// name's) when the index has that word. A composition's initials count
// only when the index has each of its words: a sense the text never
// writes (biggest, of 最大) spells no acronym of it. At most
// maxPhraseAcronyms acronyms are searched, the most confident phrases'
// first, each weighing Ranking.Initials times Ranking.Equivalent times
// its phrase's confidence.
const maxPhraseAcronyms = 2

// englishPhrase is an English phrase a Japanese chunk stands for.
type englishPhrase struct {
	form       string
	confidence float64
	composed   bool // made part by part, not a glossary form
	unindexed  bool // composed of forms the index may lack: its glossary acronyms only
}

// englishPhrasesOf returns the English phrases of two words or more that
// text, a Japanese chunk, stands for, the most confident first.
// The second result is the keys of the glossary's own equivalents of
// text, which need no acronym searched again.
func (e *Engine) englishPhrasesOf(text string, matches []glossary.Match) ([]englishPhrase, map[string]bool) {
	if isLatinText(text) {
		return nil, nil // initialsQuery's business
	}
	var out []englishPhrase
	whole := func(m glossary.Match) bool {
		return strings.TrimSpace(text[:m.Start]) == "" && strings.TrimSpace(text[m.End:]) == ""
	}
	for _, m := range matches {
		if !whole(m) {
			continue
		}
		for _, eq := range e.gloss.Expand(text[m.Start:m.End], m.Entries) {
			if eq.Kind == glossary.KindEnglish && len(strings.Fields(eq.Form)) >= 2 {
				out = append(out, englishPhrase{form: eq.Form, confidence: eq.Confidence})
			}
		}
	}
	// The compositions of the forms the index has (composeKatakana), and
	// of all forms: the glossary may know the English name of a compound
	// whose words the index lacks, and the index have its acronym
	// (全地球航法衛星システム: global navigation satellite system, GNSS).
	if per := e.composeKatakanaParts(text, matches); per != nil {
		for _, c := range e.composeIndexed(slices.Clone(per)) {
			out = append(out, englishPhrase{form: c.form, confidence: c.perPart(), composed: true})
		}
		for _, c := range combine(per, " ") {
			if !slices.ContainsFunc(out, func(p englishPhrase) bool { return p.form == c.form }) {
				out = append(out, englishPhrase{form: c.form, confidence: c.perPart(), composed: true, unindexed: true})
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(out, func(a, b englishPhrase) int { return cmp.Compare(b.confidence, a.confidence) })
	// The keys are made only for a chunk with a phrase: most have none.
	known := map[string]bool{glossary.Normalize(text): true}
	for _, m := range matches {
		if whole(m) {
			for _, eq := range e.gloss.Expand(text[m.Start:m.End], m.Entries) {
				known[glossary.Normalize(eq.Form)] = true
			}
		}
	}
	return out, known
}

// phraseAcronyms returns the acronyms of an English phrase: those of the
// glossary entries holding it as an English form, else (for a phrase of
// three words or more) the initials the index has as a word, as
// initialsQuery spells them. The index must have each acronym.
func (e *Engine) phraseAcronyms(ph englishPhrase, initials bool) []string {
	key := glossary.Normalize(ph.form)
	var out []string
	for _, en := range e.gloss.Lookup(ph.form) {
		if en.Acronym == "" || !slices.ContainsFunc(en.English, func(f string) bool { return glossary.Normalize(f) == key }) {
			continue
		}
		if !slices.Contains(out, en.Acronym) && e.hasTerm(strings.ToLower(en.Acronym)) {
			out = append(out, en.Acronym)
		}
	}
	if len(out) > 0 || !initials || ph.unindexed {
		return out
	}
	words := strings.Fields(ph.form)
	fields := words
	if ph.composed {
		// A hyphenated word gives the initial of each of its words (長期
		// サポート: long-term support, LTS), as acronyms are made; only
		// in a composition, whose acronym the index must define with its
		// words (definedWith), the hyphenated word counting as one there
		// (long-term stay is no LTS for a passage with long-term support).
		fields = strings.FieldsFunc(ph.form, func(r rune) bool { return r == ' ' || r == '-' })
	}
	if len(fields) < 3 {
		return nil
	}
	if ph.composed {
		for _, f := range fields {
			if !stopWords[strings.ToLower(f)] && !e.hasTerm(stem(strings.ToLower(f))) {
				return nil
			}
		}
	}
	var all, content []byte
	for _, f := range fields {
		if !isLatinWord(f) {
			return nil
		}
		c := f[0] | 0x20
		if c < 'a' || c > 'z' {
			return nil
		}
		all = append(all, c)
		if !stopWords[strings.ToLower(f)] {
			content = append(content, c)
		}
	}
	for _, acr := range []string{string(all), string(content)} {
		if len(acr) < 3 || glossary.IsCommonWord(acr) || slices.Contains(out, strings.ToUpper(acr)) {
			continue
		}
		if e.hasTerm(acr) && !e.acronymTaken(strings.ToUpper(acr), fields) && (!ph.composed || e.definedWith(acr, words)) {
			out = append(out, strings.ToUpper(acr))
		}
	}
	return out
}

// acronymTaken reports whether the glossary knows acronym as the
// abbreviation of English names none of which shares half the content
// words of words (as stems): the acronym of the index means one of them
// (package control inside spells PCI, which is Peripheral Component
// Interconnect), not the phrase spelling it. An acronym the glossary
// knows in no English name is not taken.
func (e *Engine) acronymTaken(acronym string, words []string) bool {
	stems := map[string]bool{}
	for _, w := range words {
		if !stopWords[strings.ToLower(w)] {
			stems[stem(strings.ToLower(w))] = true
		}
	}
	taken := false
	for _, en := range e.gloss.Lookup(acronym) {
		if !strings.EqualFold(en.Acronym, acronym) {
			continue
		}
		for _, f := range en.English {
			shared := 0
			for _, w := range strings.Fields(f) {
				if stems[stem(strings.ToLower(w))] {
					shared++
				}
			}
			if 2*shared >= len(stems) {
				return false
			}
			taken = true
		}
	}
	return taken
}

// phraseAcronymsQuery searches the acronyms of the English phrases text
// stands for (see englishPhrasesOf, phraseAcronyms) and records them as
// an expansion of text.
func (e *Engine) phraseAcronymsQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	if e.noTranslit && e.noLexicon {
		return nil
	}
	phrases, known := e.englishPhrasesOf(text, matches)
	if len(phrases) == 0 {
		return nil
	}
	x := Expansion{Term: strings.TrimSpace(text), Source: SourceInitials, Coverage: 1}
	var qs []bquery.Query
	// The glossary's acronyms of any phrase first: a composition the
	// glossary knows is the sense (遠隔手続き呼び出し: remote procedure
	// call, RPC, not isolated procedure call, IPC).
	for _, initials := range []bool{false, true} {
		for _, ph := range phrases {
			if len(qs) == maxPhraseAcronyms {
				break
			}
			for _, acr := range e.phraseAcronyms(ph, initials) {
				if len(qs) == maxPhraseAcronyms || slices.Contains(x.Equivalents, acr) || known[glossary.Normalize(acr)] {
					continue
				}
				conf := e.rank.Initials * ph.confidence
				if ph.composed {
					conf *= e.rank.Composed
				}
				qs = append(qs, e.equivalent(acr, e.rank.Equivalent*conf))
				x.Equivalents = append(x.Equivalents, acr)
				x.Forms = append(x.Forms, EquivalentForm{Form: acr, Kind: string(glossary.KindAcronym), Source: SourceInitials, Sense: ph.form, Confidence: conf})
			}
		}
		if len(qs) > 0 {
			break
		}
	}
	if len(qs) == 0 {
		return nil
	}
	p.mergeExpansions([]Expansion{x})
	return anyOf(qs...)
}

// isCompoundText reports whether s is written as one Japanese compound:
// kanji and katakana (see isKanjiKatakana), with the hiragana of
// okurigana inside a word (手続き, 呼び出し) but no word of hiragana alone
// (a particle: の, を), and not beginning with hiragana.
func (e *Engine) isCompoundText(s string) bool {
	if isKanjiKatakana(s) {
		return true
	}
	for i, r := range s {
		if i == 0 && unicode.Is(unicode.Hiragana, r) {
			return false
		}
		if !(unicode.Is(unicode.Hiragana, r) || r >= 'ァ' && r <= 'ヺ' || r == 'ー' || r == '・' || r == '々' || unicode.Is(unicode.Han, r)) {
			return false
		}
	}
	// The analyzer drops particles: its words must cover s.
	end := 0
	for _, t := range e.morph.Analyze([]byte(s)) {
		if t.Start != end || !strings.ContainsFunc(s[t.Start:t.End], func(r rune) bool { return !unicode.Is(unicode.Hiragana, r) }) {
			return false
		}
		end = t.End
	}
	return end == len(s)
}

// composeKatakana returns English phrases for text when it is one
// Japanese compound whose parts each have English equivalents (see
// composeKatakanaParts): the parts' English forms joined with spaces in
// order, the most confident first. Of a part's forms, those the index has
// (each of their words) are used when there are any: a sense the text
// never writes composes nothing it could find (最大: maximum, not biggest
// or largest).
func (e *Engine) composeKatakana(text string, matches []glossary.Match) []composed {
	per := e.composeKatakanaParts(text, matches)
	if per == nil {
		return nil
	}
	return e.composeIndexed(per)
}

// composeIndexed is composeKatakana of the parts' equivalents per, which
// it changes.
func (e *Engine) composeIndexed(per [][]glossary.Equivalent) []composed {
	for i, eqs := range per {
		var in []glossary.Equivalent
		for _, eq := range eqs {
			if e.inIndex(eq.Form) {
				in = append(in, eq)
			}
		}
		if len(in) > 0 {
			per[i] = in
		}
	}
	return combine(per, " ")
}

// isAffix reports whether a word of a compound is a one-character kanji
// with no English of its own that qualifies the word before it (対話的,
// 個人用, 可搬性): the compound's English is that word's.
func isAffix(part string) bool {
	rs := []rune(part)
	return len(rs) == 1 && unicode.Is(unicode.Han, rs[0])
}

// English equivalents in titles. A passage may say what it is about only
// in its title (a section titled Backup and recovery policy whose text
// is Japanese or speaks of backups), as the literal words of a query are
// matched in titles too (Ranking.Title). The English equivalents of a
// term that is the whole chunk are matched in titles as well: a form's
// words all in the title, weighing Ranking.Title times its confidence,
// split among its words.

// equivalentTitles returns the query of the English forms among forms in
// the title field, nil when no form has all its words in titles.
func (e *Engine) equivalentTitles(forms []synonymForm) bquery.Query {
	return e.titlesOf(forms, isLatinText)
}

// titlesOf returns the query in the title field of the forms among forms
// that keep accepts, each as all its words, or a katakana form as a longer
// title word that begins or ends with it (containingTitleWords), nil when
// no such form is in titles.
func (e *Engine) titlesOf(forms []synonymForm, keep func(form string) bool) bquery.Query {
	var qs []bquery.Query
	seen := map[string]bool{}
	for _, f := range forms {
		if !keep(f.form) || f.conf <= 0 {
			continue
		}
		for _, w := range e.containingTitleWords(f.form) { // ライフサイクル: リリースライフサイクル
			if !seen[w] {
				seen[w] = true
				qs = append(qs, termQuery(indexer.FieldTitle, w, e.rank.Title*f.conf))
			}
		}
		terms := distinctTerms(e.morph.Analyze([]byte(f.form)))
		key := strings.Join(terms, " ")
		if len(terms) == 1 && !e.titleWords[terms[0]] && !seen[key] {
			// A katakana word inside the katakana compounds of titles
			// (ライフサイクル: リリースライフサイクル).
			seen[key] = true
			for _, w := range e.titleCompounds(terms[0]) {
				qs = append(qs, termQuery(indexer.FieldTitle, w, e.rank.Title*f.conf*titlePartFactor))
			}
			continue
		}
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

// allTitleWords reports whether every term is a word of some title.
func allTitleWords(titleWords map[string]bool, terms []string) bool {
	for _, t := range terms {
		if !titleWords[t] {
			return false
		}
	}
	return true
}

// Endings the katakana spells. A word of the index's English vocabulary
// made by adding an ending to a stemmed term (spoof: spoofing) must
// reach minReverseEndingConfidence, for the word may not exist. When the
// katakana word ends as the ending is written in katakana (スプーフィング:
// -ing is ング; ラスタライズ: -ize is イズ; -ation is ション), the ending is
// the katakana's own, and the word needs only minReverseConfidence.
var katakanaEndings = []struct{ english, katakana string }{
	{"ing", "ング"}, {"ize", "イズ"}, {"ise", "イズ"}, {"ation", "ション"}, {"ion", "ョン"},
}

// reverseEndingOK reports whether english, a word of the index's English
// vocabulary matched by katakana at confidence conf, is accepted: a term
// of the index, or a word made by adding an ending that reaches
// minReverseEndingConfidence, or one whose ending katakana spells.
func reverseEndingOK(katakana, english, term string, conf float64) bool {
	if english == term || conf >= minReverseEndingConfidence {
		return true
	}
	for _, end := range katakanaEndings {
		if strings.HasSuffix(english, end.english) && strings.HasSuffix(katakana, end.katakana) {
			return true
		}
	}
	return false
}

// withPartsEnglish adds to out, the English forms of a word of a
// compound, the glosses of the word that the glossary's vocabulary
// leaves out (glossary.PartsEnglish: 番号, number; 全地球, global).
func (e *Engine) withPartsEnglish(word string, out []glossary.Equivalent) []glossary.Equivalent {
	if e.noLexicon {
		return out
	}
	for _, eq := range glossary.PartsEnglish(word) {
		if !slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return strings.EqualFold(q.Form, eq.Form) }) {
			out = append(out, eq)
		}
	}
	return out
}

// definedWith reports whether a passage of the index holds the acronym
// with most of the content words of its long form words (two of three,
// three of four: a text that uses an acronym spells it out somewhere, or
// speaks of what it names), as the bigram index tells: the sense the index
// supports. A composition's initials spell many acronyms of the index by
// chance (package control inside: PCI); its words seldom stand beside
// them.
func (e *Engine) definedWith(acronym string, words []string) bool {
	if e.ix.Bigrams == nil {
		return true
	}
	acr, ok := e.formDocs(acronym)
	if !ok || acr.IsEmpty() {
		return false
	}
	var with []*roaring.Bitmap
	for _, w := range words {
		if stopWords[strings.ToLower(w)] {
			continue
		}
		bm, ok := e.formDocs(strings.ToLower(w))
		if !ok {
			continue
		}
		with = append(with, roaring.And(acr, bm))
	}
	need := (2*len(with) + 2) / 3
	if need < 2 {
		return false
	}
	// Some passage in need of the sets: try each choice of them (four
	// words at most).
	var try func(from int, cur *roaring.Bitmap, n int) bool
	try = func(from int, cur *roaring.Bitmap, n int) bool {
		if n == need {
			return !cur.IsEmpty()
		}
		for i := from; i < len(with); i++ {
			next := roaring.And(cur, with[i])
			if !next.IsEmpty() && try(i+1, next, n+1) {
				return true
			}
		}
		return false
	}
	return try(0, acr, 0)
}

// composedEquivalent matches a composition of kind: an English one as a
// near phrase (its words in order, one word more or less between two:
// personal data backup for personal backup, a backup of personal data
// not), the sloppy match weighing Ranking.Sloppy of the exact one; a
// Japanese one as an equivalent.
func (e *Engine) composedEquivalent(form string, kind glossary.FormKind, boost float64) bquery.Query {
	q := e.equivalent(form, boost)
	if kind != glossary.KindEnglish || e.rank.Sloppy <= 0 {
		return q
	}
	toks := e.morph.Analyze([]byte(form))
	if len(toks) < 2 {
		return q
	}
	near := newSloppyPhrase(indexer.FieldText, toks, boost, e.rank.Sloppy)
	return &featureQuery{q: anyOf(q, near), label: featureLabel{Feature: "equivalent", Form: form}}
}

// maxPartsSynonyms is the most glosses of glossary.PartsEnglish added to
// a word's synonym set.
const maxPartsSynonyms = 2

// partsSynonyms returns, for text that is one Japanese word with kanji
// whose synonym set is syn, the first glosses of the word in
// glossary.PartsEnglish that the set lacks and the index has, at their
// confidence or the set's English form's, whichever is higher: EDICT
// lists a word's commonest English first (特権: privilege, which the
// glossary has only at the confidence of a gloss three words share).
// They are recorded in the word's expansion.
func (e *Engine) partsSynonyms(p *plan, text string, syn []synonymForm) []synonymForm {
	word := strings.TrimSpace(text)
	if e.noLexicon || !strings.ContainsFunc(word, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return nil
	}
	var out []synonymForm
	for _, eq := range glossary.PartsEnglish(word) {
		if len(out) == maxPartsSynonyms {
			break
		}
		j := slices.IndexFunc(syn, func(f synonymForm) bool { return strings.EqualFold(f.form, eq.Form) })
		if j >= 0 {
			if syn[j].conf < eq.Confidence {
				syn[j].conf = eq.Confidence
			}
			continue
		}
		if e.inIndex(eq.Form) {
			out = append(out, synonymForm{form: eq.Form, conf: eq.Confidence})
		}
	}
	if len(out) > 0 {
		x := Expansion{Term: word, Source: glossary.SourceEdict, Coverage: 1}
		for _, f := range out {
			x.Equivalents = append(x.Equivalents, f.form)
			x.Forms = append(x.Forms, EquivalentForm{Form: f.form, Kind: string(glossary.KindEnglish), Source: glossary.SourceEdict, Sense: word, Confidence: f.conf})
		}
		p.mergeExpansions([]Expansion{x})
	}
	return out
}
