package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search/query"
)

// plan is a query translated for Bleve, with the expansions applied.
type plan struct {
	query      bquery.Query
	expansions []Expansion
	// texts are the query's words and phrases, but the excluded ones:
	// the context that chooses among the senses of a term.
	texts []string
	// wordDocs caches the passages of the context's words (see senses.go).
	wordDocs map[string]*roaring.Bitmap
	// rule says which matches are hits (see hitDocs).
	rule hitRule
	// morphed caches the text analyzer's tokens of the chunks: a chunk's
	// glossary matching, eras, literal query and rule each need them.
	morphed map[string]analysis.TokenStream
	// chunks are the chunks with a rule, in order (see ruledChunk).
	chunks []ruled
}

// ruled is a chunk of the query with a hit rule: its text, whether it is
// a phrase, and the expansions searched for it.
type ruled struct {
	text       string
	phrase     bool
	expansions []Expansion
}

// morph returns the text analyzer's tokens of text, analysed once per
// plan. The tokens are shared: callers only read them.
func (p *plan) morph(e *Engine, text string) analysis.TokenStream {
	if toks, ok := p.morphed[text]; ok {
		return toks
	}
	if p.morphed == nil {
		p.morphed = map[string]analysis.TokenStream{}
	}
	toks := e.morph.Analyze([]byte(text))
	p.morphed[text] = toks
	return toks
}

