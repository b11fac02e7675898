package analyzers

import (
	"encoding/binary"
	"fmt"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// MorphTokenizer is the registered type of the Japanese morphological
// tokenizer. Its config may carry a user dictionary inline under
// "user_dict" (the text of a [ParseUserDict] file), which is how
// [DefineAnalyzers] makes the dictionary travel with an index mapping.
const MorphTokenizer = "kensaku_ja_tokenizer"

// Lengths of the pieces of text given to one Kagome lattice. Text is cut
// at sentence ends and newlines, and at katakana and Latin words, which do
// not go through the lattice; a piece longer than softChunk bytes is cut
// at the next punctuation or space, one longer than hardChunk anywhere.
// This bounds the lattice, so a megabyte without a full stop costs no more
// memory than many short sentences.
//
// A run of maxOtherRun characters that are neither kanji nor hiragana
// (symbols, a stray ー, scripts the dictionary does not know) also ends a
// piece: Kagome groups such characters into unknown words of every length,
// and the lattice over a long run costs time quadratic in its length (a
// line of 300,000 ー took 45 s in one-kilobyte pieces).
const (
	softChunk   = 256
	hardChunk   = 1024
	maxOtherRun = 16
)

// Morph is the Japanese/English morphological tokenizer: it normalises
// the text (see [Normalize]), cuts katakana words and Latin words itself,
// cuts the rest with Kagome (IPA dictionary, Search mode) one sentence at
// a time, replaces inflected words by their base form, drops particles,
// auxiliaries, symbols and stop words while keeping their positions, and
// stems English words. It implements Bleve's analysis.Tokenizer; tokens
// carry byte offsets into the original text and 1-based positions. A Morph
// is safe for concurrent use.
type Morph struct {
	dict *UserDict
	ipa  *ipaDict // the IPA dictionary (a singleton), for lattice
}

var _ analysis.Tokenizer = (*Morph)(nil)

// NewMorph returns a morphological tokenizer with the given user
// dictionary (nil for none).
func NewMorph(dict *UserDict) (*Morph, error) {
	d, err := loadIPA()
	if err != nil {
		return nil, err
	}
	return &Morph{dict: dict, ipa: d}, nil
}

// Tokenize implements analysis.Tokenizer.
func (m *Morph) Tokenize(input []byte) analysis.TokenStream {
	s := getStream(input)
	m.run(s, false)
	ts := s.tokenStream()
	putStream(s)
	return ts
}

// TermPos is the term and position of a token: what an index that keeps
// no offsets takes of it.
type TermPos struct {
	Term []byte
	Pos  int
}

// AppendTerms analyses input as Tokenize does and appends the term and
// position of each of Tokenize's tokens to dst, in the same order. It
// makes no Bleve token: an index build that reads only terms and
// positions saves their memory. The terms share one new buffer, which
// the caller may keep.
func (m *Morph) AppendTerms(dst []TermPos, input []byte) []TermPos {
	s := getStream(input)
	m.run(s, false)
	for _, t := range s.toks {
		dst = append(dst, TermPos{Term: s.arena[t.ts:t.te:t.te], Pos: t.pos})
	}
	putStream(s)
	return dst
}

// AppendTermsBigrams is AppendTerms, and also appends to bigrams the term
// of every token [BigramTok] makes of input, in order, each as a uvarint
// length and its bytes (see NextBigram): both analyses read one
// normalisation of input, where AppendTerms and [BigramTerms] make one
// each.
func (m *Morph) AppendTermsBigrams(dst []TermPos, bigramTerms, input []byte) ([]TermPos, []byte) {
	s := getStream(input)
	m.run(s, false)
	for _, t := range s.toks {
		dst = append(dst, TermPos{Term: s.arena[t.ts:t.te:t.te], Pos: t.pos})
	}
	kept := s.arena // the caller keeps the terms
	s.arena, s.spare = s.spare[:0], nil
	s.toks = s.toks[:0]
	s.pos = 0
	bigrams(s)
	for _, t := range s.toks {
		bigramTerms = binary.AppendUvarint(bigramTerms, uint64(t.te-t.ts))
		bigramTerms = append(bigramTerms, s.arena[t.ts:t.te]...)
	}
	s.spare, s.arena = s.arena[:0], kept
	putStream(s)
	return dst, bigramTerms
}

// NextBigram returns the first term of terms as AppendTermsBigrams
// appends them, and the rest; ok is false at the end.
func NextBigram(terms []byte) (term, rest []byte, ok bool) {
	n, k := binary.Uvarint(terms)
	if k <= 0 || uint64(len(terms)-k) < n {
		return nil, nil, false
	}
	return terms[k : k+int(n)], terms[k+int(n):], true
}

// TokenizeUntil analyses input as Tokenize does, but stops as soon as
// every token up to position last is known: its tokens are those of
// Tokenize with positions up to last, then possibly a few more. Positions
// are given in order, piece (a word, a katakana word or a sentence of
// Japanese) by piece, so the tokens it returns are the same as
// Tokenize's. A highlighter that needs the offsets of a few positions
// near the start of a passage analyses that far only. A last of zero or
// less analyses all of input.
func (m *Morph) TokenizeUntil(input []byte, last int) analysis.TokenStream {
	s := getStream(input)
	s.last = last
	m.run(s, false)
	ts := s.tokenStream()
	putStream(s)
	return ts
}

// Explain analyses input like Tokenize and returns the tokens with their
// parts of speech.
func (m *Morph) Explain(input []byte) []Token {
	s := getStream(input)
	m.run(s, true)
	out := s.tokens()
	putStream(s)
	return out
}

var (
	tagKatakana = []string{"名詞", "カタカナ語"}
	tagWord     = []string{"名詞", "英単語"}
	tagNumber   = []string{"名詞", "数"}
)

func (m *Morph) run(s *stream, explain bool) {
	text := s.n.Bytes
	chunk := -1
	other := 0 // runes since the last kanji or hiragana in the chunk
	for i := 0; i < len(text); {
		if s.last > 0 && s.pos >= s.last {
			return // the tokens asked for are known (see TokenizeUntil)
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case isKatakanaLetter(r):
			if chunk >= 0 {
				m.chunk(s, chunk, i, explain)
				chunk = -1
			}
			end := katakanaRunEnd(text, i)
			m.katakana(s, i, end, explain)
			i = end
			continue
		case isWordRune(r):
			if chunk >= 0 {
				m.chunk(s, chunk, i, explain)
				chunk = -1
			}
			end := wordRunEnd(text, i)
			word(s, i, end)
			i = end
			continue
		}
		if chunk < 0 {
			chunk = i
			other = 0
		}
		i += size
		if isKanjiOrHiragana(r) {
			other = 0
		} else {
			other++
		}
		n := i - chunk
		if isSentenceEnd(r) || n >= softChunk && isSoftBreak(r) || n >= hardChunk || other >= maxOtherRun {
			m.chunk(s, chunk, i, explain)
			chunk = -1
		}
	}
	if chunk >= 0 {
		m.chunk(s, chunk, len(text), explain)
	}
}

func isKanjiOrHiragana(r rune) bool {
	return r >= 0x3041 && r <= 0x309F || r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && unicode.Is(unicode.Han, r)
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '.', '!', '?', '\n', '｡':
		return true
	}
	return false
}

