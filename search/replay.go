package search

import (
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// replayedHits are the matches of a searcher that reads them all on the
// first call to Next or Advance (to score them together), handed out
// again in document order. read is set by the searcher's readAll.
type replayedHits struct {
	read bool
	hits []synonymHit // in document order
	next int
}

// nextMatch is a searcher's Next: it reads the hits with readAll on the
// first call, then returns the next one as a match of ctx's pool, nil
// after the last.
func (r *replayedHits) nextMatch(ctx *bsearch.SearchContext, readAll func(*bsearch.SearchContext) error) (*bsearch.DocumentMatch, error) {
	if !r.read {
		if err := readAll(ctx); err != nil {
			return nil, err
		}
	}
	if r.next >= len(r.hits) {
		return nil, nil
	}
	h := r.hits[r.next]
	r.next++
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, h.doc)
	dm.Score = h.score
	dm.Expl = h.expl
	dm.FieldTermLocations = append(dm.FieldTermLocations, h.locs...)
	return dm, nil
}

// advanceMatch is a searcher's Advance: the next hit at id or after it.
func (r *replayedHits) advanceMatch(ctx *bsearch.SearchContext, id index.IndexInternalID, readAll func(*bsearch.SearchContext) error) (*bsearch.DocumentMatch, error) {
	if !r.read {
		if err := readAll(ctx); err != nil {
			return nil, err
		}
	}
	target := id.Value()
	for r.next < len(r.hits) && r.hits[r.next].doc < target {
		r.next++
	}
	return r.nextMatch(ctx, readAll)
}
