package search_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// TestHTTPLoad runs a bounded load test of the HTTP endpoint on loopback:
// concurrent clients send searches for a fixed time; every request must
// succeed. The defaults keep it short for CI; a full run is, for example:
//
//	KENSAKU_LOAD_CLIENTS=64 KENSAKU_LOAD_SECONDS=60 KENSAKU_LOAD_INDEX=/path/to/ix \
//	    go test ./search -run TestHTTPLoad -v
func TestHTTPLoad(t *testing.T) {
	clients := envInt(t, "KENSAKU_LOAD_CLIENTS", 16)
	seconds := envInt(t, "KENSAKU_LOAD_SECONDS", 2)
	var eng *search.Engine
	var err error
	if dir := os.Getenv("KENSAKU_LOAD_INDEX"); dir != "" {
		eng, err = search.Open(dir, search.Options{})
	} else {
		eng, err = search.OpenBuiltin(search.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	srv := httptest.NewServer(httpapi.New(eng, httpapi.Options{}))
	defer srv.Close()

	queries := []string{"SSA", "宇宙状況監視", "ＳＳＡ", "Space Situational Awareness", "CCDCOE", "サイバー防衛演習",
		"NATO", "欧州連合", "日本の宇宙政策について", "能力構築支援 kind:body", "\"宇宙協力\"", "EU OR NATO"}
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  []string
	)
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := c; time.Now().Before(deadline); i++ {
				q := queries[i%len(queries)]
				start := time.Now()
				resp, err := client.Get(srv.URL + "/search?q=" + url.QueryEscape(q))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%q: %v", q, err))
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d failed requests, first: %s", len(failures), failures[0])
	}
	if len(latencies) == 0 {
		t.Fatal("no request completed")
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	t.Logf("%d clients, %d s: %d requests, %.0f req/s, p50 %v, p99 %v, errors %d",
		clients, seconds, len(latencies), float64(len(latencies))/float64(seconds), pct(0.50), pct(0.99), len(failures))
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}
