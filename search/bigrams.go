package search

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
)

// bigramQuery matches the passages that have a character bigram, from
// the index's bigram index (indexer.Bigrams). It scores as Bleve's BM25
// scores a term found once in a field as long as the passage's bigram
// sequence: the bigram index keeps no frequencies (on JSQuAD, ranking
// with them gave the same MRR@10 as ranking without).
type bigramQuery struct {
	bigrams *indexer.Bigrams
	term    string
	boost   float64
	k1, b   float64 // BM25's saturation and length normalisation (Ranking.BigramK1, BigramB), set by bindRanking
}

// bigramsQuery matches any (all, when all is set) of the distinct bigrams
// of toks, each scored with boost(term).
func bigramsQuery(b *indexer.Bigrams, toks analysis.TokenStream, boost func(term string) float64, all bool) bquery.Query {
	terms := distinctTerms(toks)
	qs := make([]bquery.Query, len(terms))
	for i, term := range terms {
		qs[i] = &bigramQuery{bigrams: b, term: term, boost: boost(term)}
	}
	if all && len(qs) > 1 {
		return bleve.NewConjunctionQuery(qs...)
	}
	return anyOf(qs...)
}

// open returns the bigram's passages, the number of passages in the
// index and the bigram's idf, as Bleve's BM25 computes it.
func (q *bigramQuery) open(ctx context.Context, r index.IndexReader) (bm *roaring.Bitmap, docs uint64, idf float64, err error) {
	if st, ok := ctx.Value(bsearch.BM25StatsKey).(*bsearch.BM25Stats); ok {
		docs = uint64(st.DocCount)
	} else if docs, err = r.DocCount(); err != nil {
		return nil, 0, 0, err
	}
	// Shared, read only (as the zap lists' bitmaps are).
	if bm, err = q.bigrams.SharedDocs(q.term); err != nil {
		return nil, 0, 0, err
	}
	if bm == nil {
		bm = roaring.New()
	}
	return bm, docs, bm25IDF(docs, bm.GetCardinality()), nil
}

// Searcher returns a Bleve searcher of the bigram's passages, for the
// searches that run on Bleve's own searchers (see anyQuery).
func (q *bigramQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	bm, _, idf, err := q.open(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("bigram %q: %w", q.term, err)
	}
	c := &anyClause{term: newBitmapPostings(bm, q.bigrams), df: bm.GetCardinality(), boost: q.boost, idf: idf,
		avgLen: q.bigrams.MeanLength(), k1: q.k1, b: q.b}
	if c.k1 == 0 { // not bound to a ranking
		c.k1 = bsearch.BM25_k1
	}
	c.weight = q.boost * idf
	s := &bigramSearcher{c: c}
	if opts.Explain {
		s.explain = "bigram " + q.term
	}
	return s, nil
}

// bigramSearcher hands out the passages of a bigram in document order,
// scored as anyQuery scores them.
type bigramSearcher struct {
	c       *anyClause
	explain string // the explanation's message, when explaining
}

func (s *bigramSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.match(ctx, s.c.term.next)
}

func (s *bigramSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.match(ctx, func() (uint64, uint64, float64, float64, bool, error) { return s.c.term.advance(id.Value()) })
}

func (s *bigramSearcher) match(ctx *bsearch.SearchContext, read func() (uint64, uint64, float64, float64, bool, error)) (*bsearch.DocumentMatch, error) {
	doc, freq, norm, length, ok, err := read()
	if err != nil || !ok {
		return nil, err
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, doc)
	dm.Score = s.c.termScore(freq, norm, length)
	if s.explain != "" {
		dm.Expl = &bsearch.Explanation{Value: dm.Score, Message: s.explain}
	}
	return dm, nil
}

func (s *bigramSearcher) Weight() float64 {
	x := s.c.boost * s.c.idf
	return x * x
}

func (s *bigramSearcher) SetQueryNorm(n float64)     { s.c.weight = s.c.boost * s.c.idf * n }
func (s *bigramSearcher) Count() uint64              { return s.c.df }
func (s *bigramSearcher) Min() int                   { return 0 }
func (s *bigramSearcher) Size() int                  { return 64 }
func (s *bigramSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *bigramSearcher) Close() error               { return nil }

// bitmapPostings reads a bigram's passages as a posting list of a term
// found once in each, in a field as long as the passage's bigrams.
type bitmapPostings struct {
	bm      *roaring.Bitmap
	it      roaring.IntPeekable
	bigrams *indexer.Bigrams
}

func newBitmapPostings(bm *roaring.Bitmap, b *indexer.Bigrams) *bitmapPostings {
	return &bitmapPostings{bm: bm, it: bm.Iterator(), bigrams: b}
}

func (p *bitmapPostings) next() (uint64, uint64, float64, float64, bool, error) {
	if !p.it.HasNext() {
		return 0, 0, 0, 0, false, nil
	}
	doc := uint64(p.it.Next())
	// The norm and length as a zap segment gives them (see lengthNorms).
	l := uint64(p.bigrams.Length(doc))
	if l < uint64(len(lengthNorms)) {
		n := &lengthNorms[l]
		return doc, 1, n.norm, n.length, true, nil
	}
	norm := float64(float32(1 / math.Sqrt(float64(l))))
	return doc, 1, norm, 1 / (norm * norm), true, nil
}

func (p *bitmapPostings) advance(target uint64) (uint64, uint64, float64, float64, bool, error) {
	p.it.AdvanceIfNeeded(uint32(target))
	return p.next()
}

func (p *bitmapPostings) bitmap() *roaring.Bitmap { return p.bm }

func (p *bitmapPostings) orInto(b *roaring.Bitmap) bool {
	if b != nil {
		b.Or(p.bm)
	}
	return true
}

func (p *bitmapPostings) close() error { return nil }
