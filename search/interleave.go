package search

import (
	"cmp"
	"context"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
)

// Interleaving a chunk of several words. A query of one term is a synonym
// set, whose passages with another form only take every other place
// (interleaveForms). A query of several words (Fully Automatic Installer,
// time server, アクセス制御リスト) whose whole text has equivalents from
// elsewhere than one glossary form (the initials FAI, a transliteration
// タイムサーバ, the acronym ACL of its English) was searched as its words
// beside the equivalents, and every passage with the words, however long,
// ranked above the passages with only the equivalent, which a user of a
// bilingual text then did not see (FAI's passages 6th, 8th and 9th). Such a
// query is interleaved as a synonym set is: its passages that are hits
// without having all the typed words (they have an equivalent instead)
// take every other place. A passage whose title has the typed words
// counts as having them (a handbook's section titled Fully Automatic
// Installer (FAI) whose text says FAI), as it does for a synonym set.

// interleaveQuery is q, the query of a whole query that is one chunk of
// several words, with its passages interleaved: those that are hits by
// rule but lack some word of typed (the chunk's rule without equivalents)
// take every other place. term is the chunk, which labels the change in
// an explanation.
type interleaveQuery struct {
	q     bquery.Query
	typed chunkRule
	rule  chunkRule
	// whole is the chunk's rule with the equivalents of the whole chunk
	// alone: the passages it adds to typed's have one (タイムサーバ for
	// time server), and are owed their places before those that are hits
	// by the equivalents of some of its words (time and サーバー).
	whole chunkRule
	term  string
}

func (q *interleaveQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &interleaveSearcher{Searcher: s, q: q, ctx: ctx, r: r}, nil
}

// interleaveSearcher reads all the matches of its searcher on the first
// call to Next or Advance, after the query norm is set, and returns them
// in document order with their scores handed out again.
type interleaveSearcher struct {
	bsearch.Searcher
	q   *interleaveQuery
	ctx context.Context
	r   index.IndexReader
	replayedHits
}

func (s *interleaveSearcher) readAll(sctx *bsearch.SearchContext) error {
	s.read = true
	for {
		m, err := s.Searcher.Next(sctx)
		if err != nil {
			return err
		}
		if m == nil {
			break
		}
		h := synonymHit{doc: m.IndexInternalID.Value(), score: m.Score}
		if len(m.FieldTermLocations) > 0 {
			h.locs = slices.Clone(m.FieldTermLocations)
		}
		if m.Expl != nil {
			// A node of its own, which the interleaving adds to.
			h.expl = &bsearch.Explanation{Value: m.Score, Message: "sum of:", Children: []*bsearch.Explanation{m.Expl}}
		}
		s.hits = append(s.hits, h)
		sctx.DocumentMatchPool.Put(m)
	}
	if len(s.hits) > 1 {
		ts := &termSets{ctx: s.ctx, r: s.r, lists: map[fieldTerm]*termList{}}
		defer ts.close()
		typed, err := s.q.typed.docs(ts)
		if err != nil {
			return err
		}
		hit, err := s.q.rule.docs(ts)
		if err != nil {
			return err
		}
		titled, err := titleDocsWithAll(ts, s.q.typed.terms())
		if err != nil {
			return err
		}
		whole, err := s.q.whole.docs(ts)
		if err != nil {
			return err
		}
		// The hits alone are interleaved: partial matches rank below
		// them whatever their scores (see hitOffset).
		var hits []synonymHit
		var at []int // the place in s.hits of each of hits
		var other []otherForm
		for i, h := range s.hits {
			d := uint32(h.doc)
			if hit == nil || !hit.Contains(d) {
				continue
			}
			if typed != nil && !typed.Contains(d) && (titled == nil || !titled.Contains(d)) {
				k := formOther
				if whole != nil && whole.Contains(d) {
					k = formScript
				}
				other = append(other, otherForm{hit: len(hits), kind: k})
			}
			hits = append(hits, h)
			at = append(at, i)
		}
		if len(other) > 0 {
			interleaveForms(hits, other, s.q.term)
			for k, i := range at {
				s.hits[i] = hits[k]
			}
		}
	}
	slices.SortFunc(s.hits, func(a, b synonymHit) int { return cmp.Compare(a.doc, b.doc) })
	return nil
}

func (s *interleaveSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.nextMatch(ctx, s.readAll)
}

func (s *interleaveSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.advanceMatch(ctx, id, s.readAll)
}

func (s *interleaveSearcher) DocumentMatchPoolSize() int {
	return s.Searcher.DocumentMatchPoolSize() + 1
}

// terms returns the first alternative of each word of c: the words as
// typed.
func (c chunkRule) terms() []string {
	out := make([]string, 0, len(c.words))
	for _, alts := range c.words {
		if len(alts) > 0 && len(alts[0]) == 1 {
			out = append(out, alts[0][0])
		}
	}
	return out
}

// titleDocsWithAll returns the passages whose titles have every one of
// terms, nil when terms is empty.
func titleDocsWithAll(ts *termSets, terms []string) (*roaring.Bitmap, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	return docsWithAll(terms, func(term string) (*roaring.Bitmap, error) { return ts.fieldDocs(indexer.FieldTitle, term) })
}
