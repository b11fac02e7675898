package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestTitleSiblings checks that a katakana query word finds a passage
// whose title alone writes it otherwise (ポートフォーワーディング:
// ポートフォワーディング, a word the text field lacks), and that a word
// whose skeleton is too short matches no title spelling.
func TestTitleSiblings(t *testing.T) {
	passages := []corpus.Passage{
		titledPassage("title", "SSH のポートフォワーディング", "ssh -L 4025:server:25 を実行します。"),
		titledPassage("text", "転送", "ポートフォーワーディングを設定します。"),
		titledPassage("other", "ポート", "ポートを開きます。"),
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	tests := []struct {
		term string
		want []string
	}{
		{"ポートフォーワーディング", []string{"ポートフォワーディング"}},
		{"ポート", nil},
	}
	for _, tt := range tests {
		if got := eng.titleSiblings(tt.term); !slices.Equal(got, tt.want) {
			t.Errorf("titleSiblings(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
	res, _ := searchIDs(t, eng, Request{Query: "ポートフォーワーディング", NoHighlight: true}, true)
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if !slices.Contains(ids, "title") || !slices.Contains(ids, "text") || slices.Contains(ids, "other") && slices.Index(ids, "other") < slices.Index(ids, "title") {
		t.Errorf("ポートフォーワーディング: hits %v, want title and text before other", ids)
	}
}
