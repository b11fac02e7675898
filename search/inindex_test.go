package search

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestInIndexForms(t *testing.T) {
	form := func(f string, in bool) EquivalentForm { return EquivalentForm{Form: f, InIndex: in} }
	tests := []struct {
		name        string
		x           Expansion
		wantForms   []string
		wantMissing int
	}{
		{"all occur", Expansion{Equivalents: []string{"a", "b"}, Forms: []EquivalentForm{form("a", true), form("b", true)}}, []string{"a", "b"}, 0},
		{"some occur", Expansion{Equivalents: []string{"a", "b", "c"}, Forms: []EquivalentForm{form("a", false), form("b", true), form("c", false)}}, []string{"b"}, 2},
		{"none occurs", Expansion{Equivalents: []string{"a", "b"}, Forms: []EquivalentForm{form("a", false), form("b", false)}}, nil, 2},
		{"no forms: all shown", Expansion{Equivalents: []string{"a", "b"}}, []string{"a", "b"}, 0},
		{"forms out of step: shown", Expansion{Equivalents: []string{"a", "b"}, Forms: []EquivalentForm{form("b", false)}}, []string{"a", "b"}, 0},
		{"empty", Expansion{}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forms, missing := tt.x.InIndexForms()
			if !slices.Equal(forms, tt.wantForms) || missing != tt.wantMissing {
				t.Errorf("InIndexForms() = %q, %d; want %q, %d", forms, missing, tt.wantForms, tt.wantMissing)
			}
		})
	}
}

// TestExpansionInIndex checks, on the built-in corpus, that each form of
// an expansion says whether the index has it, and that JSON carries it as
// in_index on every form.
func TestExpansionInIndex(t *testing.T) {
	tests := []struct {
		query, term string
		in, notIn   []string
	}{
		// The glossary's forms of space debris are none of them in the
		// built-in corpus.
		{"space debris", "space debris", nil, []string{"宇宙ゴミ", "スペース・デブリ"}},
		{"SSA", "SSA", []string{"宇宙状況監視", "Space Situational Awareness"}, nil},
		{"Dynamic Host Configuration Protocol", "Dynamic Host Configuration Protocol", nil, []string{"ダイナミックホストコンフィグレーションプロトコル"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := search(t, Request{Query: tt.query, Size: 1})
			i := slices.IndexFunc(res.Expansions, func(x Expansion) bool { return x.Term == tt.term })
			if i < 0 {
				t.Fatalf("no expansion of %q: %+v", tt.term, res.Expansions)
			}
			x := res.Expansions[i]
			if len(x.Forms) != len(x.Equivalents) {
				t.Fatalf("forms %+v out of step with equivalents %q", x.Forms, x.Equivalents)
			}
			in := map[string]bool{}
			for _, f := range x.Forms {
				in[f.Form] = f.InIndex
			}
			for _, f := range tt.in {
				if v, ok := in[f]; !ok || !v {
					t.Errorf("%s: in_index %v (listed %v), want true", f, v, ok)
				}
			}
			for _, f := range tt.notIn {
				if v, ok := in[f]; !ok || v {
					t.Errorf("%s: in_index %v (listed %v), want false", f, v, ok)
				}
			}
			b, err := json.Marshal(res.Expansions)
			if err != nil {
				t.Fatal(err)
			}
			var forms int
			for _, x := range res.Expansions {
				forms += len(x.Forms)
			}
			if n := strings.Count(string(b), `"in_index":`); n != forms {
				t.Errorf("JSON has in_index %d times, want %d (every form): %s", n, forms, b)
			}
		})
	}
}

func TestFormCache(t *testing.T) {
	c := boundedCache[bool]{max: maxCachedForms}
	if _, ok := c.get("a"); ok {
		t.Fatal("empty cache has a")
	}
	c.put("a", true)
	c.put("b", false)
	for _, tt := range []struct {
		form   string
		in, ok bool
	}{{"a", true, true}, {"b", false, true}, {"c", false, false}} {
		if in, ok := c.get(tt.form); in != tt.in || ok != tt.ok {
			t.Errorf("get(%q) = %v, %v; want %v, %v", tt.form, in, ok, tt.in, tt.ok)
		}
	}
	for i := len(c.m); i < maxCachedForms; i++ {
		c.put(strconv.Itoa(i), true)
	}
	c.put("last", true) // full: starts again
	if len(c.m) != 1 {
		t.Errorf("full cache kept %d forms, want 1", len(c.m))
	}
}
