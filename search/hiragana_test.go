package search

import (
	"context"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// hiraganaEngine indexes a few passages with hiragana words.
func hiraganaEngine(t *testing.T) *Engine {
	t.Helper()
	passages := []corpus.Passage{
		{ID: "sushi", Document: "d", Kind: corpus.KindBody, Text: "昨日は駅前ですしを食べました。"},
		{ID: "thanks", Document: "d", Kind: corpus.KindBody, Text: "先生にありがとうと言いました。"},
		{ID: "kana", Document: "d", Kind: corpus.KindBody, Text: "子供はひらがなで手紙を書いた。"},
		{ID: "ssa", Document: "d", Kind: corpus.KindBody, Text: "宇宙状況監視を強化する。"},
	}
	return memoryEngine(t, passages, indexer.Options{}, Options{})
}

// TestHiraganaQueries checks that queries of hiragana only, which have no
// bigrams since the bigram index leaves out pairs of two hiragana, still
// find their passages through the text field.
func TestHiraganaQueries(t *testing.T) {
	eng := hiraganaEngine(t)
	for _, tc := range []struct{ query, want string }{
		{"すし", "sushi"},
		{"ありがとう", "thanks"},
		{`"ありがとう"`, "thanks"},
		{"ひらがな", "kana"},
		{"すしを食べる", "sushi"},
		{`"ひらがなで手紙"`, "kana"},
		{"監視する", "ssa"},
	} {
		res, err := eng.Search(context.Background(), Request{Query: tc.query, NoHighlight: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.query, err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tc.want {
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			t.Errorf("Search(%q) = %v, want %s first", tc.query, ids, tc.want)
		}
	}
}

// TestNoHiraganaBigrams checks the bigram index: no pair of two hiragana,
// but pairs with one (で手, を食) and other pairs.
func TestNoHiraganaBigrams(t *testing.T) {
	eng := hiraganaEngine(t)
	seen := map[string]bool{}
	eng.Index().Bigrams.Terms(func(term string) {
		seen[term] = true
		if utf8.RuneCountInString(term) == 2 && allHiraganaTerm(term) {
			t.Errorf("bigram index has %q", term)
		}
	})
	for _, want := range []string{"で手", "を食", "監視", "先生"} {
		if !seen[want] {
			t.Errorf("bigram index lacks %q", want)
		}
	}
}

func allHiraganaTerm(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Hiragana, r) {
			return false
		}
	}
	return true
}
