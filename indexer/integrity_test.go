package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/corpus"
)

// TestIntegrity damages each file of a generation in turn (a flipped
// byte, a truncation, a deletion, an extra byte) and checks that Open and
// Check refuse the index as damaged, naming the file. With open checks
// limited to sizes, a flipped byte passes Open and Check finds it.
func TestIntegrity(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	checkEveryFile(t, dir)

	// An updated index: a segment, bigram table and passage store per
	// update, and segments.json, each checksummed.
	upd := filepath.Join(t.TempDir(), "upd")
	build(t, upd, testPassages())
	for i, id := range []string{"x", "y"} {
		p := corpus.Passage{ID: id, Document: "議事録", Kind: corpus.KindBody, Text: fmt.Sprintf("第%d回の宇宙政策委員会が開かれた。", i)}
		if _, err := Update(context.Background(), upd, Change{Source: Passages([]corpus.Passage{p}), Delete: []string{"a"}}, Options{}); err != nil {
			t.Fatalf("Update: %v", err)
		}
	}
	meta, err := readMeta(currentGen(upd))
	if err != nil {
		t.Fatal(err)
	}
	stores := 0
	for name := range meta.Files {
		if isStoreFile(name) {
			stores++
		}
	}
	if _, ok := meta.Files[segmentsFile]; !ok || stores != 3 {
		t.Errorf("an updated index's meta lists %d passage stores (want 3) and segments.json %v: %v", stores, ok, meta.Files)
	}
	checkEveryFile(t, upd)

	// Above the open-check limit, Open checks sizes only; Check reads all.
	gen := currentGen(dir)
	defer func(old int64) { OpenCheckLimit = old }(OpenCheckLimit)
	OpenCheckLimit = 0
	path := filepath.Join(gen, glossaryFile)
	orig, _ := os.ReadFile(path)
	flipped := append([]byte(nil), orig...)
	flipped[len(flipped)-3] ^= 0x20
	os.WriteFile(path, flipped, 0o644)
	if err := Check(dir); !errors.Is(err, ErrDamaged) {
		t.Errorf("Check of a flipped byte: %v, want ErrDamaged", err)
	}
}

// checkEveryFile damages each file of the index at dir in turn (a flipped
// byte, truncated, an extra byte, deleted): Open and Check fail with
// ErrDamaged, and pass once it is repaired.
func checkEveryFile(t *testing.T, dir string) {
	t.Helper()
	if err := Check(dir); err != nil {
		t.Fatalf("Check of a sound index: %v", err)
	}
	gen := currentGen(dir)
	meta, err := readMeta(gen)
	if err != nil {
		t.Fatal(err)
	}
	if len(meta.Files) < 4 {
		t.Fatalf("meta lists %d files: %v", len(meta.Files), meta.Files)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name := range meta.Files {
		path := filepath.Join(gen, filepath.FromSlash(name))
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		flipped := append([]byte(nil), orig...)
		flipped[rng.IntN(len(flipped))] ^= 1 << rng.IntN(8)
		for _, c := range []struct {
			how  string
			data []byte // nil: delete the file
		}{
			{"flipped byte", flipped},
			{"truncated", orig[:len(orig)/2]},
			{"extra byte", append(append([]byte(nil), orig...), 0)},
			{"deleted", nil},
		} {
			if c.data == nil {
				os.Remove(path)
			} else if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			ix, err := Open(dir)
			if err == nil {
				ix.Close()
				t.Errorf("%s %s: Open did not fail", name, c.how)
			} else if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), name) {
				t.Errorf("%s %s: Open: %v, want ErrDamaged naming the file", name, c.how, err)
			}
			if err := Check(dir); !errors.Is(err, ErrDamaged) {
				t.Errorf("%s %s: Check: %v, want ErrDamaged", name, c.how, err)
			}
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Check(dir); err != nil {
		t.Fatalf("Check after repair: %v", err)
	}
}

func TestHealth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Health(); err != nil {
		t.Fatalf("Health of a sound index: %v", err)
	}
	if err := os.Truncate(filepath.Join(ix.Path, bigramsFile), 10); err != nil {
		t.Fatal(err)
	}
	if err := ix.Health(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Health after truncating %s: %v, want ErrDamaged", bigramsFile, err)
	}
}

// An index too large for the checksums to be checked at open has them
// checked in the background: a flipped byte in its segment is found, and
// Health and CheckSegments report it.
func TestBackgroundCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	gen := currentGen(dir)
	zaps, _ := filepath.Glob(filepath.Join(gen, bleveDir, "store", "*.zap"))
	if len(zaps) != 1 {
		t.Fatalf("segments %v, want one", zaps)
	}
	data, err := os.ReadFile(zaps[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/3] ^= 0x40 // in the stored text, which Open does not read
	if err := os.WriteFile(zaps[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	defer func(old int64) { OpenCheckLimit = old }(OpenCheckLimit)
	OpenCheckLimit = 0
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open checking sizes only: %v", err)
	}
	defer ix.Close()
	deadline := time.Now().Add(10 * time.Second)
	for ix.Health() == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := ix.Health(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), ".zap") {
		t.Errorf("Health of an index with a flipped byte: %v, want ErrDamaged naming the segment", err)
	}
	if err := ix.CheckSegments(context.Background()); !errors.Is(err, ErrDamaged) {
		t.Errorf("CheckSegments of an index with a flipped byte: %v, want ErrDamaged", err)
	}
}

// An index the process may not read is reported as such, not as damaged.
func TestOpenUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	path := filepath.Join(currentGen(dir), bigramsFile)
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(path, 0o644)
	_, err := Open(dir)
	if err == nil || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("Open of an index with an unreadable file: %v, want an error saying it cannot be read, not damage", err)
	}
}
