package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
)

// TestIndexSignalled sends SIGTERM or SIGINT to "kensaku index" while it
// indexes, merges and writes the bigram index, and checks that a build
// stopped by a signal exits non-zero, leaves the previous index serving
// and removes its temporary files; a build that exits 0 (the signal came
// after the index was published) must say so and have published the whole
// new index, with exactly the totals of an uninterrupted build. Merges that Bleve
// abandoned on a signal used to be published.
func TestIndexSignalled(t *testing.T) {
	tmp, bin, passages := buildForKills(t)
	// Half the corpus keeps the test quick; it still makes 23 segments.
	data, err := os.ReadFile(passages)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	passages = filepath.Join(tmp, "half.jsonl")
	writeFile(t, passages, strings.Join(lines[:len(lines)/2], ""))
	small := filepath.Join(tmp, "small.jsonl")
	writeFile(t, small, `{"id":"s1","text":"宇宙状況監視（SSA）の能力を高める。"}`+"\n")
	// Small batches make many segments for the final merge to join.
	indexArgs := []string{"index", "--verbose", "--batch-size", "25"}
	answer := func(dir string) (ids string, total uint64) {
		t.Helper()
		out, err := exec.Command(bin, "search", "--index", dir, "--json", "--no-highlight", "--no-expand", "--size", "3", "梅雨 の 時期").Output()
		if err != nil {
			t.Fatalf("search %s: %v", dir, err)
		}
		var res search.Result
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("search %s: %v\n%s", dir, err, out)
		}
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, h.ID)
		}
		return strings.Join(hits, ","), res.Total
	}
	full := filepath.Join(tmp, "full")
	if out, err := exec.Command(bin, append(indexArgs, "--index", full, passages)...).CombinedOutput(); err != nil {
		t.Fatalf("full build: %v\n%s", err, out)
	}
	newIDs, newTotal := answer(full)

	ix := filepath.Join(tmp, "ix")
	reset := func() {
		t.Helper()
		if out, err := exec.Command(bin, "index", "--allow-shrink", "--index", ix, small).CombinedOutput(); err != nil {
			t.Fatalf("small build: %v\n%s", err, out)
		}
	}
	reset()
	oldIDs, oldTotal := answer(ix)
	if oldIDs == newIDs {
		t.Fatalf("the small and the full index both answer %q: the test cannot tell them apart", oldIDs)
	}

	cases := []struct {
		stage string // the stage line to wait for
		sig   syscall.Signal
	}{
		{"indexing", syscall.SIGINT},
		{"merging", syscall.SIGTERM},
		{"merging", syscall.SIGINT},
		{"bigram index", syscall.SIGTERM},
	}
	stopped := 0
	for i, c := range cases {
		cmd := exec.Command(bin, append(indexArgs, "--index", ix, passages)...)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var log []string
		sc := bufio.NewScanner(stderr)
		signalled := false
		for sc.Scan() {
			log = append(log, sc.Text())
			if !signalled && strings.HasPrefix(sc.Text(), "kensaku: "+c.stage) {
				time.Sleep(time.Duration(rand.Int64N(int64(20 * time.Millisecond))))
				cmd.Process.Signal(c.sig)
				signalled = true
			}
		}
		err = cmd.Wait()
		if !signalled {
			t.Fatalf("case %d: the build never reported %q:\n%s", i, c.stage, strings.Join(log, "\n"))
		}
		ids, total := answer(ix)
		var exit *exec.ExitError
		switch {
		case err == nil:
			// The signal came while the new index was published, or
			// after the build was done (the last stages can take a few
			// milliseconds, shorter than the test's delay): the whole
			// new index must answer. The build says so in the first case.
			t.Logf("case %d (%v at %s): the build completed; published-while-signalled message: %v", i, c.sig, c.stage,
				strings.Contains(strings.Join(log, "\n"), "while the new index was published"))
			if ids != newIDs || total != newTotal {
				t.Errorf("case %d (%v at %s): exit 0 with an index answering %q (%d), want the full build's %q (%d)",
					i, c.sig, c.stage, ids, total, newIDs, newTotal)
			}
			reset()
		case errors.As(err, &exit) && exit.ExitCode() == 1:
			stopped++
			if ids != oldIDs || total != oldTotal {
				t.Errorf("case %d (%v at %s): stopped, but the index answers %q (%d), want the old %q (%d)\n%s",
					i, c.sig, c.stage, ids, total, oldIDs, oldTotal, strings.Join(log, "\n"))
			}
			if !strings.Contains(strings.Join(log, "\n"), "interrupted") {
				t.Errorf("case %d: a stopped build does not say it was interrupted:\n%s", i, strings.Join(log, "\n"))
			}
		default:
			t.Fatalf("case %d (%v at %s): %v\n%s", i, c.sig, c.stage, err, strings.Join(log, "\n"))
		}
		entries, _ := os.ReadDir(ix)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "tmp-") {
				t.Errorf("case %d: the build left %s behind", i, e.Name())
			}
		}
	}
	t.Logf("%d of %d builds stopped by their signal", stopped, len(cases))
	if stopped == 0 {
		t.Errorf("no build of %d was stopped by its signal", len(cases))
	}
}

// buildForKills skips under -short, and otherwise builds the kensaku
// binary into a temporary directory for tests that run it as a child
// process and stop it; it returns the directory, the binary and the
// corpus to index.
func buildForKills(t *testing.T) (tmp, bin, passages string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and indexes repeatedly")
	}
	passages = "../../bench/data/jsquad-valid/passages.jsonl"
	if _, err := os.Stat(passages); err != nil {
		t.Skipf("no corpus to index: %v", err)
	}
	tmp = t.TempDir()
	bin = filepath.Join(tmp, "kensaku")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return tmp, bin, passages
}
