package search

import (
	"context"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/kensaku/kensaku/indexer"
)

// locator finds the term locations in the text field that Bleve's
// searchers would report for the passages of a page, with
// IncludeLocations, by reading the posting lists of the query's terms at
// those passages only. Bleve's own search for them (the query again,
// restricted to the page's ids) opened every searcher of the query over
// the whole index. A query of a kind the locator does not know is
// reported (ok false), and the caller asks Bleve.
type locator struct {
	ctx  context.Context
	r    index.IndexReader
	docs []uint64 // the page's documents, ascending
	// read holds, by field and term joined by a zero byte, the term's
	// positions in each document of the page that has it.
	read    map[string]map[uint64][]uint64
	bigrams map[string]*roaring.Bitmap // the passages of each bigram read
	// forms holds the form queries of each synonym query met, made once
	// for the page's passages.
	forms   map[*synonymQuery][]bquery.Query
	unknown bool // a query of a kind the locator does not evaluate
}

// locationless reports whether q reports no locations when it matches: a
// bigram, or the conjunction of a form's bigrams. The locator matches such
// queries only when their match decides another's.
func locationless(q bquery.Query) bool {
	switch q := q.(type) {
	case *bigramQuery:
		return true
	case *bquery.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if _, ok := c.(*bigramQuery); !ok {
				return false
			}
		}
		return len(q.Conjuncts) > 0
	}
	return false
}

// termPos is a term of the text field at a position.
type termPos struct {
	term string
	pos  uint64
}

// positions returns the positions of term in field in doc: nil if the
// document does not have the term, empty if the field keeps no positions.
func (l *locator) positions(field, term string, doc uint64) ([]uint64, error) {
	key := field + "\x00" + term
	byDoc, ok := l.read[key]
	if !ok {
		var err error
		if byDoc, err = l.readTerm(field, term); err != nil {
			return nil, err
		}
		l.read[key] = byDoc
	}
	return byDoc[doc], nil
}

// readTerm reads the positions of term in field in the page's documents.
func (l *locator) readTerm(field, term string) (map[uint64][]uint64, error) {
	if seg, ok := l.ctx.Value(segmentKey{}).(*singleSegment); ok {
		return l.readSegment(seg, field, term)
	}
	tfr, err := l.r.TermFieldReader(l.ctx, []byte(term), field, true, false, true)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var byDoc map[uint64][]uint64
	if tfr.Count() == 0 {
		return byDoc, nil
	}
	var tfd index.TermFieldDoc
	var cur uint64
	have := false // tfd holds document cur
	for _, doc := range l.docs {
		if !have || cur < doc {
			m, err := tfr.Advance(index.NewIndexInternalID(nil, doc), tfd.Reset())
			if err != nil {
				return nil, err
			}
			if m == nil {
				break
			}
			cur, have = m.ID.Value(), true
		}
		if cur != doc {
			continue
		}
		pos := make([]uint64, len(tfd.Vectors))
		for i, v := range tfd.Vectors {
			pos[i] = v.Pos
		}
		if byDoc == nil {
			byDoc = map[uint64][]uint64{}
		}
		byDoc[doc] = pos
	}
	return byDoc, nil
}

// readSegment reads the positions of term in field in the page's
// documents from the index's only segment, skipping to each document's
// chunk of the posting list as segmentPostings.advance does (a zap
// iterator would decode every document it passes in between).
func (l *locator) readSegment(seg *singleSegment, field, term string) (map[uint64][]uint64, error) {
	pl, err := seg.list(field, field+"\x00"+term, term)
	if err != nil {
		return nil, err
	}
	var byDoc map[uint64][]uint64
	if pl.Count() == 0 {
		return byDoc, nil
	}
	it := pl.Iterator(true, false, true, nil)
	var chunk uint64
	if deleted := seg.ss.Deleted(); deleted == nil || deleted.IsEmpty() {
		chunk = indexer.PostingsChunk(seg.ss.Segment(), pl.Count())
	}
	var x segment.Posting
	for _, doc := range l.docs {
		if x == nil || x.Number() < doc {
			if chunk > 0 {
				indexer.SkipToChunk(it, doc/chunk*chunk)
			}
			if x, err = it.Advance(doc); err != nil {
				return nil, err
			}
			if x == nil {
				break
			}
		}
		if x.Number() != doc {
			continue
		}
		locs := x.Locations()
		pos := make([]uint64, len(locs))
		for i, loc := range locs {
			pos[i] = loc.Pos()
		}
		if byDoc == nil {
			byDoc = map[uint64][]uint64{}
		}
		byDoc[doc] = pos
	}
	return byDoc, nil
}

