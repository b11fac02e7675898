package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "index")
	dir := fs.String("index", "", "index `directory` to build or replace (required)")
	userDict := fs.String("user-dict", "", "user dictionary `file` of extra words for the analyzer")
	batch := fs.Int("batch-size", indexer.DefaultBatchSize, "passages per indexing batch")
	quiet := fs.Bool("quiet", false, "no progress and no summary on stderr (skipped inputs are still reported)")
	allowShrink := fs.Bool("allow-shrink", false, "replace an index even with one of less than half its passages")
	verbose := fs.Bool("verbose", false, "report each stage of the build on stderr as a line, and the indexing every 10 s, also when it is not a terminal")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	update := fs.Bool("update", false, "update the index at DIR instead of replacing it: add the passages of INPUT, a document read again replacing its old passages (see kensaku delete, kensaku optimize)")
	var glossaries stringList
	fs.Var(&glossaries, "glossary", "user glossary TSV `file` to store with the index; repeatable")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() == 0 {
		if *dir == "" {
			fmt.Fprintf(e.stderr, "kensaku index: --index DIR is required\n")
		} else {
			fmt.Fprintf(e.stderr, "kensaku index: no INPUT to index\n")
		}
		fs.Usage()
		return errUsage
	}
	if err := checkRange(fs, "batch-size", *batch, 1, 1_000_000); err != nil {
		return err
	}
	if *update && (*userDict != "" || len(glossaries) > 0) {
		return errors.New("index: --update keeps the index's user dictionary and glossary; rebuild the index to change them")
	}
	if err := checkInputs(fs.Args()); err != nil {
		return err
	}
	// a tool missing for PDF inputs: one line, before the index is touched
	if err := corpus.CheckTools(fs.Args()); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	entries, err := readGlossaries(e, glossaries)
	if err != nil {
		return err
	}
	opts := indexer.Options{
		Glossary:      entries,
		GlossaryFiles: glossaries,
		Inputs:        fs.Args(),
		BatchSize:     *batch,
	}
	if !*allowShrink {
		opts.MinShare = 0.5
	}
	opts.ExpectBytes = expectedText(fs.Args())
	if *userDict != "" {
		if opts.UserDict, err = readUserDict(*userDict); err != nil {
			return fmt.Errorf("index: user dictionary: %w", err)
		}
		if _, err := analyzers.ParseUserDict(opts.UserDict); err != nil {
			return fmt.Errorf("index: user dictionary %s: %w", *userDict, err)
		}
	}
	var bar *progressBar
	var show func(indexer.Progress)
	switch {
	case *quiet:
	case isTerminal(e.stderr):
		bar = &progressBar{w: e.stderr}
		show = bar.update
	case *verbose:
		show = stageLines(e.stderr, verboseEvery)
	}
	// A signal stops the build until it reaches StagePublishing; record
	// which side of it a signal came, to say so.
	var publishing atomic.Bool
	opts.Progress = func(p indexer.Progress) {
		if p.Stage == indexer.StagePublishing {
			publishing.Store(true)
		}
		if show != nil {
			show(p)
		}
	}
	signalledLate := make(chan bool, 1)
	go func() {
		<-ctx.Done()
		signalledLate <- publishing.Load()
	}()
	var rep *indexer.Report
	if *update {
		rep, err = indexer.Update(ctx, *dir, indexer.Change{Source: indexer.Files(fs.Args()), ReplaceDocuments: true}, opts)
	} else {
		rep, err = indexer.Build(ctx, *dir, indexer.Files(fs.Args()), opts)
	}
	if bar != nil {
		bar.clear()
	}
	if rep != nil {
		printProblems(e.stderr, rep)
		if !*quiet {
			printReport(e.stderr, *dir, rep)
			if *update {
				printChanges(e.stderr, rep)
			}
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("index: interrupted; the previous index, if any, is unchanged")
		}
		return err
	}
	if ctx.Err() != nil {
		if late := <-signalledLate; late {
			fmt.Fprintf(e.stderr, "kensaku: interrupted while the new index was published; it is complete\n")
		} else {
			// Cannot happen: a build checks for a signal after it reports
			// StagePublishing.
			return errors.New("index: interrupted, yet the build went on; check the index with kensaku search")
		}
	}
	if len(rep.Problems)+len(rep.Skipped) > 0 {
		return errPartial
	}
	return nil
}

// verboseEvery is how often --verbose reports the indexing stage.
const verboseEvery = 10 * time.Second

// checkInputs checks that every input named on the command line exists and
// can be read, so that a misspelt name fails the run before anything is
// written. Files inside directories that cannot be read are skipped and
// reported instead.
func checkInputs(inputs []string) error {
	var errs []error
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err == nil && fi.Mode().IsRegular() {
			var f *os.File
			if f, err = os.Open(in); err == nil {
				f.Close()
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("index: nothing was indexed: %w", errors.Join(errs...))
	}
	return nil
}

// printProblems writes every input, line and passage a build skipped.
func printProblems(w io.Writer, rep *indexer.Report) {
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "kensaku: skipped %s\n", describeProblem(p.Path, p.Line, p.Err))
	}
	for _, p := range rep.Skipped {
		fmt.Fprintf(w, "kensaku: skipped %s\n", describeProblem(p.Path, p.Line, p.Err))
	}
}

