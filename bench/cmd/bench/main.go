// Command bench measures kensaku and its peer engines side by side and
// writes bench/RESULTS.md and bench/results.svg.
//
// Usage, from the repository root:
//
//	go run ./bench/cmd/bench            # full run: JSQuAD + 12/24/48/96 MB scale corpora
//	go run ./bench/cmd/bench --smoke    # tiny corpus, engines already installed, < 1 minute
//
// See bench/README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/bench/engines/blevecjk"
	"github.com/kensaku/kensaku/bench/engines/groonga"
	"github.com/kensaku/kensaku/bench/engines/kensaku"
	"github.com/kensaku/kensaku/bench/engines/lucene"
	"github.com/kensaku/kensaku/bench/engines/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

// config is the parsed command line.
type config struct {
	smoke        bool
	root         string // repository root
	data         string
	work         string
	out          string
	chart        string
	engines      []string
	sizesMB      []int
	scaleQueries int
	install      bool
	worker       string        // run one in-process engine and print its Measurement as JSON
	corpus       string        // the worker's corpus name
	dataset      string        // "jsquad" or bench.BilingualName
	queries      string        // the bilingual set's queries file
	loadClients  []int         // pages under load on the largest corpus: clients per point; none to skip
	loadDuration time.Duration // per point
	startupRuns  int           // kensaku's start-up, runs of each; 0 to skip
}

// engineNames is every engine, in table order.
var engineNames = []string{"kensaku", "lucene-kuromoji", "lucene-cjk", "bleve-cjk", "sqlite-trigram", "groonga-bigram", "groonga-mecab"}

// inProcess names the engines that run inside the bench process; a full run
// measures each in a child process of its own, for a clean peak RSS.
var inProcess = map[string]bool{"bleve-cjk": true}

// debianPackages are installed when their tool is missing.
var debianPackages = []struct{ check, pkg string }{
	{"/usr/bin/groonga", "groonga-bin"},
	{"/usr/lib/x86_64-linux-gnu/groonga/plugins/tokenizers/mecab.so", "groonga-tokenizer-mecab"},
	{"/usr/bin/sqlite3", "sqlite3"},
	{bench.GNUTime, "time"},
	{"/usr/bin/javac", "default-jdk-headless"},
	{"/usr/share/java/lucene-analyzers-kuromoji-8.7.0.jar", "liblucene8-java"},
}

func newEngine(name, work string) (bench.Engine, error) {
	switch name {
	case "kensaku":
		return kensaku.New(work), nil
	case "lucene-kuromoji":
		return lucene.New("kuromoji", work), nil
	case "lucene-cjk":
		return lucene.New("cjk", work), nil
	case "bleve-cjk":
		return blevecjk.New(), nil
	case "sqlite-trigram":
		return sqlite.New(), nil
	case "groonga-bigram":
		return groonga.NewBigram(), nil
	case "groonga-mecab":
		return groonga.NewMecab(), nil
	}
	return nil, fmt.Errorf("unknown engine %q, want one of %s", name, strings.Join(engineNames, ", "))
}

