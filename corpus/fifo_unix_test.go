//go:build unix

package corpus

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO in a directory, even with the name of a document, is not opened
// (it could block for ever) but counted among the skipped files by type,
// so that the summary says something was left out.
func TestSkippedFIFO(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string][]byte{"a.txt": []byte(sampleJA), "b.png": {1}})
	for _, name := range []string{"pipe.md", "pipe"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("no FIFO: %v", err)
		}
	}
	sum, ps := readAll(t, dir)
	want := map[string]int{".png": 1, ".md (not a regular file)": 1, "(none) (not a regular file)": 1}
	if len(sum.SkippedByExt) != len(want) {
		t.Errorf("SkippedByExt = %v, want %v", sum.SkippedByExt, want)
	}
	for k, n := range want {
		if sum.SkippedByExt[k] != n {
			t.Errorf("SkippedByExt[%q] = %d, want %d", k, sum.SkippedByExt[k], n)
		}
	}
	if sum.Skipped != 3 || len(sum.Problems) != 0 || len(ps) == 0 {
		t.Errorf("Skipped = %d, problems %v, %d passages; want 3, none, the text's", sum.Skipped, problems(sum), len(ps))
	}
}
