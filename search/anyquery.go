package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
)

// anyQuery matches the documents that match any of its clauses. It
// scores exactly as Bleve scores the same DisjunctionQuery (the sum of
// the clauses' scores times coord, the fraction of the clauses that
// match), but it evaluates clause at a time: each clause is read to its
// end into an array indexed by document, term clauses straight from their
// posting lists, and the matches are then handed out in document order.
// Bleve's disjunction searchers merge their clauses document by document
// through a heap, with a pooled match object per clause and document; a
// question is some twenty to forty terms over three fields in three
// levels of disjunctions, and on JSQuAD that merging took more time than
// reading the postings.
//
// When a search needs what only Bleve's own searchers give (term
// locations for highlighting, explanations, a scoring model other than
// BM25) it runs as the DisjunctionQuery.
type anyQuery struct {
	clauses []bquery.Query
	rank    *Ranking // set by bindRanking
}

// anyOf returns the query matching any of clauses; a single clause is
// returned as it is (its score is the same).
func anyOf(clauses ...bquery.Query) bquery.Query {
	switch {
	case len(clauses) == 0:
		return bleve.NewMatchNoneQuery()
	case len(clauses) == 1:
		return clauses[0]
	}
	return &anyQuery{clauses: clauses}
}

func termQuery(field, term string, boost float64) *bquery.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func (q *anyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	model := ""
	if f, ok := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn); ok {
		model = f()
	}
	if opts.Explain || opts.IncludeTermVectors || opts.Score == "none" || model != index.BM25Scoring {
		return bleve.NewDisjunctionQuery(q.clauses...).Searcher(ctx, r, m, opts)
	}
	ctx = withSegment(ctx, r)
	top, ctx := takeTopK(ctx)
	s := &anySearcher{clauses: make([]anyClause, 0, len(q.clauses)), top: top}
	for _, c := range q.clauses {
		ac, err := newClause(ctx, r, m, opts, c, q.rank)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.clauses = append(s.clauses, ac)
		s.count += ac.count()
	}
	// As Bleve's disjunction does; a query above this one sets its own
	// norm on every clause.
	if w := s.Weight(); w > 0 {
		s.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// Validate checks the clauses, as DisjunctionQuery.Validate does.
func (q *anyQuery) Validate() error {
	for _, c := range q.clauses {
		if v, ok := c.(bquery.ValidatableQuery); ok {
			if err := v.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// anyClause is one clause of an anySearcher: a term, read from its
// posting list, or any other searcher.
type anyClause struct {
	// A term clause.
	term       postings
	df         uint64
	boost, idf float64
	avgLen     float64
	weight     float64 // boost × idf × the query norm
	common     bool    // a common term (see Ranking.CommonFraction)
	k1, b      float64 // BM25's saturation and length normalisation
	// maxFreq is the most times the term is in a passage, 0 if not
	// known (see maxScore).
	maxFreq uint64

	// Any other clause.
	searcher bsearch.Searcher
}

func newClause(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions, q bquery.Query, rank *Ranking) (anyClause, error) {
	q = unlabelled(q)
	if bq, ok := q.(*bigramQuery); ok {
		bm, docs, idf, err := bq.open(ctx, r)
		if err != nil {
			return anyClause{}, fmt.Errorf("bigram %q: %w", bq.term, err)
		}
		df := bm.GetCardinality()
		return anyClause{term: newBitmapPostings(bm, bq.bigrams), df: df, common: rank.isCommon(docs, df),
			boost: bq.boost, idf: idf, avgLen: bq.bigrams.MeanLength(), k1: rank.BigramK1, b: rank.BigramB, maxFreq: 1}, nil
	}
	tq, ok := q.(*bquery.TermQuery)
	if !ok || tq.FieldVal == "" {
		s, err := phraseSearcher(ctx, r, m, opts, q)
		return anyClause{searcher: s}, err
	}
	docs, avgLen, err := bm25Metrics(ctx, r, tq.FieldVal)
	if err != nil {
		return anyClause{}, err
	}
	p, df, err := openPostings(ctx, r, tq.FieldVal, tq.Term)
	if err != nil {
		return anyClause{}, fmt.Errorf("term %q in %s: %w", tq.Term, tq.FieldVal, err)
	}
	k1, b := rank.WordK1, rank.WordB
	if tq.FieldVal == indexer.FieldTitle {
		k1, b = rank.TitleK1, rank.TitleB
	}
	return anyClause{
		term:   p,
		df:     df,
		common: rank.isCommon(docs, df),
		boost:  tq.Boost(),
		idf:    idf(avgLen, docs, df),
		avgLen: avgLen,
		k1:     k1,
		b:      b,
	}, nil
}

func (c *anyClause) count() uint64 {
	if c.term != nil {
		return c.df
	}
	return c.searcher.Count()
}

// bm25Metrics returns the document count and the mean length of field, as
// Bleve's term searcher computes them: from the statistics given with the
// request when there are some, else from the index.
func bm25Metrics(ctx context.Context, r index.IndexReader, field string) (docs uint64, avgLen float64, err error) {
	var card int
	if st, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats); ok {
		docs = uint64(st.DocCount)
		if card, ok = st.FieldCardinality[field]; !ok {
			return 0, 0, fmt.Errorf("no BM25 statistics for field %s", field)
		}
	} else {
		if docs, err = r.DocCount(); err != nil {
			return 0, 0, err
		}
		if br, ok := r.(index.BM25Reader); ok {
			if card, err = br.FieldCardinality(field); err != nil {
				return 0, 0, err
			}
		}
	}
	if docs == 0 {
		return 0, 0, nil
	}
	return docs, math.Ceil(float64(card) / float64(docs)), nil
}

// maxScore is the most termScore can be: BM25's limit, or, where the
// most times the term is in a passage is known (a bigram's lists count
// a passage once), its score in a passage of no length. A bigram's bound
// is then 1/(1+k1·(1-b)) of the limit, half of it with the default
// weights, which spares the pruned search most of its candidates.
// (Every operation of the score is monotonic, so the bound computed is
// at least any score computed.)
func (c *anyClause) maxScore() float64 {
	if c.maxFreq > 0 && c.avgLen > 0 {
		return termScore(c.maxFreq, 0, 0, c.avgLen, c.idf, c.k1, c.b, c.weight)
	}
	return maxTermScore(c.idf, c.k1, c.weight)
}

// termScore is the clause's score of a term in a document (see
// termScore).
func (c *anyClause) termScore(freq uint64, norm, length float64) float64 {
	return termScore(freq, norm, length, c.avgLen, c.idf, c.k1, c.b, c.weight)
}

// anySearcher is the searcher of an anyQuery. It reads every clause on
// the first call to Next or Advance, then hands out the matches in
// document order.
type anySearcher struct {
	clauses []anyClause
	count   uint64
	top     *topK // set when only the top.k best documents are wanted

	read bool
	hits []anyHit // in document order
	next int      // the first hit not yet returned
}

type anyHit struct {
	doc   uint64
	score float64
}

func (s *anySearcher) Weight() float64 {
	var w float64
	for _, c := range s.clauses {
		if c.term != nil {
			x := c.boost * c.idf
			w += x * x
		} else {
			w += c.searcher.Weight()
		}
	}
	return w
}

func (s *anySearcher) SetQueryNorm(n float64) {
	for i := range s.clauses {
		c := &s.clauses[i]
		if c.term != nil {
			c.weight = c.boost * c.idf * n
		} else {
			c.searcher.SetQueryNorm(n)
		}
	}
}

func (s *anySearcher) Count() uint64 { return s.count }
func (s *anySearcher) Min() int      { return 0 }

// DocumentMatchPoolSize counts the matches the clauses hold at once (one
// each, while they are read) and the one handed out.
func (s *anySearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, c := range s.clauses {
		if c.searcher != nil {
			n = max(n, c.searcher.DocumentMatchPoolSize()+1)
		}
	}
	return n
}

func (s *anySearcher) Size() int {
	n := 64 + len(s.clauses)*64 + cap(s.hits)*16
	for _, c := range s.clauses {
		if c.searcher != nil {
			n += c.searcher.Size()
		}
	}
	return n
}

func (s *anySearcher) Close() error {
	var first error
	for _, c := range s.clauses {
		var err error
		switch {
		case c.term != nil:
			err = c.term.close()
		case c.searcher != nil:
			err = c.searcher.Close()
		}
		if err != nil && first == nil {
			first = err
		}
	}
	s.clauses = nil
	if s.hits != nil {
		hitSlices.Put(s.hits[:0])
		s.hits = nil
	}
	return first
}

// hitSlices keeps the hit arrays of closed searchers for the next ones.
var hitSlices = sync.Pool{New: func() any { return []anyHit(nil) }}

// accumulator sums scores per document. The arrays are indexed by
// document number and kept between searches; touched lists the documents
// with a score, so that only those are cleared.
type accumulator struct {
	score   []float64
	matched []uint16
	touched []uint64
}

var accumulators = sync.Pool{New: func() any { return new(accumulator) }}

func (a *accumulator) add(doc uint64, score float64) {
	if doc >= uint64(len(a.score)) {
		n := max(int(doc)+1, 2*len(a.score), 1024)
		a.score = append(a.score, make([]float64, n-len(a.score))...)
		a.matched = append(a.matched, make([]uint16, n-len(a.matched))...)
	}
	if a.matched[doc] == 0 {
		a.touched = append(a.touched, doc)
	}
	a.matched[doc]++
	a.score[doc] += score
}

func (a *accumulator) clear() {
	for _, d := range a.touched {
		a.score[d], a.matched[d] = 0, 0
	}
	a.touched = a.touched[:0]
}

// readAll reads every clause and scores every matching document.
func (s *anySearcher) readAll(ctx *bsearch.SearchContext) error {
	s.read = true
	acc := accumulators.Get().(*accumulator)
	defer func() {
		acc.clear()
		accumulators.Put(acc)
	}()
	var common []*anyClause
	for i := range s.clauses {
		c := &s.clauses[i]
		if c.term != nil && c.common {
			common = append(common, c)
			continue
		}
		if c.term != nil {
			if err := acc.addTerm(c, false); err != nil {
				return err
			}
			continue
		}
		if sub, ok := c.searcher.(*anySearcher); ok {
			// Read a nested anyQuery's hits without a match object each.
			if !sub.read {
				if err := sub.readAll(ctx); err != nil {
					return err
				}
			}
			for _, h := range sub.hits[sub.next:] {
				acc.add(h.doc, h.score)
			}
			sub.next = len(sub.hits)
			continue
		}
		if err := eachMatch(ctx, c.searcher, acc.add); err != nil {
			return err
		}
	}
	if len(common) > 0 {
		// Common terms score the documents the others found; when the
		// others found none, the rarest of them finds the documents.
		if len(acc.touched) == 0 {
			rarest := slices.MinFunc(common, func(a, b *anyClause) int { return cmp.Compare(a.df, b.df) })
			rarest.common = false
			if err := acc.addTerm(rarest, false); err != nil {
				return err
			}
		}
		for _, c := range common {
			if c.common {
				if err := acc.addTerm(c, true); err != nil {
					return err
				}
			}
		}
	}
	s.hits = acc.hits(len(s.clauses), hitSlices.Get().([]anyHit))
	return nil
}

// eachMatch calls f with the document and score of every match of s,
// and returns the matches to the pool.
func eachMatch(ctx *bsearch.SearchContext, s bsearch.Searcher, f func(doc uint64, score float64)) error {
	for {
		m, err := s.Next(ctx)
		if err != nil || m == nil {
			return err
		}
		f(m.IndexInternalID.Value(), m.Score)
		ctx.DocumentMatchPool.Put(m)
	}
}

// addTerm adds the scores of the term clause c, to the documents already
// found only when onlyFound is set.
func (a *accumulator) addTerm(c *anyClause, onlyFound bool) error {
	for {
		doc, freq, norm, length, ok, err := c.term.next()
		if err != nil {
			return fmt.Errorf("reading postings: %w", err)
		}
		if !ok {
			return nil
		}
		if onlyFound && (doc >= uint64(len(a.matched)) || a.matched[doc] == 0) {
			continue
		}
		a.add(doc, c.termScore(freq, norm, length))
	}
}

// hits appends the documents with a score to out, in document order,
// with Bleve's coord applied: the fraction of the n clauses that match.
func (a *accumulator) hits(n int, out []anyHit) []anyHit {
	out = slices.Grow(out, len(a.touched))
	add := func(doc uint64) {
		out = append(out, anyHit{doc: doc, score: coord(a.score[doc], int(a.matched[doc]), float64(n))})
	}
	if len(a.touched) < len(a.score)/32 {
		slices.Sort(a.touched)
		for _, doc := range a.touched {
			add(doc)
		}
		return out
	}
	// Most documents match (a common word, a small index): a pass over
	// the arrays costs less than sorting.
	for doc, m := range a.matched {
		if m > 0 {
			add(uint64(doc))
		}
	}
	return out
}

// readOnce reads the clauses on the first call: the top documents only,
// when that is all the search wants and pruning can run, else all.
func (s *anySearcher) readOnce(ctx *bsearch.SearchContext) error {
	if s.read {
		return nil
	}
	if s.top != nil && s.top.k > 0 {
		t, err := newPruneTree(ctx, s)
		if err != nil {
			return err
		}
		if t != nil {
			s.read = true
			all := t.matches()
			hits := all
			if s.top.hits != nil {
				hits = roaring.And(all, s.top.hits)
			}
			s.top.pruned = true
			s.top.hitCount = hits.GetCardinality()
			s.top.partialCount = all.GetCardinality() - s.top.hitCount
			if fc := s.top.facets; fc != nil {
				fc.addAll(hits)
			}
			s.hits, err = t.run(s.top.k, s.top, hitSlices.Get().([]anyHit))
			return err
		}
	}
	return s.readAll(ctx)
}

func (s *anySearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if err := s.readOnce(ctx); err != nil {
		return nil, err
	}
	if s.next >= len(s.hits) {
		return nil, nil
	}
	h := s.hits[s.next]
	s.next++
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, h.doc)
	dm.Score = h.score
	return dm, nil
}

func (s *anySearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if err := s.readOnce(ctx); err != nil {
		return nil, err
	}
	target := id.Value()
	i, _ := slices.BinarySearchFunc(s.hits[s.next:], target, func(h anyHit, t uint64) int {
		switch {
		case h.doc < t:
			return -1
		case h.doc > t:
			return 1
		}
		return 0
	})
	s.next += i
	return s.Next(ctx)
}
