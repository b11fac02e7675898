package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/format/html"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// highlightStyle is the Bleve highlighter kensaku defines: fragments of
// fragmentRunes characters around the matches, HTML-escaped, matches in
// <mark>…</mark>.
const (
	highlightStyle = "kensaku"
	fragmenterName = "kensaku_fragmenter"
	fragmentRunes  = 120
)

func init() {
	if _, err := bleve.Config.Cache.DefineFragmenter(fragmenterName, map[string]any{
		"type": simple.Name,
		"size": float64(fragmentRunes),
	}); err != nil {
		panic(err)
	}
	if _, err := bleve.Config.Cache.DefineHighlighter(highlightStyle, map[string]any{
		"type":       simplehl.Name,
		"fragmenter": fragmenterName,
		"formatter":  html.Name,
		"separator":  "…",
	}); err != nil {
		panic(err)
	}
}
