package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Top-k evaluation with MaxScore pruning.
//
// A search that wants only the k best passages, without facets, need not
// score every passage that shares a word with the question. The
// outermost anyQuery of such a search (see topK) evaluates document at a
// time over all its posting lists at once, keeping the k best scores seen
// so far; their lowest is the threshold. Every posting list has an upper
// bound on what it can add to a score (BM25's limit for the term, or the
// best score of a phrase), and the query tree gives a bound for a
// document that matches only some lists (the sum of their bounds, times
// the coord such a document would get). The longest lists (the common
// words), as many as together cannot pass the threshold, are
// non-essential (Turtle and Flood's MaxScore): only documents of the
// other lists are candidates. A candidate is looked up in the
// non-essential lists' bitmaps, shortest list first, until its bound
// falls to the threshold; only the lists of a candidate
// that may pass it are read, to its posting (skipping whole chunks of
// the zap list, see segmentPostings.advance). When there are at least k
// hits (see hitDocs), the k best are hits, for a hit ranks above every
// partial match: the candidates are then the hits that an essential list
// has, and the essential lists skip to them.
//
// The scores are those of the exhaustive evaluation (readAll), to the
// bit: the same terms are added in the same order. Bleve's collector
// ranks equal scores in the order the documents come, and they come in
// document order; every document that can enter the k best is handed
// out, so the collector picks the same k. The total is exact too: it is
// the number of documents in the union of the posting lists that make a
// document match, taken from the segment's bitmaps without reading the
// lists.
//
// Pruning needs posting lists with bitmaps (an index of one segment, what
// a build leaves) and BM25 with field lengths; anything else runs
// exhaustively. It pays more per document than readAll and gains on
// large indexes only (see pruneMinPassages).

// topK asks the outermost anyQuery of a search for its k best documents.
// The search sets total and pruned when it ran pruned.
type topK struct {
	k      int
	facets *facetCounts // to count for every hit, if set
	pruned bool
	// hits are the hits (nil: every match), kindFactors the factors of
	// the passages' kinds (nil: all 1); see finalScore.
	hits        *roaring.Bitmap
	kindFactors []float64
	// ords are the passages' ordinals by document number, which rank
	// equal scores (see ordinalSort).
	ords []uint32
	// The hits and partial matches counted.
	hitCount, partialCount uint64
}

type topKKey struct{}

// withTopK returns ctx asking the search's outermost anyQuery for t.k
// documents.
func withTopK(ctx context.Context, t *topK) context.Context {
	return context.WithValue(ctx, topKKey{}, t)
}

// takeTopK returns the topK of ctx, if any, and ctx without it, for the
// clauses below the outermost anyQuery.
func takeTopK(ctx context.Context) (*topK, context.Context) {
	t, _ := ctx.Value(topKKey{}).(*topK)
	if t == nil {
		return nil, ctx
	}
	return t, context.WithValue(ctx, topKKey{}, (*topK)(nil))
}

// pruneTree is an anySearcher's clause tree flattened for document-at-a-
// time evaluation: nodes are the anySearchers (node 0 the outermost, a
// child after its parent), leaves their term clauses and the matches of
// their other clauses.
type pruneTree struct {
	nodes  []pnode
	leaves []pleaf
	// order lists the leaves, the longest first; order[:nonEssential]
	// are the non-essential ones.
	order        []int
	nonEssential int
	// What score changed since the baseline.
	changed, touched []int // leaves, nodes
	pending          []int // nodes to evaluate again
}

type pnode struct {
	parent int     // -1 for the outermost node
	n      float64 // clauses, for coord
	items  []pitem // the non-common clauses in order, then the common ones
	// empty: no document can match the node.
	empty bool
	// The node's value for the document being evaluated, and for the
	// baseline: a document with no essential leaf.
	val, baseVal         float64
	matched, baseMatched bool
	// touched: changed since the baseline; pending: to evaluate again
	// (see setLeaf).
	touched, pending bool
}

