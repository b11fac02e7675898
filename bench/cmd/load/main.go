// Command load sends search requests to a running kensaku serve from many
// clients at once, for a bounded time, and reports throughput, status
// codes and latency percentiles: how the server holds up under load, and
// whether it sheds what it cannot serve (503) rather than failing.
//
//	kensaku serve --index ix --addr 127.0.0.1:8080 &
//	go run ./bench/cmd/load --url http://127.0.0.1:8080 --clients 64 --duration 20s
//
// With --pid it also reports the server's CPU time per request (from
// /proc/PID/stat), the measure of what a request costs whatever else the
// machine runs: facets=false&highlight=false against the default shows
// what facets and highlights add.
//
// It only sends to the address given, which must be on this machine
// (loopback): it refuses any other.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
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

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	clients := flag.Int("clients", 64, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long to send")
	queries := flag.String("queries", "bench/data/jsquad-valid/queries.jsonl", "JSONL file of {\"query\": ...}")
	params := flag.String("params", "", "extra query parameters, e.g. facets=false&highlight=false")
	pid := flag.Int("pid", 0, "process id of the server, to report its CPU time per request (Linux /proc)")
	flag.Parse()

	u, err := url.Parse(*base)
	if err != nil {
		log.Fatal(err)
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil || len(ips) == 0 || !ips[0].IsLoopback() {
		log.Fatalf("load: %s is not a loopback address; this tool only loads a server on this machine", u.Hostname())
	}
	qs, err := readQueries(*queries)
	if err != nil {
		log.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	type sample struct {
		status int
		took   time.Duration
	}
	var mu sync.Mutex
	var samples []sample
	cpu0, cpuErr := processCPU(*pid)
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for c := range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i += *clients {
				q := qs[i%len(qs)]
				target := *base + "/search?q=" + url.QueryEscape(q)
				if *params != "" {
					target += "&" + *params
				}
				start := time.Now()
				status := 0
				resp, err := client.Get(target)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
					if status == http.StatusServiceUnavailable {
						time.Sleep(50 * time.Millisecond) // as a client honouring Retry-After would, briefly
					}
				}
				mu.Lock()
				samples = append(samples, sample{status, time.Since(start)})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	cpu1, _ := processCPU(*pid)

	codes := map[int]int{}
	var ok []time.Duration
	for _, s := range samples {
		codes[s.status]++
		if s.status == http.StatusOK {
			ok = append(ok, s.took)
		}
	}
	slices.Sort(ok)
	pct := func(p float64) time.Duration {
		if len(ok) == 0 {
			return 0
		}
		return ok[min(len(ok)-1, int(p*float64(len(ok))))]
	}
	fmt.Printf("clients %d, %v: %d requests, %.0f answered 200/s\n", *clients, *duration, len(samples), float64(len(ok))/duration.Seconds())
	fmt.Printf("status codes: %v (0 = connection error)\n", codes)
	fmt.Printf("200 latency: p50 %v, p90 %v, p99 %v, max %v\n", pct(0.5).Round(time.Millisecond), pct(0.9).Round(time.Millisecond),
		pct(0.99).Round(time.Millisecond), pct(1).Round(time.Millisecond))
	switch {
	case *pid == 0:
	case cpuErr != nil:
		fmt.Printf("server CPU: %v\n", cpuErr)
	case len(ok) > 0:
		cpu := cpu1 - cpu0
		fmt.Printf("server CPU: %.2f s, %.2f ms per request answered 200\n", cpu.Seconds(), float64(cpu.Microseconds())/1000/float64(len(ok)))
	}
}

// processCPU returns the user and system CPU time process pid has used,
// from /proc/PID/stat (Linux), in clock ticks of 10 ms.
func processCPU(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, nil
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("load: server CPU time: %w", err)
	}
	// The command name, in parentheses, may hold spaces: the fields
	// counted are those after it (utime and stime are fields 14 and 15).
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, fmt.Errorf("load: server CPU time: /proc/%d/stat has no command name", pid)
	}
	f := strings.Fields(string(b[i+1:]))
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

func readQueries(path string) ([]string, error) {
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
	if len(qs) == 0 {
		return nil, fmt.Errorf("load: no queries in %s", path)
	}
	return qs, sc.Err()
}
