package corpus

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadJSONL checks that any input is read without panic, that every
// passage has an id, a kind and valid UTF-8 text, that each non-blank line
// yields a passage or a problem naming it, and that reading is
// deterministic. Run with: go test -fuzz FuzzReadJSONL ./corpus
func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"梅雨は雨季の一種である。","title":"梅雨"}`,
		"{\"id\":1,\"text\":\"x\",\"page\":\"3\",\"section\":[\"a\",\"b\"]}\n{\"text\":\"broken\n\n[]\nnull\n",
		"\xef\xbb\xbf{\"text\":\"bom\"}\r\n{\"id\":\"a\",\"text\":\"dup\"}\n{\"id\":\"a\",\"text\":\"dup\"}",
		"{\"text\":\"\x93\xfa\x96\x7b\"}",
		"",
		"\x00\x01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		read := func() ([]Passage, Summary) {
			var ps []Passage
			sum, err := ReadJSONL(context.Background(), strings.NewReader(in), "f.jsonl", func(p Passage) error {
				ps = append(ps, p)
				return nil
			})
			if err != nil {
				t.Fatalf("ReadJSONL: %v", err)
			}
			return ps, sum
		}
		ps, sum := read()
		for _, p := range ps {
			if p.ID == "" || p.Kind == "" || !utf8.ValidString(p.Text) || p.Document == "" {
				t.Fatalf("bad passage %+v", p)
			}
		}
		for _, p := range sum.Problems {
			if p.Path != "f.jsonl" || p.Err == nil || p.Error() == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if sum.Passages != len(ps) || sum.Bytes != int64(len(in)) {
			t.Fatalf("summary %+v for %d passages, %d bytes", sum, len(ps), len(in))
		}
		fileProblem := len(sum.Problems) > 0 && sum.Problems[0].Line == 0
		// In UTF-8 input each non-blank line gives one passage or one
		// problem (decoded Shift_JIS or EUC-JP lines may turn blank).
		if nonBlank := countNonBlankLines(strings.TrimPrefix(in, "\xef\xbb\xbf")); !fileProblem && utf8.ValidString(in) && len(ps)+len(sum.Problems) != nonBlank {
			t.Fatalf("%d non-blank lines gave %d passages and %d problems", nonBlank, len(ps), len(sum.Problems))
		}
		again, _ := read()
		if len(again) != len(ps) {
			t.Fatalf("second read gave %d passages, first %d", len(again), len(ps))
		}
		for i := range ps {
			if again[i].ID != ps[i].ID {
				t.Fatalf("id %q then %q", ps[i].ID, again[i].ID)
			}
		}
	})
}

func countNonBlankLines(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimFunc(l, isSpace) != "" {
			n++
		}
	}
	return n
}
