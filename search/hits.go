package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/textnorm"
)

// Hits and partial matches.
//
// A passage is a hit when it has every content word of a chunk of the
// query (question words and particles aside), or an equivalent of it:
// a glossary equivalent of a term the word is part of, or the katakana
// spelling of an English word. For a chunk written as a sentence or a
// question (see isSentence), a word in the passage's title counts as
// found, as long as one of the words is in its text (Ranking.HitTitle). A chunk of more than
// Ranking.HitAllWords words (a sentence, a question) needs only
// Ranking.HitFraction of its words, rounded up (Elasticsearch's
// minimum_should_match), and with a fraction of 1 not its common terms
// (see Ranking.CommonFraction) unless all are. Every chunk of the query must hold (for OR,
// every chunk of one alternative). Other passages that match the query
// are partial matches: they share some words or bigrams with it. Hits
// rank above partial matches, Result.Total counts hits and
// Result.Partial the others, and facets count hits.
//
// Words are found as the text field's terms (an equivalent of several
// words as all of them), so that the rule is read from the posting
// lists' bitmaps without positions.

// chunkRule is what a passage must have to be a hit for one chunk.
type chunkRule struct {
	// words lists, per content word, its alternatives: each the terms
	// that must all be in a passage.
	words [][][]string
	min   int // words needed
	// title, set with Ranking.HitTitle for a chunk written as a
	// sentence (see isSentence), lets a word be found in the passage's
	// title, as long as one word is found in its text: as one of the
	// title terms of titles (by word).
	title  bool
	titles [][]string
	// common, set for a question (a chunk of more than HitAllWords
	// words that needs them all), says which words are common terms
	// (Ranking.isCommon): they are left out of its rule.
	common func(docs, df uint64) bool
	// titleForms are the equivalents of a chunk that is one term, each
	// as its words: a passage with all the words of one in its title is
	// a hit for the chunk (see titleFormsOf).
	titleForms [][]string
}

// hitRule is an OR of ANDs of chunk rules; a nil hitRule makes every
// match a hit (a query of filters only).
type hitRule [][]chunkRule

// chunkRule returns the rule of a chunk of query text, with xs the
// expansions searched for it.
func (e *Engine) chunkRule(text string, phrase bool, xs []Expansion) chunkRule {
	return e.chunkRuleOf(e.morph.Analyze([]byte(text)), text, phrase, xs)
}

