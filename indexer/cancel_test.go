package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
)

// TestBuildCancelledAtEveryStage cancels a build when it reaches each
// stage (while passages are indexed, before the merge, before the bigram
// index) and checks that the build fails with context.Canceled, that the
// previous index is still the one served, and that nothing of the
// cancelled build is left on disk. A merge abandoned by Bleve once left
// many segments that the build went on to publish.
func TestBuildCancelledAtEveryStage(t *testing.T) {
	var many []corpus.Passage
	for i := range 300 {
		many = append(many, corpus.Passage{ID: fmt.Sprintf("m%d", i), Document: "d", Kind: corpus.KindBody,
			Text: fmt.Sprintf("梅雨前線の第%d報。宇宙状況監視とは関係のない文章である。", i)})
	}
	for _, stage := range []string{"indexing", "merging", "bigram index"} {
		t.Run(stage, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ix")
			build(t, dir, testPassages())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			progress := func(p Progress) {
				switch {
				case stage == "indexing" && p.Passages >= 100 && p.Stage == "":
					cancel()
				case p.Stage == stage:
					cancel()
				}
			}
			_, err := Build(ctx, dir, Passages(many), Options{BatchSize: 10, Progress: progress})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Build cancelled at %s: err = %v, want context.Canceled", stage, err)
			}
			ix, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if n := count(t, ix, "宇宙状況監視"); n != 1 || ix.Meta.Passages != 3 {
				t.Errorf("after the cancelled build: %d hits in %d passages, want the old index (1 in 3)", n, ix.Meta.Passages)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tmpPrefix) {
					t.Errorf("the cancelled build left %s", e.Name())
				}
			}
		})
	}
}

// A build that would replace an index with one of fewer than MinShare of
// its passages fails and leaves the index as it was; without MinShare it
// replaces it.
func TestBuildRefusesToShrink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	one := []corpus.Passage{{ID: "z", Document: "d", Kind: corpus.KindBody, Text: "北大西洋条約機構"}}
	_, err := Build(context.Background(), dir, Passages(one), Options{MinShare: 0.5})
	if !errors.Is(err, ErrShrink) {
		t.Fatalf("Build of 1 passage over 3 with MinShare 0.5: err = %v, want ErrShrink", err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Meta.Passages != 3 {
		t.Errorf("after the refused build the index has %d passages, want 3", ix.Meta.Passages)
	}
	ix.Close()
	if _, err := Build(context.Background(), dir, Passages(testPassages()[:2]), Options{MinShare: 0.5}); err != nil {
		t.Errorf("Build of 2 passages over 3 with MinShare 0.5: %v", err)
	}
	if _, err := Build(context.Background(), dir, Passages(one), Options{}); err != nil {
		t.Errorf("Build without MinShare: %v", err)
	}
}

// An index whose meta file counts no passages would score NaN: it is
// refused at open as damaged.
func TestOpenRefusesEmptyCounts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	path := filepath.Join(currentGen(dir), metaFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), `"passages": 3`, `"passages": 0`, 1)
	if s == string(b) {
		t.Fatalf("meta file without the passage count:\n%s", b)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open of an index counting 0 passages: %v, want ErrDamaged", err)
	}
}

// The files of an index get the permissions of the umask, whatever Bleve
// creates them with.
func TestBuildHonoursUmask(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	mask := umask()
	n := 0
	err := filepath.WalkDir(currentGen(dir), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := os.FileMode(0o666) &^ mask
		if d.IsDir() {
			want = 0o777 &^ mask
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode().Perm(), want)
		}
		n++
		return nil
	})
	if err != nil || n < 5 {
		t.Errorf("walked %d files: %v", n, err)
	}
}

// A build that expects more text than the disk can hold refuses early and
// changes nothing.
func TestBuildRefusesWithoutSpace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	free, ok := freeSpace(dir)
	if !ok {
		t.Skip("free space unknown here")
	}
	_, err := Build(context.Background(), dir, Passages(testPassages()), Options{ExpectBytes: int64(free)})
	if !errors.Is(err, ErrNoSpace) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Build expecting %d bytes of text on a disk with %d free: %v, want ErrNoSpace naming %s", free, free, err, dir)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			t.Errorf("the refused build left %s", e.Name())
		}
	}
	if _, err := Build(context.Background(), dir, Passages(testPassages()), Options{ExpectBytes: 1000}); err != nil {
		t.Errorf("Build expecting 1,000 bytes: %v", err)
	}
}
