package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// badInput is one input of TestBadInput: a file or directory entry made
// under the input directory, and what the index command must say about it.
type badInput struct {
	name string // test name
	make func(t *testing.T, dir string) (path string, named bool)
	// stderr is what the index run must print about the input (with its
	// path), "" for a documented silent fallback; search, if not "", is a
	// query that must then find passage id.
	stderr     string
	search, id string
}

func encodeJapanese(t *testing.T, s string, sjis bool) []byte {
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

func badFile(name string, data []byte) func(t *testing.T, dir string) (string, bool) {
	return func(t *testing.T, dir string) (string, bool) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p, false
	}
}

// hugeLine writes size bytes of Japanese and English text with no line
// break, streamed in chunks.
func hugeLine(t *testing.T, path string, size int, prefix, suffix string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := []byte(strings.Repeat("宇宙状況監視の能力 and space ", 4096))
	if _, err := f.WriteString(prefix); err != nil {
		t.Fatal(err)
	}
	for n := 0; n < size; n += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.WriteString(suffix); err != nil {
		t.Fatal(err)
	}
}

// TestBadInput runs the index command on a directory holding every kind of
// bad input beside good files: the good passages are indexed and found,
// each bad input is named on stderr with its reason (or decoded, for the
// Japanese legacy encodings), the command succeeds, and nothing panics.
// Then queries that are empty, huge, unbalanced or all stop words get a
// clear error or a documented result.
func TestBadInput(t *testing.T) {
	huge := 100 << 20
	if testing.Short() || raceEnabled() {
		// Reading 100 MB takes 0.8 s, but 12 s under the race detector.
		huge = 2 << 20 // still over corpus.MaxTextLineSize
	}
	inputs := []badInput{
		{name: "good text", make: badFile("good.txt", []byte("宇宙状況監視（SSA）の能力を高める。\n\n防衛白書は毎年刊行される。\n\n迅速照会の手順を定める。\n")),
			search: "SSA", id: "good#1.1"},
		{name: "good jsonl with broken lines and duplicate ids", make: badFile("records.jsonl", []byte(
			`{"id":"r1","title":"報告","text":"欧州連合との対話を進める。"}`+"\n"+
				"{broken\n"+
				`{"id":"r2","text":`+"\n"+
				`["not","an","object"]`+"\n"+
				`{"id":"r3","title":"no text"}`+"\n"+
				`{"id":"r1","text":"重複した記録。"}`+"\n"+
				`{"id":"r4","text":"北大西洋条約機構との協力。"}`+"\n")),
			stderr: "records.jsonl:2: ", search: "北大西洋条約機構", id: "r4"},
		{name: "jsonl duplicate id", make: badFile("zdup.jsonl", []byte(`{"id":"r4","text":"二度目の記録。"}`+"\n")),
			stderr: `zdup.jsonl:1: duplicate id "r4" (first at `},
		{name: "binary", make: badFile("binary.txt", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00binary")),
			stderr: "binary.txt: binary file (NUL byte at offset 5)"},
		{name: "invalid utf-8", make: badFile("invalid.md", []byte("# 題\n\nabc\xff\xfe\xfd\x80 def\n")),
			stderr: "invalid.md: invalid UTF-8 at byte offset"},
		{name: "shift_jis decoded", make: badFile("sjis.txt", encodeJapanese(t, "弾道ミサイル防衛の体制を整備する。\n", true)),
			search: "弾道ミサイル防衛", id: "sjis#1.1"},
		{name: "euc-jp decoded", make: badFile("eucjp.md", encodeJapanese(t, "# 海洋\n\n海洋安全保障の協力を進める。\n", false)),
			search: "海洋安全保障", id: "eucjp#1"},
		{name: "empty", make: badFile("empty.txt", nil), stderr: "empty.txt: empty file"},
		{name: "100 MB without a line break", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(dir, "huge.txt")
			hugeLine(t, p, huge, "", "")
			return p, false
		}, stderr: "huge.txt: line 1 is longer than 1 MiB"},
		{name: "jsonl line over 16 MiB", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(dir, "long.jsonl")
			hugeLine(t, p, corpus.MaxLineSize, `{"id":"long","text":"`, "\"}\n"+`{"id":"after-long","text":"長い行の後の記録。"}`+"\n")
			return p, false
		}, stderr: "long.jsonl:1: line longer than 16 MiB", search: "長い行の後", id: "after-long"},
		{name: "symlink loop", make: func(t *testing.T, dir string) (string, bool) {
			d := filepath.Join(dir, "loop")
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("..", filepath.Join(d, "up")); err != nil {
				t.Skipf("no symbolic links: %v", err)
			}
			if err := os.Symlink("b.txt", filepath.Join(d, "a.txt")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("a.txt", filepath.Join(d, "b.txt")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(d, "a.txt"), false
		}, stderr: "loop/a.txt: stat"},
		{name: "dangling symlink", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(dir, "gone.md")
			if err := os.Symlink("nowhere.md", p); err != nil {
				t.Fatal(err)
			}
			return p, false
		}, stderr: "gone.md: stat"},
		{name: "unreadable", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(dir, "secret.txt")
			if err := os.WriteFile(p, []byte("秘密の文書。\n"), 0o000); err != nil {
				t.Fatal(err)
			}
			if f, err := os.Open(p); err == nil {
				// root reads anything: chmod 000 proves nothing; the
				// dangling symlink and the FIFO cover unreadable entries.
				f.Close()
				os.Remove(p)
				return "", false
			}
			return p, false
		}, stderr: "secret.txt: open"},
		{name: "fifo named on the command line", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(t.TempDir(), "pipe.txt")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no FIFO: %v", err)
			}
			return p, true
		}, stderr: "pipe.txt: not a regular file"},
		{name: "fifo in a directory", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(dir, "pipe.md")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no FIFO: %v", err)
			}
			return p, false
		}}, // not named: counted with the skipped files, like other non-regular files
		{name: "unsupported type named", make: func(t *testing.T, dir string) (string, bool) {
			p := filepath.Join(t.TempDir(), "paper.docx")
			if err := os.WriteFile(p, []byte("PK\x03\x04"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p, true
		}, stderr: `paper.docx: unsupported file type ".docx"`},
	}

	in := t.TempDir()
	args := []string{"index", "--index", filepath.Join(t.TempDir(), "ix")}
	gloss := filepath.Join(t.TempDir(), "gloss.tsv")
	writeFile(t, gloss, "# user glossary\nSSA\tSpace Situational Awareness\t宇宙状況監視\nno tab here\nONLY\t\t\nX\t\x00\n"+
		"BAD\tBad Thing\t悪い物\tnote\tlots\n\xff\tA\tB\n\t\t\nQQQ\tQuick Query Quorum\t迅速照会\n")
	args = append(args, "--glossary", gloss)
	var paths []string
	for _, in2 := range inputs {
		p, named := in2.make(t, in)
		paths = append(paths, p)
		if named {
			args = append(args, p)
		}
	}
	args = append(args, in)

	_, stderr, err := runCmd(t, "", args...)
	if !errors.Is(err, errPartial) { // exit status 3: indexed, some inputs skipped
		t.Fatalf("index: %v, want %v\n%s", err, errPartial, stderr)
	}
	for i, tt := range inputs {
		if tt.stderr == "" || paths[i] == "" {
			continue
		}
		if !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: index stderr lacks %q", tt.name, tt.stderr)
		}
	}
	// Malformed glossary rows are reported with their line; good rows kept.
	for _, want := range []string{"gloss.tsv:3: got 1 tab-separated fields", "gloss.tsv:4: need at least two forms",
		"gloss.tsv:5: got 2", "gloss.tsv:6: confidence", "gloss.tsv:7: invalid UTF-8", "row skipped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("index stderr lacks %q", want)
		}
	}
	if strings.Contains(stderr, "gloss.tsv:2:") || strings.Contains(stderr, "gloss.tsv:8:") || strings.Contains(stderr, "gloss.tsv:9:") {
		t.Errorf("good glossary rows reported as malformed")
	}
	if strings.Contains(stderr, "pipe.md") || !strings.Contains(stderr, "1 .md (not a regular file)") {
		t.Errorf("FIFO in a directory named, or not counted with the skipped files")
	}
	if t.Failed() {
		t.Logf("index stderr:\n%s", stderr)
	}

	ix := args[2]
	// Every query in one batch run (one engine), as search --queries does.
	type query struct {
		name, query string
		err         string // substring of the error; "" for a result
		empty       bool   // the result must have no hits
		id          string // a hit the result must have
	}
	queries := []query{
		{name: "glossary row after malformed rows", query: "QQQ", id: "good#1.3"},
		{name: "empty", query: "", err: "empty query"},
		{name: "white space", query: "   \u3000 ", err: "empty query"},
		{name: "10,000 characters", query: strings.Repeat("宇宙", 5000), err: "query has 10000 characters, at most 1000"},
		{name: "unterminated phrase", query: `"宇宙`, err: "unterminated quoted phrase at offset 0"},
		{name: "lone +", query: "+", err: "expected a term after + at offset 1"},
		{name: "field without value", query: "kind:", err: "expected a value after kind: at offset 5"},
		{name: "open parenthesis", query: "(宇宙"}, // parentheses are plain text
		{name: "close parenthesis", query: "宇宙)"},
		{name: "trailing quote", query: `宇宙 "`, err: "unterminated quoted phrase at offset 7"},
		{name: "all stop words", query: "の は を", empty: true},
		{name: "field and term", query: "kind:body SSA", id: "good#1.1"},
	}
	for i, tt := range inputs {
		if tt.search != "" && paths[i] != "" {
			queries = append(queries, query{name: tt.name, query: tt.search, id: tt.id})
		}
	}
	var batch strings.Builder
	for i, q := range queries {
		b, err := json.Marshal(map[string]string{"id": strconv.Itoa(i), "query": q.query})
		if err != nil {
			t.Fatal(err)
		}
		batch.Write(b)
		batch.WriteByte('\n')
	}
	out, stderr, err := runCmd(t, batch.String(), "search", "--index", ix, "--json", "--queries", "-")
	if err != nil {
		t.Fatalf("search --queries: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(queries) {
		t.Fatalf("search --queries: %d result lines for %d queries:\n%s", len(lines), len(queries), out)
	}
	for i, l := range lines {
		var r batchResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("result line %q: %v", l, err)
		}
		q := queries[i]
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		switch {
		case r.ID != strconv.Itoa(i):
			t.Errorf("result line %d has id %q", i, r.ID)
		case q.err != "" && !strings.Contains(r.Error, q.err):
			t.Errorf("query %s %q: error %q, want one mentioning %q", q.name, abbrevQuery(q.query), r.Error, q.err)
		case q.err == "" && r.Error != "":
			t.Errorf("query %s %q: error %q, want a result", q.name, abbrevQuery(q.query), r.Error)
		case q.empty && len(r.Hits) > 0:
			t.Errorf("query %s %q: hits %v, want none", q.name, abbrevQuery(q.query), ids)
		case q.id != "" && !slices.Contains(ids, q.id):
			t.Errorf("query %s %q: hits %v, want %s among them", q.name, abbrevQuery(q.query), ids, q.id)
		}
	}

	// The same errors reach the command line, not a panic.
	// (JSON cannot carry invalid UTF-8: it is tried here only.)
	for _, q := range []struct{ query, err string }{
		{"", "empty query"},
		{strings.Repeat("x", 10000), "at most 1000"},
		{"+", "after +"},
		{"\xff\xfe", "not valid UTF-8"},
	} {
		if _, _, err := runCmd(t, "", "search", "--index", ix, "--", q.query); err == nil || !strings.Contains(err.Error(), q.err) {
			t.Errorf("search %q: error %v, want one mentioning %q", abbrevQuery(q.query), err, q.err)
		}
	}
}

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

