package httpapi_test

import (
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search/httpapi"
	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

// BenchmarkServer measures requests per second through a real server on
// 127.0.0.1 with 16 concurrent clients (keep-alive connections) against the
// fake searcher, so it measures the HTTP layer: parsing, JSON or template
// rendering, logging and net/http. Run it bounded, for example:
//
//	go test -run '^$' -bench Server -benchtime 4000x ./search/httpapi
func BenchmarkServer(b *testing.B) {
	const clients = 16
	for _, bm := range []struct{ name, path string }{
		{"json", "/search?q=%E5%AE%87%E5%AE%99%E7%8A%B6%E6%B3%81%E7%9B%A3%E8%A6%96"},
		{"page", "/?q=%E5%AE%87%E5%AE%99%E7%8A%B6%E6%B3%81%E7%9B%A3%E8%A6%96"},
		{"healthz", "/healthz"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			h := httpapi.New(httpapitest.Fake(), httpapi.Options{Logger: discard})
			base, _, _ := startServer(b, h)
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
			url := base + bm.path
			b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
			b.ReportAllocs()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(url)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}
