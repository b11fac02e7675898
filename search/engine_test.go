package search

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search/query"
)

var builtinEngine = sync.OnceValues(func() (*Engine, error) { return OpenBuiltin(Options{}) })

func engine(t testing.TB) *Engine {
	t.Helper()
	e, err := builtinEngine()
	if err != nil {
		t.Fatalf("built-in engine: %v", err)
	}
	return e
}

func search(t *testing.T, req Request) *Result {
	t.Helper()
	res, err := engine(t).Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	return res
}

// shortIDs returns the hit ids without the document prefix.
func shortIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		_, id, _ := strings.Cut(h.ID, "#")
		ids = append(ids, id)
	}
	return ids
}

// TestBilingual checks, on the built-in corpus, that every form of a term
// (acronym, English expansion, Japanese) ranks the same passages first.
// The cases are data in testdata/bilingual.json. A case with passages
// searches an in-memory index of them instead, with its glossary entries
// added, and may check the expansions applied: a term expanded into some
// forms and not others, in a sense, or terms not expanded at all.
func TestBilingual(t *testing.T) {
	b, err := os.ReadFile("testdata/bilingual.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Query string
		Top         []string
		Passages    []corpus.Passage
		Glossary    []glossary.Entry
		Expansions  []struct {
			Term        string
			Has, Not    []string
			Sense       string
			OtherSenses []string `json:"other_senses"`
			Partial     bool     // found inside a longer phrase: coverage below 1
		}
		NotExpanded []string `json:"not_expanded"`
		// Absent lists passages that must not match at all, not even
		// in part.
		Absent []string
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var res *Result
			var got []string
			if c.Passages == nil {
				res = search(t, Request{Query: c.Query})
				got = shortIDs(res)
			} else {
				for i := range c.Passages {
					c.Passages[i].Kind = cmp.Or(c.Passages[i].Kind, corpus.KindBody)
				}
				var err error
				res, err = memoryEngine(t, c.Passages, indexer.Options{}, Options{Glossary: c.Glossary}).Search(context.Background(), Request{Query: c.Query})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
			}
			for _, id := range c.Absent {
				if slices.Contains(got, id) {
					t.Errorf("%q: %s matches (hits %v), want it absent", c.Query, id, got)
				}
			}
			if len(got) < len(c.Top) {
				t.Fatalf("%q: hits %v, want %v first", c.Query, got, c.Top)
			}
			top := slices.Clone(got[:len(c.Top)])
			slices.Sort(top)
			want := slices.Clone(c.Top)
			slices.Sort(want)
			if !slices.Equal(top, want) {
				t.Errorf("%q: first hits %v, want %v (all hits %v)", c.Query, top, want, got)
			}
			for _, w := range c.Expansions {
				x, ok := checkExpansion(t, c.Query, res, w.Term, w.Has, w.Not)
				if !ok {
					continue
				}
				if x.Sense != w.Sense || !slices.Equal(x.OtherSenses, w.OtherSenses) {
					t.Errorf("%q: %s in sense %q, others %q; want %q, %q", c.Query, x.Term, x.Sense, x.OtherSenses, w.Sense, w.OtherSenses)
				}
				if w.Partial != (x.Coverage < 1) {
					t.Errorf("%q: %s coverage %.2f, want partial %v", c.Query, x.Term, x.Coverage, w.Partial)
				}
			}
			for _, term := range c.NotExpanded {
				for _, x := range res.Expansions {
					if x.Term == term {
						t.Errorf("%q: %s expanded: %+v", c.Query, term, x)
					}
				}
			}
		})
	}
}

// checkExpansion finds the expansion of term among res's and checks that
// its equivalents include every form of has and none of not, and that
// each has its form; it reports whether the expansion was found.
func checkExpansion(t *testing.T, query string, res *Result, term string, has, not []string) (Expansion, bool) {
	t.Helper()
	i := slices.IndexFunc(res.Expansions, func(x Expansion) bool { return x.Term == term })
	if i < 0 {
		t.Errorf("%q: no expansion of %q in %+v", query, term, res.Expansions)
		return Expansion{}, false
	}
	x := res.Expansions[i]
	for _, f := range has {
		if !slices.Contains(x.Equivalents, f) {
			t.Errorf("%q: %s expands to %v, want %s", query, x.Term, x.Equivalents, f)
		}
	}
	for _, f := range not {
		if slices.Contains(x.Equivalents, f) {
			t.Errorf("%q: %s expands to %v, want no %s", query, x.Term, x.Equivalents, f)
		}
	}
	if len(x.Forms) != len(x.Equivalents) {
		t.Errorf("%q: %s has %d forms for %d equivalents", query, x.Term, len(x.Forms), len(x.Equivalents))
	}
	return x, true
}

