package glossary

import (
	"slices"
	"strings"
	"testing"
)

func TestPartsEnglish(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string // among the forms, in this order
		not  []string
	}{
		{"番号", []string{"number", "series of digits"}, nil},
		{"全地球", []string{"whole earth", "global"}, nil},
		{"対話的", []string{"interactive"}, nil},
		{"転送", []string{"transfer", "transmission"}, nil},
		{"の", nil, nil},                  // not a word of it
		{"ザザザザ", nil, nil},               // nor this
		{"番号札", nil, []string{"number"}}, // a longer word is not its prefix
	} {
		got := PartsEnglish(c.word)
		var forms []string
		for _, eq := range got {
			forms = append(forms, eq.Form)
			if eq.Kind != KindEnglish || eq.Source != SourceEdict || eq.Confidence <= 0 || eq.Confidence > partConfidence {
				t.Errorf("PartsEnglish(%s): %+v", c.word, eq)
			}
		}
		last := -1
		for _, w := range c.want {
			i := slices.Index(forms, w)
			if i <= last {
				t.Errorf("PartsEnglish(%s) = %v, want %v among them in order", c.word, forms, c.want)
				break
			}
			last = i
		}
		if c.want == nil && c.not == nil && len(forms) > 0 {
			t.Errorf("PartsEnglish(%s) = %v, want none", c.word, forms)
		}
		for _, w := range c.not {
			if slices.Contains(forms, w) {
				t.Errorf("PartsEnglish(%s) = %v, want no %s", c.word, forms, w)
			}
		}
	}
	// The data is sorted, as the lookup needs.
	lines := partLines()
	for i := 1; i < len(lines); i++ {
		a, _ := partLine(lines, i-1)
		b, _ := partLine(lines, i)
		if a >= b {
			t.Fatalf("edict-parts.tsv: %q before %q", a, b)
		}
	}
	if n := len(lines); n < 10000 || strings.Count(partsTSV, "\n") < n {
		t.Errorf("edict-parts.tsv: %d lines", n)
	}
}

// TestPartsJapanese: the Japanese words that have an English word among
// their first glosses, earliest glosses first, at PartsEnglish's
// confidence.
func TestPartsJapanese(t *testing.T) {
	for _, tc := range []struct {
		english string
		want    string // a word among the results
		conf    float64
	}{
		{"intrusion", "侵入", 0.16}, // its fifth gloss
		{"Hierarchy", "階層", 0.16},
		{"detection", "検知", 0.35},
	} {
		got := PartsJapanese(tc.english)
		i := slices.IndexFunc(got, func(e Equivalent) bool { return e.Form == tc.want })
		if i < 0 {
			t.Errorf("%s: %v, want %s among them", tc.english, got, tc.want)
			continue
		}
		if got[i].Confidence != tc.conf || got[i].Source != SourceEdict || got[i].Kind != KindJapanese {
			t.Errorf("%s: %+v, want confidence %.2f", tc.english, got[i], tc.conf)
		}
		for j := 1; j < len(got); j++ {
			if got[j].Confidence > got[j-1].Confidence {
				t.Errorf("%s: %v not in falling confidence", tc.english, got)
				break
			}
		}
	}
	if got := PartsJapanese("xyzzyq"); got != nil {
		t.Errorf("xyzzyq: %v, want nil", got)
	}
}
