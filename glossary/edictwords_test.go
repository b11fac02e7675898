package glossary

import (
	"errors"
	"slices"
	"testing"
)

// TestEdictWords checks the generated vocabulary lexicon for pairs of the
// real data and its invariants.
func TestEdictWords(t *testing.T) {
	entries, err := EdictWords()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 20000 {
		t.Errorf("EDICT vocabulary has %d entries, want at least 20,000", len(entries))
	}
	byEnglish := map[string]Entry{}
	for _, e := range entries {
		if e.Source != SourceEdict || !(e.Confidence > 0 && e.Confidence < ConfidenceCurated) {
			t.Fatalf("entry %+v: want source edict and a confidence below curated", e)
		}
		if len(e.English) != 1 || e.Sense != e.English[0] || len(e.Japanese) == 0 || len(e.Japanese) > 3 {
			t.Fatalf("entry %+v: want one English gloss as its sense and 1 to 3 Japanese forms", e)
		}
		if _, dup := byEnglish[e.English[0]]; dup {
			t.Fatalf("gloss %q: two entries", e.English[0])
		}
		byEnglish[e.English[0]] = e
	}
	for _, c := range []struct{ en, ja string }{
		{"public key", "公開鍵"},
		{"typhoon", "台風"},
		{"civil war", "内戦"},
		{"key", "鍵"},
		{"key", "キー"},
		{"layout", "レイアウト"},
	} {
		if e, ok := byEnglish[c.en]; !ok || !slices.Contains(e.Japanese, c.ja) {
			t.Errorf("%s: %+v, want Japanese %s", c.en, e, c.ja)
		}
	}
	// A vague gloss of many common words is left out.
	if e, ok := byEnglish["end"]; ok {
		t.Errorf("end: %+v, want no entry", e)
	}
	// An entry of one word is more confident than one of several.
	if a, b := byEnglish["typhoon"], byEnglish["key"]; a.Confidence <= b.Confidence {
		t.Errorf("typhoon %.2f, key %.2f: want the single word more confident", a.Confidence, b.Confidence)
	}
}

// TestEdictWordsGlossary checks the lexicon in a loaded glossary: both
// ways, and entries sharing a Japanese word stay apart.
func TestEdictWordsGlossary(t *testing.T) {
	g, errs := Load(nil, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	has := func(term, form string) bool {
		for _, eq := range g.Expand(term, g.Lookup(term)) {
			if eq.Form == form {
				return true
			}
		}
		return false
	}
	for _, c := range [][2]string{{"typhoon", "台風"}, {"台風", "typhoon"}, {"public key", "公開鍵"}, {"公開鍵", "public key"}} {
		if !has(c[0], c[1]) {
			t.Errorf("Expand(%s) has no %s", c[0], c[1])
		}
	}
	// 鍵 is both key and lock, two senses: key does not expand to lock
	// through it.
	if has("key", "lock") {
		t.Errorf("Expand(key) has lock")
	}
}

func TestParseEdictWords(t *testing.T) {
	data := []byte("# comment\nenglish\tjapanese\tconfidence\n" +
		"typhoon\t台風\t0.50\n" +
		"key\tキー|鍵\t0.35\n" +
		"bad\t鍵\n" +
		"worse\t鍵\t2\n" +
		"\tnothing\t0.5\n")
	entries, errs := parseEdictWords(data)
	want := []Entry{
		{Sense: "typhoon", English: []string{"typhoon"}, Japanese: []string{"台風"}, Source: SourceEdict, Confidence: 0.5, Evidence: "EDICT"},
		{Sense: "key", English: []string{"key"}, Japanese: []string{"キー", "鍵"}, Source: SourceEdict, Confidence: 0.35, Evidence: "EDICT"},
	}
	if !slices.EqualFunc(entries, want, entriesEqual) {
		t.Errorf("entries = %+v, want %+v", entries, want)
	}
	var lines []int
	for _, err := range errs {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("error %v: want a *LineError", err)
		}
		lines = append(lines, le.Line)
	}
	if !slices.Equal(lines, []int{5, 6, 7}) {
		t.Errorf("error lines %v, want [5 6 7]", lines)
	}
}

func FuzzParseEdictWords(f *testing.F) {
	f.Add([]byte("typhoon\t台風\t0.50\nkey\tキー|鍵\t0.35\n"))
	f.Add([]byte("# c\nenglish\t\nx\t\t0.5\n\xff\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := parseEdictWords(data)
		for _, e := range entries {
			if e.Sense == "" || len(e.Forms()) < 2 || !(e.Confidence >= 0 && e.Confidence <= 1) {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

// BenchmarkEdictWords measures parsing the embedded lexicon and building a
// glossary of everything a search engine loads at start-up, with and
// without it.
func BenchmarkEdictWords(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, errs := parseEdictWords(edictWordsData()); len(errs) > 0 {
				b.Fatal(errs)
			}
		}
	})
	cur, _ := Curated()
	ed, _ := Edict()
	syn, _ := Sudachi()
	words, _ := EdictWords()
	for _, c := range []struct {
		name    string
		entries []Entry
	}{{"new-without", slices.Concat(cur, ed, syn)}, {"new-with", slices.Concat(cur, ed, syn, words)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				New(c.entries)
			}
		})
	}
}