// plan parses req.Query and translates it, with its filters and those of
// req, into a Bleve query.
func (e *Engine) plan(req Request) (*plan, error) {
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	p := &plan{}
	for _, g := range q.Groups {
		for _, c := range g {
			if c.Occur != query.MustNot {
				p.texts = append(p.texts, c.Text)
			}
		}
	}
	var groups []bquery.Query
	for gi, g := range q.Groups {
		p.rule = append(p.rule, nil)
		groups = append(groups, e.group(p, q, gi, g, req.NoExpand))
	}
	if len(q.Groups) == 0 {
		p.rule = nil // only filters: every match is a hit
	}
	e.markInIndex(p)
	if len(groups) == 1 {
		if sq, ok := groups[0].(*synonymQuery); ok {
			// The whole query is one term (interleaveForms).
			sq.interleave = true
		} else if iq := e.interleaved(p, groups[0]); iq != nil {
			groups[0] = iq // one chunk of several words (interleave.go)
		}
	}
	var main bquery.Query
	switch len(groups) {
	case 0:
		main = bleve.NewMatchAllQuery() // only filters
	case 1:
		main = groups[0]
	default:
		main = anyOf(groups...)
	}
	filters := make([]query.Filter, 0, len(q.Filters)+len(req.Filters))
	filters = append(filters, q.Filters...)
	for _, f := range req.Filters {
		filters = append(filters, query.Filter{Field: f.Field, Value: f.Value})
	}
	main = e.bindRanking(main)
	if len(filters) == 0 {
		p.query = main
		return p, nil
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	for _, f := range filters {
		fq, err := filterQuery(f)
		if err != nil {
			return nil, err
		}
		if f.Exclude {
			b.AddMustNot(fq)
		} else {
			b.AddMust(fq)
		}
	}
	p.query = b
	return p, nil
}

// group translates one OR-alternative of the query. Adjacent bare words
// form one chunk, so that multi-word glossary forms are found and the
// words score as a phrase when they stand together.
func (e *Engine) group(p *plan, q *query.Query, gi int, g []query.Clause, noExpand bool) bquery.Query {
	b := bleve.NewBooleanQuery()
	var should []bquery.Query
	runs := q.Runs()
	for i := 0; i < len(g); i++ {
		c := g[i]
		if c.Occur == query.Should && !c.Phrase && !c.Literal {
			for _, r := range runs {
				if r.Group == gi && r.Start == i {
					should = append(should, e.ruledChunk(p, gi, r.Text, false, noExpand))
					i = r.End - 1
					break
				}
			}
			continue
		}
		var cq bquery.Query
		if c.Occur == query.MustNot {
			cq = e.chunk(p, c.Text, c.Phrase, noExpand || c.Literal)
		} else {
			cq = e.ruledChunk(p, gi, c.Text, c.Phrase, noExpand || c.Literal)
		}
		switch c.Occur {
		case query.Must:
			b.AddMust(cq)
		case query.MustNot:
			b.AddMustNot(cq)
		default:
			should = append(should, cq)
		}
	}
	switch {
	case b.Must == nil && len(should) > 0:
		d := anyOf(should...)
		if b.MustNot == nil {
			return d
		}
		b.AddMust(d)
	case b.Must == nil:
		// Only exclusions: every passage without them.
		b.AddMust(bleve.NewMatchAllQuery())
	case len(should) > 0:
		// Required clauses decide what matches; the others add to the score.
		b.AddShould(should...)
	}
	return b
}

// ruledChunk translates a chunk of group gi (see chunk) and adds its
// rule to the group's (see chunkRule).
func (e *Engine) ruledChunk(p *plan, gi int, text string, phrase, noExpand bool) bquery.Query {
	before := len(p.expansions)
	q := e.chunk(p, text, phrase, noExpand)
	p.rule[gi] = append(p.rule[gi], e.chunkRuleOf(p.morph(e, text), text, phrase, p.expansions[before:]))
	p.chunks = append(p.chunks, ruled{text: text, phrase: phrase, expansions: p.expansions[before:len(p.expansions):len(p.expansions)]})
	return q
}

// interleaved returns q, the query of the one group of a query, as an
// interleaveQuery when the query is one chunk of several words, not a
// phrase or a sentence, with an expansion of the whole chunk; nil when
// not.
func (e *Engine) interleaved(p *plan, q bquery.Query) bquery.Query {
	if len(p.chunks) != 1 || len(p.rule) != 1 || len(p.rule[0]) != 1 || p.chunks[0].phrase {
		return nil
	}
	if _, ok := q.(*bquery.BooleanQuery); ok {
		return nil // required or excluded clauses
	}
	c := p.chunks[0]
	if !slices.ContainsFunc(c.expansions, func(x Expansion) bool { return x.Coverage >= 1 && len(x.Equivalents) > 0 }) {
		return nil
	}
	toks := p.morph(e, c.text)
	if isSentence(toks) {
		return nil
	}
	typed := e.chunkRuleOf(toks, c.text, false, nil)
	if len(typed.words) < 2 {
		return nil
	}
	term := strings.TrimSpace(c.text)
	var whole []Expansion
	for _, x := range c.expansions {
		if x.Term == term {
			whole = append(whole, x)
		}
	}
	return &interleaveQuery{q: q, typed: typed, rule: p.rule[0][0], whole: e.chunkRuleOf(toks, c.text, false, whole), term: term}
}

// chunk translates a piece of query text: the literal text, plus the
// glossary equivalents of every form found in it.
func (e *Engine) chunk(p *plan, text string, phrase, noExpand bool) bquery.Query {
	if noExpand {
		return e.literal(p, text, phrase, 1, nil, nil, nil)
	}
	start := len(p.expansions)
	matches := e.withEras(p, e.gloss.FindWhere(text, e.wordEdges(p, text)), text)
	matches = e.withOkuriganaKeyMatch(text, matches) // 再割り当て: 再割当
	partial := 1.0
	if len(matches) == 1 && namesTerm(text, matches) {
		// The chunk names a known term: passages with the term or an
		// equivalent matter, passages with some of its words much less.
		partial = e.rank.PartialKnown
	}
	// An English name whose initials are an acronym of the index (Dynamic
	// Host Configuration Protocol: DHCP) names a known term as well.
	initials := e.initialsQuery(p, text, matches)
	if initials != nil {
		partial = e.rank.PartialKnown
	}
	// A text the phrasebook knows whole (printing press: 印刷機) too.
	if len(e.phrasebookForms(text, matches)) > 0 {
		partial = e.rank.PartialKnown
	}
	// An acronym no glossary knows, by the initials of known names (JNR).
	longForms := e.longFormsQuery(p, text, matches)
	if longForms != nil {
		partial = e.rank.PartialKnown
	}
	// Other spellings of words of the text (Starlink: スターリンク).
	alts := e.transliterate(p, text, matches)
	alts, reverse, reverseExpansions := e.reverseTransliterate(p, text, matches, alts) // スターリンク: Starlink
	alts, variants, variantExpansions := e.spellingVariants(p, text, alts)             // パークセー: パクセー
	alts = e.okuriganaWords(p, text, alts)                                             // 組込み: 組み込み
	var eqs []bquery.Query
	var syn []synonymForm
	var dates []dateWord
	date := false      // the chunk is a year, month or date (see synonymQuery.date)
	var years []string // its Western years
	textRunes := float64(utf8.RuneCountInString(text))
	for _, m := range matches {
		if partial == 1 && !isEra(m) && e.allBelowMinEquivalent(text, m, textRunes) {
			continue // every equivalent would be left out below
		}
		x, forms := e.equivalents(p, text, m)
		if len(forms) == 0 {
			continue
		}
		// A form that is the whole chunk (a keyword query: SSA,
		// 宇宙状況監視) expands at full weight; one inside a sentence or a
		// longer name (Space Force in US Space Force) adds less, so that
		// the equivalents of a common word (中国 → PRC, 中華人民共和国) do
		// not outrank the words of a question.
		coverage := float64(utf8.RuneCountInString(x.Term)) / textRunes
		// A form that is the whole chunk and its equivalents are one
		// synonym set (synonym.go).
		whole := !phrase && e.rank.Synonym > 0 && strings.TrimSpace(text[:m.Start]) == "" && strings.TrimSpace(text[m.End:]) == ""
		if isEra(m) && !whole && !phrase && e.rank.Synonym > 0 {
			nw := max(1, len(distinctTerms(outsideDates(withoutQuestionWords(p.morph(e, text)), []dateWord{{start: 0, end: m.Start}, {start: m.End, end: len(text)}}))))
			nb := max(1, len(distinctTerms(outsideDates(e.bigram.Analyze([]byte(text)), []dateWord{{start: 0, end: m.Start}, {start: m.End, end: len(text)}}))))
			if q, qb := e.dateWord(x.Term, forms, e.rank.AnyWord*partial/float64(nw), e.rank.Bigram*partial/float64(nb)); q != nil {
				dates = append(dates, dateWord{start: m.Start, end: m.End, q: q, bigrams: qb})
				x.Coverage = coverage
				p.addExpansion(x)
				continue
			}
		}
		var kept Expansion = x
		kept.Equivalents, kept.Forms = nil, nil
		for k, eq := range forms {
			w := e.rank.Equivalent * eq.Confidence * coverage * coverage
			if partial == 1 && w < e.rank.MinEquivalent {
				continue
			}
			kept.Equivalents = append(kept.Equivalents, x.Equivalents[k])
			kept.Forms = append(kept.Forms, x.Forms[k])
			if whole {
				syn = append(syn, e.synonymForms(eq.Form, eq.Confidence)...)
				if isEra(m) && !date {
					date, years = true, westernYears(m)
				}
				continue
			}
			eqs = append(eqs, e.equivalent(eq.Form, w))
		}
		if isEra(m) && !whole {
			// A year is searched among its renderings as typed too:
			// otherwise a passage with only the typed rendering would
			// score half (the coord of lit and eqs) of one that also has
			// another (2010年（平成22年）, as Wikipedia writes years).
			eqs = append(eqs, e.equivalent(x.Term, e.rank.Equivalent*coverage*coverage))
		}
		if len(kept.Equivalents) > 0 {
			kept.Coverage = coverage
			p.addExpansion(kept)
		}
	}
	// A Japanese chunk the phrasebook knows whole is a synonym set of
	// its forms, as a glossary term is (see phrasebookQuery).
	var bookSyn *[]synonymForm
	if !phrase && e.rank.Synonym > 0 && !isLatinText(text) {
		bookSyn = &syn
	}
	book := e.phrasebookQuery(p, text, matches, bookSyn)
	if c := e.composedQuery(p, text, matches); c != nil {
		eqs = append(eqs, c)
		partial = e.rank.PartialKnown
	}
	if c, known, phrases := e.composedKatakanaQuery(p, text, matches); c != nil {
		// A compound composed whole: a passage with some of its words
		// matters less than one with its English, as for a known term.
		eqs = append(eqs, c)
		if known {
			partial = e.rank.PartialKnown
			if !phrase && e.rank.Synonym > 0 && len(syn) == 0 {
				// Its English phrases are its other forms too (パッケージ管理:
				// package management), so that it is scored and
				// interleaved as one term.
				for _, ph := range phrases {
					syn = append(syn, synonymForm{form: ph.form, conf: ph.perPart()})
				}
			}
		}
	}
	// The acronym of the English a Japanese term stands for (統合開発環境:
	// IDE).
	if c := e.phraseAcronymsQuery(p, text, matches); c != nil {
		eqs = append(eqs, c)
	}
	if c := e.translitName(p, text, matches); c != nil {
		// The katakana word spells the chunk whole (time server:
		// タイムサーバ), as a composed compound does: a passage with
		// some of its words matters less than one with the word.
		eqs = append(eqs, c)
		partial = e.rank.PartialKnown
	}
	if c := e.abbreviationQuery(p, text, matches); c != nil { // 全学連: 全日本学生自治会総連合
		eqs = append(eqs, c)
	}
	eqs = append(eqs, reverse...)
	eqs = append(eqs, variants...)
	p.mergeExpansions(reverseExpansions)
	p.mergeExpansions(variantExpansions)
	if initials != nil {
		eqs = append(eqs, initials)
	}
	if book != nil {
		eqs = append(eqs, book)
	}
	if longForms != nil {
		eqs = append(eqs, longForms)
	}
	word, oneWord := e.oneWord(p, text)
	if !phrase && e.rank.Synonym > 0 && oneWord {
		// A chunk of one word with other spellings (timestamp:
		// タイムスタンプ) is a synonym set too.
		for _, a := range alts[word] {
			syn = append(syn, synonymForm{form: a.term, conf: a.weight})
		}
		delete(alts, word)
		for _, v := range e.textAliases(word) { // ルハーンシク: ルガンスク
			syn = append(syn, synonymForm{form: v, conf: e.rank.Variant})
		}
	}
	if !phrase && e.rank.Synonym > 0 {
		syn = append(syn, e.kanjiPartForms(p, text, syn)...) // 東欧: 東ヨーロッパ
		syn = append(syn, e.partsSynonyms(p, text, syn)...)  // 特権: privilege; 愛好家: aficionado
	}
	if len(syn) > 0 {
		extras := e.literalParts(p, text, partial, nil, alts, nil)
		if oneWord {
			// The word is the set's first form.
			extras = extras[1:]
		}
		if date && len(years) > 0 {
			// A date's words alone (年, 昭和, 9) are not the date: the
			// passages with none of its renderings are those with its
			// Western year as a number of its own (1876-1877).
			extras = []bquery.Query{labelled(anyOf(termQueries(indexer.FieldText, e.morph.Analyze([]byte(strings.Join(years, " "))), flat(e.rank.AnyWord*partial))...), "words", text)}
		}
		if len(eqs) > 0 {
			extras = append(extras, anyOf(eqs...))
		}
		// The titles with another form (see synonymQuery.titles): the
		// English forms', then the others'.
		titles := make([]int, len(extras), len(extras)+2)
		if t := e.equivalentTitles(syn); t != nil { // リカバリー: a title with recovery
			extras = append(extras, t)
			titles = append(titles, titleKind(isLatinText(text), true))
		}
		if t := e.formTitles(syn); t != nil { // sniffer: a title with スニファ
			extras = append(extras, t)
			titles = append(titles, titleKind(isLatinText(text), false))
		}
		if q := e.synonymSet(text, syn, extras); q != nil {
			if date {
				q.date = true
			}
			q.titles = titles
			return q
		}
	}
	if len(eqs) > 0 && !phrase {
		// The equivalents of the whole chunk in titles, as for a synonym
		// set (single-user mode: a question titled …シングルユーザモードに
		// 入る必要はありますか?).
		whole := wholeForms(text, p.expansions[start:])
		for _, t := range []bquery.Query{e.equivalentTitles(whole), e.formTitles(whole)} {
			if t != nil {
				eqs = append(eqs, t)
			}
		}
	}
	switch {
	case len(eqs) == 0:
		return e.literal(p, text, phrase, partial, nil, alts, dates)
	case partial == 1 && !phrase:
		// Forms inside a longer chunk (a question): their equivalents
		// count as one more word of it. As a clause of their own beside
		// the literal text, the clause's coord doubled the score of every
		// passage with an equivalent, whatever its weight, and raised the
		// passages with the English spelling of a name (the first
		// paragraph of an article) above the one answering the question.
		// On JSQuAD with the Sudachi synonyms loaded, MRR@10 was 0.9362
		// (R@1 0.9127, R@10 0.9761) that way, 0.9437 (0.9235, 0.9795) as
		// a word, and 0.9441 (0.9239, 0.9797) as a word with equivalents
		// under minEquivalentWeight left out (0.1: 0.9440); without
		// Sudachi, 0.9442 (0.9244, 0.9795) before and 0.9442 (0.9241,
		// 0.9795) after.
		return e.literal(p, text, phrase, partial, anyOf(eqs...), alts, dates)
	}
	// The equivalents form one clause beside the literal text, so that a
	// passage with several equivalents does not outrank one with the
	// literal form.
	return anyOf(e.literal(p, text, phrase, partial, nil, alts, dates), anyOf(eqs...))
}

// wholeForms returns the equivalents of the expansions among xs of the
// whole of text, with their confidences, as forms of a synonym set.
func wholeForms(text string, xs []Expansion) []synonymForm {
	term := strings.TrimSpace(text)
	var out []synonymForm
	for _, x := range xs {
		if x.Term != term || len(x.Forms) != len(x.Equivalents) {
			continue
		}
		for _, f := range x.Forms {
			out = append(out, synonymForm{form: f.Form, conf: f.Confidence})
		}
	}
	return out
}

// allBelowMinEquivalent reports whether every equivalent of m, a match in
// text, a chunk of textRunes characters, weighs less than Ranking.MinEquivalent
// (see chunk), so that chunk would keep none of them: a short term inside
// a question. Expanding a term and choosing its senses was a third of a
// JSQuAD question's time, for nearly every term in vain. No equivalent is
// more confident than the most confident entry of m (glossary.Expand: a
// hop takes the least confidence on its way, times a factor below 1), and
// the weight is computed as chunk computes it, so the test is exact.
func (e *Engine) allBelowMinEquivalent(text string, m glossary.Match, textRunes float64) bool {
	conf := 0.0
	for _, en := range m.Entries {
		conf = max(conf, en.Confidence)
	}
	coverage := float64(utf8.RuneCountInString(text[m.Start:m.End])) / textRunes
	return e.rank.Equivalent*conf*coverage*coverage < e.rank.MinEquivalent
}

// withEras adds to the glossary's matches the years found in text
// (2019年 ↔ 令和元年, see glossary.FindEras), in text order. A year that
// the analyzer joins to the next character (1955年頃 is 1955 + 年頃,
// 2019年末 is 2019 + 年末) extends to the end of that word, and its
// renderings take the same tail (昭和30年頃), so that their phrases match
// passages as the analyzer cuts them.
func (e *Engine) withEras(p *plan, matches []glossary.Match, text string) []glossary.Match {
	eras := glossary.FindEras(text)
	if len(eras) == 0 {
		return matches
	}
	toks := p.morph(e, text)
	for i, m := range eras {
		for _, t := range toks {
			if t.Start < m.End && t.End > m.End && t.End <= len(text) {
				// The exact renderings (of each year of a range) take
				// the tail; the less exact ones (2019年度) are left out.
				tail := text[m.End:t.End]
				var entries []glossary.Entry
				for _, en := range m.Entries {
					if en.Confidence < 1 {
						continue
					}
					en.Japanese = slices.Clone(en.Japanese)
					for j := range en.Japanese {
						en.Japanese[j] += tail
					}
					entries = append(entries, en)
				}
				eras[i] = glossary.Match{Start: m.Start, End: t.End, Form: text[m.Start:t.End], Entries: entries}
				break
			}
		}
	}
	// A form inside a year (昭和 and 年 of 昭和44年) is not a term of its
	// own: the year's renderings stand for it.
	matches = slices.DeleteFunc(matches, func(m glossary.Match) bool {
		return slices.ContainsFunc(eras, func(y glossary.Match) bool { return m.Start < y.End && y.Start < m.End })
	})
	matches = append(matches, eras...)
	slices.SortStableFunc(matches, func(a, b glossary.Match) int { return a.Start - b.Start })
	return matches
}

// westernYears returns the Western years of the exact renderings of an
// era match (each entry's first form starts with it: glossary.FindEras).
func westernYears(m glossary.Match) []string {
	var out []string
	for _, en := range m.Entries {
		if en.Confidence < 1 || len(en.Japanese) == 0 {
			continue
		}
		f := en.Japanese[0]
		n := 0
		for n < len(f) && f[n] >= '0' && f[n] <= '9' {
			n++
		}
		if n == 4 && !slices.Contains(out, f[:n]) {
			out = append(out, f[:n])
		}
	}
	return out
}

// isEra reports whether m is a year found by glossary.FindEras.
func isEra(m glossary.Match) bool {
	return len(m.Entries) > 0 && m.Entries[0].Source == glossary.SourceEra
}

// literal matches text as typed: as a phrase, any word (all of them
// score highest), title words and bigrams. A quoted phrase matches only
// as a phrase. The text is analysed once per field and the queries
// are built from its terms.
//
// partial scales the any-word and bigram parts, which match passages that
// share only some of the words. eqs, when not nil, is one more alternative
// of the any-word part (the equivalents of forms found in text); alts are
// other spellings of some words (see transliterate).
func (e *Engine) literal(p *plan, text string, phrase bool, partial float64, eqs bquery.Query, alts alternatives, dates []dateWord) bquery.Query {
	morph := p.morph(e, text)
	bigrams := e.bigram.Analyze([]byte(text))
	if phrase {
		return anyOf(
			labelled(phraseQuery(indexer.FieldText, morph, e.rank.Phrase), "phrase", text),
			labelled(bigramsQuery(e.ix.Bigrams, bigrams, flat(e.rank.Bigram), true), "bigrams", text))
	}
	words := withoutQuestionWords(morph)
	parts := e.literalParts(p, text, partial, eqs, alts, dates)
	// A phrase with a question word in it matches nothing: the passage
	// has the answer in its place. A long one (a sentence, a question)
	// matches almost never, and costs a second lookup of every word with
	// its positions.
	if len(words) == len(morph) && len(morph) <= e.rank.MaxPhraseWords {
		phrase := phraseQuery(indexer.FieldText, morph, e.rank.Phrase)
		if e.rank.Sloppy > 0 && len(morph) > 1 {
			phrase = newSloppyPhrase(indexer.FieldText, morph, e.rank.Phrase, e.rank.Sloppy)
		}
		parts = append(parts, labelled(phrase, "phrase", text))
	}
	return anyOf(parts...)
}

// literalParts returns the features of literal but the phrase: any of
// the words, title words and bigrams.
func (e *Engine) literalParts(p *plan, text string, partial float64, eqs bquery.Query, alts alternatives, dates []dateWord) []bquery.Query {
	toks := p.morph(e, text)
	words := withoutQuestionWords(toks)
	bigrams := e.bigram.Analyze([]byte(text))
	// The words and bigrams of a date give way to the date (dateWord),
	// once for each of them, so that a passage with any rendering of the
	// date has as many of the chunk's words as one with the typed date.
	anyWord := termQueries(indexer.FieldText, outsideDates(words, dates), discount(e.rank.AnyWord*partial, e.titleWords, e.rank.TitleWord))
	for i, q := range anyWord {
		anyWord[i] = alts.add(q)
	}
	if e.rank.TitleInWords > 0 && isSentence(toks) {
		// A question's word in the passage's title counts among the
		// words found (see Ranking.TitleInWords).
		for i, term := range distinctTerms(outsideDates(words, dates)) {
			if e.titleWords[term] {
				anyWord[i] = anyOf(anyWord[i], termQuery(indexer.FieldTitle, term, e.rank.TitleInWords*partial))
			}
		}
	}
	for _, d := range dates {
		for range max(1, len(distinctTerms(insideDate(words, d)))) {
			anyWord = append(anyWord, d.q)
		}
	}
	dateBigrams := make([]int, len(dates))
	for i, d := range dates {
		dateBigrams[i] = len(distinctTerms(insideDate(bigrams, d)))
	}
	bigrams = outsideDates(bigrams, dates)
	if eqs != nil {
		anyWord = append(anyWord, eqs)
	}
	return []bquery.Query{
		labelled(anyOf(anyWord...), "words", text),
		labelled(e.titleQuery(words, alts), "title", text),
		// The bigram analyzer leaves out pairs of two hiragana (のは,
		// です): nearly every passage has them, they were the slowest
		// terms to search and weighed the least. An all-hiragana query
		// has no bigrams and matches through the words.
		labelled(withDates(e.literalBigrams(toks, words, bigrams, partial), len(bigrams) > 0, dates, dateBigrams), "bigrams", text),
	}
}

// dateWord is a date found inside a longer chunk (a year in a question:
// 1948年に制定された法律), at text[start:end], and the query of its
// renderings.
type dateWord struct {
	start, end int
	q          bquery.Query // among the words
	bigrams    bquery.Query // among the bigrams
}

// dateWord returns the queries of a date found inside a longer chunk: the
// date as typed and its renderings as one word of the chunk, a date set
// (synonymQuery.date) of weight word, in place of the typed date's own
// words, and another of weight bigram in place of its bigrams. As the typed words beside an equivalent
// clause weighing Equivalent × coverage², the typed rendering decided the
// ranking, and in a question the renderings weighed under MinEquivalent.
func (e *Engine) dateWord(text string, forms []glossary.Equivalent, word, bigram float64) (*synonymQuery, *synonymQuery) {
	syn := make([]synonymForm, len(forms))
	for i, f := range forms {
		syn[i] = synonymForm{form: f.Form, conf: f.Confidence}
	}
	q := e.synonymSet(text, syn, nil)
	if q == nil {
		return nil, nil
	}
	// The two share their forms and what is read of them (memo).
	q.date, q.memo = true, &synonymMemo{}
	qb := *q
	q.weight, qb.weight = word, bigram
	return q, &qb
}

// withDates returns the bigram clause q (of any bigram; none when
// nonEmpty is false) with the bigram queries of the dates among its
// clauses.
func withDates(q bquery.Query, nonEmpty bool, dates []dateWord, n []int) bquery.Query {
	if len(dates) == 0 {
		return q
	}
	var clauses []bquery.Query
	if aq, ok := q.(*anyQuery); ok {
		clauses = slices.Clone(aq.clauses)
	} else if nonEmpty {
		clauses = []bquery.Query{q}
	}
	for i, d := range dates {
		for range n[i] {
			clauses = append(clauses, d.bigrams)
		}
	}
	return anyOf(clauses...)
}

// insideDate returns the tokens of toks within the date d.
func insideDate(toks analysis.TokenStream, d dateWord) analysis.TokenStream {
	var out analysis.TokenStream
	for _, t := range toks {
		if t.Start < d.end && t.End > d.start {
			out = append(out, t)
		}
	}
	return out
}

// outsideDates returns the tokens of toks outside the dates.
func outsideDates(toks analysis.TokenStream, dates []dateWord) analysis.TokenStream {
	if len(dates) == 0 {
		return toks
	}
	var out analysis.TokenStream
	for _, t := range toks {
		if !slices.ContainsFunc(dates, func(d dateWord) bool { return t.Start < d.end && t.End > d.start }) {
			out = append(out, t)
		}
	}
	return out
}

// literalBigrams is the bigrams feature of a chunk, toks its text
// analyzer's tokens and words the content words among them. In a chunk
// written as a sentence, a bigram of a word that some title has also
// counts as found in a passage whose title has the word (see
// Ranking.TitleInWords).
func (e *Engine) literalBigrams(toks, words, bigrams analysis.TokenStream, partial float64) bquery.Query {
	q := bigramsQuery(e.ix.Bigrams, bigrams, discount(e.rank.Bigram*partial, e.titleBigrams, e.rank.TitleBigram), false)
	aq, ok := q.(*anyQuery)
	if !ok || e.rank.TitleInWords <= 0 || !isSentence(toks) {
		return q
	}
	// The clauses follow the distinct bigrams, in order.
	i := 0
	for j, b := range bigrams {
		if repeated(bigrams[:j], b.Term) {
			continue
		}
		for _, w := range words {
			if w.Start <= b.Start && b.End <= w.End && e.titleWords[string(w.Term)] {
				aq.clauses[i] = anyOf(aq.clauses[i], termQuery(indexer.FieldTitle, string(w.Term), e.rank.TitleInWords*partial))
				break
			}
		}
		i++
	}
	return aq
}

// repeated reports whether term is the term of one of toks.
func repeated(toks analysis.TokenStream, term []byte) bool {
	for _, t := range toks {
		if bytes.Equal(t.Term, term) {
			return true
		}
	}
	return false
}

// oneWord returns the term of text when text is one word of the text
// field.
func (e *Engine) oneWord(p *plan, text string) (string, bool) {
	toks := p.morph(e, strings.TrimSpace(text))
	if len(toks) != 1 {
		return "", false
	}
	return string(toks[0].Term), true
}

// synonymForms returns an equivalent form of confidence conf as forms of
// a synonym set, with its other spellings (see spellings).
func (e *Engine) synonymForms(form string, conf float64) []synonymForm {
	sp := e.spellings(form)
	out := make([]synonymForm, 0, 1+len(sp))
	out = append(out, synonymForm{form: form, conf: conf})
	for _, v := range sp {
		out = append(out, synonymForm{form: v.form, conf: conf * e.spellingFactor(v)})
	}
	return out
}

// questionWords are interrogatives, as the text analyzer gives them (何と
// is one token in 何というか). In a question they stand for the answer,
// so the passage that answers it seldom has them: searched as words, they
// only dilute the question (they lower the coord of every passage, and
// no phrase with one in it holds). いつか is one token in ～はいつか (105
// JSQuAD questions had it as a word to find; without it MRR@10 went from
// 0.9448 to 0.9449, R@1 0.9244 to 0.9246, R@10 0.9811 to 0.9809).
var questionWords = map[string]bool{
	"何": true, "何と": true, "なに": true, "なん": true, "何故": true, "なぜ": true,
	"誰": true, "だれ": true, "どなた": true, "いつ": true, "何時": true,
	"どこ": true, "何処": true, "どの": true, "どれ": true, "どちら": true, "どっち": true,
	"どんな": true, "どう": true, "如何": true, "いかが": true,
	"いくつ": true, "幾つ": true, "いくら": true, "どれくらい": true, "どのくらい": true, "どれほど": true,
	"なにか": true, "何か": true, "何者": true, "なんと": true, "何故か": true, "どういう": true,
	"いかなる": true, "なんで": true, "何で": true, "いつか": true,
}

// withoutQuestionWords returns toks without question words, or toks
// itself when it has nothing else (a query of a single 何 still searches
// it).
func withoutQuestionWords(toks analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(toks))
	for _, t := range toks {
		if !questionWords[string(t.Term)] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return toks
	}
	return out
}

