package search

import (
	"container/heap"
	"math"
	"strings"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"github.com/kensaku/kensaku/indexer"
)

// highlightStyle is the Bleve highlighter kensaku defines: fragments of
// about fragmentRunes characters around the matches, cut at sentence or
// word boundaries (fragment.go), HTML-escaped, matches in <mark>…</mark>.
const (
	highlightStyle = "kensaku"
	fragmenterName = "kensaku_fragmenter"
	formatterName  = "kensaku_html"
	fragmentRunes  = 120
)

func init() {
	if err := registry.RegisterFragmentFormatter(formatterName, func(map[string]any, *registry.Cache) (highlight.FragmentFormatter, error) {
		return markFormatter{}, nil
	}); err != nil {
		panic(err)
	}
	if _, err := bleve.Config.Cache.DefineFragmenter(fragmenterName, map[string]any{
		"type": boundaryFragmenterType,
		"size": float64(fragmentRunes),
	}); err != nil {
		panic(err)
	}
	if _, err := bleve.Config.Cache.DefineHighlighter(highlightStyle, map[string]any{
		"type":       simplehl.Name,
		"fragmenter": fragmenterName,
		"formatter":  formatterName,
		"separator":  fragmentSeparator,
	}); err != nil {
		panic(err)
	}
}

// The highlighter's parts, as highlightStyle defines them.
var (
	pageFragmenter = newBoundaryFragmenter(fragmentRunes)
)

// fragmentSeparator marks a fragment's edge that is not the text's.
const fragmentSeparator = "…"

// bestFragment returns what Bleve's simple highlighter configured as
// highlightStyle returns for the text field of h, whose text is text
// (BestFragmentsInField with one fragment), without making a document of
// the text to visit: the term locations in order, the fragments around
// them (pageFragmenter), each scored by Bleve's scorer (the distinct
// terms inside), the first of the best by Bleve's fragment queue, marked
// up by markFormatter between separators. Unlike Bleve's, it does not add
// the fragment to h.
func bestFragment(h *bsearch.DocumentMatch, text []byte) []string {
	tlm := h.Locations[indexer.FieldText]
	ordered := highlight.OrderTermLocations(tlm)
	// The field is a text field of one value: Bleve keeps the locations
	// of its array positions, none.
	ot := make(highlight.TermLocations, 0, len(ordered))
	for _, tl := range ordered {
		if len(tl.ArrayPositions) == 0 {
			ot = append(ot, tl)
		}
	}
	scorer := simplehl.NewFragmentScorer(tlm)
	fq := make(simplehl.FragmentQueue, 0)
	heap.Init(&fq)
	for _, f := range pageFragmenter.Fragment(text, ot) {
		f.ArrayPositions = nil
		scorer.Score(f)
		heap.Push(&fq, f)
	}
	if len(fq) == 0 {
		return []string{}
	}
	best := heap.Pop(&fq).(*highlight.Fragment)
	ordered.MergeOverlapping()
	s := ""
	if best.Start != 0 {
		s += fragmentSeparator
	}
	s += markFormatter{}.Format(best, ordered)
	if best.End != len(best.Orig) {
		s += fragmentSeparator
	}
	return []string{s}
}

// withOffsets sets the byte offsets in text, the passage's text, of the
// text field's term locations of h. The index keeps each location's
// position only (see indexer/internal/zap), so the text is analysed again
// as the index analysed it: a location's offsets are those of the token
// at its position. A location whose position holds no token, or another
// term (the text is not what was indexed), is dropped rather than
// highlighted at a wrong place.
//
// Only the text up to the last position of a location is analysed, when
// the analyzer is kensaku's morphological tokenizer alone (see
// analyzers.Morph.TokenizeUntil): the analysis was most of the CPU time
// a highlighted page took. The analyses of the passages highlighted last
// are kept (Engine.tokens), so that a passage shown again is not
// analysed again.
func (e *Engine) withOffsets(h *bsearch.DocumentMatch, text string) {
	tlm := h.Locations[indexer.FieldText]
	last := uint64(0)
	for _, locs := range tlm {
		for _, l := range locs {
			last = max(last, l.Pos)
		}
	}
	if last == 0 {
		return // nothing to place
	}
	upTo := int(min(last, math.MaxInt32))
	pt, ok := e.tokens.get(text, upTo)
	if !ok {
		var toks analysis.TokenStream
		if e.morphTok != nil {
			toks = e.morphTok.TokenizeUntil(stringBytes(text), upTo)
		} else {
			toks, upTo = e.morph.Analyze(stringBytes(text)), math.MaxInt
		}
		pt = newPassageTokens(text, toks, upTo)
		e.tokens.put(text, pt)
	}
	for term, locs := range tlm {
		kept := locs[:0]
		for _, l := range locs {
			t, ok := pt.token(l.Pos)
			if !ok || t.term != term {
				continue
			}
			l.Start, l.End = uint64(t.start), uint64(t.end)
			kept = append(kept, l)
		}
		tlm[term] = kept
	}
}

// stringBytes returns the bytes of s without a copy, to be read only: the
// highlighter reads a passage's text, the analyzers and the fragmenter
// too, and none writes it or keeps it beyond the call (a fragment's Orig
// lives while the fragment is formatted).
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// markFormatter writes a fragment as Bleve's html formatter does (the
// text HTML-escaped as html.EscapeString escapes it, each term location in
// <mark>…</mark>), into one buffer: Bleve's concatenates a string per
// piece, and its copies were a fifth of the bytes a search page
// allocated on the 48 MB corpus.
type markFormatter struct{}

const (
	markBefore = "<mark>"
	markAfter  = "</mark>"
)

func (markFormatter) Format(f *highlight.Fragment, locs highlight.TermLocations) string {
	var b strings.Builder
	b.Grow(f.End - f.Start + 32)
	curr := f.Start
	for _, l := range locs {
		if l == nil || !l.ArrayPositions.Equals(f.ArrayPositions) || l.Start < curr {
			continue
		}
		if l.End > f.End {
			break
		}
		writeEscaped(&b, f.Orig[curr:l.Start])
		b.WriteString(markBefore)
		writeEscaped(&b, f.Orig[l.Start:l.End])
		b.WriteString(markAfter)
		curr = l.End
	}
	writeEscaped(&b, f.Orig[curr:f.End])
	return b.String()
}

// writeEscaped writes text to b escaped as html.EscapeString escapes it.
func writeEscaped(b *strings.Builder, text []byte) {
	last := 0
	for i, c := range text {
		var esc string
		switch c {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.Write(text[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.Write(text[last:])
}
