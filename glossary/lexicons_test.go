package glossary

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestLexiconsTable checks that data/lexicons.bin is what New makes of the
// lexicons' data files, and with -update rewrites it.
func TestLexiconsTable(t *testing.T) {
	built, err := builtLexicons()
	if err != nil {
		t.Fatal(err)
	}
	want, err := marshalTable(built)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("data/lexicons.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(want, []byte(lexiconsTable)) {
		t.Fatal("data/lexicons.bin is not what New makes of the data files: run go test ./glossary -run TestLexiconsTable -update")
	}
}

// TestLexiconsMatchNew checks that the embedded glossary answers as the
// glossary New builds: the same entries in the same order, the same
// entries for every form, and the same matches in text, also under a
// glossary added on top.
func TestLexiconsMatchNew(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the lexicons' glossary")
	}
	built, err := builtLexicons()
	if err != nil {
		t.Fatal(err)
	}
	table, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	opt := cmpopts.EquateEmpty()
	if want, got := built.Entries(), table.Entries(); !slices.EqualFunc(want, got, sameEntry) {
		t.Fatalf("entries differ: %d from New, %d in the table", len(want), len(got))
	}
	if built.Len() != table.Len() || len(built.lens) != len(table.lens) {
		t.Fatalf("Len %d, %d first runes; table %d, %d", built.Len(), len(built.lens), table.Len(), len(table.lens))
	}
	for r, ls := range built.lens {
		if !cmp.Equal(ls, table.lens[r]) {
			t.Fatalf("lengths of keys starting with %q: %v, table %v", r, ls, table.lens[r])
		}
	}
	n := 0
	for k, want := range built.forms {
		got, ok := table.refs(k)
		if !ok || !slices.Equal(want, got) {
			t.Fatalf("refs of %q: %v, table %v", k, want, got)
		}
		if n++; n%500 == 0 {
			if diff := cmp.Diff(built.Lookup(k), table.Lookup(k), opt); diff != "" {
				t.Fatalf("Lookup(%q) (-New +table):\n%s", k, diff)
			}
		}
	}
	for _, k := range []string{"", "no such form at all", "ｓｓａ"} {
		if _, ok := built.forms[k]; ok {
			continue
		}
		if refs, ok := table.refs(k); ok {
			t.Errorf("refs of %q: %v, want none", k, refs)
		}
	}
	mined := []Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.9},
		{Acronym: "QZSS", Japanese: []string{"準天頂衛星システム"}, Source: "user:a.tsv", Confidence: 1},
	}
	onBuilt, onTable := NewOn(built, mined), NewOn(table, mined)
	for _, text := range []string{
		"宇宙状況監視（SSA）の能力を強化し、米国や国連と協力する",
		"Space Situational Awareness and the United Nations; QZSS 準天頂衛星システム",
		"スペースデブリ対策、サイバー攻撃、人工衛星の打ち上げ",
	} {
		if diff := cmp.Diff(onBuilt.Find(text), onTable.Find(text), opt); diff != "" {
			t.Errorf("Find(%q) (-New +table):\n%s", text, diff)
		}
		for _, m := range onBuilt.Find(text) {
			if diff := cmp.Diff(onBuilt.Expand(m.Form, m.Entries), onTable.Expand(m.Form, m.Entries), opt); diff != "" {
				t.Errorf("Expand(%q) (-New +table):\n%s", m.Form, diff)
			}
		}
	}
	if onBuilt.Len() != onTable.Len() {
		t.Errorf("Len on top: %d, table %d", onBuilt.Len(), onTable.Len())
	}
}

func TestParseTableRejects(t *testing.T) {
	for _, data := range []string{"", tableMagic, lexiconsTable[:40], "KSGLOSS0" + lexiconsTable[8:]} {
		if _, _, err := parseTable(data); err == nil {
			t.Errorf("parseTable of %d bytes: no error", len(data))
		}
	}
}

// builtLexicons is buildLexicons, once for the tests.
var builtLexicons = sync.OnceValues(buildLexicons)

func sameEntry(a, b Entry) bool {
	return a.Acronym == b.Acronym && a.Sense == b.Sense && a.Source == b.Source && a.Confidence == b.Confidence &&
		a.Evidence == b.Evidence && slices.Equal(a.English, b.English) && slices.Equal(a.Japanese, b.Japanese) &&
		slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.NoTrigger, b.NoTrigger)
}

// BenchmarkLexicons measures what a process pays for the lexicons'
// glossary as it loads it (Lexicons: reading the embedded table), beside
// BenchmarkNewLexicons, building it from the parsed data files as New
// does.
func BenchmarkLexicons(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := parseTable(lexiconsTable); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewLexicons(b *testing.B) {
	if _, err := buildLexicons(); err != nil { // parse the data files once
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildLexicons(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLexiconsLookup measures Lookup in the table and in the
// glossary New builds, over forms of both kinds and a miss.
func BenchmarkLexiconsLookup(b *testing.B) {
	built, err := builtLexicons()
	if err != nil {
		b.Fatal(err)
	}
	table, err := Lexicons()
	if err != nil {
		b.Fatal(err)
	}
	forms := []string{"SSA", "宇宙状況監視", "United Nations", "国連", "衛星", "no such form"}
	for name, g := range map[string]*Glossary{"table": table, "new": built} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range forms {
					g.Lookup(f)
				}
			}
		})
	}
}

// TestNarrowerTable checks that data/narrower.bin is what
// marshalNarrower makes of the embedded lexicons, and with -update
// rewrites it.
func TestNarrowerTable(t *testing.T) {
	g, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	want := marshalNarrower(g.Entries())
	if *update {
		if err := os.WriteFile("data/narrower.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(want, []byte(narrowerTable)) {
		t.Fatal("data/narrower.bin is not what the lexicons make: run go test ./glossary -run TestNarrowerTable -update")
	}
}

// TestLexiconsNarrower checks LexiconsNarrower against a map built from
// the entries of the lexicons, for every key and for misses.
func TestLexiconsNarrower(t *testing.T) {
	g, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Equivalent{}
	for _, en := range g.Entries() {
		for _, f := range en.English {
			words := strings.Fields(f)
			if len(words) < 3 || len(words) > 5 || len(en.Japanese) == 0 {
				continue
			}
			k := Normalize(strings.Join(words[1:], " "))
			for _, ja := range en.Japanese {
				want[k] = append(want[k], Equivalent{Form: ja, Kind: en.KindOf(ja), Source: en.Source, Sense: f, Confidence: en.Confidence})
			}
		}
	}
	if len(want) < 1000 {
		t.Fatalf("%d phrases with narrower terms, want over 1,000", len(want))
	}
	for k, eqs := range want {
		got, err := LexiconsNarrower(k)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(eqs, got) {
			t.Fatalf("LexiconsNarrower(%q): %v, want %v", k, got, eqs)
		}
	}
	for _, k := range []string{"", "no such phrase at all", "salmon"} {
		if got, _ := LexiconsNarrower(k); !slices.Equal(want[Normalize(k)], got) {
			t.Errorf("LexiconsNarrower(%q): %v, want %v", k, got, want[Normalize(k)])
		}
	}
}
