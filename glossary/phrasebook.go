package glossary

import (
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
)

//go:embed data/phrasebook.tsv
var phrasebookTSV string

// SourceEnamdict is the source of the phrasebook's names, from ENAMDICT.
const SourceEnamdict = "enamdict"

// Phrasebook confidences: an EDICT gloss (as a rare headword of
// edict-words.tsv) and an ENAMDICT name, each divided by the square root
// of the forms on the line, like edict-words.tsv's.
const (
	phrasebookEdictConfidence = 0.4
	phrasebookNameConfidence  = 0.5
)

// Phrasebook holds the English ↔ Japanese forms that the glossary leaves
// out (data/phrasebook.tsv, written by internal/gen-edict -phrases): the
// rare noun glosses of JMdict/EDICT (constitutional monarchy ↔ 立憲君主制,
// fragmentation ↔ フラグメンテーション) and the names of ENAMDICT written
// in katakana (Eindhoven ↔ アイントホーフェン). Too many to load into
// every glossary at start-up, they are looked up whole, for a query text
// that the glossary does not cover. It is safe for concurrent use.
type Phrasebook struct {
	lines []phraseLine // by key
	// byJapanese indexes lines by the keys of their Japanese forms,
	// sorted by key.
	byJapanese []phraseRef

	initialsOnce sync.Once
	initials     map[string][]int32 // initials → lines (see LongForms)
}

type phraseLine struct {
	key, english string
	japanese     string // |-separated
	enamdict     bool   // the source is ENAMDICT, else EDICT
}

func (l phraseLine) source() string {
	if l.enamdict {
		return SourceEnamdict
	}
	return SourceEdict
}

func (l phraseLine) forms() []string { return strings.Split(l.japanese, "|") }

type phraseRef struct {
	key  string
	line int32
}

// DefaultPhrasebook returns the embedded phrasebook, parsed on the first
// call (about 180,000 lines).
func DefaultPhrasebook() (*Phrasebook, error) { return defaultPhrasebook() }

var defaultPhrasebook = sync.OnceValues(func() (*Phrasebook, error) {
	pb, errs := parsePhrasebook(phrasebookTSV)
	if len(errs) > 0 {
		return pb, fmt.Errorf("glossary: embedded phrasebook: %w", errors.Join(errs...))
	}
	return pb, nil
})

// parsePhrasebook reads the format of data/phrasebook.tsv:
//
//	english <TAB> japanese (|-separated) <TAB> source
//
// with "#" comments and a header line.
func parsePhrasebook(data string) (*Phrasebook, []error) {
	pb := &Phrasebook{}
	var errs []error
	n := 0
	for line := range strings.Lines(data) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "english\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" {
			errs = append(errs, &LineError{Source: "phrasebook", Line: n, Msg: "want english, japanese and source"})
			continue
		}
		if f[2] != SourceEdict && f[2] != SourceEnamdict {
			errs = append(errs, &LineError{Source: "phrasebook", Line: n, Msg: "unknown source " + f[2]})
			continue
		}
		pb.lines = append(pb.lines, phraseLine{key: Normalize(f[0]), english: f[0], japanese: f[1], enamdict: f[2] == SourceEnamdict})
	}
	// The generator writes the lines in key order; a file written by hand
	// may not be.
	byKey := func(a, b phraseLine) int { return cmp.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(pb.lines, byKey) {
		slices.SortStableFunc(pb.lines, byKey)
	}
	pb.byJapanese = make([]phraseRef, 0, len(pb.lines)*4/3)
	for i, l := range pb.lines {
		for ja := range strings.SplitSeq(l.japanese, "|") {
			pb.byJapanese = append(pb.byJapanese, phraseRef{key: Normalize(ja), line: int32(i)})
		}
	}
	slices.SortFunc(pb.byJapanese, func(a, b phraseRef) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.line, b.line))
	})
	return pb, errs
}

// Len returns the number of English forms in pb.
func (pb *Phrasebook) Len() int { return len(pb.lines) }

