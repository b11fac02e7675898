package opensearch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// builtinEngine is the engine over the built-in corpus with the whole
// glossary, shared by the tests of the package.
var builtinEngine = sync.OnceValues(func() (*search.Engine, error) { return search.OpenBuiltin(search.Options{}) })

// sharedExport is one export of the built-in engine, shared by the tests
// that only read it (an export with the whole glossary analyses tens of
// thousands of forms: slow under the race detector). TestMain removes it.
var (
	sharedDir    string
	sharedExport = sync.OnceValues(func() (*Manifest, error) {
		eng, err := builtinEngine()
		if err != nil {
			return nil, err
		}
		if sharedDir, err = os.MkdirTemp("", "opensearch-export-"); err != nil {
			return nil, err
		}
		return Export(context.Background(), eng, sharedDir, Options{})
	})
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

// exported returns the directory of the shared export.
func exported(t *testing.T) string {
	t.Helper()
	if _, err := sharedExport(); err != nil {
		t.Fatal(err)
	}
	return sharedDir
}

// curatedEngine is an engine over the built-in corpus with the curated
// and mined glossary only: exports of it are quick.
var curatedEngine = sync.OnceValues(func() (*search.Engine, error) {
	return search.OpenBuiltin(search.Options{NoLexicon: true})
})

func engine(t *testing.T) *search.Engine {
	t.Helper()
	eng, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; run with -update if intended):\n%s", name, diff)
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	names, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[n.Name()] = b
	}
	return files
}

// TestExportBuiltin exports the built-in corpus and compares the output
// with the golden files: the settings and mappings, the manifest, the bulk
// file, the strong tier's rules whole and, for the large tiers, their
// counts, checksums and first lines. A second export is byte for byte the
// same.
func TestExportBuiltin(t *testing.T) {
	files := readDir(t, exported(t))
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{"bulk-0001.ndjson", "index.json", "manifest.json",
		"synonyms-faint.txt", "synonyms-medium.txt", "synonyms-strong.txt", "synonyms-weak.txt"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	for _, n := range []string{"index.json", "manifest.json", "bulk-0001.ndjson", "synonyms-strong.txt"} {
		golden(t, filepath.Join("builtin", n), files[n])
	}
	var sum bytes.Buffer
	for _, tier := range []string{"medium", "weak", "faint"} {
		b := files["synonyms-"+tier+".txt"]
		h := sha256.Sum256(b)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		fmt.Fprintf(&sum, "%s: %d lines, sha256 %s\n", tier, len(lines), hex.EncodeToString(h[:]))
		for _, l := range lines[:min(len(lines), 8)] {
			fmt.Fprintf(&sum, "  %s\n", l)
		}
	}
	golden(t, filepath.Join("builtin", "synonyms-large.txt"), sum.Bytes())

	// Deterministic, and an earlier export is replaced.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bulk-0009.ndjson"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(context.Background(), engine(t), dir, Options{}); err != nil {
		t.Fatalf("export over an earlier export: %v", err)
	}
	again := readDir(t, dir)
	if len(again) != len(files) {
		t.Errorf("%d files after exporting over an earlier export, want %d", len(again), len(files))
	}
	for n, b := range files {
		if !bytes.Equal(b, again[n]) {
			t.Errorf("%s differs between two exports", n)
		}
	}
}