// printReport writes the summary of a build.
func printReport(w io.Writer, dir string, rep *indexer.Report) {
	secs := rep.Elapsed.Seconds()
	mb := float64(rep.Bytes) / 1e6
	rate := 0.0
	if secs > 0 {
		rate = mb / secs
	}
	fmt.Fprintf(w, "indexed %d passages from %d documents (%d files), %.1f MB in %.1f s (%.2f MB/s) into %s\n",
		rep.Indexed, rep.Documents, rep.Files, mb, secs, rate, dir)
	printSkippedTypes(w, rep.SkippedByExt)
	if n := len(rep.Problems) + len(rep.Skipped); n > 0 {
		fmt.Fprintf(w, "%d inputs or passages skipped (listed above)\n", n)
	}
	fmt.Fprintf(w, "%d glossary definitions mined\n", rep.Mined)
}

// printSkippedTypes writes how many files of a type not read were skipped
// in the directories, by extension, most first: "skipped 26 files: 20 .png,
// 6 .xlsx". Nothing when there were none.
func printSkippedTypes(w io.Writer, byExt map[string]int) {
	if len(byExt) == 0 {
		return
	}
	exts := make([]string, 0, len(byExt))
	total := 0
	for ext, n := range byExt {
		exts = append(exts, ext)
		total += n
	}
	sort.Slice(exts, func(i, j int) bool {
		if byExt[exts[i]] != byExt[exts[j]] {
			return byExt[exts[i]] > byExt[exts[j]]
		}
		return exts[i] < exts[j]
	})
	parts := make([]string, len(exts))
	for i, ext := range exts {
		parts[i] = fmt.Sprintf("%d %s", byExt[ext], ext)
	}
	noun := "files"
	if total == 1 {
		noun = "file"
	}
	fmt.Fprintf(w, "skipped %d %s: %s\n", total, noun, strings.Join(parts, ", "))
}

func describeProblem(path string, line int, err error) string {
	var b strings.Builder
	b.WriteString(path)
	if line > 0 {
		fmt.Fprintf(&b, ":%d", line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(err.Error())
	return b.String()
}

// progressBar draws build progress on one terminal line.
type progressBar struct {
	w    io.Writer
	last time.Time
}

func (b *progressBar) update(p indexer.Progress) {
	if !p.Done && time.Since(b.last) < 200*time.Millisecond {
		return
	}
	b.last = time.Now()
	mb := float64(p.Bytes) / 1e6
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = mb / s
	}
	if p.Stage != "" {
		fmt.Fprintf(b.w, "\r\x1b[Kindexed %d passages, %.1f MB; %s…, %s", p.Passages, mb, p.Stage, p.Elapsed.Round(time.Second))
		return
	}
	fmt.Fprintf(b.w, "\r\x1b[Kindexing: %d passages, %.1f MB, %.2f MB/s, %s", p.Passages, mb, rate, p.Elapsed.Round(time.Second))
}

func (b *progressBar) clear() { fmt.Fprint(b.w, "\r\x1b[K") }

// stageLines returns a Progress function that writes a line when a build
// reaches a stage and, while passages are being indexed, one every interval
// of the build's time: for logs, where a progress bar has no place.
func stageLines(w io.Writer, every time.Duration) func(indexer.Progress) {
	last := "indexing"
	var lastAt time.Duration // Elapsed at the last line
	fmt.Fprintf(w, "kensaku: %s\n", last)
	return func(p indexer.Progress) {
		switch {
		case p.Stage == "" && p.Elapsed-lastAt >= every:
		case p.Stage != "" && p.Stage != last:
			last = p.Stage
		default:
			return
		}
		lastAt = p.Elapsed
		fmt.Fprintf(w, "kensaku: %s (%d passages, %.1f MB, %s)\n", last, p.Passages, float64(p.Bytes)/1e6, p.Elapsed.Round(time.Millisecond))
	}
}

// expectedText estimates the bytes of text the inputs hold, for the
// build's disk-space check: a file's size, less for formats whose text is
// a small part of the file (PDF: 1/5, HTML: 1/2), more for compressed ones
// (.gz: 3 times). It errs low, so that a build that fits is never refused.
func expectedText(inputs []string) int64 {
	var total float64
	for _, in := range inputs {
		filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			f := 1.0
			name := strings.ToLower(path)
			switch {
			case strings.HasSuffix(name, ".gz"):
				f = 3
			case strings.HasSuffix(name, ".pdf"):
				f = 0.2
			case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"), strings.HasSuffix(name, ".xhtml"):
				f = 0.5
			}
			total += f * float64(fi.Size())
			return nil
		})
	}
	return int64(total)
}
