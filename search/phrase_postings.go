package search

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A phrase of an index of one segment is read from the segment's posting
// lists with their positions (phrasePostings), not by Bleve's
// PhraseSearcher: for every passage with all the terms, Bleve's searcher
// gathers each term's locations into maps of new slices and strings
// (DocumentMatch.Complete) before it looks at the positions, and on the
// 48 MB scale corpus that was a tenth of a question's time (日本共産党,
// 1992年: phrases of common words, read in full for the prune tree and
// the date sets). The matches and scores are Bleve's, to the bit: the
// same documents, and the sum of the terms' BM25 scores in the order
// Bleve's conjunction adds them.
//
// Only phrases of one term per position, without fuzziness (kensaku's
// phrases have no automatic fuzziness either, which a MultiPhraseQuery
// does not show), on a search
// that wants neither explanations nor term locations, go this way; any
// other runs Bleve's searcher.

// maxPhrasePostingsTerms is the most terms a phrase read from its
// postings may have: Bleve's conjunction sorts its terms by their
// document counts with sort.Sort, which is a stable insertion sort up to
// twelve elements, and phrasePostings adds the scores in that order.
const maxPhrasePostingsTerms = 12

// phraseSearcher returns the searcher of q: a phrasePostings when q can
// be read from the postings of the index's one segment, else q's own.
func phraseSearcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions, q bquery.Query) (bsearch.Searcher, error) {
	if pq, ok := q.(*bquery.MultiPhraseQuery); ok {
		if s, ok, err := newPhrasePostings(ctx, r, opts, pq); ok || err != nil {
			return s, err
		}
	}
	return q.Searcher(ctx, r, m, opts)
}

// phrasePostings is the searcher of a phrase of single terms on an index
// of one segment.
type phrasePostings struct {
	field  string
	terms  []phraseTerm // in Bleve's conjunction order: the fewest documents first
	avgLen float64
	count  uint64
	// started: the lead term has been read; past: the lead is on the
	// match returned last; done: no match is left.
	started, past, done bool
}

// phraseTerm is one term of a phrasePostings.
type phraseTerm struct {
	term   string
	slot   int // its position in the phrase (0 the first)
	it     segment.PostingsIterator
	df     uint64
	boost  float64
	idf    float64
	weight float64 // boost × idf × the query norm, as Bleve's scorer's queryWeight
	// The current posting: its document, and its score and positions
	// once the document is one of every term.
	doc          uint64
	freq         uint64
	norm, length float64
	pos          []uint64
	x            segment.Posting
}

// newPhrasePostings returns the phrasePostings of q, or false when q or
// the search is of a kind it does not read (see above).
func newPhrasePostings(ctx context.Context, r index.IndexReader, opts bsearch.SearcherOptions, q *bquery.MultiPhraseQuery) (*phrasePostings, bool, error) {
	if opts.Explain || opts.IncludeTermVectors || opts.Score == "none" || q.Fuzziness != 0 ||
		q.FieldVal == "" || len(q.Terms) == 0 || len(q.Terms) > maxPhrasePostingsTerms {
		return nil, false, nil
	}
	for _, slot := range q.Terms {
		if len(slot) != 1 || slot[0] == "" {
			return nil, false, nil
		}
	}
	if f, ok := ctx.Value(bsearch.GetScoringModelCallbackKey).(bsearch.GetScoringModelCallbackFn); !ok || f() != index.BM25Scoring {
		return nil, false, nil
	}
	if ctx.Value(bsearch.FieldTermSynonymMapKey) != nil {
		return nil, false, nil
	}
	ctx = withSegment(ctx, r)
	seg, ok := ctx.Value(segmentKey{}).(*singleSegment)
	if !ok {
		return nil, false, nil
	}
	if d := seg.ss.Deleted(); d != nil && !d.IsEmpty() {
		return nil, false, nil
	}
	docs, avgLen, err := bm25Metrics(ctx, r, q.FieldVal)
	if err != nil {
		return nil, false, err
	}
	if avgLen <= 0 {
		return nil, false, nil
	}
	s := &phrasePostings{field: q.FieldVal, avgLen: avgLen}
	boost := q.Boost()
	for i, slot := range q.Terms {
		pl, err := seg.list(q.FieldVal, q.FieldVal+"\x00"+slot[0], slot[0])
		if err != nil {
			return nil, false, err
		}
		df := pl.Count()
		t := phraseTerm{term: slot[0], slot: i, df: df, boost: boost, idf: idf(avgLen, docs, df)}
		if df == 0 {
			s.done = true
		} else {
			prealloc, _ := postingsIterators.Get().(segment.PostingsIterator)
			t.it = pl.Iterator(true, true, true, prealloc)
		}
		s.terms = append(s.terms, t)
	}
	// Bleve's conjunction orders its searchers by their counts (a stable
	// sort for twelve or fewer).
	slices.SortStableFunc(s.terms, func(a, b phraseTerm) int { return cmp.Compare(a.df, b.df) })
	for _, t := range s.terms {
		s.count += t.df // as Bleve's conjunction counts, the sum
	}
	// As Bleve's PhraseSearcher: the norm of its conjunction's weight,
	// until a query above sets its own.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, true, nil
}