func parseConfig(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &config{}
	var engines, sizes, loadClients string
	fs.BoolVar(&c.smoke, "smoke", false, "quick run: a small sample of JSQuAD, engines already installed, nothing installed, results under the work directory")
	fs.StringVar(&c.data, "data", "", "JSQuAD `directory` (default ../shared/data/jsquad-valid if present, else bench/data/jsquad-valid)")
	fs.StringVar(&c.work, "work", "", "work `directory` for corpora, indexes and compiled programs (default bench/work)")
	fs.StringVar(&c.out, "out", "", "results `file` (default bench/RESULTS.md; work/smoke/RESULTS.md with --smoke)")
	fs.StringVar(&c.chart, "chart", "", "chart `file` (default beside the results file, results.svg)")
	fs.StringVar(&engines, "engines", strings.Join(engineNames, ","), "comma-separated `engines` to run")
	fs.StringVar(&sizes, "sizes", "12,24,48,96", "scale corpus sizes in `MB` of passage text (0 or empty for none)")
	fs.IntVar(&c.scaleQueries, "scale-queries", 200, "questions timed on each scale corpus")
	fs.BoolVar(&c.install, "install", true, "install missing Debian packages with apt-get (full runs as root only)")
	fs.StringVar(&c.worker, "worker", "", "internal: measure one in-process `engine` and print JSON")
	fs.StringVar(&c.corpus, "corpus", "", "internal: the worker's corpus `name`")
	fs.StringVar(&c.dataset, "dataset", "jsquad", "`set` to measure: jsquad (quality, speed and scaling) or "+bench.BilingualName+" (cross-form retrieval per query family, bench/data/"+bench.BilingualName+")")
	fs.StringVar(&c.queries, "queries", "queries.jsonl", "with --dataset "+bench.BilingualName+": the queries `file` in its directory (queries.jsonl, heldout-queries.jsonl, blind-queries.jsonl)")
	fs.StringVar(&loadClients, "load-clients", "16,64", "pages under load on kensaku's index of the largest corpus: comma-separated `numbers` of clients, each asked with facets and highlights and without (0 or empty to skip; 2 with --smoke)")
	fs.DurationVar(&c.loadDuration, "load-duration", 10*time.Second, "how long each point under load runs (1s with --smoke)")
	fs.IntVar(&c.startupRuns, "startup-runs", 11, "times kensaku's start-up is measured (kensaku search SSA, kensaku serve until /healthz answers); 0 to skip (2 with --smoke)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if c.smoke {
		if !set["load-clients"] {
			loadClients = "2"
		}
		if !set["load-duration"] {
			c.loadDuration = time.Second
		}
		if !set["startup-runs"] {
			c.startupRuns = 2
		}
	}
	if c.loadDuration <= 0 {
		return nil, fmt.Errorf("bad --load-duration %v: want a positive duration", c.loadDuration)
	}
	for _, s := range strings.Split(loadClients, ",") {
		if s = strings.TrimSpace(s); s == "" || s == "0" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad --load-clients value %q: want numbers of clients", s)
		}
		c.loadClients = append(c.loadClients, n)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if c.dataset != "jsquad" && c.dataset != bench.BilingualName {
		return nil, fmt.Errorf("unknown --dataset %q, want jsquad or %s", c.dataset, bench.BilingualName)
	}
	root, err := findRoot()
	if err != nil {
		return nil, err
	}
	c.root = root
	if c.work == "" {
		c.work = filepath.Join(root, "bench", "work")
	}
	if c.data == "" {
		c.data = filepath.Join(root, "bench", "data", "jsquad-valid")
		shared := filepath.Join(root, "..", "shared", "data", "jsquad-valid")
		if _, err := os.Stat(filepath.Join(shared, "passages.jsonl")); err == nil {
			c.data = shared
		}
	}
	if c.out == "" {
		c.out = filepath.Join(root, "bench", "RESULTS.md")
		if c.dataset == bench.BilingualName {
			c.out = filepath.Join(root, "bench", "RESULTS-"+bench.BilingualName+".md")
		}
		if c.smoke {
			c.out = filepath.Join(c.work, "smoke", "RESULTS.md")
		}
	}
	if c.chart == "" {
		c.chart = filepath.Join(filepath.Dir(c.out), "results.svg")
	}
	for _, e := range strings.Split(engines, ",") {
		if e = strings.TrimSpace(e); e != "" {
			if _, err := newEngine(e, c.work); err != nil {
				return nil, err
			}
			c.engines = append(c.engines, e)
		}
	}
	for _, s := range strings.Split(sizes, ",") {
		if s = strings.TrimSpace(s); s == "" || s == "0" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad --sizes value %q: want MB as integers", s)
		}
		c.sizesMB = append(c.sizesMB, n)
	}
	return c, nil
}

