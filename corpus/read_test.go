package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/japanese"
)

const sampleJA = "防衛省・自衛隊は、関係国と情報共有、協議、演習を通じて連携・協力を強化している。\n"

// write creates files under dir; content keys are slash paths.
func write(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustEncode(t *testing.T, s string, sjis bool) []byte {
	t.Helper()
	e := japanese.EUCJP.NewEncoder()
	if sjis {
		e = japanese.ShiftJIS.NewEncoder()
	}
	b, err := e.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readAll(t *testing.T, inputs ...string) (Summary, []Passage) {
	t.Helper()
	var ps []Passage
	sum, err := Read(context.Background(), inputs, func(p Passage) error {
		ps = append(ps, p)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return sum, ps
}

func problems(sum Summary) []string {
	var out []string
	for _, p := range sum.Problems {
		out = append(out, filepath.Base(p.Path)+":"+itoa(p.Line)+": "+p.Err.Error())
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadFiles(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  []byte
		want     string // text of the first passage
		problem  string // substring of the problem, if one is expected
		passages int
	}{
		{name: "utf-8", file: "a.txt", content: []byte(sampleJA), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "utf-8 with BOM", file: "a.txt", content: append([]byte{0xEF, 0xBB, 0xBF}, sampleJA...), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "shift_jis", file: "a.txt", content: mustEncode(t, sampleJA, true), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "euc-jp", file: "a.txt", content: mustEncode(t, sampleJA, false), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "shift_jis markdown", file: "a.md", content: mustEncode(t, "# 題\n\n"+sampleJA, true), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "euc-jp jsonl", file: "a.jsonl", content: mustEncode(t, `{"id":"x","text":"`+strings.TrimSpace(sampleJA)+`"}`+"\n", false), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "empty", file: "a.txt", content: nil, problem: "empty file"},
		{name: "white space only", file: "a.md", content: []byte(" \n\n\t\n"), problem: "empty file"},
		{name: "empty jsonl", file: "a.jsonl", content: nil, problem: "empty file"},
		{name: "binary", file: "a.txt", content: []byte("PK\x03\x04\x00\x00binary"), problem: "binary file (NUL byte at offset 4)"},
		{name: "invalid utf-8", file: "a.txt", content: []byte("abc\xff\xfe\xfd\x80 def"), problem: "invalid UTF-8 at byte offset 3"},
		{name: "unsupported type", file: "a.xlsx", content: []byte("PK"), problem: `unsupported file type ".xlsx"`},
		{name: "not gzip", file: "a.txt.gz", content: []byte("plain"), problem: `gzip: unexpected EOF`},
		{name: "gzip of text", file: "a.txt.gz", content: gzipBytes([]byte(sampleJA)), want: strings.TrimSpace(sampleJA), passages: 1},
		{name: "line too long", file: "a.txt", content: []byte(sampleJA + strings.Repeat("宇宙 ", MaxTextLineSize/4+1) + "\n" + sampleJA), problem: "line 2 is longer than 1 MiB"},
		{name: "markdown line too long", file: "a.md", content: []byte("# 題\r\n\r\n" + strings.Repeat("x", MaxTextLineSize+1)), problem: "line 3 is longer than 1 MiB"},
		{name: "long line after form feeds", file: "a.txt", content: []byte("a\fb\f" + strings.Repeat("y", MaxTextLineSize+1)), problem: "line 1 is longer"},
		{name: "longest line allowed", file: "a.txt", content: []byte(strings.Repeat("z", MaxTextLineSize) + "\n"), want: strings.Repeat("z", MaxTextLineSize), passages: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string][]byte{tt.file: tt.content})
			sum, ps := readAll(t, filepath.Join(dir, tt.file))
			if len(ps) != tt.passages {
				t.Fatalf("got %d passages, want %d; problems %v", len(ps), tt.passages, problems(sum))
			}
			if tt.passages > 0 && ps[0].Text != tt.want {
				t.Errorf("text = %q, want %q", ps[0].Text, tt.want)
			}
			switch {
			case tt.problem == "" && len(sum.Problems) > 0:
				t.Errorf("unexpected problems %v", problems(sum))
			case tt.problem != "" && (len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0].Error(), tt.problem)):
				t.Errorf("problems %v, want one with %q", problems(sum), tt.problem)
			case tt.problem != "" && !strings.Contains(sum.Problems[0].Error(), tt.file):
				t.Errorf("problem %q does not name the file", sum.Problems[0].Error())
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"doc-1","title":"梅雨","text":"梅雨は雨季の一種である。","page":3,"section":["気象","季節"],"lang":"ja"}`,
		`{"id":"doc-2","text":"broken`,
		``,
		`{"id":17,"document":"白書","title":"t","text":"二つ目","page":"12"}`,
		`{"text":"no id here"}`,
		`[1,2]`,
		`{"id":"doc-1","text":"again"}`,
		`{"id":"doc-3","title":"only a title"}`,
		`{"id":"doc-4","text":"\uFFFD ok","page":"iv","kind":"caption"}`,
	}, "\n")
	var ps []Passage
	sum, err := ReadJSONL(context.Background(), strings.NewReader(in), "data/corpus.jsonl", func(p Passage) error {
		ps = append(ps, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Passage{
		{ID: "doc-1", Document: "梅雨", Title: "梅雨", Page: 3, Section: []string{"気象", "季節"}, Kind: KindBody, Text: "梅雨は雨季の一種である。", Source: "data/corpus.jsonl", Meta: map[string]any{"lang": "ja"}},
		{ID: "17", Document: "白書", Title: "t", Page: 12, Kind: KindBody, Text: "二つ目", Source: "data/corpus.jsonl"},
		{ID: ps[2].ID, Document: "corpus", Kind: KindBody, Text: "no id here", Source: "data/corpus.jsonl"},
		{ID: "doc-4", Document: "corpus", Kind: KindCaption, Text: "\uFFFD ok", Source: "data/corpus.jsonl", Meta: map[string]any{"page": "iv"}},
	}
	if diff := cmp.Diff(want, ps); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(ps[2].ID, "corpus#") || len(ps[2].ID) != len("corpus#")+12 {
		t.Errorf("generated id %q, want corpus# and 12 hex digits", ps[2].ID)
	}
	var got []string
	for _, p := range sum.Problems {
		got = append(got, p.Error())
	}
	wantProblems := []string{
		"data/corpus.jsonl:2: invalid JSON: unexpected end of JSON input",
		"data/corpus.jsonl:6: not a JSON object",
		`data/corpus.jsonl:7: duplicate id "doc-1" (first at data/corpus.jsonl:1); record skipped`,
		`data/corpus.jsonl:8: no "text" field`,
	}
	if diff := cmp.Diff(wantProblems, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if sum.Passages != 4 || sum.Documents != 3 || sum.Bytes != int64(len(in)) {
		t.Errorf("summary %+v", sum)
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"id":"a","text":"first"}` + "\n")
	b.WriteString(`{"id":"big","text":"`)
	b.Write(bytes.Repeat([]byte("x"), MaxLineSize))
	b.WriteString("\"}\n")
	b.WriteString(`{"id":"c","text":"after"}`)
	var ids []string
	sum, err := ReadJSONL(context.Background(), &b, "big.jsonl", func(p Passage) error {
		ids = append(ids, p.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "c"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if len(sum.Problems) != 1 || sum.Problems[0].Line != 2 || !strings.Contains(sum.Problems[0].Error(), "line longer than 16 MiB") {
		t.Errorf("problems %v", sum.Problems)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string][]byte{
		"a/page.txt":      []byte(sampleJA),
		"a/notes.md":      []byte("# ノート\n\n## 概要\n\nMarkdown の\n本文。\n\n- 項目一\n- 項目二\n"),
		"b/page.txt":      []byte(sampleJA),
		"b/data.jsonl":    []byte(`{"id":"j1","text":"一"}` + "\n" + `{"id":"j1","text":"二"}` + "\n"),
		"b/.hidden.txt":   []byte(sampleJA),
		"b/image.png":     []byte("\x89PNG"),
		"c/empty.txt":     nil,
		".git/config.txt": []byte(sampleJA),
	})
	// a symbolic link loop, and a link to a directory read already
	if err := os.Symlink("..", filepath.Join(dir, "a", "loop")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	sum, ps := readAll(t, dir)
	var got []string
	for _, p := range ps {
		got = append(got, p.ID+" "+p.Document+" "+p.SectionPath()+" "+string(p.Kind)+" "+p.Text)
	}
	want := []string{
		"a/notes#1 ノート 概要 heading 概要",
		"a/notes#2 ノート 概要 body Markdown の本文。",
		"a/notes#3 ノート 概要 body 項目一",
		"a/notes#4 ノート 概要 body 項目二",
		"a/page#1.1 page  body " + strings.TrimSpace(sampleJA),
		"j1 data  body 一",
		"b/page#1.1 page  body " + strings.TrimSpace(sampleJA),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	if sum.Files != 5 || sum.Skipped != 3 || sum.Documents != 4 || sum.Passages != 7 || len(sum.Problems) != 2 {
		t.Errorf("summary %+v, problems %v", sum, sum.Problems)
	}
	if !errors.Is(sum.Problems[1].Err, errEmpty) || sum.Problems[1].Path != filepath.Join(dir, "c", "empty.txt") {
		t.Errorf("problem %v, want empty.txt is empty", sum.Problems[1])
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(context.Background(), nil, func(Passage) error { return nil }); !errors.Is(err, ErrNoInputs) {
		t.Errorf("no inputs: err = %v, want ErrNoInputs", err)
	}
	dir := t.TempDir()
	write(t, dir, map[string][]byte{"a.txt": []byte(sampleJA + "\n" + sampleJA)})
	stop := errors.New("stop")
	sum, err := Read(context.Background(), []string{filepath.Join(dir, "a.txt")}, func(Passage) error { return stop })
	if !errors.Is(err, stop) || sum.Passages != 1 {
		t.Errorf("fn error: err = %v, passages %d", err, sum.Passages)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, []string{dir}, func(Passage) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
	sum, _ = readAll(t, filepath.Join(dir, "missing.txt"))
	if len(sum.Problems) != 1 || !errors.Is(sum.Problems[0].Err, os.ErrNotExist) {
		t.Errorf("missing file: problems %v", sum.Problems)
	}
}

// TestLongParagraphs checks that a paragraph growing over 64 KiB is cut at
// line boundaries, without losing text, in both text formats.
func TestLongParagraphs(t *testing.T) {
	line := "宇宙状況監視の能力を高めるための取組を進めており" // no sentence end: the paragraph goes on
	n := 2*maxParagraphBytes/len(line) + 10
	body := strings.Repeat(line+"\n", n)
	tests := []struct {
		name  string
		parse func() []Passage
	}{
		{"text", func() []Passage { return ParseText("a.txt", body) }},
		{"markdown", func() []Passage { return ParseMarkdown("a.md", "# 題\n\n"+body) }},
		{"markdown code", func() []Passage { return ParseMarkdown("a.md", "```\n"+body+"```\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.parse()
			if len(ps) != 3 {
				t.Errorf("%d passages, want 3", len(ps))
			}
			total := 0
			for _, p := range ps {
				if len(p.Text) > maxParagraphBytes {
					t.Errorf("passage %s has %d bytes, want at most %d", p.ID, len(p.Text), maxParagraphBytes)
				}
				if !strings.HasPrefix(p.Text, line) {
					t.Errorf("passage %s not cut at a line boundary: %q…", p.ID, p.Text[:30])
				}
				total += strings.Count(p.Text, line)
			}
			if total != n {
				t.Errorf("%d lines in the passages, want %d", total, n)
			}
		})
	}
}

// An invalid byte near the start of a UTF-8 JSONL file costs its line only:
// the encoding sniffed from the first 64 KiB once failed and dropped the
// whole file.
func TestReadJSONLInvalidByteEarly(t *testing.T) {
	var b bytes.Buffer
	for i := range 2000 {
		text := "宇宙状況監視の第" + strconv.Itoa(i) + "段落。"
		if i == 1 {
			text = "壊れた\xff行"
		}
		b.WriteString(`{"id":"p` + strconv.Itoa(i) + `","text":"` + text + `"}` + "\n")
	}
	n := 0
	sum, err := ReadJSONL(context.Background(), &b, "one-bad-byte.jsonl", func(Passage) error {
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1999 || len(sum.Problems) != 1 || sum.Problems[0].Line != 2 {
		t.Errorf("read %d passages with problems %v; want 1999 and line 2 reported", n, sum.Problems)
	}
}
