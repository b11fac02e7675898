package search

import (
	"math"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

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
// held-out EDICT pairs (glossary/translit's TestHeldOut), ranking each
// English word's spellings among 13,384 katakana words, the best word
// reaches 0.7 and is right for 83% of the words, and is right for 96% of
// those it accepts; a word whose spelling is not in the vocabulary gets a
// wrong match 5% of the time (18% at 0.5, which is why 0.7). Each word
// adds at most maxTranslit matches, each an alternative of the word (see
// alternatives.add) weighed Ranking.Translit times its confidence, below a
// glossary equivalent's weight, since a transliteration is a guess.
const (
	minTranslitConfidence = 0.7
	maxTranslit           = 2
	// minTranslitLetters leaves out short words, whose spellings are too
	// many and too short to tell apart (bus, ski).
	minTranslitLetters = 4
)

// translitState is the katakana vocabulary of an engine's index.
type translitState struct {
	once  sync.Once
	model *translit.Model
	vocab *translit.Vocabulary
	terms []string // the katakana terms of the index

	termSetOnce sync.Once
	termSet     map[string]bool // terms as a set

	skeletonOnce sync.Once
	skeletons    map[string][]string // katakanaSkeleton → terms

	reverse  reverseState // the English words, for katakana query words
	variants variantState // the katakana words by strict skeleton
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
		t.model, t.vocab, t.terms = m, m.NewVocabulary(terms), terms
	})
	return t.model, t.vocab
}

