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
// what facets and highlights add. The work is done by package
// bench/load, which the bench command also runs.
//
// It only sends to the address given, which must be on this machine
// (loopback): it refuses any other.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/kensaku/kensaku/bench/load"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "base URL of the server (loopback only)")
	clients := flag.Int("clients", 64, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long to send")
	queries := flag.String("queries", "bench/data/jsquad-valid/queries.jsonl", "JSONL file of {\"query\": ...}")
	params := flag.String("params", "", "extra query parameters, e.g. facets=false&highlight=false")
	pid := flag.Int("pid", 0, "process id of the server, to report its CPU time per request (Linux /proc)")
	offset := flag.Int("offset", 0, "the first question asked (its line in --queries, from 0): a run that follows another can go on where it ended")
	flag.Parse()

	qs, err := load.ReadQueries(*queries)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := load.Run(ctx, load.Options{Base: *base, Clients: *clients, Duration: *duration, Queries: qs, Params: *params, PID: *pid, Offset: *offset})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("clients %d, %v: %d requests, %.0f answered 200/s (next offset %d)\n", r.Clients, r.Duration.Round(time.Millisecond), r.Requests, r.PerSecond(), (*offset+r.Requests)%len(qs))
	fmt.Printf("status codes: %v (0 = connection error)\n", r.Codes)
	fmt.Printf("200 latency: p50 %v, p90 %v, p99 %v, max %v\n", r.P50.Round(time.Millisecond), r.P90.Round(time.Millisecond),
		r.P99.Round(time.Millisecond), r.Max.Round(time.Millisecond))
	switch {
	case *pid == 0:
	case r.CPUError != "":
		fmt.Printf("server CPU: %s\n", r.CPUError)
	case r.OK > 0:
		fmt.Printf("server CPU: %.2f s, %.2f ms per request answered 200\n", r.ServerCPU.Seconds(), float64(r.CPUPerRequest().Microseconds())/1000)
	}
}
