package search

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer"
)

// facetTable holds, for each facet field, the value of every passage as
// a number, indexed by Bleve's internal document number, and, for a field
// of few values, the passages of every value as a bitset. It is read once,
// when the engine opens the index (an index never changes once built):
// Bleve's facet builders read the document values of every match at every
// search, and on the 48 MB corpus that doubled the time of a question.
//
// A search that has its matches as a bitmap (a pruned search, see topK)
// counts a value of such a field as the bits its bitset shares with the
// matches' (a word's AND and population count per 64 passages), where
// looking up every match cost a few nanoseconds each: 0.25 ms of a 5 ms
// question on the 48 MB corpus, tens of thousands of matches. The bits of
// a value are spread over the whole index (a build numbers the passages
// of a batch in the order their analysis ends), so Roaring's own
// intersections, of arrays there, cost as much as the lookups did.
type facetTable struct {
	fields []facetColumn
}

type facetColumn struct {
	name   string
	values []string // value number - 1 → value
	docs   []uint32 // document number → value number, 0 for none
	// dense holds, for a field of at most maxDenseValues values, the
	// documents of each value (value number - 1) as a bitset.
	dense [][]uint64
}

// maxDenseValues bounds the values of a field kept as bitsets: each
// takes a bit per passage (12 KB for 95,000 passages).
const maxDenseValues = 64

// denseWordsPerMatch is how many bitset words (an AND and a population
// count each) cost about as much as looking up one match.
const denseWordsPerMatch = 6

// loadFacetTable reads the facet fields' values of every passage from
// their postings (the keyword fields have no doc values since schema
// version 6).
func loadFacetTable(ix *indexer.Index) (*facetTable, error) {
	r, err := ix.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	t := &facetTable{}
	ctx := context.Background()
	for _, f := range indexer.FacetFields {
		c := facetColumn{name: f}
		if err := c.read(ctx, r); err != nil {
			return nil, fmt.Errorf("facet field %s: %w", f, err)
		}
		t.fields = append(t.fields, c)
	}
	for i := range t.fields {
		t.fields[i].makeDense()
	}
	return t, nil
}

// read fills c from the postings of the field's values: a keyword field
// has one value a passage.
func (c *facetColumn) read(ctx context.Context, r index.IndexReader) error {
	d, err := r.FieldDict(c.name)
	if err != nil {
		return err
	}
	defer d.Close()
	for {
		en, err := d.Next()
		if err != nil {
			return err
		}
		if en == nil {
			return nil
		}
		c.values = append(c.values, en.Term)
		n := uint32(len(c.values))
		tfr, err := r.TermFieldReader(ctx, []byte(en.Term), c.name, false, false, false)
		if err != nil {
			return err
		}
		var tfd index.TermFieldDoc
		for {
			m, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return err
			}
			if m == nil {
				break
			}
			doc := m.ID.Value()
			if doc >= uint64(len(c.docs)) {
				c.docs = append(c.docs, make([]uint32, int(doc)+1-len(c.docs))...)
			}
			c.docs[doc] = n
		}
		if err := tfr.Close(); err != nil {
			return err
		}
	}
}

// makeDense sets c.dense when c has few values.
func (c *facetColumn) makeDense() {
	if len(c.values) > maxDenseValues {
		return
	}
	words := (len(c.docs) + 63) / 64
	c.dense = make([][]uint64, len(c.values))
	for n := range c.dense {
		c.dense[n] = make([]uint64, words)
	}
	for doc, n := range c.docs {
		if n > 0 {
			c.dense[n-1][doc/64] |= 1 << (doc % 64)
		}
	}
}

// facetCounts counts the facet values of the matches of one search.
type facetCounts struct {
	table  *facetTable
	counts [][]int // per field, per value number
}

func (t *facetTable) newCounts() *facetCounts {
	fc := &facetCounts{table: t, counts: make([][]int, len(t.fields))}
	for i, c := range t.fields {
		fc.counts[i] = make([]int, len(c.values)+1)
	}
	return fc
}

func (fc *facetCounts) add(doc uint64) {
	for i, c := range fc.table.fields {
		if doc < uint64(len(c.docs)) {
			fc.counts[i][c.docs[doc]]++
		}
	}
}

// addAll counts every document of docs, as add for each would.
func (fc *facetCounts) addAll(docs *roaring.Bitmap) {
	card := docs.GetCardinality()
	var set []uint64 // docs as a bitset, once needed
	var buf []uint32
	for i, c := range fc.table.fields {
		counts := fc.counts[i]
		if words := (len(c.docs) + 63) / 64; c.dense != nil && card*denseWordsPerMatch >= uint64(len(c.values)*words) {
			if set == nil {
				set = make([]uint64, max(docs.DenseSize(), uint64(words)))
				docs.WriteDenseTo(set)
			}
			for n, vset := range c.dense {
				k := 0
				for w, b := range vset {
					k += bits.OnesCount64(b & set[w])
				}
				counts[n+1] += k
			}
			continue
		}
		if buf == nil {
			buf = make([]uint32, 256)
		}
		it := docs.ManyIterator()
		for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
			for _, doc := range buf[:k] {
				if int(doc) < len(c.docs) {
					counts[c.docs[doc]]++
				}
			}
		}
	}
}

// result returns the size most frequent values of each field, the most
// frequent first and, between equals, in the order of their values, as
// Bleve's term facets are.
func (fc *facetCounts) result(size int) map[string][]Facet {
	out := make(map[string][]Facet, len(fc.table.fields))
	for i, c := range fc.table.fields {
		fs := []Facet{}
		for n, count := range fc.counts[i][1:] {
			// An empty value (a passage without a section) is no
			// value a filter could select.
			if count > 0 && c.values[n] != "" {
				fs = append(fs, Facet{Value: c.values[n], Count: count})
			}
		}
		slices.SortFunc(fs, func(a, b Facet) int {
			if a.Count != b.Count {
				return cmp.Compare(b.Count, a.Count)
			}
			return cmp.Compare(a.Value, b.Value)
		})
		if len(fs) > size {
			fs = fs[:size]
		}
		out[c.name] = fs
	}
	return out
}

// countingQuery wraps a query: its searcher counts the facets of every
// hit (see hitDocs) the collector takes from it, unless the search ran pruned (the
// pruned search counts all its matches itself, see topK).
type countingQuery struct {
	q      bquery.Query
	counts *facetCounts
	top    *topK // the search's, if any
}

func (q *countingQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	counts, top := q.counts, q.top
	return &observedSearcher{Searcher: s, observe: func(m *bsearch.DocumentMatch) {
		if m != nil && (top == nil || !top.pruned && top.isHit(m.IndexInternalID.Value())) {
			counts.add(m.IndexInternalID.Value())
		}
	}}, nil
}
