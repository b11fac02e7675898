package glossary

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/analyzers"
)

func testGlossary() *Glossary {
	return New([]Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視", "宇宙状況把握"}, Source: SourceCurated, Confidence: 0.95},
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.9, Evidence: "p1: …"},
		{Acronym: "SSA", English: []string{"Sub-Saharan Africa"}, Japanese: []string{"サハラ以南アフリカ"}, Source: SourceEdict, Confidence: 0.42},
		{Acronym: "NATO", English: []string{"North Atlantic Treaty Organization"}, Japanese: []string{"北大西洋条約機構"}, Source: SourceCurated, Confidence: 0.95},
		{Acronym: "CCDCOE", English: []string{"Cooperative Cyber Defence Centre of Excellence"}, Japanese: []string{"NATOサイバー防衛協力センター"}, Source: SourceCorpus, Confidence: 0.9},
		{Acronym: "IT", English: []string{"information technology"}, Japanese: []string{"情報技術"}, Source: SourceEdict, Confidence: 0.6},
		{Acronym: "ON", English: []string{"Ordnance Network"}, Source: SourceUser + ":x", Confidence: 1},
		{Acronym: "UN", English: []string{"United Nations"}, Japanese: []string{"国際連合", "国連"}, Source: SourceEdict, Confidence: 0.6},
		{Acronym: "AI", English: []string{"artificial intelligence"}, Japanese: []string{"人工知能"}, Source: SourceEdict, Confidence: 0.42},
		{Acronym: "HA/DR", English: []string{"Humanitarian Assistance and Disaster Relief"}, Japanese: []string{"人道支援・災害救援"}, Source: SourceCurated, Confidence: 0.95},
	})
}

