package load

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	var n, facetsOff atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/search" || r.URL.Query().Get("q") == "" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		if r.URL.Query().Get("facets") == "false" {
			facetsOff.Add(1)
		}
		// Every third request is shed, as an overloaded server would.
		if n.Add(1)%3 == 0 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"hits":[]}`))
	}))
	defer srv.Close()
	pid := 0
	if runtime.GOOS == "linux" {
		pid = os.Getpid()
	}
	r, err := Run(context.Background(), Options{Base: srv.URL, Clients: 4, Duration: 300 * time.Millisecond,
		Queries: []string{"a", "b c"}, Params: "facets=false", PID: pid})
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests == 0 || r.Requests != int(n.Load()) || int(facetsOff.Load()) != r.Requests {
		t.Errorf("requests %d, server saw %d, with facets=false %d", r.Requests, n.Load(), facetsOff.Load())
	}
	if r.OK != r.Codes[200] || r.Codes[503] == 0 || r.OK+r.Codes[503] != r.Requests {
		t.Errorf("codes %v, ok %d of %d", r.Codes, r.OK, r.Requests)
	}
	if r.P50 <= 0 || r.P50 > r.P90 || r.P90 > r.P99 || r.P99 > r.Max {
		t.Errorf("percentiles p50 %v p90 %v p99 %v max %v", r.P50, r.P90, r.P99, r.Max)
	}
	if r.Duration < 300*time.Millisecond || r.PerSecond() <= 0 {
		t.Errorf("duration %v, %f/s", r.Duration, r.PerSecond())
	}
	if pid != 0 && r.CPUError != "" {
		t.Errorf("CPU: %s", r.CPUError)
	}
}

func TestRunRefuses(t *testing.T) {
	for _, o := range []Options{
		{Base: "http://10.1.2.3:8080", Clients: 1, Duration: time.Second, Queries: []string{"a"}},
		{Base: "http://127.0.0.1:1", Clients: 0, Duration: time.Second, Queries: []string{"a"}},
		{Base: "http://127.0.0.1:1", Clients: 1, Duration: time.Second},
	} {
		if _, err := Run(context.Background(), o); err == nil {
			t.Errorf("Run(%+v): no error", o)
		}
	}
}

func TestParseStat(t *testing.T) {
	// The command name may hold spaces and parentheses.
	stat := "42 (ken saku) (x)) S 1 42 42 0 -1 4194560 100 0 0 0 150 25 0 0 20 0 8 0 100 0 0"
	d, err := parseStat(42, stat)
	if err != nil || d != 1750*time.Millisecond {
		t.Errorf("parseStat = %v, %v; want 1.75s", d, err)
	}
	for _, bad := range []string{"42 no name", "42 (k) S 1 2", "42 (k) S 1 42 42 0 -1 4194560 100 0 0 0 x 25 0"} {
		if _, err := parseStat(42, bad); err == nil {
			t.Errorf("parseStat(%q): no error", bad)
		}
	}
}

func TestReadQueries(t *testing.T) {
	p := filepath.Join(t.TempDir(), "q.jsonl")
	os.WriteFile(p, []byte("{\"query\":\"梅雨\"}\nnot json\n{\"query\":\"\"}\n{\"id\":\"x\",\"query\":\"SSA\"}\n"), 0o644)
	qs, err := ReadQueries(p)
	if err != nil || strings.Join(qs, "|") != "梅雨|SSA" {
		t.Errorf("ReadQueries = %q, %v", qs, err)
	}
	os.WriteFile(p, []byte("{}\n"), 0o644)
	if _, err := ReadQueries(p); err == nil {
		t.Error("no queries: no error")
	}
}

func TestMerge(t *testing.T) {
	ms := time.Millisecond
	a := Result{Clients: 16, Duration: 5 * time.Second, Requests: 3, OK: 2, Codes: map[int]int{200: 2, 503: 1}, ServerCPU: 40 * ms}
	a.setLatencies([]time.Duration{30 * ms, 10 * ms})
	b := Result{Clients: 16, Duration: 5 * time.Second, Requests: 2, OK: 2, Codes: map[int]int{200: 2}, ServerCPU: 20 * ms}
	b.setLatencies([]time.Duration{20 * ms, 40 * ms})
	m := Merge(a, b)
	if m.Clients != 16 || m.Duration != 10*time.Second || m.Requests != 5 || m.OK != 4 || m.Codes[200] != 4 || m.Codes[503] != 1 {
		t.Errorf("Merge = %+v", m)
	}
	if m.ServerCPU != 60*ms || m.CPUPerRequest() != 15*ms || m.PerSecond() != 0.4 {
		t.Errorf("Merge: CPU %v, %v a request, %v/s", m.ServerCPU, m.CPUPerRequest(), m.PerSecond())
	}
	if m.P50 != 30*ms || m.Max != 40*ms || len(m.Latencies) != 4 || m.Latencies[0] != 10*ms {
		t.Errorf("Merge: p50 %v, max %v, latencies %v", m.P50, m.Max, m.Latencies)
	}
	// The CPU of a run that did not measure it leaves the sum unknown.
	if c := Merge(a, Result{OK: 1}).ServerCPU; c != 0 {
		t.Errorf("Merge with an unmeasured run: CPU %v, want 0", c)
	}
	if m := Merge(); m.OK != 0 || m.Codes != nil {
		t.Errorf("Merge() = %+v", m)
	}
}

// TestRunOffset checks that a run asks its questions in turn from
// Options.Offset, wrapping around at the end.
func TestRunOffset(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Query().Get("q"))
		mu.Unlock()
		w.Write([]byte(`{"hits":[]}`))
	}))
	defer srv.Close()
	r, err := Run(context.Background(), Options{Base: srv.URL, Clients: 1, Duration: 100 * time.Millisecond,
		Queries: []string{"a", "b", "c", "d"}, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if r.Requests < 5 || len(asked) != r.Requests {
		t.Fatalf("%d requests, server saw %d", r.Requests, len(asked))
	}
	if want := []string{"c", "d", "a", "b", "c"}; !slices.Equal(asked[:5], want) {
		t.Errorf("asked %v first, want %v", asked[:5], want)
	}
	if _, err := Run(context.Background(), Options{Base: srv.URL, Clients: 1, Duration: time.Millisecond, Queries: []string{"a"}, Offset: -1}); err == nil {
		t.Error("a negative offset accepted")
	}
}
