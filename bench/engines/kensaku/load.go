package kensaku

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/bench/load"
)

var (
	_ bench.LoadMeasurer    = (*Engine)(nil)
	_ bench.StartupMeasurer = (*Engine)(nil)
)

// pageParams are the query parameters of each kind of page asked under
// load: the search page's (facets and highlighted hits, ten a page), and
// the same without either.
var pageParams = map[string]string{
	bench.PageFull:  "size=10",
	bench.PagePlain: "size=10&facets=false&highlight=false",
}

// loadWarmup is how long each kind of page is asked, untimed, before the
// measured points: the index's pages come into memory, and what an engine
// builds on first use is built.
const loadWarmup = 2 * time.Second

// MeasureLoad implements bench.LoadMeasurer: "kensaku serve" on the index,
// then for each number of clients both kinds of page for opt.Duration
// each, with the server's CPU time per request read from /proc. Each kind
// runs in two halves, in the order A B B A, so that a load on the machine
// that rises or falls during the four weighs on both kinds alike.
func (e *Engine) MeasureLoad(ctx context.Context, qs []bench.Query, opt bench.LoadOptions) *bench.LoadRun {
	r := &bench.LoadRun{}
	if r.Reason = e.cannotServe(); r.Reason != "" {
		return r
	}
	r.Available = true
	fail := func(err error) *bench.LoadRun {
		r.Failed, r.Reason = true, err.Error()
		return r
	}
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Text
	}
	srv, err := startServer(ctx, e.bin, e.index)
	if err != nil {
		return fail(err)
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	kinds := []string{bench.PageFull, bench.PagePlain}
	// The questions go on from run to run (load.Options.Offset): a
	// server that keeps what it computed for a passage (the highlighter
	// does) is not asked the questions of the warm-up or of an earlier
	// point again, as it would be if each run started at the first.
	next := 0
	for _, k := range kinds {
		res, err := load.Run(ctx, load.Options{Base: srv.base, Clients: 4, Duration: min(loadWarmup, opt.Duration), Queries: texts, Params: pageParams[k], Offset: next})
		if err != nil {
			return fail(fmt.Errorf("warm-up: %w", err))
		}
		next += res.Requests
	}
	for _, clients := range opt.Clients {
		halves := map[string][]load.Result{}
		// Both kinds ask the same questions: their first halves from
		// next, their second from where the first ended.
		at := map[string]int{kinds[0]: next, kinds[1]: next}
		for _, k := range []string{kinds[1], kinds[0], kinds[0], kinds[1]} {
			res, err := load.Run(ctx, load.Options{Base: srv.base, Clients: clients, Duration: opt.Duration / 2, Queries: texts, Params: pageParams[k], PID: pid, Offset: at[k]})
			if err != nil {
				return fail(err)
			}
			at[k] += res.Requests
			halves[k] = append(halves[k], res)
		}
		next = max(at[kinds[0]], at[kinds[1]]) % len(texts)
		for _, k := range []string{kinds[1], kinds[0]} {
			res := load.Merge(halves[k]...)
			r.Points = append(r.Points, bench.LoadPoint{
				Page: k, Params: pageParams[k], Clients: clients, Duration: res.Duration,
				Requests: res.Requests, OK: res.OK, Codes: res.Codes, PerSecond: res.PerSecond(),
				P50: res.P50, P99: res.P99, CPUPerRequest: res.CPUPerRequest(), CPUError: res.CPUError,
			})
		}
	}
	select {
	case <-srv.done:
		return fail(fmt.Errorf("kensaku serve exited during the load: %v: %s", srv.err, lastLine(srv.stderr.String())))
	default:
	}
	return r
}

// startupQuery is what the start-up is measured with: a search on the
// built-in corpus, as a user's first.
const startupQuery = "SSA"

// MeasureStartup implements bench.StartupMeasurer on the built-in corpus:
// "kensaku search SSA", the whole process, once untimed (the binary and
// its files come into the page cache) then runs times; and "kensaku serve"
// started runs times, each until /healthz answers 200, then stopped.
func (e *Engine) MeasureStartup(ctx context.Context, runs int) bench.Startup {
	st := bench.Startup{SearchCommand: "kensaku search " + startupQuery, ServeCommand: "kensaku serve"}
	if err := e.Check(ctx); err != nil {
		st.Reason = strings.TrimPrefix(err.Error(), bench.ErrUnavailable.Error()+": ")
		return st
	}
	st.Available = true
	fail := func(err error) bench.Startup {
		st.Failed, st.Reason = true, err.Error()
		return st
	}
	for i := range runs + 1 {
		var out, errb bytes.Buffer
		cmd := exec.CommandContext(ctx, e.bin, "search", startupQuery)
		cmd.Stdout, cmd.Stderr = &out, &errb
		t0 := time.Now()
		err := cmd.Run()
		wall := time.Since(t0)
		if err != nil {
			return fail(fmt.Errorf("kensaku search %s: %v: %s", startupQuery, err, firstLine(errb.String())))
		}
		if out.Len() == 0 {
			return fail(fmt.Errorf("kensaku search %s printed nothing", startupQuery))
		}
		if i == 0 {
			continue
		}
		st.Search = append(st.Search, wall)
		st.SearchCPU = append(st.SearchCPU, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	if e.noServe != "" {
		st.Note = e.noServe
		return st
	}
	for range runs {
		srv, err := startServer(ctx, e.bin, "")
		if err != nil {
			return fail(err)
		}
		ready := srv.ready.Sub(srv.started)
		if err := srv.stop(); err != nil {
			return fail(err)
		}
		st.Serve = append(st.Serve, ready)
	}
	return st
}
