// Package lucene is the Lucene peer: a small Java program (LuceneBench.java,
// compiled with javac into the work directory) run against Debian's Lucene 8
// jars, with kuromoji's JapaneseAnalyzer or the CJKAnalyzer (bigrams), and
// Lucene's default BM25.
package lucene

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kensaku/kensaku/bench"
)

//go:embed LuceneBench.java
var source []byte

// JarDir is where Debian's liblucene8-java installs its jars.
const JarDir = "/usr/share/java"

// jars are the Lucene jars the program needs, by artifact name.
var jars = []string{"lucene-core", "lucene-analyzers-common", "lucene-analyzers-kuromoji"}

// Engine runs LuceneBench with one analyzer.
type Engine struct {
	analyzer string // "kuromoji" or "cjk"
	workDir  string // classes are compiled into workDir/lucene/classes
	index    string

	once      sync.Once
	classpath string
	err       error
}

var (
	_ bench.Engine        = (*Engine)(nil)
	_ bench.BatchSearcher = (*Engine)(nil)
	_ bench.Versioner     = (*Engine)(nil)
)

// New returns an engine using analyzer "kuromoji" or "cjk", compiling its
// Java program under workDir.
func New(analyzer, workDir string) *Engine {
	return &Engine{analyzer: analyzer, workDir: workDir}
}

// Name implements bench.Engine.
func (e *Engine) Name() string { return "lucene-" + e.analyzer }

var versionRE = regexp.MustCompile(`lucene-core-([0-9.]+)\.jar$`)

// Version reports the version of the Lucene core jar.
func (e *Engine) Version(context.Context) string {
	j, err := findJar("lucene-core")
	if err != nil {
		return "Lucene (not installed)"
	}
	if m := versionRE.FindStringSubmatch(j); m != nil {
		return "Lucene " + m[1]
	}
	return "Lucene"
}

// findJar returns the path of the jar of artifact, versioned or not.
func findJar(artifact string) (string, error) {
	for _, pat := range []string{artifact + "-[0-9]*.jar", artifact + ".jar"} {
		m, _ := filepath.Glob(filepath.Join(JarDir, pat))
		if len(m) > 0 {
			return m[len(m)-1], nil
		}
	}
	return "", fmt.Errorf("%w: %s jar not found in %s (Debian package liblucene8-java)", bench.ErrUnavailable, artifact, JarDir)
}

// Check implements bench.Engine: java, javac and the jars must be present;
// the Java program is compiled on first use.
func (e *Engine) Check(ctx context.Context) error {
	e.once.Do(func() { e.classpath, e.err = e.compile(ctx) })
	return e.err
}

func (e *Engine) compile(ctx context.Context) (string, error) {
	for _, t := range []string{"java", "javac"} {
		if err := bench.LookTool(t, "default-jdk-headless"); err != nil {
			return "", err
		}
	}
	var cp []string
	for _, a := range jars {
		j, err := findJar(a)
		if err != nil {
			return "", err
		}
		cp = append(cp, j)
	}
	dir := filepath.Join(e.workDir, "lucene")
	classes := filepath.Join(dir, "classes")
	if err := os.MkdirAll(classes, 0o755); err != nil {
		return "", fmt.Errorf("make lucene work dir: %w", err)
	}
	src := filepath.Join(dir, "LuceneBench.java")
	classpath := strings.Join(cp, ":")
	stamp := filepath.Join(classes, "LuceneBench.class")
	if old, err := os.ReadFile(src); err == nil && bytes.Equal(old, source) {
		if _, err := os.Stat(stamp); err == nil {
			return classes + ":" + classpath, nil // compiled from this very source before
		}
	}
	if err := os.WriteFile(src, source, 0o644); err != nil {
		return "", fmt.Errorf("write java source: %w", err)
	}
	os.Remove(stamp)
	if _, err := bench.RunTool(ctx, nil, nil, "javac", "-nowarn", "-encoding", "UTF-8", "-cp", classpath, "-d", classes, src); err != nil {
		return "", fmt.Errorf("%w: compile LuceneBench: %v", bench.ErrUnavailable, err)
	}
	return classes + ":" + classpath, nil
}