// pitem is a clause of a node: a leaf or a node.
type pitem struct {
	leaf, node int // one of them is -1
	common     bool
}

// pleaf is a posting list, or the matches of a clause that is not a term,
// read in document order.
type pleaf struct {
	term *anyClause      // a term clause
	bits *roaring.Bitmap // its documents, once needed
	hits []anyHit        // or the matches of another clause
	pos  int             // in hits
	// The current document and, for a term, its posting.
	doc          uint64
	done         bool
	freq         uint64
	norm, length float64
	bound        float64 // the most the leaf adds to a document's score
	nonEssential bool
	parent       int // the node of the clause
	// What the leaf is taken to add to the document being evaluated.
	state leafState
	val   float64
}

// leafState says whether a leaf adds to the document being evaluated.
type leafState uint8

const (
	absent  leafState = iota // not on the document
	present                  // on it, adding val, its score
	maybe                    // not known: it may add val, its bound
)

// newPruneTree flattens s, reading the clauses that are not terms. It
// returns nil when s cannot run pruned.
func newPruneTree(ctx *bsearch.SearchContext, s *anySearcher) (*pruneTree, error) {
	if !prunable(s) {
		return nil, nil
	}
	t := &pruneTree{}
	if err := t.addNode(ctx, s, -1); err != nil {
		return nil, err
	}
	t.order = make([]int, len(t.leaves))
	for i := range t.order {
		t.order[i] = i
	}
	// The longest lists first: any order is correct, and making the
	// longest lists non-essential spares the most reading. Against the
	// ascending bounds of the textbook, on 200 questions over 96 MB this
	// halved the candidates (1.55 → 0.80 million) and the bound
	// evaluations (11.1 → 4.8 million).
	slices.SortStableFunc(t.order, func(a, b int) int { return cmp.Compare(t.leaves[b].size(), t.leaves[a].size()) })
	for i := range t.leaves {
		if err := t.leaves[i].next(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// prunable reports whether every term clause of s and of the anySearchers
// below it can be bounded and counted.
func prunable(s *anySearcher) bool {
	for i := range s.clauses {
		c := &s.clauses[i]
		if c.term != nil && (c.avgLen <= 0 || c.weight < 0 || !c.term.orInto(nil)) {
			return false
		}
		if sub, ok := c.searcher.(*anySearcher); ok && !prunable(sub) {
			return false
		}
	}
	return true
}

// addNode adds s and its clauses, reading the clauses that are not terms
// (their scores are their bounds).
func (t *pruneTree) addNode(ctx *bsearch.SearchContext, s *anySearcher, parent int) error {
	ni := len(t.nodes)
	t.nodes = append(t.nodes, pnode{parent: parent, n: float64(len(s.clauses))})
	var items, commons []pitem
	nonEmpty := false
	for i := range s.clauses {
		c := &s.clauses[i]
		switch sub, nested := c.searcher.(*anySearcher); {
		case c.term != nil:
			t.leaves = append(t.leaves, pleaf{term: c, bound: c.maxScore(), parent: ni})
			it := pitem{leaf: len(t.leaves) - 1, node: -1, common: c.common}
			if c.common {
				commons = append(commons, it)
				continue
			}
			items = append(items, it)
			nonEmpty = nonEmpty || c.df > 0
		case nested:
			ci := len(t.nodes)
			if err := t.addNode(ctx, sub, ni); err != nil {
				return err
			}
			items = append(items, pitem{leaf: -1, node: ci})
			nonEmpty = nonEmpty || !t.nodes[ci].empty
		default:
			l := pleaf{parent: ni}
			err := eachMatch(ctx, c.searcher, func(doc uint64, score float64) {
				l.hits = append(l.hits, anyHit{doc: doc, score: score})
				l.bound = max(l.bound, score)
			})
			if err != nil {
				return err
			}
			t.leaves = append(t.leaves, l)
			items = append(items, pitem{leaf: len(t.leaves) - 1, node: -1})
			nonEmpty = nonEmpty || len(l.hits) > 0
		}
	}
	if !nonEmpty && len(commons) > 0 {
		// As readAll: when no other clause can match, the rarest common
		// term finds the documents.
		r := 0
		for i, it := range commons {
			if t.leaves[it.leaf].term.df < t.leaves[commons[r].leaf].term.df {
				r = i
			}
		}
		rarest := commons[r]
		rarest.common = false
		items = append(items, rarest)
		commons = slices.Delete(commons, r, r+1)
		nonEmpty = true
	}
	t.nodes[ni].items = append(items, commons...)
	t.nodes[ni].empty = !nonEmpty
	return nil
}

// size is the number of documents of the leaf.
func (l *pleaf) size() uint64 {
	if l.term != nil {
		return l.term.df
	}
	return uint64(len(l.hits))
}

func (l *pleaf) next() error {
	if l.term == nil {
		if l.pos < len(l.hits) {
			l.doc = l.hits[l.pos].doc
			l.pos++
		} else {
			l.done = true
		}
		return nil
	}
	doc, freq, norm, length, ok, err := l.term.term.next()
	return l.set(doc, freq, norm, length, ok, err)
}

// advance moves the leaf to its first document at or after target.
func (l *pleaf) advance(target uint64) error {
	if l.term == nil {
		i, _ := slices.BinarySearchFunc(l.hits[l.pos:], target, func(h anyHit, t uint64) int { return cmp.Compare(h.doc, t) })
		l.pos += i
		return l.next()
	}
	doc, freq, norm, length, ok, err := l.term.term.advance(target)
	return l.set(doc, freq, norm, length, ok, err)
}

func (l *pleaf) set(doc, freq uint64, norm, length float64, ok bool, err error) error {
	if err != nil {
		return fmt.Errorf("reading postings: %w", err)
	}
	l.doc, l.freq, l.norm, l.length, l.done = doc, freq, norm, length, !ok
	return nil
}

// score is the leaf's score for its current document.
func (l *pleaf) score() float64 {
	if l.term == nil {
		return l.hits[l.pos-1].score
	}
	return l.term.termScore(l.freq, l.norm, l.length)
}

// evalNode computes the value of node i from its clauses, as readAll
// computes a document's score: the values of the clauses that match, in
// the same order, times the fraction of the clauses that match. Common
// terms count only where another clause matches.
func (t *pruneTree) evalNode(i int) {
	nd := &t.nodes[i]
	var sum float64
	m := 0
	found := false
	for _, it := range nd.items {
		if it.common && !found {
			break // the common terms come last
		}
		var v float64
		ok := false
		if it.leaf >= 0 {
			if l := &t.leaves[it.leaf]; l.state != absent {
				v, ok = l.val, true
			}
		} else if ch := &t.nodes[it.node]; ch.matched {
			v, ok = ch.val, true
		}
		if ok {
			sum += v
			m++
			found = found || !it.common
		}
	}
	nd.matched = m > 0
	nd.val = 0
	if nd.matched {
		nd.val = coord(sum, m, nd.n)
	}
}

// evalAll evaluates every node, children first, and returns the value of
// the outermost one and whether it matches. With every leaf present or
// absent, this is the document's score; with some maybe, a bound on it
// (a sum of larger values, times a larger coord).
func (t *pruneTree) evalAll() (float64, bool) {
	for i := len(t.nodes) - 1; i >= 0; i-- {
		t.evalNode(i)
	}
	return t.nodes[0].val, t.nodes[0].matched
}

// grow makes leaves non-essential, in order, while a document matching
// only non-essential leaves scores less than theta. It
// leaves the nodes valued for such a document, the baseline score
// starts from.
func (t *pruneTree) grow(theta float64) {
	for j, li := range t.order {
		l := &t.leaves[li]
		l.state, l.val = absent, 0
		if j < t.nonEssential {
			l.state, l.val = maybe, l.bound
		}
	}
	for t.nonEssential < len(t.order) {
		l := &t.leaves[t.order[t.nonEssential]]
		l.state, l.val = maybe, l.bound
		if b, m := t.evalAll(); m && b >= theta-thetaSlack(theta) {
			l.state, l.val = absent, 0
			break
		}
		l.nonEssential = true
		t.nonEssential++
	}
	t.evalAll()
	for i := range t.nodes {
		nd := &t.nodes[i]
		nd.baseVal, nd.baseMatched = nd.val, nd.matched
	}
}

// run appends to out, in document order, every document that may be
// among the k best. The collector ranks equal scores by the passages'
// ordinals (see ordinalSort), so once it has k documents, a later one
// must score more than the lowest of them (theta), or as much with a
// lower ordinal, to enter; the documents left out score less than theta,
// or as much with a higher ordinal. (A document that only the
// non-essential leaves find must score less than theta: its ordinal is
// not known before it is found.)
//
// The scores are final (topK.finalScore): hits rank above partial
// matches, and a passage's kind scales its score. Until there are k
// hits, every hit is a candidate (a hit may be found by non-essential
// leaves only) and the leaves are split for the partial matches, whose
// final score is their score less hitOffset (at most); once there are
// k, only hits can enter, and the leaves are split for their scores.
func (t *pruneTree) run(k int, top *topK, out []anyHit) ([]anyHit, error) {
	best := make([]ranked, 0, k) // a heap of the k best, the lowest first
	theta := math.Inf(-1)        // the lowest score of them once there are k
	var thetaOrd uint32          // its ordinal
	t.grow(theta)                // no leaf is non-essential yet
	var hits roaring.IntPeekable
	// onlyHits: there are k hits, and the k best are hits (a partial
	// match ranks below every hit), so the candidates are the hits that
	// an essential leaf finds, not every document of the essential
	// leaves.
	onlyHits := false
	if top.hits != nil {
		hits = top.hits.Iterator()
		onlyHits = top.hits.GetCardinality() >= uint64(k)
	}
	for {
		d, any := uint64(0), false
		for _, li := range t.order[t.nonEssential:] {
			if l := &t.leaves[li]; !l.done && (!any || l.doc < d) {
				d, any = l.doc, true
			}
		}
		if onlyHits {
			var err error
			if d, any, err = t.nextHit(hits, d, any); err != nil {
				return nil, err
			}
		} else if hits != nil && theta < 0 && hits.HasNext() {
			if h := uint64(hits.PeekNext()); !any || h < d {
				d, any = h, true
			}
		}
		if !any {
			return out, nil
		}
		ord := top.ordinal(d)
		raw, ok, err := t.score(d, top.rawThreshold(d, theta), len(best) < k || ord < thetaOrd)
		t.restore()
		if err != nil {
			return nil, err
		}
		r := ranked{top.finalScore(d, raw), ord}
		if ok && (len(best) < k || best[0].below(r)) {
			out = append(out, anyHit{doc: d, score: r.score})
			if len(best) < k {
				best = append(best, r)
				siftUp(best, len(best)-1)
			} else {
				best[0] = r
				siftDown(best, 0)
			}
			if len(best) == k {
				thetaOrd = best[0].ord
			}
			if len(best) == k && best[0].score > theta {
				theta = best[0].score
				if theta >= 0 {
					t.grow(theta)
				} else {
					t.grow(theta + hitOffset)
				}
			}
		}
		if hits != nil && hits.HasNext() && uint64(hits.PeekNext()) <= d {
			hits.AdvanceIfNeeded(uint32(d + 1))
		}
		for _, li := range t.order[t.nonEssential:] {
			if l := &t.leaves[li]; !l.done && l.doc == d {
				if err := l.next(); err != nil {
					return nil, err
				}
			}
		}
	}
}

// nextHit returns the first hit at or after d, the first document of
// the essential leaves (any: there is one), that an essential leaf is
// on, moving the hits and the essential leaves to it; any is false when
// there is none. The leaves skip the documents that are not hits
// (reading only the chunks of their lists that have hits).
func (t *pruneTree) nextHit(hits roaring.IntPeekable, d uint64, any bool) (uint64, bool, error) {
	for any {
		hits.AdvanceIfNeeded(uint32(d))
		if !hits.HasNext() {
			return 0, false, nil
		}
		h := uint64(hits.PeekNext())
		if h == d {
			return d, true, nil
		}
		d, any = 0, false
		for _, li := range t.order[t.nonEssential:] {
			l := &t.leaves[li]
			if !l.done && l.doc < h {
				if err := l.advance(h); err != nil {
					return 0, false, err
				}
			}
			if !l.done && (!any || l.doc < d) {
				d, any = l.doc, true
			}
		}
	}
	return 0, false, nil
}

// score returns the score of document d, found by an essential leaf, and
// whether it matches; or false when d cannot score more than theta, or
// as much when tie (d ranks above theta's document at equal scores) is
// false. The
// essential leaves are on d or past it. The non-essential ones are
// looked at in turn, the shortest lists (the likeliest to lack d) first,
// in their bitmaps: each one that lacks d lowers the bound (its bound leaves the
// sum, and the coord drops), and most documents fall to theta after a
// few. Only the lists of a document that may still pass theta are read,
// to its posting. It starts from the baseline (no essential leaf, every
// non-essential one maybe) and evaluates only the nodes above the leaves
// it changes; restore returns to the baseline.
func (t *pruneTree) score(d uint64, theta float64, tie bool) (float64, bool, error) {
	// theta comes from a final score (rawThreshold), whose conversion
	// may round it by a few units in the last place: a document within
	// thetaSlack of it is scored in full, for run to decide on its final
	// score.
	lo := theta - thetaSlack(theta)
	out := func(b float64) bool { return b < lo || b == lo && !tie }
	for _, li := range t.order[t.nonEssential:] {
		if l := &t.leaves[li]; !l.done && l.doc == d {
			t.setLeaf(li, present, l.score())
		}
	}
	b, m := t.evalTouched()
	if !m || out(b) {
		return 0, false, nil
	}
	ne := t.order[:t.nonEssential]
	for j := len(ne) - 1; j >= 0; j-- {
		if t.leaves[ne[j]].has(d) {
			continue
		}
		t.setLeaf(ne[j], absent, 0)
		if b, m = t.evalTouched(); !m || out(b) {
			return 0, false, nil
		}
	}
	// Read the postings of the lists that have d, each replacing a bound
	// by a score, until d falls to theta or all are read.
	for _, li := range ne {
		l := &t.leaves[li]
		if l.state != maybe {
			continue
		}
		if l.doc < d {
			if err := l.advance(d); err != nil {
				return 0, false, err
			}
		}
		if l.done || l.doc != d {
			return 0, false, fmt.Errorf("reading postings: document %d is in the bitmap and not in the list", d)
		}
		t.setLeaf(li, present, l.score())
		if b, m = t.evalTouched(); !m || out(b) {
			return 0, false, nil
		}
	}
	return b, m, nil
}

// setLeaf changes the state of leaf li and marks the nodes above it for
// evalTouched.
func (t *pruneTree) setLeaf(li int, st leafState, val float64) {
	l := &t.leaves[li]
	l.state, l.val = st, val
	t.changed = append(t.changed, li)
	for i := l.parent; i >= 0 && !t.nodes[i].pending; i = t.nodes[i].parent {
		nd := &t.nodes[i]
		nd.pending = true
		t.pending = append(t.pending, i)
		if !nd.touched {
			nd.touched = true
			t.touched = append(t.touched, i)
		}
	}
}

// evalTouched evaluates the nodes marked since it last ran, children
// first, and returns the value of the outermost node and whether it
// matches.
func (t *pruneTree) evalTouched() (float64, bool) {
	slices.Sort(t.pending)
	for j := len(t.pending) - 1; j >= 0; j-- {
		i := t.pending[j]
		t.evalNode(i)
		t.nodes[i].pending = false
	}
	t.pending = t.pending[:0]
	return t.nodes[0].val, t.nodes[0].matched
}

// restore returns the changed leaves and nodes to the baseline.
func (t *pruneTree) restore() {
	for _, li := range t.changed {
		l := &t.leaves[li]
		l.state, l.val = absent, 0
		if l.nonEssential {
			l.state, l.val = maybe, l.bound
		}
	}
	for _, i := range t.touched {
		nd := &t.nodes[i]
		nd.val, nd.matched, nd.touched = nd.baseVal, nd.baseMatched, false
	}
	for _, i := range t.pending {
		t.nodes[i].pending = false
	}
	t.changed, t.touched, t.pending = t.changed[:0], t.touched[:0], t.pending[:0]
}

// has reports whether document d is in the leaf, which is not past it.
func (l *pleaf) has(d uint64) bool {
	switch {
	case l.done || l.doc > d:
		return false
	case l.doc == d:
		return true
	case l.term == nil:
		_, ok := slices.BinarySearchFunc(l.hits[l.pos:], d, func(h anyHit, t uint64) int { return cmp.Compare(h.doc, t) })
		return ok
	}
	if l.bits == nil {
		// The list's own bitmap (a zap segment's, a bigram's), read only;
		// or a copy.
		if l.bits = listBitmap(l.term.term); l.bits == nil {
			l.bits = roaring.New()
			l.term.term.orInto(l.bits)
		}
	}
	return l.bits.Contains(uint32(d))
}

// matches returns the documents that match: the union of the documents
// of the clauses that make a document match (not the common terms). The
// lists' own bitmaps are read, not copied, and joined at once (FastOr):
// adding each list in turn to one bitmap was a twentieth of a question on
// the 48 MB scale corpus.
func (t *pruneTree) matches() *roaring.Bitmap {
	var rest *roaring.Bitmap // the documents of the lists with no bitmap of their own
	bms := t.union(0, nil, &rest)
	if rest != nil {
		bms = append(bms, rest)
	}
	return roaring.FastOr(bms...)
}

// union appends to bms the bitmaps of the documents of the clauses of
// node ni that make a document match, adding to *rest (made on first use)
// the documents of those without one.
func (t *pruneTree) union(ni int, bms []*roaring.Bitmap, rest **roaring.Bitmap) []*roaring.Bitmap {
	add := func() *roaring.Bitmap {
		if *rest == nil {
			*rest = roaring.New()
		}
		return *rest
	}
	for _, it := range t.nodes[ni].items {
		switch l := &t.leaves[max(it.leaf, 0)]; {
		case it.common:
		case it.node >= 0:
			bms = t.union(it.node, bms, rest)
		case l.term != nil:
			if b := listBitmap(l.term.term); b != nil {
				bms = append(bms, b)
			} else {
				l.term.term.orInto(add())
			}
		default:
			if len(l.hits) > 0 {
				b := add()
				for _, h := range l.hits {
					b.Add(uint32(h.doc))
				}
			}
		}
	}
	return bms
}

// thetaSlack is the margin below a threshold within which a document is
// not pruned: the threshold is a final score converted back (the kind's
// factor divided out, hitOffset added back), which may round it.
func thetaSlack(theta float64) float64 {
	return 1e-9 * (1 + math.Abs(theta))
}

// ranked is a document's final score and ordinal, as the collector
// ranks them.
type ranked struct {
	score float64
	ord   uint32
}

// below reports whether a ranks below b: a lower score, or the same with
// a higher ordinal.
func (a ranked) below(b ranked) bool {
	return a.score < b.score || a.score == b.score && a.ord > b.ord
}

// siftUp and siftDown keep h a heap whose first element ranks lowest.
func siftUp(h []ranked, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].below(h[p]) {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []ranked, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1].below(h[c]) {
			c++
		}
		if !h[c].below(h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