// chunkRuleOf is chunkRule given toks, the text analyzer's tokens of text.
func (e *Engine) chunkRuleOf(toks analysis.TokenStream, text string, phrase bool, xs []Expansion) chunkRule {
	var r chunkRule
	if !phrase {
		r.title = e.rank.HitTitle && isSentence(toks)
		toks = withoutQuestionWords(toks)
	}
	index := make(map[string]int, len(toks))
	var forms [][][]string // per expansion, its equivalents' words
	// The words and their first alternatives (the word itself) are cut
	// from arrays of one allocation each, capped so that an append
	// copies.
	var terms []string
	var alts [][]string
	if len(toks) > 0 {
		terms = make([]string, 0, len(toks))
		alts = make([][]string, 0, len(toks))
		r.words = make([][][]string, 0, len(toks))
		if r.title {
			r.titles = make([][]string, 0, len(toks))
		}
	}
	for k, t := range toks {
		i, ok := index[string(t.Term)]
		var term string
		if ok {
			term = r.words[i][0][0]
		} else {
			term = string(t.Term)
			i = len(r.words)
			index[term] = i
			terms = append(terms, term)
			alts = append(alts, terms[i:i+1:i+1])
			r.words = append(r.words, alts[i:i+1:i+1])
			if r.title {
				r.titles = append(r.titles, nil)
			}
		}
		if r.title {
			// The title may have the word, or the word as part of a
			// compound the analyzer cuts otherwise there (日本共産党
			// gives 共産 党 in a question, 日本 共産党 alone). Only words
			// of some title are looked up.
			for _, c := range [3]string{term, e.titleJoined(toks, k-1), e.titleJoined(toks, k)} {
				if c != "" && e.titleWords[c] && !slices.Contains(r.titles[i], c) {
					r.titles[i] = append(r.titles[i], c)
				}
			}
		}
		for j, x := range xs {
			start := strings.Index(text, x.Term)
			end := start + len(x.Term)
			if start >= 0 && (t.Start >= end || t.End <= start) {
				continue // the term is elsewhere in the chunk
			}
			if forms == nil {
				forms = make([][][]string, len(xs))
			}
			if forms[j] == nil {
				// The equivalents' words, found once for all the
				// words of the chunk the expansion covers.
				forms[j] = make([][]string, 0, len(x.Equivalents))
				for _, form := range x.Equivalents {
					terms := distinctTerms(e.morph.Analyze([]byte(form)))
					forms[j] = append(forms[j], terms)
					if split := e.splitCompounds(terms); split != nil {
						forms[j] = append(forms[j], split) // 自由 民主党: 自由 民主 党
					}
					forms[j] = e.variantTerms(forms[j], form)
				}
			}
			for _, terms := range forms[j] {
				if len(terms) > 0 && !slices.ContainsFunc(r.words[i], func(a []string) bool { return slices.Equal(a, terms) }) {
					r.words[i] = append(r.words[i], terms)
				}
			}
		}
	}
	// A word or an equivalent spelled with other okurigana counts.
	for i, alts := range r.words {
		for _, terms := range alts {
			for _, alt := range e.okuriganaAlternatives(terms) {
				if !slices.ContainsFunc(r.words[i], func(a []string) bool { return slices.Equal(a, alt) }) {
					r.words[i] = append(r.words[i], alt)
				}
			}
		}
	}
	r.min = len(r.words)
	if !phrase && r.min > e.rank.HitAllWords {
		r.min = int(math.Ceil(e.rank.HitFraction * float64(r.min)))
		r.common = e.rank.isCommon
	}
	if !phrase {
		r.titleForms = e.titleFormsOf(text, xs)
	}
	return r
}

// Equivalents in titles. A section may name its subject only in its
// title, its later passages speaking of it without the word (a handbook's
// section titled Windows のエミュレート、Wine, split into five passages; an
// FAQ answer titled 「foo」をアンインストールしたとき…). The search scores an
// equivalent of a chunk that is one term in titles (equivalentTitles,
// formTitles); a passage whose title has one is a hit as well, as a
// passage with it in its text is.

// titleFormsOf returns the words of the equivalents of text that are all
// words of some title, when text is one term that an expansion of xs
// covers whole.
func (e *Engine) titleFormsOf(text string, xs []Expansion) [][]string {
	term := strings.TrimSpace(text)
	var out [][]string
	for _, x := range xs {
		if x.Term != term {
			continue
		}
		for _, form := range x.Equivalents {
			for _, w := range e.containingTitleWords(form) {
				if !slices.ContainsFunc(out, func(a []string) bool { return len(a) == 1 && a[0] == w }) {
					out = append(out, []string{w})
				}
			}
			terms := distinctTerms(e.morph.Analyze([]byte(form)))
			if len(terms) == 0 || !allTitleWords(e.titleWords, terms) ||
				slices.ContainsFunc(out, func(a []string) bool { return slices.Equal(a, terms) }) {
				continue
			}
			out = append(out, terms)
		}
	}
	return out
}

// titleDocs returns the passages with all the words of one of c's
// titleForms in their title, nil when c has none.
func (c chunkRule) titleDocs(ts *termSets) (*roaring.Bitmap, error) {
	if len(c.titleForms) == 0 {
		return nil, nil
	}
	out := roaring.New()
	titleDocs := func(term string) (*roaring.Bitmap, error) { return ts.fieldDocs(indexer.FieldTitle, term) }
	for _, terms := range c.titleForms {
		has, err := docsWithAll(terms, titleDocs)
		if err != nil {
			return nil, err
		}
		if has != nil {
			out.Or(has)
		}
	}
	return out, nil
}

