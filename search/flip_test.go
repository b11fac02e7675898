package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// The byte-flip campaign: flip bytes of a copied index, open it with the
// checksums unchecked (as an index over indexer.OpenCheckLimit is opened)
// and search it. It runs in a child process (this test binary), so that
// a panic that escapes or an allocation past the child's memory limit
// shows as a crash of one flip rather than of the test.
const (
	envFlipIndex = "KENSAKU_FLIP_INDEX" // the reference index to copy
	envFlipFirst = "KENSAKU_FLIP_FIRST" // the first flip to run
	envFlipCount = "KENSAKU_FLIP_COUNT" // the number of flips
	envFlipSeed  = "KENSAKU_FLIP_SEED"
	envFlipBytes = "KENSAKU_FLIP_BYTES" // bytes flipped at a time, 1 unless set
	envFlipCheck = "KENSAKU_FLIP_CHECK" // "1": with indexer.BackgroundCheck
)

// flipMemoryLimit is the address space of the campaign's child: a flip
// that makes a reader allocate without bound crashes it.
const flipMemoryLimit = 6 << 30

// flipQueries are searched after every flip.
var flipQueries = []string{"宇宙", "日本", "東京 大学", "アメリカ", "2010年", "SSA", "\"世界 大戦\"", "映画 -テレビ", "政府", "音楽"}

// flipOutcome is what one flip did.
type flipOutcome struct {
	Flip    int    `json:"flip"`
	File    string `json:"file"`
	Offset  int64  `json:"offset"`
	Outcome string `json:"outcome"` // open, query, wrong, same, crash, alloc, hang
	Detail  string `json:"detail,omitempty"`
}

// flipAnswers are the answers of the queries: hit ids with total.
func flipAnswers(e *Engine) ([]string, error) {
	var out []string
	for _, q := range flipQueries {
		res, err := e.Search(context.Background(), Request{Query: q, Size: 10})
		if err != nil {
			return out, fmt.Errorf("query %q: %w", q, err)
		}
		ids := make([]string, 0, len(res.Hits)+1)
		ids = append(ids, strconv.FormatUint(res.Total, 10))
		for _, h := range res.Hits {
			ids = append(ids, h.ID+":"+strconv.Itoa(len(h.Text))+":"+h.Document)
		}
		out = append(out, strings.Join(ids, ","))
	}
	for _, id := range []string{"a1", "a100"} {
		h, err := e.Passage(context.Background(), id)
		if err != nil {
			return out, fmt.Errorf("passage %s: %w", id, err)
		}
		out = append(out, h.ID+":"+h.Text)
	}
	return out, nil
}

// TestByteFlipChild runs flips of the campaign; run alone, it does
// nothing.
func TestByteFlipChild(t *testing.T) {
	ref := os.Getenv(envFlipIndex)
	if ref == "" {
		t.Skip("the child process of TestByteFlipCampaign")
	}
	lim := uint64(flipMemoryLimit)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		t.Fatal(err)
	}
	first, _ := strconv.Atoi(os.Getenv(envFlipFirst))
	count, _ := strconv.Atoi(os.Getenv(envFlipCount))
	seed, _ := strconv.ParseUint(os.Getenv(envFlipSeed), 10, 64)
	nbytes, _ := strconv.Atoi(os.Getenv(envFlipBytes))
	indexer.OpenCheckLimit, indexer.BackgroundCheck = 0, os.Getenv(envFlipCheck) == "1"
	e, err := Open(ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := flipAnswers(e)
	e.Close()
	if err != nil {
		t.Fatal(err)
	}
	files := flipFiles(t, ref)
	out := bufio.NewWriter(os.Stdout)
	for i := first; i < count; i++ {
		o := flipOutcome{Flip: i}
		dir := filepath.Join(t.TempDir(), "ix")
		o.File, o.Offset = flip(t, ref, dir, files, seed, i, max(1, nbytes))
		b, _ := json.Marshal(o)
		fmt.Fprintf(out, "FLIP %d %s\n", i, b)
		out.Flush()
		e, err := Open(dir, Options{})
		switch {
		case err != nil:
			o.Outcome, o.Detail = "open", err.Error()
		default:
			got, err := flipAnswers(e)
			switch {
			case err != nil:
				o.Outcome, o.Detail = "query", err.Error()
			case !slices.Equal(got, want):
				o.Outcome = "wrong"
			default:
				o.Outcome = "same"
			}
			e.Close()
		}
		b, _ = json.Marshal(o)
		fmt.Fprintf(out, "RESULT %s\n", b)
		out.Flush()
		os.RemoveAll(filepath.Dir(dir))
	}
}