func (s *phrasePostings) Weight() float64 {
	var w float64
	for _, t := range s.terms {
		x := t.boost * t.idf
		w += x * x
	}
	return w
}

func (s *phrasePostings) SetQueryNorm(n float64) {
	for i := range s.terms {
		t := &s.terms[i]
		t.weight = t.boost * t.idf * n
	}
}

func (s *phrasePostings) Count() uint64 { return s.count }
func (s *phrasePostings) Min() int      { return 0 }
func (s *phrasePostings) Size() int     { return 64 + 96*len(s.terms) }
func (s *phrasePostings) DocumentMatchPoolSize() int {
	return len(s.terms) + 2
}
func (s *phrasePostings) Close() error {
	for i := range s.terms {
		if t := &s.terms[i]; t.it != nil {
			postingsIterators.Put(t.it)
			t.it, t.x = nil, nil
		}
	}
	s.done = true
	return nil
}

// move reads term t's next posting (target 0) or its first at or after
// target, with its positions.
func (s *phrasePostings) move(t *phraseTerm, target uint64) (bool, error) {
	var x segment.Posting
	var err error
	if target == 0 {
		x, err = t.it.Next()
	} else {
		x, err = t.it.Advance(target)
	}
	if err != nil || x == nil {
		s.done = true
		return false, err
	}
	t.doc, t.x = x.Number(), x
	return true, nil
}

// load keeps the frequency, length and positions of t's current posting.
func (t *phraseTerm) load() {
	x := t.x
	t.freq = x.Frequency()
	t.norm, t.length = postingLength(x)
	t.pos = t.pos[:0]
	for _, l := range x.Locations() {
		t.pos = append(t.pos, l.Pos())
	}
}

// fieldLength returns the norm and the length of the field of the match
// returned last, as segmentPostings.read gives them.
func (s *phrasePostings) fieldLength() (norm, length float64) {
	t := &s.terms[0]
	return t.norm, t.length
}

// postingLength returns the norm and the field length of posting x, as
// segmentPostings.read gives them: from the table for short fields.
func postingLength(x segment.Posting) (norm, length float64) {
	if zp, ok := x.(interface{ NormUint64() uint64 }); ok {
		if l := zp.NormUint64(); l < uint64(len(lengthNorms)) {
			return lengthNorms[l].norm, lengthNorms[l].length
		}
	}
	norm = x.Norm()
	return norm, 1 / (norm * norm)
}

