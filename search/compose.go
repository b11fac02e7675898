package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// Composition of English phrases. An English phrase that no glossary form
// covers (cyber defense exercise, space debris, public key) is translated
// word by word: each content word's Japanese equivalents (its glossary
// entries' Japanese and katakana forms; for a run of words the glossary
// knows as one form, that form's; for a word with none, the katakana words
// of the index that spell it; a word with none of these keeps the phrase
// from being composed) are joined in the phrase's order into compounds,
// as Japanese writes them (宇宙デブリ, スペースデブリ, 公開鍵), and searched
// as phrases, and the words' equivalents are also searched together as
// all of them in one passage, lower still: a Japanese passage may say
// サイバー防衛の演習. Both weigh less than a glossary equivalent, for the
// composition may be wrong. Their weights are Ranking.Composed and
// Ranking.ComposedWords.
const (
	maxComposeWords    = 4  // longer phrases are not composed
	maxWordEquivalents = 3  // per word, the most confident
	maxComposed        = 12 // compounds searched per phrase
)

// stopWords are English function words left out of a composition
// (freedom of association: freedom, association).
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "for": true, "to": true,
	"in": true, "on": true, "and": true, "with": true, "by": true, "at": true, "from": true}

// composed is one compound made of the words' equivalents.
type composed struct {
	form       string
	confidence float64 // the product of its parts'
	parts      int
}

// perPart is the geometric mean of the parts' confidences: a compound of
// three words is not less likely right than one of two.
func (c composed) perPart() float64 {
	if c.parts <= 1 {
		return c.confidence
	}
	return math.Pow(c.confidence, 1/float64(c.parts))
}

// composeEnglish returns the compounds and the per-word equivalents of
// text, a chunk of the query, when it is an English phrase of 2 to
// maxComposeWords content words that no glossary match covers whole; nil
// otherwise.
func (e *Engine) composeEnglish(text string, matches []glossary.Match) ([]composed, [][]glossary.Equivalent) {
	// The glossary knows the text itself. When it knows it as a loanword
	// only (wireless network: ワイヤレス・ネットワーク), the compounds of
	// its words' translations that the index writes with a word that is
	// not katakana are its other renderings (無線ネットワーク).
	loanForms := e.otherScriptForms(text, matches, false)
	loan := len(loanForms) > 0
	if loan && !allKatakana(loanForms) {
		return nil, nil
	}
	fields := strings.Fields(text)
	var words []string
	for _, f := range fields {
		w := strings.Trim(f, `.,;:!?"'()[]`)
		if w == "" {
			continue
		}
		if !isLatinWord(w) {
			return nil, nil
		}
		if !stopWords[strings.ToLower(w)] {
			words = append(words, w)
		}
	}
	if len(words) < 2 || len(words) > maxComposeWords {
		return nil, nil
	}
	var per [][]glossary.Equivalent
	var single []string // the word of each of per, "" for a run of words
	for i := 0; i < len(words); {
		// The longest run of words the glossary knows as one English form
		// (Cartesian coordinate, in Cartesian coordinate system:
		// デカルト座標), else the word alone.
		n, eqs := 1, []glossary.Equivalent(nil)
		for j := len(words); j > i+1; j-- {
			if j-i == len(words) {
				continue // the whole phrase: the glossary's business
			}
			if eqs = e.japaneseOfPhrase(words[i:j]); len(eqs) > 0 {
				if !e.anyOccurs(eqs) && e.nameAsWritten(words[i]) != nil {
					// A run the index never writes, led by a name it
					// writes as is (Debian Project: デビアンプロジェクト):
					// the name stays in Latin letters.
					eqs = nil
					continue
				}
				n = j - i
				break
			}
		}
		if len(eqs) == 0 {
			eqs = e.japaneseOf(words[i])
		}
		if len(eqs) == 0 {
			eqs = e.translitOf(words[i])
		}
		if n == 1 {
			eqs = append(eqs, e.nameAsWritten(words[i])...)
		}
		if len(eqs) == 0 {
			return nil, nil
		}
		per = append(per, eqs)
		if n == 1 {
			single = append(single, words[i])
		} else {
			single = append(single, "")
		}
		i += n
	}
	if len(per) < 2 {
		return nil, nil
	}
	compounds := combine(per, "")
	// A compound with a name kept in Latin letters (nameAsWritten) is a
	// guess at how a text writes it: only the index's own is taken
	// (Debianプロジェクトリーダー, not Larryページ for Larry Page).
	var names []string
	for _, eqs := range per {
		for _, eq := range eqs {
			if eq.Source == SourceComposed && eq.Kind == glossary.KindEnglish {
				names = append(names, eq.Form)
			}
		}
	}
	if len(names) > 0 {
		compounds = slices.DeleteFunc(compounds, func(c composed) bool {
			return slices.ContainsFunc(names, func(n string) bool { return strings.Contains(c.form, n) }) && !e.occurs(c.form)
		})
		if len(compounds) == 0 {
			return nil, nil
		}
	}
	if loan {
		compounds = slices.DeleteFunc(compounds, func(c composed) bool { return !e.loanRendering(c.form, loanForms) || !e.occurs(c.form) })
		if len(compounds) == 0 {
			return nil, nil
		}
		return compounds, nil
	}
	if !slices.ContainsFunc(compounds, func(c composed) bool { return e.occurs(c.form) }) {
		compounds = append(e.attestedCompounds(per, single), compounds...)
	}
	return compounds, per
}

