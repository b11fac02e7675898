package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/kensaku/kensaku/corpus"
)

func testPassages() []corpus.Passage {
	return []corpus.Passage{
		{ID: "a", Document: "白書", Page: 1, Section: []string{"第1節", "❶ 宇宙"}, Kind: corpus.KindBody,
			Text: "防衛省は宇宙状況監視（SSA: Space Situational Awareness）の体制を構築している。"},
		{ID: "b", Document: "白書", Page: 2, Kind: corpus.KindBody, Text: "サイバー防衛演習に参加した。"},
		{ID: "c", Document: "報告書", Kind: corpus.KindHeading, Text: "日EU宇宙政策対話"},
	}
}

func build(t *testing.T, dir string, ps []corpus.Passage) *Report {
	t.Helper()
	rep, err := Build(context.Background(), dir, Passages(ps), Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return rep
}

func count(t *testing.T, ix *Index, text string) uint64 {
	t.Helper()
	q := bleve.NewMatchPhraseQuery(text)
	q.SetField(FieldText)
	res, err := ix.bix.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	return res.Total
}

func TestBuildOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	rep := build(t, dir, testPassages())
	if rep.Indexed != 3 || rep.Documents != 2 {
		t.Errorf("report: indexed %d documents %d, want 3 and 2", rep.Indexed, rep.Documents)
	}
	if rep.Mined == 0 {
		t.Errorf("no glossary definitions mined from %q", testPassages()[0].Text)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	if n := count(t, ix, "宇宙状況監視"); n != 1 {
		t.Errorf("phrase 宇宙状況監視: %d hits, want 1", n)
	}
	if ix.Meta.Passages != 3 || ix.Meta.Lengths[FieldText] <= 3 {
		t.Errorf("meta = %+v, want 3 passages and their token counts", ix.Meta)
	}
	if len(ix.Glossary) == 0 {
		t.Error("the mined glossary was not stored with the index")
	}
	doc, err := ix.bix.Document("a")
	if err != nil || doc == nil {
		t.Fatalf("document a: %v", err)
	}
}

func TestBuildReplacesAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	old, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	build(t, dir, []corpus.Passage{{ID: "z", Document: "d", Kind: corpus.KindBody, Text: "北大西洋条約機構"}})
	// The old reader still answers from its generation.
	if n := count(t, old, "宇宙状況監視"); n != 1 {
		t.Errorf("old generation: %d hits, want 1", n)
	}
	nu, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer nu.Close()
	if n := count(t, nu, "宇宙状況監視"); n != 0 {
		t.Errorf("new generation: %d hits for old text, want 0", n)
	}
	entries, _ := os.ReadDir(dir)
	gens := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) == "" && len(e.Name()) > 4 && e.Name()[:4] == genPrefix {
			gens++
		}
	}
	if gens != 1 {
		t.Errorf("%d generations left in %s, want 1", gens, dir)
	}
}

func TestBuildFailureKeepsOldIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	boom := errors.New("boom")
	failing := func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error) {
		yield(corpus.Passage{ID: "x", Kind: corpus.KindBody, Text: "途中"})
		return corpus.Summary{}, boom
	}
	if _, err := Build(context.Background(), dir, failing, Options{}); !errors.Is(err, boom) {
		t.Fatalf("Build error = %v, want boom", err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := count(t, ix, "宇宙状況監視"); n != 1 {
		t.Errorf("after a failed build: %d hits, want the old index's 1", n)
	}
}

func TestBuildRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "thesis.txt")
	os.WriteFile(precious, []byte("do not delete"), 0o644)
	_, err := Build(context.Background(), dir, Passages(testPassages()), Options{})
	if !errors.Is(err, ErrNotIndex) {
		t.Fatalf("Build into a foreign directory: %v, want ErrNotIndex", err)
	}
	if _, err := os.Stat(precious); err != nil {
		t.Fatalf("foreign file gone: %v", err)
	}
}

func TestSecondWriterLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	os.MkdirAll(dir, 0o755)
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Build(context.Background(), dir, Passages(testPassages()), Options{})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Build while locked: %v, want ErrLocked", err)
	}
}

