package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
)

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fakeOpens replaces openServeSearcher for the test. The n-th open returns
// a searcher whose results have the query "vN:QUERY", unless fail(n) is
// true; closed[n] counts the closes of the n-th searcher.
type fakeOpens struct {
	n      atomic.Int32
	fail   func(n int) bool
	mu     sync.Mutex
	closed map[int]int
}

func replaceOpener(t *testing.T, fail func(n int) bool) *fakeOpens {
	t.Helper()
	f := &fakeOpens{fail: fail, closed: map[int]int{}}
	old := openServeSearcher
	t.Cleanup(func() { openServeSearcher = old })
	openServeSearcher = func(ctx context.Context, e *env, indexDir string, glossaries []string) (search.Searcher, io.Closer, error) {
		n := int(f.n.Add(1))
		if f.fail != nil && f.fail(n) {
			return nil, nil, fmt.Errorf("open index %s: broken (open %d)", indexDir, n)
		}
		s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
			return &search.Result{Query: fmt.Sprintf("v%d:%s", n, req.Query)}, nil
		})
		return s, closerFunc(func() error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.closed[n]++
			return nil
		}), nil
	}
	return f
}

func (f *fakeOpens) closes(n int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed[n]
}

type closerFunc func() error

func (c closerFunc) Close() error { return c() }

var listeningRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:[0-9]+)`)

// waitListening returns the base URL the server logged.
func waitListening(t *testing.T, log *syncBuffer, done <-chan error) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		if m := listeningRE.FindStringSubmatch(log.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned before listening: %v\n%s", err, log)
		case <-deadline:
			t.Fatalf("no \"listening on\" line after 10s:\n%s", log)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// queryOf returns the query field of GET base/search?q=q.
func queryOf(t *testing.T, base, q string) string {
	t.Helper()
	resp, err := http.Get(base + "/search?q=" + q)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res search.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /search: status %d, err %v", resp.StatusCode, err)
	}
	return res.Query
}

// waitQuery polls until the server answers want for q.
func waitQuery(t *testing.T, base, q, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := queryOf(t, base, q)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("query answered %q, want %q", got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeFlags(t *testing.T) {
	replaceOpener(t, func(n int) bool { return false })
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name    string
		args    []string
		wantErr error  // checked with errors.Is, when set
		errText string // in the error, when set
		stderr  string // in stderr
	}{
		{name: "help", args: []string{"--help"}, wantErr: flag.ErrHelp, stderr: "-log-format"},
		{name: "bad log format", args: []string{"--log-format", "xml"}, wantErr: errUsage, stderr: "want text or json"},
		{name: "extra argument", args: []string{"extra"}, wantErr: errUsage, stderr: "unexpected arguments"},
		{name: "zero timeout", args: []string{"--timeout", "0s"}, wantErr: errUsage, stderr: "must be positive"},
		{name: "unknown flag", args: []string{"--port", "1"}, wantErr: errUsage, stderr: "-port"},
		{name: "address in use", args: []string{"--addr", busy.Addr().String()}, errText: "listen on " + busy.Addr().String()},
		{name: "bad port", args: []string{"--addr", "127.0.0.1:99999"}, errText: "listen on 127.0.0.1:99999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr syncBuffer
			err := run(context.Background(), &env{stdout: &stdout, stderr: &stderr}, append([]string{"serve"}, tt.args...))
			if err == nil {
				t.Fatalf("serve %q returned nil, want an error", tt.args)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.errText) {
				t.Errorf("err = %q, want it to contain %q", err, tt.errText)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

func TestServeOpenError(t *testing.T) {
	replaceOpener(t, func(n int) bool { return true })
	var stderr syncBuffer
	err := run(context.Background(), &env{stdout: io.Discard, stderr: &stderr}, []string{"serve", "--index", "/no/such/index", "--addr", "127.0.0.1:0"})
	if err == nil || !strings.Contains(err.Error(), "open index /no/such/index") {
		t.Errorf("err = %v, want the open error", err)
	}
}

func TestListenAddr(t *testing.T) {
	for in, want := range map[string]string{
		"8080":           "127.0.0.1:8080",
		":8080":          "127.0.0.1:8080",
		"127.0.0.1:0":    "127.0.0.1:0",
		"0.0.0.0:80":     "0.0.0.0:80",
		"[::1]:80":       "[::1]:80",
		"localhost:8080": "localhost:8080",
	} {
		if got := listenAddr(in); got != want {
			t.Errorf("listenAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestServeReload runs the command's server on 127.0.0.1:0 with JSON logs,
// reloads it through the hang-up channel (once failing), and stops it.
func TestServeReload(t *testing.T) {
	f := replaceOpener(t, func(n int) bool { return n == 3 })
	var stderr syncBuffer
	e := &env{stdout: io.Discard, stderr: &stderr}
	cfg, err := parseServeFlags(e, []string{"--addr", "127.0.0.1:0", "--log-format", "json", "--index", "idx"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hup := make(chan os.Signal, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, cfg, hup) }()
	base := waitListening(t, &stderr, done)

	if got := queryOf(t, base, "SSA"); got != "v1:SSA" {
		t.Fatalf("first answer %q, want v1:SSA", got)
	}
	hup <- syscall.SIGHUP
	waitQuery(t, base, "SSA", "v2:SSA")
	if n := f.closes(1); n != 1 {
		t.Errorf("first searcher closed %d times after reload, want 1", n)
	}
	hup <- syscall.SIGHUP // open 3 fails: v2 keeps serving
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "reload failed") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := queryOf(t, base, "SSA"); got != "v2:SSA" {
		t.Errorf("after a failed reload, answer %q, want v2:SSA", got)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel, want nil", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return after cancel")
	}
	if n := f.closes(2); n != 1 {
		t.Errorf("current searcher closed %d times at shutdown, want 1", n)
	}

	var sawAccess, sawReloadFailed bool
	for line := range strings.Lines(stderr.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if rec["msg"] == "request" && rec["method"] == "GET" && rec["path"] == "/search" && rec["status"] == 200.0 {
			_, sawAccess = rec["duration_ms"].(float64)
		}
		if rec["msg"] == "reload failed; still serving the previous index" && strings.Contains(fmt.Sprint(rec["err"]), "broken") {
			sawReloadFailed = true
		}
	}
	if !sawAccess || !sawReloadFailed {
		t.Errorf("log lacks access line (%v) or reload failure (%v):\n%s", sawAccess, sawReloadFailed, stderr.String())
	}
}

// TestServeSIGHUP sends the process a real SIGHUP while runServe runs.
func TestServeSIGHUP(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGHUP on windows")
	}
	replaceOpener(t, nil)
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, &env{stdout: io.Discard, stderr: &stderr}, []string{"serve", "--addr", "127.0.0.1:0"})
	}()
	base := waitListening(t, &stderr, done) // runServe listens for SIGHUP before it logs this
	p, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitQuery(t, base, "x", "v2:x")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	if !strings.Contains(stderr.String(), "msg=reloaded") {
		t.Errorf("no reloaded line in the log:\n%s", stderr.String())
	}
}