// flipFiles returns the files of the current generation of the index at
// dir, relative to it, with their sizes.
func flipFiles(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	gen, err := indexer.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]int64{}
	root := filepath.Join(dir, gen)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && d.Name() != "kensaku.json" {
			fi, _ := d.Info()
			rel, _ := filepath.Rel(dir, path)
			files[rel] = fi.Size()
		}
		return err
	})
	return files
}

// flip copies the index at ref to dir and flips n bytes of one of its
// files, chosen by the flip's own random source: a file with a chance
// proportional to its size, a byte of it, one to 255 xored into it, and
// the next n-1 bytes at random offsets of the same file. It returns the
// file and the first offset.
func flip(t *testing.T, ref, dir string, files map[string]int64, seed uint64, i, n int) (string, int64) {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(ref)); err != nil {
		t.Fatal(err)
	}
	if _, err := indexer.CurrentGeneration(dir); err != nil {
		// os.CopyFS of Go before 1.25 does not copy symbolic links.
		gen, _ := indexer.CurrentGeneration(ref)
		if err := os.Symlink(gen, filepath.Join(dir, "current")); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	names := make([]string, 0, len(files))
	var total int64
	for n, size := range files {
		names = append(names, n)
		total += size
	}
	slices.Sort(names)
	pick := r.Int64N(total)
	var name string
	for _, name = range names {
		if pick < files[name] {
			break
		}
		pick -= files[name]
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	for k, off := 0, pick; k < n; k, off = k+1, r.Int64N(files[name]) {
		if _, err := f.ReadAt(b, off); err != nil && err != io.EOF {
			t.Fatal(err)
		}
		b[0] ^= byte(1 + r.IntN(255))
		if _, err := f.WriteAt(b, off); err != nil {
			t.Fatal(err)
		}
	}
	return name, pick
}

// TestByteFlipCampaign flips one byte at a time in copies of a small
// index (60 flips with a fixed seed; KENSAKU_FLIP_COUNT sets another
// number, KENSAKU_FLIP_BYTES more bytes at a time) and opens them as an
// index too large to check at open. First without the check in the
// background, to see what Bleve's reader makes of the damage: it reports
// how many flips were found at open, by a query (an error), gave wrong
// answers without an error or changed nothing; no panic may escape and
// no flip may hang. An allocation past the child's 6 GiB of address space
// is reported, not failed: Bleve's reader cannot be bounded from outside
// (one flip in 300 of 16 bytes did it). Then with the check in the
// background, which searches wait for: every flip must be found, at open
// or as ErrIndexDamaged by the first query.
func TestByteFlipCampaign(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("opens and searches a damaged index many times in a child process")
	}
	count := 60
	if s := os.Getenv(envFlipCount); s != "" {
		count, _ = strconv.Atoi(s)
	}
	ref := filepath.Join(t.TempDir(), "ix")
	if _, err := indexer.Build(context.Background(), ref, flipCorpus(t), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	start, _ := strconv.Atoi(os.Getenv(envFlipFirst))
	outcomes := flipCampaign(t, ref, start, count, false)
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Outcome]++
		if o.Outcome == "crash" || o.Outcome == "hang" {
			t.Errorf("flip %d (%s at %d): %s\n%s", o.Flip, o.File, o.Offset, o.Outcome, o.Detail)
		}
		if o.Outcome == "alloc" {
			t.Logf("flip %d (%s at %d): allocation past %d GiB\n%s", o.Flip, o.File, o.Offset, flipMemoryLimit>>30, o.Detail)
		}
	}
	logFlips(t, "without the check in the background", outcomes)

	checked := flipCampaign(t, ref, start, start+min(count-start, 20), true)
	for _, o := range checked {
		if o.Outcome != "open" && !(o.Outcome == "query" && strings.Contains(o.Detail, "damaged")) {
			t.Errorf("flip %d (%s at %d) with the check in the background: %s %s, want it found at open or by the first query",
				o.Flip, o.File, o.Offset, o.Outcome, o.Detail)
		}
	}
	logFlips(t, "with the check in the background", checked)
}