func (e *Engine) java(ctx context.Context, stdout io.Writer, args ...string) (bench.Run, error) {
	if err := e.Check(ctx); err != nil {
		return bench.Run{}, err
	}
	a := append([]string{"-Xmx2g", "-Dfile.encoding=UTF-8", "-cp", e.classpath, "LuceneBench"}, args...)
	return bench.RunTool(ctx, nil, stdout, "java", a...)
}

// Build implements bench.Engine. The wall time includes the JVM start.
func (e *Engine) Build(ctx context.Context, c *bench.Corpus, dir string) (bench.BuildInfo, error) {
	tsv := filepath.Join(dir, "..", filepath.Base(dir)+".passages.tsv")
	if err := bench.WriteFile(tsv, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for _, p := range c.Passages {
			fmt.Fprintf(bw, "%s\t%s\n", bench.TSVField(p.ID), bench.TSVField(p.Content()))
		}
		return bw.Flush()
	}); err != nil {
		return bench.BuildInfo{}, err
	}
	defer os.Remove(tsv)
	e.index = filepath.Join(dir, "lucene")
	r, err := e.java(ctx, nil, "build", e.analyzer, e.index, tsv)
	if err != nil {
		return bench.BuildInfo{}, err
	}
	return bench.BuildInfo{Wall: r.Wall, PeakRSSKB: r.PeakRSSKB}, nil
}

// Search implements bench.Engine with a batch of one question (slow: one
// JVM per call); the harness uses SearchBatch.
func (e *Engine) Search(ctx context.Context, q string, k int) ([]string, error) {
	return bench.SearchOne(ctx, e, q, k)
}

// SearchBatch implements bench.BatchSearcher: one JVM answers every
// question, after a warm-up of bench.Warmup of them.
func (e *Engine) SearchBatch(ctx context.Context, qs []bench.Query, k int) ([]bench.Answer, error) {
	if e.index == "" {
		return nil, fmt.Errorf("%s: no index built", e.Name())
	}
	tsv := e.index + ".queries.tsv"
	if err := bench.WriteFile(tsv, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for i, q := range qs {
			fmt.Fprintf(bw, "%d\t%s\n", i, bench.TSVField(q.Text))
		}
		return bw.Flush()
	}); err != nil {
		return nil, err
	}
	defer os.Remove(tsv)
	var out bytes.Buffer
	if _, err := e.java(ctx, &out, "search", e.analyzer, e.index, tsv, strconv.Itoa(k), strconv.Itoa(bench.Warmup(len(qs)))); err != nil {
		return nil, err
	}
	return parseOutput(&out, len(qs))
}

// parseOutput reads LuceneBench's "index<TAB>nanos<TAB>ids" lines.
func parseOutput(r io.Reader, n int) ([]bench.Answer, error) {
	as := make([]bench.Answer, n)
	seen := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("lucene output: malformed line %q", sc.Text())
		}
		i, err := strconv.Atoi(f[0])
		if err != nil || i < 0 || i >= n {
			return nil, fmt.Errorf("lucene output: bad question index %q", f[0])
		}
		ns, err := strconv.ParseInt(f[1], 10, 64)
		if err == nil && ns < 0 {
			err = errors.New("negative")
		}
		if err != nil {
			return nil, fmt.Errorf("lucene output: bad time %q: %w", f[1], err)
		}
		as[i] = bench.Answer{IDs: strings.Fields(f[2]), Took: time.Duration(ns)}
		seen++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read lucene output: %w", err)
	}
	if seen != n {
		return nil, fmt.Errorf("lucene output: %d answers for %d questions", seen, n)
	}
	return as, nil
}

// Close implements bench.Engine; the index stays on disk for the caller to
// remove.
func (e *Engine) Close() error {
	e.index = ""
	return nil
}
