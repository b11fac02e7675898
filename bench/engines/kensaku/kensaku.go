// Package kensaku runs kensaku itself through its command-line contract:
//
//	kensaku index --index DIR INPUT.jsonl
//	kensaku search --index DIR --json --queries FILE [--size N] [--no-highlight] [--workers 1] [--ids-only]
//	kensaku serve --index DIR --addr 127.0.0.1:PORT, then GET /healthz and GET /search?q=Q&size=N&highlight=false&facets=false&ids_only=true
//
// The binary is built from this module (./cmd/kensaku) into the work
// directory. Until the CLI can index and search, Check reports the engine
// unavailable with the CLI's own message, and the benchmark goes on with the
// peers.
package kensaku

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kensaku/kensaku/bench"
)

// Engine is kensaku's CLI.
type Engine struct {
	workDir string
	index   string

	once    sync.Once
	bin     string
	flags   []string // optional search flags the CLI has
	err     error
	latNote string
	// noServe says why "kensaku serve" cannot be benchmarked; empty when it can.
	noServe string
	// common holds the last SearchBatch's hits with their scores, for the
	// variants to compare theirs with up to ties.
	common []bench.Ranked
}

var (
	_ bench.Engine          = (*Engine)(nil)
	_ bench.BatchSearcher   = (*Engine)(nil)
	_ bench.Versioner       = (*Engine)(nil)
	_ bench.VariantMeasurer = (*Engine)(nil)
)

// New returns the engine; the binary is built under workDir/bin.
func New(workDir string) *Engine { return &Engine{workDir: workDir} }

// Name implements bench.Engine.
func (*Engine) Name() string { return "kensaku" }

// Version reports what "kensaku version" prints.
func (e *Engine) Version(ctx context.Context) string {
	if e.Check(ctx) != nil {
		return "kensaku (not built)"
	}
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, nil, &out, e.bin, "version"); err != nil {
		return "kensaku"
	}
	v := strings.TrimSpace(out.String())
	if line, _, _ := strings.Cut(v, "\n"); line != "" {
		return line
	}
	return "kensaku"
}

// Check implements bench.Engine: it builds the CLI and runs it on a
// two-passage corpus; any failure makes the engine unavailable.
func (e *Engine) Check(ctx context.Context) error {
	e.once.Do(func() { e.err = e.prepare(ctx) })
	return e.err
}

func (e *Engine) prepare(ctx context.Context) error {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("%w: go env GOMOD: %v", bench.ErrUnavailable, err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	if _, err := os.Stat(filepath.Join(root, "cmd", "kensaku")); err != nil {
		return fmt.Errorf("%w: no cmd/kensaku in module at %s", bench.ErrUnavailable, root)
	}
	bin, err := filepath.Abs(filepath.Join(e.workDir, "bin", "kensaku"))
	if err != nil {
		return fmt.Errorf("%w: %v", bench.ErrUnavailable, err)
	}
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/kensaku")
	build.Dir = root
	if msg, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: go build ./cmd/kensaku: %v: %s", bench.ErrUnavailable, err, firstLine(string(msg)))
	}
	e.bin = bin

	var help bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "search", "--help")
	cmd.Stdout, cmd.Stderr = &help, &help
	cmd.Run() // --help may exit non-zero; only the text matters
	for _, f := range []string{"size", "no-highlight", "workers", "ids-only"} {
		if strings.Contains(help.String(), "-"+f) {
			e.flags = append(e.flags, f)
		}
	}
	if !strings.Contains(help.String(), "-queries") {
		return fmt.Errorf("%w: kensaku search has no --queries flag yet", bench.ErrUnavailable)
	}

	e.noServe = checkServeHelp(ctx, bin)

	dir, err := os.MkdirTemp("", "kensaku-check")
	if err != nil {
		return fmt.Errorf("%w: %v", bench.ErrUnavailable, err)
	}
	defer os.RemoveAll(dir)
	c := &bench.Corpus{Passages: []bench.Passage{
		{ID: "c1", Title: "梅雨", Text: "梅雨は東アジアの広範囲においてみられる特有の気象現象である。"},
		{ID: "c2", Title: "宇宙", Text: "防衛省は宇宙状況監視（SSA）の体制を構築する。"},
	}}
	if _, err := e.Build(ctx, c, filepath.Join(dir, "idx")); err != nil {
		return fmt.Errorf("%w: %v", bench.ErrUnavailable, err)
	}
	as, err := e.SearchBatch(ctx, []bench.Query{{ID: "x", Text: "宇宙状況監視"}}, 10)
	if err != nil {
		return fmt.Errorf("%w: %v", bench.ErrUnavailable, err)
	}
	if len(as[0].IDs) == 0 || as[0].IDs[0] != "c2" {
		return fmt.Errorf("%w: kensaku search on a two-passage check corpus returned %v, want c2 first", bench.ErrUnavailable, as[0].IDs)
	}
	e.index = ""
	return nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Build implements bench.Engine.
func (e *Engine) Build(ctx context.Context, c *bench.Corpus, dir string) (bench.BuildInfo, error) {
	input := dir + ".passages.jsonl"
	if err := bench.WriteFile(input, func(w io.Writer) error { return bench.WriteJSONL(w, c.Passages) }); err != nil {
		return bench.BuildInfo{}, err
	}
	defer os.Remove(input)
	e.index = filepath.Join(dir, "kensaku")
	r, err := bench.RunTool(ctx, nil, nil, e.bin, "index", "--index", e.index, input)
	if err != nil {
		return bench.BuildInfo{}, err
	}
	return bench.BuildInfo{Wall: r.Wall, PeakRSSKB: r.PeakRSSKB}, nil
}