// nameAsWrittenConfidence is the confidence of a name kept in Latin
// letters inside a composition.
const nameAsWrittenConfidence = 0.7

// nameAsWritten returns word itself as its equivalent when it is a
// capitalised name the index has as a word: one that no lexicon
// translates but by its katakana spelling (Debian: デビアン; not System:
// システム, 系統). Japanese writes such names in Latin letters inside its
// compounds (Debian Project Leader: Debianプロジェクトリーダー).
func (e *Engine) nameAsWritten(word string) []glossary.Equivalent {
	if word[0] < 'A' || word[0] > 'Z' || isAcronymWord(word) || glossary.IsCommonWord(word) || !e.hasTextWord(word) {
		return nil
	}
	notKatakana := func(eq glossary.Equivalent) bool { return eq.Kind != glossary.KindKatakana }
	if pb, err := phrasebook(); err == nil {
		if slices.ContainsFunc(pb.JapaneseOf(word), notKatakana) {
			return nil // an English word EDICT translates (System: 体系)
		}
		if one, ok := strings.CutSuffix(word, "s"); ok && slices.ContainsFunc(pb.JapaneseOf(one), notKatakana) {
			return nil // or its singular (Modules: module, 加群)
		}
	}
	one, _ := strings.CutSuffix(word, "s")
	// The glosses of EDICT's compound parts hold the adjectives and
	// adverbs the phrasebook's nouns leave out (Dynamic: 動的; Fully).
	if slices.ContainsFunc(glossary.PartsJapanese(word), notKatakana) || one != word && slices.ContainsFunc(glossary.PartsJapanese(one), notKatakana) {
		return nil
	}
	for _, w := range []string{word, one} {
		key := glossary.Normalize(w)
		for _, en := range e.gloss.Lookup(w) {
			if slices.ContainsFunc(en.English, func(f string) bool { return glossary.Normalize(f) == key }) &&
				slices.ContainsFunc(en.Japanese, func(f string) bool { return en.KindOf(f) != glossary.KindKatakana }) {
				return nil
			}
		}
	}
	return []glossary.Equivalent{{Form: word, Kind: glossary.KindEnglish, Source: SourceComposed, Confidence: nameAsWrittenConfidence}}
}

// anyOccurs reports whether the index has one of eqs (e.occurs).
func (e *Engine) anyOccurs(eqs []glossary.Equivalent) bool {
	return slices.ContainsFunc(eqs, func(eq glossary.Equivalent) bool { return e.occurs(eq.Form) })
}

// Compounds the index attests. The glossary's vocabulary keeps a word's
// first glosses and its most confident Japanese forms, so a phrase may
// compose only compounds the text never writes (intrusion detection:
// 御邪魔検出) while it writes another (侵入検知: intrusion is 侵入's fifth
// gloss). When no compound of the glossary's forms occurs in the index,
// each single word's forms are widened with the Japanese words whose
// first EDICT glosses hold it (glossary.PartsJapanese) that are words of
// the index, at most maxWideEquivalents a word, and the compounds of the
// widened forms that occur in the index, at most maxAttested, are
// searched first: a compound the text writes is strong evidence that its
// parts translate the words together, however loosely each does alone.
const (
	maxWideEquivalents = 8
	maxAttested        = 3
	maxAttestedTries   = 64 // compounds looked up in the index
)

