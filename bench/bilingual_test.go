package bench

import (
	"bytes"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestJudgeSet(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	tests := []struct {
		name     string
		ids      []string
		relevant []string
		want     SetJudgement
	}{
		{"first", ids, []string{"a"}, SetJudgement{Found: 1, Relevant: 1, First: 1}},
		{"two of three", ids, []string{"c", "j", "x"}, SetJudgement{Found: 2, Relevant: 3, First: 3}},
		{"past ten", ids, []string{"k"}, SetJudgement{Found: 0, Relevant: 1, First: 0}},
		{"no hits", nil, []string{"a"}, SetJudgement{Relevant: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JudgeSet(tt.ids, tt.relevant); got != tt.want {
				t.Errorf("JudgeSet = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestJudgeFamilies(t *testing.T) {
	qs := []SetQuery{
		{Query: Query{ID: "1", Relevant: []string{"a", "b"}}, Family: "x"},
		{Query: Query{ID: "2", Relevant: []string{"c"}}, Family: "y"},
		{Query: Query{ID: "3", Relevant: []string{"d"}}, Family: "x"},
	}
	answers := [][]string{
		{"z", "a"},           // 1 of 2, first at rank 2
		{"c"},                // all, rank 1
		{"z", "z", "z", "d"}, // all, rank 4
	}
	got := JudgeFamilies(qs, answers)
	want := []FamilyQuality{
		{"x", SetQuality{Queries: 2, All10: 0.5, Recall10: 0.75, MRR10: (0.5 + 0.25) / 2}},
		{"y", SetQuality{Queries: 1, All10: 1, Recall10: 1, MRR10: 1}},
		{"all", SetQuality{Queries: 3, All10: 2.0 / 3, Recall10: 2.5 / 3, MRR10: 1.75 / 3}},
	}
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })); d != "" {
		t.Errorf("JudgeFamilies (-want +got):\n%s", d)
	}
}

// TestBilingualData checks the committed set: every relevant passage
// exists, and none contains its query as typed, which is what makes the
// set measure cross-form retrieval.
func TestBilingualData(t *testing.T) {
	set, err := LoadBilingual(filepath.Join("data", BilingualName), filepath.Join("data", "jsquad-valid"), "queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.Queries); n < 60 {
		t.Errorf("%d queries, want at least 60", n)
	}
	text := map[string]string{}
	for _, p := range set.Corpus.Passages {
		text[p.ID] = fold(p.Title + "\n" + p.Text)
	}
	families := map[string]int{}
	ids := map[string]bool{}
	for _, q := range set.Queries {
		families[q.Family]++
		if ids[q.ID] {
			t.Errorf("query id %s twice", q.ID)
		}
		ids[q.ID] = true
		lit := literal(q.Text)
		for _, r := range q.Relevant {
			if lit(text[r]) {
				t.Errorf("%s %q: relevant passage %s contains the query literally", q.ID, q.Text, r)
			}
		}
	}
	for _, f := range []string{"loanword", "name", "compound", "ja-en", "acronym", "expansion", "synonym", "era"} {
		if families[f] == 0 {
			t.Errorf("no query of family %s", f)
		}
	}
}

func fold(s string) string { return strings.ToLower(norm.NFKC.String(s)) }

var asciiRE = regexp.MustCompile(`^[ -~]+$`)

// literal returns a test for whether folded text contains the query: as a
// whole word for an ASCII query, as a substring otherwise.
func literal(query string) func(string) bool {
	q := fold(query)
	if asciiRE.MatchString(q) {
		re := regexp.MustCompile(`(^|[^a-z0-9])` + regexp.QuoteMeta(q) + `($|[^a-z0-9])`)
		return re.MatchString
	}
	return func(s string) bool { return strings.Contains(s, q) }
}

func TestWriteSetReport(t *testing.T) {
	set := &SetCorpus{
		Corpus: &Corpus{Name: "t", Passages: []Passage{{ID: "a"}, {ID: "b"}}},
		Queries: []SetQuery{
			{Query: Query{ID: "q1", Text: "a|b", Relevant: []string{"a"}}, Family: "x"},
		},
	}
	var b bytes.Buffer
	err := WriteSetReport(&b, SetReport{Command: "go run ./bench/cmd/bench --dataset t", Corpus: set, Runs: []SetRun{
		{Engine: "e1", Available: true, Answers: [][]string{{"b", "a"}}},
		{Engine: "e2", Reason: "no tool"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| e2 |  | not available: no tool |",
		"| x | 1 | 1.000 / 1.000 / 0.500 |",
		"| **all** | 1 | 1.000 / 1.000 / 0.500 |",
		`| q1 | a\|b | 1 | 1 (2) |`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

// TestBilingualNewText checks that the fifth blind set is searched over
// debian2.jsonl as well, the sixth over debian2.jsonl and debian3.jsonl and
// the seventh over those and apps.jsonl, each over its predecessor's corpus plus its new text, and that their
// relevant passages do not contain their queries literally.
func TestBilingualNewText(t *testing.T) {
	dir, jsquad := filepath.Join("data", BilingualName), filepath.Join("data", "jsquad-valid")
	for _, tc := range []struct {
		queries, before string
		prefixes        []string // id prefixes of the new text
	}{
		{"blind5-queries.jsonl", "blind4-queries.jsonl", []string{"debhb-", "debmg-"}},
		{"blind6-queries.jsonl", "blind5-queries.jsonl", []string{"debdev-", "debpol-", "debedu-", "debapt-", "debinst-"}},
		{"blind7-queries.jsonl", "blind6-queries.jsonl", []string{"gimp-", "kicad-"}},
	} {
		t.Run(tc.queries, func(t *testing.T) {
			old, err := LoadBilingual(dir, jsquad, tc.before)
			if err != nil {
				t.Fatal(err)
			}
			set, err := LoadBilingual(dir, jsquad, tc.queries)
			if err != nil {
				t.Fatal(err)
			}
			newText := 0
			text := map[string]string{}
			for _, p := range set.Corpus.Passages {
				text[p.ID] = fold(p.Title + "\n" + p.Text)
				for _, pre := range tc.prefixes {
					if strings.HasPrefix(p.ID, pre) {
						newText++
					}
				}
			}
			if newText == 0 || len(set.Corpus.Passages) != len(old.Corpus.Passages)+newText {
				t.Errorf("%s corpus %d passages (%d of the new text), %s corpus %d", tc.queries, len(set.Corpus.Passages), newText, tc.before, len(old.Corpus.Passages))
			}
			if n := len(set.Queries); n < 60 {
				t.Errorf("%d queries, want at least 60", n)
			}
			for _, q := range set.Queries {
				if n := len(q.Relevant); n < 1 || n > 6 {
					t.Errorf("%s: %d relevant passages, want 1 to 6", q.ID, n)
				}
				lit := literal(q.Text)
				for _, r := range q.Relevant {
					if _, ok := text[r]; !ok {
						t.Errorf("%s: relevant passage %s is not in the corpus", q.ID, r)
					}
					if lit(text[r]) {
						t.Errorf("%s %q: relevant passage %s contains the query literally", q.ID, q.Text, r)
					}
				}
			}
		})
	}
}