// match reports whether q matches doc as Bleve's searcher of q does, and
// appends to locs the text field's locations the searcher reports.
func (l *locator) match(q bquery.Query, doc uint64, locs []termPos) (bool, []termPos, error) {
	switch q := q.(type) {
	case *featureQuery:
		return l.match(q.q, doc, locs)
	case *interleaveQuery:
		return l.match(q.q, doc, locs)
	case *bquery.MatchAllQuery:
		return true, locs, nil
	case *bquery.MatchNoneQuery:
		return false, locs, nil
	case *bquery.TermQuery:
		if q.FieldVal == "" {
			break
		}
		pos, err := l.positions(q.FieldVal, q.Term, doc)
		if err != nil || pos == nil {
			return false, locs, err
		}
		if q.FieldVal == indexer.FieldText {
			for _, p := range pos {
				locs = append(locs, termPos{q.Term, p})
			}
		}
		return true, locs, nil
	case *bigramQuery:
		bm, ok := l.bigrams[q.term]
		if !ok {
			var err error
			if bm, err = q.bigrams.Docs(q.term); err != nil {
				return false, locs, err
			}
			l.bigrams[q.term] = bm
		}
		return bm != nil && doc <= uint64(^uint32(0)) && bm.Contains(uint32(doc)), locs, nil
	case *anyQuery:
		return l.any(q.clauses, 1, doc, locs)
	case *bquery.DisjunctionQuery:
		if len(q.Disjuncts) == 0 {
			break // Bleve's searcher of none is MatchNone, which a boolean query drops
		}
		return l.any(q.Disjuncts, max(int(q.Min), 1), doc, locs)
	case *bquery.ConjunctionQuery:
		if len(q.Conjuncts) == 0 {
			break
		}
		return l.all(q.Conjuncts, doc, locs)
	case *bquery.BooleanQuery:
		return l.boolean(q, doc, locs)
	case *bquery.MultiPhraseQuery:
		return l.phrase(q, doc, locs)
	case *sloppyPhraseQuery:
		return l.sloppy(q, doc, locs)
	case *synonymQuery:
		return l.synonym(q, doc, locs)
	}
	l.unknown = true
	return false, locs, nil
}

// any matches when at least min of qs match, with their locations.
// Bigram clauses (see locationless) are matched last and only while fewer
// than min clauses have matched: a bigram's passages are read whole
// (indexer.Bigrams.Docs), and a page's hits mostly match words.
func (l *locator) any(qs []bquery.Query, min int, doc uint64, locs []termPos) (bool, []termPos, error) {
	n, start, bigrams := 0, len(locs), 0
	for _, c := range qs {
		if locationless(c) {
			bigrams++
			continue
		}
		ok, more, err := l.match(c, doc, locs)
		if err != nil {
			return false, locs, err
		}
		if ok {
			n++
			locs = more
		}
	}
	for _, c := range qs {
		if n >= min || bigrams == 0 {
			break
		}
		if !locationless(c) {
			continue
		}
		bigrams--
		if ok, _, err := l.match(c, doc, locs); err != nil {
			return false, locs, err
		} else if ok {
			n++
		}
	}
	if n < min {
		return false, locs[:start], nil
	}
	return true, locs, nil
}

// all matches when every one of qs matches, with their locations.
func (l *locator) all(qs []bquery.Query, doc uint64, locs []termPos) (bool, []termPos, error) {
	start := len(locs)
	for _, c := range qs {
		ok, more, err := l.match(c, doc, locs)
		if err != nil || !ok {
			return false, locs[:start], err
		}
		locs = more
	}
	return true, locs, nil
}