// equivalent matches one glossary equivalent: as a phrase, and as all its
// bigrams, with its other spellings (see spellings).
func (e *Engine) equivalent(form string, boost float64) bquery.Query {
	toks := e.morph.Analyze([]byte(form))
	qs := []bquery.Query{phraseQuery(indexer.FieldText, e.withOkurigana(toks), boost)}
	if !isFragment(form) {
		qs = append(qs, bigramsQuery(e.ix.Bigrams, e.bigram.Analyze([]byte(form)), flat(boost*e.rank.Bigram), true))
	}
	for _, v := range e.spellings(form) {
		if v.word {
			qs = append(qs, termQuery(indexer.FieldText, v.form, boost*e.spellingFactor(v)))
		} else {
			qs = append(qs, phraseQuery(indexer.FieldText, e.morph.Analyze([]byte(v.form)), boost*e.spellingFactor(v)))
		}
	}
	return &featureQuery{q: anyOf(qs...), label: featureLabel{Feature: "equivalent", Form: form}}
}

// isFragment reports whether an equivalent form is so short that its
// bigrams would find it inside unrelated words: one character, or two
// kana. Such a form is searched as a word only. Sudachi gives パケ for
// パッケージ (and for パケット): as bigrams it found every passage on
// packets for a query on packages. The glossary's generator keeps the
// same forms from triggering an expansion (gen-sudachi's isFragment), for
// the same reason.
func isFragment(form string) bool {
	switch utf8.RuneCountInString(form) {
	case 1:
		return true
	case 2:
		for _, r := range form {
			if !unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != 'ー' {
				return false
			}
		}
		return true
	}
	return false
}

