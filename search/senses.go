package search

import (
	"math"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/kensaku/kensaku/glossary"
)

// A term with several senses in the glossary (SSA: Space Situational
// Awareness, or Sub-Saharan Africa) expands in the senses the index
// supports. The bigram index gives, cheaply, a superset of the passages
// holding a form: the passages that have all its bigrams (Latin words
// are whole terms of it). A sense none of whose forms occurs in the index
// adds nothing and is left out. When the query has other words, the
// senses whose forms occur in passages with them are preferred: each
// sense scores the idf of the other words it shares a passage with, and
// only the best scoring senses are kept. With no other word, or none
// shared, every sense found in the index is kept.

// chooseSenses returns the equivalents eqs (one term's, from
// glossary.Glossary.Expand) of the senses the index and context (the rest
// of the query) support, in their order; the sense chosen when there were
// several and one is left; and the senses left out.
func (e *Engine) chooseSenses(p *plan, eqs []glossary.Equivalent, context string) (kept []glossary.Equivalent, chosen string, others []string) {
	var senses []string
	for _, eq := range eqs {
		if !slices.Contains(senses, eq.Sense) {
			senses = append(senses, eq.Sense)
		}
	}
	if len(senses) < 2 || e.ix.Bigrams == nil {
		return eqs, "", nil
	}
	// The passages of each sense, nil when unknown (a form with no
	// bigram, such as an all-hiragana one, could be anywhere).
	docs := make([]*roaring.Bitmap, len(senses))
	known := make([]bool, len(senses))
	for i, s := range senses {
		docs[i], known[i] = roaring.New(), true
		for _, eq := range eqs {
			if eq.Sense != s {
				continue
			}
			bm, ok := e.formDocs(eq.Form)
			if !ok {
				known[i] = false
				break
			}
			docs[i].Or(bm)
		}
	}
	words := p.contextDocs(e, context)
	n := float64(max(1, e.ix.Meta.Passages))
	scores := make([]float64, len(senses))
	keep := make([]bool, len(senses))
	best := 0.0
	for i := range senses {
		if known[i] && docs[i].IsEmpty() {
			continue // never in the index
		}
		keep[i] = true
		if !known[i] {
			continue
		}
		for _, w := range words {
			if docs[i].Intersects(w) {
				scores[i] += math.Log(n / float64(w.GetCardinality()))
			}
		}
		best = max(best, scores[i])
	}
	if best > 0 {
		for i := range senses {
			keep[i] = keep[i] && known[i] && scores[i] >= best
		}
	}
	for i, s := range senses {
		if !keep[i] {
			others = append(others, s)
		}
	}
	if len(others) == 0 {
		return eqs, "", nil
	}
	for _, eq := range eqs {
		if keep[slices.Index(senses, eq.Sense)] {
			kept = append(kept, eq)
		}
	}
	if len(others) == len(senses)-1 {
		for i, s := range senses {
			if keep[i] {
				chosen = s
			}
		}
	}
	return kept, chosen, others
}

// formDocs returns a superset of the passages that hold form: those with
// all its bigram-index terms. ok is false when form has no such term.
func (e *Engine) formDocs(form string) (bm *roaring.Bitmap, ok bool) {
	terms := distinctTerms(e.bigram.Analyze([]byte(form)))
	if len(terms) == 0 {
		return nil, false
	}
	bms := make([]*roaring.Bitmap, 0, len(terms))
	for _, t := range terms {
		b, err := e.ix.Bigrams.Docs(t)
		if err != nil || b == nil {
			return roaring.New(), true // a term no passage has
		}
		bms = append(bms, b)
	}
	if len(bms) == 1 {
		return bms[0], true
	}
	return roaring.FastAnd(bms...), true
}

// contextDocs returns the passages of each word of context (as the text
// analyzer cuts it; question words and words with no bigram-index term
// left out) that some passage has, cached in the plan.
func (p *plan) contextDocs(e *Engine, context string) []*roaring.Bitmap {
	if strings.TrimSpace(context) == "" {
		return nil
	}
	if p.wordDocs == nil {
		p.wordDocs = map[string]*roaring.Bitmap{}
	}
	var out []*roaring.Bitmap
	seen := map[string]bool{}
	for _, t := range withoutQuestionWords(e.morph.Analyze([]byte(context))) {
		word := context[t.Start:t.End]
		if seen[word] || questionWords[string(t.Term)] {
			continue
		}
		seen[word] = true
		bm, cached := p.wordDocs[word]
		if !cached {
			if b, ok := e.formDocs(word); ok {
				bm = b
			}
			p.wordDocs[word] = bm
		}
		if bm != nil && !bm.IsEmpty() {
			out = append(out, bm)
		}
	}
	return out
}

// context returns the text a term found at text[start:end] is read in:
// the rest of text and the other words and phrases of the query.
func (p *plan) context(text string, start, end int) string {
	parts := []string{text[:start], text[end:]}
	for _, t := range p.texts {
		if !strings.Contains(text, t) { // the chunk's own words are in it
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}
