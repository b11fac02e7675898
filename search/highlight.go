package search

import (
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"github.com/kensaku/kensaku/indexer"
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

// withOffsets sets the byte offsets in text, the passage's text, of the
// text field's term locations of h. The index keeps each location's
// position only (see indexer/internal/zap), so the text is analysed again
// as the index analysed it: a location's offsets are those of the token
// at its position. A location whose position holds no token, or another
// term (the text is not what was indexed), is dropped rather than
// highlighted at a wrong place.
func (e *Engine) withOffsets(h *bsearch.DocumentMatch, text string) {
	tlm := h.Locations[indexer.FieldText]
	if len(tlm) == 0 {
		return
	}
	toks := e.morph.Analyze([]byte(text))
	n := 0
	for _, t := range toks {
		n = max(n, t.Position)
	}
	at := make([]int32, n+1) // position -> index in toks + 1
	for i, t := range toks {
		if t.Position > 0 {
			at[t.Position] = int32(i + 1)
		}
	}
	for term, locs := range tlm {
		kept := locs[:0]
		for _, l := range locs {
			if l.Pos == 0 || l.Pos >= uint64(len(at)) || at[l.Pos] == 0 {
				continue
			}
			t := toks[at[l.Pos]-1]
			if string(t.Term) != term {
				continue
			}
			l.Start, l.End = uint64(t.Start), uint64(t.End)
			kept = append(kept, l)
		}
		tlm[term] = kept
	}
}