// TestExportBulkSize splits the passages into small bulk files: each is
// within the size unless one passage alone is larger, every file holds
// whole action/source pairs, and together they are the one-file export.
func TestExportBulkSize(t *testing.T) {
	eng, err := curatedEngine()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	one, small := t.TempDir(), t.TempDir()
	if _, err := Export(ctx, eng, one, Options{IndexName: "docs", InlineSynonyms: true}); err != nil {
		t.Fatal(err)
	}
	const limit = 2000
	man, err := Export(ctx, eng, small, Options{IndexName: "docs", InlineSynonyms: true, BulkBytes: limit})
	if err != nil {
		t.Fatal(err)
	}
	if len(man.BulkFiles) < 3 || man.Passages != len(corpus.Builtin()) {
		t.Fatalf("%d bulk files, %d passages; want several files and %d passages", len(man.BulkFiles), man.Passages, len(corpus.Builtin()))
	}
	if len(man.SynonymFiles) != 0 {
		t.Errorf("inline synonyms wrote files %v", man.SynonymFiles)
	}
	var joined []byte
	ids := map[string]bool{}
	for _, name := range man.BulkFiles {
		b, err := os.ReadFile(filepath.Join(small, name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(lines)%2 != 0 {
			t.Errorf("%s has %d lines, want action/source pairs", name, len(lines))
		}
		if len(b) > limit && len(lines) > 2 {
			t.Errorf("%s has %d bytes in %d passages, over the limit of %d", name, len(b), len(lines)/2, limit)
		}
		for i := 0; i < len(lines); i += 2 {
			var action struct {
				Index struct {
					Index string `json:"_index"`
					ID    string `json:"_id"`
				} `json:"index"`
			}
			if err := json.Unmarshal([]byte(lines[i]), &action); err != nil || action.Index.Index != "docs" || action.Index.ID == "" {
				t.Errorf("%s line %d: %q is not an index action on docs (%v)", name, i+1, lines[i], err)
			}
			if ids[action.Index.ID] {
				t.Errorf("passage %s exported twice", action.Index.ID)
			}
			ids[action.Index.ID] = true
		}
		joined = append(joined, b...)
	}
	whole, err := os.ReadFile(filepath.Join(one, "bulk-0001.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(joined, whole) {
		t.Errorf("the small bulk files joined differ from the one-file export")
	}
	var settings struct {
		Settings struct {
			Index struct {
				Analysis struct {
					Filter map[string]map[string]any `json:"filter"`
				} `json:"analysis"`
			} `json:"index"`
		} `json:"settings"`
	}
	b, err := os.ReadFile(filepath.Join(small, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &settings); err != nil {
		t.Fatal(err)
	}
	strong := settings.Settings.Index.Analysis.Filter["kensaku_synonyms_strong"]
	if rules, _ := strong["synonyms"].([]any); len(rules) != man.SynonymRules["strong"] || len(rules) == 0 {
		t.Errorf("inline strong rules: %d, manifest counts %d", len(rules), man.SynonymRules["strong"])
	}
}

func TestExportRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	eng, err := curatedEngine()
	if err != nil {
		t.Fatal(err)
	}
	_, err = Export(context.Background(), eng, dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("export into a directory with other files: %v, want an error saying it is not empty", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("the other file is gone: %v", err)
	}
}

func TestSynonymRules(t *testing.T) {
	tests := []struct {
		name    string
		entries []glossary.Entry
		want    map[string][]string
	}{
		{"acronym, english, japanese", []glossary.Entry{{Acronym: "SSA", English: []string{"Space Situational Awareness"},
			Japanese: []string{"宇宙状況監視", "宇宙状況把握"}, Source: "curated", Confidence: 0.95}},
			map[string][]string{"strong": {"SSA, Space Situational Awareness, 宇宙状況監視, 宇宙状況把握"}}},
		{"tiers by confidence", []glossary.Entry{
			{Japanese: []string{"大型", "大形"}, Source: "sudachi", Confidence: 0.7},
			{Acronym: "ABCD", English: []string{"b c d e"}, Source: "edict", Confidence: 0.5},
			{Acronym: "WXYZ", English: []string{"w x y z"}, Source: "edict", Confidence: 0.3}},
			map[string][]string{"medium": {"大型, 大形"}, "weak": {"ABCD, b c d e"}, "faint": {"WXYZ, w x y z"}}},
		{"a form that does not trigger", []glossary.Entry{{Japanese: []string{"曖昧", "あいまい", "アイマイ"},
			NoTrigger: []string{"アイマイ"}, Source: "sudachi", Confidence: 0.7}},
			map[string][]string{"medium": {"曖昧, あいまい => 曖昧, あいまい, アイマイ"}}},
		{"acronyms expanded only in capitals", []glossary.Entry{
			{Acronym: "US", English: []string{"United States"}, Japanese: []string{"米国"}, Source: "curated", Confidence: 0.95},
			{Acronym: "IT", English: []string{"information technology"}, Source: "curated", Confidence: 0.95}},
			map[string][]string{"strong": {"United States, 米国 => US, United States, 米国", "information technology => IT, information technology"}}},
		{"escapes and duplicate forms", []glossary.Entry{{English: []string{"C#", "1,000 yen", "ＳＳＡ"},
			Acronym: "SSA", Source: "user:g.tsv", Confidence: 1}},
			map[string][]string{"strong": {`SSA, C#, 1\,000 yen`}}},
		{"words the analyzer drops", []glossary.Entry{{Acronym: "ASEAN", English: []string{"Association of Southeast Asian Nations"},
			Japanese: []string{"東南アジア諸国連合"}, Aliases: []string{"アンペールの法則"}, Source: "curated", Confidence: 0.95}},
			map[string][]string{"strong": {"ASEAN, Association Southeast Asian Nations, 東南アジア諸国連合, アンペール 法則"}}},
		{"nothing to trigger, one form", []glossary.Entry{
			{Acronym: "OK", Aliases: []string{"ok"}, Source: "curated", Confidence: 0.95},
			{English: []string{"alone"}, Source: "curated", Confidence: 0.95}},
			map[string][]string{}},
		{"untrusted mined entry", []glossary.Entry{
			{English: []string{"frob-size"}, Japanese: []string{"変数"}, Source: "corpus", Confidence: 0.5, Untrusted: true},
			{Acronym: "SSA", Japanese: []string{"宇宙状況監視"}, Source: "corpus", Confidence: 0.5}},
			map[string][]string{"weak": {"SSA, 宇宙状況監視"}}},
		{"duplicates", []glossary.Entry{
			{Japanese: []string{"甲", "乙"}, Source: "sudachi", Confidence: 0.7},
			{Japanese: []string{"甲", "乙"}, Source: "edict", Confidence: 0.7}},
			map[string][]string{"medium": {"甲, 乙"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SynonymRules(tt.entries)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEscapeSolr(t *testing.T) {
	for in, want := range map[string]string{"C#": "C#", "#AB": `\#AB`, "a, b": `a\, b`, "x=>y": `x\=>y`, `back\slash`: `back\\slash`, "宇宙": "宇宙"} {
		if got := escapeSolr(in); got != want {
			t.Errorf("escapeSolr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKuromojiUserDict(t *testing.T) {
	tests := []struct {
		name, dict string
		want       []string
		wantErr    string
	}{
		{name: "tsv, csv and defaults",
			dict: "# comment\n机上演習\t机上 演習\t名詞,一般\n立ち上げ\n宇宙作戦隊,宇宙 作戦 隊,ウチュウ サクセン タイ,名詞\n",
			want: []string{"宇宙作戦隊,宇宙 作戦 隊,宇宙 作戦 隊,名詞", "机上演習,机上 演習,机上 演習,名詞-一般", "立ち上げ,立ち上げ,立ち上げ,名詞-固有名詞"}},
		{name: "katakana with middle dots and width",
			dict: "グローバル・センチネル\tグローバル センチネル\t名詞,固有名詞\nｻｲﾊﾞｰｾｷｭﾘﾃｨ\tｻｲﾊﾞｰ ｾｷｭﾘﾃｨ\n",
			want: []string{"グローバルセンチネル,グローバル センチネル,グローバル センチネル,名詞-固有名詞", "サイバーセキュリティ,サイバー セキュリティ,サイバー セキュリティ,名詞-固有名詞"}},
		{name: "duplicate surface keeps the first", dict: "机上演習\t机上 演習\n机上演習\n",
			want: []string{"机上演習,机上 演習,机上 演習,名詞-固有名詞"}},
		{name: "empty", dict: "# nothing\n", want: nil},
		{name: "invalid", dict: "机上演習\t机上 演\n", wantErr: "does not spell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := kuromojiUserDict([]byte(tt.dict))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStopListsMatchKensaku checks the exported stop lists against
// kensaku_ja: it drops every word of the Japanese list, and every English
// stop word in lower case.
func TestStopListsMatchKensaku(t *testing.T) {
	for _, list := range [][]string{japaneseStop, englishStop(), caseStop()} {
		for _, w := range list {
			terms, err := analyzers.Terms(analyzers.Japanese, w)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(terms, w) {
				t.Errorf("kensaku_ja keeps %q (terms %q): the exported stop list would drop it", w, terms)
			}
		}
	}
}

func TestWidthMappings(t *testing.T) {
	rules := widthMappings()
	for _, want := range []string{`Ｓ => S`, `０ => 0`, `＝ => \u003D`, "\u3000 => \\u0020", `ｻ => サ`, `ﾊﾞ => バ`, `ﾟ => ゚`} {
		if !slices.Contains(rules, want) {
			t.Errorf("no rule %q", want)
		}
	}
	seen := map[string]bool{}
	for _, r := range rules {
		lhs, _, ok := strings.Cut(r, " => ")
		if !ok || seen[lhs] {
			t.Errorf("rule %q: malformed or duplicate", r)
		}
		seen[lhs] = true
	}
}

// readLines returns the lines of a file.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// TestExportedRulesHoldSSA checks that the exported rules of the built-in
// engine hold every spelling the issue names in one strong rule.
func TestExportedRulesHoldSSA(t *testing.T) {
	dir := exported(t)
	found := false
	for _, l := range readLines(t, filepath.Join(dir, "synonyms-strong.txt")) {
		if strings.HasPrefix(l, "SSA, ") && strings.Contains(l, "Space Situational Awareness") && strings.Contains(l, "宇宙状況監視") {
			found = true
		}
	}
	if !found {
		t.Errorf("no strong rule holds SSA, Space Situational Awareness and 宇宙状況監視")
	}
}

func TestExportIndexName(t *testing.T) {
	for name, ok := range map[string]bool{"kensaku": true, "docs-2026.12": true, "Docs": false, "_x": false, "a b": false, "a/b": false, "..": false} {
		err := checkIndexName(name)
		if !ok {
			// Export refuses the name before it writes anything.
			_, err = Export(context.Background(), engine(t), t.TempDir(), Options{IndexName: name})
		}
		if (err == nil) != ok {
			t.Errorf("index name %q: error %v, want ok %v", name, err, ok)
		}
	}
}

// TestExportPages exports an index of more passages than a page: every
// passage once, in the order of the ids.
func TestExportPages(t *testing.T) {
	defer func(n int) { pageSize = n }(pageSize)
	pageSize = 7
	var ps []corpus.Passage
	for i := range 30 {
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("p%02d", i), Document: "文書", Kind: corpus.KindBody,
			Text: fmt.Sprintf("宇宙状況監視の段落%d。", i)})
	}
	ctx := context.Background()
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := search.New(ix, search.Options{NoLexicon: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	man, err := Export(ctx, eng, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if man.Passages != len(ps) {
		t.Errorf("%d passages exported, want %d", man.Passages, len(ps))
	}
	var ids []string
	for i, l := range readLines(t, filepath.Join(dir, "bulk-0001.ndjson")) {
		if i%2 == 1 {
			continue
		}
		var a struct {
			Index struct {
				ID string `json:"_id"`
			} `json:"index"`
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.Index.ID)
	}
	want := make([]string, len(ps))
	for i, p := range ps {
		want[i] = p.ID
	}
	if !slices.Equal(ids, want) {
		t.Errorf("exported ids %v, want %v", ids, want)
	}
}
