package kensaku

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kensaku/kensaku/bench"
)

// Names of the variants kensaku measures beyond the common run.
const (
	VariantHighlight = "highlight" // the CLI batch run with highlighting on
	VariantHTTP      = "http"      // "kensaku serve", timed by the client
)

// MeasureVariants implements bench.VariantMeasurer: the questions once more
// through the CLI with highlighting, then over HTTP against "kensaku serve"
// on the same index, with the server's memory read at the end.
func (e *Engine) MeasureVariants(ctx context.Context, qs []bench.Query, k int, ids [][]string) []bench.Variant {
	// The common run's scores, kept by SearchBatch, let answers be compared
	// up to ties; without them, ids alone.
	base := e.common
	if len(base) != len(ids) {
		base = make([]bench.Ranked, len(ids))
		for i := range ids {
			base[i] = bench.Ranked{IDs: ids[i]}
		}
	}
	return []bench.Variant{
		e.measureHighlight(ctx, qs, k, base),
		e.measureHTTP(ctx, qs, k, base),
	}
}

func (e *Engine) measureHighlight(ctx context.Context, qs []bench.Query, k int, base []bench.Ranked) bench.Variant {
	v := bench.Variant{Name: VariantHighlight}
	if !slices.Contains(e.flags, "no-highlight") {
		v.Reason = "kensaku search has no --no-highlight flag, so the common run already highlights"
		return v
	}
	v.Available = true
	as, ranked, note, err := e.searchBatch(ctx, qs, k, true)
	if err != nil {
		v.Failed, v.Reason = true, err.Error()
		return v
	}
	took := make([]time.Duration, len(as))
	for i, a := range as {
		took[i] = a.Took
	}
	v.Latency = bench.Summarize(took)
	v.Differing, v.TieOrder = bench.CompareAnswers(base, ranked, k)
	v.Note = "the CLI batch run as in the common run, without --no-highlight and --ids-only (hits with their text, highlighted); took_ms per question"
	if note != "" {
		v.Note, v.MeanOnly = note, true
	}
	return v
}

// checkServeHelp says why "kensaku serve" cannot be benchmarked, or "" when
// its help lists the flags the benchmark passes.
func checkServeHelp(ctx context.Context, bin string) string {
	var help bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "serve", "--help")
	cmd.Stdout, cmd.Stderr = &help, &help
	cmd.Run() // --help may exit non-zero; only the text matters
	for _, f := range []string{"-index", "-addr"} {
		if !strings.Contains(help.String(), f) {
			return "kensaku serve --help lists no " + f + " flag"
		}
	}
	return ""
}

// cannotServe says why "kensaku serve" cannot be measured (the binary has
// no serve command, or no index was built), or "" when it can.
func (e *Engine) cannotServe() string {
	if e.noServe != "" {
		return e.noServe
	}
	if e.index == "" {
		return "no index built"
	}
	return ""
}

func (e *Engine) measureHTTP(ctx context.Context, qs []bench.Query, k int, base []bench.Ranked) bench.Variant {
	v := bench.Variant{Name: VariantHTTP}
	if v.Reason = e.cannotServe(); v.Reason != "" {
		return v
	}
	v.Available = true
	fail := func(err error) bench.Variant {
		v.Failed, v.Reason = true, err.Error()
		return v
	}
	srv, err := startServer(ctx, e.bin, e.index)
	if err != nil {
		return fail(err)
	}
	// Whatever happens below, the server is stopped and waited for.
	stopped := false
	defer func() {
		if !stopped {
			srv.stop()
		}
	}()

	c := newClient(srv.base)
	for _, q := range qs[:bench.Warmup(len(qs))] {
		if _, _, err := c.search(ctx, q.Text, k); err != nil {
			return fail(fmt.Errorf("warm-up %s: %w", q.ID, err))
		}
	}
	took := make([]time.Duration, len(qs))
	ranked := make([]bench.Ranked, len(qs))
	for i, q := range qs {
		if ranked[i], took[i], err = c.search(ctx, q.Text, k); err != nil {
			return fail(fmt.Errorf("question %s: %w", q.ID, err))
		}
	}
	v.Latency = bench.Summarize(took)
	v.Differing, v.TieOrder = bench.CompareAnswers(base, ranked, k)
	// Read before SIGTERM: shutting down may release memory.
	v.ServerRSSKB, v.ServerHWMKB, err = procMemory(srv.cmd.Process.Pid)
	var notes []string
	if err != nil {
		notes = append(notes, "server memory unknown: "+err.Error())
	}
	if n := c.dials.Load(); n != 1 {
		notes = append(notes, fmt.Sprintf("%d connections were opened, not one", n))
	}
	stopped = true
	if err := srv.stop(); err != nil {
		notes = append(notes, err.Error())
	}
	v.Note = strings.Join(notes, "; ")
	return v
}

// server is a running "kensaku serve".
type server struct {
	cmd    *exec.Cmd
	base   string        // http://127.0.0.1:PORT
	done   chan struct{} // closed when the process has exited
	err    error         // Wait's error, once done is closed
	stderr *tailBuffer
	// started is when the process was started, ready when /healthz
	// first answered 200.
	started, ready time.Time
}

