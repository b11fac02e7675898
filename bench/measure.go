package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Measurement is what one engine did on one corpus.
type Measurement struct {
	Engine    string `json:"engine"`
	Version   string `json:"version,omitempty"`
	Corpus    string `json:"corpus"`
	Available bool   `json:"available"`
	Reason    string `json:"reason,omitempty"` // why the engine is not available, or why it failed
	Failed    bool   `json:"failed,omitempty"`

	Docs        int           `json:"docs"`
	CorpusBytes int64         `json:"corpus_bytes"` // passage text, UTF-8
	BuildWall   time.Duration `json:"build_wall_ns"`
	IndexBytes  int64         `json:"index_bytes"`
	PeakRSSKB   int64         `json:"peak_rss_kb"` // of the process that built the index

	Latency     Latency  `json:"latency"`
	LatencyNote string   `json:"latency_note,omitempty"` // how latency was measured
	MeanOnly    bool     `json:"mean_only,omitempty"`    // only Latency.Mean is known; P50 and P99 are that mean
	Quality     *Quality `json:"quality,omitempty"`      // nil when the corpus is not judged

	// Variants are further timings on the same index (see [Variant]).
	Variants []Variant `json:"variants,omitempty"`
	// Load holds the pages under load on the same index, when asked for
	// (see [LoadOptions]).
	Load *LoadRun `json:"load,omitempty"`
}

// Variant returns m's variant called name.
func (m Measurement) Variant(name string) (Variant, bool) {
	for _, v := range m.Variants {
		if v.Name == name {
			return v, true
		}
	}
	return Variant{}, false
}

// MBPerSecond is the build throughput in megabytes (10^6 bytes) of passage
// text per second of wall time.
func (m Measurement) MBPerSecond() float64 {
	if m.BuildWall <= 0 {
		return 0
	}
	return float64(m.CorpusBytes) / 1e6 / m.BuildWall.Seconds()
}

// Options tune [Measure].
type Options struct {
	K         int          // hits per question; 0 means 10
	Queries   int          // questions to time; 0 means all of the corpus's
	Warmup    int          // questions run once, untimed, before the timed run (in-process engines); 0 means [Warmup] of the questions
	Logger    *slog.Logger // progress; nil discards
	KeepIndex bool         // leave the index directory in place after measuring
	// Load asks engines that are [LoadMeasurer]s for pages under load on
	// the index, after the variants; nil for none.
	Load *LoadOptions
}

