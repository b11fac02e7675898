package glossary

import (
	"bytes"
	"cmp"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestPhrasebook(t *testing.T) {
	data := "# comment\nenglish\tjapanese\tsource\n" +
		"printing press\t印刷機\tedict\n" +
		"Eindhoven\tアイントホーフェン\tenamdict\n" +
		"Japanese National Railways\t日本国有鉄道\tedict\n" +
		"World War I\t第一次世界大戦\tedict\n" +
		"World War II\t第二次世界大戦\tedict\n" +
		"Democratic Republic of Congo\tコンゴ民主共和国\tedict\n" +
		"press\t印刷機|報道機関\tedict\n" +
		"broken line\n"
	pb, errs := parsePhrasebook(data)
	if len(errs) != 1 {
		t.Errorf("errors %v, want one for the broken line", errs)
	}
	if pb.Len() != 7 {
		t.Errorf("Len %d, want 7", pb.Len())
	}
	forms := func(eqs []Equivalent) []string {
		var out []string
		for _, e := range eqs {
			out = append(out, e.Form)
		}
		return out
	}
	for _, c := range []struct {
		name string
		got  []string
		want []string
	}{
		{"Japanese of an English phrase, case and space folded", forms(pb.JapaneseOf("Printing  Press")), []string{"印刷機"}},
		{"katakana name", forms(pb.JapaneseOf("eindhoven")), []string{"アイントホーフェン"}},
		{"unknown", forms(pb.JapaneseOf("printing")), nil},
		{"English of a Japanese form, the most confident first", forms(pb.EnglishOf("印刷機")), []string{"printing press", "press"}},
		{"initials of all words", pb.LongForms("JNR"), []string{"Japanese National Railways"}},
		{"a Roman numeral is its own letters", pb.LongForms("wwi"), []string{"World War I"}},
		{"initials without function words", pb.LongForms("DRC"), []string{"Democratic Republic of Congo"}},
		{"initials of all words, function words too", pb.LongForms("DROC"), []string{"Democratic Republic of Congo"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if eqs := pb.JapaneseOf("Eindhoven"); len(eqs) != 1 || eqs[0].Kind != KindKatakana || eqs[0].Source != SourceEnamdict || eqs[0].Confidence != 0.5 {
		t.Errorf("Eindhoven: %+v, want one katakana form from enamdict at 0.5", eqs)
	}
	if eqs := pb.EnglishOf("報道機関"); len(eqs) != 1 || eqs[0].Confidence != 0.28 {
		t.Errorf("報道機関: %+v, want press at 0.4/√2", eqs)
	}
}

// TestPhrasebookEnglishOfOrder: the English of a Japanese word is not
// made less confident by the katakana spellings of that English, and
// forms of one confidence follow the word's EDICT gloss order.
func TestPhrasebookEnglishOfOrder(t *testing.T) {
	pb, err := DefaultPhrasebook()
	if err != nil {
		t.Fatal(err)
	}
	eqs := pb.EnglishOf("脆弱性")
	if len(eqs) == 0 || eqs[0].Form != "vulnerability" || eqs[0].Confidence != 0.4 {
		t.Errorf("脆弱性: %+v, want vulnerability first at 0.4", eqs)
	}
}

// TestDefaultPhrasebook checks the embedded data parses and holds both
// of its sources.
func TestDefaultPhrasebook(t *testing.T) {
	pb, err := DefaultPhrasebook()
	if err != nil {
		t.Fatal(err)
	}
	if pb.Len() < 100000 {
		t.Errorf("%d English forms, want over 100,000", pb.Len())
	}
	for _, c := range []struct{ english, japanese, source string }{
		{"constitutional monarchy", "立憲君主制", SourceEdict},
		{"Aristotle", "アリストテレス", SourceEnamdict},
	} {
		if !slices.ContainsFunc(pb.JapaneseOf(c.english), func(e Equivalent) bool { return e.Form == c.japanese && e.Source == c.source }) {
			t.Errorf("%s: %+v, want %s from %s", c.english, pb.JapaneseOf(c.english), c.japanese, c.source)
		}
	}
}

// TestPhrasebookTable checks that data/phrasebook.bin is what
// marshalPhrasebook makes of data/phrasebook.tsv, and with -update
// rewrites it.
func TestPhrasebookTable(t *testing.T) {
	lines := phrasebookTSVLines(t)
	want := marshalPhrasebook(lines)
	if *update {
		if err := os.WriteFile("data/phrasebook.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(want, []byte(phrasebookTable)) {
		t.Fatal("data/phrasebook.bin is not what data/phrasebook.tsv makes: run go test ./glossary -run TestPhrasebookTable -update")
	}
}

// phrasebookTSVLines parses data/phrasebook.tsv.
func phrasebookTSVLines(t testing.TB) []phraseLine {
	t.Helper()
	data, err := os.ReadFile("data/phrasebook.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines, errs := parsePhraseLines(string(data))
	if len(errs) > 0 {
		t.Fatal(errors.Join(errs...))
	}
	return lines
}

// TestPhrasebookMatchTSV checks that the embedded phrasebook answers as
// the lines of data/phrasebook.tsv searched directly (refPhrasebook) for
// every English key, Japanese key and initials, and for misses.
func TestPhrasebookMatchTSV(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the phrasebook")
	}
	ref := newRefPhrasebook(phrasebookTSVLines(t))
	pb, err := DefaultPhrasebook()
	if err != nil {
		t.Fatal(err)
	}
	if pb.Len() != len(ref.lines) {
		t.Fatalf("Len %d, want %d", pb.Len(), len(ref.lines))
	}
	check := func(what, text string, want, got []Equivalent) {
		t.Helper()
		if !slices.Equal(want, got) {
			t.Fatalf("%s(%q) (-TSV +table):\n%s", what, text, gocmp.Diff(want, got, cmpopts.EquateEmpty()))
		}
	}
	checkLong := func(text string, want, got []string) {
		t.Helper()
		if !slices.Equal(want, got) {
			t.Fatalf("LongForms(%q): %q, table %q", text, want, got)
		}
	}
	// Under the race detector, every 7th line.
	step := 1
	if raceEnabled {
		step = 7
	}
	for i := 0; i < len(ref.lines); i += step {
		l := ref.lines[i]
		check("JapaneseOf", l.english, ref.JapaneseOf(l.english), pb.JapaneseOf(l.english))
		check("JapaneseOf", l.key, ref.JapaneseOf(l.key), pb.JapaneseOf(l.key))
	}
	for i, r := range ref.byJapanese {
		if i > 0 && ref.byJapanese[i-1].key == r.key || r.line%step != 0 {
			continue
		}
		check("EnglishOf", r.key, ref.EnglishOf(r.key), pb.EnglishOf(r.key))
	}
	for k := range ref.initials {
		checkLong(k, ref.LongForms(k), pb.LongForms(k))
		checkLong(strings.ToUpper(k), ref.LongForms(k), pb.LongForms(strings.ToUpper(k)))
	}
	for _, k := range []string{"", " ", "no such phrase at all", "存在しない語句", "QQQQQ"} {
		check("JapaneseOf", k, ref.JapaneseOf(k), pb.JapaneseOf(k))
		check("EnglishOf", k, ref.EnglishOf(k), pb.EnglishOf(k))
		checkLong(k, ref.LongForms(k), pb.LongForms(k))
	}
	// Every key of the table's indexes is a key of the TSV's.
	pb.english.all(func(k string, nums []int) {
		if len(ref.JapaneseOf(k)) == 0 {
			t.Errorf("table key %q: the TSV has no line", k)
		}
	})
	n := 0
	pb.initials.all(func(k string, nums []int) {
		n++
		if len(ref.initials[k]) != len(nums) {
			t.Errorf("initials %q: %d lines, TSV %d", k, len(nums), len(ref.initials[k]))
		}
	})
	if n != len(ref.initials) {
		t.Errorf("%d initials, TSV %d", n, len(ref.initials))
	}
}

func TestReadPhrasebookRejects(t *testing.T) {
	for _, data := range []string{"", phrasebookMagic, phrasebookTable[:40], "KSPHRAS0" + phrasebookTable[8:]} {
		if _, err := readPhrasebook(data); err == nil {
			t.Errorf("readPhrasebook of %d bytes: no error", len(data))
		}
	}
}

// refPhrasebook searches the lines of a phrasebook directly: the lines by
// key, the Japanese forms' keys sorted, the initials in a map.
type refPhrasebook struct {
	lines      []phraseLine
	byJapanese []refPhraseRef
	initials   map[string][]int
}

type refPhraseRef struct {
	key  string
	line int
}

func newRefPhrasebook(lines []phraseLine) *refPhrasebook {
	pb := &refPhrasebook{lines: lines, initials: map[string][]int{}}
	for i, l := range lines {
		for ja := range strings.SplitSeq(l.japanese, "|") {
			pb.byJapanese = append(pb.byJapanese, refPhraseRef{key: Normalize(ja), line: i})
		}
		for _, k := range lineInitials(l.english) {
			pb.initials[k] = append(pb.initials[k], i)
		}
	}
	slices.SortFunc(pb.byJapanese, func(a, b refPhraseRef) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.line, b.line))
	})
	return pb
}

func (pb *refPhrasebook) JapaneseOf(english string) []Equivalent {
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

func (pb *refPhrasebook) EnglishOf(japanese string) []Equivalent {
	key := Normalize(japanese)
	if key == "" {
		return nil
	}
	i, _ := slices.BinarySearchFunc(pb.byJapanese, key, func(r refPhraseRef, k string) int { return cmp.Compare(r.key, k) })
	var out []Equivalent
	for ; i < len(pb.byJapanese) && pb.byJapanese[i].key == key; i++ {
		l := pb.lines[pb.byJapanese[i].line]
		if slices.ContainsFunc(out, func(e Equivalent) bool { return e.Form == l.english }) {
			continue
		}
		out = append(out, Equivalent{Form: l.english, Kind: KindEnglish, Source: l.source(), Sense: l.english, Confidence: l.englishConfidence()})
	}
	return sortEnglishOf(japanese, out)
}

func (pb *refPhrasebook) LongForms(acronym string) []string {
	var out []string
	for _, i := range pb.initials[strings.ToLower(acronym)] {
		out = append(out, pb.lines[i].english)
	}
	return out
}

// BenchmarkDefaultPhrasebook measures reading the embedded phrasebook
// table, beside BenchmarkParsePhrasebook, parsing data/phrasebook.tsv
// into the lines that table is made of.
func BenchmarkDefaultPhrasebook(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readPhrasebook(phrasebookTable); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePhrasebook(b *testing.B) {
	data, err := os.ReadFile("data/phrasebook.tsv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := parsePhraseLines(string(data)); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkPhrasebookLookup measures the three lookups in the table.
func BenchmarkPhrasebookLookup(b *testing.B) {
	pb, err := DefaultPhrasebook()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pb.JapaneseOf("constitutional monarchy")
		pb.JapaneseOf("no such phrase")
		pb.EnglishOf("アリストテレス")
		pb.LongForms("JNR")
	}
}
