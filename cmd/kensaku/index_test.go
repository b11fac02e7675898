package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
)

// runCmd runs kensaku with args and returns stdout, stderr and the error.
func runCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), err
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIndexAndSearch(t *testing.T) {
	in := t.TempDir()
	writeFile(t, filepath.Join(in, "a.jsonl"),
		`{"id":"r1","title":"報告","text":"宇宙状況監視（SSA）の能力を高める。","page":3,"lang":"ja"}`+"\n"+
			"{broken\n"+
			`{"id":"r2","title":"報告","text":"欧州連合との対話。"}`+"\n")
	writeFile(t, filepath.Join(in, "empty.md"), "")
	writeFile(t, filepath.Join(in, "gloss.tsv"), "# user glossary\nFOO\tFoo Operations Office\t運用局\nbroken row\n")
	ix := filepath.Join(t.TempDir(), "ix")

	_, stderr, err := runCmd(t, "", "index", "--index", ix, "--glossary", filepath.Join(in, "gloss.tsv"), filepath.Join(in, "a.jsonl"), filepath.Join(in, "empty.md"))
	if !errors.Is(err, errPartial) {
		t.Fatalf("index: %v, want %v (exit status 3)\n%s", err, errPartial, stderr)
	}
	for _, want := range []string{"a.jsonl:2", "empty.md", "indexed 2 passages", "gloss.tsv", "row skipped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("index stderr lacks %q:\n%s", want, stderr)
		}
	}

	out, stderr, err := runCmd(t, "", "search", "--index", ix, "--json", "SSA")
	if err != nil {
		t.Fatalf("search: %v\n%s", err, stderr)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json output: %v\n%s", err, out)
	}
	if res.Total != 1 || res.Hits[0].ID != "r1" || res.Hits[0].Page != 3 || len(res.Hits[0].Highlights) == 0 {
		t.Errorf("search SSA = %+v", res)
	}

	// The user glossary given at index time is stored with the index.
	out, _, err = runCmd(t, "", "search", "--index", ix, "--json", "運用局")
	if err != nil || !strings.Contains(out, `"equivalents":["FOO","Foo Operations Office"]`) {
		t.Errorf("stored user glossary not applied: %v\n%s", err, out)
	}

	// Human output names the document and marks matches with «» when not a terminal.
	out, _, err = runCmd(t, "", "search", "--index", ix, "欧州連合")
	if err != nil || !strings.Contains(out, "«欧州連合»との対話。") || strings.Contains(out, "<mark>") || !strings.Contains(out, "1 hit,") {
		t.Errorf("human output: %v\n%s", err, out)
	}

	// Batch mode answers in input order, one line per query, errors inline.
	// With one worker or several.
	queries := `{"id":"a","query":"欧州連合"}` + "\n" + `{"id":"b","query":"\"宇宙"}` + "\n" + "nonsense\n" + `{"id":"c","query":"SSA"}` + "\n"
	for _, workers := range []string{"1", "3"} {
		out, stderr, err = runCmd(t, queries, "search", "--index", ix, "--json", "--workers", workers, "--queries", "-", "--ids-only")
		if err != nil {
			t.Fatalf("batch: %v\n%s", err, stderr)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		var ids []string
		for _, l := range lines {
			var r batchResult
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatalf("batch line %q: %v", l, err)
			}
			ids = append(ids, r.ID+"/"+map[bool]string{true: "err", false: "ok"}[r.Error != ""])
			for _, h := range r.Hits {
				if h.ID == "" || h.Text != "" {
					t.Errorf("--ids-only hit %+v", h)
				}
			}
		}
		if want := []string{"a/ok", "b/err", "/err", "c/ok"}; !slices.Equal(ids, want) {
			t.Errorf("--workers %s: batch results %v, want %v\n%s", workers, ids, want, out)
		}
	}
}

func TestSearchErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", `"宇宙`}, "unterminated"},
		{[]string{"search", "--index", filepath.Join(t.TempDir(), "none"), "SSA"}, "no index"},
		{[]string{"search", "--index", t.TempDir(), "SSA"}, "not a kensaku index"},
		{[]string{"search", "--filter", "colour", "SSA"}, "want field:value"},
		{[]string{"search", "--size", "1000", "SSA"}, "--size 1000: want a number from 0 to 100"},
		{[]string{"search", "--size", "-1", "SSA"}, "--size -1"},
		{[]string{"search", "--from", "-5", "SSA"}, "--from -5"},
		{[]string{"index", "--index", t.TempDir(), "--batch-size", "0", "x.txt"}, "--batch-size 0"},
		{[]string{"search", "--workers", "0", "--queries", "-"}, "--workers 0: want a number from 1 to 1024"},
		{[]string{"index", "--index", t.TempDir(), filepath.Join(t.TempDir(), "missing.txt")}, ""},
	}
	for _, tt := range tests {
		_, stderr, err := runCmd(t, "", tt.args...)
		if err == nil {
			t.Errorf("%v: no error\n%s", tt.args, stderr)
			continue
		}
		if strings.HasPrefix(tt.want, "--") && !errors.Is(err, errUsage) {
			t.Errorf("%v: error %q is not a usage error (exit status 2)", tt.args, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %q, want it to mention %q", tt.args, err, tt.want)
		}
	}
	if _, _, err := runCmd(t, "", "search"); !errors.Is(err, errUsage) {
		t.Errorf("search without a query: %v, want a usage error", err)
	}
}

// TestIndexKilled kills "kensaku index" at random moments while it
// replaces an index and checks that the index still opens and answers as
// the previous index, or as the new one when the kill came after it was
// published.
func TestIndexKilled(t *testing.T) {
	tmp, bin, passages := buildForKills(t)
	ix := filepath.Join(tmp, "ix")
	small := filepath.Join(tmp, "small.jsonl")
	writeFile(t, small, `{"id":"s1","text":"宇宙状況監視（SSA）の能力を高める。"}`+"\n")
	if out, err := exec.Command(bin, "index", "--allow-shrink", "--index", ix, small).CombinedOutput(); err != nil {
		t.Fatalf("first index: %v\n%s", err, out)
	}
	answerOf := func(dir string) string {
		out, err := exec.Command(bin, "search", "--index", dir, "--json", "--no-highlight", "--size", "1", "SSA 梅雨").Output()
		if err != nil {
			t.Fatalf("search after kill: %v", err)
		}
		var res search.Result
		json.Unmarshal(out, &res)
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return strings.Join(ids, ",")
	}
	answer := func() string { return answerOf(ix) }
	want := answer()
	if want != "s1" {
		t.Fatalf("first index answers %q, want s1", want)
	}
	// Time one full build to spread the kills over it.
	start := time.Now()
	probe := filepath.Join(tmp, "probe")
	if out, err := exec.Command(bin, "index", "--index", probe, passages).CombinedOutput(); err != nil {
		t.Fatalf("probe build: %v\n%s", err, out)
	}
	full := time.Since(start)
	// A kill after the new index is published, before the process ends,
	// leaves the new index: the answer must be the old one or the new.
	wantNew := answerOf(probe)
	if wantNew == "" || wantNew == want {
		t.Fatalf("the full index answers %q, the small one %q: the test cannot tell them apart", wantNew, want)
	}
	for i := range 6 {
		cmd := exec.Command(bin, "index", "--index", ix, passages)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rand.Int64N(int64(full)))
		time.Sleep(delay)
		cmd.Process.Kill()
		err := cmd.Wait()
		if err == nil {
			// The build finished before the kill: the new index is live.
			// Put the small one back for the next round.
			if out, err := exec.Command(bin, "index", "--allow-shrink", "--index", ix, small).CombinedOutput(); err != nil {
				t.Fatalf("round %d: reindex: %v\n%s", i, err, out)
			}
			continue
		}
		got := answer()
		if got == wantNew {
			// Published before the kill; put the small one back.
			if out, err := exec.Command(bin, "index", "--allow-shrink", "--index", ix, small).CombinedOutput(); err != nil {
				t.Fatalf("round %d: reindex: %v\n%s", i, err, out)
			}
			continue
		}
		if got != want {
			t.Fatalf("round %d: killed after %v: index answers %q, want %q (old) or %q (new)", i, delay, got, want, wantNew)
		}
	}
	// A later build cleans up what killed builds left.
	if out, err := exec.Command(bin, "index", "--allow-shrink", "--index", ix, small).CombinedOutput(); err != nil {
		t.Fatalf("final index: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(ix)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 { // current, lock, one generation
		t.Errorf("index directory holds %v after cleanup", names)
	}
}

func TestRenderMarks(t *testing.T) {
	for _, c := range []struct {
		frag  string
		color bool
		want  string
	}{
		{"…<mark>宇宙状況監視</mark>（<mark>SSA</mark>）…", false, "…«宇宙状況監視»（«SSA»）…"},
		{"a <mark>b</mark> c", true, "a \x1b[1;33mb\x1b[0m c"},
		{"bell\x07 and \x1b[31mred &amp; <mark>x\x1b</mark>", false, "bell  and  [31mred & «x »"},
		{"<mark>unclosed", false, "<mark>unclosed"},
	} {
		if got := renderMarks(c.frag, c.color); got != c.want {
			t.Errorf("renderMarks(%q, %v) = %q, want %q", c.frag, c.color, got, c.want)
		}
	}
}

// Flags may follow the query's words; a -word that names no flag is an
// excluded query term.
func TestSearchFlagsAfterQuery(t *testing.T) {
	out, _, err := runCmd(t, "", "search", "SSA", "--json", "--size", "1")
	if err != nil {
		t.Fatalf("search SSA --json --size 1: %v", err)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) != 1 || res.Query != "SSA" {
		t.Errorf("search SSA --json --size 1: %v, %d hits, query %q\n%s", err, len(res.Hits), res.Query, out)
	}
	out, _, err = runCmd(t, "", "search", "SSA", "-宇宙状況監視", "--json")
	if err != nil {
		t.Fatalf("search SSA -宇宙状況監視 --json: %v", err)
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Query != "SSA -宇宙状況監視" {
		t.Errorf("the excluded term is not part of the query: %v, query %q", err, res.Query)
	}
}

// TestSearchExplainAndPartial checks that --explain prints the features
// that scored each hit, and that the summary counts the partial matches
// and a line marks where they start.
func TestSearchExplainAndPartial(t *testing.T) {
	out, _, err := runCmd(t, "", "search", "--explain", "宇宙状況監視")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"explain: ", "phrase ", "equivalent ", "(SSA curated", "3 hits, 6 partial", "── partial matches"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "── partial matches") < strings.LastIndex(out, "p389.6") {
		t.Errorf("the partial matches' line is above a hit:\n%s", out)
	}
}