func isSoftBreak(r rune) bool {
	switch r {
	case '、', ',', ' ', ')', '」', '』', '】', 'を', 'は', 'が', 'に':
		return true
	}
	return false
}

// word emits the term of the Latin or numeric word text[a:b].
func word(s *stream, a, b int) {
	ts := len(s.arena)
	var keep bool
	s.arena, keep = wordTerm(s.arena, s.n.Bytes[a:b])
	if !keep {
		s.skip()
		return
	}
	tag := tagWord
	if tokenType(s.arena[ts:]) == analysis.Numeric {
		tag = tagNumber
	}
	s.emit(ts, a, b, tag)
}

// katakana emits the katakana word text[a:b]: one folded term, or the
// terms of its user dictionary entry.
func (m *Morph) katakana(s *stream, a, b int, explain bool) {
	text := s.n.Bytes
	ts := len(s.arena)
	s.arena = foldKatakana(s.arena, text[a:b])
	if m.dict == nil || len(m.dict.kata) == 0 {
		s.emit(ts, a, b, tagKatakana)
		return
	}
	w, ok := m.dict.kata[string(s.arena[ts:])]
	if !ok || len(w.parts) <= 1 {
		s.emit(ts, a, b, tagKatakana)
		return
	}
	parts := w.parts
	tag := tagUser
	if explain {
		tag = []string{w.pos}
	}
	s.arena = s.arena[:ts]
	i := a
	for k, p := range parts {
		start := i
		for n := utf8.RuneCountInString(p); n > 0 && i < b; {
			r, size := utf8.DecodeRune(text[i:])
			i += size
			if r != middleDot {
				n--
			}
		}
		if k == len(parts)-1 {
			i = b
		}
		pts := len(s.arena)
		s.arena = foldKatakana(s.arena, text[start:i])
		s.emit(pts, start, i, tag)
		for i < b {
			if r, size := utf8.DecodeRune(text[i:]); r == middleDot {
				i += size
				continue
			}
			break
		}
	}
}