func (l phraseLine) confidence() float64 {
	c := phrasebookEdictConfidence
	if l.enamdict {
		c = phrasebookNameConfidence
	}
	return math.Round(100*c/math.Sqrt(float64(strings.Count(l.japanese, "|")+1))) / 100
}

// JapaneseOf returns the Japanese forms of the English text (compared
// after Normalize), the first listed first.
func (pb *Phrasebook) JapaneseOf(english string) []Equivalent {
	key := Normalize(english)
	i, ok := slices.BinarySearchFunc(pb.lines, key, func(l phraseLine, k string) int { return cmp.Compare(l.key, k) })
	if !ok || key == "" {
		return nil
	}
	l := pb.lines[i]
	var out []Equivalent
	for _, ja := range l.forms() {
		kind := KindJapanese
		if isKatakanaWord(ja) {
			kind = KindKatakana
		}
		out = append(out, Equivalent{Form: ja, Kind: kind, Source: l.source(), Sense: l.english, Confidence: l.confidence()})
	}
	return out
}

// EnglishOf returns the English forms whose lines hold the Japanese text
// (compared after Normalize), the most confident first.
func (pb *Phrasebook) EnglishOf(japanese string) []Equivalent {
	key := Normalize(japanese)
	if key == "" {
		return nil
	}
	i, _ := slices.BinarySearchFunc(pb.byJapanese, key, func(r phraseRef, k string) int { return cmp.Compare(r.key, k) })
	var out []Equivalent
	for ; i < len(pb.byJapanese) && pb.byJapanese[i].key == key; i++ {
		l := pb.lines[pb.byJapanese[i].line]
		if slices.ContainsFunc(out, func(e Equivalent) bool { return e.Form == l.english }) {
			continue // two forms of one line with one key
		}
		out = append(out, Equivalent{Form: l.english, Kind: KindEnglish, Source: l.source(), Sense: l.english, Confidence: l.confidence()})
	}
	slices.SortStableFunc(out, func(a, b Equivalent) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}

// LongForms returns the English forms of two to six words whose initials
// spell acronym (case folded), of all words or of the words other than
// function words (World War I: WWI; Japanese National Railways: JNR), in
// the phrasebook's order. The index of initials is built on the first
// call.
func (pb *Phrasebook) LongForms(acronym string) []string {
	pb.initialsOnce.Do(pb.indexInitials)
	var out []string
	for _, i := range pb.initials[strings.ToLower(acronym)] {
		out = append(out, pb.lines[i].english)
	}
	return out
}

func (pb *Phrasebook) indexInitials() {
	pb.initials = map[string][]int32{}
	for i, l := range pb.lines {
		words := strings.Fields(l.english)
		if len(words) < 2 || len(words) > 6 {
			continue
		}
		var all, content []byte
		ok := true
		for _, w := range words {
			c := w[0] | 0x20
			if c < 'a' || c > 'z' {
				ok = false
				break
			}
			initial := []byte{c}
			if romanNumeral(w) {
				initial = []byte(strings.ToLower(w)) // World War II: WWII
			}
			all = append(all, initial...)
			if !initialsStopWords[strings.ToLower(w)] {
				content = append(content, initial...)
			}
		}
		if !ok {
			continue
		}
		pb.initials[string(all)] = append(pb.initials[string(all)], int32(i))
		if len(content) >= 2 && string(content) != string(all) {
			pb.initials[string(content)] = append(pb.initials[string(content)], int32(i))
		}
	}
}

// initialsStopWords are left out of the second spelling of initials.
var initialsStopWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "in": true,
	"on": true, "to": true, "a": true, "an": true, "at": true, "by": true}

// romanNumeral reports whether w is a Roman numeral of up to four
// capitals (I, II, IV).
func romanNumeral(w string) bool {
	if len(w) > 4 {
		return false
	}
	for i := range len(w) {
		if !strings.ContainsRune("IVX", rune(w[i])) {
			return false
		}
	}
	return true
}