// score is Bleve's TermQueryScorer's score of t's current posting.
func (s *phrasePostings) score(t *phraseTerm) float64 {
	var tf float64
	if t.freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[t.freq]
	} else {
		tf = math.Sqrt(float64(t.freq))
	}
	k1, b := bsearch.BM25_k1, bsearch.BM25_b
	score := t.idf * (tf * k1) / (tf + k1*(1-b+(b*t.length/s.avgLen)))
	if t.weight != 1.0 {
		score = score * t.weight
	}
	return score
}

// paths counts the places where the phrase's terms follow each other, as
// Bleve's findPhrasePaths finds them with no slop: a position p of the
// first term with the term of slot i at p+i.
func (s *phrasePostings) paths() int {
	var first *phraseTerm
	for i := range s.terms {
		if s.terms[i].slot == 0 {
			first = &s.terms[i]
		}
	}
	n := 0
starts:
	for _, p := range first.pos {
		for i := range s.terms {
			t := &s.terms[i]
			if t.slot == 0 {
				continue
			}
			if _, ok := slices.BinarySearch(t.pos, p+uint64(t.slot)); !ok {
				continue starts
			}
		}
		n++
	}
	return n
}

func (s *phrasePostings) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.find(ctx, 0)
}

func (s *phrasePostings) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.find(ctx, id.Value())
}

// find returns the first match at or after target (0: the next one).
func (s *phrasePostings) find(ctx *bsearch.SearchContext, target uint64) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	lead := &s.terms[0]
	var ok bool
	var err error
	switch {
	case !s.started:
		s.started = true
		ok, err = s.move(lead, target)
	case s.past:
		// The lead is on the match returned last.
		s.past = false
		if target > lead.doc+1 {
			ok, err = s.move(lead, target)
		} else {
			ok, err = s.move(lead, 0)
		}
	case target > lead.doc:
		ok, err = s.move(lead, target)
	default:
		ok = true
	}
	if !ok {
		return nil, err
	}
	for {
		d := lead.doc
		all := true
		for i := 1; i < len(s.terms); i++ {
			t := &s.terms[i]
			if t.x == nil || t.doc < d {
				if ok, err := s.move(t, d); !ok {
					return nil, err
				}
			}
			if t.doc > d {
				if ok, err := s.move(lead, t.doc); !ok {
					return nil, err
				}
				all = false
				break
			}
		}
		if !all {
			continue
		}
		for i := range s.terms {
			s.terms[i].load()
		}
		if n := s.paths(); n > 0 {
			m := ctx.DocumentMatchPool.Get()
			var score float64
			for i := range s.terms {
				score += s.score(&s.terms[i])
			}
			m.Score = score
			m.IndexInternalID = index.NewIndexInternalID(m.IndexInternalID, d)
			m.FieldTermLocations = s.locations(m.FieldTermLocations[:0], n)
			s.past = true
			return m, nil
		}
		if ok, err := s.move(lead, 0); !ok {
			return nil, err
		}
	}
}

// locations returns locs with the terms of the n paths of the current
// document, as Bleve's PhraseSearcher reports them (without offsets: a
// search that wants them does not come here), for the callers that
// count the paths (synonymSearcher.phraseFrequency).
func (s *phrasePostings) locations(locs []bsearch.FieldTermLocation, n int) []bsearch.FieldTermLocation {
	var first *phraseTerm
	for i := range s.terms {
		if s.terms[i].slot == 0 {
			first = &s.terms[i]
		}
	}
	bySlot := make([]string, len(s.terms))
	for _, t := range s.terms {
		bySlot[t.slot] = t.term
	}
starts:
	for _, p := range first.pos {
		for i := range s.terms {
			t := &s.terms[i]
			if _, ok := slices.BinarySearch(t.pos, p+uint64(t.slot)); !ok {
				continue starts
			}
		}
		for k, term := range bySlot {
			locs = append(locs, bsearch.FieldTermLocation{Field: s.field, Term: term, Location: bsearch.Location{Pos: p + uint64(k)}})
		}
	}
	return locs
}
