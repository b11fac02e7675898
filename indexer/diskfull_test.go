package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The child process of the disk-full tests is this test binary, run with
// these environment variables set.
const (
	envFaultDir   = "KENSAKU_FAULT_DIR"   // the index to build
	envFaultInput = "KENSAKU_FAULT_INPUT" // the JSONL file to index
	envFaultFSize = "KENSAKU_FAULT_FSIZE" // RLIMIT_FSIZE in bytes, if set
	envFaultFill  = "KENSAKU_FAULT_FILL"  // "stage:bytes": at stage, fill the disk but for bytes
)

// faultResult is what the child prints on its last line of stdout.
type faultResult struct {
	Stage   string `json:"stage"` // the last stage reached
	Err     string `json:"err"`   // the build's error, "" on success
	NoSpace bool   `json:"no_space"`
}

const faultResultPrefix = "FAULT-RESULT "

// TestBuildFaultChild is the child process of the disk-full tests: it
// builds an index under the limits its environment sets and prints the
// outcome. Run alone, it does nothing.
func TestBuildFaultChild(t *testing.T) {
	dir := os.Getenv(envFaultDir)
	if dir == "" {
		t.Skip("the child process of TestBuildDiskFull")
	}
	signal.Ignore(syscall.SIGXFSZ) // writes past RLIMIT_FSIZE fail with EFBIG
	if s := os.Getenv(envFaultFSize); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			t.Fatal(err)
		}
	}
	var fillStage string
	var fillLeave uint64
	if s := os.Getenv(envFaultFill); s != "" {
		st, n, _ := strings.Cut(s, ":")
		v, err := strconv.ParseUint(n, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		fillStage, fillLeave = st, v
	}
	var res faultResult
	progress := func(p Progress) {
		if fillStage == "indexing" && p.Stage == "" && p.Passages > 0 {
			fillDisk(dir, fillLeave)
			fillStage = ""
		}
		if p.Stage != "" {
			res.Stage = p.Stage
		} else if res.Stage == "" {
			res.Stage = "indexing"
		}
		if fillStage != "" && p.Stage == fillStage {
			fillDisk(dir, fillLeave)
			fillStage = ""
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_, err := Build(ctx, dir, Files([]string{os.Getenv(envFaultInput)}), Options{BatchSize: faultBatch, Progress: progress})
	if err != nil {
		res.Err = err.Error()
		res.NoSpace = errors.Is(err, ErrNoSpace)
	}
	b, _ := json.Marshal(res)
	fmt.Printf("\n%s%s\n", faultResultPrefix, b)
}

// fillDisk writes a file beside dir that leaves about leave bytes free on
// its file system.
func fillDisk(dir string, leave uint64) {
	free, ok := freeSpace(dir)
	if !ok || free <= leave {
		return
	}
	f, err := os.Create(filepath.Join(dir, "..", "ballast"))
	if err != nil {
		return
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for left := free - leave; left > 0; {
		n := min(left, uint64(len(buf)))
		if _, err := f.Write(buf[:n]); err != nil {
			return
		}
		left -= n
	}
}

// faultTimeout bounds a child's build: Bleve once retried a failed merge
// for more than ten minutes. A child builds in seconds.
var faultTimeout = 2 * time.Minute

// runFaultChild runs TestBuildFaultChild with env and returns its result.
func runFaultChild(t *testing.T, env ...string) (faultResult, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), faultTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestBuildFaultChild$", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	// SIGQUIT makes a hung child print its goroutines.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGQUIT) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return faultResult{}, string(out), fmt.Errorf("the build hung: killed after %v", faultTimeout)
	}
	var res faultResult
	i := strings.LastIndex(string(out), faultResultPrefix)
	if i < 0 {
		return res, string(out), fmt.Errorf("no result (%v)", err)
	}
	line, _, _ := strings.Cut(string(out[i+len(faultResultPrefix):]), "\n")
	if jerr := json.Unmarshal([]byte(line), &res); jerr != nil {
		return res, string(out), jerr
	}
	return res, string(out), err
}

// TestBuildDiskFull runs builds in child processes that run out of
// space at every stage: the batches' segments, the final merge, the
// bigram index, the glossary and meta files (and, after publishing has
// begun, nothing may stop the build). On a small tmpfs, when this test may
// mount one (as root), a child fills the disk when its build reaches a
// stage; elsewhere a child runs under RLIMIT_FSIZE, where writes past the
// limit fail with EFBIG, with limits that fail the creation of the index
// and the merge.
// Every failed build must fail with ErrNoSpace naming the index, never
// panic or hang, remove its temporary directory and leave the previous
// index serving. Bleve once panicked in 3 runs of 4 and hung for more than
// ten minutes retrying a merge.
func TestBuildDiskFull(t *testing.T) {
	if testing.Short() || raceEnabled {
		// Under the race detector, each child takes a minute on a
		// loaded 2-core machine; the build's goroutines are checked for
		// races by the other tests.
		t.Skip("builds indexes in child processes; not under -short or -race")
	}
	input := faultCorpus(t)
	// A build without faults gives the sizes of the files.
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := Build(context.Background(), ref, Files([]string{input}), Options{BatchSize: faultBatch}); err != nil {
		t.Fatal(err)
	}
	refMeta, err := readMeta(currentGen(ref))
	if err != nil {
		t.Fatal(err)
	}
	var total, segment int64
	for name, f := range refMeta.Files {
		total += f.Size
		if strings.HasSuffix(name, ".zap") {
			segment = f.Size
		}
	}
	bigrams, gloss := refMeta.Files[bigramsFile].Size, refMeta.Files[glossaryFile].Size

	type faultCase struct {
		name string
		env  string // the fault
		ok   bool   // the build must succeed
		in   string // what the error names (the file, the stage)
	}
	var cases []faultCase
	root := t.TempDir()
	if mountTmpfs(t, root, 4*total+(4<<20)) {
		page := int64(4096)
		pages := func(n int64) int64 { return (n + page - 1) / page * page }
		cases = []faultCase{
			{"indexing", envFaultFill + "=indexing:0", false, ".zap"},
			{"merging", envFaultFill + "=merging:0", false, "merg"},
			{"merging, half the segment", envFaultFill + "=merging:" + strconv.FormatInt(segment/2, 10), false, "merg"},
			{"bigram index", envFaultFill + "=bigram index:0", false, bigramsFile},
			{"glossary", envFaultFill + "=bigram index:" + strconv.FormatInt(pages(bigrams)+pages(gloss)/2, 10), false, glossaryFile},
			{"meta", envFaultFill + "=bigram index:" + strconv.FormatInt(pages(bigrams)+pages(gloss), 10), false, metaFile},
			{"publishing", envFaultFill + "=publishing:0", true, ""},
		}
	} else {
		t.Log("no tmpfs here: the faults are RLIMIT_FSIZE limits")
		cases = []faultCase{
			// Below the 128 KiB root.bolt Bleve makes first.
			{"creating", envFaultFSize + "=" + strconv.Itoa(32<<10), false, "root.bolt"},
			// Above the batches' segments and root.bolt, below the
			// merged segment.
			{"merging", envFaultFSize + "=" + strconv.FormatInt(max(segment*3/4, 256<<10), 10), false, ""},
		}
	}
	dir := filepath.Join(root, "ix")
	build(t, dir, testPassages())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer os.Remove(filepath.Join(root, "ballast"))
			res, out, err := runFaultChild(t, envFaultDir+"="+dir, envFaultInput+"="+input, c.env)
			if err != nil || strings.Contains(out, "panic:") {
				t.Fatalf("the build under %s: %v\n%s", c.env, err, lastLines(out, 40))
			}
			t.Logf("stage %q: %s", res.Stage, res.Err)
			os.Remove(filepath.Join(root, "ballast"))
			want := 3
			if c.ok {
				if res.Err != "" {
					t.Errorf("a build filling the disk once publishing began failed: %s", res.Err)
				}
				want = refMeta.Passages
			} else if !res.NoSpace || !strings.Contains(res.Err, dir) || !strings.Contains(res.Err, c.in) {
				t.Errorf("the build under %s failed with %q, want ErrNoSpace naming %s and %s", c.env, res.Err, dir, c.in)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tmpPrefix) {
					t.Errorf("the failed build left %s", e.Name())
				}
			}
			ix, err := Open(dir)
			if err != nil {
				t.Fatalf("open after the build: %v", err)
			}
			defer ix.Close()
			if ix.Meta.Passages != want {
				t.Errorf("after the build the index has %d passages, want %d", ix.Meta.Passages, want)
			}
			if c.ok {
				// Back to the small index for the next case.
				ix.Close()
				if _, err := Build(context.Background(), dir, Passages(testPassages()), Options{}); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// faultBatch is the batch size of the disk-full builds: several segments
// for the final merge.
const faultBatch = 50

// faultCorpus writes 400 passages of the JSQuAD corpus to a file and
// returns its path; it skips the test when the corpus is not there.
func faultCorpus(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../bench/data/jsquad-valid/passages.jsonl")
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	path := filepath.Join(t.TempDir(), "passages.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines[:min(400, len(lines))], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mountTmpfs mounts a tmpfs of size bytes at dir, unmounted when the test
// ends, and reports whether it could.
func mountTmpfs(t *testing.T, dir string, size int64) bool {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatInt(size, 10)); err != nil {
		t.Logf("mount tmpfs: %v", err)
		return false
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return true
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