// compoundPart reports whether form may be a part of an attested
// compound:
// two characters or more, all kanji or all katakana. A single character
// (者, 料) or a word with kana endings (多く, 行い) is found inside
// compounds of other words (最後者 is no compound of 最後 and 者).
func compoundPart(form string) bool {
	if utf8.RuneCountInString(form) < 2 {
		return false
	}
	if glossary.IsKatakanaWord(form) {
		return true
	}
	for _, r := range form {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// attestedCompounds returns the compounds of the widened forms of per
// (single gives the word of each, "" for a run of words, which is not
// widened) that occur in the index, the most confident first.
func (e *Engine) attestedCompounds(per [][]glossary.Equivalent, single []string) []composed {
	if e.noLexicon {
		return nil
	}
	wide := make([][]glossary.Equivalent, len(per))
	widened := false
	for i, eqs := range per {
		wide[i] = slices.DeleteFunc(slices.Clone(eqs), func(eq glossary.Equivalent) bool { return !compoundPart(eq.Form) })
		if single[i] == "" {
			continue
		}
		n := 0
		for _, eq := range glossary.PartsJapanese(single[i]) {
			if n == maxWideEquivalents {
				break
			}
			if !compoundPart(eq.Form) || slices.ContainsFunc(wide[i], func(q glossary.Equivalent) bool { return q.Form == eq.Form }) || !e.inIndex(eq.Form) && !e.titleWords[eq.Form] {
				continue
			}
			wide[i] = append(wide[i], eq)
			widened = true
			n++
		}
	}
	if !widened {
		return nil
	}
	all := []composed{{confidence: 1}}
	for i, eqs := range wide {
		var next []composed
		for _, c := range all {
			for _, eq := range eqs {
				next = append(next, composed{form: c.form + eq.Form, confidence: c.confidence * eq.Confidence, parts: i + 1})
			}
		}
		slices.SortStableFunc(next, func(a, b composed) int { return cmp.Compare(b.confidence, a.confidence) })
		all = next[:min(len(next), maxAttestedTries)]
	}
	var out []composed
	for _, c := range all {
		if len(out) == maxAttested {
			break
		}
		if e.occurs(c.form) || e.inTitles(c.form) {
			out = append(out, c)
		}
	}
	return out
}

// inTitles reports whether a title of the index has every word of form, a
// compound of two words or more (the title field keeps no positions).
func (e *Engine) inTitles(form string) bool {
	terms := distinctTerms(e.morph.Analyze([]byte(form)))
	if len(terms) < 2 || !allTitleWords(e.titleWords, terms) {
		return false
	}
	qs := make([]bquery.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(indexer.FieldTitle, t, 1)
	}
	req := bleve.NewSearchRequestOptions(bquery.NewConjunctionQuery(qs), 0, 0, false)
	res, err := e.ix.Search(context.Background(), req)
	return err == nil && res.Total > 0
}

// namesTermOtherScript reports whether a glossary match names the whole
// of text, an English phrase, with a form in another script that occurs
// in the index. An entry whose Japanese forms the index never writes
// (remote machine: 遠隔マシン; special file: ブロック型特殊ファイル, a
// narrower term) does not keep the phrase from being composed
// (リモートマシン, スペシャルファイル, as a handbook writes them).
func (e *Engine) namesTermOtherScript(text string, matches []glossary.Match) bool {
	return len(e.otherScriptForms(text, matches, true)) > 0
}

// otherScriptForms returns the forms in another script that occur in the
// index of the glossary matches naming the whole of text (see
// namesTermOtherScript), the first only when first is set.
func (e *Engine) otherScriptForms(text string, matches []glossary.Match, first bool) []string {
	var out []string
	add := func(f string) bool {
		if !isLatinText(f) && e.occurs(f) && !slices.Contains(out, f) {
			out = append(out, f)
			return first
		}
		return false
	}
	for _, m := range matches {
		if strings.TrimSpace(text[:m.Start]) != "" || strings.TrimSpace(text[m.End:]) != "" {
			continue
		}
		for _, en := range m.Entries {
			for _, f := range en.Forms() {
				if add(f) {
					return out
				}
			}
		}
		// Or one the glossary reaches from it (jet stream: ジェット気流).
		for _, eq := range e.gloss.Expand(text[m.Start:m.End], m.Entries) {
			if add(eq.Form) {
				return out
			}
		}
	}
	return out
}

// Minimum lengths in runes of the parts of a loanword's other rendering
// (see loanRendering).
const (
	minLoanKanjiRunes    = 2
	minLoanKatakanaRunes = 3
)

// loanRendering reports whether form, a composition of an English phrase
// the glossary knows as the katakana loanwords known (wireless network:
// ワイヤレス・ネットワーク), renders it with one loanword of a known form
// in kanji (無線ネットワーク): a word of kanji only then the known form's
// last loanword, or its first then a word of kanji, where the glossary
// has an entry with both the kanji word and the loanword it replaces (無線,
// ワイヤレス). The parts are minLoanKanjiRunes and minLoanKatakanaRunes
// long at least.
func (e *Engine) loanRendering(form string, known []string) bool {
	for _, k := range known {
		k = strings.ReplaceAll(k, "・", "")
		for i := range form {
			kanji, kana := form[:i], form[i:]
			loan, ok := strings.CutSuffix(k, kana)
			if !ok {
				kana, kanji = form[:i], form[i:]
				loan, ok = strings.CutPrefix(k, kana)
			}
			if !ok || loan == "" || !allKanji(kanji) || utf8.RuneCountInString(kanji) < minLoanKanjiRunes ||
				utf8.RuneCountInString(kana) < minLoanKatakanaRunes || !allKatakana([]string{kana}) {
				continue
			}
			key := glossary.Normalize(loan)
			for _, en := range e.gloss.Lookup(kanji) {
				if slices.ContainsFunc(en.Forms(), func(f string) bool { return glossary.Normalize(f) == key }) {
					return true
				}
			}
		}
	}
	return false
}

// allKanji reports whether s is written in kanji only.
func allKanji(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// allKatakana reports whether every one of forms is written in katakana
// (with its long vowel mark and middle dot) only.
func allKatakana(forms []string) bool {
	for _, f := range forms {
		for _, r := range f {
			if !isKatakanaRune(r) && r != 'ー' && r != '・' {
				return false
			}
		}
	}
	return true
}

// expandedInIndex reports whether the expansion recorded for text, the
// whole chunk, has a form in another script that occurs in the index.
func (e *Engine) expandedInIndex(p *plan, text string) bool {
	return len(e.expandedForms(p, text)) > 0
}

// expandedForms returns the forms in another script that occur in the
// index of the expansion recorded for text, the whole chunk.
func (e *Engine) expandedForms(p *plan, text string) []string {
	term := strings.TrimSpace(text)
	var out []string
	for _, x := range p.expansions {
		if x.Term != term {
			continue
		}
		for _, f := range x.Equivalents {
			if !isLatinText(f) && e.occurs(f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// translitOf returns the katakana words of the index that spell word
// (system: システム), as transliterate finds them, for a word no glossary
// entry translates.
func (e *Engine) translitOf(word string) []glossary.Equivalent {
	if e.noTranslit || !transliterable(word) {
		return nil
	}
	m, vocab := e.translitVocab()
	if m == nil {
		return nil
	}
	n := len(translit.EnglishLetters(word))
	var out []glossary.Equivalent
	for _, c := range vocab.Match(word, maxTranslit, m.MinLogProb(minTranslitConfidence, n)) {
		out = append(out, glossary.Equivalent{Form: c.Katakana, Kind: glossary.KindKatakana, Source: "translit", Confidence: e.rank.Translit * c.Confidence})
	}
	return out
}

// japaneseOfPhrase returns the Japanese forms of the glossary entries that
// hold the words, as a phrase, as an English form: as written, or with the
// last word in the singular or plural (Cartesian coordinate: Cartesian
// coordinates).
func (e *Engine) japaneseOfPhrase(words []string) []glossary.Equivalent {
	head, last := strings.Join(words[:len(words)-1], " ")+" ", words[len(words)-1]
	forms := []string{last, last + "s", last + "es"}
	if l, ok := strings.CutSuffix(last, "s"); ok && len(l) > 2 {
		forms = append(forms, l)
	}
	for _, f := range forms {
		if eqs := e.japaneseOf(head + f); len(eqs) > 0 {
			return e.withPhrasebookForms(head+f, eqs)
		}
	}
	return nil
}

// japaneseOf returns the Japanese and katakana forms of the glossary
// entries that hold word as an English form of their own (not through
// hops), the most confident first, at most maxWordEquivalents.
func (e *Engine) japaneseOf(word string) []glossary.Equivalent {
	key := glossary.Normalize(word)
	var out []glossary.Equivalent
	for _, en := range e.gloss.Lookup(word) {
		english := false
		for _, f := range en.English {
			if glossary.Normalize(f) == key {
				english = true
				break
			}
		}
		if !english {
			continue
		}
		for _, f := range en.Japanese {
			if slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return q.Form == f }) {
				continue
			}
			out = append(out, glossary.Equivalent{Form: f, Kind: en.KindOf(f), Source: en.Source, Confidence: en.Confidence})
		}
	}
	return e.mostConfident(out)
}

// composedQuery searches the compounds of an English phrase and its words'
// equivalents together, and records the expansion.
func (e *Engine) composedQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	if namesTerm(text, matches) {
		if fs := e.expandedForms(p, text); len(fs) > 0 && !allKatakana(fs) {
			return nil // the text's expansion has a form the index writes
		}
	}
	compounds, per := e.composeEnglish(text, matches)
	if len(compounds) == 0 {
		if cs := e.closedCompound(text, matches); len(cs) > 0 { // kiloliter: キロリットル
			return anyOf(e.searchComposed(p, text, cs, glossary.KindKatakana, false)...)
		}
		return nil
	}
	qs := e.searchComposed(p, text, compounds, glossary.KindJapanese, per == nil)
	if per == nil {
		return anyOf(qs...) // a loanword's other renderings (see composeEnglish)
	}
	all := make([]bquery.Query, len(per))
	for i, eqs := range per {
		alts := make([]bquery.Query, len(eqs))
		for j, eq := range eqs {
			alts[j] = e.equivalent(eq.Form, e.rank.Equivalent*e.rank.ComposedWords*eq.Confidence)
		}
		all[i] = anyOf(alts...)
	}
	qs = append(qs, bquery.NewConjunctionQuery(all))
	return anyOf(qs...)
}

// SourceComposed is the Expansion.Source of an English phrase translated
// word by word.
const SourceComposed = "composed"

// isLatinWord reports whether w is written in Latin letters, digits and
// hyphens only, with a letter.
func isLatinWord(w string) bool {
	letter := false
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9', r == '-':
		default:
			return false
		}
	}
	return letter
}

// composeKatakanaParts returns the English equivalents of each part of
// text when it is one Japanese compound that no glossary form covers
// whole (スペースデブリ, 作業ツリー, 言語サーバープロトコル) but whose words
// each have English equivalents: the words of the text analyzer, a
// katakana word that the glossary does not know split into two or three
// known katakana words (スペース: space, デブリ: debris). See
// composeKatakana.
func (e *Engine) composeKatakanaParts(text string, matches []glossary.Match) [][]glossary.Equivalent {
	word := strings.TrimSpace(text)
	if namesTerm(text, matches) {
		return nil // the glossary knows the text itself
	}
	if n := utf8.RuneCountInString(word); n < 4 || n > 24 || !e.isCompoundText(word) {
		return nil
	}
	var per [][]glossary.Equivalent
	toks := e.morph.Analyze([]byte(word))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// The longest run of words the lexicons know as one (暗号化:
		// encryption, where 化 alone has no English).
		if j, eqs := e.longestKnown(word, toks, i); j > i {
			per = append(per, eqs)
			i = j
			continue
		}
		part := word[t.Start:t.End]
		if eqs := e.englishOf(part); len(eqs) > 0 {
			per = append(per, eqs)
			continue
		}
		if i > 0 && isAffix(part) {
			continue // 的, 用: the English of the word before stands for both
		}
		if !glossary.IsKatakanaWord(part) {
			return nil
		}
		split := e.splitKatakana(part)
		if split == nil {
			// A loanword no lexicon has (メソッド) is the English word
			// of the index that it spells (method).
			if eqs := e.spelledEnglish(part); len(eqs) > 0 {
				per = append(per, eqs)
				continue
			}
			return nil
		}
		per = append(per, split...)
	}
	if len(per) < 2 || len(per) > maxComposeWords {
		return nil
	}
	return per
}

// spelledEnglish returns the English words of the index that the
// katakana word spells, by reverse transliteration (see
// reverseTransliterate), as equivalents at their confidence, the most
// confident first, at most maxWordEquivalents.
func (e *Engine) spelledEnglish(katakana string) []glossary.Equivalent {
	if e.noTranslit {
		return nil
	}
	m, vocab, spell := e.englishVocab()
	if m == nil {
		return nil
	}
	var out []glossary.Equivalent
	for _, c := range e.matchKatakana(vocab, katakana) {
		t := spell[c.English]
		if len(c.English) < minReverseLetters || !reverseEndingOK(katakana, c.English, t, c.Confidence) {
			continue
		}
		if slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return q.Form == c.English }) {
			continue
		}
		out = append(out, glossary.Equivalent{Form: c.English, Kind: glossary.KindEnglish, Source: "translit", Confidence: c.Confidence})
	}
	return e.mostConfident(out)
}

