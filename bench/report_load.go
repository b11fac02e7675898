package bench

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// loadRun returns the measurement that holds pages under load, if any.
func (r Report) loadRun() (Measurement, bool) {
	for _, m := range r.Results {
		if m.Load != nil {
			return m, true
		}
	}
	return Measurement{}, false
}

// codesCell writes status codes as "200: 1234, 503: 5".
func codesCell(codes map[int]int) string {
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		parts = append(parts, fmt.Sprintf("%d: %d", c, codes[c]))
	}
	return strings.Join(parts, ", ")
}

// cpuMS writes a CPU time per request in ms, or the reason it is unknown.
func cpuMS(p LoadPoint) string {
	if p.CPUPerRequest == 0 {
		if p.CPUError != "" {
			return "unknown"
		}
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(p.CPUPerRequest)/1e6)
}

// writeLoad writes the pages-under-load table.
func writeLoad(p func(string, ...any), r Report) {
	m, ok := r.loadRun()
	if !ok {
		return
	}
	lr := m.Load
	p("## %s: pages under load on %s\n\n", m.Engine, m.Corpus)
	if !lr.Available || lr.Failed {
		p("%s.\n\n", variantStatus(Variant{Available: lr.Available, Failed: lr.Failed, Reason: lr.Reason}, true))
		return
	}
	var dur time.Duration
	if len(lr.Points) > 0 {
		dur = lr.Points[0].Duration.Round(time.Second)
	}
	p("`kensaku serve` on the index of %s, loaded by N clients at once, each asking its next question as soon as it has read the answer to the last, the %s questions in turn, for %v a point. ", m.Corpus, r.BaseCorpus, dur)
	p("The %s page is `GET /search?q=…&%s`, facets and highlighted hits as the search page asks; plain is `GET /search?q=…&%s`. ", PageFull, paramsOf(lr, PageFull), paramsOf(lr, PagePlain))
	p("Latency is the client's, from sending a request to having read the answer, of the requests answered 200; server CPU is the `kensaku serve` process's user+system time over the point (/proc/PID/stat) per request answered 200, what a request costs whatever else the machine runs. ")
	p("For each number of clients each kind runs in two halves of its time, in the order plain, %s, %s, plain (after a warm-up), so that a load on the machine that changes meanwhile weighs on both alike; with/without is the %s figure over plain's. ", PageFull, PageFull, PageFull)
	p("Both kinds ask the same questions, and the questions go on from one point to the next rather than starting again at the first: a question is not asked twice (the server keeps the analysis of the passages it highlighted last) until all have been.\n\n")
	p("| clients | page | answered /s | p50 ms | p99 ms | server CPU ms / request | CPU with/without | throughput with/without | status codes |\n")
	p("|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range lr.Clients() {
		plain, okPlain := lr.Point(PagePlain, c)
		for _, page := range []string{PagePlain, PageFull} {
			pt, ok := lr.Point(page, c)
			if !ok {
				continue
			}
			cpuRatio, tpRatio := "", ""
			if page == PageFull && okPlain {
				if pt.CPUPerRequest > 0 && plain.CPUPerRequest > 0 {
					x := float64(pt.CPUPerRequest) / float64(plain.CPUPerRequest)
					cpuRatio = fmt.Sprintf("%.2f× (%+.0f%%)", x, (x-1)*100)
				}
				if plain.PerSecond > 0 {
					tpRatio = fmt.Sprintf("%.2f×", pt.PerSecond/plain.PerSecond)
				}
			}
			p("| %d | %s | %.0f | %s | %s | %s | %s | %s | %s |\n", c, page, pt.PerSecond, ms(pt.P50), ms(pt.P99), cpuMS(pt), cpuRatio, tpRatio, codesCell(pt.Codes))
		}
	}
	p("\n")
	if lr.Note != "" {
		p("%s\n\n", lr.Note)
	}
}

func paramsOf(lr *LoadRun, page string) string {
	for _, pt := range lr.Points {
		if pt.Page == page {
			return pt.Params
		}
	}
	return ""
}

// writeStartup writes the start-up table.
func writeStartup(p func(string, ...any), st *Startup) {
	if st == nil {
		return
	}
	p("## kensaku: start-up\n\n")
	if !st.Available || st.Failed {
		p("%s.\n\n", variantStatus(Variant{Available: st.Available, Failed: st.Failed, Reason: st.Reason}, true))
		return
	}
	p("On the built-in corpus, each process started by the harness as a user starts it. `%s` is timed from starting the process to its exit, after one run untimed; `%s` from starting the process to the first answer 200 from `GET /healthz` (asked every 2 ms), then it is stopped. Times in seconds.\n\n", st.SearchCommand, st.ServeCommand)
	p("| command | runs | median s | min s | max s | CPU median s |\n|---|---|---|---|---|---|\n")
	row := func(name string, ds, cpu []time.Duration) {
		if len(ds) == 0 {
			return
		}
		c := "–"
		if len(cpu) > 0 {
			c = fmt.Sprintf("%.3f", Median(cpu).Seconds())
		}
		p("| %s | %d | %.3f | %.3f | %.3f | %s |\n", name, len(ds), Median(ds).Seconds(), slices.Min(ds).Seconds(), slices.Max(ds).Seconds(), c)
	}
	row("`"+st.SearchCommand+"`, whole process", st.Search, st.SearchCPU)
	row("`"+st.ServeCommand+"` until `/healthz` answers", st.Serve, nil)
	p("\n")
	if st.Note != "" {
		p("%s\n\n", st.Note)
	}
}
