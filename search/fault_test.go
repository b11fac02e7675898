package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// faultPassages are enough passages for a segment of many pages.
func faultPassages() []corpus.Passage {
	var ps []corpus.Passage
	for i := range 300 {
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("p%d", i), Document: fmt.Sprintf("文書%d", i%7), Kind: corpus.KindBody,
			Text: fmt.Sprintf("防衛省は宇宙状況監視（SSA）の体制を第%d期に構築する。サイバー防衛演習CyCon %d にも参加した。梅雨前線の報告%d。", i, i, i*7)})
	}
	return ps
}

// segmentFile returns the path of the one segment file of the index at dir.
func segmentFile(t *testing.T, dir string) string {
	t.Helper()
	gen, err := indexer.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, gen, "bleve", "store", "*.zap"))
	if len(zaps) != 1 {
		t.Fatalf("segment files %v, want one", zaps)
	}
	return zaps[0]
}

// TestSegmentTruncatedUnderEngine truncates the segment file of an open
// engine, as a careless copy or a full disk might: Bleve reads it through
// mmap(2), where a page past the new end raises SIGBUS, which used to
// kill a running server. Searches and passage reads must fail with
// ErrIndexDamaged instead, and Health must report the damage.
func TestSegmentTruncatedUnderEngine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := indexer.Build(context.Background(), dir, indexer.Passages(faultPassages()), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	queries := []string{"宇宙状況監視", "SSA", "CyCon", "梅雨", "サイバー防衛 演習"}
	for _, q := range queries {
		if res, err := e.Search(context.Background(), Request{Query: q}); err != nil || res.Total == 0 {
			t.Fatalf("search %q before the damage: %v", q, err)
		}
	}
	if err := os.Truncate(segmentFile(t, dir), 0); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, q := range queries {
		_, err := e.Search(context.Background(), Request{Query: q})
		if err != nil {
			failed++
			if !errors.Is(err, ErrIndexDamaged) {
				t.Errorf("search %q after truncating the segment: %v, want ErrIndexDamaged", q, err)
			}
		}
	}
	_, err = e.Passage(context.Background(), "p1")
	if err == nil || !errors.Is(err, ErrIndexDamaged) {
		t.Errorf("passage after truncating the segment: %v, want ErrIndexDamaged", err)
	}
	if failed == 0 {
		t.Errorf("every search succeeded over a truncated segment")
	}
	if err := e.Health(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Health after the damage: %v, want a damaged index", err)
	}
}

// TestGuardRecoversMemoryFault reads a truncated segment on the calling
// goroutine, under Engine.guard, past the check of the segments' sizes:
// the SIGBUS must become an error wrapping ErrIndexDamaged, and Health
// must report it.
func TestGuardRecoversMemoryFault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := indexer.Build(context.Background(), dir, indexer.Passages(faultPassages()), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	e, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := os.Truncate(segmentFile(t, dir), 0); err != nil {
		t.Fatal(err)
	}
	read := func() (err error) {
		defer e.guard(&err)()
		q := bleve.NewTermQuery("宇宙")
		q.SetField(indexer.FieldText)
		sr := bleve.NewSearchRequest(q)
		sr.Fields = []string{indexer.FieldText}
		_, err = e.ix.Search(context.Background(), sr)
		return err
	}
	if err := read(); !errors.Is(err, ErrIndexDamaged) || !strings.Contains(err.Error(), "changed while it was read") {
		t.Errorf("reading a truncated segment: %v, want a memory fault wrapping ErrIndexDamaged", err)
	}
	if err := e.Health(); !errors.Is(err, ErrIndexDamaged) {
		t.Errorf("Health after the fault: %v, want ErrIndexDamaged", err)
	}
}
