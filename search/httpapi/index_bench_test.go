//go:build unix

package httpapi_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// BenchmarkServerIndex measures GET /search through a real server on
// 127.0.0.1 over the index at $KENSAKU_BENCH_INDEX (built, for example,
// by the bench command), with 16 concurrent clients asking the JSQuAD
// questions in turn: the page as the search page asks it (facets and
// highlights) and plain (facets=false&highlight=false). It reports the
// process's CPU time per request (cpu-ms/op: the server's and the
// clients'; the wall time of the page's includes two plain halves), and
// with-plain-% the share facets and highlights add to plain's, plain
// measured on the same questions in two halves around them (A B B A) so
// that a load that changes meanwhile weighs on both alike:
//
//	KENSAKU_BENCH_INDEX=DIR go test ./search/httpapi -run '^$' -bench ServerIndex -benchtime 2000x
func BenchmarkServerIndex(b *testing.B) {
	dir := os.Getenv("KENSAKU_BENCH_INDEX")
	if dir == "" {
		b.Skip("no $KENSAKU_BENCH_INDEX")
	}
	base, err := bench.LoadJSQuAD(filepath.Join("..", "..", "bench", "data", "jsquad-valid"))
	if err != nil {
		b.Skip(err)
	}
	eng, err := search.Open(filepath.Clean(dir), search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	srv, _, _ := startServer(b, httpapi.New(eng, httpapi.Options{Logger: discard}))
	const clients = 16
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	var next atomic.Int64
	ask := func(b *testing.B, params string) {
		i := next.Add(1)
		q := base.Queries[int(i)%len(base.Queries)].Text
		resp, err := client.Get(srv + "/search?q=" + url.QueryEscape(q) + params)
		if err != nil {
			b.Error(err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Errorf("%q: status %d", q, resp.StatusCode)
		}
	}
	// Warm up: the first questions, and the index's pages into memory.
	for range 100 {
		ask(b, "")
	}
	// run asks n requests with params from the clients and returns the
	// CPU time they took.
	run := func(b *testing.B, n int, params string) time.Duration {
		var left atomic.Int64
		left.Store(int64(n))
		cpu0 := cpuTime()
		done := make(chan struct{})
		for range clients {
			go func() {
				defer func() { done <- struct{}{} }()
				for left.Add(-1) >= 0 {
					ask(b, params)
				}
			}()
		}
		for range clients {
			<-done
		}
		return cpuTime() - cpu0
	}
	const plainParams = "&facets=false&highlight=false"
	for _, bc := range []struct{ name, params string }{{"plain", plainParams}, {"facets-highlights", ""}} {
		b.Run(bc.name, func(b *testing.B) {
			n := b.N
			if bc.name == "plain" {
				b.ReportMetric(float64(run(b, n, plainParams))/1e6/float64(n), "cpu-ms/op")
				return
			}
			// The same questions plain, in two halves around the
			// page's.
			start := next.Load()
			plain := run(b, n/2, plainParams)
			next.Store(start)
			with := run(b, n, "")
			next.Store(start + int64(n/2))
			plain += run(b, n-n/2, plainParams)
			b.ReportMetric(float64(with)/1e6/float64(n), "cpu-ms/op")
			b.ReportMetric(100*(float64(with)/float64(plain)-1), "with-plain-%")
		})
	}
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
