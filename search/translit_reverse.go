package search

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// Reverse transliteration: a katakana word of the query (スターリンク,
// センチネル) is also searched as the English words of the index that it
// spells (starlink, sentinel), as glossary/translit's model scores them
// (EnglishVocabulary.MatchKatakana), so that a passage writing a name or a
// loanword in Latin letters is found from its katakana. The candidates are
// the Latin terms of the text field, read once per engine on first use.
//
// The index keeps English words stemmed (encoding: encod, passphrase:
// passphras), which spell katakana badly; each term is matched as the
// words that stem to it among the term and the term with a common ending
// (reverseEndings), and the best of them counts.
//
// A match needs the confidence minReverseConfidence. On the held-out EDICT
// pairs (glossary/translit's TestReverseHeldOut: 3,410 katakana words
// ranked among 12,921 English words) the best word reaches 0.7 and is
// right for 77% of the words, and is right for 95% of those it accepts; a
// word whose English is not in the vocabulary gets a wrong match 10% of
// the time. Each word adds at most maxTranslit matches, each an
// alternative of the word weighed Ranking.Translit times its confidence, as
// forward transliterations are.
const minReverseConfidence = 0.7

// reverseEndings are the endings a stemmed term may have lost: a word of
// the index is matched as its term with each ending that stems back to it.
//
// Katakana spells the base form of a loanword, so plural and past endings
// are not tried; a word made by adding an ending may not exist at all
// (colleg: collegal), and must reach minReverseEndingConfidence, unless
// the katakana spells the ending itself (reverseEndingOK).
var reverseEndings = []string{"e", "er", "ing", "ion", "y", "ation", "ity", "ure", "or", "ize"}

// minReverseEndingConfidence is the confidence a word made by adding an
// ending must reach. Measured on the held-out EDICT pairs against the
// stems of the held-out and distractor English words (an index's terms),
// with a match right when its term is the stem of the right English word:
// the stems alone give precision 0.936, recall 0.550 at confidence 0.7;
// with the endings at 0.7, 0.922 and 0.708; at 0.8, 0.932 and 0.649; at
// 0.9, 0.935 and 0.552. (On JSQuAD questions, コレラ reached 0.78 with
// collegal, from the term colleg.)
const minReverseEndingConfidence = 0.8

// minReverseLetters leaves out short English words (bus, job): too many
// katakana words spell them nearly enough.
const minReverseLetters = 4

// The trie of an index's English words is bounded: words longer than
// maxReverseLetters (no katakana word spells them) are left out, and at
// most maxReverseWords words are kept, the terms first, then the words
// made with endings (about 90 bytes of trie each, measured on EDICT
// words with endings: about 27 MB at most, besides the spelling map).
const (
	maxReverseLetters = 24
	maxReverseWords   = 300_000
)

// maxReverseMemo is the most katakana words whose matches an engine
// keeps (reverseState.memo); past it the memo starts again empty. A word
// keeps its candidates, a few at most (about 200 bytes a word).
const maxReverseMemo = 20_000

// reverseState is the English vocabulary of an engine's index.
type reverseState struct {
	once  sync.Once
	model *translit.Model
	vocab *translit.EnglishVocabulary
	term  map[string]string // spelling → the term of the index it stems to
	// memo keeps the candidates of the katakana words matched before:
	// they depend on the word and the index alone, and the questions
	// asked of an index repeat their names and loanwords (the 3,239
	// katakana words of the JSQuAD questions are 883 words).
	memo boundedCache[[]translit.EnglishCandidate]
}

// matchKatakana returns the English words of the index that the katakana
// word spells with confidence minReverseConfidence, the best first, as
// vocab.MatchKatakana gives them, from the memo when the word was matched
// before. The slice is shared: callers do not change it.
func (e *Engine) matchKatakana(vocab *translit.EnglishVocabulary, word string) []translit.EnglishCandidate {
	memo := &e.translit.reverse.memo
	if cands, ok := memo.get(word); ok {
		return cands
	}
	cands := slices.Clip(vocab.MatchKatakana(word, 0, minReverseConfidence))
	memo.put(word, cands)
	return cands
}

// englishVocab returns the model and the English words of the index, or
// a nil model when there is none (the error is logged once).
func (e *Engine) englishVocab() (*translit.Model, *translit.EnglishVocabulary, map[string]string) {
	r := &e.translit.reverse
	r.once.Do(func() {
		m, err := translit.Default()
		if err != nil {
			e.log.Error("transliteration model", "err", err)
			return
		}
		terms, err := e.ix.Terms(indexer.FieldText, "a", "{", isLowerWord)
		if err != nil {
			e.log.Error("English terms for transliteration", "err", err)
			return
		}
		spell := map[string]string{}
		var words []string
		add := func(w, t string) {
			if len(w) >= minReverseLetters && len(w) <= maxReverseLetters && spell[w] == "" && len(words) < maxReverseWords {
				spell[w] = t
				words = append(words, w)
			}
		}
		for _, t := range terms {
			add(t, t)
		}
		if len(terms) > maxReverseWords {
			e.log.Warn("English terms for reverse transliteration: too many, some left out", "terms", len(terms), "kept", maxReverseWords)
		}
		for _, t := range terms {
			for _, end := range reverseEndings {
				if w := t + end; stem(w) == t {
					add(w, t)
				}
			}
		}
		r.model, r.vocab, r.term = m, m.NewEnglishVocabulary(words), spell
	})
	return r.model, r.vocab, r.term
}

