package opensearch

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/query"
)

// TestQueryGolden translates queries of every kind with the built-in
// engine's glossary and compares the bodies with testdata/dsl/NAME.json.
func TestQueryGolden(t *testing.T) {
	tests := []struct {
		name string
		req  search.Request
	}{
		{"acronym", search.Request{Query: "SSA"}},
		{"acronym-fullwidth", search.Request{Query: "ＳＳＡ"}},
		{"japanese", search.Request{Query: "宇宙状況監視"}},
		{"english-words", search.Request{Query: "Space Situational Awareness"}},
		{"english-phrase", search.Request{Query: `"Space Situational Awareness"`}},
		{"literal-and-expanded", search.Request{Query: "=SSA 低軌道"}},
		{"required-excluded", search.Request{Query: "+SSA -デブリ 協力"}},
		{"or", search.Request{Query: "SSA OR 宇宙状況監視 AND 協力"}},
		{"question", search.Request{Query: "宇宙状況監視の能力を強化するために何をしていますか"}},
		{"filters", search.Request{Query: `SSA kind:body page:380-390 section:"第3節 宇宙領域及びサイバー領域の利用にかかる協力" -document:other`,
			Filters: []search.Filter{{Field: "kind", Value: "body"}}, Size: 5, From: 5}},
		{"only-filters", search.Request{Query: "kind:heading", NoFacets: true}},
		{"only-excluded", search.Request{Query: "-SSA"}},
		{"no-expand-ids-only", search.Request{Query: "SSA", NoExpand: true, IDsOnly: true, NoFacets: true}},
	}
	g := engine(t).Glossary()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := QueryJSON(tt.req, QueryOptions{Glossary: g})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("dsl", tt.name+".json"), b)
		})
	}
}

// TestQueryShape checks properties of the translation that hold for any
// query: the literal phrase outweighs all words, which outweigh any word,
// which outweighs the bigrams and every synonym tier; a literal term has
// no synonym clause.
func TestQueryShape(t *testing.T) {
	for _, q := range []string{"SSA", "宇宙状況監視", "低軌道衛星の数"} {
		body, err := Query(search.Request{Query: q, NoHighlight: true, NoFacets: true}, QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		boosts := map[string]float64{}
		for _, c := range body["query"].(map[string]any)["bool"].(map[string]any)["should"].([]any) {
			for kind, v := range c.(map[string]any) {
				for field, m := range v.(map[string]any) {
					m := m.(map[string]any)
					key := kind + " " + field
					if a, ok := m["analyzer"].(string); ok {
						key += " " + a
					}
					if op, ok := m["operator"].(string); ok {
						key += " " + op
					}
					boosts[key] = m["boost"].(float64)
				}
			}
		}
		phrase, all, anyWord := boosts["match_phrase text kensaku_ja"], boosts["match text kensaku_ja and"], boosts["match text kensaku_ja"]
		if !(phrase > all && all >= anyWord && anyWord > boosts["match text.bigram"]) {
			t.Errorf("%s: boosts %v: want phrase > all words >= any word > bigrams", q, boosts)
		}
		for _, tier := range Tiers {
			w, ok := boosts["match text "+SynonymAnalyzer(tier)]
			if !ok || w >= anyWord {
				t.Errorf("%s: tier %s boost %v (present %v), want below any word %v", q, tier.Name, w, ok, anyWord)
			}
		}
	}
	b, err := QueryJSON(search.Request{Query: "=SSA"}, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "_syn_") {
		t.Errorf("=SSA searches synonyms:\n%s", b)
	}
}

func TestQueryErrors(t *testing.T) {
	tests := []struct {
		req    search.Request
		syntax bool // a *query.SyntaxError, else ErrInvalidRequest
	}{
		{search.Request{Query: `"宇宙`}, true},
		{search.Request{Query: "kind:"}, true},
		{search.Request{Query: "SSA", Size: search.MaxSize + 1}, false},
		{search.Request{Query: "SSA", From: -1}, false},
		{search.Request{Query: strings.Repeat("宇", search.MaxQueryRunes+1)}, false},
		{search.Request{Query: "SSA", Filters: []search.Filter{{Field: "colour", Value: "red"}}}, false},
		{search.Request{Query: "SSA", Filters: []search.Filter{{Field: "page", Value: "9-3"}}}, false},
	}
	for _, tt := range tests {
		_, err := Query(tt.req, QueryOptions{})
		var se *query.SyntaxError
		switch {
		case err == nil:
			t.Errorf("%+v: no error", tt.req)
		case tt.syntax && !errors.As(err, &se):
			t.Errorf("%+v: %v, want a syntax error", tt.req, err)
		case !tt.syntax && !errors.Is(err, search.ErrInvalidRequest):
			t.Errorf("%+v: %v, want ErrInvalidRequest", tt.req, err)
		}
	}
}

func ExampleQuery() {
	body, err := Query(search.Request{Query: "=SSA", NoHighlight: true, NoFacets: true}, QueryOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(body["query"])
	fmt.Println(string(b))
	// Output:
	// {"bool":{"minimum_should_match":1,"should":[{"match_phrase":{"text":{"analyzer":"kensaku_ja","boost":2,"query":"SSA"}}},{"match":{"text":{"analyzer":"kensaku_ja","boost":1.9048,"operator":"and","query":"SSA"}}},{"match":{"text":{"analyzer":"kensaku_ja","boost":1.9048,"query":"SSA"}}},{"match":{"title":{"boost":3,"query":"SSA"}}},{"match":{"text.bigram":{"boost":0.5,"query":"SSA"}}}]}}
}