// variantTerms appends to out the words of the other spellings of an
// equivalent form that the search matches as the form itself (see
// spellings): a passage with one of them has the equivalent, so it is a
// hit as much as one with the form as written. A katakana form, and each
// katakana spelling of it, counts as well inside a longer katakana word
// of the index (see containingWords).
func (e *Engine) variantTerms(out [][]string, form string) [][]string {
	out = e.containingTerms(out, form)
	for _, v := range e.spellings(form) {
		if v.word {
			out = append(out, []string{v.form})
			out = e.containingTerms(out, v.form)
			continue
		}
		out = append(out, distinctTerms(e.morph.Analyze([]byte(v.form))))
	}
	return out
}

// containingTerms appends to out each of containingWords(form), as a
// word of its own.
func (e *Engine) containingTerms(out [][]string, form string) [][]string {
	for _, w := range e.containingWords(form) {
		out = append(out, []string{w})
	}
	return out
}

// titleJoined returns the words k and k+1 of toks as one, when they
// stand next to each other in the text, are both of kanji or katakana
// and make a word of some title; "" when not. The compound's string is
// made only when it is such a word.
func (e *Engine) titleJoined(toks analysis.TokenStream, k int) string {
	if k < 0 || k+1 >= len(toks) {
		return ""
	}
	a, b := toks[k], toks[k+1]
	if a.End != b.Start || !joinable(a.Term) || !joinable(b.Term) {
		return ""
	}
	var buf [64]byte
	c := append(append(buf[:0], a.Term...), b.Term...)
	if !e.titleWords[string(c)] {
		return ""
	}
	return string(c)
}

// joinable reports whether a word may be part of a compound (see
// joined): kanji and katakana only.
func joinable(term []byte) bool {
	for _, r := range string(term) {
		if !textnorm.IsKanji(r) && !textnorm.IsKatakanaWord(r) {
			return false
		}
	}
	return len(term) > 0
}

// isSentence reports whether toks, the text analyzer's tokens of a chunk
// of the query, are a sentence or a question rather than keywords: a
// question word, or a particle or an auxiliary between two words (the
// analyzer drops them, but they keep their positions).
func isSentence(toks analysis.TokenStream) bool {
	for i, t := range toks {
		if questionWords[string(t.Term)] || i > 0 && t.Position > toks[i-1].Position+1 {
			return true
		}
	}
	return false
}

// hitDocs returns the passages that are hits by rule, nil when every
// match is one.
func hitDocs(ctx context.Context, r index.IndexReader, rule hitRule) (*roaring.Bitmap, error) {
	if rule == nil {
		return nil, nil
	}
	ts := &termSets{ctx: ctx, r: r, lists: map[fieldTerm]*termList{}}
	defer ts.close()
	out := roaring.New()
	for _, group := range rule {
		var all *roaring.Bitmap // nil: no chunk yet
		for _, c := range group {
			docs, err := c.docs(ts)
			if err != nil {
				return nil, err
			}
			if docs == nil {
				continue // a chunk without words
			}
			if all == nil {
				all = docs
			} else {
				all.And(docs)
			}
		}
		if all == nil {
			return nil, nil // an alternative without words: every match
		}
		out.Or(all)
	}
	return out, nil
}

// termSets reads the passages of the text field's terms for hitDocs,
// each list opened once and read only when needed.
type termSets struct {
	ctx   context.Context
	r     index.IndexReader
	lists map[fieldTerm]*termList
}

type fieldTerm struct{ field, term string }

type termList struct {
	p    postings
	df   uint64
	docs *roaring.Bitmap // once read
}

