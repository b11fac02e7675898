package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/search"
)

// TestUpdateDeleteOptimize updates an index from the command line: a
// file read again replaces its document's passages, a new file adds its
// own, delete removes a document, optimize merges; every change is
// visible to the next search.
func TestUpdateDeleteOptimize(t *testing.T) {
	in := t.TempDir()
	a, b := filepath.Join(in, "a.jsonl"), filepath.Join(in, "b.jsonl")
	writeFile(t, a, `{"id":"a1","document":"報告A","text":"宇宙状況監視（SSA）の能力を高める。"}`+"\n"+
		`{"id":"a2","document":"報告A","text":"欧州連合との対話。"}`+"\n"+
		`{"id":"c1","document":"報告C","text":"防衛省の資料。"}`+"\n")
	ix := filepath.Join(t.TempDir(), "ix")
	if _, stderr, err := runCmd(t, "", "index", "--index", ix, a); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}
	hits := func(q string) []string {
		t.Helper()
		out, stderr, err := runCmd(t, "", "search", "--index", ix, "--json", q)
		if err != nil {
			t.Fatalf("search %s: %v\n%s", q, err, stderr)
		}
		var res search.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}

	// a.jsonl changed: a2 is gone, a1 has new text, a3 is new.
	writeFile(t, a, `{"id":"a1","document":"報告A","text":"衛星の打ち上げに成功した。"}`+"\n"+
		`{"id":"a3","document":"報告A","text":"欧州宇宙機関と協力する。"}`+"\n")
	writeFile(t, b, `{"id":"b1","document":"報告B","text":"欧州連合の宇宙政策。"}`+"\n")
	_, stderr, err := runCmd(t, "", "index", "--index", ix, "--update", a, b)
	if err != nil {
		t.Fatalf("index --update: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "indexed 3 passages") || !strings.Contains(stderr, "1 passages replaced, 1 deleted") {
		t.Errorf("index --update stderr:\n%s", stderr)
	}
	if got := hits("SSA"); len(got) != 0 {
		t.Errorf("SSA after the update: %v, want none (a1 was replaced)", got)
	}
	if got := hits("欧州"); strings.Join(got, " ") != "b1 a3" && strings.Join(got, " ") != "a3 b1" {
		t.Errorf("欧州 after the update: %v, want a3 and b1", got)
	}

	if _, stderr, err := runCmd(t, "", "delete", "--index", ix, "--document", "報告B"); err != nil || !strings.Contains(stderr, "deleted 1 passages") {
		t.Fatalf("delete: %v\n%s", err, stderr)
	}
	if got := hits("欧州"); strings.Join(got, " ") != "a3" {
		t.Errorf("欧州 after the delete: %v, want a3", got)
	}
	if _, stderr, err := runCmd(t, "", "optimize", "--index", ix); err != nil || !strings.Contains(stderr, "merged 3 passages") {
		t.Fatalf("optimize: %v\n%s", err, stderr)
	}
	if got := hits("衛星"); strings.Join(got, " ") != "a1" {
		t.Errorf("衛星 after optimize: %v, want a1", got)
	}
	if got := hits("防衛省"); strings.Join(got, " ") != "c1" {
		t.Errorf("防衛省 after optimize: %v, want c1", got)
	}
	if _, stderr, err := runCmd(t, "", "check", "--index", ix); err != nil {
		t.Errorf("check: %v\n%s", err, stderr)
	}
	if _, _, err := runCmd(t, "", "delete", "--index", ix); err == nil {
		t.Error("delete without --document or --id succeeded")
	}
}
