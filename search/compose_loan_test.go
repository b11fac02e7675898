package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestComposedBesideLoanword checks that an English phrase the glossary
// knows only as a katakana loanword (wireless network:
// ワイヤレス・ネットワーク) is also searched as the compound of its
// words' translations that renders one loanword of it in kanji
// (無線ネットワーク), and that other compositions are not.
func TestComposedBesideLoanword(t *testing.T) {
	passages := []corpus.Passage{
		titledPassage("loan", "無線", "ワイヤレスネットワークに接続します。"),
		titledPassage("kanji", "接続", "ノートパソコンを無線ネットワークに接続します。"),
		titledPassage("other", "ネット", "無線ネットでつながります。"),
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	tests := []struct {
		text    string
		matches bool
		want    []string
	}{
		{"wireless network", true, []string{"無線ネットワーク"}},
		{"remote machine", false, nil}, // known as 遠隔マシン: not a loanword
	}
	for _, tt := range tests {
		m := eng.gloss.Find(tt.text)
		cs, per := eng.composeEnglish(tt.text, m)
		var got []string
		for _, c := range cs {
			got = append(got, c.form)
		}
		if tt.matches && (!slices.Equal(got, tt.want) || per != nil) {
			t.Errorf("%s: composed %v (per-word %v), want %v alone", tt.text, got, per, tt.want)
		}
		if !tt.matches && slices.Contains(got, "無線ネットワーク") {
			t.Errorf("%s: composed %v", tt.text, got)
		}
	}
	_, hits := searchIDs(t, eng, Request{Query: "wireless network", NoHighlight: true}, true)
	checkHits(t, "wireless network", hits, []string{"loan", "kanji"}, []string{"other"})
}
