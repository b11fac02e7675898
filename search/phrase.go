package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// sloppyPhraseQuery matches the words of a chunk as a phrase, exactly
// (with the position gaps of the query, as phraseQuery) or sloppily: in
// the same order with one position more or less between two words (a
// particle the index dropped but counts: 宇宙状況監視 for 宇宙状況の監視,
// and the other way round). An exact
// match scores as Bleve's phrase query does (the sum of its terms'
// scores); a sloppy one that times factor.
type sloppyPhraseQuery struct {
	field  string
	slots  [][]string // terms by position from the first; empty for a gap
	boost  float64
	factor float64
}

// newSloppyPhrase returns the query of toks as a sloppy phrase.
func newSloppyPhrase(field string, toks analysis.TokenStream, boost, factor float64) *sloppyPhraseQuery {
	first, last := toks[0].Position, toks[0].Position
	for _, t := range toks {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	for _, t := range toks {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
	}
	return &sloppyPhraseQuery{field: field, slots: slots, boost: boost, factor: factor}
}

func (q *sloppyPhraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	inner := opts
	inner.IncludeTermVectors = true
	var subs []bsearch.Searcher
	closeAll := func() {
		for _, s := range subs {
			s.Close()
		}
	}
	for _, slot := range q.slots {
		if len(slot) == 0 {
			continue
		}
		var terms []bsearch.Searcher
		for _, term := range slot {
			s, err := searcher.NewTermSearcher(ctx, r, term, q.field, q.boost, inner)
			if err != nil {
				for _, t := range terms {
					t.Close()
				}
				closeAll()
				return nil, err
			}
			terms = append(terms, s)
		}
		if len(terms) == 1 {
			subs = append(subs, terms[0])
			continue
		}
		d, err := searcher.NewDisjunctionSearcher(ctx, r, terms, 1, inner)
		if err != nil {
			closeAll()
			return nil, err
		}
		subs = append(subs, d)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, subs, inner)
	if err != nil {
		closeAll()
		return nil, err
	}
	return &sloppySearcher{Searcher: conj, q: q, vectors: opts.IncludeTermVectors, explain: opts.Explain}, nil
}

// sloppySearcher filters and scores the matches of the conjunction of a
// sloppyPhraseQuery's terms.
type sloppySearcher struct {
	bsearch.Searcher
	q                *sloppyPhraseQuery
	vectors, explain bool
	pos              [][]uint64 // positions of each slot, reused
}

func (s *sloppySearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		m, err := s.Searcher.Next(ctx)
		if err != nil || m == nil {
			return m, err
		}
		if s.check(m) {
			return m, nil
		}
		ctx.DocumentMatchPool.Put(m)
	}
}

func (s *sloppySearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	m, err := s.Searcher.Advance(ctx, id)
	if err != nil || m == nil {
		return m, err
	}
	if s.check(m) {
		return m, nil
	}
	ctx.DocumentMatchPool.Put(m)
	return s.Next(ctx)
}

// check reports whether m holds the phrase, exactly or sloppily, and
// scores it.
func (s *sloppySearcher) check(m *bsearch.DocumentMatch) bool {
	slots := s.q.slots
	if cap(s.pos) < len(slots) {
		s.pos = make([][]uint64, len(slots))
	}
	s.pos = s.pos[:len(slots)]
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, ftl := range m.FieldTermLocations {
		if ftl.Field != s.q.field {
			continue
		}
		for i, slot := range slots {
			for _, term := range slot {
				if term == ftl.Term {
					s.pos[i] = append(s.pos[i], ftl.Location.Pos)
				}
			}
		}
	}
	if !s.vectors {
		m.FieldTermLocations = m.FieldTermLocations[:0]
	}
	exact, sloppy := false, false
	for _, p := range s.pos[0] {
		switch s.follow(0, p, 0) {
		case 0:
			exact = true
		case 1:
			sloppy = true
		}
		if exact {
			break
		}
	}
	switch {
	case exact:
		return true
	case sloppy:
		m.Score *= s.q.factor
		if s.explain {
			m.Expl = &bsearch.Explanation{Value: m.Score, Message: "product of:", Children: []*bsearch.Explanation{
				m.Expl, {Value: s.q.factor, Message: sloppyMessage}}}
		}
		return true
	}
	return false
}

const sloppyMessage = "sloppy phrase"

// follow returns how the phrase continues from slot i at position p,
// stretched by stretch positions so far: 0 when the rest follows exactly,
// 1 when it follows with one position more or less between some words,
// -1 when it does not follow.
func (s *sloppySearcher) follow(i int, p uint64, stretch int) int {
	j := i + 1
	for j < len(s.pos) && len(s.q.slots[j]) == 0 {
		j++ // a gap of the query
	}
	if j >= len(s.pos) {
		return min(stretch, 1)
	}
	want := p + uint64(j-i)
	best := -1
	for _, q := range s.pos[j] {
		if q <= p || q+1 < want || q > want+1 {
			continue
		}
		st := stretch
		if q != want {
			st = 1
		}
		if r := s.follow(j, q, st); r >= 0 && (best < 0 || r < best) {
			best = r
			if best == 0 {
				return 0
			}
		}
	}
	return best
}

var _ bquery.Query = (*sloppyPhraseQuery)(nil)
