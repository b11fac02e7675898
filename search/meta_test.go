package search

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestMetaFilters checks meta.KEY filters over the scalar metadata of
// passages, in the query and in Request.Filters, exact and by prefix.
func TestMetaFilters(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "a", Kind: corpus.KindBody, Text: "宇宙状況監視の体制を強化する。", Meta: map[string]any{
			"url": "https://www.mod.go.jp/j/press/wp/2020/a.html", "date": "2020-08-26", "lang": "ja", "tags": []any{"space", "policy"}, "year": 2020.0}},
		{ID: "b", Kind: corpus.KindBody, Text: "宇宙状況監視の能力を向上させる。", Meta: map[string]any{
			"url": "https://www.mod.go.jp/j/press/wp/2021/b.html", "date": "2021-07-13", "lang": "JA", "year": 2021.0, "nested": map[string]any{"x": "y"}}},
		{ID: "c", Kind: corpus.KindBody, Text: "宇宙状況監視について述べる。"},
	}
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	e, err := New(ix, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"exact in query", Request{Query: "宇宙状況監視 meta.date:2020-08-26"}, []string{"a"}},
		{"folded case", Request{Query: "宇宙状況監視 meta.lang:ja"}, []string{"a", "b"}},
		{"field name in any case and width", Request{Query: "宇宙状況監視 ＭＥＴＡ.Lang:JA"}, []string{"a", "b"}},
		{"prefix", Request{Query: `宇宙状況監視 meta.url:"https://www.mod.go.jp/j/press/wp/2021/*"`}, []string{"b"}},
		{"year prefix of a date", Request{Query: "宇宙状況監視 meta.date:2021*"}, []string{"b"}},
		{"number", Request{Query: "宇宙状況監視 meta.year:2020"}, []string{"a"}},
		{"array element", Request{Query: "宇宙状況監視 meta.tags:policy"}, []string{"a"}},
		{"has the key", Request{Query: "宇宙状況監視 meta.date:*"}, []string{"a", "b"}},
		{"excluded", Request{Query: "宇宙状況監視 -meta.year:2020"}, []string{"b", "c"}},
		{"nested objects are not indexed", Request{Query: "宇宙状況監視 meta.nested:y"}, nil},
		{"in the request", Request{Query: "宇宙状況監視", Filters: []Filter{{Field: "meta.lang", Value: "ja"}, {Field: "meta.date", Value: "2021*"}}}, []string{"b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []Filter{{Field: "meta.", Value: "x"}, {Field: "meta.a b", Value: "x"}, {Field: "meta.lang", Value: ""}} {
		if _, err := e.Search(context.Background(), Request{Query: "宇宙", Filters: []Filter{bad}}); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("filter %+v: err %v, want ErrInvalidRequest", bad, err)
		}
	}
}