var tagUser = []string{"ユーザー辞書"}

// chunk analyses text[a:b], a piece of Japanese text without katakana or
// Latin words: user dictionary words are cut out first, the rest goes
// through the lattice.
func (m *Morph) chunk(s *stream, a, b int, explain bool) {
	if m.dict == nil || len(m.dict.words) == 0 {
		m.lattice(s, a, b, explain)
		return
	}
	text := s.n.Bytes
	plain := a
	for i := a; i < b; {
		w, ok := m.dict.match(text[i:b])
		if !ok {
			_, size := utf8.DecodeRune(text[i:])
			i += size
			continue
		}
		m.lattice(s, plain, i, explain)
		tag := tagUser
		if explain {
			tag = []string{w.pos}
		}
		// The parts spell the surface without its middle dots: each
		// token spans its part's letters in the text and the dots
		// between them.
		j, end := i, i+len(w.surface)
		for _, p := range w.parts {
			for j < end && isMiddleDotAt(text, j) {
				j += 3
			}
			start := j
			for k := 0; k < len(p) && j < end; {
				if isMiddleDotAt(text, j) {
					j += 3
					continue
				}
				_, size := utf8.DecodeRuneInString(p[k:])
				k += size
				j += size
			}
			ts := len(s.arena)
			s.arena = append(s.arena, p...)
			s.emit(ts, start, j, tag)
		}
		i += len(w.surface)
		plain = i
	}
	m.lattice(s, plain, b, explain)
}

// lattice runs Kagome's lattice (see lattice.go) over text[a:b] and emits
// its kept tokens.
func (m *Morph) lattice(s *stream, a, b int, explain bool) {
	if a >= b {
		return
	}
	text := s.n.Bytes
	// The string only lives during this call: the lattice is consumed
	// here, and the surfaces are copied to the arena.
	in := unsafe.String(&text[a], b-a)
	la := analyze(m.ipa, in, true)
	defer la.free()
	for _, k := range la.out {
		t := &la.nodes[k]
		surface := la.surface(t)
		if isBlank(surface) {
			continue
		}
		if isSymbols(surface) {
			s.skip()
			continue
		}
		start := a + int(t.position)
		end := start + len(surface)
		class := m.ipa.class(t)
		if class&wordStop != 0 {
			s.skip()
			continue
		}
		term := surface
		if class&wordBase != 0 {
			if base, ok := m.ipa.baseForm(t); ok && base != "*" && base != "" {
				term = base
			}
		}
		if japaneseStop[term] {
			s.skip()
			continue
		}
		ts := len(s.arena)
		s.arena = append(s.arena, term...)
		var pos []string
		if explain {
			pos = m.ipa.partOfSpeech(t)
		}
		s.emit(ts, start, end, pos)
	}
}

// isSymbols reports whether s holds neither letters nor digits: punctuation
// and symbols, which Kagome's unknown-word model sometimes labels as
// nouns: (, +, ❶.
func isSymbols(s string) bool {
	for _, r := range s {
		if letterOrDigit(r) {
			return false
		}
	}
	return true
}

// letterOrDigit reports whether r is a letter, a digit or a letter-like
// number (unicode.Nl). The kanji, hiragana and katakana of the lattice's
// words are answered without Unicode's tables, which took 3% of Morph's
// instructions.
func letterOrDigit(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0x3041 && r <= 0x3096, // hiragana letters
		r >= 0x30A1 && r <= 0x30FA: // katakana letters
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r)
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// MorphTokenizerConstructor builds a [Morph] from a Bleve config map; the
// optional "user_dict" entry is the text of a user dictionary.
func MorphTokenizerConstructor(config map[string]any, _ *registry.Cache) (analysis.Tokenizer, error) {
	dict, err := userDictFromConfig(config)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", MorphTokenizer, err)
	}
	return NewMorph(dict)
}

func init() {
	if err := registry.RegisterTokenizer(MorphTokenizer, MorphTokenizerConstructor); err != nil {
		panic(err)
	}
}

// isMiddleDotAt reports whether text has ・ at byte i.
func isMiddleDotAt(text []byte, i int) bool {
	return i+3 <= len(text) && text[i] == 0xE3 && string(text[i:i+3]) == string(middleDot)
}
