package analyzers

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// BigramTokenizer is the registered type of the character-bigram
// tokenizer.
const BigramTokenizer = "kensaku_bigram_tokenizer"

// BigramTok is the recall tokenizer: over the same normalised text as
// [Morph], it cuts every run of CJK characters (kanji, kana, hangul) into
// overlapping character pairs, or one character for a run of one; katakana
// words are folded first (・ and a final ー removed), and Latin and numeric
// words become whole terms exactly as in [Morph]. Symbols take a position,
// white space does not. Offsets are bytes into the original text,
// positions start at 1. It is safe for concurrent use.
//
// A pair of two hiragana (した, のは, いう) is not emitted: such pairs are
// mostly particles and endings across a word boundary, nearly every
// passage has them, and the text field covers hiragana words. Pairs with
// one hiragana (視す, 明け) are kept, and so is a run of one hiragana. A
// dropped pair still takes its position, so the positions of the other
// tokens are those of every pair (the bigram index keeps no positions
// anyway). A query analysed with BigramTok drops
// the same pairs: an all-hiragana query has no bigrams and is found
// through the text field only.
type BigramTok struct{}

var _ analysis.Tokenizer = BigramTok{}

// Tokenize implements analysis.Tokenizer.
func (BigramTok) Tokenize(input []byte) analysis.TokenStream {
	s := getStream(input)
	bigrams(s)
	ts := s.tokenStream()
	putStream(s)
	return ts
}

// BigramTerms calls f with the term of every token [BigramTok] makes of
// input, in order, without building Bleve's tokens: what an index of the
// bigrams needs. The term is valid during the call only.
func BigramTerms(input []byte, f func(term []byte)) {
	s := getScratchStream(input)
	bigrams(s)
	for _, t := range s.toks {
		f(s.arena[t.ts:t.te])
	}
	putScratchStream(s)
}

// Explain analyses input like Tokenize and returns the tokens, labelled
// "bigram", "unigram" or as words.
func (BigramTok) Explain(input []byte) []Token {
	s := getStream(input)
	bigrams(s)
	out := s.tokens()
	putStream(s)
	return out
}

var (
	tagBigram  = []string{"bigram"}
	tagUnigram = []string{"unigram"}
)

// cjkRune is one rune of a CJK run: its bytes in the normalised text.
type cjkRune struct{ a, b int }

func bigrams(s *stream) {
	text := s.n.Bytes
	run := s.run[:0]
	defer func() { s.run = run[:0] }()
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case isCJK(r):
			run = run[:0]
			i = cjkRun(text, i, &run)
			if len(run) == 1 {
				ts := len(s.arena)
				s.arena = append(s.arena, text[run[0].a:run[0].b]...)
				s.emit(ts, run[0].a, run[0].b, tagUnigram)
				continue
			}
			hira := isHiragana(runeAt(text, run[0].a))
			for k := 0; k+1 < len(run); k++ {
				prev := hira
				hira = isHiragana(runeAt(text, run[k+1].a))
				if prev && hira {
					s.skip() // an all-hiragana pair
					continue
				}
				ts := len(s.arena)
				s.arena = append(s.arena, text[run[k].a:run[k].b]...)
				s.arena = append(s.arena, text[run[k+1].a:run[k+1].b]...)
				s.emit(ts, run[k].a, run[k+1].b, tagBigram)
			}
		case isWordRune(r):
			end := wordRunEnd(text, i)
			word(s, i, end)
			i = end
		case r == ' ' || r == '\n':
			i += size
		default:
			s.skip()
			i += size
		}
	}
}

func runeAt(text []byte, i int) rune {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRune(text[i:])
	return r
}

// cjkRun appends the runes of the CJK run starting at text[i] to run and
// returns its end. Katakana words inside it are folded like [Normalize]
// does: middle dots skipped, a final ー of a word of four letters or more
// dropped.
func cjkRun(text []byte, i int, run *[]cjkRune) int {
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case isKatakanaLetter(r):
			end := katakanaRunEnd(text, i)
			first := len(*run)
			for j := i; j < end; {
				rr, n := utf8.DecodeRune(text[j:])
				if rr != middleDot {
					*run = append(*run, cjkRune{j, j + n})
				}
				j += n
			}
			if len(*run)-first >= minKataLen {
				for k := len(*run); k > first && string(text[(*run)[k-1].a:(*run)[k-1].b]) == "ー"; k-- {
					*run = (*run)[:k-1]
				}
			}
			i = end
		case isCJK(r):
			*run = append(*run, cjkRune{i, i + size})
			i += size
		default:
			return i
		}
	}
	return i
}

// BigramTokenizerConstructor builds a [BigramTok]; it takes no config.
func BigramTokenizerConstructor(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return BigramTok{}, nil
}

func init() {
	if err := registry.RegisterTokenizer(BigramTokenizer, BigramTokenizerConstructor); err != nil {
		panic(err)
	}
}