// isMatchNone reports whether Bleve's searcher of q is its MatchNone
// searcher, which a boolean query leaves out rather than requires.
func isMatchNone(q bquery.Query) bool {
	switch q := q.(type) {
	case *bquery.MatchNoneQuery:
		return true
	case *bquery.DisjunctionQuery:
		return len(q.Disjuncts) == 0
	case *bquery.ConjunctionQuery:
		return len(q.Conjuncts) == 0
	}
	return false
}

// boolean evaluates q as Bleve's BooleanSearcher does: the must clause
// required, the should clause required when there is no must clause or
// its minimum is above zero, else optional, and no match of must_not.
func (l *locator) boolean(q *bquery.BooleanQuery, doc uint64, locs []termPos) (bool, []termPos, error) {
	if q.Filter != nil || isMatchNone(q.Must) || isMatchNone(q.Should) || isMatchNone(q.MustNot) {
		l.unknown = true
		return false, locs, nil
	}
	if q.MustNot != nil {
		ok, _, err := l.match(q.MustNot, doc, nil)
		if err != nil || ok {
			return false, locs, err
		}
	}
	start := len(locs)
	if q.Must != nil {
		ok, more, err := l.match(q.Must, doc, locs)
		if err != nil || !ok {
			return false, locs[:start], err
		}
		locs = more
	}
	if q.Should != nil {
		ok, more, err := l.match(q.Should, doc, locs)
		if err != nil {
			return false, locs[:start], err
		}
		required := q.Must == nil
		if d, isDis := q.Should.(*bquery.DisjunctionQuery); isDis && d.Min > 0 {
			required = true
		}
		if !isDisjunctionLike(q.Should) && q.Must != nil {
			// another searcher's minimum is not known here
			l.unknown = true
		}
		switch {
		case ok:
			locs = more
		case required:
			return false, locs[:start], nil
		}
	}
	return true, locs, nil
}

// isDisjunctionLike reports whether Bleve's searcher of q reports a
// minimum of zero or its DisjunctionQuery's Min.
func isDisjunctionLike(q bquery.Query) bool {
	_, ok := q.(*bquery.DisjunctionQuery)
	return ok
}

// phrase evaluates a phrase as Bleve's PhraseSearcher does without slop:
// the document matches where a term of every slot (an empty slot is any
// one word) follows the first slot's term, and the locations are those of
// the terms on such paths.
func (l *locator) phrase(q *bquery.MultiPhraseQuery, doc uint64, locs []termPos) (bool, []termPos, error) {
	if q.Fuzziness != 0 || q.FieldVal == "" || len(q.Terms) == 0 || len(q.Terms[0]) == 0 {
		l.unknown = true
		return false, locs, nil
	}
	pos := make([][][]uint64, len(q.Terms))
	for i, slot := range q.Terms {
		pos[i] = make([][]uint64, len(slot))
		any := len(slot) == 0
		for k, t := range slot {
			if t == "" {
				l.unknown = true
				return false, locs, nil
			}
			p, err := l.positions(q.FieldVal, t, doc)
			if err != nil {
				return false, locs, err
			}
			pos[i][k] = p
			any = any || p != nil
		}
		if !any {
			return false, locs, nil
		}
	}
	matched := false
	seen := map[termPos]bool{}
	for k := range q.Terms[0] {
	starts:
		for _, p := range pos[0][k] {
			for i := 1; i < len(q.Terms); i++ {
				if len(q.Terms[i]) > 0 && !slices.ContainsFunc(pos[i], func(ps []uint64) bool { return slices.Contains(ps, p+uint64(i)) }) {
					continue starts
				}
			}
			matched = true
			if q.FieldVal != indexer.FieldText {
				continue
			}
			for i, slot := range q.Terms {
				for k, t := range slot {
					tp := termPos{t, p + uint64(i)}
					if slices.Contains(pos[i][k], tp.pos) && !seen[tp] {
						seen[tp] = true
						locs = append(locs, tp)
					}
				}
			}
		}
	}
	return matched, locs, nil
}

