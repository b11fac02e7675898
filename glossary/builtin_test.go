package glossary

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCurated(t *testing.T) {
	entries, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 250 {
		t.Errorf("curated glossary has %d entries, want at least 250", len(entries))
	}
	byAcronym := map[string]Entry{}
	for _, e := range entries {
		if e.Source != SourceCurated || e.Confidence != ConfidenceCurated || e.Evidence == "" {
			t.Errorf("entry %+v: want source curated, confidence %v and a cited source", e, ConfidenceCurated)
		}
		if len(e.Japanese) == 0 || len(e.English) == 0 {
			t.Errorf("entry %+v: want both English and Japanese forms", e)
		}
		byAcronym[e.Acronym] = e
	}
	for acronym, japanese := range map[string]string{
		"NATO": "北大西洋条約機構", "EU": "欧州連合", "UN": "国連", "ASEAN": "東南アジア諸国連合",
		"SSA": "宇宙状況把握", "JAXA": "宇宙航空研究開発機構", "QUAD": "日米豪印", "FOIP": "自由で開かれたインド太平洋",
		"ISR": "情報収集・警戒監視・偵察", "C4ISR": "指揮・統制・通信・コンピュータ・情報・監視・偵察", "BMD": "弾道ミサイル防衛",
		"IAMD": "統合防空ミサイル防衛", "SDF": "自衛隊", "JSDF": "自衛隊", "GSOMIA": "軍事情報包括保護協定",
		"ACSA": "物品役務相互提供協定", "HA/DR": "人道支援・災害救援", "HADR": "人道支援・災害救援", "PKO": "平和維持活動",
		"ODA": "政府開発援助", "IMO": "国際海事機関", "IAEA": "国際原子力機関", "NPT": "核兵器不拡散条約",
		"CTBT": "包括的核実験禁止条約", "WMD": "大量破壊兵器", "ICBM": "大陸間弾道ミサイル", "SLBM": "潜水艦発射弾道ミサイル",
		"SLCM": "海洋発射巡航ミサイル", "IRBM": "中距離弾道ミサイル", "MRBM": "準中距離弾道ミサイル", "HGV": "極超音速滑空兵器",
		"UAV": "無人航空機", "UUV": "無人水中航走体", "USV": "無人水上艦艇", "AI": "人工知能", "IoT": "モノのインターネット",
		"5G": "第5世代移動通信システム",
	} {
		e, ok := byAcronym[acronym]
		if !ok {
			t.Errorf("curated glossary lacks %s", acronym)
			continue
		}
		if !slices.Contains(e.Japanese, japanese) {
			t.Errorf("%s: Japanese %v, want it to include %s", acronym, e.Japanese, japanese)
		}
	}
}

// TestEdict checks the generated EDICT lexicon for well-known pairs and
// for the confidence of ambiguous acronyms.
func TestEdict(t *testing.T) {
	entries, err := Edict()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 1000 {
		t.Errorf("EDICT lexicon has %d entries, want thousands", len(entries))
	}
	g := New(entries)
	for _, tt := range []struct{ acronym, japanese, english string }{
		{"EU", "欧州連合", "European Union"},
		{"NATO", "北大西洋条約機構", "North Atlantic Treaty Organization"},
		{"UN", "国連", "United Nations"},
		{"UN", "国際連合", "United Nations"},
		{"GDP", "国内総生産", "gross domestic product"},
	} {
		found := false
		for _, e := range g.Lookup(tt.acronym) {
			found = found || slices.Contains(e.Japanese, tt.japanese) && slices.ContainsFunc(e.English, func(s string) bool {
				return strings.EqualFold(s, tt.english)
			})
		}
		if !found {
			t.Errorf("EDICT: %s does not relate to %s and %s: %+v", tt.acronym, tt.japanese, tt.english, g.Lookup(tt.acronym))
		}
		// And the other way round, from the Japanese term.
		if !slices.ContainsFunc(g.Lookup(tt.japanese), func(e Entry) bool { return e.Acronym == tt.acronym }) {
			t.Errorf("EDICT: Lookup(%s) does not give %s", tt.japanese, tt.acronym)
		}
	}
	// Ambiguous acronyms keep all meanings, each less confident than a
	// single-meaning acronym.
	single := g.Lookup("EU")[0].Confidence
	cpm := g.Lookup("CPM")
	if len(cpm) < 2 {
		t.Fatalf("CPM: got %d meanings, want several", len(cpm))
	}
	for _, e := range cpm {
		if e.Confidence >= single || e.Source != SourceEdict {
			t.Errorf("CPM meaning %+v: want source edict and confidence below %v", e, single)
		}
	}
}