func TestOpenErrors(t *testing.T) {
	tmp := t.TempDir()
	if _, err := Open(filepath.Join(tmp, "missing")); !errors.Is(err, ErrNoIndex) {
		t.Errorf("missing: %v, want ErrNoIndex", err)
	}
	if _, err := Open(tmp); !errors.Is(err, ErrNotIndex) {
		t.Errorf("empty directory: %v, want ErrNotIndex", err)
	}
	dir := filepath.Join(tmp, "ix")
	build(t, dir, testPassages())
	gen, _ := os.Readlink(filepath.Join(dir, currentLink))
	meta := filepath.Join(dir, gen, metaFile)
	os.WriteFile(meta, []byte(`{"format":"kensaku-index","schema_version":999}`), 0o644)
	if _, err := Open(dir); !errors.Is(err, ErrIncompatible) {
		t.Errorf("other schema: %v, want ErrIncompatible", err)
	}
	os.WriteFile(meta, []byte(`{"format":"kensaku-index","schema_version":`+strconv.Itoa(SchemaVersion)+`,"analyzer_version":0}`), 0o644)
	if _, err := Open(dir); !errors.Is(err, ErrIncompatible) {
		t.Errorf("other analyzer version: %v, want ErrIncompatible", err)
	}
	os.WriteFile(meta, []byte(`not json`), 0o644)
	if _, err := Open(dir); !errors.Is(err, ErrNotIndex) {
		t.Errorf("corrupt meta: %v, want ErrNotIndex", err)
	}
}

func TestDuplicateIDsReported(t *testing.T) {
	ps := append(testPassages(), corpus.Passage{ID: "a", Document: "x", Kind: corpus.KindBody, Text: "重複"})
	rep := build(t, filepath.Join(t.TempDir(), "ix"), ps)
	if rep.Indexed != 3 || len(rep.Skipped) != 1 {
		t.Errorf("indexed %d, skipped %v; want 3 and the duplicate", rep.Indexed, rep.Skipped)
	}
}

func TestNewMemoryBM25(t *testing.T) {
	ix, _, err := NewMemory(context.Background(), Passages(testPassages()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := count(t, ix, "サイバー防衛"); n != 1 {
		t.Errorf("サイバー防衛: %d hits, want 1", n)
	}
	st := ix.BM25Stats()
	if st.DocCount != 3 || st.FieldCardinality[FieldText] < 3 {
		t.Errorf("BM25 stats %+v", st)
	}
}

// TestBuildLeavesOneSegment builds from many small batches, which makes
// many segments and merges, and checks that the published generation holds
// only the merged segment: no file made obsolete by the merge.
func TestBuildLeavesOneSegment(t *testing.T) {
	var ps []corpus.Passage
	for i := range 40 {
		for _, p := range testPassages() {
			p.ID = fmt.Sprintf("%s%d", p.ID, i)
			ps = append(ps, p)
		}
	}
	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := Build(context.Background(), dir, Passages(ps), Options{BatchSize: 4}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	gen, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		t.Fatal(err)
	}
	zaps, err := filepath.Glob(filepath.Join(dir, gen, bleveDir, "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	if len(zaps) != 1 {
		t.Errorf("segment files %v, want one", zaps)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	if n, err := ix.bix.DocCount(); err != nil || n != uint64(len(ps)) {
		t.Errorf("DocCount = %d, %v; want %d", n, err, len(ps))
	}
}

// TestBatchBytes checks that a batch ends at BatchSize passages or at
// BatchBytes of text, whichever comes first: Progress reports every batch.
func TestBatchBytes(t *testing.T) {
	var ps []corpus.Passage
	for i := range 12 {
		ps = append(ps, corpus.Passage{ID: fmt.Sprint("p", i), Document: "d", Kind: corpus.KindBody,
			Text: "防衛省は宇宙状況監視の体制を構築している。"}) // 63 bytes
	}
	for _, tc := range []struct {
		size    int
		bytes   int64
		batches int
	}{
		{size: 100, bytes: 1 << 20, batches: 1},
		{size: 5, bytes: 1 << 20, batches: 3},
		{size: 100, bytes: 126, batches: 6}, // two passages reach 126 bytes
		{size: 100, bytes: 127, batches: 4}, // three do
		{size: 2, bytes: 127, batches: 6},
	} {
		t.Run(fmt.Sprint(tc.size, "/", tc.bytes), func(t *testing.T) {
			batches := 0
			opts := Options{BatchSize: tc.size, BatchBytes: tc.bytes, Progress: func(p Progress) {
				if !p.Done {
					batches++
				}
			}}
			if _, err := Build(context.Background(), filepath.Join(t.TempDir(), "ix"), Passages(ps), opts); err != nil {
				t.Fatalf("Build: %v", err)
			}
			if batches != tc.batches {
				t.Errorf("%d batches, want %d", batches, tc.batches)
			}
		})
	}
}
