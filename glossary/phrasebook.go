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

//go:generate go test -run TestPhrasebookTable -update .

// phrasebookTable is data/phrasebook.tsv written as a phrasebook table
// (see marshalPhrasebook) by TestPhrasebookTable with -update; the TSV
// itself is not embedded.
//
//go:embed data/phrasebook.bin
var phrasebookTable string

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
//
// A Phrasebook is a table searched where it lies, as the lexicons'
// glossary is (see table.go): the lines in key order and three keyIndex
// of line numbers, by the key of the English form, by the keys of the
// Japanese forms and by initials (see LongForms). A line is decoded when
// a lookup returns it. The encoding (numbers little endian; "uv" an
// unsigned varint; a string a uv length and its bytes):
//
//	magic    [8]byte "KSPHRAS1"
//	counts   4 × uint32: lines, then the slots of the indexes by
//	         English, by Japanese and by initials
//	lines    (lines+1) × uint32: offsets of the line records
//	slots    the slots of the three indexes (keyIndex)
//	records  the line records, then the key records of the indexes
//
// A line record is the English form and the Japanese forms (|-separated)
// as strings, then a byte: 1 for a name of ENAMDICT, 0 for EDICT. Most
// keys are written as the offset of the same form in a line record.
type Phrasebook struct {
	data                        string
	lines                       []uint32 // offsets of the line records
	english, japanese, initials keyIndex
}

const phrasebookMagic = "KSPHRAS1"

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

// DefaultPhrasebook returns the embedded phrasebook (about 200,000
// lines), ready to use without parsing: the first call costs
// microseconds.
func DefaultPhrasebook() (*Phrasebook, error) { return defaultPhrasebook() }

var defaultPhrasebook = sync.OnceValues(func() (*Phrasebook, error) {
	pb, err := readPhrasebook(phrasebookTable)
	if err != nil {
		return nil, fmt.Errorf("glossary: embedded phrasebook: %w", err)
	}
	return pb, nil
})

// parsePhrasebook reads the format of data/phrasebook.tsv (see
// parsePhraseLines) into a phrasebook.
func parsePhrasebook(data string) (*Phrasebook, []error) {
	lines, errs := parsePhraseLines(data)
	pb, err := readPhrasebook(string(marshalPhrasebook(lines)))
	if err != nil {
		errs = append(errs, err)
	}
	return pb, errs
}

// parsePhraseLines reads the format of data/phrasebook.tsv:
//
//	english <TAB> japanese (|-separated) <TAB> source
//
// with "#" comments and a header line, and returns its lines in key
// order.
func parsePhraseLines(data string) ([]phraseLine, []error) {
	var lines []phraseLine
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
		lines = append(lines, phraseLine{key: Normalize(f[0]), english: f[0], japanese: f[1], enamdict: f[2] == SourceEnamdict})
	}
	// The generator writes the lines in key order; a file written by hand
	// may not be.
	byKey := func(a, b phraseLine) int { return cmp.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(lines, byKey) {
		slices.SortStableFunc(lines, byKey)
	}
	return lines, errs
}

// marshalPhrasebook encodes lines, in key order, as a phrasebook table.
func marshalPhrasebook(lines []phraseLine) []byte {
	english, japanese, initials := map[string][]int{}, map[string][]int{}, map[string][]int{}
	for i, l := range lines {
		english[l.key] = append(english[l.key], i)
		for ja := range strings.SplitSeq(l.japanese, "|") {
			k := Normalize(ja)
			if nums := japanese[k]; len(nums) == 0 || nums[len(nums)-1] != i {
				japanese[k] = append(nums, i)
			}
		}
		for _, k := range lineInitials(l.english) {
			initials[k] = append(initials[k], i)
		}
	}
	indexes := []*keyIndexWriter{newKeyIndexWriter(english), newKeyIndexWriter(japanese), newKeyIndexWriter(initials)}
	var w writer
	w.b = append(w.b, phrasebookMagic...)
	w.u32(uint32(len(lines)))
	for _, x := range indexes {
		x.count(&w)
	}
	linesAt := w.reserve(len(lines) + 1)
	for _, x := range indexes {
		x.slots(&w)
	}
	written := map[string]int{} // the offsets of the forms, for the keys
	for i, l := range lines {
		w.put(linesAt, i, len(w.b))
		w.str(l.english)
		if _, ok := written[l.english]; !ok {
			written[l.english] = len(w.b) - len(l.english)
		}
		w.str(l.japanese)
		at := len(w.b) - len(l.japanese)
		for ja := range strings.SplitSeq(l.japanese, "|") {
			if _, ok := written[ja]; !ok {
				written[ja] = at
			}
			at += len(ja) + 1
		}
		if l.enamdict {
			w.b = append(w.b, 1)
		} else {
			w.b = append(w.b, 0)
		}
	}
	w.put(linesAt, len(lines), len(w.b))
	for _, x := range indexes {
		x.records(&w, written)
	}
	return w.b
}

