package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kensaku/kensaku/bench"
)

// runBilingual measures every engine on the bilingual-real set (real
// Japanese text, queries in another form than their relevant passages) and
// writes the per-family report to c.out.
func runBilingual(ctx context.Context, c *config, args []string, stdout io.Writer, log *slog.Logger) error {
	set, err := bench.LoadBilingual(filepath.Join(c.root, "bench", "data", bench.BilingualName), c.data, c.queries)
	if err != nil {
		return err
	}
	if c.smoke {
		// A quick check: the first 20 queries on their relevant passages
		// and others up to 300 passages.
		s := bench.Sample(set.Corpus, 300, 20)
		set.Corpus, set.Queries = s, set.Queries[:len(s.Queries)]
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return fmt.Errorf("make work dir: %w", err)
	}
	if !c.smoke && c.install {
		installMissing(ctx, log)
	}
	rep := bench.SetReport{
		Machine: bench.ReadMachine(),
		Started: time.Now(),
		Command: strings.TrimSpace("go run ./bench/cmd/bench " + strings.Join(args, " ")),
		Corpus:  set,
	}
	var failed []string
	for _, name := range c.engines {
		e, err := newEngine(name, c.work)
		if err != nil {
			return err
		}
		run, err := bench.RunSet(ctx, e, set.Corpus, c.work, log)
		if err != nil {
			return err
		}
		log.Info("measured", "engine", name, "corpus", set.Corpus.Name, "available", run.Available, "failed", run.Failed, "reason", run.Reason)
		if run.Failed {
			failed = append(failed, name+": "+run.Reason)
		}
		rep.Runs = append(rep.Runs, run)
	}
	rep.Elapsed = time.Since(rep.Started)
	if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
		return fmt.Errorf("make results dir: %w", err)
	}
	if err := bench.WriteFile(c.out, func(w io.Writer) error { return bench.WriteSetReport(w, rep) }); err != nil {
		return err
	}
	// The per-family table on stdout, for the impatient.
	for _, run := range rep.Runs {
		if !run.Available || run.Failed {
			fmt.Fprintf(stdout, "%-16s not measured: %s\n", run.Engine, run.Reason)
			continue
		}
		for _, fq := range bench.JudgeFamilies(set.Queries, run.Answers) {
			fmt.Fprintf(stdout, "%-16s %-10s %3d  all@10 %.3f  recall@10 %.3f  mrr@10 %.3f\n",
				run.Engine, fq.Family, fq.Queries, fq.All10, fq.Recall10, fq.MRR10)
		}
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", c.out)
	if len(failed) > 0 {
		return fmt.Errorf("%d engine runs failed:\n  %s", len(failed), strings.Join(failed, "\n  "))
	}
	return nil
}
