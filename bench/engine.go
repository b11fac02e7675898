package bench

import (
	"context"
	"errors"
	"math"
	"slices"
	"time"
)

// ErrUnavailable reports that an engine cannot run on this machine (a tool
// is missing, or kensaku's CLI is not built yet). Engines wrap it with the
// reason; the report then marks the engine "not available".
var ErrUnavailable = errors.New("bench: engine not available")

// Engine is one search engine under test. An Engine serves one index at a
// time: Build replaces whatever it held before.
type Engine interface {
	// Name is the engine's short label in tables, such as "lucene-kuromoji".
	Name() string
	// Check reports whether the engine can run here; it returns an error
	// wrapping ErrUnavailable when it cannot.
	Check(ctx context.Context) error
	// Build indexes every passage of c into the directory dir, which
	// exists and is empty.
	Build(ctx context.Context, c *Corpus, dir string) (BuildInfo, error)
	// Search returns the ids of the best k passages for the question q,
	// best first.
	Search(ctx context.Context, q string, k int) ([]string, error)
	// Close releases the index and any helper process.
	Close() error
}

// BuildInfo is what an engine reports about one build.
type BuildInfo struct {
	// Wall is the time the build took. Engines that run in a child process
	// report that process's wall time; zero means the caller measured the
	// Build call itself.
	Wall time.Duration
	// PeakRSSKB is the peak resident set size of the process that built the
	// index, in KiB; zero when unknown.
	PeakRSSKB int64
}

// Answer is the result of one question in a batch.
type Answer struct {
	IDs  []string      // passage ids, best first
	Took time.Duration // time the engine spent on the question, measured inside its process; zero if unknown
}

// BatchSearcher is implemented by engines that run in another process: they
// answer all questions in one process run and time each question inside
// that process, so that process start-up (a JVM, a CLI) is not counted.
type BatchSearcher interface {
	// SearchBatch answers qs in order, with k ids at most per question.
	// The answers are in the same order as qs.
	SearchBatch(ctx context.Context, qs []Query, k int) ([]Answer, error)
}

// SearchOne answers one question with a batch of one, for engines whose
// Search is their SearchBatch.
func SearchOne(ctx context.Context, b BatchSearcher, q string, k int) ([]string, error) {
	as, err := b.SearchBatch(ctx, []Query{{ID: "q", Text: q}}, k)
	if err != nil {
		return nil, err
	}
	return as[0].IDs, nil
}

// Versioner is implemented by engines that can say which version of the
// underlying software they run.
type Versioner interface {
	Version(ctx context.Context) string
}

// LatencyNoter is implemented by engines whose latency figures need a
// caveat in the report. meanOnly says the per-question times are all one
// mean derived from wall times, so percentiles are not known.
type LatencyNoter interface {
	LatencyNote() (note string, meanOnly bool)
}

// Warmup is how many questions of a batch of n are asked once, untimed,
// before the timed run: a fifth, at most 200.
func Warmup(n int) int { return min(200, n/5) }

// Variant is a further timing of an engine's questions on the index its
// common run used: kensaku with highlighting, and kensaku over HTTP. The
// common run stays the one engines are compared on; variants show what an
// option or a way of calling costs on top of it.
type Variant struct {
	Name      string `json:"name"` // short label, such as "highlight" or "http"
	Available bool   `json:"available"`
	Failed    bool   `json:"failed,omitempty"`
	Reason    string `json:"reason,omitempty"` // why the variant is not available, or why it failed

	Latency  Latency `json:"latency"`
	MeanOnly bool    `json:"mean_only,omitempty"` // only Latency.Mean is known
	Note     string  `json:"note,omitempty"`      // how it was timed, and anything odd seen
	// Differing counts the questions whose hits differ from the common
	// run's beyond the order of equal scores (see [SameUpToTies]); TieOrder
	// those that differ only in that order, or in which of the hits tied at
	// the last place made the cut.
	Differing int `json:"differing"`
	TieOrder  int `json:"tie_order,omitempty"`

	// ServerRSSKB and ServerHWMKB are the serving process's VmRSS and
	// VmHWM (its peak) after the questions, in KiB; zero when the variant
	// has no server or they could not be read.
	ServerRSSKB int64 `json:"server_rss_kb,omitempty"`
	ServerHWMKB int64 `json:"server_hwm_kb,omitempty"`
}

// VariantMeasurer is implemented by engines that time the questions in
// further ways (see [Variant]). [Measure] calls it after the common run and
// before Close, with the index still open; base holds the common run's
// answers, in the order of qs. A variant that cannot run comes back with
// Available false or Failed and the reason, so that the common figures
// stand whatever happens to it.
type VariantMeasurer interface {
	MeasureVariants(ctx context.Context, qs []Query, k int, base [][]string) []Variant
}

// Ranked is one answer with its scores, for comparing runs.
type Ranked struct {
	IDs    []string
	Scores []float64 // parallel to IDs; nil when unknown
}

// CompareAnswers counts the questions whose answers in got differ from
// those in want: differing beyond ties, and differing only in the order of
// equal scores (see [SameUpToTies]). Answers without scores count as
// differing whenever their ids differ.
func CompareAnswers(want, got []Ranked, k int) (differing, tieOrder int) {
	for i := range max(len(want), len(got)) {
		var w, g Ranked
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		switch {
		case slices.Equal(w.IDs, g.IDs):
		case SameUpToTies(w, g, k):
			tieOrder++
		default:
			differing++
		}
	}
	return differing, tieOrder
}

// SameUpToTies reports whether a and b rank the same hits with the same
// scores, except for the order of hits with equal scores and, when a list
// is full (k hits), for which of the hits tied at the last score made the
// cut. Engines order ties arbitrarily: the scale corpora hold many copies of
// a passage that score alike.
func SameUpToTies(a, b Ranked, k int) bool {
	n := len(a.IDs)
	if len(b.IDs) != n || len(a.Scores) != n || len(b.Scores) != n {
		return false
	}
	for i := range n {
		if !sameScore(a.Scores[i], b.Scores[i]) {
			return false
		}
	}
	// Compare each run of equal scores as a set.
	for start := 0; start < n; {
		end := start + 1
		for end < n && sameScore(a.Scores[end], a.Scores[start]) {
			end++
		}
		if end == n && n == k {
			break // the last run may go on past the cut, differently in each
		}
		x, y := slices.Clone(a.IDs[start:end]), slices.Clone(b.IDs[start:end])
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			return false
		}
		start = end
	}
	return true
}

// sameScore compares scores that went through JSON in different processes.
func sameScore(x, y float64) bool {
	return math.Abs(x-y) <= 1e-9*max(math.Abs(x), math.Abs(y))
}