// findRoot walks up from the working directory to the module's go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find repository root: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && strings.Contains(string(b), "module github.com/kensaku/kensaku\n") {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find repository root: no go.mod of github.com/kensaku/kensaku above %s", dir)
		}
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseConfig(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if c.dataset == bench.BilingualName {
		return runBilingual(ctx, c, args, stdout, log)
	}
	base, err := bench.LoadJSQuAD(c.data)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return fmt.Errorf("make work dir: %w", err)
	}
	if c.worker != "" {
		return runWorker(ctx, c, base, stdout)
	}
	if !c.smoke && c.install {
		installMissing(ctx, log)
	}

	started := time.Now()
	machine := bench.ReadMachine()
	var corpora []*bench.Corpus
	opts := map[string]bench.Options{}
	largest := ""
	if c.smoke {
		s := bench.Sample(base, 150, 60)
		corpora = append(corpora, s)
		largest = s.Name
	} else {
		corpora = append(corpora, base)
		largest = base.Name
		for i, mb := range c.sizesMB {
			sc := bench.Scale(base, scaleName(mb), int64(mb)*1_000_000)
			if err := writeCorpus(c.work, sc); err != nil {
				return err
			}
			corpora = append(corpora, sc)
			opts[sc.Name] = bench.Options{Queries: c.scaleQueries}
			if i == 0 || mb > slices.Max(c.sizesMB[:i]) {
				largest = sc.Name
			}
		}
	}
	if len(c.loadClients) > 0 {
		o := opts[largest]
		o.Load = &bench.LoadOptions{Clients: c.loadClients, Duration: c.loadDuration}
		opts[largest] = o
	}

	var results []bench.Measurement
	var startup *bench.Startup
	versions := map[string]string{}
	load := machine.LoadAvg
	machine.LoadAvg = ""
	// write saves the report so far; it runs after every corpus, so that an
	// interrupted run still leaves the figures it has.
	write := func() error {
		rep := bench.Report{
			Machine:      machine,
			Started:      started,
			Elapsed:      time.Since(started),
			LoadBefore:   load,
			LoadAfter:    bench.LoadAvg(),
			Versions:     versions,
			Engines:      c.engines,
			Results:      results,
			Smoke:        c.smoke,
			Command:      "go run ./bench/cmd/bench " + strings.Join(args, " "),
			ChartFile:    filepath.Base(c.chart),
			BaseCorpus:   corpora[0].Name,
			ScaleQueries: c.scaleQueries,
			Startup:      startup,
		}
		if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
			return fmt.Errorf("make results dir: %w", err)
		}
		if err := bench.WriteFile(c.out, func(w io.Writer) error { return bench.WriteReport(w, rep) }); err != nil {
			return err
		}
		return bench.WriteFile(c.chart, func(w io.Writer) error { return bench.WriteChart(w, rep) })
	}
	for _, corp := range corpora {
		for _, name := range c.engines {
			if err := ctx.Err(); err != nil {
				return err
			}
			o := opts[corp.Name]
			o.Logger = log
			var m bench.Measurement
			if inProcess[name] && !c.smoke {
				m, err = measureInChild(ctx, c, name, corp.Name, stderr)
			} else {
				e, _ := newEngine(name, c.work)
				m, err = bench.Measure(ctx, e, corp, c.work, o)
			}
			if err != nil {
				return err
			}
			if m.Version != "" {
				versions[name] = m.Version
			}
			log.Info("measured", "engine", name, "corpus", corp.Name, "available", m.Available, "failed", m.Failed,
				"build_s", m.BuildWall.Seconds(), "mean_ms", float64(m.Latency.Mean)/1e6, "reason", m.Reason)
			results = append(results, m)
		}
		if err := write(); err != nil {
			return err
		}
	}
	if c.startupRuns > 0 && slices.Contains(c.engines, "kensaku") {
		if err := ctx.Err(); err != nil {
			return err
		}
		log.Info("start-up", "engine", "kensaku", "runs", c.startupRuns)
		st := kensaku.New(c.work).MeasureStartup(ctx, c.startupRuns)
		if !st.Available || st.Failed {
			log.Warn("start-up not measured", "reason", st.Reason)
		}
		startup = &st
		if err := write(); err != nil {
			return err
		}
	}
	if err := bench.WriteTable(stdout, bench.Report{Engines: c.engines, Results: results, BaseCorpus: corpora[0].Name}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s and %s\n", c.out, c.chart)
	var failed []string
	for _, m := range results {
		if m.Failed {
			failed = append(failed, m.Engine+" on "+m.Corpus+": "+m.Reason)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d engine runs failed:\n  %s", len(failed), strings.Join(failed, "\n  "))
	}
	return nil
}

func scaleName(mb int) string { return fmt.Sprintf("scale-%dMB", mb) }

// writeCorpus saves a generated corpus under work/corpora for inspection
// and reuse by other tools.
func writeCorpus(work string, c *bench.Corpus) error {
	dir := filepath.Join(work, "corpora", c.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("make corpus dir: %w", err)
	}
	return bench.WriteFile(filepath.Join(dir, "passages.jsonl"), func(w io.Writer) error {
		return bench.WriteJSONL(w, c.Passages)
	})
}

// measureInChild re-runs this program as a worker for one in-process
// engine and corpus, so that the engine's peak RSS is its own.
func measureInChild(ctx context.Context, c *config, engine, corpus string, stderr io.Writer) (bench.Measurement, error) {
	exe, err := os.Executable()
	if err != nil {
		return bench.Measurement{}, fmt.Errorf("find own executable: %w", err)
	}
	args := []string{"--worker", engine, "--corpus", corpus, "--data", c.data, "--work", c.work,
		"--scale-queries", strconv.Itoa(c.scaleQueries)}
	// Through GNU time when present, so that the worker's own getrusage is
	// not charged with this process's peak RSS (see bench.GNUTime).
	cmd := exec.CommandContext(ctx, exe, args...)
	if _, err := os.Stat(bench.GNUTime); err == nil {
		cmd = exec.CommandContext(ctx, bench.GNUTime, append([]string{"-f", "", "-o", os.DevNull, exe}, args...)...)
	}
	cmd.Stderr = stderr
	cmd.Dir = c.root
	out, err := cmd.Output()
	if err != nil {
		return bench.Measurement{Engine: engine, Corpus: corpus, Available: true, Failed: true,
			Reason: fmt.Sprintf("worker: %v", err)}, ctx.Err()
	}
	var m bench.Measurement
	if err := json.Unmarshal(out, &m); err != nil {
		return bench.Measurement{}, fmt.Errorf("decode worker output: %w", err)
	}
	return m, nil
}

// runWorker measures c.worker on c.corpus and prints the Measurement.
func runWorker(ctx context.Context, c *config, base *bench.Corpus, stdout io.Writer) error {
	corp := base
	opt := bench.Options{}
	if c.corpus != base.Name {
		mb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(c.corpus, "scale-"), "MB"))
		if err != nil {
			return fmt.Errorf("worker: bad corpus name %q", c.corpus)
		}
		corp = bench.Scale(base, c.corpus, int64(mb)*1_000_000)
		opt.Queries = c.scaleQueries
	}
	e, err := newEngine(c.worker, c.work)
	if err != nil {
		return err
	}
	m, err := bench.Measure(ctx, e, corp, c.work, opt)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(m)
}

// installMissing installs the Debian packages whose files are missing,
// when running as root; failures are logged, and the engines concerned are
// then reported unavailable.
func installMissing(ctx context.Context, log *slog.Logger) {
	var pkgs []string
	for _, p := range debianPackages {
		if _, err := os.Stat(p.check); err != nil {
			if p.pkg == "liblucene8-java" {
				if m, _ := filepath.Glob(lucene.JarDir + "/lucene-analyzers-kuromoji*.jar"); len(m) > 0 {
					continue
				}
			}
			pkgs = append(pkgs, p.pkg)
		}
	}
	if len(pkgs) == 0 {
		return
	}
	if os.Geteuid() != 0 {
		log.Warn("missing Debian packages; not root, so not installing", "packages", pkgs)
		return
	}
	log.Info("installing Debian packages", "packages", pkgs)
	for _, args := range [][]string{
		{"update", "-q"},
		append([]string{"install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300"}, pkgs...),
	} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			tail := string(out)
			if len(tail) > 1000 {
				tail = tail[len(tail)-1000:]
			}
			log.Warn("apt-get failed", "args", args, "err", err, "output", tail)
			return
		}
	}
}
