package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
)

// TestUpdateKilled kills "kensaku index --update" and "kensaku optimize"
// at random moments and checks that the index still passes kensaku check
// and answers as before the command, or as after it when the kill came
// after the commit was published; and that killed commands leave nothing
// behind once the next one has run.
func TestUpdateKilled(t *testing.T) {
	tmp, bin, passages := buildForKills(t)
	base, upd := filepath.Join(tmp, "base.jsonl"), filepath.Join(tmp, "upd.jsonl")
	splitLines(t, passages, map[string][2]int{base: {0, 500}, upd: {400, 800}})
	ix := filepath.Join(tmp, "ix")
	kensaku := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("kensaku %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	answerOf := func(dir string) string {
		t.Helper()
		out, err := exec.Command(bin, "search", "--index", dir, "--json", "--no-highlight", "--size", "3", "日本").Output()
		if err != nil {
			t.Fatalf("search after kill: %v", err)
		}
		var res search.Result
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		s := fmt.Sprint(res.Total)
		for _, h := range res.Hits {
			s += fmt.Sprintf(" %s:%.6f", h.ID, h.Score)
		}
		return s
	}
	kensaku("index", "--index", ix, base)
	want := answerOf(ix)
	probe := filepath.Join(tmp, "probe")
	kensaku("index", "--index", probe, base)
	start := time.Now()
	kensaku("index", "--update", "--index", probe, upd)
	full := time.Since(start)
	wantNew := answerOf(probe)
	if wantNew == want {
		t.Fatalf("the update changes nothing the test sees (%q)", want)
	}
	check := func(round int, what string) {
		t.Helper()
		if out, err := exec.Command(bin, "check", "--index", ix).CombinedOutput(); err != nil {
			t.Fatalf("round %d (%s): kensaku check after the kill: %v\n%s", round, what, err, out)
		}
	}
	var old, published int
	for i := range 5 {
		cmd := exec.Command(bin, "index", "--update", "--index", ix, upd)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rand.Int64N(int64(full)))
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		check(i, "update")
		switch got := answerOf(ix); got {
		case want:
			old++
		case wantNew:
			published++
			// Published before the kill: a killed optimize must leave it
			// answering the same; then back to the old index.
			opt := exec.Command(bin, "optimize", "--index", ix)
			if err := opt.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rand.Int64N(int64(full))))
			opt.Process.Kill()
			opt.Wait()
			check(i, "optimize")
			if got := answerOf(ix); got != wantNew {
				t.Fatalf("round %d: killed optimize: index answers %q, want %q", i, got, wantNew)
			}
			kensaku("index", "--allow-shrink", "--index", ix, base)
		default:
			t.Fatalf("round %d: killed after %v: index answers %q, want %q (old) or %q (new)", i, delay, got, want, wantNew)
		}
	}
	t.Logf("5 kills: %d before the commit, %d after (an update takes %v)", old, published, full)
	kensaku("index", "--update", "--index", ix, upd)
	if got := answerOf(ix); got != wantNew {
		t.Errorf("after the kills, the update answers %q, want %q", got, wantNew)
	}
	entries, _ := os.ReadDir(ix)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 { // current, lock, one generation
		t.Errorf("index directory holds %v after an update", names)
	}
}

// splitLines writes lines [from, to) of src to each file of parts.
func splitLines(t *testing.T, src string, parts map[string][2]int) {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for path, r := range parts {
		writeFile(t, path, strings.Join(lines[r[0]:min(r[1], len(lines))], "\n")+"\n")
	}
}