// Search implements bench.Engine with a batch of one question.
func (e *Engine) Search(ctx context.Context, q string, k int) ([]string, error) {
	return bench.SearchOne(ctx, e, q, k)
}

// line is one line of "kensaku search --json --queries" output.
type line struct {
	ID     string  `json:"id"`
	TookMS float64 `json:"took_ms"`
	Hits   []struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
	} `json:"hits"`
	Error string `json:"error"`
}

// SearchBatch implements bench.BatchSearcher, without highlighting when
// the CLI can skip it (the peers do not highlight either).
func (e *Engine) SearchBatch(ctx context.Context, qs []bench.Query, k int) ([]bench.Answer, error) {
	as, ranked, note, err := e.searchBatch(ctx, qs, k, false)
	if err != nil {
		return nil, err
	}
	e.latNote, e.common = note, ranked
	return as, nil
}

// searchBatch answers qs with one CLI run. The first bench.Warmup questions
// are asked twice, the first time untimed, to warm up. Latency is each
// line's took_ms when the CLI reports it; otherwise the difference in wall
// time between this run and a run with the warm-up questions only, spread
// evenly over the questions, and note says so. ranked holds the same
// answers with their scores.
func (e *Engine) searchBatch(ctx context.Context, qs []bench.Query, k int, highlight bool) (as []bench.Answer, ranked []bench.Ranked, note string, err error) {
	if e.index == "" {
		return nil, nil, "", fmt.Errorf("kensaku: no index built")
	}
	warm := bench.Warmup(len(qs))
	all := make([]bench.Query, 0, warm+len(qs))
	for i := range warm {
		all = append(all, bench.Query{ID: fmt.Sprintf("warm-%d", i), Text: qs[i].Text})
	}
	for i, q := range qs {
		all = append(all, bench.Query{ID: fmt.Sprintf("q-%d", i), Text: q.Text})
	}
	lines, wall, err := e.run(ctx, all, k, highlight)
	if err != nil {
		return nil, nil, "", err
	}
	as = make([]bench.Answer, len(qs))
	ranked = make([]bench.Ranked, len(qs))
	seen := 0
	timed := true
	for _, l := range lines {
		var i int
		if _, err := fmt.Sscanf(l.ID, "q-%d", &i); err != nil || i < 0 || i >= len(qs) {
			continue
		}
		if l.Error != "" {
			return nil, nil, "", fmt.Errorf("kensaku search %s: %s", qs[i].ID, l.Error)
		}
		ids := make([]string, len(l.Hits))
		scores := make([]float64, len(l.Hits))
		for j, h := range l.Hits {
			ids[j], scores[j] = h.ID, h.Score
		}
		ranked[i] = bench.Ranked{IDs: ids, Scores: scores}
		as[i] = bench.Answer{IDs: ids, Took: time.Duration(l.TookMS * float64(time.Millisecond))}
		if l.TookMS <= 0 {
			timed = false
		}
		seen++
	}
	if seen != len(qs) {
		return nil, nil, "", fmt.Errorf("kensaku search: %d answers for %d questions", seen, len(qs))
	}
	if !timed {
		_, wall0, err := e.run(ctx, all[:warm], k, highlight)
		if err != nil {
			return nil, nil, "", err
		}
		per := (wall - wall0) / time.Duration(len(qs))
		for i := range as {
			as[i].Took = per
		}
		note = "the CLI's --queries output has no took_ms, so the mean is the wall-time difference between a run with all questions and one with the warm-up questions only, divided by the questions; p50 and p99 unknown"
	}
	return as, ranked, note, nil
}

// LatencyNote implements bench.LatencyNoter.
func (e *Engine) LatencyNote() (string, bool) { return e.latNote, e.latNote != "" }

// run asks qs in one "kensaku search --queries" run, with highlighting
// only when highlight is set or the CLI cannot turn it off.
func (e *Engine) run(ctx context.Context, qs []bench.Query, k int, highlight bool) ([]line, time.Duration, error) {
	qf := e.index + ".queries.jsonl"
	if err := bench.WriteFile(qf, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, q := range qs {
			if err := enc.Encode(map[string]string{"id": q.ID, "query": q.Text}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return nil, 0, err
	}
	defer os.Remove(qf)
	args := []string{"search", "--index", e.index, "--json", "--queries", qf}
	for _, f := range e.flags {
		switch f {
		case "size":
			args = append(args, fmt.Sprintf("--size=%d", k))
		case "no-highlight":
			if !highlight {
				args = append(args, "--no-highlight")
			}
		case "workers":
			// One question at a time, as the peers are timed.
			args = append(args, "--workers=1")
		case "ids-only":
			// Ranked ids, what the peers return; the highlighted run
			// reads the passages' text to highlight it.
			if !highlight {
				args = append(args, "--ids-only")
			}
		}
	}
	var out bytes.Buffer
	r, err := bench.RunTool(ctx, nil, &out, e.bin, args...)
	if err != nil {
		return nil, 0, err
	}
	var lines []line
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	for sc.Scan() {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var l line
		if err := json.Unmarshal(b, &l); err != nil {
			return nil, 0, fmt.Errorf("kensaku search output: %w", err)
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("read kensaku output: %w", err)
	}
	return lines, r.Wall, nil
}

// Close implements bench.Engine.
func (e *Engine) Close() error {
	e.index, e.common = "", nil
	return nil
}
