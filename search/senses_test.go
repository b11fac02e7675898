package search

import (
	"context"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

func TestChooseSenses(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "a", Kind: corpus.KindBody, Text: "量子暗号通信の実験で鍵配送に成功した。"},
		{ID: "b", Kind: corpus.KindBody, Text: "鍵配送の方式を比較する。"},
		{ID: "c", Kind: corpus.KindBody, Text: "気象観測衛星の打ち上げ。"},
	}
	gloss := []glossary.Entry{
		{Acronym: "QKX", Japanese: []string{"量子暗号通信"}, Source: "user:t", Confidence: 1},
		{Acronym: "QKX", Japanese: []string{"気象観測衛星"}, Source: "user:t", Confidence: 0.9},
		{Acronym: "QKX", Japanese: []string{"深海探査艇"}, Source: "user:t", Confidence: 0.8}, // in no passage
		{Acronym: "QKX", Japanese: []string{"くきくす"}, Source: "user:t", Confidence: 0.7},  // no bigram: unknown
	}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: gloss, NoLexicon: true})
	tests := []struct {
		query  string
		sense  string
		others []string
		has    []string
	}{
		// Alone: every sense the index may have.
		{"QKX", "", []string{"深海探査艇"}, []string{"量子暗号通信", "気象観測衛星", "くきくす"}},
		// With a word found with one sense only: that sense.
		{"QKX 鍵配送", "量子暗号通信", []string{"気象観測衛星", "深海探査艇", "くきくす"}, []string{"量子暗号通信"}},
		{"QKX 打ち上げ", "気象観測衛星", []string{"量子暗号通信", "深海探査艇", "くきくす"}, []string{"気象観測衛星"}},
		// A word no sense shares a passage with chooses nothing.
		{"QKX 比較", "", []string{"深海探査艇"}, []string{"量子暗号通信", "気象観測衛星", "くきくす"}},
		// The other words may be elsewhere in the query.
		{"QKX +鍵配送", "量子暗号通信", []string{"気象観測衛星", "深海探査艇", "くきくす"}, []string{"量子暗号通信"}},
	}
	for _, tt := range tests {
		res, err := eng.Search(context.Background(), Request{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(res.Expansions, func(x Expansion) bool { return x.Term == "QKX" })
		if i < 0 {
			t.Errorf("%s: no expansion of QKX: %+v", tt.query, res.Expansions)
			continue
		}
		x := res.Expansions[i]
		if x.Sense != tt.sense || !slices.Equal(x.OtherSenses, tt.others) {
			t.Errorf("%s: sense %q, others %q; want %q, %q", tt.query, x.Sense, x.OtherSenses, tt.sense, tt.others)
		}
		if !slices.Equal(x.Equivalents, tt.has) {
			t.Errorf("%s: equivalents %q, want %q", tt.query, x.Equivalents, tt.has)
		}
	}
}
