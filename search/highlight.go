package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// highlightStyle is the Bleve highlighter kensaku defines: fragments of
// about fragmentRunes characters around the matches, cut at sentence or
// word boundaries (fragment.go), HTML-escaped, matches in <mark>…</mark>.
const (
	highlightStyle = "kensaku"
	fragmenterName = "kensaku_fragmenter"
	fragmentRunes  = 120
)

func init() {
	if _, err := bleve.Config.Cache.DefineFragmenter(fragmenterName, map[string]any{
		"type": boundaryFragmenterType,
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
