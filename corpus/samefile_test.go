package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// A file reached twice, named twice, through overlapping inputs or
// through a symbolic link, is read once: its passages are not indexed a
// second time under suffixed ids. The second time is counted with the
// skipped files. Two files with the same name but another extension
// (report.txt, report.md) are two documents.
func TestReadSameFileOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string][]byte{
		"docs/a.txt":      []byte(sampleJA),
		"docs/sub/b.txt":  []byte("防衛白書は毎年刊行される。\n"),
		"docs/report.txt": []byte("報告書の本文。\n"),
		"docs/report.md":  []byte("# 報告\n\n報告書の見出しと本文。\n"),
	})
	docs := filepath.Join(dir, "docs")
	if err := os.Symlink("a.txt", filepath.Join(docs, "link.txt")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	a := filepath.Join(docs, "a.txt")
	tests := []struct {
		name      string
		inputs    []string
		documents int
		skipped   map[string]int
	}{
		{name: "file named twice", inputs: []string{a, a}, documents: 1, skipped: map[string]int{".txt (already read)": 1}},
		{name: "file and its directory", inputs: []string{a, docs}, documents: 4, skipped: map[string]int{".txt (already read)": 2}},
		{name: "overlapping directories", inputs: []string{docs, filepath.Join(docs, "sub")}, documents: 4, skipped: map[string]int{".txt (already read)": 1}},
		{name: "directory with a link", inputs: []string{docs}, documents: 4, skipped: map[string]int{".txt (already read)": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, ps := readAll(t, tt.inputs...)
			if sum.Documents != tt.documents || len(sum.Problems) != 0 {
				t.Errorf("%d documents, problems %v; want %d, none", sum.Documents, problems(sum), tt.documents)
			}
			for _, p := range ps {
				if filepath.Ext(p.ID) != "" && p.ID[len(p.ID)-2] == '~' {
					t.Errorf("passage %s read twice", p.ID)
				}
			}
			for k, n := range tt.skipped {
				if sum.SkippedByExt[k] != n {
					t.Errorf("SkippedByExt = %v, want %s: %d", sum.SkippedByExt, k, n)
				}
			}
		})
	}
}
