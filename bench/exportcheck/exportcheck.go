// Package exportcheck verifies an OpenSearch export of kensaku (package
// search/opensearch) without a cluster. ExportCheck.java, compiled with
// javac against Debian's Lucene 8 jars (liblucene8-java), builds the
// analyzers from the exported settings with the Lucene classes that
// OpenSearch's analysis-kuromoji and common analysis are made of, indexes
// the exported _bulk files in memory and runs Query DSL requests made by
// opensearch.Query, translated into Lucene queries as OpenSearch builds
// them.
//
// The tests compare its hits with kensaku's on the built-in corpus and on
// JSQuAD; see docs/opensearch.md for the figures and the command.
package exportcheck

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

//go:embed ExportCheck.java
var source []byte

// JarDir is where Debian's liblucene8-java installs its jars.
const JarDir = "/usr/share/java"

// jars are the Lucene jars the program needs, by artifact name.
var jars = []string{"lucene-core", "lucene-analyzers-common", "lucene-analyzers-kuromoji"}

// ErrUnavailable reports that java, javac or the Lucene jars are missing.
var ErrUnavailable = errors.New("exportcheck: java, javac or the Lucene 8 jars are not installed (Debian: apt-get install default-jdk-headless liblucene8-java)")

// Checker runs the compiled ExportCheck program.
type Checker struct {
	classpath string
}

// Compile compiles ExportCheck.java into workDir (once per content of the
// source) and returns a Checker, or an error wrapping ErrUnavailable.
func Compile(ctx context.Context, workDir string) (*Checker, error) {
	for _, t := range []string{"java", "javac"} {
		if _, err := exec.LookPath(t); err != nil {
			return nil, fmt.Errorf("%w: %s not found", ErrUnavailable, t)
		}
	}
	var cp []string
	for _, a := range jars {
		j, err := findJar(a)
		if err != nil {
			return nil, err
		}
		cp = append(cp, j)
	}
	sum := sha256.Sum256(source)
	classes := filepath.Join(workDir, "exportcheck-"+hex.EncodeToString(sum[:6]))
	classpath := strings.Join(cp, ":")
	if _, err := os.Stat(filepath.Join(classes, "ExportCheck.class")); err == nil {
		return &Checker{classpath: classes + ":" + classpath}, nil
	}
	if err := os.MkdirAll(classes, 0o755); err != nil {
		return nil, fmt.Errorf("exportcheck: %w", err)
	}
	src := filepath.Join(classes, "ExportCheck.java")
	if err := os.WriteFile(src, source, 0o644); err != nil {
		return nil, fmt.Errorf("exportcheck: %w", err)
	}
	cmd := exec.CommandContext(ctx, "javac", "-nowarn", "-encoding", "UTF-8", "-cp", classpath, "-d", classes, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("exportcheck: javac: %w\n%s", err, out)
	}
	return &Checker{classpath: classes + ":" + classpath}, nil
}

// findJar returns the path of the jar of artifact, versioned or not.
func findJar(artifact string) (string, error) {
	for _, pat := range []string{artifact + "-[0-9]*.jar", artifact + ".jar"} {
		m, _ := filepath.Glob(filepath.Join(JarDir, pat))
		if len(m) > 0 {
			return m[len(m)-1], nil
		}
	}
	return "", fmt.Errorf("%w: %s jar not found in %s", ErrUnavailable, artifact, JarDir)
}

// Query is one search request for the checker: an id and a request body
// (opensearch.Query's).
type Query struct {
	ID   string         `json:"id"`
	Body map[string]any `json:"body"`
}

// Result is the checker's answer to one Query: the ids of the hits, best
// first, and the number of passages that match.
type Result struct {
	ID    string   `json:"id"`
	Hits  []string `json:"hits"`
	Total int      `json:"total"`
}

// Run indexes the export in exportDir and runs queries. It returns the
// results in query order and the program's statistics (its stderr).
func (c *Checker) Run(ctx context.Context, exportDir string, queries []Query) ([]Result, string, error) {
	f, err := os.CreateTemp("", "exportcheck-queries-*.jsonl")
	if err != nil {
		return nil, "", fmt.Errorf("exportcheck: %w", err)
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range queries {
		if err := enc.Encode(q); err != nil {
			f.Close()
			return nil, "", fmt.Errorf("exportcheck: encode query %s: %w", q.ID, err)
		}
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return nil, "", fmt.Errorf("exportcheck: write queries: %w", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "java", "-Xmx2g", "-Dfile.encoding=UTF-8", "-cp", c.classpath, "ExportCheck", exportDir, f.Name())
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, stderr.String(), fmt.Errorf("exportcheck: java ExportCheck: %w\n%s", err, tail(stderr.String(), 2000))
	}
	var out []Result
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, stderr.String(), fmt.Errorf("exportcheck: read result: %w", err)
		}
		out = append(out, r)
	}
	if len(out) != len(queries) {
		return nil, stderr.String(), fmt.Errorf("exportcheck: %d results for %d queries", len(out), len(queries))
	}
	return out, stderr.String(), nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