// maxKnownRun is the most words of a compound looked up as one.
const maxKnownRun = 3

// longestKnown returns the last of the longest run of two or more words
// of word from toks[i] that has English equivalents, and those
// equivalents; it returns i when no such run does.
func (e *Engine) longestKnown(word string, toks analysis.TokenStream, i int) (int, []glossary.Equivalent) {
	for j := min(len(toks)-1, i+maxKnownRun-1); j > i; j-- {
		if j-i+1 == len(toks) {
			continue // the whole compound: not a composition
		}
		if eqs := e.englishOf(word[toks[i].Start:toks[j].End]); len(eqs) > 0 {
			return j, eqs
		}
	}
	return i, nil
}

// isKanjiKatakana reports whether s is written in kanji and katakana only
// (with ー, ・ and 々).
func isKanjiKatakana(s string) bool {
	for _, r := range s {
		if !(r >= 'ァ' && r <= 'ヺ' || r == 'ー' || r == '・' || r == '々' || unicode.Is(unicode.Han, r)) {
			return false
		}
	}
	return s != ""
}

// splitKatakana splits a katakana word into two or three katakana words
// each with English equivalents, and returns their equivalents; nil when
// it finds no such split. Two parts, then three: the split with the
// longest first part that works, as the parts of a loanword compound are
// words themselves.
func (e *Engine) splitKatakana(word string) [][]glossary.Equivalent {
	rs := []rune(word)
	if len(rs) < 4 {
		return nil
	}
	for i := len(rs) - 2; i >= 2; i-- {
		a := e.englishOf(string(rs[:i]))
		if len(a) == 0 {
			continue
		}
		if b := e.englishOf(string(rs[i:])); len(b) > 0 {
			return [][]glossary.Equivalent{a, b}
		}
		for j := len(rs) - 2; j >= i+2; j-- {
			b := e.englishOf(string(rs[i:j]))
			if len(b) == 0 {
				continue
			}
			if c := e.englishOf(string(rs[j:])); len(c) > 0 {
				return [][]glossary.Equivalent{a, b, c}
			}
		}
	}
	return nil
}