func TestLiteralFormRanksFirst(t *testing.T) {
	// Passages of the same length, each with one form of the same term:
	// every form is found, the one typed first.
	ps := []corpus.Passage{
		{ID: "ja", Kind: corpus.KindBody, Text: "防衛省は宇宙状況監視の体制を強化している。"},
		{ID: "acronym", Kind: corpus.KindBody, Text: "防衛省はSSAの体制を強化している。"},
		{ID: "english", Kind: corpus.KindBody, Text: "防衛省はSpace Situational Awarenessの体制を強化している。"},
		{ID: "other", Kind: corpus.KindBody, Text: "防衛省はサイバー防衛の体制を強化している。"},
	}
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	e, err := New(ix, Options{Glossary: []glossary.Entry{{Acronym: "SSA", English: []string{"Space Situational Awareness"},
		Japanese: []string{"宇宙状況監視"}, Source: "user:test", Confidence: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, first string }{
		{"宇宙状況監視", "ja"}, {"SSA", "acronym"}, {"ssa", "acronym"}, {"Space Situational Awareness", "english"},
	} {
		res, err := e.Search(context.Background(), Request{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(ids) < 3 || ids[0] != tt.first || slices.Contains(ids[:3], "other") {
			t.Errorf("%s: hits %v, want %s first and the three forms on top", tt.query, ids, tt.first)
		}
	}
}

func TestNoExpand(t *testing.T) {
	res := search(t, Request{Query: "CCDCOE", NoExpand: true})
	if len(res.Expansions) != 0 {
		t.Errorf("expansions with NoExpand: %+v", res.Expansions)
	}
	if got := shortIDs(res); !slices.Equal(got, []string{"p389.12", "p389.16"}) && !slices.Equal(got, []string{"p389.16", "p389.12"}) {
		t.Errorf("CCDCOE literal: %v", got)
	}
}

func TestHighlights(t *testing.T) {
	res := search(t, Request{Query: "SSA"})
	var all string
	for _, h := range res.Hits {
		all += strings.Join(h.Highlights, "\n")
	}
	for _, want := range []string{"<mark>宇宙状況監視</mark>", "<mark>SSA</mark>", "<mark>Space Situational Awareness</mark>"} {
		if !strings.Contains(all, want) {
			t.Errorf("highlights lack %s:\n%s", want, all)
		}
	}
	if strings.Contains(all, "</mark><mark>") {
		t.Errorf("adjacent marks not merged:\n%s", all)
	}
}

func TestFiltersAndOperators(t *testing.T) {
	tests := []struct {
		name  string
		req   Request
		check func(t *testing.T, res *Result)
	}{
		{"kind filter in query", Request{Query: "協力 kind:reference"}, func(t *testing.T, res *Result) {
			for _, h := range res.Hits {
				if h.Kind != "reference" {
					t.Errorf("hit %s has kind %s", h.ID, h.Kind)
				}
			}
			if len(res.Hits) == 0 {
				t.Error("no hits")
			}
		}},
		{"kind filter in request", Request{Query: "サイバー", Filters: []Filter{{Field: "kind", Value: "heading"}}}, func(t *testing.T, res *Result) {
			if got := shortIDs(res); !slices.Equal(got, []string{"p389.10", "p389.1"}) && !slices.Equal(got, []string{"p389.1", "p389.10"}) {
				t.Errorf("headings with サイバー: %v", got)
			}
		}},
		{"section filter covers subsections", Request{Query: "SSA", Filters: []Filter{{Field: "section", Value: "第3節 宇宙領域及びサイバー領域の利用にかかる協力"}}}, func(t *testing.T, res *Result) {
			if res.Total != 3 {
				t.Errorf("total %d, want 3", res.Total)
			}
		}},
		{"page filter", Request{Query: "SSA page:388"}, func(t *testing.T, res *Result) {
			if res.Total != 0 {
				t.Errorf("page 388: total %d, want 0", res.Total)
			}
		}},
		{"page range in request as in the query", Request{Query: "SSA", Filters: []Filter{{Field: "page", Value: "380-390"}}}, func(t *testing.T, res *Result) {
			if res.Total != 3 {
				t.Errorf("page 380-390: total %d, want 3", res.Total)
			}
		}},
		{"request filter values canonical as in the query", Request{Query: "サイバー", Filters: []Filter{{Field: "kind", Value: "HEADING"}, {Field: "page", Value: "３８９"}}}, func(t *testing.T, res *Result) {
			if len(res.Hits) != 2 {
				t.Errorf("kind:HEADING page:３８９: %v, want the two headings", shortIDs(res))
			}
		}},
		{"exclusion", Request{Query: "SSA -日仏"}, func(t *testing.T, res *Result) {
			if slices.Contains(shortIDs(res), "p389.8") {
				t.Errorf("-日仏 kept p389.8: %v", shortIDs(res))
			}
		}},
		{"required", Request{Query: "+SSA 机上演習"}, func(t *testing.T, res *Result) {
			if got := shortIDs(res); len(got) != 3 || got[0] != "p389.6" {
				t.Errorf("+SSA 机上演習: %v, want the three SSA passages, p389.6 (机上演習) first", got)
			}
		}},
		{"OR", Request{Query: "CyCon OR 欧州連合"}, func(t *testing.T, res *Result) {
			if got := shortIDs(res); !slices.Contains(got, "p389.12") || !slices.Contains(got, "p389.8") {
				t.Errorf("CyCon OR 欧州連合: %v", got)
			}
		}},
		{"facets", Request{Query: "サイバー"}, func(t *testing.T, res *Result) {
			if len(res.Facets["kind"]) == 0 || len(res.Facets["document"]) != 1 || res.Facets["document"][0].Value != "令和2年版 防衛白書" {
				t.Errorf("facets = %+v", res.Facets)
			}
		}},
		{"pagination", Request{Query: "サイバー", Size: 2, From: 2}, func(t *testing.T, res *Result) {
			all := shortIDs(search(t, Request{Query: "サイバー", Size: 10}))
			if got := shortIDs(res); !slices.Equal(got, all[2:4]) {
				t.Errorf("page 2 = %v, want %v", got, all[2:4])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, search(t, tt.req)) })
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		req     Request
		wantErr func(error) bool
	}{
		{Request{Query: "\"宇宙"}, isSyntax},
		{Request{Query: "+"}, isSyntax},
		{Request{Query: "kind:"}, isSyntax},
		{Request{Query: ""}, isSyntax},
		{Request{Query: strings.Repeat("宇", MaxQueryRunes+1)}, isInvalid},
		{Request{Query: "a", Size: MaxSize + 1}, isInvalid},
		{Request{Query: "a", From: -1}, isInvalid},
		{Request{Query: "a", Filters: []Filter{{Field: "colour", Value: "red"}}}, isInvalid},
		{Request{Query: "a", Filters: []Filter{{Field: "page", Value: "ten"}}}, isInvalid},
		{Request{Query: "a\xff"}, isInvalid},
	}
	for _, tt := range tests {
		_, err := engine(t).Search(context.Background(), tt.req)
		if err == nil || !tt.wantErr(err) {
			t.Errorf("Search(%+v) error = %v", tt.req, err)
		}
	}
}

func isSyntax(err error) bool {
	var se *query.SyntaxError
	return errors.As(err, &se)
}

func isInvalid(err error) bool { return errors.Is(err, ErrInvalidRequest) }

func TestStopWordsOnly(t *testing.T) {
	// A query of particles only has nothing to search: no hits, no error.
	res := search(t, Request{Query: "の は を"})
	if res.Hits == nil {
		t.Error("hits is nil, want an empty list")
	}
}

func TestConcurrentSearches(t *testing.T) {
	e := engine(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := []string{"SSA", "宇宙状況監視", "CyCon", "サイバー防衛"}[i%4]
			if _, err := e.Search(context.Background(), Request{Query: q}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestCloseTwice(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := indexer.Build(context.Background(), dir, indexer.Passages([]corpus.Passage{
		{ID: "a", Document: "d", Kind: corpus.KindBody, Text: "宇宙状況監視"}}), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestQueryWordLimit(t *testing.T) {
	e, err := OpenBuiltin(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for i := range MaxQueryWords + 1 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	_, err = e.Search(context.Background(), Request{Query: strings.Join(words, " ")})
	if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), "distinct words") {
		t.Errorf("query of %d words: %v, want ErrInvalidRequest", len(words), err)
	}
	if _, err := e.Search(context.Background(), Request{Query: strings.Join(words[:MaxQueryWords], " ")}); err != nil {
		t.Errorf("query of %d words: %v", MaxQueryWords, err)
	}
}

func TestPassageByID(t *testing.T) {
	e, err := OpenBuiltin(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Search(context.Background(), Request{Query: "SSA", Size: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search: %v", err)
	}
	want := res.Hits[0]
	got, err := e.Passage(context.Background(), want.ID)
	if err != nil || got.Text != want.Text || got.Document != want.Document || got.Section != want.Section {
		t.Errorf("Passage(%q) = %+v, %v; want the hit's passage", want.ID, got, err)
	}
	if _, err := e.Passage(context.Background(), "no such id"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Passage of an unknown id: %v, want ErrNotFound", err)
	}
}

// A hit carries its passage's file, PDF page and JSONL metadata.
func TestHitMetadata(t *testing.T) {
	e := memoryEngine(t, []corpus.Passage{{ID: "m", Document: "白書", Kind: corpus.KindBody, Page: 389, PDFPage: 12,
		Source: "data/hakusho.jsonl", Meta: map[string]any{"url": "https://example.org/hakusho", "date": "2020-07-14"},
		Text: "宇宙状況監視の能力を高める。"}}, indexer.Options{}, Options{})
	res, err := e.Search(context.Background(), Request{Query: "宇宙状況監視"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %v", err, res)
	}
	h := res.Hits[0]
	if h.PDFPage != 12 || h.Page != 389 || h.Source != "data/hakusho.jsonl" || h.Meta["url"] != "https://example.org/hakusho" || h.Meta["date"] != "2020-07-14" {
		t.Errorf("hit = %+v, want its pdf_page, page, source and meta", h)
	}
	p, err := e.Passage(context.Background(), "m")
	if err != nil || p.PDFPage != 12 || p.Meta["url"] == nil {
		t.Errorf("Passage = %+v, %v", p, err)
	}
}