func abbrevQuery(s string) string {
	if r := []rune(s); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return s
}

// TestBadInputOnly runs the index command on bad inputs alone: it fails
// (exit status 1) naming every input, and the index already at the path is
// left as it was.
func TestBadInputOnly(t *testing.T) {
	in := t.TempDir()
	good := filepath.Join(in, "good.md")
	writeFile(t, good, "# 題\n\n宇宙状況監視の能力を高める。\n")
	ix := filepath.Join(t.TempDir(), "ix")
	if _, stderr, err := runCmd(t, "", "index", "--index", ix, good); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}

	bad := t.TempDir()
	writeFile(t, filepath.Join(bad, "empty.txt"), "")
	writeFile(t, filepath.Join(bad, "broken.jsonl"), "{\n")
	_, stderr, err := runCmd(t, "", "index", "--index", ix, bad)
	if !errors.Is(err, indexer.ErrNoInputPassed) {
		t.Errorf("index of bad inputs only: error %v, want %v", err, indexer.ErrNoInputPassed)
	}
	for _, want := range []string{"empty.txt: empty file", "broken.jsonl:1: invalid JSON"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// An input named on the command line that does not exist fails the
	// run before anything is read.
	_, _, err = runCmd(t, "", "index", "--index", ix, good, filepath.Join(bad, "missing.md"))
	if err == nil || !strings.Contains(err.Error(), "missing.md") || !strings.Contains(err.Error(), "nothing was indexed") {
		t.Errorf("index of a missing input: error %v, want one naming missing.md", err)
	}
	out, _, err := runCmd(t, "", "search", "--index", ix, "宇宙状況監視")
	if err != nil || !strings.Contains(out, "«宇宙状況監視»の能力") {
		t.Errorf("previous index damaged: %v\n%s", err, out)
	}
}

