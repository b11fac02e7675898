package indexer

import (
	"bytes"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// analysedTerms is what a textField's analysis gives the segment: the
// number of tokens and the distinct terms, sorted (see zap.TermsField).
type analysedTerms struct {
	length int
	terms  []zap.Term
}

// sortedTerms groups the tokens of toks, their terms and positions in
// the order of the tokens, by term: the terms sorted by their bytes, each
// with its frequency and, when options keep term vectors, its positions in
// the order of the tokens. It is what Bleve's analysis.TokenFrequency
// computes, as a slice sorted once rather than a map with an entry, a
// string and a location per token: the segment reads it as it is
// (zap.TermsField). It sorts toks.
func sortedTerms(toks []analyzers.TermPos, options index.FieldIndexingOptions) analysedTerms {
	if len(toks) == 0 {
		return analysedTerms{}
	}
	// Each term's positions stay in the order of the tokens. When the
	// positions increase (the analyzer's tokens always do), sorting by
	// term and position keeps it, and costs less than a stable sort.
	increasing := true
	for i := 1; i < len(toks) && increasing; i++ {
		increasing = toks[i].Pos > toks[i-1].Pos
	}
	if increasing {
		slices.SortFunc(toks, func(a, b analyzers.TermPos) int {
			if c := bytes.Compare(a.Term, b.Term); c != 0 {
				return c
			}
			return a.Pos - b.Pos
		})
	} else {
		slices.SortStableFunc(toks, func(a, b analyzers.TermPos) int { return bytes.Compare(a.Term, b.Term) })
	}
	distinct := 1
	for i := 1; i < len(toks); i++ {
		if !bytes.Equal(toks[i].Term, toks[i-1].Term) {
			distinct++
		}
	}
	terms := make([]zap.Term, 0, distinct)
	vectors := options.IncludeTermVectors()
	var positions []uint64
	if vectors {
		positions = make([]uint64, len(toks))
	}
	freqs := !options.SkipFreqNorm()
	for i := 0; i < len(toks); {
		term := toks[i].Term
		j := i + 1
		for j < len(toks) && bytes.Equal(toks[j].Term, term) {
			j++
		}
		t := zap.Term{Term: term}
		if freqs {
			t.Freq = j - i
		}
		if vectors {
			for k := i; k < j; k++ {
				positions[k] = uint64(toks[k].Pos)
			}
			t.Positions = positions[i:j:j]
		}
		terms = append(terms, t)
		i = j
	}
	return analysedTerms{length: len(toks), terms: terms}
}

// termAppender is a tokenizer that gives the terms and positions of its
// tokens without making Bleve's tokens ([analyzers.Morph]).
type termAppender interface {
	AppendTerms(dst []analyzers.TermPos, input []byte) []analyzers.TermPos
}

// bigramAppender is a tokenizer that also gives the terms of the bigram
// index from the same analysis ([analyzers.Morph]).
type bigramAppender interface {
	AppendTermsBigrams(dst []analyzers.TermPos, bigrams, input []byte) ([]analyzers.TermPos, []byte)
}

// scratchTerms holds the token lists of analyses in progress.
var scratchTerms = sync.Pool{New: func() any { return new([]analyzers.TermPos) }}

// textField is an analysed text field that hands the segment its terms
// sorted (zap.TermsField) rather than as Bleve's map of token frequencies.
// It replaces the document.TextField Bleve's mapping makes for the text and
// the title, with the same name, value, options and analyzer, and indexes
// the same postings.
type textField struct {
	name     string
	value    []byte
	options  index.FieldIndexingOptions
	analyzer analysis.Analyzer
	terms    termAppender // the analyzer's tokenizer, when it is the analyzer alone
	titles   *titleCache  // when not nil, the field is a title and analysed through it
	// withBigrams asks the analysis for the terms of the bigram index too
	// (the passage's text), which it puts in bigrams when the tokenizer
	// gives them (see analyzers.NextBigram).
	withBigrams bool

	analysed analysedTerms
	bigrams  []byte
}

var (
	_ zap.TermsField = (*textField)(nil)
	_ document.Field = (*textField)(nil)
)

func (f *textField) Name() string                        { return f.name }
func (f *textField) ArrayPositions() []uint64            { return nil }
func (f *textField) Options() index.FieldIndexingOptions { return f.options }
func (f *textField) Value() []byte                       { return f.value }
func (f *textField) Text() string                        { return string(f.value) }
func (f *textField) NumPlainTextBytes() uint64           { return uint64(len(f.value)) }
func (f *textField) EncodedFieldType() byte              { return 't' }
func (f *textField) AnalyzedLength() int                 { return f.analysed.length }
func (f *textField) Terms() []zap.Term                   { return f.analysed.terms }

// analyse analyses value: through the tokenizer's AppendTerms when the
// analyzer is the tokenizer alone, else through Analyze.
func (f *textField) analyse(value []byte) analysedTerms {
	sp := scratchTerms.Get().(*[]analyzers.TermPos)
	toks := (*sp)[:0]
	if ba, ok := f.terms.(bigramAppender); ok && f.withBigrams {
		toks, f.bigrams = ba.AppendTermsBigrams(toks, f.bigrams[:0], value)
	} else if f.terms != nil {
		toks = f.terms.AppendTerms(toks, value)
	} else {
		for _, t := range f.analyzer.Analyze(value) {
			toks = append(toks, analyzers.TermPos{Term: t.Term, Pos: t.Position})
		}
	}
	at := sortedTerms(toks, f.options)
	clear(toks) // keep no terms alive from the pool
	if cap(toks) <= 1<<16 {
		*sp = toks[:0]
		scratchTerms.Put(sp)
	}
	return at
}
func (f *textField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	return zap.TokenFrequencies(f.analysed.terms)
}

// Analyze implements index.Field.
func (f *textField) Analyze() {
	if f.titles != nil {
		f.analysed = f.titles.terms(f)
		return
	}
	f.analysed = f.analyse(f.value)
}

// Size implements document.Field: Bleve counts the bytes of the
// documents of a batch.
func (f *textField) Size() int {
	n := 64 + len(f.name) + len(f.value) + 48*len(f.analysed.terms) + len(f.bigrams)
	for _, t := range f.analysed.terms {
		n += len(t.Term) + 8*len(t.Positions)
	}
	return n
}

// useTextFields replaces the analysed text fields of d, as Bleve's mapping
// made them, with textFields; the title analyses through titles, and the
// text also gives the terms of the bigram index when withBigrams (see
// textBigrams).
func useTextFields(d *document.Document, titles *titleCache, withBigrams bool) {
	for i, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Analyzer() == nil || len(tf.ArrayPositions()) > 0 {
			continue
		}
		nf := &textField{name: tf.Name(), value: tf.Value(), options: tf.Options(), analyzer: tf.Analyzer()}
		if da, ok := tf.Analyzer().(*analysis.DefaultAnalyzer); ok && len(da.CharFilters) == 0 && len(da.TokenFilters) == 0 {
			nf.terms, _ = da.Tokenizer.(termAppender)
		}
		if tf.Name() == FieldTitle && titles != nil {
			nf.titles = titles
		}
		nf.withBigrams = withBigrams && tf.Name() == FieldText
		d.Fields[i] = nf
	}
}

