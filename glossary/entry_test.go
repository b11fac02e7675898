package glossary

import "testing"

func TestKindOf(t *testing.T) {
	e := Entry{Acronym: "JAXA", English: []string{"Japan Aerospace Exploration Agency"},
		Japanese: []string{"宇宙航空研究開発機構", "ジャクサ"}, Aliases: []string{"宇宙機構"}}
	for _, c := range []struct {
		form string
		want FormKind
	}{
		{"JAXA", KindAcronym},
		{"Japan Aerospace Exploration Agency", KindEnglish},
		{"宇宙航空研究開発機構", KindJapanese},
		{"ジャクサ", KindKatakana},
		{"宇宙機構", KindAlias},
		{"NASA", ""},
		{"", ""},
	} {
		if got := e.KindOf(c.form); got != c.want {
			t.Errorf("KindOf(%q) = %q, want %q", c.form, got, c.want)
		}
	}
}

// A form listed in NoTrigger is an equivalent of its entry but does not
// find the entry by itself; aliases find it.
func TestNoTriggerAndAliases(t *testing.T) {
	g := New([]Entry{{Japanese: []string{"衛星", "サテライト"}, English: []string{"satellite"},
		Aliases: []string{"人工衛星"}, NoTrigger: []string{"サテライト"}, Source: SourceCurated, Confidence: 0.9}})
	if got := g.Lookup("サテライト"); len(got) != 0 {
		t.Errorf("Lookup(サテライト) = %v, want nothing (NoTrigger)", got)
	}
	for _, f := range []string{"衛星", "satellite", "人工衛星"} {
		got := g.Lookup(f)
		if len(got) != 1 {
			t.Fatalf("Lookup(%s) = %v, want the entry", f, got)
		}
		if forms := (Match{Entries: got}).Forms(); len(forms) != 4 {
			t.Errorf("Lookup(%s) forms = %v, want all 4", f, forms)
		}
	}
}
