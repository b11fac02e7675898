package glossary

import (
	"slices"
	"strings"
	"testing"
)

// NewOn(New(lexicon), rest) holds what New(lexicon + rest) holds: the same
// entries, the same lookups and the same forms found, since entries merge
// only with entries of their own source.
func TestNewOnAsNew(t *testing.T) {
	lex, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	ed, err := Edict()
	if err != nil {
		t.Fatal(err)
	}
	lex = append(lex, ed...)
	rest := []Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.9, Evidence: "p1"},
		{Acronym: "SSA", Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.8, Evidence: "p2"},
		{Acronym: "XYZ", English: []string{"Xylophone Yield Zone"}, Source: UserSource("u.tsv"), Confidence: 1},
		{English: []string{"orbital tanker"}, Japanese: []string{"軌道上給油機"}, Source: SourceCorpus, Confidence: 0.7},
	}
	whole := New(slices.Concat(lex, rest))
	layered := NewOn(New(lex), rest)
	if whole.Len() != layered.Len() {
		t.Fatalf("Len: %d, layered %d", whole.Len(), layered.Len())
	}
	ids := func(es []Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Source+"|"+strings.Join(e.Forms(), "|"))
		}
		slices.Sort(out)
		return out
	}
	if a, b := ids(whole.Entries()), ids(layered.Entries()); !slices.Equal(a, b) {
		t.Errorf("Entries differ: %d and %d", len(a), len(b))
	}
	for _, form := range []string{"SSA", "ssa", "宇宙状況監視", "NATO", "北大西洋条約機構", "XYZ", "orbital tanker", "EU", "it"} {
		if a, b := ids(whole.Lookup(form)), ids(layered.Lookup(form)); !slices.Equal(a, b) {
			t.Errorf("Lookup(%q):\n%v\nlayered:\n%v", form, a, b)
		}
	}
	text := "SSA多国間の軌道上給油機とNATOおよびXYZ、Space Situational Awareness について"
	a, b := whole.Find(text), layered.Find(text)
	if len(a) != len(b) {
		t.Fatalf("Find: %d matches, layered %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Start != b[i].Start || a[i].End != b[i].End || !slices.Equal(ids(a[i].Entries), ids(b[i].Entries)) {
			t.Errorf("Find match %d: %+v, layered %+v", i, a[i].Form, b[i].Form)
		}
	}
}