// textBigrams returns the terms of the bigram index that the analysis of
// d's text gave (see textField.withBigrams), or false when it gave none.
func textBigrams(d *document.Document) ([]byte, bool) {
	for _, f := range d.Fields {
		if tf, ok := f.(*textField); ok && tf.name == FieldText && tf.bigrams != nil {
			return tf.bigrams, true
		}
	}
	return nil, false
}

// passageDoc is a passage's Bleve document as a build indexes it. It tells
// Scorch's analysis that it has no composite field: its one composite
// field, _all, takes no field (every field mapping leaves IncludeInAll
// off), and composing it would ask every field for the map of its terms
// that textField saves. The segment still visits _all, as before.
type passageDoc struct{ *document.Document }

func (passageDoc) HasComposite() bool { return false }

// maxCachedTitles bounds a titleCache: a document's passages come one
// after another, so a few recent titles catch nearly every repeat.
const maxCachedTitles = 1024

// titleCache analyses each distinct passage title once. The passages of a
// document share its title, and a build analysed it again for each of
// them. Documents share the cached terms: the segment only reads them.
// It is safe for concurrent use.
type titleCache struct {
	mu sync.Mutex
	m  map[string]analysedTerms
}

// terms returns the analysed terms of the title field f.
func (c *titleCache) terms(f *textField) analysedTerms {
	c.mu.Lock()
	at, ok := c.m[string(f.value)]
	c.mu.Unlock()
	if ok {
		return at
	}
	at = f.analyse(f.value)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedTitles {
		c.m = make(map[string]analysedTerms)
	}
	c.m[string(f.value)] = at
	c.mu.Unlock()
	return at
}
