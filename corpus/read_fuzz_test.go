package corpus

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadFile writes the input to a .txt or .md file and reads it with
// [Read], the path the index command takes: encoding detection and
// decoding, the long-line check, then the PDF-text repair or the Markdown
// parser. It checks that nothing panics, that the file yields passages or
// exactly one problem naming it, that every passage is complete and valid
// UTF-8 with a unique id, and that reading is deterministic.
// Run with: go test -fuzz FuzzReadFile ./corpus
func FuzzReadFile(f *testing.F) {
	for _, s := range []string{
		"# 題\n\n" + sampleJA,
		"宇宙状況監視（S\n\nSpace Situational Awareness\nSA）\f12 Title\n",
		"\xef\xbb\xbf# BOM\n\n- list\n- items\n\n```\ncode\n```\n",
		"\xff\xfe#\x00 \x00a\x00",            // UTF-16LE with BOM
		"\x96\x68\x89\x71\x8f\xc8\x81\x42\n", // Shift_JIS 防衛省。
		"\xcb\xc9\xb1\xd2\xbe\xca\xa1\xa3\n", // EUC-JP 防衛省。
		"abc\xff\xfe\xfd\x80",
		"",
		"\r\r\f\f\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in []byte, markdown bool) {
		name := "f.txt"
		if markdown {
			name = "f.md"
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		read := func() ([]Passage, Summary) {
			var ps []Passage
			sum, err := Read(context.Background(), []string{path}, func(p Passage) error {
				ps = append(ps, p)
				return nil
			})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			return ps, sum
		}
		ps, sum := read()
		switch {
		case len(ps) == 0 && len(sum.Problems) != 1:
			t.Fatalf("no passages and %d problems, want one", len(sum.Problems))
		case len(ps) > 0 && len(sum.Problems) != 0:
			t.Fatalf("passages and problems %v", sum.Problems)
		case len(sum.Problems) == 1 && (sum.Problems[0].Path != path || !strings.Contains(sum.Problems[0].Error(), name)):
			t.Fatalf("problem %q does not name the file", sum.Problems[0].Error())
		case sum.Passages != len(ps):
			t.Fatalf("summary counts %d passages, %d passed on", sum.Passages, len(ps))
		}
		if bytes.Count(in, []byte{'\n'}) == 0 && len(in) > MaxTextLineSize && len(ps) > 0 {
			t.Fatalf("a %d-byte line became passages", len(in))
		}
		ids := map[string]bool{}
		for _, p := range ps {
			if p.ID == "" || p.Kind == "" || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("incomplete passage %+v", p)
			}
			if !utf8.ValidString(p.Text) || !utf8.ValidString(p.ID) || !utf8.ValidString(p.Document) || !utf8.ValidString(p.Title) {
				t.Fatalf("invalid UTF-8 in passage %+v", p)
			}
			if ids[p.ID] {
				t.Fatalf("duplicate id %q", p.ID)
			}
			ids[p.ID] = true
		}
		again, _ := read()
		if len(again) != len(ps) {
			t.Fatalf("second read: %d passages, first %d", len(again), len(ps))
		}
		for i := range ps {
			if again[i].ID != ps[i].ID || again[i].Text != ps[i].Text {
				t.Fatalf("second read differs at %d: %+v, first %+v", i, again[i], ps[i])
			}
		}
	})
}
