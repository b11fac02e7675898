package analyzers

import (
	"os"
	"strings"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// TestLatticeMatchesKagome checks that the lattice of lattice.go finds the
// same words, with the same features, as Kagome in Search mode, over the
// test texts cut into lines and into the pieces Morph gives the lattice.
func TestLatticeMatchesKagome(t *testing.T) {
	k, err := Kagome()
	if err != nil {
		t.Fatal(err)
	}
	d := loadIPA()
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
	inputs = append(inputs, "ーーーー", "\xff\xfe", "ｱｲｳ１２３", "   ", "あ")
	for _, in := range inputs {
		if in == "" {
			continue
		}
		want := k.Analyze(in, tokenizer.Search)
		la := analyze(d, in)
		if len(la.out) != len(want) {
			t.Fatalf("%q: %d words, Kagome %d", in, len(la.out), len(want))
		}
		for i, w := range want {
			n := &la.nodes[la.out[i]]
			if n.surface != w.Surface || n.position != w.Position || n.id != w.ID || int(n.class) != int(w.Class) {
				t.Fatalf("%q word %d: %q at %d (id %d class %d), Kagome %q at %d (id %d class %v)",
					in, i, n.surface, n.position, n.id, n.class, w.Surface, w.Position, w.ID, w.Class)
			}
			for f := 0; f < 9; f++ {
				got, gok := feature(d.Dict, n, f)
				exp, eok := w.FeatureAt(f)
				if got != exp || gok != eok {
					t.Fatalf("%q word %d feature %d: %q %v, Kagome %q %v", in, i, f, got, gok, exp, eok)
				}
			}
			gb, gok := baseForm(d.Dict, n)
			wb, wok := w.BaseForm()
			if gb != wb || gok != wok || strings.Join(partOfSpeech(d.Dict, n), ",") != strings.Join(w.POS(), ",") {
				t.Fatalf("%q word %d: base form or part of speech differ", in, i)
			}
		}
		la.free()
	}
}