func TestAllSourcesTogether(t *testing.T) {
	cur, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	ed, err := Edict()
	if err != nil {
		t.Fatal(err)
	}
	g := New(append(cur, ed...))
	ms := g.Find("ＳＳＡ多国間机上演習とＮＡＴＯ")
	var got []string
	for _, m := range ms {
		got = append(got, m.Form+"→"+m.Entries[0].Source)
	}
	if diff := cmp.Diff([]string{"ＳＳＡ→curated", "ＮＡＴＯ→curated"}, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
	if forms := ms[1].Forms(); !slices.Contains(forms, "北大西洋条約機構") || !slices.Contains(forms, "North Atlantic Treaty Organization") {
		t.Errorf("NATO forms %v lack the Japanese or English form", forms)
	}
}

func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	in := Mine("p1", "宇宙状況監視（SSA: Space Situational Awareness）と弾道ミサイル防衛（BMD）")
	if len(in) != 2 {
		t.Fatalf("mined %d entries, want 2", len(in))
	}
	if err := WriteFile(path, in); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// No temporary files left behind.
	if des, _ := os.ReadDir(dir); len(des) != 1 {
		t.Errorf("directory holds %d files, want 1", len(des))
	}
	// A bare array is accepted too.
	if err := os.WriteFile(path, []byte(`[{"acronym":"EU","japanese":["欧州連合"],"source":"corpus","confidence":0.5}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(path); err != nil || len(got) != 1 || got[0].Acronym != "EU" {
		t.Errorf("ReadFile(bare array) = %+v, %v", got, err)
	}
	for name, content := range map[string]string{"bad.json": "{not json", "future.json": `{"version":99,"entries":[]}`} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := ReadFile(p); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("ReadFile(%s) error = %v, want one naming the file", name, err)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) error = %v, want os.ErrNotExist", err)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "dir.json"), in); err == nil {
		t.Error("WriteFile into a missing directory succeeded")
	}
}

func TestReadTSVFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "terms.tsv")
	os.WriteFile(path, []byte("# mine\nGCAP\tGlobal Combat Air Programme\t次期戦闘機\nbad row\n"), 0o644)
	entries, errs := ReadTSVFile(path)
	if len(entries) != 1 || entries[0].Source != UserSource(path) {
		t.Errorf("entries = %+v", entries)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "terms.tsv:3:") {
		t.Errorf("errors = %v, want one naming terms.tsv:3", errs)
	}
	if _, errs := ReadTSVFile(path + ".missing"); len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("missing file: errors = %v", errs)
	}
}

// BenchmarkLoad measures what search start-up pays: parsing the embedded
// curated and EDICT glossaries and building the merged Glossary.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		cur, errs := ParseTSV(strings.NewReader(string(curatedData())), SourceCurated)
		ed, errs2 := ParseTSV(strings.NewReader(string(edictData())), SourceEdict)
		if len(errs)+len(errs2) > 0 {
			b.Fatal(errs, errs2)
		}
		g := New(append(cur, ed...))
		b.ReportMetric(float64(g.Len()), "entries/op")
	}
}

// BenchmarkFind measures Find on a query-sized and a passage-sized text.
func BenchmarkFind(b *testing.B) {
	cur, _ := Curated()
	ed, _ := Edict()
	g := New(append(cur, ed...))
	for _, p := range readSeedCopy(b) {
		_ = p
	}
	texts := map[string]string{
		"query":   "ＳＳＡ 宇宙状況監視 Space Situational Awareness",
		"passage": readSeedCopy(b)[8][1],
	}
	for name, text := range texts {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(text)), "input-bytes/op")
			for b.Loop() {
				g.Find(text)
			}
		})
	}
}