// englishOf returns the English forms of the glossary entries that hold
// word as a Japanese form of their own, the most confident first, at most
// maxWordEquivalents. The part must be two characters at least and have
// an entry of its own: a katakana word is split only into known words.
func (e *Engine) englishOf(word string) []glossary.Equivalent {
	if len([]rune(word)) < 2 || strings.HasPrefix(word, "ー") || strings.HasPrefix(word, "・") {
		return nil
	}
	key := glossary.Normalize(word)
	var out []glossary.Equivalent
	for _, en := range e.gloss.Lookup(word) {
		if !slices.ContainsFunc(en.Japanese, func(f string) bool { return glossary.Normalize(f) == key }) {
			continue
		}
		for _, f := range en.English {
			if !slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return strings.EqualFold(q.Form, f) }) {
				out = append(out, glossary.Equivalent{Form: f, Kind: glossary.KindEnglish, Source: en.Source, Confidence: en.Confidence})
			}
		}
	}
	if pb, err := phrasebook(); err == nil && !e.noLexicon {
		for _, eq := range pb.EnglishOf(word) {
			if eq.Source == glossary.SourceEnamdict {
				continue // a name is no part of a compound
			}
			if !slices.ContainsFunc(out, func(q glossary.Equivalent) bool { return strings.EqualFold(q.Form, eq.Form) }) {
				out = append(out, eq)
			}
		}
	}
	out = e.withPartsEnglish(word, out)
	return e.spelledFirst(word, out)
}

// minSpelledConfidence is the transliteration confidence from which an
// English form counts as spelled by a katakana word.
const minSpelledConfidence = 0.3

// spelledFirst keeps of the English forms of a katakana word those it
// transliterates, when there are any (ラン: run, not Holland and orchid,
// which are the readings of 蘭): a katakana part of a compound is a
// loanword. It keeps the most confident, at most maxWordEquivalents.
func (e *Engine) spelledFirst(katakana string, eqs []glossary.Equivalent) []glossary.Equivalent {
	m, err := translit.Default()
	if err != nil || !glossary.IsKatakanaWord(katakana) {
		return e.mostConfident(eqs)
	}
	spelled := func(eq glossary.Equivalent) bool {
		n := len(translit.EnglishLetters(eq.Form))
		return m.Confidence(m.Score(eq.Form, katakana), n) >= minSpelledConfidence
	}
	var kept []glossary.Equivalent
	for _, eq := range eqs {
		if spelled(eq) {
			kept = append(kept, eq)
		}
	}
	if len(kept) == 0 {
		kept = eqs
	}
	return e.mostConfident(kept)
}