// Measure builds c with e in a fresh directory under workDir, then asks it
// c's questions and returns the figures. An engine that is not available
// yields a Measurement with Available false and no error; an engine that
// fails yields Failed and the reason, also without error, so that a run
// goes on with the other engines. Only ctx ending is returned as an error.
func Measure(ctx context.Context, e Engine, c *Corpus, workDir string, opt Options) (Measurement, error) {
	if opt.K == 0 {
		opt.K = 10
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := Measurement{Engine: e.Name(), Corpus: c.Name, Docs: len(c.Passages), CorpusBytes: c.TextBytes()}
	if v, ok := e.(Versioner); ok {
		m.Version = v.Version(ctx)
	}
	if err := e.Check(ctx); err != nil {
		m.Reason = strings.TrimPrefix(err.Error(), ErrUnavailable.Error()+": ")
		return m, ctx.Err()
	}
	m.Available = true
	fail := func(what string, err error) (Measurement, error) {
		m.Failed = true
		m.Reason = fmt.Sprintf("%s: %v", what, err)
		log.Warn("engine failed", "engine", m.Engine, "corpus", m.Corpus, "err", m.Reason)
		return m, ctx.Err()
	}

	dir := filepath.Join(workDir, "index", fmt.Sprintf("%s-%s", m.Engine, c.Name))
	if err := os.RemoveAll(dir); err != nil {
		return fail("clear index dir", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail("make index dir", err)
	}
	if !opt.KeepIndex {
		defer os.RemoveAll(dir)
	}
	defer e.Close()

	log.Info("build", "engine", m.Engine, "corpus", m.Corpus, "docs", m.Docs, "bytes", m.CorpusBytes)
	start := time.Now()
	bi, err := e.Build(ctx, c, dir)
	wall := time.Since(start)
	if err != nil {
		return fail("build", err)
	}
	m.BuildWall = bi.Wall
	if m.BuildWall == 0 {
		m.BuildWall = wall
	}
	m.PeakRSSKB = bi.PeakRSSKB
	if m.PeakRSSKB == 0 {
		m.PeakRSSKB = selfMaxRSSKB()
	}
	m.IndexBytes, err = dirSize(dir)
	if err != nil {
		return fail("index size", err)
	}

	qs := c.Queries
	if opt.Queries > 0 && opt.Queries < len(qs) {
		qs = qs[:opt.Queries]
	}
	log.Info("search", "engine", m.Engine, "corpus", m.Corpus, "queries", len(qs))
	answers := make([][]string, len(qs))
	var took []time.Duration
	if bs, ok := e.(BatchSearcher); ok {
		as, err := bs.SearchBatch(ctx, qs, opt.K)
		if err != nil {
			return fail("search", err)
		}
		if len(as) != len(qs) {
			return fail("search", fmt.Errorf("%d answers for %d questions", len(as), len(qs)))
		}
		for i, a := range as {
			answers[i] = a.IDs
			if a.Took > 0 {
				took = append(took, a.Took)
			}
		}
		m.LatencyNote = "timed inside the engine process, warm"
		if len(took) < len(qs) {
			m.LatencyNote = fmt.Sprintf("timed inside the engine process for %d of %d questions", len(took), len(qs))
		}
		if ln, ok := e.(LatencyNoter); ok {
			if note, meanOnly := ln.LatencyNote(); note != "" {
				m.LatencyNote, m.MeanOnly = note, meanOnly
			}
		}
	} else {
		warm := opt.Warmup
		if warm == 0 {
			warm = Warmup(len(qs))
		}
		for _, q := range qs[:min(warm, len(qs))] {
			if _, err := e.Search(ctx, q.Text, opt.K); err != nil {
				return fail("warm-up search", err)
			}
		}
		took = make([]time.Duration, 0, len(qs))
		for i, q := range qs {
			if err := ctx.Err(); err != nil {
				return m, err
			}
			t0 := time.Now()
			ids, err := e.Search(ctx, q.Text, opt.K)
			took = append(took, time.Since(t0))
			if err != nil {
				return fail("search "+q.ID, err)
			}
			answers[i] = ids
		}
		m.LatencyNote = "in-process, warm"
	}
	m.Latency = Summarize(took)
	if vm, ok := e.(VariantMeasurer); ok {
		log.Info("variants", "engine", m.Engine, "corpus", m.Corpus, "queries", len(qs))
		m.Variants = vm.MeasureVariants(ctx, qs, opt.K, answers)
		for _, v := range m.Variants {
			if !v.Available || v.Failed {
				log.Warn("variant not measured", "engine", m.Engine, "corpus", m.Corpus, "variant", v.Name, "reason", v.Reason)
			}
		}
	}
	if lm, ok := e.(LoadMeasurer); ok && opt.Load != nil && len(opt.Load.Clients) > 0 {
		log.Info("load", "engine", m.Engine, "corpus", m.Corpus, "clients", opt.Load.Clients, "duration", opt.Load.Duration)
		m.Load = lm.MeasureLoad(ctx, c.Queries, *opt.Load)
		if m.Load != nil && (!m.Load.Available || m.Load.Failed) {
			log.Warn("load not measured", "engine", m.Engine, "corpus", m.Corpus, "reason", m.Load.Reason)
		}
	}
	if c.Judged {
		q := Judge(qs, answers)
		m.Quality = &q
	}
	return m, ctx.Err()
}

// diskBytes is the space a file takes on disk (allocated blocks), so that
// sparse, preallocated files (Groonga's) count for what they use; it falls
// back to the apparent size.
func diskBytes(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Blocks * 512
	}
	return info.Size()
}

// dirSize sums the disk usage of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += diskBytes(info)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	return n, nil
}

// selfMaxRSSKB returns this process's peak resident set size in KiB.
func selfMaxRSSKB() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss // KiB on Linux
}

// ChildRSSKB returns the peak resident set size in KiB of a finished child
// process from its [os.ProcessState], or 0 when unknown.
func ChildRSSKB(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
