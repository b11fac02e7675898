package search

import (
	"context"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestIsSentence checks which chunks of a query are read as sentences
// (their words may be found in a passage's title for the hit rule) and
// which as keywords.
func TestIsSentence(t *testing.T) {
	eng := engine(t)
	tests := []struct {
		chunk string
		want  bool
	}{
		{"ラオスの首都は", true},       // a particle between the words
		{"首相 誰", true},          // a question word
		{"首都はどこ", false},        // one word (どこ is a stop word)
		{"ドミニカ国の政体は？", true},    // a particle
		{"宇宙 協力", false},        // keywords
		{"日米 宇宙協力", false},      // keywords
		{"サイバー防衛", false},       // one compound
		{"首都", false},           // one word
		{"宇宙状況の監視", true},       // a particle
		{"Dynamic Host", false}, // English words
	}
	for _, tt := range tests {
		if got := isSentence(eng.morph.Analyze([]byte(tt.chunk))); got != tt.want {
			t.Errorf("isSentence(%q) = %v, want %v", tt.chunk, got, tt.want)
		}
	}
}

// TestHitTitle checks the hit rule's title words: a question's word found
// in a passage's title counts as found, as long as another is in its
// text; keywords must all be in the text.
func TestHitTitle(t *testing.T) {
	ctx := context.Background()
	ps := []corpus.Passage{
		{ID: "laos-capital", Title: "ラオス", Text: "首都はヴィエンチャンである。"},
		{ID: "laos-people", Title: "ラオス", Text: "人口は約700万人である。"},
		{ID: "thai-capital", Title: "タイ王国", Text: "首都はバンコクである。"},
		{ID: "laos-named", Title: "東南アジア", Text: "ラオスの首都はヴィエンチャンである。"},
		// 日本共産党 is 日本 共産党 alone, 日本 共産 党 in a question.
		{ID: "jcp-fee", Title: "日本共産党", Text: "入党費は月額300円である。"},
	}
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, hitTitle := range []bool{false, true} {
		rank := DefaultRanking()
		rank.HitTitle = hitTitle
		eng, err := New(ix, Options{NoLexicon: true, Ranking: rank})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			query         string
			hits, hitsOff []string // in order, with and without HitTitle
		}{
			{"ラオスの首都は", []string{"laos-named", "laos-capital"}, []string{"laos-named"}},
			{"ラオスの首都はどこ？", []string{"laos-named", "laos-capital"}, []string{"laos-named"}},
			{"ラオス 首都", []string{"laos-named"}, []string{"laos-named"}}, // keywords: in the text
			{"ラオスは？", []string{"laos-named"}, []string{"laos-named"}},  // one word: in the text
			{"日本共産党の入党費は？", []string{"jcp-fee"}, nil},
		}
		for _, tt := range tests {
			want := tt.hits
			if !hitTitle {
				want = tt.hitsOff
			}
			res, err := eng.Search(ctx, Request{Query: tt.query, Size: 10, NoHighlight: true, NoExpand: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				if !h.Partial {
					got = append(got, h.ID)
				}
			}
			if int(res.Total) != len(got) || len(got) != len(want) {
				t.Errorf("HitTitle %v: %s: hits %v (total %d), want %v", hitTitle, tt.query, got, res.Total, want)
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("HitTitle %v: %s: hits %v, want %v", hitTitle, tt.query, got, want)
					break
				}
			}
		}
	}
}

// TestTitleInWords checks that a question's word found in a passage's
// title counts among the words and bigrams found (Ranking.TitleInWords):
// the words feature of a passage that answers ラオスの首都は under the
// title ラオス has both words, not one of two, and its bigrams feature
// the bigrams of ラオス; keywords are left as they were.
func TestTitleInWords(t *testing.T) {
	ctx := context.Background()
	ps := []corpus.Passage{
		{ID: "laos-capital", Title: "ラオス", Text: "首都はヴィエンチャンである。"},
		{ID: "laos-people", Title: "ラオス", Text: "人口は約700万人である。"},
		{ID: "thai-capital", Title: "タイ王国", Text: "首都はバンコクである。"},
	}
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	feature := func(weight float64, query, name string) float64 {
		rank := DefaultRanking()
		rank.TitleInWords = weight
		eng, err := New(ix, Options{NoLexicon: true, Ranking: rank})
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Search(ctx, Request{Query: query, Size: 10, NoHighlight: true, NoExpand: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if h.ID != "laos-capital" || h.Explanation == nil {
				continue
			}
			for _, f := range h.Explanation.Features {
				if f.Feature == name {
					return f.Score
				}
			}
		}
		t.Fatalf("%s: laos-capital has no %s feature", query, name)
		return 0
	}
	for _, name := range []string{"words", "bigrams"} {
		off := feature(0, "ラオスの首都は", name)
		on := feature(0.1, "ラオスの首都は", name)
		if on < 1.5*off {
			t.Errorf("ラオスの首都は: %s score %.4f with the title's word, %.4f without; want more", name, on, off)
		}
		kwOff := feature(0, "ラオス 首都", name)
		kwOn := feature(0.1, "ラオス 首都", name)
		if kwOn != kwOff {
			t.Errorf("ラオス 首都 (keywords): %s score %.4f with TitleInWords, %.4f without; want the same", name, kwOn, kwOff)
		}
	}
}