// composedKatakanaQuery searches the English phrases of a katakana compound
// and records the expansion.
// known reports whether the best composition is confident enough
// (minKnownComposition) for the chunk to count as a known term, whose
// partial matches weigh Ranking.PartialKnown.
func (e *Engine) composedKatakanaQuery(p *plan, text string, matches []glossary.Match) (q bquery.Query, known bool, phrases []composed) {
	phrases = e.composeKatakana(text, matches)
	if len(phrases) == 0 {
		return nil, false, nil
	}
	return anyOf(e.searchComposed(p, text, phrases, glossary.KindEnglish, false)...), phrases[0].confidence >= minKnownComposition, phrases
}

// minKnownComposition is the least confidence of a katakana compound's
// best English composition for the compound to count as a known term. A
// composition of many words is a guess (国際自動車産業特別委員会:
// international automotive industry ad hoc committee, 0.03): taken as
// known, it cut the weight of the passages sharing most of the
// compound's words to a tenth, below those sharing one word of a title.
const minKnownComposition = 0.1

// searchComposed returns the queries of the compositions of text, which
// are of kind, and records them as its expansion; loan marks the
// renderings of a phrase known as loanwords only (see composeEnglish).
func (e *Engine) searchComposed(p *plan, text string, cs []composed, kind glossary.FormKind, loan bool) []bquery.Query {
	x := Expansion{Term: strings.TrimSpace(text), Source: SourceComposed, Coverage: 1}
	qs := make([]bquery.Query, 0, len(cs)+1)
	var titled []synonymForm
	for _, c := range cs {
		qs = append(qs, e.composedEquivalent(c.form, kind, e.rank.Equivalent*e.rank.Composed*c.perPart()))
		x.Equivalents = append(x.Equivalents, c.form)
		x.Forms = append(x.Forms, EquivalentForm{Form: c.form, Kind: string(kind), Source: SourceComposed, Confidence: c.confidence})
		titled = append(titled, synonymForm{form: c.form, conf: e.rank.Equivalent * e.rank.Composed * c.perPart()})
	}
	// A section may write the compound in its title only (侵入検知 (IDS/
	// NIDS); パッケージをアップグレードするためにシングルユーザモードに入る…).
	if t := e.formTitles(titled); t != nil {
		qs = append(qs, t)
	}
	// Beside an expansion of the whole text whose forms the index never
	// writes (see namesTermOtherScript), or beside the loanwords that are
	// a phrase's only known forms (loan, see composeEnglish: wireless
	// network: ワイヤレス・ネットワーク, 無線ネットワーク), the compositions
	// join it, so that the passages with them are hits; beside one the
	// index has (salmon roe: イクラ), they only add to the score.
	if !loan && e.expandedInIndex(p, text) {
		p.addExpansion(x)
	} else {
		p.mergeExpansions([]Expansion{x})
	}
	return qs
}

// Acronyms from initials. An English name of three or more words that no
// glossary form covers (Dynamic Host Configuration Protocol, Redundant
// Array of Independent Disks) is also searched as the acronym its initials
// spell (DHCP, RAID), when the index has that word: technical text often
// uses only the acronym. The initials of every word and those of the
// words other than stop words are tried, then those with a word of ex-
// giving its x (XSLT), then those of every word with
// one word giving its first two letters (UUID), and, where a word is
// itself in capitals, those with it giving all its letters (Parallel Line
// IP: PLIP); the first two the index has, in its text or in a title (a
// section named バグ潰しパーティ (BSP)), are searched, in the text and in
// titles. Acronyms of fewer than three letters, and those that
// are common English words, are not: too many phrases share them. The
// acronym weighs Ranking.Initials times Ranking.Equivalent.