func TestFind(t *testing.T) {
	g := testGlossary()
	type m struct {
		form       string
		start, end int
		acronym    string
	}
	tests := []struct {
		text string
		want []m
	}{
		{"SSA", []m{{"SSA", 0, 3, "SSA"}}},
		{"ssa", []m{{"ssa", 0, 3, "SSA"}}},
		{"ＳＳＡ", []m{{"ＳＳＡ", 0, 9, "SSA"}}},
		{"ＳＳＡ多国間机上演習", []m{{"ＳＳＡ", 0, 9, "SSA"}}},
		{"SSA多国間", []m{{"SSA", 0, 3, "SSA"}}},
		{"日米SSA協力", []m{{"SSA", 6, 9, "SSA"}}},
		{"CLASSAB", nil},
		{"SSAB SSA2", nil},
		{"the SSA.", []m{{"SSA", 4, 7, "SSA"}}},
		{"Space Situational Awareness", []m{{"Space Situational Awareness", 0, 27, "SSA"}}},
		{"space   situational\tawareness", []m{{"space   situational\tawareness", 0, 29, "SSA"}}},
		{"ＳＰＡＣＥ　Ｓｉｔｕａｔｉｏｎａｌ　Ａｗａｒｅｎｅｓｓ", []m{{"ＳＰＡＣＥ　Ｓｉｔｕａｔｉｏｎａｌ　Ａｗａｒｅｎｅｓｓ", 0, 81, "SSA"}}},
		{"宇宙状況監視の強化", []m{{"宇宙状況監視", 0, 18, "SSA"}}},
		{"宇宙状況把握", []m{{"宇宙状況把握", 0, 18, "SSA"}}},
		// Longest match wins: the CCDCOE Japanese form contains NATO.
		{"NATOサイバー防衛協力センターとNATO", []m{{"NATOサイバー防衛協力センター", 0, 40, "CCDCOE"}, {"NATO", 43, 47, "NATO"}}},
		// Non-overlapping, left to right.
		{"SSAとNATO", []m{{"SSA", 0, 3, "SSA"}, {"NATO", 6, 10, "NATO"}}},
		// Caps-only acronyms: common English words and two-letter acronyms.
		{"IT", []m{{"IT", 0, 2, "IT"}}},
		{"ＩＴフォーラム", []m{{"ＩＴ", 0, 6, "IT"}}},
		{"it is", nil},
		{"It", nil},
		{"on the table", nil},
		{"ON", []m{{"ON", 0, 2, "ON"}}},
		{"un", nil},
		{"UN", []m{{"UN", 0, 2, "UN"}}},
		{"国連", []m{{"国連", 0, 6, "UN"}}},
		{"ai", nil},
		{"AI", []m{{"AI", 0, 2, "AI"}}},
		{"information technology", []m{{"information technology", 0, 22, "IT"}}},
		{"HA/DR", []m{{"HA/DR", 0, 5, "HA/DR"}}},
		{"ha/dr", []m{{"ha/dr", 0, 5, "HA/DR"}}},
		{"", nil},
		{"関係ない文章", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []m
			for _, x := range g.Find(tt.text) {
				if x.Form != tt.text[x.Start:x.End] {
					t.Errorf("Form %q != text[%d:%d]", x.Form, x.Start, x.End)
				}
				got = append(got, m{x.Form, x.Start, x.End, x.Entries[0].Acronym})
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(m{})); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindEntriesAndForms(t *testing.T) {
	g := testGlossary()
	ms := g.Find("ＳＳＡ")
	if len(ms) != 1 {
		t.Fatalf("got %d matches", len(ms))
	}
	var sources []string
	for _, e := range ms[0].Entries {
		sources = append(sources, e.Source)
	}
	// All meanings, most confident first; each source keeps its provenance.
	if diff := cmp.Diff([]string{"curated", "corpus", "edict"}, sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	want := []string{"SSA", "Space Situational Awareness", "宇宙状況監視", "宇宙状況把握", "Sub-Saharan Africa", "サハラ以南アフリカ"}
	if diff := cmp.Diff(want, ms[0].Forms()); diff != "" {
		t.Errorf("Forms (-want +got):\n%s", diff)
	}
}

func TestLookup(t *testing.T) {
	g := testGlossary()
	tests := []struct {
		form string
		want []string // acronyms of the entries found
	}{
		{"ssa", []string{"SSA", "SSA", "SSA"}},
		{"宇宙状況把握", []string{"SSA"}},
		{" Space  Situational Awareness ", []string{"SSA", "SSA"}},
		{"it", nil},
		{"ＩＴ", []string{"IT"}},
		{"国際連合", []string{"UN"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range g.Lookup(tt.form) {
			got = append(got, e.Acronym)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", tt.form, diff)
		}
	}
}

func TestNewMerges(t *testing.T) {
	g := New([]Entry{
		{Acronym: "SSA", Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.5, Evidence: "p1: 宇宙状況監視（SSA）"},
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視"}, Source: SourceCorpus, Confidence: 0.9, Evidence: "p2: …"},
		{Acronym: "SSA", Japanese: []string{"宇宙状況把握"}, Source: SourceCorpus, Confidence: 0.5, Evidence: "p3"},                  // no shared form: another meaning
		{Acronym: "SSA", Japanese: []string{"宇宙状況監視"}, Source: SourceCurated, Confidence: 0.95},                                // other source: kept apart
		{Acronym: "", English: []string{"European Union"}, Japanese: []string{"欧州連合"}, Source: SourceCurated, Confidence: 0.9}, // no acronym
		{Acronym: "EU", Japanese: []string{"欧州連合"}, Source: SourceCurated, Confidence: 0.95},                                   // other acronym key
		{Acronym: "X", Source: SourceCurated, Confidence: 1},                                                                   // one form: dropped
		{Acronym: "Y", English: []string{"Why"}, Source: SourceCurated, Confidence: 7},                                         // clamped
	})
	var got []string
	for _, e := range g.Entries() {
		got = append(got, fmt.Sprintf("%s/%s/%s/%s/%.2f", e.Acronym, strings.Join(e.English, "|"), strings.Join(e.Japanese, "|"), e.Source, e.Confidence))
	}
	want := []string{
		"EU//欧州連合/curated/0.95",
		"/European Union/欧州連合/curated/0.90",
		"SSA/Space Situational Awareness/宇宙状況監視/corpus/0.95",
		"SSA//宇宙状況把握/corpus/0.50",
		"SSA//宇宙状況監視/curated/0.95",
		"Y/Why//curated/1.00",
	}
	// Sorted by key, then source rank: curated before corpus.
	want = []string{want[0], want[1], want[4], want[2], want[3], want[5]}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged entries (-want +got):\n%s", diff)
	}
}

// TestFindKatakanaFolded checks that a katakana form is found however
// the text writes its middle dots and final long vowels, with offsets
// into the text as written.
func TestFindKatakanaFolded(t *testing.T) {
	g := New([]Entry{
		{Acronym: "GS", English: []string{"Global Sentinel"}, Japanese: []string{"グローバル・センチネル"}, Source: SourceCurated, Confidence: 0.9},
		{Acronym: "DC", English: []string{"data center"}, Japanese: []string{"データセンター"}, Source: SourceCurated, Confidence: 0.9},
	})
	for _, tt := range []struct{ text, want string }{
		{"演習グローバルセンチネルに参加", "グローバルセンチネル"},
		{"演習グローバル・センチネルに参加", "グローバル・センチネル"},
		{"演習ｸﾞﾛｰﾊﾞﾙ･ｾﾝﾁﾈﾙに参加", "ｸﾞﾛｰﾊﾞﾙ･ｾﾝﾁﾈﾙ"},
		{"新しいデータセンタを建設", "データセンタ"},
		{"新しいデータ・センターを建設", "データ・センター"},
		{"データセンターー", "データセンターー"},
	} {
		ms := g.Find(tt.text)
		if len(ms) != 1 || ms[0].Form != tt.want || tt.text[ms[0].Start:ms[0].End] != tt.want {
			t.Errorf("Find(%q) = %+v, want one match %q", tt.text, ms, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＳＳＡ", "ssa"},
		{"  Space\u3000Situational \t Awareness ", "space situational awareness"},
		{"ｳﾁｭｳ", "ウチュウ"},
		{"宇宙状況監視", "宇宙状況監視"},
		{"グローバル・センチネル", "グローバルセンチネル"},
		{"ｸﾞﾛｰﾊﾞﾙ･ｾﾝﾁﾈﾙ", "グローバルセンチネル"},
		{"サーバー", "サーバ"},
		{"データー・センター", "データーセンタ"},
		{"カー", "カー"},
		{"・ー・サーバー・", "・ー・サーバ・"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if tt.in != "" && strings.ContainsAny(tt.in, "ーｰ") {
			// Katakana folding agrees with the analyzers'.
			if a := analyzers.Normalize(tt.in); a != got {
				t.Errorf("Normalize(%q) = %q, analyzers.Normalize = %q", tt.in, got, a)
			}
		}
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Normalize(got); again != got {
			t.Errorf("Normalize not idempotent on %q: %q", got, again)
		}
	}
}

// FuzzFind checks that Find never panics, that offsets are valid, ordered
// and non-overlapping, and that each match's form normalises to a form of
// its entries.
// Run with: go test -fuzz=FuzzFind ./glossary
func FuzzFind(f *testing.F) {
	g := testGlossary()
	for _, s := range []string{"ＳＳＡ多国間", "CLASSAB", "space  situational awareness", "ｳﾁｭｳ ＩＴ it",
		"NATOサイバー防衛協力センターとNATO", "\xff\xfeSSA", "e\u0301SSA\u0301", "ＨＡ／ＤＲ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range g.Find(s) {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("bad offsets %d..%d after %d in %q", m.Start, m.End, last, s)
			}
			last = m.End
			if m.Form != s[m.Start:m.End] || len(m.Entries) == 0 {
				t.Fatalf("bad match %+v", m)
			}
			if utf8.ValidString(s) && !utf8.ValidString(m.Form) {
				t.Fatalf("match splits a rune: %q", m.Form)
			}
			found := false
			for _, e := range m.Entries {
				for _, f := range e.Forms() {
					found = found || Normalize(f) == Normalize(m.Form)
				}
			}
			if !found {
				t.Errorf("match %q normalises to %q, no entry form does", m.Form, Normalize(m.Form))
			}
		}
	})
}

func ExampleGlossary_Find() {
	g := New([]Entry{{
		Acronym:    "SSA",
		English:    []string{"Space Situational Awareness"},
		Japanese:   []string{"宇宙状況監視"},
		Source:     SourceCurated,
		Confidence: 0.95,
	}})
	for _, m := range g.Find("ＳＳＡ多国間机上演習") {
		fmt.Println(m.Start, m.End, m.Form, m.Forms())
	}
	// Output:
	// 0 9 ＳＳＡ [SSA Space Situational Awareness 宇宙状況監視]
}

// TestConcurrentUse runs Find, Lookup and Mine from several goroutines;
// run under -race it checks that they share no unsynchronised state.
func TestConcurrentUse(t *testing.T) {
	g := testGlossary()
	text := "宇宙状況監視（SSA: Space Situational Awareness）とＮＡＴＯ"
	want := len(g.Find(text))
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 20 {
				if n := len(g.Find(text)); n != want {
					done <- fmt.Errorf("Find gave %d matches, want %d", n, want)
					return
				}
				g.Lookup("ssa")
				if len(Mine("p", text)) != 1 {
					done <- fmt.Errorf("Mine gave no entry")
					return
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestFindWhere(t *testing.T) {
	g := testGlossary()
	text := "NATOサイバー防衛協力センターとSSA"
	// Refusing the long CCDCOE form finds the NATO inside it instead.
	got := g.FindWhere(text, func(start, end int) bool { return end-start != len("NATOサイバー防衛協力センター") })
	var forms []string
	for _, m := range got {
		forms = append(forms, m.Form)
	}
	if want := []string{"NATO", "SSA"}; !cmp.Equal(forms, want) {
		t.Errorf("FindWhere = %q, want %q", forms, want)
	}
	if got := g.FindWhere(text, func(int, int) bool { return false }); got != nil {
		t.Errorf("FindWhere refusing all = %+v", got)
	}
}
