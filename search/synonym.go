package search

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
)

// Synonym sets.
//
// A query that names one term (EU, タイムスタンプ, ラッパー) is searched
// as the term and its equivalents (欧州連合, timestamp, wrapper). Scored
// as separate clauses beside the literal text, an equivalent weighed its
// confidence times a fraction of the literal's features, and a passage
// with only the equivalent (the English word where the query has the
// katakana) ranked below every passage with the typed form, however
// little those said about it. A synonymQuery scores the forms as one
// term, as Lucene's SynonymQuery and BM25F blending do: every form is
// searched as a phrase, its BM25 score is divided by the most its terms
// can score (so that a form of several rare words does not outweigh a
// form of one), times its confidence, and the best form of a passage is
// scored with the idf of the whole set (the passages with any form). A
// passage with the English word then ranks as one with the katakana
// word would, but for the confidence of the equivalence.
//
// The literal text's other features (its words, title words and
// bigrams) add to the passages that have them, without the coord of a
// disjunction: a passage with only an equivalent is not halved for
// missing them.

// synonymForm is one form of a synonym set.
type synonymForm struct {
	form    string
	toks    analysis.TokenStream
	phrase  analysis.TokenStream // toks with their okurigana variants
	bigrams analysis.TokenStream
	conf    float64 // the literal form has 1
}

// synonymQuery matches the passages with any of forms as a phrase, or
// any of extras, and scores them as described above.
type synonymQuery struct {
	forms  []synonymForm
	weight float64 // the set's weight, as a phrase's
	extras []bquery.Query
	// A passage with all the bigrams of a form but not the form as a
	// phrase (the form inside a longer katakana word: プロキシ in
	// プロキシサーバー) counts as having the form, times bigram.
	bigrams *indexer.Bigrams
	bigram  float64
	bigramB float64
	ownIDF  float64 // Ranking.SynonymOwnIDF
	tie     float64 // Ranking.SynonymTie
	// date marks the renderings of one date (2019年, 平成31年, 令和元年:
	// glossary.FindEras), which are the same words written otherwise,
	// not equivalents of a term. Each form is scored with the idf of the
	// set, a passage by its best form alone (a passage writing the year
	// twice, 1969年（昭和44年）, names it once), and the literal text's
	// extras (its words 1969 and 年, its bigrams) score only the
	// passages with no form: added to the passages with the typed form,
	// they ranked every such passage above those with another rendering,
	// and 年 alone added to both.
	date bool
	// memo, shared by the date sets of one date in a chunk (the same
	// forms at other weights, and repeated: see dateWord), keeps their
	// scores per unit of weight and norm once computed on a reader, so
	// that the forms are searched once per search.
	memo *synonymMemo
	// interleave, set on the synonym set that is the whole query,
	// orders its passages so that those writing the term only in
	// another form take every other place (see interleaveForms). A date
	// is interleaved too: the passages writing 2016年 only as 平成28年
	// ranked by their scores below many with 2016年 (22nd), though a
	// reader of the year in one calendar wants those of the other.
	interleave bool
	// titles gives, per extra, whether it matches the titles with
	// another form than the typed one, and which (formScript or
	// formOther), or 0: a passage whose title has another form and whose
	// text has no form is interleaved as one whose text has it (a section
	// titled アンインストール for uninstall, its text speaking of packages).
	titles []int
}

// titleKind is the kind of the passages whose titles have the English
// forms of a synonym set (latin) or its other forms (see
// synonymQuery.titles), the typed form being English or not (typedLatin).
func titleKind(typedLatin, latin bool) int {
	if typedLatin != latin {
		return formScript
	}
	return formOther
}

// synonymMemo holds the scores of a date set without extras per unit of
// weight and query norm, and the most its first form can score, for one
// index reader.
type synonymMemo struct {
	mu     sync.Mutex
	reader index.IndexReader
	hits   []synonymHit
	most0  float64
}

