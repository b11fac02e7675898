package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/search"
)

func TestExpansionForms(t *testing.T) {
	form := func(f string, in bool) search.EquivalentForm { return search.EquivalentForm{Form: f, InIndex: in} }
	tests := []struct {
		name string
		x    search.Expansion
		want string
	}{
		{"all occur", search.Expansion{Equivalents: []string{"a", "b"}, Forms: []search.EquivalentForm{form("a", true), form("b", true)}}, "a, b"},
		{"one missing", search.Expansion{Equivalents: []string{"a", "b"}, Forms: []search.EquivalentForm{form("a", true), form("b", false)}}, "a (+1 form not in the index)"},
		{"several missing", search.Expansion{Equivalents: []string{"a", "b", "c"}, Forms: []search.EquivalentForm{form("a", false), form("b", true), form("c", false)}}, "b (+2 forms not in the index)"},
		{"none occurs", search.Expansion{Equivalents: []string{"a", "b"}, Forms: []search.EquivalentForm{form("a", false), form("b", false)}}, "no form in the index (2 forms)"},
		{"no forms detailed", search.Expansion{Equivalents: []string{"a"}}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expansionForms(tt.x); got != tt.want {
				t.Errorf("expansionForms() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExpansionLine(t *testing.T) {
	in := search.EquivalentForm{Form: "宇宙状況監視", InIndex: true}
	tests := []struct {
		name string
		x    search.Expansion
		want string
	}{
		{"plain", search.Expansion{Term: "SSA", Equivalents: []string{"宇宙状況監視"}, Forms: []search.EquivalentForm{in}, Source: "curated"},
			"expanded SSA → 宇宙状況監視 (curated)"},
		{"chosen sense", search.Expansion{Term: "SSA", Sense: "宇宙状況監視", OtherSenses: []string{"サハラ以南アフリカ"}, Equivalents: []string{"宇宙状況監視"}, Forms: []search.EquivalentForm{in}, Source: "curated"},
			"expanded SSA [宇宙状況監視] → 宇宙状況監視 (curated)"},
		{"none in the index", search.Expansion{Term: "x", Equivalents: []string{"y"}, Forms: []search.EquivalentForm{{Form: "y"}}, Source: "edict"},
			"expanded x → no form in the index (1 form) (edict)"},
		{"control characters", search.Expansion{Term: "a\x1b[31m", Equivalents: []string{"b"}, Source: "user:f"},
			"expanded a [31m → b (user:f)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := expansionLine(tt.x); got != tt.want {
				t.Errorf("expansionLine() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSearchExpansionLines checks the expansion lines of the text output
// on the built-in corpus (only forms the index has are listed) and that
// --json keeps every form with in_index.
func TestSearchExpansionLines(t *testing.T) {
	tests := []struct {
		query      string
		line       string   // expected expansion line
		notInLines []string // forms the text output must not list
		jsonForms  []string // forms --json must still list, with in_index false
	}{
		{"space debris", "expanded space debris → no form in the index (4 forms) (edict)", []string{"宇宙ゴミ"}, []string{"宇宙ゴミ", "星間塵"}},
		{"SSA", "expanded SSA → Space Situational Awareness, 宇宙状況監視, 宇宙状況把握 (curated)", nil, nil},
		{"Dynamic Host Configuration Protocol", "expanded Dynamic Host Configuration Protocol → no form in the index (12 forms) (composed)", []string{"議定書"}, []string{"ダイナミックホストコンフィグレーション議定書"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			out, stderr, err := runCmd(t, "", "search", tt.query)
			if err != nil {
				t.Fatalf("search: %v\n%s", err, stderr)
			}
			var lines []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "expanded ") {
					lines = append(lines, l)
				}
			}
			found := false
			for _, l := range lines {
				found = found || l == tt.line
				for _, f := range tt.notInLines {
					if strings.Contains(l, f) {
						t.Errorf("line %q lists %s, which the index lacks", l, f)
					}
				}
			}
			if !found {
				t.Errorf("no line %q in\n%s", tt.line, strings.Join(lines, "\n"))
			}
			out, stderr, err = runCmd(t, "", "search", "--json", tt.query)
			if err != nil {
				t.Fatalf("search --json: %v\n%s", err, stderr)
			}
			var res search.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatal(err)
			}
			in := map[string]bool{}
			for _, x := range res.Expansions {
				for _, f := range x.Forms {
					in[f.Form] = f.InIndex
				}
			}
			for _, f := range tt.jsonForms {
				if v, ok := in[f]; !ok || v {
					t.Errorf("--json: %s in_index %v (listed %v), want listed and false", f, v, ok)
				}
			}
			if !strings.Contains(out, `"in_index"`) {
				t.Errorf("--json lacks in_index:\n%s", out)
			}
		})
	}
}
