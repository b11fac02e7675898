package search

import (
	"html"
	"math/rand"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
)

// TestMarksAsBleve checks markFormatter and mergeAdjacentMarks against
// what they replace, Bleve's html formatter and the regular expression
// `</mark>(\s*)<mark>`, on random texts made of the pieces that matter.
func TestMarksAsBleve(t *testing.T) {
	adjacent := regexp.MustCompile(`</mark>(\s*)<mark>`)
	bleveHTML := htmlformat.NewFragmentFormatter(markBefore, markAfter)
	pieces := []string{"</mark>", "<mark>", " ", "\t", "\n", "\f", "\r", "\v", "\u00a0", "a", "日本", "</mark", "<mar",
		"&", "'", "\"", "<", ">"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(12); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := mergeAdjacentMarks(s), adjacent.ReplaceAllString(s, "$1"); got != want {
			t.Fatalf("mergeAdjacentMarks(%q) = %q, want %q", s, got, want)
		}
		var e strings.Builder
		writeEscaped(&e, []byte(s))
		if got, want := e.String(), html.EscapeString(s); got != want {
			t.Fatalf("writeEscaped(%q) = %q, want %q", s, got, want)
		}
		// A fragment of s with term locations at random, ordered by
		// start as the highlighter orders them, some overlapping.
		if len(s) == 0 {
			continue
		}
		start := r.Intn(len(s))
		end := start + r.Intn(len(s)-start+1)
		f := &highlight.Fragment{Orig: []byte(s), Start: start, End: end}
		var locs highlight.TermLocations
		for k := r.Intn(5); k > 0; k-- {
			a := r.Intn(len(s))
			locs = append(locs, &highlight.TermLocation{Start: a, End: a + r.Intn(len(s)-a+1)})
		}
		sort.Sort(locs)
		locs = append(highlight.TermLocations{nil}, locs...)
		if got, want := (markFormatter{}).Format(f, locs), bleveHTML.Format(f, locs); got != want {
			t.Fatalf("Format(%q[%d:%d], %v) = %q, want %q", s, start, end, locs, got, want)
		}
	}
}

// TestIsSentenceStartAsDecoded checks isSentenceStart, which compares
// bytes, against decoding the character before: at every byte of texts
// with the marks, other characters and broken UTF-8.
func TestIsSentenceStartAsDecoded(t *testing.T) {
	decoded := func(text []byte, i int) bool {
		if i <= 0 || i >= len(text) {
			return true
		}
		prev, _ := utf8.DecodeLastRune(text[:i])
		return strings.ContainsRune("。．！？!?\n", prev)
	}
	pieces := []string{"。", "．", "！", "？", "!", "?", "\n", "a", "日", "、", "\xe3\x80", "\x82", "\xbc\x81", "ー"}
	r := rand.New(rand.NewSource(2))
	for n := 0; n < 5000; n++ {
		var b strings.Builder
		for k := r.Intn(8); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		text := []byte(b.String())
		for i := 0; i <= len(text); i++ {
			if got, want := isSentenceStart(text, i), decoded(text, i); got != want {
				t.Fatalf("isSentenceStart(%q, %d) = %v, want %v", text, i, got, want)
			}
		}
	}
}