// readPhrasebook reads a phrasebook table.
func readPhrasebook(data string) (*Phrasebook, error) {
	if len(data) < 12 || data[:8] != phrasebookMagic {
		return nil, errors.New("not a phrasebook table")
	}
	r := reader{data: data, pos: 8}
	nLines := r.u32()
	var slots [3]uint32
	for i := range slots {
		slots[i] = r.u32()
	}
	pb := &Phrasebook{data: data}
	pb.lines = r.u32s(int(nLines) + 1)
	if r.err != nil {
		return nil, fmt.Errorf("phrasebook table: %w", r.err)
	}
	if int(pb.lines[nLines]) > len(data) || pb.lines[0] > pb.lines[nLines] {
		return nil, errors.New("phrasebook table: lines out of bounds")
	}
	for i, x := range []*keyIndex{&pb.english, &pb.japanese, &pb.initials} {
		var err error
		if *x, err = readKeyIndex(&r, slots[i]); err != nil {
			return nil, fmt.Errorf("phrasebook table: index %d: %w", i, err)
		}
	}
	return pb, nil
}

// line decodes line number i.
func (pb *Phrasebook) line(i int) phraseLine {
	r := reader{data: pb.data[:pb.lines[i+1]], pos: int(pb.lines[i])}
	l := phraseLine{english: r.str(), japanese: r.str()}
	l.enamdict = r.pos < len(r.data) && r.data[r.pos] == 1
	return l
}

// Len returns the number of English forms in pb.
func (pb *Phrasebook) Len() int { return len(pb.lines) - 1 }

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
	if key == "" {
		return nil
	}
	i, ok := pb.english.first(key)
	if !ok {
		return nil
	}
	l := pb.line(i)
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
	var out []Equivalent
	for _, i := range pb.japanese.get(key) {
		l := pb.line(i)
		if slices.ContainsFunc(out, func(e Equivalent) bool { return e.Form == l.english }) {
			continue // two lines of one English form
		}
		out = append(out, Equivalent{Form: l.english, Kind: KindEnglish, Source: l.source(), Sense: l.english, Confidence: l.englishConfidence()})
	}
	return sortEnglishOf(japanese, out)
}

// englishConfidence is the confidence of the line's English form as the
// English of one of its Japanese forms: as confidence, but the katakana
// forms, which spell the English itself rather than other words for it
// (vulnerability: 脆弱性, バルネラビリティ, ヴァルネラビリティ), do not
// divide it.
func (l phraseLine) englishConfidence() float64 {
	c := phrasebookEdictConfidence
	if l.enamdict {
		c = phrasebookNameConfidence
	}
	words := 0
	for _, f := range l.forms() {
		if !isKatakanaWord(f) {
			words++
		}
	}
	return math.Round(100*c/math.Sqrt(float64(max(words, 1)))) / 100
}

// sortEnglishOf sorts the English forms of the Japanese text by
// confidence, then by their place among the word's EDICT glosses
// (PartsEnglish: 脆弱性 is vulnerability first, fragility last), the
// forms it does not list after those it does.
func sortEnglishOf(japanese string, out []Equivalent) []Equivalent {
	if len(out) < 2 {
		return out
	}
	place := map[string]int{}
	for i, g := range PartsEnglish(japanese) {
		if _, ok := place[g.Form]; !ok {
			place[g.Form] = i
		}
	}
	at := func(f string) int {
		if i, ok := place[f]; ok {
			return i
		}
		return len(place)
	}
	slices.SortStableFunc(out, func(a, b Equivalent) int {
		return cmp.Or(cmp.Compare(b.Confidence, a.Confidence), cmp.Compare(at(a.Form), at(b.Form)))
	})
	return out
}

// LongForms returns the English forms of two to six words whose initials
// spell acronym (case folded), of all words or of the words other than
// function words (World War I: WWI; Japanese National Railways: JNR), in
// the phrasebook's order.
func (pb *Phrasebook) LongForms(acronym string) []string {
	var out []string
	for _, i := range pb.initials.get(strings.ToLower(acronym)) {
		out = append(out, pb.line(i).english)
	}
	return out
}

// lineInitials returns the keys under which LongForms finds english: the
// initials of its words, and those of its words but function words when
// they differ and are two letters or more; none unless english is two to
// six words, each starting with an ASCII letter.
func lineInitials(english string) []string {
	words := strings.Fields(english)
	if len(words) < 2 || len(words) > 6 {
		return nil
	}
	var all, content []byte
	for _, w := range words {
		c := w[0] | 0x20
		if c < 'a' || c > 'z' {
			return nil
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
	if len(content) >= 2 && string(content) != string(all) {
		return []string{string(all), string(content)}
	}
	return []string{string(all)}
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