// TestBatchLongLine gives search --queries a line over 16 MiB between two
// good queries: like any line that cannot be parsed, it should get an error
// line naming it, and the queries after it should be answered.
func TestBatchLongLine(t *testing.T) {
	queries := `{"id":"a","query":"SSA"}` + "\n" + strings.Repeat("x", 17<<20) + "\n" + `{"id":"b","query":"宇宙"}` + "\n"
	out, stderr, err := runCmd(t, queries, "search", "--json", "--queries", "-")
	if err != nil {
		t.Fatalf("search --queries: %v\n%s", err, stderr)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r batchResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("result line %.80q: %v", l, err)
		}
		got = append(got, r.ID+"/"+strconv.Itoa(r.Line)+"/"+strconv.FormatBool(r.Error != ""))
	}
	if want := []string{"a/0/false", "/2/true", "b/0/false"}; !slices.Equal(got, want) {
		t.Errorf("results %v, want %v", got, want)
	}
}

// TestBadUserDict gives index and analyze a malformed user dictionary: both
// fail before indexing anything, naming the bad line.
func TestBadUserDict(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "a.txt")
	writeFile(t, text, "宇宙状況監視の能力を高める。\n")
	tests := []struct {
		name, dict, want string
	}{
		{"malformed row", "宇宙状況監視,宇宙 状況 監視,ウチュウ ジョウキョウ カンシ,カスタム名詞\nbroken row\n", "user dictionary line 2"},
		{"binary", "\x00\x01\xff", "user dictionary line 1: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dict := filepath.Join(dir, "dict.txt")
			writeFile(t, dict, tt.dict)
			ix := filepath.Join(t.TempDir(), "ix")
			_, _, err := runCmd(t, "", "index", "--index", ix, "--user-dict", dict, text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("index: error %v, want one mentioning %q", err, tt.want)
			}
			// The dictionary is checked before anything is written, and a
			// build without the bad dictionary then succeeds.
			if _, _, err := runCmd(t, "", "search", "--index", ix, "宇宙"); !errors.Is(err, indexer.ErrNoIndex) {
				t.Errorf("search after the failed build: error %v, want no index", err)
			}
			if _, stderr, err := runCmd(t, "", "index", "--index", ix, text); err != nil {
				t.Errorf("index after the failed build: %v\n%s", err, stderr)
			}
			_, _, err = runCmd(t, "", "analyze", "--user-dict", dict, "宇宙状況監視")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), dict) {
				t.Errorf("analyze: error %v, want one naming %s and mentioning %q", err, dict, tt.want)
			}
			t.Run("index names the file", func(t *testing.T) {
				_, _, err := runCmd(t, "", "index", "--index", ix, "--user-dict", dict, text)
				if err == nil || !strings.Contains(err.Error(), dict) {
					t.Errorf("index: error %v does not name %s", err, dict)
				}
			})
		})
	}
}
