package glossary

import (
	"cmp"
	_ "embed"
	"math"
	"slices"
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

// PartsJapanese returns the Japanese words of data/edict-parts.tsv that
// have english, one word, among their first glosses (intrusion: 侵入,
// its fifth; hierarchy: 階層), the inverse of PartsEnglish and at its
// confidence, the earliest glosses first: candidates for translating an
// English phrase word by word where the glossary's vocabulary, which
// keeps a word's first glosses only, has no word or another sense. They
// are loose (a word's later glosses are often uses: 侵入 is a raid too),
// so a caller keeps only what the text confirms, such as a compound the
// index has. nil when no word has the gloss.
func PartsJapanese(english string) []Equivalent {
	key := strings.ToLower(english)
	if key == "" || strings.ContainsAny(key, " \t\n|") {
		return nil
	}
	type found struct {
		ja    string
		place int
	}
	var fs []found
	// The data is searched for the gloss as a field (after a tab or a
	// bar, before a bar or the end of the line): a lookup reads the 2.5
	// MB once, where an index of the glosses would cost a tenth of a
	// second to build.
	for off := 0; ; {
		i := strings.Index(partsTSV[off:], key)
		if i < 0 {
			break
		}
		i += off
		off = i + len(key)
		if i == 0 || partsTSV[i-1] != '\t' && partsTSV[i-1] != '|' || off < len(partsTSV) && partsTSV[off] != '|' && partsTSV[off] != '\n' {
			continue
		}
		lineStart := strings.LastIndexByte(partsTSV[:i], '\n') + 1
		tab := strings.IndexByte(partsTSV[lineStart:i], '\t')
		if tab < 0 || partsTSV[lineStart] == '#' {
			continue
		}
		place := strings.Count(partsTSV[lineStart+tab:i], "|")
		if place > maxPartsGloss {
			continue
		}
		fs = append(fs, found{ja: partsTSV[lineStart : lineStart+tab], place: place})
	}
	slices.SortStableFunc(fs, func(a, b found) int { return cmp.Compare(a.place, b.place) })
	var out []Equivalent
	for _, f := range fs {
		kind := KindJapanese
		if isKatakanaWord(f.ja) {
			kind = KindKatakana
		}
		out = append(out, Equivalent{Form: f.ja, Kind: kind, Source: SourceEdict, Sense: f.ja,
			Confidence: math.Round(100*partConfidence/math.Sqrt(float64(f.place+1))) / 100})
	}
	return out
}