func (e *Engine) initialsQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	if namesTerm(text, matches) {
		return nil // the glossary knows the text itself
	}
	fields := strings.Fields(text)
	if len(fields) < 3 || len(fields) > 8 {
		return nil
	}
	var all, content, whole []byte
	for _, f := range fields {
		if !isLatinWord(f) {
			return nil
		}
		c := f[0] | 0x20 // lower case; the index's terms are
		if c < 'a' || c > 'z' {
			return nil
		}
		all = append(all, c)
		if !stopWords[strings.ToLower(f)] {
			content = append(content, c)
		}
		// A word that is itself an acronym gives all its letters
		// (Parallel Line IP: PLIP).
		if upperWord(f) {
			whole = append(whole, strings.ToLower(f)...)
		} else {
			whole = append(whole, c)
		}
	}
	spellings := []string{string(all), string(content)}
	if len(whole) != len(all) {
		spellings = append(spellings, string(whole))
	}
	// A word of ex- may give its x (eXtensible Stylesheet Language
	// Transformations: XSLT; eXtensible Markup Language: XML).
	for i, f := range fields {
		if len(f) >= 4 && strings.EqualFold(f[:2], "ex") {
			x := slices.Clone(all)
			x[i] = 'x'
			spellings = append(spellings, string(x))
			if len(content) == len(all) {
				continue
			}
			var xc []byte
			for j, g := range fields {
				switch {
				case stopWords[strings.ToLower(g)]:
				case j == i:
					xc = append(xc, 'x')
				default:
					xc = append(xc, all[j])
				}
			}
			spellings = append(spellings, string(xc))
		}
	}
	// A word may give two letters (Universally Unique IDentifier: UUID).
	for i, f := range fields {
		if len(f) < 4 || stopWords[strings.ToLower(f)] {
			continue
		}
		c := f[1] | 0x20
		if c < 'a' || c > 'z' {
			continue
		}
		spellings = append(spellings, string(all[:i+1])+string(c)+string(all[i+1:]))
	}
	var found []string
	for _, acr := range spellings {
		if len(found) == 2 {
			break
		}
		if len(acr) < 3 || glossary.IsCommonWord(acr) || slices.Contains(found, acr) {
			continue
		}
		// A section may name the acronym in its title only (バグ潰し
		// パーティ (BSP)).
		inText, err := e.ix.HasTerm(indexer.FieldText, acr)
		if err != nil {
			continue
		}
		if !inText {
			if ok, err := e.ix.HasTerm(indexer.FieldTitle, acr); err != nil || !ok {
				continue
			}
		}
		found = append(found, acr)
	}
	if len(found) == 0 {
		return nil
	}
	x := Expansion{Term: strings.TrimSpace(text), Source: SourceInitials, Coverage: 1}
	var qs []bquery.Query
	for _, acr := range found {
		form := strings.ToUpper(acr)
		qs = append(qs, e.equivalent(form, e.rank.Equivalent*e.rank.Initials),
			termQuery(indexer.FieldTitle, acr, e.rank.Title*e.rank.Initials))
		x.Equivalents = append(x.Equivalents, form)
		x.Forms = append(x.Forms, EquivalentForm{Form: form, Kind: string(glossary.KindAcronym), Source: SourceInitials, Confidence: e.rank.Initials})
	}
	p.addExpansion(x)
	return anyOf(qs...)
}

// upperWord reports whether f is two to four capital letters (IP, TCP).
func upperWord(f string) bool {
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for i := range len(f) {
		if f[i] < 'A' || f[i] > 'Z' {
			return false
		}
	}
	return true
}

// SourceInitials is the Expansion.Source of an acronym made of the
// initials of an English name of the query.
const SourceInitials = "initials"

// combine joins one equivalent of each word, in order, with sep between
// them, for every choice of equivalents: the most confident compounds
// first (a compound's confidence is its parts' product), at most
// maxComposed.
func combine(per [][]glossary.Equivalent, sep string) []composed {
	out := []composed{{confidence: 1}}
	for i, eqs := range per {
		var next []composed
		for _, c := range out {
			for _, eq := range eqs {
				form := eq.Form
				if i > 0 {
					form = c.form + sep + form
				}
				next = append(next, composed{form: form, confidence: c.confidence * eq.Confidence, parts: i + 1})
			}
		}
		slices.SortStableFunc(next, func(a, b composed) int { return cmp.Compare(b.confidence, a.confidence) })
		if len(next) > maxComposed {
			next = next[:maxComposed]
		}
		out = next
	}
	return out
}

// mostConfident sorts eqs by confidence, highest first, and keeps at most
// maxWordEquivalents, those the index has first when there are more.
func (e *Engine) mostConfident(eqs []glossary.Equivalent) []glossary.Equivalent {
	if len(eqs) > maxWordEquivalents {
		// The forms the index has come first: a sense the text never
		// writes composes nothing it could find (拡張: escape before
		// extended).
		in := make(map[string]bool, len(eqs))
		for _, eq := range eqs {
			in[eq.Form] = e.inIndex(eq.Form)
		}
		slices.SortStableFunc(eqs, func(a, b glossary.Equivalent) int {
			if in[a.Form] != in[b.Form] {
				if in[a.Form] {
					return -1
				}
				return 1
			}
			return cmp.Compare(b.Confidence, a.Confidence)
		})
	} else {
		slices.SortStableFunc(eqs, func(a, b glossary.Equivalent) int { return cmp.Compare(b.Confidence, a.Confidence) })
	}
	if len(eqs) > maxWordEquivalents {
		eqs = eqs[:maxWordEquivalents]
	}
	return eqs
}

// Long forms in katakana. A text in Japanese writes the English long form
// of an acronym as one katakana word (Secure Shell: セキュアーシェル;
// window manager: ウィンドウマネージャ), a form no lexicon need have. The
// English long forms of an acronym of the query (from the glossary, or
// read from the index's text) are also searched as the katakana words of
// the index that join a katakana equivalent of each of their words, in
// order, as the index spells them (katakanaVariants), at renderedFactor
// times their confidence.
const (
	renderedFactor  = 0.8
	maxRenderedForm = 2 // katakana words searched per long form
)

// withKatakanaLongForms returns forms, the equivalents of term, with the
// katakana renderings of their English forms of two to maxComposeWords
// words when term is an acronym.
func (e *Engine) withKatakanaLongForms(term string, forms []glossary.Equivalent) []glossary.Equivalent {
	if e.noTranslit || !isAcronymWord(term) {
		return forms
	}
	out := forms
	for _, eq := range forms {
		if eq.Kind != glossary.KindEnglish {
			continue
		}
		for _, r := range e.katakanaLongForms(eq.Form) {
			if slices.ContainsFunc(out, func(f glossary.Equivalent) bool { return f.Form == r }) {
				continue
			}
			if len(out) == len(forms) {
				out = slices.Clone(forms)
			}
			out = append(out, glossary.Equivalent{Form: r, Kind: glossary.KindKatakana, Source: eq.Source, Sense: eq.Sense,
				Confidence: eq.Confidence * renderedFactor, Hops: eq.Hops})
		}
	}
	return out
}

