package search

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
)

// sameAsBleve checks simpleFragments against Bleve's simple fragmenter on
// one input: the same fragments when it answers.
func sameAsBleve(t *testing.T, text []byte, ot highlight.TermLocations, size int) bool {
	t.Helper()
	clone := func() highlight.TermLocations {
		c := make(highlight.TermLocations, len(ot))
		for i, tl := range ot {
			x := *tl
			c[i] = &x
		}
		return c
	}
	want := simple.NewFragmenter(size).Fragment(text, clone())
	got, ok := simpleFragments(text, clone(), size)
	if !ok {
		return false
	}
	span := func(fs []*highlight.Fragment) [][2]int {
		var out [][2]int
		for _, f := range fs {
			out = append(out, [2]int{f.Start, f.End})
		}
		return out
	}
	if !slices.Equal(span(got), span(want)) {
		t.Errorf("size %d, locations %v of %q:\ngot  %v\nwant %v", size, locations(ot), text, span(got), span(want))
	}
	return true
}

func locations(ot highlight.TermLocations) [][2]int {
	var out [][2]int
	for _, tl := range ot {
		out = append(out, [2]int{tl.Start, tl.End})
	}
	return out
}

// randomLocations returns n locations on character boundaries of text,
// ordered by start as the highlighter orders them (ties and overlaps
// included).
func randomLocations(r *rand.Rand, text []byte, n int) highlight.TermLocations {
	var bounds []int
	for i := range text {
		if utf8.RuneStart(text[i]) {
			bounds = append(bounds, i)
		}
	}
	bounds = append(bounds, len(text))
	ot := highlight.TermLocations{}
	for range n {
		a := r.IntN(len(bounds))
		b := min(len(bounds)-1, a+r.IntN(6))
		ot = append(ot, &highlight.TermLocation{Start: bounds[a], End: bounds[b]})
	}
	sort.SliceStable(ot, func(i, j int) bool { return ot[i].Start < ot[j].Start })
	return ot
}

func TestSimpleFragments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"宇宙", "状況監視", "の", "を", "。", "、", "SSA", " ", "Space ", "アウェアネス", "\n", "123", "é", "😀"}
	answered := 0
	for range 3000 {
		var b strings.Builder
		for range r.IntN(80) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := []byte(b.String())
		size := 1 + r.IntN(150)
		if sameAsBleve(t, text, randomLocations(r, text, r.IntN(12)), size) {
			answered++
		}
	}
	if answered < 3000 {
		t.Errorf("answered %d of 3000 valid texts", answered)
	}
	// Where Bleve gives up on a character, simpleFragments does not answer.
	for _, text := range []string{"宇宙\uFFFD状況", "宇宙\xff状況"} {
		ot := highlight.TermLocations{{Start: 0, End: 6}}
		if _, ok := simpleFragments([]byte(text), ot, 10); ok {
			t.Errorf("%q: answered", text)
		}
	}
	// Nor for a location off a character boundary or outside the text.
	for _, tl := range []highlight.TermLocation{{Start: 1, End: 3}, {Start: 0, End: 100}, {Start: 3, End: 2}} {
		if _, ok := simpleFragments([]byte("宇宙状況"), highlight.TermLocations{&tl}, 10); ok {
			t.Errorf("location %v: answered", tl)
		}
	}
}

func FuzzSimpleFragments(f *testing.F) {
	f.Add("宇宙領域の利用については、関係国との協議", uint64(7), 3, 10)
	f.Add("a b c", uint64(1), 2, 2)
	f.Fuzz(func(t *testing.T, text string, seed uint64, n, size int) {
		if len(text) == 0 || n < 0 || n > 50 || size <= 0 || size > 500 {
			return
		}
		r := rand.New(rand.NewPCG(seed, 0))
		sameAsBleve(t, []byte(text), randomLocations(r, []byte(text), n), size)
	})
}