// isLowerWord reports whether t is made of lower-case ASCII letters only
// (an English term of the index, not a number or a code).
func isLowerWord(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return true
}

// stem is the Snowball English stem of a lower-case word, as the text
// analyzer makes it.
func stem(w string) string {
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return env.Current()
}

// reverseTransliterate finds the English terms of the index spelled by
// the katakana words of text that no glossary match with an English form
// covers. A katakana run the analyzer keeps as one word gets them as
// alternatives of the word (added to alts, keyed by its term); a run it
// cuts into several (ランレベル: ラン レベル, センチネル: センチ ネル)
// gets them as equivalents of the run, returned as queries weighed as a
// glossary equivalent covering the run would be. It returns the
// expansions to record, which mergeExpansions adds after the others of the
// chunk. A run the phrasebook knows (カーネル: kernel) is left to it: the
// lexicon's English is that word, not the names spelled alike (Carnell).
func (e *Engine) reverseTransliterate(p *plan, text string, matches []glossary.Match, alts alternatives) (alternatives, []bquery.Query, []Expansion) {
	if e.noTranslit {
		return alts, nil, nil
	}
	var eqs []bquery.Query
	var xs []Expansion
	textRunes := float64(utf8.RuneCountInString(text))
	for _, run := range katakanaRuns(text) {
		word := text[run[0]:run[1]]
		if e.coveredInEnglish(run[0], run[1], matches) {
			continue
		}
		if e.phrasebookKnows(word) {
			continue
		}
		m, vocab, spell := e.englishVocab()
		if m == nil {
			return alts, nil, nil
		}
		cands := e.matchKatakana(vocab, word)
		if len(cands) == 0 {
			continue
		}
		toks := p.morph(e, word)
		coverage := float64(utf8.RuneCountInString(word)) / textRunes
		x := Expansion{Term: word, Source: "translit", Coverage: coverage}
		seen := map[string]bool{}
		for _, c := range cands {
			t := spell[c.English]
			if seen[t] || len(c.English) < minReverseLetters || !reverseEndingOK(word, c.English, t, c.Confidence) {
				continue
			}
			seen[t] = true
			if len(toks) == 1 {
				if alts == nil {
					alts = alternatives{}
				}
				term := string(toks[0].Term)
				alts[term] = append(alts[term], alternative{term: t, weight: e.rank.Translit * c.Confidence})
			} else {
				eqs = append(eqs, termQuery(indexer.FieldText, t, e.rank.Equivalent*c.Confidence*coverage*coverage))
			}
			x.Equivalents = append(x.Equivalents, c.English)
			x.Forms = append(x.Forms, EquivalentForm{Form: c.English, Kind: string(glossary.KindEnglish), Source: "translit", Confidence: c.Confidence})
			x.Confidence = max(x.Confidence, math.Round(c.Confidence*100)/100)
			if len(seen) == maxTranslit {
				break
			}
		}
		if len(x.Equivalents) > 0 {
			xs = append(xs, x)
		}
	}
	return alts, eqs, xs
}

// phrasebookKnows reports whether the phrasebook gives English for the
// katakana word w that the index has.
func (e *Engine) phrasebookKnows(w string) bool {
	if e.noLexicon {
		return false
	}
	pb, err := phrasebook()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(pb.EnglishOf(w), func(q glossary.Equivalent) bool { return e.inIndex(q.Form) })
}

// mergeExpansions records xs in p: an expansion of a term p already has
// (the composed or glossary forms of ランレベル) takes the new
// equivalents after its own.
func (p *plan) mergeExpansions(xs []Expansion) {
	for _, x := range xs {
		i := slices.IndexFunc(p.expansions, func(old Expansion) bool { return old.Term == x.Term })
		if i < 0 {
			p.expansions = append(p.expansions, x)
			continue
		}
		old := &p.expansions[i]
		if !strings.Contains(old.Source, x.Source) {
			old.Source += ", " + x.Source
		}
		old.Confidence = max(old.Confidence, x.Confidence)
		for k, eq := range x.Equivalents {
			if !slices.Contains(old.Equivalents, eq) {
				old.Equivalents = append(old.Equivalents, eq)
				old.Forms = append(old.Forms, x.Forms[k])
			}
		}
	}
}

// katakanaRuns returns the byte spans of the runs of katakana in text
// (letters, prolonged sound marks, middle dots) with two letters or more.
func katakanaRuns(text string) [][2]int {
	var out [][2]int
	start, letters := -1, 0
	flush := func(end int) {
		if start >= 0 && letters >= 2 {
			out = append(out, [2]int{start, end})
		}
		start, letters = -1, 0
	}
	for i, r := range text {
		switch {
		case r >= 'ァ' && r <= 'ヺ':
			if start < 0 {
				start = i
			}
			letters++
		case (r == 'ー' || r == '・') && start >= 0:
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

// coveredInEnglish reports whether the span [start, end) of the query
// lies within a glossary match one of whose entries gives an English form
// that the index has: the glossary's equivalents stand for the word then.
// English the index never uses (ラッパー: rapper, bugle) is a sense the
// text does not have, and leaves the word to reverse transliteration
// (wrapper).
func (e *Engine) coveredInEnglish(start, end int, matches []glossary.Match) bool {
	for _, m := range matches {
		if start < m.Start || end > m.End {
			continue
		}
		for _, en := range m.Entries {
			if slices.ContainsFunc(en.English, e.inIndex) {
				return true
			}
		}
	}
	return false
}
