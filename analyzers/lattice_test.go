package analyzers

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/kensaku/kensaku/analyzers/internal/ipadic"
)

// testInputs returns the lines of the test texts (seed passages, JSQuAD
// passages, mixed text), each also cut into the pieces Morph gives the
// lattice, and a few odd inputs.
func testInputs(t *testing.T) []string {
	t.Helper()
	var inputs []string
	for _, name := range []string{"jsquad.txt", "mixed.txt", "seed.txt"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			inputs = append(inputs, line)
			for piece := range strings.SplitSeq(line, "。") {
				inputs = append(inputs, piece)
			}
		}
	}
	return append(inputs, "ーーーー", "\xff\xfe", "ｱｲｳ１２３", "   ", "あ")
}

// TestLatticeMatchesKagome checks that the lattice of lattice.go over the
// embedded dictionary (package ipadic) finds the same words, with the
// same base forms and parts of speech, as Kagome in Search mode over its
// own dictionary (kagome-dict/ipa), over the test texts cut into lines and
// into the pieces Morph gives the lattice.
func TestLatticeMatchesKagome(t *testing.T) {
	k, err := Kagome()
	if err != nil {
		t.Fatal(err)
	}
	d, err := loadIPA()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range testInputs(t) {
		if in == "" {
			continue
		}
		want := k.Analyze(in, tokenizer.Search)
		la := analyze(d, in, true)
		if len(la.out) != len(want) {
			t.Fatalf("%q: %d words, Kagome %d", in, len(la.out), len(want))
		}
		for i, w := range want {
			n := &la.nodes[la.out[i]]
			surface := la.surface(n)
			if surface != w.Surface || int(n.position) != w.Position || int(n.id) != w.ID || int(n.class) != int(w.Class) {
				t.Fatalf("%q word %d: %q at %d (id %d class %d), Kagome %q at %d (id %d class %v)",
					in, i, surface, n.position, n.id, n.class, w.Surface, w.Position, w.ID, w.Class)
			}
			gb, gok := d.baseForm(n)
			wb, wok := w.BaseForm()
			if gok != wok || gok && gb != wb {
				t.Fatalf("%q word %d %q: base form %q %v, Kagome %q %v", in, i, surface, gb, gok, wb, wok)
			}
			if got, want := d.partOfSpeech(n), w.POS(); !slices.Equal(got, want) {
				t.Fatalf("%q word %d %q: part of speech %v, Kagome %v", in, i, surface, got, want)
			}
		}
		la.free()
	}
}

// TestMorphMatchesKagomeDict checks that Morph gives the same tokens
// (terms, offsets, positions, types) and parts of speech over the
// embedded dictionary as over the tables read from Kagome's own
// dictionary, on the seed and JSQuAD passages and the mixed text.
func TestMorphMatchesKagomeDict(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Kagome's dictionary")
	}
	kd, err := ipadic.FromKagome(ipa.Dict())
	if err != nil {
		t.Fatal(err)
	}
	users, err := loadShippedDict()
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []*UserDict{nil, users} {
		fast := testMorph(t, user)
		stock := &Morph{dict: user, ipa: newIPADict(kd)}
		if fast.ipa.Dict == stock.ipa.Dict {
			t.Fatal("both analyzers use the same dictionary")
		}
		for _, in := range testInputs(t) {
			want, got := stock.Tokenize([]byte(in)), fast.Tokenize([]byte(in))
			if diff := cmp.Diff(tokenLines(want), tokenLines(got)); diff != "" {
				t.Fatalf("%q: tokens differ (-Kagome's dictionary +embedded):\n%s", in, diff)
			}
			if diff := cmp.Diff(stock.Explain([]byte(in)), fast.Explain([]byte(in))); diff != "" {
				t.Fatalf("%q: explained tokens differ (-Kagome's dictionary +embedded):\n%s", in, diff)
			}
		}
	}
}

func tokenLines(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.String())
	}
	return out
}

// TestLetterOrDigit checks letterOrDigit's shortcut against Unicode's
// tables, over the planes of Japanese text.
func TestLetterOrDigit(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r)
		if got := letterOrDigit(r); got != want {
			t.Fatalf("letterOrDigit(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestDictionarySurfaces checks that every word of the embedded
// dictionary's double array is valid UTF-8, which addKnown relies on to
// look for word ends only where a character ends: it walks each word's
// bytes back from its end to the root.
func TestDictionarySurfaces(t *testing.T) {
	d, err := loadIPA()
	if err != nil {
		t.Fatal(err)
	}
	da := d.DA
	words := 0
	for q := 1; q < len(da); q++ {
		end := int(da[q].Base) // the terminator's cell, if a word ends at q
		if end <= 0 || end >= len(da) || end == q || int(da[end].Check) != q || da[end].Base > 0 || int(da[q].Check) < 0 {
			continue
		}
		var word []byte
		for x, steps := q, 0; x != 0; steps++ {
			p := int(da[x].Check)
			if steps > 1000 || p < 0 || p >= len(da) {
				t.Fatalf("cell %d: no path to the root", q)
			}
			c := x - int(da[p].Base)
			if c <= 0 || c > 255 {
				t.Fatalf("cell %d: byte %d on the path to the root", q, c)
			}
			word = append(word, byte(c))
			x = p
		}
		slices.Reverse(word)
		if !utf8.Valid(word) {
			t.Errorf("word %q of the dictionary is not valid UTF-8", word)
		}
		words++
	}
	if words < 100_000 {
		t.Fatalf("found %d words in the double array, want the IPA dictionary's", words)
	}
	t.Logf("%d surfaces", words)
}