// startServer starts "kensaku serve" on the index (the built-in corpus
// when index is empty) and waits until GET /healthz answers 200. The port
// is one the kernel just handed out; another process may take it in
// between, so a start that fails is retried on a new port.
func startServer(ctx context.Context, bin, index string) (*server, error) {
	var lastErr error
	for range 3 {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		s := &server{base: "http://" + addr, done: make(chan struct{}), stderr: &tailBuffer{}}
		// Not through bench.RunTool and GNU time: the PID must be
		// kensaku's own, for /proc/PID/status.
		args := []string{"serve", "--addr", addr}
		if index != "" {
			args = append(args, "--index", index)
		}
		s.cmd = exec.Command(bin, args...)
		s.cmd.Stderr = s.stderr
		s.started = time.Now()
		if err := s.cmd.Start(); err != nil {
			return nil, fmt.Errorf("start kensaku serve: %w", err)
		}
		go func() {
			s.err = s.cmd.Wait()
			close(s.done)
		}()
		if err := s.waitHealthy(ctx); err != nil {
			s.stop()
			lastErr = err
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		return s, nil
	}
	return nil, lastErr
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// healthTimeout bounds the server's start: opening a large index takes a
// few seconds on a loaded machine.
const healthTimeout = 2 * time.Minute

// healthPoll is how often /healthz is asked until it answers: the
// server's time to be ready is measured to this.
const healthPoll = 2 * time.Millisecond

func (s *server) waitHealthy(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/healthz", nil)
		if err != nil {
			return fmt.Errorf("healthz request: %w", err)
		}
		if resp, err := client.Do(req); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.ready = time.Now()
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("kensaku serve exited before it was healthy: %v: %s", s.err, lastLine(s.stderr.String()))
		case <-ctx.Done():
			return fmt.Errorf("kensaku serve not healthy on %s/healthz after %v: %s", s.base, healthTimeout, lastLine(s.stderr.String()))
		case <-time.After(healthPoll):
		}
	}
}

// stopTimeout is how long the server gets to shut down after SIGTERM
// before it is killed.
const stopTimeout = 30 * time.Second

// stop sends SIGTERM and waits for the server to exit; it reports an exit
// that was not clean.
func (s *server) stop() error {
	select {
	case <-s.done:
		return nil
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("SIGTERM kensaku serve: %w", err)
	}
	select {
	case <-s.done:
		if s.err != nil {
			return fmt.Errorf("kensaku serve exited after SIGTERM with %v: %s", s.err, lastLine(s.stderr.String()))
		}
		return nil
	case <-time.After(stopTimeout):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("kensaku serve still running %v after SIGTERM; killed", stopTimeout)
	}
}

// client asks one server its questions over one keep-alive connection, as
// a single user of the search page would.
type client struct {
	base  string
	http  *http.Client
	dials atomic.Int32
}

func newClient(base string) *client {
	c := &client{base: base}
	d := &net.Dialer{Timeout: 10 * time.Second}
	c.http = &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{
			Proxy: nil, // never a proxy from the environment for loopback
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				c.dials.Add(1)
				return d.DialContext(ctx, network, addr)
			},
			MaxConnsPerHost:     1,
			MaxIdleConnsPerHost: 1,
			DisableCompression:  true, // time the server, not gzip
		},
	}
	return c
}

// searchResponse is the part of the HTTP answer the benchmark reads.
type searchResponse struct {
	Hits []struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
	} `json:"hits"`
	Error string `json:"error"`
}

// search asks q and returns the hits and the time from sending the request
// to having read the whole body; decoding is not timed.
func (c *client) search(ctx context.Context, q string, k int) (bench.Ranked, time.Duration, error) {
	// The same work as the CLI's latency run: no highlights, no facets.
	u := c.base + "/search?q=" + url.QueryEscape(q) + "&size=" + strconv.Itoa(k) + "&highlight=false&facets=false&ids_only=true"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return bench.Ranked{}, 0, fmt.Errorf("request: %w", err)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return bench.Ranked{}, 0, fmt.Errorf("GET /search: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	took := time.Since(start)
	resp.Body.Close()
	if err != nil {
		return bench.Ranked{}, 0, fmt.Errorf("read /search response: %w", err)
	}
	var r searchResponse
	jerr := json.Unmarshal(body, &r)
	if resp.StatusCode != http.StatusOK {
		msg := r.Error
		if jerr != nil || msg == "" {
			msg = firstLine(string(body))
		}
		return bench.Ranked{}, 0, fmt.Errorf("GET /search: status %d: %s", resp.StatusCode, msg)
	}
	if jerr != nil {
		return bench.Ranked{}, 0, fmt.Errorf("decode /search response: %w", jerr)
	}
	a := bench.Ranked{IDs: make([]string, len(r.Hits)), Scores: make([]float64, len(r.Hits))}
	for i, h := range r.Hits {
		a.IDs[i], a.Scores[i] = h.ID, h.Score
	}
	return a, took, nil
}

// procMemory reads VmRSS and VmHWM, in KiB, from /proc/PID/status.
func procMemory(pid int) (rssKB, hwmKB int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("read process status: %w", err)
	}
	for l := range strings.Lines(string(b)) {
		name, val, ok := strings.Cut(l, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		f := strings.Fields(val) // "123456 kB"
		if len(f) != 2 || f[1] != "kB" {
			return 0, 0, fmt.Errorf("unexpected %s line %q in /proc/%d/status", name, strings.TrimSpace(l), pid)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("parse %s in /proc/%d/status: %w", name, pid, err)
		}
		if name == "VmRSS" {
			rssKB = n
		} else {
			hwmKB = n
		}
	}
	if rssKB == 0 || hwmKB == 0 {
		return 0, 0, fmt.Errorf("no VmRSS or VmHWM in /proc/%d/status", pid)
	}
	return rssKB, hwmKB, nil
}

// tailBuffer keeps the last 4 KiB or so written to it: the server's stderr
// carries an access-log line per request, and only the end matters when it
// fails. It is written by the process's copying goroutine and read by
// ours.
type tailBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 8192 {
		t.b = append(t.b[:0], t.b[len(t.b)-4096:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}

// lastLine returns the last non-empty line of s: a server's error comes
// after its start-up and access-log lines.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