func (ts *termSets) list(field, term string) (*termList, error) {
	k := fieldTerm{field, term}
	if l, ok := ts.lists[k]; ok {
		return l, nil
	}
	p, df, err := openPostings(ts.ctx, ts.r, field, term)
	if err != nil {
		return nil, fmt.Errorf("term %q: %w", term, err)
	}
	l := &termList{p: p, df: df}
	ts.lists[k] = l
	return l, nil
}

// df returns the number of passages with term in their text.
func (ts *termSets) df(term string) (uint64, error) {
	l, err := ts.list(indexer.FieldText, term)
	if err != nil {
		return 0, err
	}
	return l.df, nil
}

// docs returns the passages with term in their text; the caller must
// not change them.
func (ts *termSets) docs(term string) (*roaring.Bitmap, error) {
	return ts.fieldDocs(indexer.FieldText, term)
}

// fieldDocs returns the passages with term in field; the caller must not
// change them.
func (ts *termSets) fieldDocs(field, term string) (*roaring.Bitmap, error) {
	l, err := ts.list(field, term)
	if err != nil || l.docs != nil {
		return l.docs, err
	}
	// The list's own bitmap (a zap segment's), read only; or a copy.
	if b := listBitmap(l.p); b != nil {
		l.docs = b
		return b, nil
	}
	b := roaring.New()
	if !l.p.orInto(b) {
		for {
			doc, _, _, _, ok, err := l.p.next()
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", term, err)
			}
			if !ok {
				break
			}
			b.Add(uint32(doc))
		}
	}
	l.docs = b
	return b, nil
}

func (ts *termSets) close() {
	for _, l := range ts.lists {
		l.p.close()
	}
}

// docs returns the passages with at least c.min of c's words, nil when c
// has no word.
func (c chunkRule) docs(ts *termSets) (*roaring.Bitmap, error) {
	docs, err := c.textDocs(ts)
	if err != nil || docs == nil {
		return docs, err
	}
	titled, err := c.titleDocs(ts)
	if err != nil || titled == nil {
		return docs, err
	}
	titled.Or(docs)
	return titled, nil
}

