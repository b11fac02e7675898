package search

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// TestReverseMemo checks that the engine's memo of katakana words gives
// what matching them again gives, that searches asked twice expand alike,
// and that the memo starts again when it is full.
func TestReverseMemo(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		{ID: "en", Document: "d", Kind: corpus.KindBody, Text: "Starlink satellites and the Sentinel mission; configure the input method."},
		{ID: "ja", Document: "d", Kind: corpus.KindBody, Text: "衛星の打ち上げが続いている。"},
	}, indexer.Options{}, Options{})
	m, vocab, _ := eng.englishVocab()
	if m == nil {
		t.Fatal("no transliteration model")
	}
	for _, w := range []string{"スターリンク", "センチネル", "メソッド", "サテライト", "アイウエオ"} {
		want := vocab.MatchKatakana(w, 0, minReverseConfidence)
		for range 2 {
			if got := eng.matchKatakana(vocab, w); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("matchKatakana(%s) = %+v, want %+v", w, got, want)
			}
		}
		if _, ok := eng.translit.reverse.memo.get(w); !ok {
			t.Errorf("%s: not in the memo", w)
		}
	}
	for _, q := range []string{"スターリンク衛星", "センチネル", "入力メソッド"} {
		first, err := eng.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		again, err := eng.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first.Expansions, again.Expansions) || !reflect.DeepEqual(shortIDs(first), shortIDs(again)) {
			t.Errorf("%s: asked again, expansions %+v hits %v; first %+v %v", q, again.Expansions, shortIDs(again), first.Expansions, shortIDs(first))
		}
	}
	r := &eng.translit.reverse
	r.memo.m = map[string][]translit.EnglishCandidate{}
	for i := range maxReverseMemo {
		r.memo.m[fmt.Sprint(i)] = nil
	}
	eng.matchKatakana(vocab, "スターリンク")
	if len(r.memo.m) != 1 {
		t.Errorf("full memo: %d words after one more, want 1", len(r.memo.m))
	}
}
