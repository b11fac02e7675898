package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrintSkippedTypes(t *testing.T) {
	tests := []struct {
		in   map[string]int
		want string
	}{
		{nil, ""},
		{map[string]int{".png": 20, ".xlsx": 6}, "skipped 26 files: 20 .png, 6 .xlsx\n"},
		{map[string]int{".b": 1, ".a": 1, ".csv.gz": 3}, "skipped 5 files: 3 .csv.gz, 1 .a, 1 .b\n"},
		{map[string]int{"(none)": 1}, "skipped 1 file: 1 (none)\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		printSkippedTypes(&b, tt.in)
		if b.String() != tt.want {
			t.Errorf("printSkippedTypes(%v) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}

// TestIndexMissingPDFTool checks that indexing PDF files without Poppler
// fails with one line naming the package, and writes nothing.
func TestIndexMissingPDFTool(t *testing.T) {
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "a.pdf"), "%PDF-1.7")
	dir := filepath.Join(t.TempDir(), "idx")
	t.Setenv("PATH", t.TempDir())
	out, errOut, err := runCmd(t, "", "index", "--index", dir, in)
	if err == nil || !strings.Contains(err.Error(), "poppler-utils") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line naming poppler-utils", err)
	}
	if out != "" || errOut != "" {
		t.Errorf("wrote %q and %q besides the error", out, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("index directory created: %v", err)
	}
}
