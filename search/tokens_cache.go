package search

import (
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// passageTokens is what withOffsets needs of the analysis of a passage's
// text: the term and offsets of the token at each position, for every
// position up to upTo at least.
type passageTokens struct {
	upTo  int     // every token at a position up to upTo is here; math.MaxInt: the whole text
	at    []int32 // position → index in toks + 1, 0 for none
	toks  []tokenOffsets
	bytes int // memory held, roughly, the text's included
}

type tokenOffsets struct {
	term       string // a piece of one string holding all the terms
	start, end int32
}

// newPassageTokens keeps what withOffsets needs of toks, the tokens of
// text up to position upTo at least.
func newPassageTokens(text string, toks analysis.TokenStream, upTo int) *passageTokens {
	n, size := 0, 0
	for _, t := range toks {
		n = max(n, t.Position)
		size += len(t.Term)
	}
	pt := &passageTokens{upTo: upTo, at: make([]int32, n+1), toks: make([]tokenOffsets, len(toks))}
	terms := make([]byte, 0, size)
	for _, t := range toks {
		terms = append(terms, t.Term...)
	}
	all := string(terms)
	k := 0
	for i, t := range toks {
		if t.Position > 0 {
			pt.at[t.Position] = int32(i + 1)
		}
		pt.toks[i] = tokenOffsets{term: all[k : k+len(t.Term)], start: int32(min(t.Start, math.MaxInt32)), end: int32(min(t.End, math.MaxInt32))}
		k += len(t.Term)
	}
	pt.bytes = len(text) + len(all) + 4*len(pt.at) + 24*len(pt.toks) + 128
	return pt
}

// token returns the token at position pos, if it is known.
func (pt *passageTokens) token(pos uint64) (tokenOffsets, bool) {
	if pos == 0 || pos >= uint64(len(pt.at)) || pt.at[pos] == 0 {
		return tokenOffsets{}, false
	}
	return pt.toks[pt.at[pos]-1], true
}

// tokensCache keeps the analyses of the passages highlighted last
// (passageTokens), by text: a page's hits come back on the next pages
// of a search, and in the answers to other questions about the same
// passages. It holds at most about max bytes, in two generations: a
// passage looked up in the older one moves to the newer, and when the
// newer is full the older is dropped. It is safe for concurrent use.
type tokensCache struct {
	max int // bytes, both generations together

	mu        sync.Mutex
	cur, prev map[string]*passageTokens
	curBytes  int
	// hits and misses count lookups, for tests and benchmarks.
	hits, misses int
}

// highlightCacheBytes bounds the memory of an Engine's tokensCache: a
// JSQuAD passage's analysis and text take about 8 KB.
const highlightCacheBytes = 16 << 20

// get returns the analysis of text covering position last, if kept.
func (c *tokensCache) get(text string, last int) (*passageTokens, bool) {
	if c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	pt, ok := c.cur[text]
	if !ok {
		if pt, ok = c.prev[text]; ok && pt.upTo >= last {
			delete(c.prev, text)
			c.add(text, pt)
		}
	}
	if !ok || pt.upTo < last {
		c.misses++
		return nil, false
	}
	c.hits++
	return pt, true
}

// put keeps pt, the analysis of text.
func (c *tokensCache) put(text string, pt *passageTokens) {
	if c.max <= 0 || pt.bytes > c.max/2 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.cur[text]; ok {
		if old.upTo >= pt.upTo {
			return
		}
		c.curBytes -= old.bytes
		delete(c.cur, text)
	}
	delete(c.prev, text)
	c.add(text, pt)
}

// add adds pt to the newer generation, starting a new one first when
// it is full. The caller holds c.mu.
func (c *tokensCache) add(text string, pt *passageTokens) {
	if c.cur == nil || c.curBytes+pt.bytes > c.max/2 {
		c.prev, c.cur, c.curBytes = c.cur, make(map[string]*passageTokens), 0
	}
	c.cur[text] = pt
	c.curBytes += pt.bytes
}

// reset empties c and its counts.
func (c *tokensCache) reset() {
	c.mu.Lock()
	c.cur, c.prev, c.curBytes, c.hits, c.misses = nil, nil, 0, 0, 0
	c.mu.Unlock()
}

// hitRate is the share of lookups since the last reset that found an
// analysis kept.
func (c *tokensCache) hitRate() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hits+c.misses == 0 {
		return 0
	}
	return float64(c.hits) / float64(c.hits+c.misses)
}
