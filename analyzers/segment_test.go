package analyzers

import (
	"slices"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// TestSegmentMatchesKagome checks that Segment gives the words Kagome's
// tokenizer gives in Normal mode over its own dictionary, with the same
// positions, classes, parts of speech and readings, over the test texts.
func TestSegmentMatchesKagome(t *testing.T) {
	if testing.Short() {
		t.Skip("loads Kagome's dictionary")
	}
	k, err := Kagome()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range testInputs(t) {
		got, err := Segment(in)
		if err != nil {
			t.Fatal(err)
		}
		want := k.Tokenize(in)
		if len(got) != len(want) {
			t.Fatalf("%q: %d words, Kagome %d", in, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.Surface != w.Surface || g.Position != w.Position || g.Known != (w.Class == tokenizer.KNOWN) {
				t.Fatalf("%q word %d: %q at %d (known %v), Kagome %q at %d (class %v)",
					in, i, g.Surface, g.Position, g.Known, w.Surface, w.Position, w.Class)
			}
			if !slices.Equal(g.POS, w.POS()) {
				t.Fatalf("%q word %d %q: part of speech %v, Kagome %v", in, i, g.Surface, g.POS, w.POS())
			}
			for level := range 4 {
				f, _ := w.FeatureAt(level)
				if level < len(g.POS) && g.POS[level] != f {
					t.Fatalf("%q word %d %q: level %d %q, Kagome feature %q", in, i, g.Surface, level, g.POS[level], f)
				}
			}
			r, ok := w.Reading()
			if !ok {
				r = ""
			}
			if g.Reading != r {
				t.Fatalf("%q word %d %q: reading %q, Kagome %q (%v)", in, i, g.Surface, g.Reading, r, ok)
			}
		}
	}
}

// TestSegmentReadings checks the readings and parts of speech of words
// definition mining relies on: the readings it romanises into acronyms
// (日本放送協会, NHK) and the parts of speech that bound a long form.
func TestSegmentReadings(t *testing.T) {
	for _, c := range []struct {
		text string
		want []Word
	}{
		{"日本放送協会", []Word{
			{Surface: "日本", Known: true, POS: []string{"名詞", "固有名詞", "地域", "国"}, Reading: "ニッポン"},
			{Surface: "放送", Position: 6, Known: true, POS: []string{"名詞", "サ変接続", "*", "*"}, Reading: "ホウソウ"},
			{Surface: "協会", Position: 12, Known: true, POS: []string{"名詞", "一般", "*", "*"}, Reading: "キョウカイ"},
		}},
		{"自由で開かれたインド太平洋", []Word{
			{Surface: "自由", Known: true, POS: []string{"名詞", "形容動詞語幹", "*", "*"}, Reading: "ジユウ"},
			{Surface: "で", Position: 6, Known: true, POS: []string{"助動詞", "*", "*", "*"}, Reading: "デ"},
			{Surface: "開か", Position: 9, Known: true, POS: []string{"動詞", "自立", "*", "*"}, Reading: "ヒラカ"},
			{Surface: "れ", Position: 15, Known: true, POS: []string{"動詞", "接尾", "*", "*"}, Reading: "レ"},
			{Surface: "た", Position: 18, Known: true, POS: []string{"助動詞", "*", "*", "*"}, Reading: "タ"},
			{Surface: "インド", Position: 21, Known: true, POS: []string{"名詞", "固有名詞", "地域", "国"}, Reading: "インド"},
			{Surface: "太平洋", Position: 30, Known: true, POS: []string{"名詞", "固有名詞", "地域", "一般"}, Reading: "タイヘイヨウ"},
		}},
		{"スネルマンの", []Word{
			{Surface: "スネルマン", POS: []string{"名詞", "一般", "*", "*"}},
			{Surface: "の", Position: 15, Known: true, POS: []string{"助詞", "連体化", "*", "*"}, Reading: "ノ"},
		}},
	} {
		got, err := Segment(c.text)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, c.want, func(a, b Word) bool {
			return a.Surface == b.Surface && a.Position == b.Position && a.Known == b.Known &&
				slices.Equal(a.POS, b.POS) && a.Reading == b.Reading
		}) {
			t.Errorf("Segment(%q) =\n%+v\nwant\n%+v", c.text, got, c.want)
		}
	}
}

// FuzzSegment checks that Segment's words cover the text, in order and
// without overlap, each with a part of speech, on arbitrary input.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{"日本放送協会（NHK）", "スターリンク（Starlink）", "\xff\xfe", "ーー", "   ", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := Segment(s)
		if err != nil {
			t.Fatal(err)
		}
		at := 0
		for _, w := range words {
			if w.Position != at || w.Surface == "" || s[w.Position:w.Position+len(w.Surface)] != w.Surface {
				t.Fatalf("%q: word %q at %d, expected at %d", s, w.Surface, w.Position, at)
			}
			if len(w.POS) == 0 || !w.Known && w.Reading != "" {
				t.Fatalf("%q: word %+v", s, w)
			}
			at += len(w.Surface)
		}
		if at != len(s) {
			t.Fatalf("%q: words cover %d of %d bytes", s, at, len(s))
		}
	})
}
