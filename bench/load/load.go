// Package load sends search requests to a running kensaku serve from many
// clients at once, for a bounded time, and measures throughput, status
// codes, latency percentiles and, given the server's process id, the
// server's CPU time per answered request (from /proc/PID/stat), which is
// what a request costs whatever else the machine runs. bench/cmd/load runs
// it from the command line; the bench command runs it on the largest
// kensaku index of its run.
//
// It only sends to an address on this machine (loopback): Run refuses any
// other.
package load

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options describe one load run.
type Options struct {
	Base     string        // base URL of the server, such as http://127.0.0.1:8080 (loopback only)
	Clients  int           // concurrent clients, each sending its next request once it has read an answer
	Duration time.Duration // how long to send
	Queries  []string      // asked in turn: client c asks Offset+c, Offset+c+Clients, … (mod len)
	// Offset is the first of Queries asked. A run that continues another
	// starts at the other's Offset+Requests, so that a server that keeps
	// what it computed for a question is not asked the same again.
	Offset int
	Params string // extra query parameters, such as facets=false&highlight=false
	PID    int    // the server's process id, to measure its CPU time; 0 for none
}

// Result is what one load run measured.
type Result struct {
	Clients  int
	Duration time.Duration // time from the first request sent to the last answer read
	Requests int           // requests sent
	OK       int           // answered 200
	Codes    map[int]int   // requests by status code, 0 for a connection error
	// Percentiles of the latency of the requests answered 200, from
	// sending the request to having read the whole body.
	P50, P90, P99, Max time.Duration
	// Latencies are those of the requests answered 200, ascending.
	Latencies []time.Duration
	// ServerCPU is the server's user and system CPU time over the run, in
	// 10 ms ticks; zero when no PID was given. CPUError says why it is
	// unknown.
	ServerCPU time.Duration
	CPUError  string
}

// PerSecond is the number of requests answered 200 per second.
func (r Result) PerSecond() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.OK) / r.Duration.Seconds()
}

// CPUPerRequest is the server's CPU time per request answered 200, or 0
// when unknown.
func (r Result) CPUPerRequest() time.Duration {
	if r.OK == 0 || r.ServerCPU == 0 {
		return 0
	}
	return r.ServerCPU / time.Duration(r.OK)
}

// CheckLoopback returns an error unless base's host is a loopback address.
func CheckLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil || len(ips) == 0 || !ips[0].IsLoopback() {
		return fmt.Errorf("load: %s is not a loopback address; only a server on this machine is loaded", u.Hostname())
	}
	return nil
}

// Run sends o's queries to o.Base's /search from o.Clients clients for
// o.Duration and returns the figures. A request that fails is counted
// (status 0), not returned as an error; errors are for options that cannot
// run, or ctx ending.
func Run(ctx context.Context, o Options) (Result, error) {
	if err := CheckLoopback(o.Base); err != nil {
		return Result{}, err
	}
	if o.Clients <= 0 || o.Duration <= 0 || len(o.Queries) == 0 || o.Offset < 0 {
		return Result{}, errors.New("load: want clients, a duration, queries and an offset of zero or more")
	}
	tr := &http.Transport{Proxy: nil, MaxIdleConnsPerHost: o.Clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	type sample struct {
		status int
		took   time.Duration
	}
	samples := make([][]sample, o.Clients) // per client: no lock on the hot path
	cpu0, cpuErr := ProcessCPU(o.PID)
	start := time.Now()
	deadline := start.Add(o.Duration)
	var wg sync.WaitGroup
	for c := range o.Clients {
		wg.Go(func() {
			for i := o.Offset + c; time.Now().Before(deadline) && ctx.Err() == nil; i += o.Clients {
				target := o.Base + "/search?q=" + url.QueryEscape(o.Queries[i%len(o.Queries)])
				if o.Params != "" {
					target += "&" + o.Params
				}
				t0 := time.Now()
				status := 0
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
				if err != nil {
					return
				}
				resp, err := client.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
				}
				samples[c] = append(samples[c], sample{status, time.Since(t0)})
				if status == http.StatusServiceUnavailable {
					time.Sleep(50 * time.Millisecond) // as a client honouring Retry-After would, briefly
				}
			}
		})
	}
	wg.Wait()
	r := Result{Clients: o.Clients, Duration: time.Since(start), Codes: map[int]int{}}
	cpu1, cpuErr1 := ProcessCPU(o.PID)
	if err := ctx.Err(); err != nil {
		return r, err
	}
	var ok []time.Duration
	for _, ss := range samples {
		for _, s := range ss {
			r.Requests++
			r.Codes[s.status]++
			if s.status == http.StatusOK {
				ok = append(ok, s.took)
			}
		}
	}
	r.OK = len(ok)
	r.setLatencies(ok)
	switch {
	case o.PID == 0:
	case cpuErr != nil:
		r.CPUError = cpuErr.Error()
	case cpuErr1 != nil:
		r.CPUError = cpuErr1.Error()
	default:
		r.ServerCPU = cpu1 - cpu0
	}
	return r, nil
}

// setLatencies sets r's latencies and their percentiles.
func (r *Result) setLatencies(ok []time.Duration) {
	slices.Sort(ok)
	pct := func(p float64) time.Duration {
		if len(ok) == 0 {
			return 0
		}
		return ok[min(len(ok)-1, int(p*float64(len(ok))))]
	}
	r.Latencies = ok
	r.P50, r.P90, r.P99, r.Max = pct(0.5), pct(0.9), pct(0.99), pct(1)
}

// Merge returns the figures of runs of the same kind taken together, as
// one run of their total duration: requests, status codes, durations and
// server CPU added up, percentiles of all their latencies. Runs made at
// different times (A B B A) balance a load on the machine that changes
// between them. The server CPU is unknown when it is in any run.
func Merge(rs ...Result) Result {
	if len(rs) == 0 {
		return Result{}
	}
	m := Result{Clients: rs[0].Clients, Codes: map[int]int{}}
	var lat []time.Duration
	for _, r := range rs {
		m.Duration += r.Duration
		m.Requests += r.Requests
		m.OK += r.OK
		for c, n := range r.Codes {
			m.Codes[c] += n
		}
		lat = append(lat, r.Latencies...)
		m.ServerCPU += r.ServerCPU
		if r.CPUError != "" && m.CPUError == "" {
			m.CPUError = r.CPUError
		}
	}
	for _, r := range rs {
		if r.ServerCPU == 0 {
			m.ServerCPU = 0
		}
	}
	m.setLatencies(lat)
	return m
}

// ProcessCPU returns the user and system CPU time process pid has used,
// from /proc/PID/stat (Linux), in clock ticks of 10 ms; 0 for pid 0.
func ProcessCPU(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, nil
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("load: server CPU time: %w", err)
	}
	return parseStat(pid, string(b))
}

func parseStat(pid int, s string) (time.Duration, error) {
	// The command name, in parentheses, may hold spaces: the fields
	// counted are those after it (utime and stime are fields 14 and 15).
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("load: server CPU time: /proc/%d/stat has no command name", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("load: server CPU time: /proc/%d/stat is short", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("load: server CPU time: /proc/%d/stat: bad utime or stime", pid)
	}
	const tick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return time.Duration(utime+stime) * tick, nil
}

// ReadQueries reads the "query" of every line of a JSONL file.
func ReadQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			Query string `json:"query"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Query != "" {
			qs = append(qs, r.Query)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("load: no queries in %s", path)
	}
	return qs, nil
}