// flipCampaign runs flips first to count in child processes, with or
// without the check in the background, and returns their outcomes.
func flipCampaign(t *testing.T, ref string, first, count int, check bool) []flipOutcome {
	t.Helper()
	var outcomes []flipOutcome
	for first < count {
		results, out, err := runFlipChild(t, ref, first, count, check)
		outcomes = append(outcomes, results...)
		first += len(results)
		if first >= count {
			break
		}
		_, started, ok := strings.Cut(out, fmt.Sprintf("FLIP %d ", first))
		if !ok {
			t.Fatalf("the child failed before flip %d: %v\n%s", first, err, lastOutput(out, 30))
		}
		// The child stopped within a flip: a crash or a hang.
		var o flipOutcome
		line, _, _ := strings.Cut(started, "\n")
		json.Unmarshal([]byte(line), &o)
		o.Outcome, o.Detail = "crash", crashSummary(out)
		switch {
		case err != nil && strings.Contains(err.Error(), "hung"):
			o.Outcome = "hang"
		case strings.Contains(o.Detail, "out of memory"):
			o.Outcome = "alloc"
		}
		outcomes = append(outcomes, o)
		first++
	}
	return outcomes
}

// logFlips logs the counts of outcomes, in all and by kind of file.
func logFlips(t *testing.T, how string, outcomes []flipOutcome) {
	t.Helper()
	all := map[string]int{}
	byFile := map[string]map[string]int{}
	for _, o := range outcomes {
		all[o.Outcome]++
		kind := filepath.Base(o.File)
		if strings.HasSuffix(kind, ".zap") {
			kind = "segment"
		}
		if byFile[kind] == nil {
			byFile[kind] = map[string]int{}
		}
		byFile[kind][o.Outcome]++
	}
	t.Logf("%d flips %s: %d found at open, %d by a query (an error), %d wrong answers without an error, %d without effect on the queries, %d allocations past the limit, %d crashes, %d hangs",
		len(outcomes), how, all["open"], all["query"], all["wrong"], all["same"], all["alloc"], all["crash"], all["hang"])
	kinds := make([]string, 0, len(byFile))
	for k := range byFile {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		t.Logf("  %s: %v", k, byFile[k])
	}
}

// runFlipChild runs flips first to count in a child process and returns
// the outcomes it reported.
func runFlipChild(t *testing.T, ref string, first, count int, check bool) ([]flipOutcome, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestByteFlipChild$", "-test.v")
	cmd.Env = append(os.Environ(), envFlipIndex+"="+ref, envFlipFirst+"="+strconv.Itoa(first),
		envFlipCount+"="+strconv.Itoa(count), envFlipSeed+"=1", envFlipCheck+"="+map[bool]string{true: "1"}[check])
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("the child hung: %w", ctx.Err())
	}
	var res []flipOutcome
	for _, line := range strings.Split(string(out), "\n") {
		if j, ok := strings.CutPrefix(line, "RESULT "); ok {
			var o flipOutcome
			if json.Unmarshal([]byte(j), &o) == nil {
				res = append(res, o)
			}
		}
	}
	return res, string(out), err
}

// crashSummary returns the panic or fatal error of a child's output, with
// the first lines of its stack.
func crashSummary(out string) string {
	for _, mark := range []string{"panic: ", "fatal error: "} {
		if i := strings.Index(out, mark); i >= 0 {
			// The message and the frames outside the runtime.
			var keep []string
			lines := strings.Split(out[i:], "\n")
			for j, l := range lines {
				if j == 0 || strings.Contains(l, "blevesearch") || strings.Contains(l, "kensaku") {
					keep = append(keep, l)
				}
				if len(keep) == 16 {
					break
				}
			}
			return strings.Join(keep, "\n")
		}
	}
	return lastOutput(out, 30)
}

func lastOutput(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// flipCorpus is the source of the campaign's index: 300 passages of
// JSQuAD, whose ids are a0, a1, ...
func flipCorpus(t *testing.T) indexer.Source {
	t.Helper()
	f, err := os.Open("../bench/data/jsquad-valid/passages.jsonl")
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	defer f.Close()
	var ps []corpus.Passage
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(ps) < 300 {
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, corpus.Passage{ID: "a" + strconv.Itoa(len(ps)), Document: rec.Title, Kind: corpus.KindBody, Text: rec.Text})
	}
	return indexer.Passages(ps)
}
