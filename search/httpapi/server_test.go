package httpapi_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

// startServer serves h on 127.0.0.1:0 until the returned cancel is
// called; wait returns Serve's error.
func startServer(t testing.TB, h http.Handler) (base string, cancel context.CancelFunc, wait func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := httpapi.NewServer(h, httpapi.Options{Logger: discard})
	errc := make(chan error, 1)
	go func() { errc <- httpapi.Serve(ctx, srv, ln, 5*time.Second) }()
	t.Cleanup(cancel)
	return "http://" + ln.Addr().String(), cancel, waitFor(errc)
}

func waitFor(errc chan error) func() error {
	return func() error {
		select {
		case err := <-errc:
			return err
		case <-time.After(10 * time.Second):
			return context.DeadlineExceeded
		}
	}
}

func TestServerGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	fake := httpapitest.Fake()
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		if req.Query == "slow" {
			close(started)
			<-release
		}
		return fake.Search(ctx, req)
	})
	base, shutdown, wait := startServer(t, httpapi.New(s, httpapi.Options{Logger: discard}))

	resp, err := http.Get(base + "/search?q=SSA")
	if err != nil {
		t.Fatal(err)
	}
	var res search.Result
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || res.Total == 0 {
		t.Fatalf("GET /search: status %d, total %d, err %v", resp.StatusCode, res.Total, err)
	}

	type answer struct {
		status int
		body   string
		err    error
	}
	slow := make(chan answer, 1)
	go func() {
		resp, err := http.Get(base + "/search?q=slow")
		if err != nil {
			slow <- answer{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- answer{resp.StatusCode, string(b), err}
	}()
	<-started
	shutdown()
	// Shutdown closes the listener at once: new connections fail.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("server still accepts connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(release)
	a := <-slow
	if a.err != nil || a.status != 200 || !strings.Contains(a.body, `"query":"slow"`) {
		t.Errorf("in-flight request during shutdown: status %d, err %v, body %.100s", a.status, a.err, a.body)
	}
	if err := wait(); err != nil {
		t.Errorf("Serve after graceful shutdown: %v", err)
	}
}

// TestServerHugeURL sends over-long request lines over TCP: the server
// answers without reading them whole.
func TestServerHugeURL(t *testing.T) {
	base, _, _ := startServer(t, httpapi.New(httpapitest.Fake(), httpapi.Options{Logger: discard}))
	tests := []struct {
		name   string
		qlen   int
		status string
	}{
		{"beyond MaxURLBytes", httpapi.MaxURLBytes + 10, "414"},
		{"10 MB", 10 << 20, "431"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(20 * time.Second))
			go func() {
				// Writing fails once the server gives up on the request.
				w := bufio.NewWriterSize(conn, 64<<10)
				io.WriteString(w, "GET /search?q=")
				chunk := strings.Repeat("a", 64<<10)
				for n := 0; n < tt.qlen; n += len(chunk) {
					if _, err := w.WriteString(chunk[:min(len(chunk), tt.qlen-n)]); err != nil {
						return
					}
				}
				io.WriteString(w, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
				w.Flush()
			}()
			line, err := bufio.NewReader(conn).ReadString('\n')
			if err != nil {
				t.Fatalf("read status line: %v", err)
			}
			if f := strings.Fields(line); len(f) < 2 || f[1] != tt.status {
				t.Errorf("status line %q, want status %s", line, tt.status)
			}
		})
	}
}

// TestServerShutdownGraceExpires checks that Serve gives up on a request
// that outlives the grace period, closes it and reports the fact.
func TestServerShutdownGraceExpires(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		close(started)
		<-release
		return &search.Result{}, nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := httpapi.NewServer(httpapi.New(s, httpapi.Options{Logger: discard}), httpapi.Options{Logger: discard})
	errc := make(chan error, 1)
	go func() { errc <- httpapi.Serve(ctx, srv, ln, 50*time.Millisecond) }()
	go func() {
		if resp, err := http.Get("http://" + ln.Addr().String() + "/search?q=x"); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel()
	if err := waitFor(errc)(); err == nil || !strings.Contains(err.Error(), "shut down after 50ms") {
		t.Errorf("Serve = %v, want a shutdown timeout error", err)
	}
}
