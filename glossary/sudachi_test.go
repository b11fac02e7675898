package glossary

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestSudachi checks the generated Sudachi lexicon for known groups of the
// real data.
func TestSudachi(t *testing.T) {
	entries, err := Sudachi()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 20000 {
		t.Errorf("Sudachi lexicon has %d entries, want at least 20,000", len(entries))
	}
	bySense := map[string]Entry{}
	for _, e := range entries {
		if e.Source != SourceSudachi || e.Confidence <= 0 || e.Confidence > 1 {
			t.Fatalf("entry %+v: want source %s and a confidence in (0, 1]", e, SourceSudachi)
		}
		if _, dup := bySense[e.Sense]; dup || !strings.Contains(e.Sense, "/") {
			t.Fatalf("entry %+v: want a sense group/number of its own", e)
		}
		bySense[e.Sense] = e
	}
	// find returns the senses holding form.
	find := func(form string) []Entry {
		var out []Entry
		for _, e := range entries {
			if slices.Contains(e.Forms(), form) {
				out = append(out, e)
			}
		}
		return out
	}
	one := func(form string) Entry {
		t.Helper()
		es := find(form)
		if len(es) != 1 {
			t.Fatalf("%s: in %d senses, want 1: %+v", form, len(es), es)
		}
		return es[0]
	}

	debris := one("デブリ")
	if !slices.Contains(debris.English, "debris") || !slices.Contains(debris.Japanese, "デブリ") {
		t.Errorf("デブリ: %+v, want English debris", debris)
	}

	un := one("国際連合")
	if un.Acronym != "UN" || !slices.Contains(un.English, "United Nations") || !slices.Contains(un.Japanese, "国連") {
		t.Errorf("国際連合: %+v, want acronym UN, English United Nations and Japanese 国連", un)
	}
	// Sudachi marks UN as not expanding by itself (expandControl 1).
	if !slices.Contains(un.NoTrigger, "UN") || slices.Contains(un.NoTrigger, "国連") {
		t.Errorf("国際連合: no-trigger forms %v, want UN and not 国連", un.NoTrigger)
	}
	g := New(entries)
	if got := g.Lookup("UN"); slices.ContainsFunc(got, func(e Entry) bool { return e.Sense == un.Sense }) {
		t.Errorf("Lookup(UN) found the no-trigger form: %+v", got)
	}
	if got := g.Lookup("国連"); !slices.ContainsFunc(got, func(e Entry) bool { return e.Sense == un.Sense }) {
		t.Errorf("Lookup(国連) = %+v, want the 国際連合 sense", got)
	}

	// Senses of one group stay apart: operating system ↔ OS ↔
	// オペレーティングシステム is one sense, 基本ソフト another.
	os := one("operating system")
	if os.Acronym != "OS" || !slices.Contains(os.Japanese, "オペレーティングシステム") {
		t.Errorf("operating system: %+v, want acronym OS and オペレーティングシステム", os)
	}
	if slices.Contains(os.Forms(), "基本ソフト") || slices.Contains(os.Forms(), "system software") {
		t.Errorf("operating system: %+v holds forms of other senses of its group", os)
	}
	group, _, _ := strings.Cut(os.Sense, "/")
	if other := one("system software"); !strings.HasPrefix(other.Sense, group+"/") || other.Sense == os.Sense {
		t.Errorf("system software: sense %q, want another sense of group %s", other.Sense, group)
	}
	for _, l := range g.Lookup("operating system") {
		if slices.Contains(l.Forms(), "system software") {
			t.Errorf("Lookup(operating system) relates it to system software: %+v", l)
		}
	}

	// Old names are aliases: Yahoo!オークション was the name of ヤフオク!.
	if yahoo := one("Yahoo!オークション"); !slices.Contains(yahoo.Aliases, "Yahoo!オークション") {
		t.Errorf("Yahoo!オークション: %+v, want it as an alias", yahoo)
	}
	// A form of one character never triggers.
	for _, e := range entries {
		for _, f := range e.Forms() {
			if len([]rune(Normalize(f))) == 1 && e.triggers(f) {
				t.Fatalf("entry %+v: the one-character form %q triggers", e, f)
			}
		}
	}
}

func TestParseSudachi(t *testing.T) {
	data := "# comment\n" +
		"sense\tconfidence\tacronym\tenglish\tjapanese\taliases\tno_trigger\n" +
		"1/1\t0.7\tUN\tUnited Nations\t国際連合|国連\t\tUN\n" +
		"2/1\t0.5\t\t\tヤフオク!\tYahoo!オークション\t\n" +
		"3/1\t0.7\t\tdebris\n" + // too few fields
		"4/1\tx\t\tdebris\tデブリ\t\t\n" + // bad confidence
		"5/1\t0.7\t\t\tデブリ\t\t\n" + // one form
		"6/1\t0.7\t\tdebris\tデブリ\t\t\t\n" // too many fields
	got, errs := parseSudachi([]byte(data))
	want := []Entry{
		{Sense: "1/1", Acronym: "UN", English: []string{"United Nations"}, Japanese: []string{"国際連合", "国連"},
			NoTrigger: []string{"UN"}, Source: SourceSudachi, Confidence: 0.7, Evidence: "SudachiDict synonyms"},
		{Sense: "2/1", Japanese: []string{"ヤフオク!"}, Aliases: []string{"Yahoo!オークション"},
			Source: SourceSudachi, Confidence: 0.5, Evidence: "SudachiDict synonyms"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !entriesEqual(got[i], want[i]) {
			t.Errorf("entry %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	var lines []int
	for _, err := range errs {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("error %v is not a *LineError", err)
		}
		lines = append(lines, le.Line)
	}
	if !slices.Equal(lines, []int{5, 6, 7, 8}) {
		t.Errorf("errors on lines %v, want 5 6 7 8: %v", lines, errs)
	}
}

func entriesEqual(a, b Entry) bool {
	return a.Sense == b.Sense && a.Acronym == b.Acronym && slices.Equal(a.English, b.English) &&
		slices.Equal(a.Japanese, b.Japanese) && slices.Equal(a.Aliases, b.Aliases) &&
		slices.Equal(a.NoTrigger, b.NoTrigger) && a.Source == b.Source && a.Confidence == b.Confidence &&
		a.Evidence == b.Evidence
}

func FuzzParseSudachi(f *testing.F) {
	f.Add([]byte("1/1\t0.7\tUN\tUnited Nations\t国際連合|国連\t\tUN\n"))
	f.Add([]byte("# c\nsense\t\n2/1\t0.5\t\t\tヤフオク!\tYahoo!オークション\t\n"))
	f.Add([]byte("\xff\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := parseSudachi(data)
		for _, e := range entries {
			if e.Sense == "" || len(e.Forms()) < 2 || !(e.Confidence >= 0 && e.Confidence <= 1) {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

// BenchmarkSudachi measures parsing the embedded lexicon and building a
// glossary of it with the curated and EDICT entries (what a search engine
// does at start-up).
func BenchmarkSudachi(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, errs := parseSudachi(sudachiData()); len(errs) > 0 {
				b.Fatal(errs)
			}
		}
	})
	b.Run("new", func(b *testing.B) {
		cur, _ := Curated()
		ed, _ := Edict()
		syn, _ := Sudachi()
		all := slices.Concat(cur, ed, syn)
		b.ReportAllocs()
		for b.Loop() {
			New(all)
		}
	})
}
