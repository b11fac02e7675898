package indexer

import (
	"encoding/binary"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
)

// The text field's term locations in Bleve keep each token's position
// (phrases need it) but not its byte offsets: a build gives Bleve the
// tokens with Start and End set to 0, and the passage store keeps the
// offsets instead, by position, for the highlighter. Bleve writes a
// location as six uvarints (field, position, start, end, ...), so the
// offsets took about 5 of a location's 10 bytes; in the store, delta
// coded and compressed with the passage, they take about a byte a token.

// spanCapture analyses the text field of one passage with the field's
// analyzer, records the tokens' offsets and hands Bleve the tokens
// without them.
type spanCapture struct {
	analyzer analysis.Analyzer
	spans    []byte // encoded by appendSpans
}

// captureSpans makes the text field of d, if any, analyse through a new
// spanCapture, which it returns (nil when d has no text field).
func captureSpans(d *document.Document) *spanCapture {
	for i, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Name() != FieldText || tf.Analyzer() == nil {
			continue
		}
		c := &spanCapture{analyzer: tf.Analyzer()}
		d.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), c)
		return c
	}
	return nil
}

// Analyze implements analysis.Analyzer.
func (c *spanCapture) Analyze(input []byte) analysis.TokenStream {
	ts := c.analyzer.Analyze(input)
	c.spans = appendSpans(c.spans[:0], ts)
	for _, t := range ts {
		t.Start, t.End = 0, 0
	}
	return ts
}

// appendSpans appends the positions and offsets of ts to b: per token,
// zigzag varints of its position less the last one's and of its start
// less the last one's end, and a uvarint of its length.
func appendSpans(b []byte, ts analysis.TokenStream) []byte {
	pos, end := 0, 0
	for _, t := range ts {
		b = binary.AppendVarint(b, int64(t.Position-pos))
		b = binary.AppendVarint(b, int64(t.Start-end))
		b = binary.AppendUvarint(b, uint64(max(t.End-t.Start, 0)))
		pos, end = t.Position, max(t.End, t.Start)
	}
	return b
}

// Spans maps the positions of a passage's text tokens to their byte
// offsets in the text, as the passage store keeps them.
type Spans struct {
	spans map[int][2]int
}

// Span returns the byte offsets of the token at position pos (1-based, as
// in Bleve's locations), and whether there is one.
func (s Spans) Span(pos int) (start, end int, ok bool) {
	sp, ok := s.spans[pos]
	return sp[0], sp[1], ok
}

// decodeSpans reads what appendSpans wrote, for a text of n bytes.
func decodeSpans(b []byte, n int) (Spans, bool) {
	s := Spans{spans: map[int][2]int{}}
	pos, end := 0, 0
	for len(b) > 0 {
		dp, k1 := binary.Varint(b)
		if k1 <= 0 {
			return Spans{}, false
		}
		ds, k2 := binary.Varint(b[k1:])
		if k2 <= 0 {
			return Spans{}, false
		}
		l, k3 := binary.Uvarint(b[k1+k2:])
		if k3 <= 0 {
			return Spans{}, false
		}
		b = b[k1+k2+k3:]
		p, start := int64(pos)+dp, int64(end)+ds
		if p < 0 || start < 0 || l > uint64(n) || start+int64(l) > int64(n) {
			return Spans{}, false
		}
		pos, end = int(p), int(start)+int(l)
		if _, dup := s.spans[pos]; !dup {
			s.spans[pos] = [2]int{int(start), end}
		}
	}
	return s, true
}
