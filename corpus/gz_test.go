package corpus

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"strings"
	"testing"
)

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestReadGzip(t *testing.T) {
	md := "# 題\n\n本文の段落。\n"
	jsonl := `{"id":"x1","text":"記録の本文"}` + "\n"
	html := `<html><head><title>ページ</title></head><body><p>段落です。</p></body></html>`
	tests := []struct {
		name    string
		file    string
		content []byte
		want    []string // passage texts
		problem string
	}{
		{name: "markdown", file: "a.md.gz", content: gzipBytes([]byte(md)), want: []string{"本文の段落。"}},
		{name: "jsonl", file: "a.jsonl.gz", content: gzipBytes([]byte(jsonl)), want: []string{"記録の本文"}},
		{name: "html", file: "a.HTML.GZ", content: gzipBytes([]byte(html)), want: []string{"段落です。"}},
		{name: "shift_jis text", file: "a.txt.gz", content: gzipBytes(mustEncode(t, sampleJA, true)), want: []string{strings.TrimSpace(sampleJA)}},
		{name: "gzip in gzip", file: "a.txt.gz.gz", content: gzipBytes(gzipBytes([]byte(sampleJA))), problem: `unsupported file type ".gz" inside .gz`},
		{name: "truncated", file: "a.txt.gz", content: gzipBytes([]byte(sampleJA))[:20], problem: "gzip: unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string][]byte{tt.file: tt.content})
			sum, ps := readAll(t, filepath.Join(dir, tt.file))
			var got []string
			for _, p := range ps {
				got = append(got, p.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("passages %q, want %q", got, tt.want)
			}
			if tt.problem == "" && len(sum.Problems) > 0 || tt.problem != "" && (len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0].Error(), tt.problem)) {
				t.Errorf("problems %v, want %q", problems(sum), tt.problem)
			}
		})
	}
}

// TestReadGzipBomb checks that a file inflating past the limit is
// refused without being read whole (the limit lowered to 1 MiB, from
// MaxGzipSize, to keep the test quick): 2 MiB of blank lines compress to
// 2 KiB.
func TestReadGzipBomb(t *testing.T) {
	defer func(n int64) { gzipLimit = n }(gzipLimit)
	gzipLimit = 1 << 20
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(`{"id":"a","text":"防衛"}` + "\n"))
	zw.Write(bytes.Repeat([]byte("\n"), 2<<20))
	zw.Close()
	for _, name := range []string{"bomb.txt.gz", "bomb.jsonl.gz"} {
		dir := t.TempDir()
		write(t, dir, map[string][]byte{name: buf.Bytes()})
		sum, ps := readAll(t, filepath.Join(dir, name))
		// a .txt is read whole before it is parsed: nothing of it is
		// indexed; a .jsonl is streamed: its lines before the limit are
		if len(ps) > 1 || len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0].Error(), "refused") {
			t.Errorf("%s: %d passages, problems %v; want a refusal", name, len(ps), problems(sum))
		}
	}
}

func TestSkippedByExt(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string][]byte{
		"a.txt": []byte(sampleJA), "b.png": {1}, "c.PNG": {1}, "d.xlsx": {1}, "sub/e.png": {1},
		"f.csv.gz": {1}, "Makefile": {1}, ".hidden.png": {1},
	})
	sum, _ := readAll(t, dir)
	want := map[string]int{".png": 3, ".xlsx": 1, ".csv.gz": 1, "(none)": 1}
	if len(sum.SkippedByExt) != len(want) {
		t.Errorf("SkippedByExt = %v, want %v", sum.SkippedByExt, want)
	}
	for k, n := range want {
		if sum.SkippedByExt[k] != n {
			t.Errorf("SkippedByExt[%q] = %d, want %d", k, sum.SkippedByExt[k], n)
		}
	}
	if sum.Skipped != 7 {
		t.Errorf("Skipped = %d, want 7 (6 by type and a hidden file)", sum.Skipped)
	}
}