// sloppy evaluates a sloppyPhraseQuery as its searcher does: the
// conjunction of its slots, checked for the phrase; the locations are
// all those of the slots' terms.
func (l *locator) sloppy(q *sloppyPhraseQuery, doc uint64, locs []termPos) (bool, []termPos, error) {
	s := &sloppySearcher{q: q, pos: make([][]uint64, len(q.slots))}
	start := len(locs)
	for i, slot := range q.slots {
		if len(slot) == 0 {
			continue
		}
		found := false
		for _, t := range slot {
			p, err := l.positions(q.field, t, doc)
			if err != nil {
				return false, locs[:start], err
			}
			if p == nil {
				continue
			}
			found = true
			s.pos[i] = append(s.pos[i], p...)
			if q.field == indexer.FieldText {
				for _, x := range p {
					locs = append(locs, termPos{t, x})
				}
			}
		}
		if !found {
			return false, locs[:start], nil
		}
	}
	for _, p := range s.pos[0] {
		if s.follow(0, p, 0) >= 0 {
			return true, locs, nil
		}
	}
	return false, locs[:start], nil
}

// synonym evaluates a synonymQuery as its searcher does: it matches when
// any form's query or any extra matches, with their locations.
func (l *locator) synonym(q *synonymQuery, doc uint64, locs []termPos) (bool, []termPos, error) {
	fqs, ok := l.forms[q]
	if !ok {
		fqs = q.formQueries()
		if l.forms == nil {
			l.forms = map[*synonymQuery][]bquery.Query{}
		}
		l.forms[q] = fqs
	}
	// The forms' bigrams (see locationless) are matched only when
	// nothing else did.
	matched, bigrams := false, false
	for _, fq := range fqs {
		if locationless(fq) {
			bigrams = true
			continue
		}
		ok, more, err := l.match(fq, doc, locs)
		if err != nil {
			return false, locs, err
		}
		if ok {
			matched, locs = true, more
		}
	}
	for _, x := range q.extras {
		ok, more, err := l.match(x, doc, locs)
		if err != nil {
			return false, locs, err
		}
		if ok {
			matched, locs = true, more
		}
	}
	for _, fq := range fqs {
		if matched || !bigrams {
			break
		}
		if !locationless(fq) {
			continue
		}
		ok, _, err := l.match(fq, doc, locs)
		if err != nil {
			return false, locs, err
		}
		matched = ok
	}
	return matched, locs, nil
}

// hitLocations returns, for each of hits that q matches, a match carrying
// the text field's term locations Bleve's searchers would report (each
// term's positions, ascending and distinct, as DocumentMatch.Complete
// leaves them); ok is false when q holds a query the locator cannot
// evaluate.
func (e *Engine) hitLocations(ctx context.Context, q bquery.Query, hits bsearch.DocumentMatchCollection) (out []*bsearch.DocumentMatch, ok bool, err error) {
	r, err := e.ix.Reader()
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	l := &locator{ctx: withSegment(ctx, r), r: r, read: map[string]map[uint64][]uint64{}, bigrams: map[string]*roaring.Bitmap{}}
	for _, h := range hits {
		l.docs = append(l.docs, h.IndexInternalID.Value())
	}
	slices.Sort(l.docs)
	var locs []termPos
	for _, h := range hits {
		doc := h.IndexInternalID.Value()
		var matched bool
		matched, locs, err = l.match(q, doc, locs[:0])
		if err != nil {
			return nil, false, err
		}
		if l.unknown {
			return nil, false, nil
		}
		if !matched {
			continue
		}
		m := &bsearch.DocumentMatch{ID: h.ID, IndexInternalID: h.IndexInternalID}
		if len(locs) > 0 {
			slices.SortFunc(locs, func(a, b termPos) int {
				if a.term != b.term {
					if a.term < b.term {
						return -1
					}
					return 1
				}
				return int(a.pos) - int(b.pos)
			})
			locs = slices.Compact(locs)
			tlm := bsearch.TermLocationMap{}
			all := make([]bsearch.Location, len(locs))
			for i, tp := range locs {
				all[i].Pos = tp.pos
				tlm[tp.term] = append(tlm[tp.term], &all[i])
			}
			m.Locations = bsearch.FieldTermLocationMap{indexer.FieldText: tlm}
		}
		out = append(out, m)
	}
	return out, true, nil
}
