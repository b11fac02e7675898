package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A user glossary saved by a spreadsheet or an editor in Japan, in
// Shift_JIS or EUC-JP or with a byte-order mark, is read as documents are;
// bytes in no such encoding still cost only their rows.
func TestGlossaryFileEncodings(t *testing.T) {
	const row = "QQQ\tQuick Query Quorum\t迅速照会\n"
	dir := t.TempDir()
	tests := []struct {
		name      string
		data      []byte
		want      string // a line of stdout
		wantError string // a line of stderr, "" for none
	}{
		{name: "utf8.tsv", data: []byte(row), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:"},
		{name: "bom.tsv", data: append([]byte("\uFEFF"), row...), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:"},
		{name: "sjis.tsv", data: encodeJapanese(t, row, true), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:"},
		{name: "eucjp.tsv", data: encodeJapanese(t, row, false), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:"},
		{name: "crlf.tsv", data: []byte(strings.ReplaceAll(row, "\n", "\r\n")), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:"},
		{name: "broken.tsv", data: []byte("\xff\xfd\xfc\tA\tB\n" + row), want: "QQQ\tQuick Query Quorum\t迅速照会\tuser:",
			wantError: "broken.tsv:1: invalid UTF-8 (row skipped)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, stderr, err := runCmd(t, "", "glossary", "--glossary", path, "--source", "user")
			if err != nil {
				t.Fatalf("glossary: %v\n%s", err, stderr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("stdout lacks %q:\n%s", tt.want, out)
			}
			if tt.wantError == "" && stderr != "" || !strings.Contains(stderr, tt.wantError) {
				t.Errorf("stderr %q, want %q", stderr, tt.wantError)
			}
		})
	}
}
