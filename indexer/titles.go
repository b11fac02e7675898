package indexer

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
)

// maxCachedTitles bounds a titleCache: a document's passages come one
// after another, so a few recent titles catch nearly every repeat.
const maxCachedTitles = 1024

// titleCache analyses each distinct passage title once. The passages of a
// document share its title, and a build analysed it again for each of
// them. Documents share the cached token stream: Bleve only reads it
// (TextField.Analyze turns it into term frequencies, keeping the terms'
// bytes, which nothing writes to). It is safe for concurrent use.
type titleCache struct {
	analyzer analysis.Analyzer // of the title field

	mu sync.Mutex
	m  map[string]analysis.TokenStream
}

// use makes the title field of d, if any, analyse through c.
func (c *titleCache) use(d *document.Document) {
	for i, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Name() != FieldTitle || tf.Analyzer() == nil {
			continue
		}
		if c.analyzer == nil {
			c.analyzer = tf.Analyzer()
		}
		if tf.Analyzer() != c.analyzer {
			continue
		}
		d.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), c)
	}
}

// Analyze implements analysis.Analyzer.
func (c *titleCache) Analyze(input []byte) analysis.TokenStream {
	c.mu.Lock()
	ts, ok := c.m[string(input)]
	c.mu.Unlock()
	if ok {
		return ts
	}
	ts = c.analyzer.Analyze(input)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedTitles {
		c.m = make(map[string]analysis.TokenStream)
	}
	c.m[string(input)] = ts
	c.mu.Unlock()
	return ts
}
