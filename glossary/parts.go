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
