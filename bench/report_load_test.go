package bench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestWriteReportLoadAndStartup(t *testing.T) {
	ms := time.Millisecond
	pt := func(page string, clients int, perSec float64, p50, p99, cpu time.Duration, codes map[int]int) LoadPoint {
		return LoadPoint{Page: page, Params: map[string]string{PageFull: "size=10", PagePlain: "size=10&facets=false&highlight=false"}[page],
			Clients: clients, Duration: 10 * time.Second, PerSecond: perSec, P50: p50, P99: p99, CPUPerRequest: cpu, Codes: codes}
	}
	r := Report{Engines: []string{"kensaku"}, BaseCorpus: "jsquad-valid", Results: []Measurement{
		{Engine: "kensaku", Corpus: "jsquad-valid", Available: true},
		{Engine: "kensaku", Corpus: "scale-48MB", Available: true, Load: &LoadRun{Available: true, Points: []LoadPoint{
			pt(PagePlain, 16, 400, 30*ms, 90*ms, 4*ms, map[int]int{200: 4000}),
			pt(PageFull, 16, 350, 35*ms, 100*ms, 4800*time.Microsecond, map[int]int{200: 3500}),
			pt(PageFull, 64, 340, 150*ms, 400*ms, 5*ms, map[int]int{200: 3400, 503: 12}),
			pt(PagePlain, 64, 400, 140*ms, 380*ms, 4*ms, map[int]int{200: 4000}),
		}}},
	}, Startup: &Startup{Available: true, SearchCommand: "kensaku search SSA", ServeCommand: "kensaku serve",
		Search:    []time.Duration{120 * ms, 100 * ms, 140 * ms},
		SearchCPU: []time.Duration{150 * ms, 130 * ms, 160 * ms},
		Serve:     []time.Duration{250 * ms, 200 * ms}}}
	var b bytes.Buffer
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"## kensaku: pages under load on scale-48MB",
		"`GET /search?q=…&size=10&facets=false&highlight=false`",
		"| 16 | plain | 400 | 30.0 | 90.0 | 4.00 |  |  | 200: 4000 |",
		"| 16 | facets+highlights | 350 | 35.0 | 100 | 4.80 | 1.20× (+20%) | 0.88× | 200: 3500 |",
		"| 64 | facets+highlights | 340 | 150 | 400 | 5.00 | 1.25× (+25%) | 0.85× | 200: 3400, 503: 12 |",
		"## kensaku: start-up",
		"| `kensaku search SSA`, whole process | 3 | 0.120 | 0.100 | 0.140 | 0.150 |",
		"| `kensaku serve` until `/healthz` answers | 2 | 0.200 | 0.200 | 0.250 | – |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// The plain row comes before the facets+highlights row of each number
	// of clients, whatever the order they ran in.
	if i, j := strings.Index(out, "| 64 | plain |"), strings.Index(out, "| 64 | facets+highlights |"); i < 0 || j < i {
		t.Errorf("64 clients: plain at %d, facets+highlights at %d", i, j)
	}

	r.Results[1].Load = &LoadRun{Available: true, Failed: true, Reason: "kensaku serve exited"}
	r.Startup = &Startup{Reason: "no CLI"}
	b.Reset()
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"failed: kensaku serve exited.", "not available: no CLI."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{{nil, 0}, {[]time.Duration{3}, 3}, {[]time.Duration{5, 1, 3}, 3}, {[]time.Duration{4, 1, 3, 2}, 2}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