func (m *synonymMemo) get(r index.IndexReader) ([]synonymHit, float64, bool) {
	if m == nil {
		return nil, 0, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits, m.most0, m.reader == r && m.reader != nil
}

func (m *synonymMemo) put(r index.IndexReader, hits []synonymHit, most0 float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reader, m.hits, m.most0 = r, hits, most0
}

// synonymSet returns the query of text with its forms, or nil when there
// is no other form than the text.
func (e *Engine) synonymSet(text string, forms []synonymForm, extras []bquery.Query) *synonymQuery {
	all := []synonymForm{{form: text, toks: e.morph.Analyze([]byte(text)), bigrams: e.bigram.Analyze([]byte(text)), conf: 1}}

	for _, f := range forms {
		if f.conf <= 0 || slices.ContainsFunc(all, func(g synonymForm) bool { return g.form == f.form }) {
			continue
		}
		f.toks = e.morph.Analyze([]byte(f.form))
		if !isFragment(f.form) {
			f.bigrams = e.bigram.Analyze([]byte(f.form))
		}
		if len(f.toks) == 0 {
			continue
		}
		if e.rank.SynonymSame > 0 && f.conf >= e.rank.SynonymSame {
			f.conf = 1 // the same term (Ranking.SynonymSame)
		}
		all = append(all, f)
	}
	if len(all) == 1 || len(all[0].toks) == 0 {
		return nil
	}
	for i := range all {
		all[i].phrase = e.withOkurigana(all[i].toks)
	}
	return &synonymQuery{forms: all, weight: e.rank.Phrase * e.rank.Synonym, extras: extras,
		bigrams: e.ix.Bigrams, bigram: e.rank.SynonymBigram, bigramB: e.rank.BigramB, ownIDF: e.rank.SynonymOwnIDF, tie: e.rank.SynonymTie}
}

func (q *synonymQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	docs, avgLen, err := bm25Metrics(ctx, r, indexer.FieldText)
	if err != nil {
		return nil, err
	}
	s := &synonymSearcher{q: q, docs: docs, avgLen: avgLen, explain: opts.Explain, locations: opts.IncludeTermVectors, norm: 1}
	if !opts.Explain && !opts.IncludeTermVectors && len(q.extras) == 0 && q.memo != nil {
		// The forms are searched on the first read, by the first of the
		// sets sharing the memo; Weight needs only the first form's
		// bound.
		if hits, most0, ok := q.memo.get(r); ok {
			s.memoHits, s.most = hits, []float64{most0}
			return s, nil
		}
		most0, _, err := q.formBound(ctx, r, q.forms[0], docs, avgLen, false)
		if err != nil {
			return nil, err
		}
		s.most = []float64{math.Abs(most0)}
		s.lazy = &lazySearch{ctx: ctx, r: r, m: m, opts: opts}
		return s, nil
	}
	if err := s.build(ctx, r, m, opts); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// formBound returns the most the terms of form f can score, as a phrase
// (the sum of its terms' BM25 scores, each idf² × k1 at most), whether
// every term is in the index, and with keep the postings of its first
// term (for the field lengths of its passages).
func (q *synonymQuery) formBound(ctx context.Context, r index.IndexReader, f synonymForm, docs uint64, avgLen float64, keep bool) (float64, postings, error) {
	var most float64
	var first postings
	all := true
	for k, t := range distinctTerms(f.toks) {
		var df uint64
		var err error
		if k == 0 && keep {
			first, df, err = openPostings(ctx, r, indexer.FieldText, t)
		} else {
			df, err = docFreq(ctx, r, indexer.FieldText, t)
		}
		if err != nil {
			if first != nil {
				first.close()
			}
			return 0, nil, fmt.Errorf("term %q: %w", t, err)
		}
		all = all && df > 0
		x := idf(avgLen, docs, df)
		most += x * x * bsearch.BM25_k1
	}
	if !all && first != nil {
		first.close()
		first = nil
	}
	if !all {
		most = -most // a form that cannot match
	}
	return most, first, nil
}

// termBitmaps holds the passages of the words of the text field read by
// mayHaveAll.
type termBitmaps struct {
	terms []string
	docs  []*roaring.Bitmap
}

// mayHaveAll reports whether a passage may have a word of every
// position of the phrase toks (any of the words at a position): false
// only when none has, read from the segment's bitmaps on an index of one
// segment (a superset of the passages: deleted ones are in); true when
// they cannot be read.
func (tb *termBitmaps) mayHaveAll(ctx context.Context, toks analysis.TokenStream) (bool, error) {
	seg, ok := ctx.Value(segmentKey{}).(*singleSegment)
	if !ok || len(toks) < 2 {
		return true, nil
	}
	var buf [8]*roaring.Bitmap
	at := buf[:0] // per position, the passages with a word of it
	for k, t := range toks {
		if slices.ContainsFunc(toks[:k], func(u *analysis.Token) bool { return u.Position == t.Position }) {
			continue // the position is done
		}
		var docs *roaring.Bitmap
		for _, u := range toks[k:] {
			if u.Position != t.Position {
				continue
			}
			b, ok, err := tb.get(seg, u.Term)
			if err != nil || !ok {
				return true, err
			}
			if docs == nil {
				docs = b
			} else {
				docs = roaring.Or(docs, b)
			}
		}
		if len(at) > 0 && !at[0].Intersects(docs) {
			return false, nil
		}
		at = append(at, docs)
	}
	if len(at) <= 2 {
		return true, nil
	}
	all := roaring.And(at[0], at[1])
	for _, docs := range at[2:] {
		all.And(docs)
		if all.IsEmpty() {
			return false, nil
		}
	}
	return !all.IsEmpty(), nil
}

// get returns the passages with term in the text field of seg, as the
// segment's bitmap has them, and whether it could read them.
func (tb *termBitmaps) get(seg *singleSegment, word []byte) (*roaring.Bitmap, bool, error) {
	for i, t := range tb.terms {
		if t == string(word) {
			return tb.docs[i], tb.docs[i] != nil, nil
		}
	}
	term := string(word)
	pl, err := seg.list(indexer.FieldText, indexer.FieldText+"\x00"+term, term)
	if err != nil {
		return nil, false, err
	}
	var b *roaring.Bitmap
	if or, ok := pl.(interface{ OrInto(*roaring.Bitmap) }); ok {
		b = roaring.New()
		if pl.Count() > 0 {
			or.OrInto(b)
		}
	}
	tb.terms = append(tb.terms, term)
	tb.docs = append(tb.docs, b)
	return b, b != nil, nil
}

// lazySearch holds what a date set's searcher is built with on its first
// read.
type lazySearch struct {
	ctx  context.Context
	r    index.IndexReader
	m    mapping.IndexMapping
	opts bsearch.SearcherOptions
}

// build makes the searchers of the forms and extras. A rendering of a
// date with a term no passage has, or whose words no passage has all
// of, cannot match and is left out (but the literal, whose bound Weight
// uses).
func (s *synonymSearcher) build(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) error {
	q := s.q
	s.most = nil
	var words termBitmaps
	for i, f := range q.forms {
		if i > 0 && q.date {
			// Most renderings of a date (一九〇七年, 1907（明治40）年)
			// are in no passage; a phrase searcher costs a hundred
			// allocations.
			if ok, err := words.mayHaveAll(ctx, f.phrase); err != nil {
				return err
			} else if !ok {
				continue
			}
		}
		most, lengths, err := q.formBound(ctx, r, f, s.docs, s.avgLen, q.date)
		if err != nil {
			return err
		}
		if most < 0 {
			// A term no passage has: a rendering of a date cannot
			// match (another form may, by the okurigana variants of
			// its phrase).
			if i > 0 && q.date {
				continue
			}
			most = -most
		}
		fs, err := phraseSearcher(ctx, r, m, opts, f.query())
		if err != nil {
			if lengths != nil {
				lengths.close()
			}
			return err
		}
		fs.SetQueryNorm(1)
		s.lengths = append(s.lengths, lengths)
		s.slots = append(s.slots, positions(f.phrase))
		s.forms = append(s.forms, fs)
		s.most = append(s.most, most)
		s.conf = append(s.conf, f.conf)
		s.form = append(s.form, i)
	}
	for i, f := range q.forms {
		terms := distinctTerms(f.bigrams)
		// The renderings of a date are words the analyzer cuts alike
		// wherever they are; found as bigrams only, they are inside a
		// longer number or word (昭和30年代, 12019年).
		if q.bigrams == nil || q.bigram <= 0 || len(terms) == 0 || q.date {
			continue
		}
		var most float64
		empty := false
		qs := make([]bquery.Query, len(terms))
		for k, t := range terms {
			bq := &bigramQuery{bigrams: q.bigrams, term: t, boost: 1, b: q.bigramB}
			bm, _, x, err := bq.open(ctx, r)
			if err != nil {
				return fmt.Errorf("bigram %q: %w", t, err)
			}
			empty = empty || bm.IsEmpty()
			most += x * x * bsearch.BM25_k1
			qs[k] = bq
		}
		if empty {
			continue // cannot match
		}
		bs, err := allBigrams(qs).Searcher(ctx, r, m, opts)
		if err != nil {
			return err
		}
		bs.SetQueryNorm(1)
		s.forms = append(s.forms, bs)
		s.most = append(s.most, most)
		s.conf = append(s.conf, f.conf*q.bigram)
		s.form = append(s.form, i)
	}
	if q.interleave && !q.date {
		// The passages whose titles have the typed form count as
		// having it (see readAll).
		ts := &termSets{ctx: ctx, r: r, lists: map[fieldTerm]*termList{}}
		titled, err := titleDocsWithAll(ts, distinctTerms(q.forms[0].toks))
		ts.close()
		if err != nil {
			return err
		}
		s.typedTitle = titled
	}
	for _, x := range q.extras {
		xs, err := x.Searcher(ctx, r, m, opts)
		if err != nil {
			return err
		}
		s.extras = append(s.extras, xs)
	}
	return nil
}

// query returns the query of the form's phrase: a term, a word and its
// variants, or a phrase.
func (f *synonymForm) query() bquery.Query {
	switch terms := distinctTerms(f.phrase); {
	case len(terms) == 1 && len(f.phrase) == 1:
		return termQuery(indexer.FieldText, terms[0], 1) // no positions to read
	case len(f.toks) == 1:
		qs := make([]bquery.Query, len(terms)) // a word and its variants
		for k, t := range terms {
			qs[k] = termQuery(indexer.FieldText, t, 1)
		}
		return bquery.NewDisjunctionQuery(qs)
	default:
		return phraseQuery(indexer.FieldText, f.phrase, 1)
	}
}

// allBigrams returns the query of the passages with all of qs, the
// bigram queries of a form.
func allBigrams(qs []bquery.Query) bquery.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bquery.NewConjunctionQuery(qs)
}

// formQueries returns the queries of the forms as the searcher runs
// them: each form's phrase, then the bigrams of those that have them.
// (Only which passages they match is of use: their scores differ.)
func (q *synonymQuery) formQueries() []bquery.Query {
	var out []bquery.Query
	for i := range q.forms {
		out = append(out, q.forms[i].query())
	}
	for _, f := range q.forms {
		terms := distinctTerms(f.bigrams)
		if q.bigrams == nil || q.bigram <= 0 || len(terms) == 0 {
			continue
		}
		qs := make([]bquery.Query, len(terms))
		for k, t := range terms {
			qs[k] = &bigramQuery{bigrams: q.bigrams, term: t, boost: 1, b: q.bigramB}
		}
		out = append(out, allBigrams(qs))
	}
	return out
}

// synonymSearcher is the searcher of a synonymQuery. It reads its forms
// and extras on the first call to Next or Advance.
type synonymSearcher struct {
	q     *synonymQuery
	forms []bsearch.Searcher // the phrases of the forms, then their bigrams
	most  []float64          // the most each can score
	conf  []float64          // its factor
	form  []int              // its form
	// For a date set (synonymQuery.date), per form: the postings of its
	// first term, read for the field lengths of its passages, and the
	// number of positions of its phrase.
	lengths []postings
	slots   []int
	// memoHits are the scores per unit of a date set read before on
	// the same reader (synonymQuery.memo); reader is set when this
	// searcher is to record them.
	memoHits []synonymHit
	lazy     *lazySearch // the forms are yet to be searched
	scale    float64     // of the scores read

	extras    []bsearch.Searcher
	docs      uint64
	avgLen    float64
	norm      float64
	explain   bool
	locations bool // keep the term locations of the matches (highlighting)

	replayedHits
	// typedTitle, for an interleaved set, are the passages whose titles
	// have the typed form's words: they rank among the typed form's.
	typedTitle *roaring.Bitmap
}

type synonymHit struct {
	doc   uint64
	score float64
	expl  *bsearch.Explanation
	locs  []bsearch.FieldTermLocation
}

func (s *synonymSearcher) Weight() float64 {
	// As the literal text's phrase would: the sum of its terms' squared
	// weights.
	sum := s.q.weight * s.q.weight * s.most[0] / bsearch.BM25_k1
	for _, x := range s.extras {
		sum += x.Weight()
	}
	return sum
}

func (s *synonymSearcher) SetQueryNorm(n float64) {
	s.norm = n
	for _, x := range s.extras {
		x.SetQueryNorm(n)
	}
}

func (s *synonymSearcher) Count() uint64 {
	n := uint64(len(s.memoHits))
	for _, f := range s.forms {
		n += f.Count()
	}
	for _, x := range s.extras {
		n += x.Count()
	}
	return n
}

func (s *synonymSearcher) Min() int { return 0 }

func (s *synonymSearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, f := range s.forms {
		n = max(n, f.DocumentMatchPoolSize()+1)
	}
	for _, x := range s.extras {
		n = max(n, x.DocumentMatchPoolSize()+1)
	}
	return n
}

func (s *synonymSearcher) Size() int {
	n := 64 + cap(s.hits)*24
	for _, f := range s.forms {
		n += f.Size()
	}
	for _, x := range s.extras {
		n += x.Size()
	}
	return n
}

func (s *synonymSearcher) Close() error {
	var first error
	for _, x := range slices.Concat(s.forms, s.extras) {
		if err := x.Close(); err != nil && first == nil {
			first = err
		}
	}
	for _, p := range s.lengths {
		if p != nil {
			if err := p.close(); err != nil && first == nil {
				first = err
			}
		}
	}
	s.lengths = nil
	s.forms, s.extras = nil, nil
	return first
}

// synonymDoc gathers what one passage scores.
type synonymDoc struct {
	forms    []float64 // per form, its best normalised score times its confidence and idf²
	matched  bool
	seen     []bool // the forms found, as a phrase or as bigrams
	extras   float64
	title    int // the kind of another form found in the title (synonymQuery.titles), 0 if none
	extraExp []*bsearch.Explanation
	locs     []bsearch.FieldTermLocation
}

func (s *synonymSearcher) readAll(ctx *bsearch.SearchContext) error {
	s.read = true
	if s.lazy != nil {
		l := s.lazy
		s.lazy = nil
		if hits, _, ok := s.q.memo.get(l.r); ok {
			s.memoHits = hits
		} else {
			if err := s.build(l.ctx, l.r, l.m, l.opts); err != nil {
				return err
			}
			defer func() { s.recordMemo(l.r) }()
		}
	}
	if s.memoHits != nil {
		unit := s.q.weight * bsearch.BM25_k1 * s.norm
		s.hits = make([]synonymHit, len(s.memoHits))
		for i, h := range s.memoHits {
			s.hits[i] = synonymHit{doc: h.doc, score: h.score * unit}
		}
		return nil
	}
	byDoc := map[uint64]*synonymDoc{}
	get := func(doc uint64) *synonymDoc {
		d := byDoc[doc]
		if d == nil {
			d = &synonymDoc{}
			byDoc[doc] = d
		}
		return d
	}
	matched := 0 // passages with a form
	formDocs := make([]uint64, len(s.q.forms))
	type formScore struct {
		doc uint64
		i   int
		v   float64
	}
	var scores []formScore
	for i, f := range s.forms {
		for {
			m, err := f.Next(ctx)
			if err != nil {
				return err
			}
			if m == nil {
				break
			}
			doc := m.IndexInternalID.Value()
			d := get(doc)
			if !d.matched {
				matched++
				d.matched = true
			}
			if s.most[i] > 0 {
				v := m.Score / s.most[i]
				if i < len(s.lengths) && s.lengths[i] != nil && s.slots[i] > 1 {
					if f, ok, err := s.phraseFrequency(doc, m, i); err != nil {
						return err
					} else if ok {
						v = f
					}
				}
				scores = append(scores, formScore{doc: doc, i: i, v: s.conf[i] * v})
			}
			if d.seen == nil {
				d.seen = make([]bool, len(s.q.forms))
			}
			if !d.seen[s.form[i]] {
				d.seen[s.form[i]] = true
				formDocs[s.form[i]]++
			}
			if s.locations {
				d.locs = append(d.locs, m.FieldTermLocations...)
			}
			ctx.DocumentMatchPool.Put(m)
		}
	}
	for k, x := range s.extras {
		title := 0
		if k < len(s.q.titles) {
			title = s.q.titles[k]
		}
		for {
			m, err := x.Next(ctx)
			if err != nil {
				return err
			}
			if m == nil {
				break
			}
			d := get(m.IndexInternalID.Value())
			d.extras += m.Score
			if title != 0 && (d.title == 0 || title < d.title) {
				d.title = title
			}
			if s.explain {
				d.extraExp = append(d.extraExp, m.Expl)
			}
			if s.locations {
				d.locs = append(d.locs, m.FieldTermLocations...)
			}
			ctx.DocumentMatchPool.Put(m)
		}
	}
	// The idf of the set (of the passages with any form) blended with
	// each form's own.
	set := idf(s.avgLen, s.docs, min(uint64(matched), s.docs))
	scale := s.q.weight * bsearch.BM25_k1 * s.norm
	ownIDF, tie := s.q.ownIDF, s.q.tie
	if s.q.date {
		ownIDF, tie = 0, 0
	}
	for _, f := range scores {
		own := idf(s.avgLen, s.docs, min(formDocs[s.form[f.i]], s.docs))
		x := math.Pow(set, 1-ownIDF) * math.Pow(own, ownIDF)
		d := byDoc[f.doc]
		if d.forms == nil {
			d.forms = make([]float64, len(s.q.forms))
		}
		d.forms[s.form[f.i]] = max(d.forms[s.form[f.i]], f.v*x*x*scale)
	}
	s.hits = make([]synonymHit, 0, len(byDoc))
	var other []otherForm // the hits with another form only
	var scripts []int     // the forms in another script than the typed one
	if s.q.interleave {
		for i, f := range s.q.forms {
			if isLatinText(f.form) != isLatinText(s.q.forms[0].form) {
				scripts = append(scripts, i)
			}
		}
	}
	for doc, d := range byDoc {
		// The best form, and a share of the others (the tie breaker of
		// Lucene's DisjunctionMaxQuery).
		best := -1
		var sum float64
		for i, v := range d.forms {
			sum += v
			if v > 0 && (best < 0 || v > d.forms[best]) {
				best = i
			}
		}
		var score float64
		if best >= 0 {
			score = d.forms[best] + tie*(sum-d.forms[best])
		}
		if best < 0 || !s.q.date {
			score += d.extras
		} else {
			d.extras, d.extraExp = 0, nil
		}
		h := synonymHit{doc: doc, score: score, locs: d.locs}
		if s.explain {
			h.expl = s.explanation(d, best, tie)
		}
		typedTitle := s.typedTitle != nil && s.typedTitle.Contains(uint32(doc))
		if s.q.interleave && best > 0 && !d.seen[0] && !typedTitle {
			k := formOther
			if slices.ContainsFunc(scripts, func(i int) bool { return d.seen[i] }) {
				k = formScript
			}
			other = append(other, otherForm{hit: len(s.hits), kind: k})
		} else if s.q.interleave && !s.q.date && best < 0 && d.title != 0 && (d.seen == nil || !d.seen[0]) && !typedTitle {
			// Another form in the title only.
			other = append(other, otherForm{hit: len(s.hits), kind: d.title})
		}
		s.hits = append(s.hits, h)
	}
	if len(other) > 0 {
		interleaveForms(s.hits, other, s.q.forms[0].form)
	}
	slices.SortFunc(s.hits, func(a, b synonymHit) int { return cmp.Compare(a.doc, b.doc) })
	s.scale = scale
	return nil
}

// recordMemo keeps the scores of a date set read on r per unit of weight
// and norm (synonymQuery.memo).
func (s *synonymSearcher) recordMemo(r index.IndexReader) {
	if s.scale <= 0 {
		return
	}
	unit := make([]synonymHit, len(s.hits))
	for i, h := range s.hits {
		unit[i] = synonymHit{doc: h.doc, score: h.score / s.scale}
	}
	s.q.memo.put(r, unit, s.most[0])
}

// phraseFrequency scores the phrase of form i of a date set in a
// passage by its own frequency (the paths the phrase searcher found),
// with BM25's saturation and length normalisation, on the scale of a
// form's score divided by the most its terms can score. A phrase's score
// is its terms' scores, each from the term's frequency anywhere in the
// passage: 明治9年 scored higher in a passage with many 9s, 明治s and 年s
// than 1876年 in a passage with one 1876, though each named the year
// once.
func (s *synonymSearcher) phraseFrequency(doc uint64, m *bsearch.DocumentMatch, i int) (float64, bool, error) {
	paths := uint64(len(m.FieldTermLocations) / s.slots[i])
	if paths == 0 {
		return 0, false, nil
	}
	if pp, ok := s.forms[i].(*phrasePostings); ok {
		// The phrase read from the postings has the passage's length.
		norm, length := pp.fieldLength()
		k1 := bsearch.BM25_k1
		return termScore(paths, norm, length, s.avgLen, 1, k1, bsearch.BM25_b, 1) / maxTermScore(1, k1, 1), true, nil
	}
	d, _, norm, length, ok, err := s.lengths[i].advance(doc)
	if err != nil || !ok || d != doc {
		return 0, false, err
	}
	k1 := bsearch.BM25_k1
	return termScore(paths, norm, length, s.avgLen, 1, k1, bsearch.BM25_b, 1) / maxTermScore(1, k1, 1), true, nil
}

// positions returns the number of distinct positions of toks.
func positions(toks analysis.TokenStream) int {
	seen := map[int]bool{}
	for _, t := range toks {
		seen[t.Position] = true
	}
	return len(seen)
}

// explanation is a passage's explanation: its forms, labelled as the
// phrase (the literal text) or an equivalent, and the extras.
func (s *synonymSearcher) explanation(d *synonymDoc, best int, tie float64) *bsearch.Explanation {
	ex := &bsearch.Explanation{Message: "sum of:"}
	for i, v := range d.forms {
		if v <= 0 {
			continue
		}
		if i != best {
			v *= tie
		}
		if v <= 0 {
			continue
		}
		l := featureLabel{Feature: "phrase", Query: s.q.forms[0].form}
		if i > 0 {
			l = featureLabel{Feature: "equivalent", Form: s.q.forms[i].form}
		}
		msg, _ := json.Marshal(l)
		ex.Children = append(ex.Children, &bsearch.Explanation{Value: v, Message: featurePrefix + string(msg),
			Children: []*bsearch.Explanation{{Value: v, Message: "synonym set"}}})
		ex.Value += v
	}
	ex.Children = append(ex.Children, d.extraExp...)
	ex.Value += d.extras
	return ex
}

func (s *synonymSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.nextMatch(ctx, s.readAll)
}

func (s *synonymSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.advanceMatch(ctx, id, s.readAll)
}

// Interleaving. A term typed in one form (移行) that many passages write
// as typed, and a few in another (transition, at the confidence of one
// gloss of several), had those few below every passage with the typed
// form: the literal form's frequency filled the first page, and a user
// of a bilingual text never saw the passages that write the term in the
// other language. When the synonym set is the whole query, its passages
// are ordered as two lists merged: those with the typed form (or no
// form, only some of its words or bigrams), and those with only another
// form, each in the order of its scores, the second taking at least
// every other place (2nd, 4th, …) and any place its score earns
// before. The scores are those of the passages, handed out again in
// the merged order, so that they still decrease.

// otherForm is a hit with another form than the typed one only, and
// which: formScript, one in another script (the English of a Japanese
// term, the Japanese of an English one), or formOther, only others in
// the typed script (自由民主党 for 自民党, 移動 for 移行).
type otherForm struct {
	hit  int
	kind int
}

const (
	formScript = 1
	formOther  = 2
)

// interleaveForms reorders hits (in any order) by reassigning their
// scores: other are the hits with another form only, and term the typed
// form, which labels the change in an explanation. The places owed to
// the other forms go first to the passages in another script, then to
// the rest; any list's passage takes a place its score earns. The
// passages in another script are owed every other place on their own as
// well: where the typed script's other forms outscore the typed form's
// passages (インタープリタ, a spelling the index has more of than the typed
// インタプリタ), they took the places owed and the English passages
// ranked by their scores, below them all. Passages
// of one list with equal scores move together and keep equal scores, so
// that the search's own order of equal scores decides between them.
func interleaveForms(hits []synonymHit, other []otherForm, term string) {
	kind := make([]int, len(hits))
	for _, o := range other {
		kind[o.hit] = o.kind
	}
	byScore := func(a, b int) int { return cmp.Compare(hits[b].score, hits[a].score) }
	lists := make([][]int, 3) // the typed form, formScript, formOther
	for i := range hits {
		lists[kind[i]] = append(lists[kind[i]], i)
	}
	for _, l := range lists {
		slices.SortFunc(l, byScore)
	}
	scores := make([]float64, len(hits))
	for i, h := range hits {
		scores[i] = h.score
	}
	slices.SortFunc(scores, func(a, b float64) int { return cmp.Compare(b, a) })
	r, taken, script := 0, 0, 0 // places given, to other forms, to another script
	for r < len(hits) {
		// The list with the best score, or the first of the other
		// forms' that has passages when they are owed the place.
		from := -1
		if script < (r+1)/2 && len(lists[formScript]) > 0 {
			from = formScript
		} else if taken < (r+1)/2 {
			for k := formScript; k <= formOther; k++ {
				if len(lists[k]) > 0 {
					from = k
					break
				}
			}
		}
		if from < 0 {
			for k, l := range lists {
				if len(l) > 0 && (from < 0 || byScore(l[0], lists[from][0]) < 0) {
					from = k
				}
			}
		}
		list := lists[from]
		n := 1 // the passages of the list tied with its first
		for n < len(list) && hits[list[n]].score == hits[list[0]].score {
			n++
		}
		for _, i := range list[:n] {
			h := &hits[i]
			if d := scores[r] - h.score; d != 0 && h.expl != nil {
				msg, _ := json.Marshal(featureLabel{Feature: "interleave", Query: term})
				h.expl.Children = append(h.expl.Children, &bsearch.Explanation{Value: d, Message: featurePrefix + string(msg),
					Children: []*bsearch.Explanation{{Value: d, Message: "place among the passages of other forms"}}})
				h.expl.Value += d
			}
			h.score = scores[r]
		}
		if from != 0 {
			taken += n
		}
		if from == formScript {
			script += n
		}
		lists[from] = list[n:]
		r += n
	}
}
