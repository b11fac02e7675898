package bench

import (
	"context"
	"slices"
	"time"
)

// LoadOptions ask [Measure] for pages under load on a corpus's index: for
// each number of clients, the same questions asked as the search page asks
// them (with facets and highlights) and without either, for Duration each.
type LoadOptions struct {
	Clients  []int
	Duration time.Duration
}

// Kinds of page asked under load.
const (
	PageFull  = "facets+highlights" // as the search page asks: facets and highlighted hits
	PagePlain = "plain"             // the same, facets=false&highlight=false
)

// LoadPoint is one kind of page asked by a number of clients at once for
// a bounded time.
type LoadPoint struct {
	Page     string        `json:"page"`   // PageFull or PagePlain
	Params   string        `json:"params"` // the query parameters besides q
	Clients  int           `json:"clients"`
	Duration time.Duration `json:"duration_ns"`
	Requests int           `json:"requests"`
	OK       int           `json:"ok"`    // answered 200
	Codes    map[int]int   `json:"codes"` // requests by status, 0 for a connection error
	// PerSecond is the number of requests answered 200 per second.
	PerSecond float64 `json:"per_second"`
	// P50 and P99 are of the requests answered 200, from sending the
	// request to having read the body.
	P50 time.Duration `json:"p50_ns"`
	P99 time.Duration `json:"p99_ns"`
	// CPUPerRequest is the server's CPU time (user and system) over the
	// point divided by the requests answered 200; zero when unknown.
	CPUPerRequest time.Duration `json:"cpu_per_request_ns"`
	CPUError      string        `json:"cpu_error,omitempty"`
}

// LoadRun is what the pages under load measured on one index.
type LoadRun struct {
	Available bool        `json:"available"`
	Failed    bool        `json:"failed,omitempty"`
	Reason    string      `json:"reason,omitempty"`
	Points    []LoadPoint `json:"points,omitempty"`
	Note      string      `json:"note,omitempty"`
}

// Point returns the point of page at clients.
func (r *LoadRun) Point(page string, clients int) (LoadPoint, bool) {
	if r == nil {
		return LoadPoint{}, false
	}
	for _, p := range r.Points {
		if p.Page == page && p.Clients == clients {
			return p, true
		}
	}
	return LoadPoint{}, false
}

// Clients returns the numbers of clients of r's points, ascending.
func (r *LoadRun) Clients() []int {
	var cs []int
	for _, p := range r.Points {
		if !slices.Contains(cs, p.Clients) {
			cs = append(cs, p.Clients)
		}
	}
	slices.Sort(cs)
	return cs
}

// LoadMeasurer is implemented by engines that serve pages over HTTP and
// can be measured under load. [Measure] calls it, when asked to, after the
// variants and before Close, with the index open; qs are all the corpus's
// questions.
type LoadMeasurer interface {
	MeasureLoad(ctx context.Context, qs []Query, opt LoadOptions) *LoadRun
}

// Startup is what an engine's processes take to start: one search as a
// user runs it from the command line, the whole process, and a server
// until it answers.
type Startup struct {
	Available bool   `json:"available"`
	Failed    bool   `json:"failed,omitempty"`
	Reason    string `json:"reason,omitempty"`
	// SearchCommand is the command timed, such as "kensaku search SSA".
	SearchCommand string `json:"search_command"`
	// Search holds the wall times of its runs, from starting the process
	// to its exit, after one run untimed; SearchCPU their user and system
	// CPU times.
	Search    []time.Duration `json:"search_ns"`
	SearchCPU []time.Duration `json:"search_cpu_ns"`
	// ServeCommand is the server started, such as "kensaku serve";
	// Serve holds the times from starting it to its first answer 200 from
	// its health check.
	ServeCommand string          `json:"serve_command"`
	Serve        []time.Duration `json:"serve_ns"`
	Note         string          `json:"note,omitempty"`
}

// StartupMeasurer is implemented by engines whose start-up is measured
// (see [Startup]), runs times each.
type StartupMeasurer interface {
	MeasureStartup(ctx context.Context, runs int) Startup
}

// Median returns the median of ds (the lower middle of an even count), or
// zero for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}