// englishWords returns the words of text (runs of ASCII letters, with
// inner hyphens or apostrophes) that lie outside the spans of matches, with
// their byte offsets.
func englishWords(text string, matches []glossary.Match) [][2]int {
	var out [][2]int
	// A word inside a glossary form is left to the glossary when one of
	// the form's entries gives a katakana spelling; otherwise (patriot:
	// 国士 in the EDICT vocabulary) it may still be a name written in
	// katakana (パトリオット).
	inMatch := func(i int) bool {
		for _, m := range matches {
			if i >= m.Start && i < m.End && spelledInKatakana(m) {
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

// alternatives maps a term of the text field (an English word as the
// text analyzer makes it) to katakana terms that spell it.
type alternatives map[string][]alternative

type alternative struct {
	term   string
	weight float64 // relative to the word's own
	// title marks a spelling that only titles write (see
	// titleSiblings): it is searched in the title field.
	title bool
}

// add gives the term queries of q (a query of any of the words, as
// termsQuery makes it) their alternatives: a word matches as itself or as
// any of its spellings, in one clause, so that a passage with either
// counts as having the word in the coord of q. Within that clause the
// coord still halves a passage with only one of them, and a spelling
// weighs Ranking.Translit times its confidence, so the typed word ranks
// first. (As a separate clause beside the literal text, like glossary
// equivalents, the spellings halved the score of every passage with only
// the typed word: on JSQuAD, Google → グーグル moved MRR@10 from 0.9442 to
// 0.9440; as alternatives, to 0.9443.)
func (a alternatives) add(q bquery.Query) bquery.Query {
	if len(a) == 0 {
		return q
	}
	switch q := q.(type) {
	case *bquery.TermQuery:
		return a.term(q)
	case *anyQuery:
		for i, c := range q.clauses {
			if tq, ok := c.(*bquery.TermQuery); ok {
				q.clauses[i] = a.term(tq)
			}
		}
	case *bquery.DisjunctionQuery:
		for i, c := range q.Disjuncts {
			if tq, ok := c.(*bquery.TermQuery); ok {
				q.Disjuncts[i] = a.term(tq)
			}
		}
	}
	return q
}

func (a alternatives) term(tq *bquery.TermQuery) bquery.Query {
	alts := a[tq.Term]
	if len(alts) == 0 {
		return tq
	}
	qs := []bquery.Query{tq}
	for _, x := range alts {
		if !x.title {
			qs = append(qs, termQuery(tq.FieldVal, x.term, tq.Boost()*x.weight))
		}
	}
	return anyOf(qs...)
}

// transliterate returns the katakana spellings of the English words of
// text that no glossary match covers, keyed by the word's term, and
// records them as expansions.
func (e *Engine) transliterate(p *plan, text string, matches []glossary.Match) alternatives {
	if e.noTranslit {
		return nil
	}
	words := englishWords(text, matches)
	if len(words) == 0 {
		return nil
	}
	var alts alternatives
	for _, w := range e.hyphenParts(text, words) {
		word := text[w[0]:w[1]]
		if !transliterable(word) {
			continue
		}
		toks := p.morph(e, word)
		if len(toks) != 1 {
			continue
		}
		m, vocab := e.translitVocab()
		if m == nil {
			return nil
		}
		n := len(translit.EnglishLetters(word))
		cands := vocab.Match(word, maxTranslit, m.MinLogProb(minTranslitConfidence, n))
		if len(cands) == 0 && len(strings.Fields(text)) == 1 && !hasExpansion(p, word) {
			cands = e.translitUnknownName(word, vocab, m.MinLogProb(minNameConfidence, n))
		}
		if len(cands) == 0 {
			continue
		}
		if alts == nil {
			alts = alternatives{}
		}
		term := string(toks[0].Term)
		x := Expansion{Term: word, Source: "translit"}
		for _, c := range cands {
			alts[term] = append(alts[term], alternative{term: c.Katakana, weight: e.rank.Translit * c.Confidence})
			x.Equivalents = append(x.Equivalents, c.Katakana)
			x.Confidence = max(x.Confidence, math.Round(c.Confidence*100)/100)
		}
		if !hasExpansion(p, word) {
			p.expansions = append(p.expansions, x)
		}
	}
	return alts
}

// Names the index has only in katakana. The model learned English
// spellings (EDICT), so a Dutch or German name (Wassenaar: ワッセナー)
// scores below minTranslitConfidence. A capitalised word that is no word
// of the index cannot be found as written, so when it is the whole text
// and no other source expands it a wrong match costs little: its best katakana word is
// taken from minNameConfidence when it stands out, scoring at least
// nameMargin times the next one. Beside other words (a given name before a
// family name: Charles, カラス; Francis, フランス) a wrong match would
// outweigh them, so there it is not.
const (
	minNameConfidence = 0.35
	nameMargin        = 1.5
)

// translitUnknownName returns the best katakana word for word, a
// capitalised word the index does not have, or nil.
func (e *Engine) translitUnknownName(word string, vocab *translit.Vocabulary, minLogProb float64) []translit.Candidate {
	if word[0] < 'A' || word[0] > 'Z' || e.hasTextWord(word) || e.phrasebookNames(word) {
		return nil
	}
	cands := vocab.Match(word, 2, minLogProb)
	if len(cands) == 0 || len(cands) == 2 && cands[0].Confidence < nameMargin*cands[1].Confidence {
		return nil
	}
	return cands[:1]
}

// phrasebookNames reports whether the phrasebook gives a Japanese form of
// word that the index has (Schoenberg: シェーンベルク).
func (e *Engine) phrasebookNames(word string) bool {
	if e.noLexicon {
		return false
	}
	pb, err := phrasebook()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(pb.JapaneseOf(word), func(f glossary.Equivalent) bool { return e.inIndex(f.Form) })
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

// spelledInKatakana reports whether an entry of m has a Japanese form
// with katakana in it (レイセオン, レイセオン社).
func spelledInKatakana(m glossary.Match) bool {
	for _, en := range m.Entries {
		for _, f := range en.Japanese {
			n := 0
			for _, r := range f {
				if r >= 'ァ' && r <= 'ヺ' {
					n++
				}
			}
			if n >= 2 {
				return true
			}
		}
	}
	return false
}

// translitName matches an English name of two or three capitalised words
// that no glossary form covers (Kofi Annan, Francis Crick), or a compound
// of two or three lowercase words and no function word (point release,
// window manager), to the katakana words of the index that spell it
// whole: Japanese writes such a name or compound as one word (コフィー・
// アナン, ポイントリリース), which the index keeps whole (コフィーアナン),
// so the words' own spellings do not find it. Below
// minTranslitConfidence, the best word is taken from minNameConfidence
// when it stands out and the index cannot have the text as written
// (unwritten): Larry Page, ラリーペイジ (0.64), whose words the index has
// apart only. It returns the query of the best matches, searched as
// equivalents, or nil.
func (e *Engine) translitName(p *plan, text string, matches []glossary.Match) bquery.Query {
	if e.noTranslit {
		return nil
	}
	if namesTerm(text, matches) {
		return nil // the glossary knows the text itself
	}
	words := strings.Fields(text)
	if len(words) < 2 || len(words) > 3 {
		return nil
	}
	capitalised := words[0][0] >= 'A' && words[0][0] <= 'Z'
	for _, w := range words {
		if !isLatinWord(w) || len(w) < 2 || strings.ContainsAny(w, "0123456789") {
			return nil
		}
		// A name's words are all capitalised; a compound's (window
		// manager: ウィンドウマネージャ) none, and no function word.
		if capitalised != (w[0] >= 'A' && w[0] <= 'Z') || !capitalised && stopWords[w] {
			return nil
		}
	}
	name := strings.Join(words, "")
	m, vocab := e.translitVocab()
	if m == nil {
		return nil
	}
	n := len(translit.EnglishLetters(name))
	cands := vocab.Match(name, maxTranslit, m.MinLogProb(minTranslitConfidence, n))
	if len(cands) == 0 && e.unwritten(text, words) {
		// A word the index does not have: the name cannot be found as
		// written, so its best katakana word is taken from
		// minNameConfidence when it stands out (see translitUnknownName).
		cands = vocab.Match(name, 2, m.MinLogProb(minNameConfidence, n))
		if len(cands) == 2 && cands[0].Confidence < nameMargin*cands[1].Confidence {
			cands = nil
		}
		cands = cands[:min(1, len(cands))]
		if len(cands) == 1 && !spellsEachWord(m, words, cands[0].Katakana) {
			cands = nil
		}
	}
	if len(cands) == 0 {
		return nil
	}
	x := Expansion{Term: strings.Join(words, " "), Source: "translit", Coverage: 1}
	var qs []bquery.Query
	for _, c := range cands {
		qs = append(qs, e.equivalent(c.Katakana, e.rank.Equivalent*c.Confidence))
		x.Equivalents = append(x.Equivalents, c.Katakana)
		x.Confidence = max(x.Confidence, math.Round(c.Confidence*100)/100)
		x.Forms = append(x.Forms, EquivalentForm{Form: c.Katakana, Kind: string(glossary.KindKatakana), Source: "translit", Confidence: c.Confidence})
	}
	if !hasExpansion(p, x.Term) {
		p.expansions = append(p.expansions, x)
	}
	return anyOf(qs...)
}

// A katakana word taken below minTranslitConfidence for a name must cut
// into one part per word, each spelling its word with minWordConfidence
// at least and all with minMeanWordConfidence on average (the geometric
// mean): ラリー|ペイジ for Larry Page (0.89, 0.34). A katakana word that
// spells the whole name that low was as often one word's spelling with
// the other dropped or barely spelled (Seeing Sequence: シーケンス; Sedan
// Mounting: アン|マウント, 0.32 and 0.67).
const (
	minWordConfidence     = 0.3
	minMeanWordConfidence = 0.5
)

// spellsEachWord reports whether katakana cuts into parts that spell
// words, in order (see minWordConfidence).
func spellsEachWord(m *translit.Model, words []string, katakana string) bool {
	rs := []rune(katakana)
	// best returns the greatest product of the confidences of words[w:]
	// spelling rs[i:], each part at least minWordConfidence; 0 if none.
	var best func(i, w int) float64
	best = func(i, w int) float64 {
		if w == len(words) {
			if i == len(rs) {
				return 1
			}
			return 0
		}
		n := len(translit.EnglishLetters(words[w]))
		out := 0.0
		for j := i + 1; j <= len(rs)-(len(words)-w-1); j++ {
			if w == len(words)-1 && j != len(rs) {
				continue
			}
			c := m.Confidence(m.Score(words[w], string(rs[i:j])), n)
			if c < minWordConfidence {
				continue
			}
			out = max(out, c*best(j, w+1))
		}
		return out
	}
	return math.Pow(best(0, 0), 1/float64(len(words))) >= minMeanWordConfidence
}

// unwritten reports whether the index cannot have text, a phrase of
// words, as written: it lacks one of the words, or no passage has them
// all.
func (e *Engine) unwritten(text string, words []string) bool {
	if slices.ContainsFunc(words, func(w string) bool { return !e.hasTextWord(w) }) {
		return true
	}
	if e.ix.Bigrams == nil {
		return false
	}
	bm, ok := e.formDocs(text)
	return ok && bm.IsEmpty()
}

// Katakana spelling variants. One foreign word has several katakana
// spellings (ゼネラルモーターズ, ゼネラル・モータース; ポアントノアール,
// ポワントノワール; ヴァイオリン, バイオリン), and a glossary gives one or
// two. A katakana equivalent that is no word of the index is also
// searched as the index's katakana words of the same skeleton
// (katakanaSkeleton), at most maxSkeletonVariants of them.
const maxSkeletonVariants = 2

// katakanaSkeleton folds the differences between katakana spellings of
// one word: voicing marks (ズ, ス), the prolonged sound mark and the
// sokuon, small vowels and their full size, ヴ and the b-row, ワ and ア,
// ヰ, ヱ, ヲ and イ, エ, オ.
func katakanaSkeleton(s string) string {
	var b strings.Builder
	for _, r := range vuReplacer.Replace(norm.NFKC.String(s)) {
		switch r {
		case 'ー', 'ッ', '・', '＝':
			continue
		case 'ァ', 'ワ', 'ヮ':
			r = 'ア'
		case 'ィ', 'ヰ':
			r = 'イ'
		case 'ゥ':
			r = 'ウ'
		case 'ェ', 'ヱ':
			r = 'エ'
		case 'ォ', 'ヲ':
			r = 'オ'
		case 'ャ':
			r = 'ヤ'
		case 'ュ':
			r = 'ユ'
		case 'ョ':
			r = 'ヨ'
		}
		if base, ok := unvoiced[r]; ok {
			r = base
		}
		b.WriteRune(r)
	}
	return b.String()
}

// vuReplacer spells the v-sounds with the b-row (ヴァ: バ).
var vuReplacer = strings.NewReplacer("ヴァ", "バ", "ヴィ", "ビ", "ヴェ", "ベ", "ヴォ", "ボ", "ヴ", "ブ")

// unvoiced maps a katakana with a voicing mark to the one without.
var unvoiced = func() map[rune]rune {
	m := map[rune]rune{}
	for _, r := range "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ" {
		d := norm.NFD.String(string(r))
		m[r] = []rune(d)[0]
	}
	return m
}()

// katakanaVariants returns the index's katakana words that spell form
// otherwise, when form is a katakana word the index does not have.
func (e *Engine) katakanaVariants(form string) []string {
	if e.noTranslit || !translit.IsKatakanaWord(form) {
		return nil
	}
	toks := e.morph.Analyze([]byte(form))
	if len(toks) != 1 {
		return nil
	}
	term := string(toks[0].Term)
	if e.hasTextWord(term) {
		return e.spellingSiblings(term)
	}
	full, _, _ := e.skeletonTerms()
	vs := full[katakanaSkeleton(term)]
	if len(vs) > maxSkeletonVariants {
		vs = vs[:maxSkeletonVariants]
	}
	return vs
}