// withComposedLongForms returns forms, the equivalents of term, with the
// compositions that the index has of their English forms (composedLongForm)
// when term is an acronym none of whose forms in another script the
// index has: a long form mined from English text (DPL: Debian Project
// Leader) is written in Japanese text as a compound (Debianプロジェクト
// リーダー). Each weighs its English form's confidence times its own
// (composed.perPart) times Ranking.Composed.
func (e *Engine) withComposedLongForms(term string, forms []glossary.Equivalent) []glossary.Equivalent {
	if e.noLexicon || !isAcronymWord(term) || slices.ContainsFunc(forms, func(f glossary.Equivalent) bool {
		return f.Kind != glossary.KindEnglish && f.Kind != glossary.KindAcronym && e.occurs(f.Form)
	}) {
		return forms
	}
	out := forms
	longs := 0
	for _, eq := range forms {
		if eq.Kind != glossary.KindEnglish || len(strings.Fields(eq.Form)) < 2 {
			continue
		}
		if longs == maxLongForms {
			break
		}
		longs++
		for _, c := range e.composedLongForm(eq.Form) {
			if slices.ContainsFunc(out, func(f glossary.Equivalent) bool { return f.Form == c.form }) {
				continue
			}
			if len(out) == len(forms) {
				out = slices.Clone(forms)
			}
			out = append(out, glossary.Equivalent{Form: c.form, Kind: glossary.KindJapanese, Source: SourceComposed, Sense: eq.Sense,
				Confidence: eq.Confidence * c.perPart() * e.rank.Composed, Hops: eq.Hops})
		}
	}
	return out
}

// katakanaLongForms returns the katakana words of the index that render
// english, a phrase of two to maxComposeWords words: one katakana
// equivalent of each word joined, as the index has it or spells it
// otherwise; at most maxRenderedForm.
func (e *Engine) katakanaLongForms(english string) []string {
	words := strings.Fields(english)
	if len(words) < 2 || len(words) > maxComposeWords {
		return nil
	}
	per := make([][]glossary.Equivalent, len(words))
	for i, w := range words {
		if !isLatinWord(w) {
			return nil
		}
		for _, eq := range e.japaneseOf(w) {
			if eq.Kind == glossary.KindKatakana {
				per[i] = append(per[i], eq)
			}
		}
		if len(per[i]) == 0 {
			return nil
		}
	}
	var out []string
	for _, c := range combine(per, "") {
		if len(out) == maxRenderedForm {
			break
		}
		vs := []string{c.form}
		if !e.hasTerm(c.form) {
			vs = e.katakanaVariants(c.form)
		}
		for _, v := range vs {
			if !slices.Contains(out, v) && len(out) < maxRenderedForm {
				out = append(out, v)
			}
		}
	}
	return out
}

// Closed compounds. A unit or compound written as one English word
// (kiloliter, megawatt) that no lexicon has is written in Japanese as one
// katakana word joining its parts' (キロリットル: キロ, リットル). A query
// of one lowercase word that the index lacks is cut in two, each part of
// minSplitLetters letters at least with a katakana equivalent in the
// glossary (the second also spelled -re for -er: liter, litre), and the
// joined katakana words the index has, as spelled or otherwise
// (katakanaVariants), are searched as composed compounds.
const maxClosedCompounds = 2

// closedCompound returns the katakana compounds of text, a word, that
// the index has; nil when text is not such a word.
func (e *Engine) closedCompound(text string, matches []glossary.Match) []composed {
	w := strings.TrimSpace(text)
	if e.noTranslit || len(matches) > 0 || len(w) < 2*minSplitLetters || !transliterable(w) ||
		strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) || e.hasTextWord(w) {
		return nil
	}
	katakana := func(word string) []glossary.Equivalent {
		var out []glossary.Equivalent
		for _, f := range []string{word, britishSpelling(word)} {
			if f == "" {
				continue
			}
			for _, eq := range e.japaneseOf(f) {
				if eq.Kind == glossary.KindKatakana {
					out = append(out, eq)
				}
			}
		}
		return out
	}
	var out []composed
	for i := minSplitLetters; i <= len(w)-minSplitLetters && len(out) < maxClosedCompounds; i++ {
		left := katakana(w[:i])
		if len(left) == 0 {
			continue
		}
		right := katakana(w[i:])
		if len(right) == 0 {
			continue
		}
		for _, c := range combine([][]glossary.Equivalent{left, right}, "") {
			vs := []string{c.form}
			if !e.hasTerm(c.form) {
				vs = e.katakanaVariants(c.form)
			}
			for _, v := range vs {
				if len(out) < maxClosedCompounds && !slices.ContainsFunc(out, func(o composed) bool { return o.form == v }) {
					out = append(out, composed{form: v, confidence: c.confidence, parts: 2})
				}
			}
		}
	}
	return out
}

// britishSpelling returns word spelled -re for -er (liter: litre,
// center: centre), or "".
func britishSpelling(word string) string {
	if stem, ok := strings.CutSuffix(word, "er"); ok && len(stem) >= 2 {
		return stem + "re"
	}
	return ""
}