// phraseQuery matches the tokens in their order, with their position gaps
// (a dropped particle matches any one word), as MatchPhraseQuery does.
func phraseQuery(field string, toks analysis.TokenStream, boost float64) bquery.Query {
	if len(toks) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	first, last := toks[0].Position, toks[0].Position
	for _, t := range toks {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range toks {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
	}
	q := bquery.NewMultiPhraseQuery(slots, field)
	q.SetBoost(boost)
	return q
}

// termQueries returns a term query for each distinct term of toks, scored
// with boost(term). Bleve applies boosts on leaf queries only.
func termQueries(field string, toks analysis.TokenStream, boost func(term string) float64) []bquery.Query {
	terms := distinctTerms(toks)
	qs := make([]bquery.Query, len(terms))
	for i, term := range terms {
		qs[i] = termQuery(field, term, boost(term))
	}
	return qs
}

// titleQuery matches any of the distinct words of toks in the title
// field. A word that no title has cannot match, but it still counts in
// the coord of the clause (the fraction of the words found); it is
// searched as nothing, without a lookup in the term dictionary.
// A word's alternatives that are title words only (see
// alternative.title) match in their stead.
func (e *Engine) titleQuery(toks analysis.TokenStream, alts alternatives) bquery.Query {
	terms := distinctTerms(toks)
	qs := make([]bquery.Query, len(terms))
	for i, term := range terms {
		if e.titleWords[term] {
			qs[i] = termQuery(indexer.FieldTitle, term, e.rank.Title)
		} else {
			qs[i] = bleve.NewMatchNoneQuery()
		}
		for _, a := range alts[term] {
			if a.title {
				qs[i] = anyOf(qs[i], termQuery(indexer.FieldTitle, a.term, e.rank.Title*a.weight))
			}
		}
	}
	return anyOf(qs...)
}

// distinctTerms returns the terms of toks, each once, in order.
func distinctTerms(toks analysis.TokenStream) []string {
	terms := make([]string, 0, len(toks))
	if len(toks) <= smallDistinct {
		// A short stream is searched through without a map, and a
		// repeated term's string is not made.
	next:
		for _, t := range toks {
			for _, term := range terms {
				if term == string(t.Term) {
					continue next
				}
			}
			terms = append(terms, string(t.Term))
		}
		return terms
	}
	seen := make(map[string]bool, len(toks))
	for _, t := range toks {
		if term := string(t.Term); !seen[term] {
			seen[term] = true
			terms = append(terms, term)
		}
	}
	return terms
}

// smallDistinct is the length up to which distinctTerms compares the
// terms pairwise rather than through a map.
const smallDistinct = 32

// flat weighs every term the same.
func flat(boost float64) func(string) float64 {
	return func(string) float64 { return boost }
}

// discount weighs the terms in set by factor times boost, the others by
// boost.
func discount(boost float64, set map[string]bool, factor float64) func(string) float64 {
	return func(term string) float64 {
		if set[term] {
			return boost * factor
		}
		return boost
	}
}

// equivalents returns the glossary equivalents of the form that m found
// in text, a chunk of the query, at most maxEquivalents, the most
// confident first, and the expansion that records them. They are the
// forms of m's entries and of the entries these lead to
// (glossary.Glossary.Expand), in the senses the index and the rest of
// the query support (chooseSenses).
func (e *Engine) equivalents(p *plan, text string, m glossary.Match) (Expansion, []glossary.Equivalent) {
	form := text[m.Start:m.End]
	x := Expansion{Term: form}
	if isEra(m) {
		return eraEquivalents(x, m)
	}
	forms := e.gloss.Expand(form, m.Entries)
	forms, x.Sense, x.OtherSenses = e.chooseSenses(p, forms, p.context(text, m.Start, m.End))
	if len(forms) > e.rank.MaxEquivalents {
		forms = forms[:e.rank.MaxEquivalents]
	}
	forms = e.withKatakanaLongForms(form, forms) // SSH: Secure Shell, セキュアーシェル
	forms = e.withComposedLongForms(form, forms) // DPL: Debian Project Leader, Debianプロジェクトリーダー
	var sources []string
	for _, eq := range forms {
		if !slices.Contains(sources, eq.Source) {
			sources = append(sources, eq.Source)
		}
		x.Equivalents = append(x.Equivalents, eq.Form)
		x.Forms = append(x.Forms, EquivalentForm{Form: eq.Form, Kind: string(eq.Kind), Source: eq.Source,
			Sense: eq.Sense, Confidence: eq.Confidence, Hops: eq.Hops})
	}
	x.Source = strings.Join(sources, ", ")
	return x, forms
}

// eraEquivalents returns the renderings of a year found in a query (see
// withEras) as its equivalents, each at its entry's confidence. They are
// not a glossary's: nothing is reached from them, and they are all kept
// (a year has up to 20, beyond Ranking.MaxEquivalents), for they are the
// same date written otherwise.
func eraEquivalents(x Expansion, m glossary.Match) (Expansion, []glossary.Equivalent) {
	key := glossary.Normalize(x.Term)
	seen := map[string]bool{}
	var forms []glossary.Equivalent
	for _, en := range m.Entries {
		for _, f := range en.Japanese {
			k := glossary.Normalize(f)
			if k == key || seen[k] {
				continue
			}
			seen[k] = true
			eq := glossary.Equivalent{Form: f, Kind: en.KindOf(f), Source: en.Source, Confidence: en.Confidence}
			forms = append(forms, eq)
			x.Equivalents = append(x.Equivalents, f)
			x.Forms = append(x.Forms, EquivalentForm{Form: f, Kind: string(eq.Kind), Source: eq.Source, Confidence: eq.Confidence})
		}
	}
	x.Source = glossary.SourceEra
	return x, forms
}

// wordEdges returns the condition on the glossary forms found in text, a
// chunk of the query: where a form meets a kanji next to a kanji, or a
// hiragana next to a hiragana, the morphological analysis of text must
// cut there too (宇宙状況監視 in 宇宙状況監視能力, not 国連 in 全国連合会).
// Elsewhere the change of script is the cut (宇宙状況監視の, 衛星システム):
// Latin words are matched on word boundaries already
// (glossary.Glossary.Find), and katakana words are one term whatever
// their length. The text is analysed once, when a form needs it.
func (e *Engine) wordEdges(p *plan, text string) func(start, end int) bool {
	var cuts map[int]bool
	needs := func(i int) bool {
		if i <= 0 || i >= len(text) {
			return false
		}
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i:])
		return unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after) ||
			unicode.Is(unicode.Hiragana, before) && unicode.Is(unicode.Hiragana, after)
	}
	return func(start, end int) bool {
		checkStart, checkEnd := needs(start), needs(end)
		if !checkStart && !checkEnd {
			return true
		}
		if cuts == nil {
			cuts = map[int]bool{}
			for _, t := range p.morph(e, text) {
				cuts[t.Start], cuts[t.End] = true, true
			}
		}
		return (!checkStart || cuts[start]) && (!checkEnd || cuts[end])
	}
}

