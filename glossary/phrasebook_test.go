package glossary

import (
	"slices"
	"testing"
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
