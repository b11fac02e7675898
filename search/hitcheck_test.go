package search

import (
	"context"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// bodyPassage is a body passage of document d with text and no title.
func bodyPassage(id, text string) corpus.Passage {
	return corpus.Passage{ID: id, Document: "d", Kind: corpus.KindBody, Text: text}
}

// titledPassage is a body passage of document d with a title.
func titledPassage(id, title, text string) corpus.Passage {
	return corpus.Passage{ID: id, Document: "d", Kind: corpus.KindBody, Title: title, Text: text}
}

// searchIDs searches eng and returns the result with the ids of its hits:
// of all of them, or with full of only those that are not partial.
func searchIDs(t *testing.T, eng *Engine, req Request, full bool) (*Result, []string) {
	t.Helper()
	res, err := eng.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		if !full || !h.Partial {
			ids = append(ids, h.ID)
		}
	}
	return res, ids
}

// checkHits checks that ids, the hits of query, include every one of want
// and none of not.
func checkHits(t *testing.T, query string, ids, want, not []string) {
	t.Helper()
	for _, id := range want {
		if !slices.Contains(ids, id) {
			t.Errorf("%s: hits %v, want %s among them", query, ids, id)
		}
	}
	for _, id := range not {
		if slices.Contains(ids, id) {
			t.Errorf("%s: hits %v, want no %s", query, ids, id)
		}
	}
}

// checkFirst checks that the first of ids, the hits of query, is want.
func checkFirst(t *testing.T, query string, ids []string, want string) {
	t.Helper()
	if len(ids) == 0 || ids[0] != want {
		t.Errorf("%s: hits %v, want %s first", query, ids, want)
	}
}

// equivalentsOf returns the equivalents of res's expansions that keep
// accepts, in order.
func equivalentsOf(res *Result, keep func(Expansion) bool) []string {
	var eqs []string
	for _, x := range res.Expansions {
		if keep(x) {
			eqs = append(eqs, x.Equivalents...)
		}
	}
	return eqs
}

// TestHitInsideKatakanaWord: a passage with an equivalent inside a longer
// katakana word of the index (リリースクリティカル in リリースクリティカルバグ)
// is a hit, as the search scores it as having the equivalent; one with
// the equivalent's bigrams apart (プロ and ロシア for プロシア) is not.
func TestHitInsideKatakanaWord(t *testing.T) {
	ps := []corpus.Passage{
		bodyPassage("rc", "リリースクリティカルバグが残っている版は出さない。"),
		bodyPassage("apart", "プロジェクトはロシアでも使われている。"),
		bodyPassage("other", "設定ファイルの書き方を説明する。"),
	}
	g := []glossary.Entry{
		{Acronym: "RC", Japanese: []string{"リリースクリティカル"}, Source: "user:test", Confidence: 0.9},
		{English: []string{"Prussia"}, Japanese: []string{"プロシア"}, Source: "user:test", Confidence: 0.9},
	}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	if got := eng.containingWords("リリースクリティカル"); !slices.Equal(got, []string{"リリースクリティカルバグ"}) {
		t.Errorf("containingWords(リリースクリティカル) = %q", got)
	}
	for _, tc := range []struct {
		query string
		hits  []string
	}{
		{"RC", []string{"rc"}},
		{"Prussia", nil},
	} {
		_, ids := searchIDs(t, eng, Request{Query: tc.query, NoHighlight: true}, true)
		if !slices.Equal(ids, tc.hits) {
			t.Errorf("%s: hits %v, want %v", tc.query, ids, tc.hits)
		}
	}
}

// TestTitleInsideKatakanaWord: a passage whose title has an equivalent
// at the end or start of a longer katakana word (ライフサイクル in
// リリースライフサイクル) is a hit, as one with the equivalent's words in its
// title is.
func TestTitleInsideKatakanaWord(t *testing.T) {
	ps := []corpus.Passage{
		titledPassage("titled", "リリースライフサイクル", "各版は実験版から安定版へと順に移っていく。"),
		titledPassage("text", "製品", "製品のライフサイクルを管理する。"),
		titledPassage("other", "設定", "設定ファイルの書き方を説明する。"),
	}
	g := []glossary.Entry{{English: []string{"lifecycle"}, Japanese: []string{"ライフサイクル"}, Source: "user:test", Confidence: 0.9}}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	if got := eng.containingTitleWords("ライフサイクル"); !slices.Equal(got, []string{"リリースライフサイクル"}) {
		t.Errorf("containingTitleWords(ライフサイクル) = %q", got)
	}
	_, ids := searchIDs(t, eng, Request{Query: "lifecycle", NoHighlight: true}, true)
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"text", "titled"}) {
		t.Errorf("lifecycle: hits %v, want text and titled", ids)
	}
}
