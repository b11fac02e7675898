package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	writeFile(t, filepath.Join(dir, "doc.md"), "# 宇宙\n\n宇宙状況監視（SSA: Space Situational Awareness）の能力を強化する。\n\n低軌道の衛星を監視する。\n")
	writeFile(t, filepath.Join(dir, "dict.txt"), "机上演習\t机上 演習\t名詞,一般\n")
	if _, stderr, err := runCmd(t, "", "index", "--index", ix, "--user-dict", filepath.Join(dir, "dict.txt"), filepath.Join(dir, "doc.md")); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	out := filepath.Join(dir, "out")
	stdout, stderr, err := runCmd(t, "", "export", "--format", "opensearch", "--index", ix, "--bulk-size", "1KB", "--index-name", "docs", out)
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	if !regexp.MustCompile(`^exported [1-9][0-9]* passages? in [1-9][0-9]* bulk files?, .* synonym rules \(strong [1-9]`).MatchString(stdout) ||
		!strings.Contains(stdout, "1 user dictionary rule into") {
		t.Errorf("summary %q, want passages, strong synonym rules and the user dictionary rule", stdout)
	}
	settings, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(settings), "机上演習,机上 演習,机上 演習,名詞-一般") {
		t.Errorf("index.json lacks the index's user dictionary as a kuromoji rule")
	}
	bulk, err := os.ReadFile(filepath.Join(out, "bulk-0001.ndjson"))
	if err != nil || !strings.Contains(string(bulk), `"_index":"docs"`) {
		t.Errorf("bulk-0001.ndjson: %v, want actions on index docs:\n%s", err, bulk)
	}

	for _, args := range [][]string{
		{"export", out},                      // no format
		{"export", "--format", "solr", out},  // unknown format
		{"export", "--format", "opensearch"}, // no OUT
		{"export", "--format", "opensearch", "a", "b"},
	} {
		if _, _, err := runCmd(t, "", args...); !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	if _, _, err := runCmd(t, "", "export", "--format", "opensearch", "--bulk-size", "lots", out); err == nil || !strings.Contains(err.Error(), "--bulk-size") {
		t.Errorf("--bulk-size lots: %v, want an error naming the flag", err)
	}
}

func TestSearchDSL(t *testing.T) {
	stdout, stderr, err := runCmd(t, "", "search", "--dsl", "--size", "3", "--filter", "kind:body", "SSA")
	if err != nil {
		t.Fatalf("search --dsl: %v\n%s", err, stderr)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(stdout), &body); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if body["size"] != 3.0 || !strings.Contains(stdout, "kensaku_ja_syn_strong") || !strings.Contains(stdout, `"kind": "body"`) {
		t.Errorf("DSL lacks the size, the strong synonyms or the filter:\n%s", stdout)
	}
	if _, _, err := runCmd(t, "", "search", "--dsl", `"宇宙`); err == nil {
		t.Errorf("malformed query: no error")
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "1KB": 1024, "10MB": 10 << 20, "2 GiB": 2 << 30, "5m": 5 << 20, "7B": 7} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "ten", "1TB"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q): no error", in)
		}
	}
}
