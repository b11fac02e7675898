package glossary

import (
	"fmt"
	"math"
	"testing"
)

func expandGlossary() *Glossary {
	return New([]Entry{
		// A chain across sources: mined → curated (through the acronym) →
		// lexicon (through a Japanese form) → another lexicon entry, one
		// hop too far.
		{Acronym: "BMD", English: []string{"ballistic missile defense"}, Source: SourceCorpus, Confidence: 0.9},
		{Acronym: "BMD", English: []string{"Ballistic Missile Defence"}, Japanese: []string{"弾道ミサイル防衛"}, Source: SourceCurated, Confidence: 0.95},
		{Japanese: []string{"弾道ミサイル防衛", "弾道弾防衛"}, Source: SourceEdict, Confidence: 0.6},
		{Japanese: []string{"弾道弾防衛", "弾道弾迎撃"}, Source: SourceUser + ":far", Confidence: 1},
		// Another meaning of the same acronym: never reached by a hop.
		{Acronym: "BMD", English: []string{"bone mineral density"}, Japanese: []string{"骨密度"}, Source: SourceEdict, Confidence: 0.5},
		// Reachable only through a caps-only acronym (two letters).
		{Acronym: "AD", English: []string{"air defense"}, Japanese: []string{"防空"}, Source: SourceCurated, Confidence: 0.95},
		{Acronym: "AD", English: []string{"air defense artillery"}, Source: SourceCorpus, Confidence: 0.9},
		// One source, two senses that share a form.
		{English: []string{"bank"}, Japanese: []string{"銀行"}, Sense: "1", Source: "user:lex", Confidence: 1},
		{English: []string{"bank"}, Japanese: []string{"土手"}, Sense: "2", Source: "user:lex", Confidence: 1},
	})
}

type eqWant struct {
	kind   FormKind
	source string
	conf   float64
	hops   int
}

func TestExpandTransitive(t *testing.T) {
	g := expandGlossary()
	got := g.Expand("ballistic missile defense", g.Lookup("ballistic missile defense"))
	want := map[string]eqWant{
		"BMD":                       {KindAcronym, SourceCorpus, 0.9, 0},
		"Ballistic Missile Defence": {KindEnglish, SourceCurated, 0.9 * HopFactor, 1},
		"弾道ミサイル防衛":                  {KindJapanese, SourceCurated, 0.9 * HopFactor, 1},
		"弾道弾防衛":                     {KindJapanese, SourceEdict, 0.6 * HopFactor, 2},
	}
	checkEquivalents(t, got, want, []string{"骨密度", "bone mineral density", "弾道弾迎撃", "ballistic missile defense"})
	for i := 1; i < len(got); i++ {
		if got[i].Confidence > got[i-1].Confidence {
			t.Errorf("not sorted by confidence: %+v", got)
		}
	}
	senses := map[string]bool{}
	for _, eq := range got {
		senses[eq.Sense] = true
	}
	if len(senses) != 1 {
		t.Errorf("one sense reached by hops, got %v", senses)
	}
}

func TestExpandCapsOnlyAcronymIsNoHop(t *testing.T) {
	g := expandGlossary()
	got := g.Expand("防空", g.Lookup("防空"))
	checkEquivalents(t, got, map[string]eqWant{"AD": {KindAcronym, SourceCurated, 0.95, 0}}, []string{"air defense artillery"})
}

func TestExpandSenses(t *testing.T) {
	g := expandGlossary()
	got := g.Expand("BMD", g.Lookup("BMD"))
	bySense := map[string][]string{}
	for _, eq := range got {
		bySense[eq.Sense] = append(bySense[eq.Sense], eq.Form)
	}
	if len(bySense) != 2 {
		t.Fatalf("BMD senses %v, want missile defence and bone density", bySense)
	}
	sense := func(form string) string {
		for _, eq := range got {
			if eq.Form == form {
				return eq.Sense
			}
		}
		t.Fatalf("no %s in %+v", form, got)
		return ""
	}
	if s := sense("弾道ミサイル防衛"); s != sense("ballistic missile defense") || s != sense("弾道弾防衛") || s != "弾道ミサイル防衛" {
		t.Errorf("missile defence forms in senses %q %q %q", s, sense("ballistic missile defense"), sense("弾道弾防衛"))
	}
	if s := sense("骨密度"); s != "骨密度" || s != sense("bone mineral density") {
		t.Errorf("bone density sense %q", s)
	}
	// One source's senses stay apart even though they share the term.
	got = g.Expand("bank", g.Lookup("bank"))
	if len(got) != 2 || got[0].Sense == got[1].Sense {
		t.Errorf("bank: %+v, want 銀行 and 土手 in two senses", got)
	}
}

func TestExpandBounded(t *testing.T) {
	var entries []Entry
	for i := range 200 {
		entries = append(entries, Entry{Japanese: []string{fmt.Sprintf("用語%d", i), fmt.Sprintf("用語%d", i+1)}, Source: SourceCurated, Confidence: 0.9})
		entries = append(entries, Entry{English: []string{"hub", fmt.Sprintf("hub %d", i)}, Source: fmt.Sprintf("user:%d", i), Confidence: 0.9})
	}
	g := New(entries)
	for _, term := range []string{"用語0", "hub"} {
		got := g.Expand(term, g.Lookup(term))
		if len(got) == 0 || len(got) > MaxExpandForms {
			t.Errorf("%s: %d equivalents, want 1..%d", term, len(got), MaxExpandForms)
		}
		for _, eq := range got {
			if eq.Hops > MaxHops {
				t.Errorf("%s: %+v beyond %d hops", term, eq, MaxHops)
			}
		}
	}
	if got := g.Expand("x", nil); got != nil {
		t.Errorf("no entries: %+v", got)
	}
}

func checkEquivalents(t *testing.T, got []Equivalent, want map[string]eqWant, absent []string) {
	t.Helper()
	have := map[string]Equivalent{}
	for _, eq := range got {
		have[eq.Form] = eq
	}
	for form, w := range want {
		eq, ok := have[form]
		if !ok {
			t.Errorf("no %s in %+v", form, got)
			continue
		}
		if eq.Kind != w.kind || eq.Source != w.source || eq.Hops != w.hops || math.Abs(eq.Confidence-w.conf) > 1e-9 {
			t.Errorf("%s: %+v, want %+v", form, eq, w)
		}
	}
	for _, form := range absent {
		if _, ok := have[form]; ok {
			t.Errorf("%s should not be an equivalent: %+v", form, got)
		}
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"anti-satellite", "anti-satellite weapon", true},
		{"ballistic missile defense", "ballistic missile defence", true},
		{"global combat air programme", "global combat air program", true},
		{"united states army", "united states of america", false},
		{"space situational awareness", "social security administration", false},
		{"space situational awareness", "space domain awareness", false},
		{"宇宙状況監視", "宇宙状況監視能力", true},
		{"宇宙状況監視", "宇宙状況把握", false},
		{"衛星", "衛星", true},
		{"satellite", "衛星", false},
	}
	for _, tt := range tests {
		if got := overlaps(Normalize(tt.a), Normalize(tt.b)); got != tt.want {
			t.Errorf("overlaps(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
