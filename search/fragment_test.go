package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/highlight"
)

// TestBoundaryFragmenter checks that fragments start and end at sentence
// or word boundaries, keep their matches, and stay near the size asked for.
func TestBoundaryFragmenter(t *testing.T) {
	tests := []struct {
		name, text, match string
		size              int
		want              string // the fragment, or "" to check only the properties
	}{
		{"sentence start before the match",
			"防衛省は情報共有を進めている。宇宙領域の利用については、関係国との協議を通じ、宇宙状況監視を推進している。次の文はここにある。",
			"宇宙状況監視", 30, "宇宙領域の利用については、関係国との協議を通じ、宇宙状況監視を推進している。次の文はここにある。"},
		{"sentence end after the match",
			strings.Repeat("あ", 60) + "を決定し、宇宙状況監視の協力を強化するため技術取決めに署名した。" + strings.Repeat("い", 60),
			"宇宙状況監視", 20, "決定し、宇宙状況監視の協力を強化するため技術取決めに署名した。"},
		{"word start when no sentence is near",
			strings.Repeat("あ", 60) + "防衛省の宇宙領域の利用については関係国との協議や情報共有を進めて宇宙状況監視を推進しているところである",
			"宇宙状況監視", 30, ""},
		{"Latin word not cut",
			"The Space Situational Awareness capability supports every operation of the space forces and allies.",
			"Awareness", 20, "The Space Situational Awareness"},
		{"short text whole", "宇宙状況監視。", "宇宙状況監視", 120, "宇宙状況監視。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := []byte(tt.text)
			at := strings.Index(tt.text, tt.match)
			ot := highlight.TermLocations{&highlight.TermLocation{Term: tt.match, Start: at, End: at + len(tt.match)}}
			f := newBoundaryFragmenter(tt.size)
			frags := f.Fragment(orig, ot)
			if len(frags) != 1 {
				t.Fatalf("%d fragments", len(frags))
			}
			fg := frags[0]
			got := string(orig[fg.Start:fg.End])
			if tt.want != "" && got != tt.want {
				t.Errorf("fragment\n%q\nwant\n%q", got, tt.want)
			}
			if !strings.Contains(got, tt.match) {
				t.Errorf("fragment %q lost the match", got)
			}
			if !isWordStart(orig, fg.Start) || !isWordStart(orig, fg.End) {
				t.Errorf("fragment %q does not start and end at word boundaries", got)
			}
			if n := utf8.RuneCountInString(got); n > tt.size+2*sentenceReach {
				t.Errorf("fragment of %d characters for size %d", n, tt.size)
			}
		})
	}
}

func FuzzBoundaryFragmenter(f *testing.F) {
	f.Add("宇宙領域の利用については、関係国との協議", 3, 9, 10)
	f.Add("a b c", 0, 1, 2)
	f.Fuzz(func(t *testing.T, text string, start, length, size int) {
		if start < 0 || length <= 0 || start+length > len(text) || size <= 0 || size > 1000 {
			return
		}
		ot := highlight.TermLocations{&highlight.TermLocation{Start: start, End: start + length}}
		fr := newBoundaryFragmenter(size)
		for _, fg := range fr.Fragment([]byte(text), ot) {
			if fg.Start < 0 || fg.End > len(text) || fg.Start > fg.End {
				t.Fatalf("fragment [%d,%d) out of [0,%d)", fg.Start, fg.End, len(text))
			}
		}
	})
}
