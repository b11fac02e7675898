package glossary

import (
	_ "embed"
	"math"
	"sort"
	"strings"
	"sync"
)

// partsTSV is data/edict-parts.tsv, written by internal/gen-edict -parts:
// one Japanese word a line, sorted, with all its short English glosses
// (japanese <TAB> english|english|...), for translating a Japanese
// compound part by part.
//
//go:embed data/edict-parts.tsv
var partsTSV string

// partConfidence is the confidence of a part's first gloss; the n-th
// (from 0) has partConfidence/√(n+1): EDICT lists a word's commonest
// English first.
const partConfidence = 0.35

// partLines are the offsets of the data lines of partsTSV, in order.
var partLines = sync.OnceValue(func() []uint32 {
	var out []uint32
	for off := 0; off < len(partsTSV); {
		end := strings.IndexByte(partsTSV[off:], '\n')
		if end < 0 {
			end = len(partsTSV) - off
		}
		if partsTSV[off] != '#' {
			out = append(out, uint32(off))
		}
		off += end + 1
	}
	return out
})

// partLine returns the Japanese and English fields of line i.
func partLine(lines []uint32, i int) (string, string) {
	line := partsTSV[lines[i]:]
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	ja, en, _ := strings.Cut(line, "\t")
	return ja, en
}

// PartsEnglish returns the English glosses of the Japanese word japanese
// as EDICT gives them, with the vague and adjectival ones the glossary's
// vocabulary leaves out (番号: number, series of digits; 全地球: whole
// earth, global), as equivalents of Source "edict" and Sense the word, at
// partConfidence falling with their place; nil for a word it does not
// have. The word is looked up as written.
func PartsEnglish(japanese string) []Equivalent {
	lines := partLines()
	i := sort.Search(len(lines), func(i int) bool {
		ja, _ := partLine(lines, i)
		return ja >= japanese
	})
	if i == len(lines) {
		return nil
	}
	ja, en := partLine(lines, i)
	if ja != japanese {
		return nil
	}
	var out []Equivalent
	for n, f := range strings.Split(en, "|") {
		out = append(out, Equivalent{Form: f, Kind: KindEnglish, Source: SourceEdict, Sense: japanese,
			Confidence: math.Round(100*partConfidence/math.Sqrt(float64(n+1))) / 100})
	}
	return out
}

// maxPartsGloss is the place (from 0) of the last gloss PartsJapanese
// reads of a word: further down EDICT's list the glosses are uses rather
// than names of the word.
const maxPartsGloss = 5

// partGloss is one single-word English gloss of a line of partsTSV.
type partGloss struct {
	english string // lower case
	line    uint32 // index in partLines
	place   uint8  // the gloss's place in the line, from 0
}

// partGlosses are the single-word glosses of partsTSV, sorted by English,
// then place, then line.
var partGlosses = sync.OnceValue(func() []partGloss {
	lines := partLines()
	out := make([]partGloss, 0, 2*len(lines))
	for i := range lines {
		_, en := partLine(lines, i)
		for n, f := range strings.Split(en, "|") {
			if n > maxPartsGloss {
				break
			}
			if strings.ContainsAny(f, " ") || f == "" {
				continue
			}
			out = append(out, partGloss{english: strings.ToLower(f), line: uint32(i), place: uint8(n)})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.english != y.english {
			return x.english < y.english
		}
		if x.place != y.place {
			return x.place < y.place
		}
		return x.line < y.line
	})
	return out
})

// PartsJapanese returns the Japanese words of data/edict-parts.tsv that
// have english, one word, among their first glosses (intrusion: 侵入,
// its fifth; hierarchy: 階層), the inverse of PartsEnglish and at its
// confidence, the earliest glosses first: candidates for translating an
// English phrase word by word where the glossary's vocabulary, which
// keeps a word's first glosses only, has no word or another sense. They
// are loose (a word's later glosses are often uses: 侵入 is a raid too),
// so a caller keeps only what the text confirms, such as a compound the
// index has. nil when no word has the gloss. The first call reads the
// data (about 200,000 glosses).
func PartsJapanese(english string) []Equivalent {
	key := strings.ToLower(english)
	gs := partGlosses()
	i := sort.Search(len(gs), func(i int) bool { return gs[i].english >= key })
	lines := partLines()
	var out []Equivalent
	for ; i < len(gs) && gs[i].english == key; i++ {
		ja, _ := partLine(lines, int(gs[i].line))
		kind := KindJapanese
		if isKatakanaWord(ja) {
			kind = KindKatakana
		}
		out = append(out, Equivalent{Form: ja, Kind: kind, Source: SourceEdict, Sense: ja,
			Confidence: math.Round(100*partConfidence/math.Sqrt(float64(gs[i].place+1))) / 100})
	}
	return out
}
