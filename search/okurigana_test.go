package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

func TestOkuriganaKey(t *testing.T) {
	tests := []struct {
		term, key string
		ok        bool
	}{
		{"組み込み", "組込", true},
		{"組込み", "組込", true},
		{"組込", "組込", true},
		{"取り扱い", "取扱", true},
		{"見る", "", false},      // one kanji: inflections and other words
		{"おき換え", "", false},    // starts with kana
		{"システム", "", false},    // no kanji
		{"組み込みソフト", "", false}, // katakana
		{"日本", "日本", true},
	}
	for _, tt := range tests {
		key, ok := okuriganaKey(tt.term)
		if key != tt.key || ok != tt.ok {
			t.Errorf("okuriganaKey(%q) = %q, %v; want %q, %v", tt.term, key, ok, tt.key, tt.ok)
		}
	}
}

// TestOkuriganaKeyMatch: a query with more okurigana than the glossary's
// key (再割り当て; EDICT: 再割当, reassignment) is expanded as the key
// is, and finds the passage that writes the English; a verb or a word of
// one okurigana is not read as the noun of its kanji.
func TestOkuriganaKeyMatch(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"再割り当て", true},
		{"取り扱い", true},
		{"申し込み", true},
		{"組み合う", false},  // a verb
		{"組合せ", false},   // one okurigana
		{"日本の首都", false}, // a particle
		{"割当", false},    // no okurigana
		{"インストール", false},
	} {
		if got := okuriganaOnly(tc.text); got != tc.want {
			t.Errorf("okuriganaOnly(%s) = %v, want %v", tc.text, got, tc.want)
		}
	}
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("en", "Bugs filed against the wrong package need a reassignment to the right one."),
		bodyPassage("other", "パッケージの割り当ては自動で行われる。"),
	}, indexer.Options{}, Options{})
	res, ids := searchIDs(t, eng, Request{Query: "再割り当て"}, false)
	if got := equivalentsOf(res, func(x Expansion) bool { return x.Term == "再割り当て" }); !slices.Contains(got, "reassignment") {
		t.Errorf("再割り当て: equivalents %q, want reassignment", got)
	}
	checkFirst(t, "再割り当て", ids, "en")
}