// textDocs returns the passages of the rule's words (see docs).
func (c chunkRule) textDocs(ts *termSets) (*roaring.Bitmap, error) {
	if len(c.words) == 0 || c.min <= 0 {
		return nil, nil
	}
	if c.common != nil && c.min >= len(c.words) {
		// A question needs its words but the common ones (する, 年,
		// 日本 in Wikipedia text), which say little about a passage: a
		// passage without する that has every other word of the
		// question is a hit. On JSQuAD, MRR@10 went from 0.9449 to
		// 0.9456 (R@1 0.9246 to 0.9259, R@10 0.9811 to 0.9804); with a
		// fraction of 0.3 or 0.05 for common instead of
		// CommonFraction's 0.1, 0.9448 and 0.9453.
		docs, err := ts.r.DocCount()
		if err != nil {
			return nil, err
		}
		var kept [][][]string
		var keptTitles [][]string
		for i, alts := range c.words {
			if len(alts) == 1 && len(alts[0]) == 1 { // a word without equivalents
				df, err := ts.df(alts[0][0])
				if err != nil {
					return nil, err
				}
				if c.common(docs, df) {
					continue
				}
			}
			kept = append(kept, alts)
			if c.title {
				keptTitles = append(keptTitles, c.titles[i])
			}
		}
		if len(kept) > 0 { // when every word is common, all are needed
			c.words, c.min, c.titles = kept, len(kept), keptTitles
		}
	}
	word := func(i int) (*roaring.Bitmap, error) {
		alts := c.words[i]
		w := roaring.New()
		for _, terms := range alts {
			if len(terms) == 1 {
				// One word: its passages, without a copy.
				b, err := ts.docs(terms[0])
				if err != nil {
					return nil, err
				}
				w.Or(b)
				continue
			}
			has, err := docsWithAll(terms, ts.docs)
			if err != nil {
				return nil, err
			}
			if has != nil {
				w.Or(has)
			}
		}
		if !c.title {
			return w, nil
		}
		for _, term := range c.titles[i] {
			b, err := ts.fieldDocs(indexer.FieldTitle, term)
			if err != nil {
				return nil, err
			}
			w.Or(b)
		}
		return w, nil
	}
	if c.min >= len(c.words) {
		// Every word: an intersection, rarest words first, which most
		// questions empty after a few words, without reading the lists
		// of the common ones.
		bound := make([]uint64, len(c.words)) // at most this many passages have the word
		order := make([]int, len(c.words))
		for i, alts := range c.words {
			order[i] = i
			for _, terms := range alts {
				least := uint64(math.MaxUint64)
				for _, term := range terms {
					df, err := ts.df(term)
					if err != nil {
						return nil, err
					}
					least = min(least, df)
				}
				bound[i] += least
			}
			if c.title {
				for _, term := range c.titles[i] {
					l, err := ts.list(indexer.FieldTitle, term)
					if err != nil {
						return nil, err
					}
					bound[i] += l.df
				}
			}
			if bound[i] == 0 {
				return roaring.New(), nil
			}
		}
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(bound[a], bound[b]) })
		var all *roaring.Bitmap
		for _, i := range order {
			w, err := word(i)
			if err != nil {
				return nil, err
			}
			if all == nil {
				all = w
			} else {
				all.And(w)
			}
			if all.IsEmpty() {
				return all, nil
			}
		}
		if c.title {
			return c.inText(ts, all)
		}
		return all, nil
	}
	// at[k] holds the passages with at least k+1 of the words seen.
	at := make([]*roaring.Bitmap, c.min)
	for i := range at {
		at[i] = roaring.New()
	}
	for i := range c.words {
		w, err := word(i)
		if err != nil {
			return nil, err
		}
		for k := c.min - 1; k >= 1; k-- {
			at[k].Or(roaring.And(at[k-1], w))
		}
		at[0].Or(w)
	}
	if c.title {
		return c.inText(ts, at[c.min-1])
	}
	return at[c.min-1], nil
}

// inText returns the passages of docs with one of c's words in their
// text (with c.title, a hit needs one). It intersects docs, the few
// passages left by the rule, with each word's lists, which the rule has
// read, rather than joining the lists of every word, which grow with the
// corpus (on 48 MB, the union was a fortieth of a question's time).
func (c chunkRule) inText(ts *termSets, docs *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	n := docs.GetCardinality()
	if n == 0 {
		return out, nil
	}
	for _, alts := range c.words {
		for _, terms := range alts {
			var has *roaring.Bitmap
			for _, term := range terms {
				b, err := ts.docs(term)
				if err != nil {
					return nil, err
				}
				if has == nil {
					has = roaring.And(docs, b)
				} else {
					has.And(b)
				}
				if has.IsEmpty() {
					break // (the rule read no further either)
				}
			}
			if has != nil {
				out.Or(has)
			}
			if out.GetCardinality() == n {
				return out, nil
			}
		}
	}
	return out, nil
}

// hitOffset is taken from the score of every partial match during a
// search, so that hits rank above partial matches whatever their scores;
// it is added back in the result. It is far above any score the model
// gives. (Taken from the partial matches, not added to the hits, so that
// the hits' scores keep every bit.)
const hitOffset = 1e4

// finalScore is a passage's score as the search ranks it: its score by
// the query, times the factor of its kind, less hitOffset for a partial
// match.
func (t *topK) finalScore(doc uint64, score float64) float64 {
	if doc < uint64(len(t.kindFactors)) {
		score *= t.kindFactors[doc]
	}
	if !t.isHit(doc) {
		score -= hitOffset
	}
	return score
}

