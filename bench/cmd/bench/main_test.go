package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSmoke runs the smoke mode end to end on what is installed: Bleve
// in-process always, kensaku when its CLI works, SQLite and Groonga when
// their tools are present. Lucene is left to `go run ./bench/cmd/bench
// --smoke` (compiling and starting JVMs takes most of a minute on a loaded
// machine). With -short, only Bleve.
func TestSmoke(t *testing.T) {
	engines := []string{"bleve-cjk"}
	if !testing.Short() {
		engines = append(engines, "kensaku")
		if _, err := exec.LookPath("sqlite3"); err == nil {
			engines = append(engines, "sqlite-trigram")
		}
		if _, err := exec.LookPath("groonga"); err == nil {
			engines = append(engines, "groonga-bigram")
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "RESULTS.md")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--smoke", "--engines", strings.Join(engines, ","),
		"--work", filepath.Join(dir, "work"), "--out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "results.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(svg, []byte("<svg ")) {
		t.Errorf("results.svg does not start with <svg: %.40q", svg)
	}
	for _, e := range engines {
		if !strings.Contains(string(md), "| "+e+" |") {
			t.Errorf("RESULTS.md has no row for %s", e)
		}
	}
	// kensaku, when its CLI builds, is also timed with highlighting and
	// over HTTP; both must have run on the sample.
	if slices.Contains(engines, "kensaku") && !strings.Contains(string(md), "| kensaku | not available") {
		row := rowOf(string(md), "| jsquad-valid-sample | ")
		if row == "" {
			t.Errorf("RESULTS.md has no kensaku highlighting/HTTP row:\n%s", md)
		} else if strings.Contains(row, "not available") || strings.Contains(row, "failed") || strings.Contains(row, "not run") {
			t.Errorf("kensaku highlighting/HTTP row: %s\nstderr:\n%s", row, stderr.String())
		}
	}
	// kensaku's pages under load (on the sample, the largest corpus of a
	// smoke run) and its start-up are measured too.
	if slices.Contains(engines, "kensaku") && !strings.Contains(string(md), "| kensaku | not available") {
		for _, prefix := range []string{"| 2 | plain | ", "| 2 | facets+highlights | ", "| `kensaku search SSA`, whole process | 2 | ", "| `kensaku serve` until `/healthz` answers | 2 | "} {
			if rowOf(string(md), prefix) == "" {
				t.Errorf("RESULTS.md has no row %q:\n%s\nstderr:\n%s", prefix, md, stderr.String())
			}
		}
		if row := rowOf(string(md), "| 2 | facets+highlights | "); row != "" && !strings.Contains(row, "(+") && !strings.Contains(row, "(-") {
			t.Errorf("no CPU ratio in %q", row)
		}
	}
	// Bleve's cjk analyzer finds most sample questions' passages; a broken
	// adapter or metric would not.
	if !strings.Contains(stdout.String(), "bleve-cjk") || strings.Contains(stdout.String(), "bleve-cjk        jsquad-valid-sample   0.0") {
		t.Errorf("bleve-cjk missing or scoring zero:\n%s", stdout.String())
	}
}

// rowOf returns the first line of md that starts with prefix, or "".
func rowOf(md, prefix string) string {
	for l := range strings.Lines(md) {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func TestParseConfigErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--engines", "elasticsearch"},
		{"--sizes", "12,big"},
		{"stray"},
		{"--load-clients", "16,many"},
		{"--load-duration", "0s"},
	} {
		if _, err := parseConfig(args, &bytes.Buffer{}); err == nil {
			t.Errorf("parseConfig(%q): no error", args)
		}
	}
}

// TestBilingualSmoke runs --dataset bilingual-real in smoke mode (its first
// 20 queries) on Bleve in-process and checks the report's tables.
func TestBilingualSmoke(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "RESULTS.md")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--dataset", "bilingual-real", "--smoke", "--engines", "bleve-cjk",
		"--work", filepath.Join(dir, "work"), "--out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if row := rowOf(string(md), "| bleve-cjk | "); !strings.HasSuffix(row, "| ran |") {
		t.Errorf("bleve-cjk's status row: %q", row)
	}
	for _, want := range []string{"| **all** | 20 |", "| loanword-01 | firewall | 5 |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if !strings.Contains(stdout.String(), "bleve-cjk        all         20") {
		t.Errorf("stdout lacks the overall line:\n%s", stdout.String())
	}
}
