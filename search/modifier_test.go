package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestModifierForms checks that a hyphenated English word that the
// glossary knows only as the modifier of a term (man-in-the-middle
// attack: 中間者攻撃) is rendered by the term's Japanese before the
// Japanese of its last word (中間者), where the index has it, and that a
// term written whole (surface-to-air missile: サム) renders nothing.
func TestModifierForms(t *testing.T) {
	passages := []corpus.Passage{
		titledPassage("mitm", "DNS", "DNSSEC により中間者攻撃で偽装されたレコードを遮断できます。"),
		titledPassage("sam", "防空", "サムを配備します。"),
		titledPassage("other", "攻撃", "攻撃を防ぎます。"),
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	tests := []struct {
		text string
		want []string
	}{
		{"man-in-the-middle", []string{"中間者"}},
		{"surface-to-air", nil},
		{"man", nil}, // not hyphenated
	}
	for _, tt := range tests {
		var got []string
		for _, f := range eng.modifierForms(tt.text) {
			got = append(got, f.Form)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("modifierForms(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	_, hits := searchIDs(t, eng, Request{Query: "man-in-the-middle", NoHighlight: true}, true)
	checkHits(t, "man-in-the-middle", hits, []string{"mitm"}, []string{"sam", "other"})
}