// markInIndex sets InIndex on the forms of p's expansions (e.occurs).
func (e *Engine) markInIndex(p *plan) {
	for i := range p.expansions {
		fs := p.expansions[i].Forms
		for j := range fs {
			fs[j].InIndex = e.occurs(fs[j].Form)
		}
	}
}

// maxCachedForms is the most forms whose presence an engine keeps
// (Engine.formsIn, see occurs).
const maxCachedForms = 1 << 14

func (p *plan) addExpansion(x Expansion) {
	for _, old := range p.expansions {
		if old.Term == x.Term {
			return
		}
	}
	p.expansions = append(p.expansions, x)
}

// filterQuery translates one filter.
func filterQuery(f query.Filter) (bquery.Query, error) {
	v, err := checkFilter(f.Field, f.Value)
	if err != nil {
		return nil, err
	}
	f.Value = v
	if key, ok := query.MetaKey(f.Field); ok {
		// meta.KEY:VALUE is the value exactly; VALUE* any value that
		// starts with VALUE.
		if prefix, ok := strings.CutSuffix(f.Value, "*"); ok {
			q := bleve.NewPrefixQuery(indexer.MetaTerm(key, prefix))
			q.SetField(indexer.FieldMetaKV)
			return q, nil
		}
		t := bleve.NewTermQuery(indexer.MetaTerm(key, f.Value))
		t.SetField(indexer.FieldMetaKV)
		return t, nil
	}
	switch f.Field {
	case indexer.FieldPage:
		lo, hi, _ := f.Pages()
		min, max := float64(lo), float64(hi)
		yes := true
		q := bleve.NewNumericRangeInclusiveQuery(&min, &max, &yes, &yes)
		q.SetField(indexer.FieldPage)
		return q, nil
	case indexer.FieldSection:
		// A section filter matches the section and the sections under it.
		exact := bleve.NewTermQuery(f.Value)
		exact.SetField(indexer.FieldSection)
		under := bleve.NewPrefixQuery(f.Value + corpus.SectionSeparator)
		under.SetField(indexer.FieldSection)
		return bleve.NewDisjunctionQuery(exact, under), nil
	default:
		t := bleve.NewTermQuery(f.Value)
		t.SetField(f.Field)
		return t, nil
	}
}

// namesTerm reports whether one of matches covers the whole of text, but
// for white space: the text names a term the glossary knows.
func namesTerm(text string, matches []glossary.Match) bool {
	for _, m := range matches {
		if strings.TrimSpace(text[:m.Start]) == "" && strings.TrimSpace(text[m.End:]) == "" {
			return true
		}
	}
	return false
}
