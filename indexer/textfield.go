package indexer

import (
	"bytes"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// analysedTerms is what a textField's analysis gives the segment: the
// number of tokens and the distinct terms, sorted (see zap.TermsField).
type analysedTerms struct {
	length int
	terms  []zap.Term
}

// sortedTerms groups the tokens of ts by term: the terms sorted by their
// bytes, each with its frequency and, when options keep term vectors, its
// positions in the order of the tokens. It is what Bleve's
// analysis.TokenFrequency computes, as a slice sorted once rather than a
// map with an entry, a string and a location per token: the segment reads
// it as it is (zap.TermsField).
func sortedTerms(ts analysis.TokenStream, options index.FieldIndexingOptions) analysedTerms {
	if len(ts) == 0 {
		return analysedTerms{}
	}
	order := make([]int32, len(ts))
	for i := range order {
		order[i] = int32(i)
	}
	// Ties in token order, so that each term's positions keep it.
	slices.SortFunc(order, func(a, b int32) int {
		if c := bytes.Compare(ts[a].Term, ts[b].Term); c != 0 {
			return c
		}
		return int(a - b)
	})
	distinct := 1
	for i := 1; i < len(order); i++ {
		if !bytes.Equal(ts[order[i]].Term, ts[order[i-1]].Term) {
			distinct++
		}
	}
	terms := make([]zap.Term, 0, distinct)
	vectors := options.IncludeTermVectors()
	var positions []uint64
	if vectors {
		positions = make([]uint64, len(ts))
	}
	freqs := !options.SkipFreqNorm()
	for i := 0; i < len(order); {
		term := ts[order[i]].Term
		j := i + 1
		for j < len(order) && bytes.Equal(ts[order[j]].Term, term) {
			j++
		}
		t := zap.Term{Term: term}
		if freqs {
			t.Freq = j - i
		}
		if vectors {
			for k := i; k < j; k++ {
				positions[k] = uint64(ts[order[k]].Position)
			}
			t.Positions = positions[i:j:j]
		}
		terms = append(terms, t)
		i = j
	}
	return analysedTerms{length: len(ts), terms: terms}
}

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
	titles   *titleCache // when not nil, the field is a title and analysed through it

	analysed analysedTerms
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
func (f *textField) analyse(value []byte) analysedTerms {
	return sortedTerms(f.analyzer.Analyze(value), f.options)
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
	n := 64 + len(f.name) + len(f.value) + 48*len(f.analysed.terms)
	for _, t := range f.analysed.terms {
		n += len(t.Term) + 8*len(t.Positions)
	}
	return n
}

// useTextFields replaces the analysed text fields of d, as Bleve's mapping
// made them, with textFields; the title analyses through titles.
func useTextFields(d *document.Document, titles *titleCache) {
	for i, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Analyzer() == nil || len(tf.ArrayPositions()) > 0 {
			continue
		}
		nf := &textField{name: tf.Name(), value: tf.Value(), options: tf.Options(), analyzer: tf.Analyzer()}
		if tf.Name() == FieldTitle && titles != nil {
			nf.titles = titles
		}
		d.Fields[i] = nf
	}
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
