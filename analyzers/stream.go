package analyzers

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Token is one analysed token with the diagnostics the analyze command
// shows.
type Token struct {
	Term     string `json:"term"`
	Start    int    `json:"start"`    // byte offset of the first byte in the original text
	End      int    `json:"end"`      // byte offset just past the last byte in the original text
	Position int    `json:"position"` // 1-based; dropped words leave gaps
	POS      string `json:"pos"`      // part of speech, e.g. 名詞,一般; "bigram"/"unigram" for the bigram analyzer
}

// rawTok is a token under construction: its term is arena[ts:te].
type rawTok struct {
	ts, te     int32
	start, end int // original byte offsets
	pos        int
	tag        []string // part of speech levels, joined only when explaining
}

// stream accumulates tokens for one call. The normalised text and the
// token slice are reused through a pool; the term arena is not, because
// Bleve keeps the terms, except by calls whose terms do not outlive them
// (getScratchStream).
type stream struct {
	n     normText
	pos   int
	arena []byte
	toks  []rawTok
	spare []byte    // a term arena to reuse (getScratchStream)
	run   []cjkRune // the CJK run being cut into bigrams
	last  int       // stop once the tokens up to this position are known; 0: never
}

var streamPool = sync.Pool{New: func() any { return new(stream) }}

func getStream(input []byte) *stream { return getStreamArena(input, false) }

// getScratchStream is getStream for a call whose terms do not outlive it:
// the stream reuses its term arena from call to call. Release it with
// putScratchStream.
func getScratchStream(input []byte) *stream { return getStreamArena(input, true) }

func putScratchStream(s *stream) {
	s.spare = s.arena[:0]
	putStream(s)
}

func getStreamArena(input []byte, reuse bool) *stream {
	s := streamPool.Get().(*stream)
	// Size the buffers once: NFKC rarely grows Japanese text, and a token
	// covers about five bytes of it.
	if want := len(input) + len(input)/8 + 16; cap(s.n.Bytes) < want {
		s.n.Bytes = make([]byte, 0, want)
		s.n.Start = make([]int32, 0, want)
		s.n.End = make([]int32, 0, want)
	}
	if want := len(input)/5 + 8; cap(s.toks) < want {
		s.toks = make([]rawTok, 0, want)
	}
	normalizeInto(&s.n, input)
	s.pos = 0
	s.last = 0
	want := len(s.n.Bytes) + len(s.n.Bytes)/4
	if reuse && cap(s.spare) >= want {
		s.arena, s.spare = s.spare[:0], nil
	} else {
		s.arena = make([]byte, 0, want)
	}
	s.toks = s.toks[:0]
	return s
}

func putStream(s *stream) {
	if cap(s.n.Bytes) > 1<<20 { // do not keep huge buffers alive
		return
	}
	s.arena = nil
	clear(s.toks[:cap(s.toks)])
	streamPool.Put(s)
}

// skip consumes a position for a dropped token.
func (s *stream) skip() { s.pos++ }

// emit records a token whose term was just appended to the arena from
// index ts, covering normalised bytes [a, b).
func (s *stream) emit(ts, a, b int, tag []string) {
	s.pos++
	start, end := s.n.Span(a, b)
	s.toks = append(s.toks, rawTok{ts: int32(ts), te: int32(len(s.arena)), start: start, end: end, pos: s.pos, tag: tag})
}

// tokenStream converts the tokens to Bleve's representation.
func (s *stream) tokenStream() analysis.TokenStream {
	ts := make(analysis.TokenStream, len(s.toks))
	backing := make([]analysis.Token, len(s.toks))
	for i, t := range s.toks {
		backing[i] = analysis.Token{
			Term:     s.arena[t.ts:t.te:t.te],
			Start:    t.start,
			End:      t.end,
			Position: t.pos,
			Type:     tokenType(s.arena[t.ts:t.te]),
		}
		ts[i] = &backing[i]
	}
	return ts
}

// tokens converts the tokens to [Token] values.
func (s *stream) tokens() []Token {
	out := make([]Token, len(s.toks))
	for i, t := range s.toks {
		out[i] = Token{Term: string(s.arena[t.ts:t.te]), Start: t.start, End: t.end, Position: t.pos, POS: strings.Join(t.tag, ",")}
	}
	return out
}

// tokenType classifies a term for Bleve's few type-aware filters.
func tokenType(term []byte) analysis.TokenType {
	for _, r := range string(term) {
		switch {
		case isCJK(r):
			return analysis.Ideographic
		case isDigit(r):
		default:
			return analysis.AlphaNumeric
		}
	}
	return analysis.Numeric
}