// rawThreshold returns the least score by the query that a passage must
// pass for its final score to pass theta.
func (t *topK) rawThreshold(doc uint64, theta float64) float64 {
	if !t.isHit(doc) {
		theta += hitOffset
	}
	if doc < uint64(len(t.kindFactors)) && t.kindFactors[doc] > 0 {
		theta /= t.kindFactors[doc]
	}
	return theta
}

// isHit reports whether doc is a hit (or every match is one).
func (t *topK) isHit(doc uint64) bool {
	return t.hits == nil || t.hits.Contains(uint32(doc))
}

// rankQuery wraps the query of a search: it finds the hits (see hitDocs)
// and gives every match its final score (see finalScore), counting hits
// and partial matches. A pruned search (see topK) computes final scores
// itself.
type rankQuery struct {
	q    bquery.Query
	rule hitRule
	top  *topK
}

func (q *rankQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	ctx = withSegment(ctx, r)
	hits, err := hitDocs(ctx, r, q.rule)
	if err != nil {
		return nil, fmt.Errorf("finding hits: %w", err)
	}
	q.top.hits = hits
	s, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	top := q.top
	return &observedSearcher{Searcher: s, observe: func(m *bsearch.DocumentMatch) { top.final(m) }}, nil
}

// observedSearcher passes every match its searcher returns to observe
// before its caller sees it.
type observedSearcher struct {
	bsearch.Searcher
	observe func(*bsearch.DocumentMatch)
}

func (s *observedSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	m, err := s.Searcher.Next(ctx)
	s.observe(m)
	return m, err
}

func (s *observedSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	m, err := s.Searcher.Advance(ctx, id)
	s.observe(m)
	return m, err
}

// final gives a match of an unpruned search its final score and counts it
// as a hit or a partial match.
func (top *topK) final(m *bsearch.DocumentMatch) {
	if m == nil || top.pruned {
		return
	}
	doc := m.IndexInternalID.Value()
	m.Score = top.finalScore(doc, m.Score)
	if top.isHit(doc) {
		top.hitCount++
	} else {
		top.partialCount++
	}
}

// splitCompounds returns terms with each word of three kanji or more
// that splits in two words of the index (at the first place from the
// end where both halves are) split, nil when none does. The text
// analyzer cuts a compound by its context: 自由民主党 alone is 自由 民主党,
// but 自由 民主 党 in のちに自由民主党へ入党し, and a passage writing an
// equivalent so was found by its bigrams yet counted as a partial match.
func (e *Engine) splitCompounds(terms []string) []string {
	var out []string
	split := false
	for _, t := range terms {
		if a, b, ok := e.splitCompound(t); ok {
			out = append(out, a, b)
			split = true
		} else {
			out = append(out, t)
		}
	}
	if !split {
		return nil
	}
	return out
}

// splitCompound splits a word of three kanji or more into two words of
// the index (see splitCompounds).
func (e *Engine) splitCompound(t string) (string, string, bool) {
	rs := []rune(t)
	if len(rs) < 3 || slices.ContainsFunc(rs, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		return "", "", false
	}
	for k := len(rs) - 1; k >= 1; k-- {
		a, b := string(rs[:k]), string(rs[k:])
		if ok, err := e.ix.HasTerm(indexer.FieldText, a); err != nil || !ok {
			continue
		}
		if ok, err := e.ix.HasTerm(indexer.FieldText, b); err == nil && ok {
			return a, b, true
		}
	}
	return "", "", false
}

// docsWithAll returns the passages that docs gives for every one of terms,
// a new bitmap (docs' own are not changed), nil when terms is empty.
func docsWithAll(terms []string, docs func(term string) (*roaring.Bitmap, error)) (*roaring.Bitmap, error) {
	var has *roaring.Bitmap
	for _, term := range terms {
		b, err := docs(term)
		if err != nil {
			return nil, err
		}
		if has == nil {
			has = b.Clone()
		} else {
			has.And(b)
		}
		if has.IsEmpty() {
			break
		}
	}
	return has, nil
}
