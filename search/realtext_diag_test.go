package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRealTextDiag is a tool for reading the real-text sets' misses, not
// a check: it is skipped unless REALTEXT_DIAG names a set (dev, heldout,
// blind, blind2 … blind7, dev5). It prints, for each query that misses a
// relevant passage (or each query whose id contains REALTEXT_DIAG_Q), the
// expansions, the explanations of the first ten hits, and the rank in the
// top 100, explanation and text of each relevant passage. With
// REALTEXT_DIAG_BRIEF set it prints one line a query instead: its id, text
// and the ranks of its relevant passages (0: not in the top 100), which
// two runs can be compared by.
//
//	REALTEXT_DIAG=blind5 go test ./search -run TestRealTextDiag -v
func TestRealTextDiag(t *testing.T) {
	set := os.Getenv("REALTEXT_DIAG")
	if set == "" {
		t.Skip("REALTEXT_DIAG unset")
	}
	only := os.Getenv("REALTEXT_DIAG_Q")
	var eng *Engine
	switch set {
	default:
		eng = realTextEngine(t)
	case "blind5", "dev5":
		eng = realTextEngineWith(t, 1)
	case "blind6":
		eng = realTextEngineWith(t, 2)
	case "blind7":
		eng = realTextEngineWith(t, 3)
	}
	texts := map[string]string{}
	for _, f := range []string{"debian.jsonl", "debian2.jsonl", "debian3.jsonl", "apps.jsonl"} {
		fh, err := os.Open(filepath.Join(realTextDir, f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var r struct{ ID, Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			texts[r.ID] = r.Title + " | " + r.Text
		}
		fh.Close()
	}
	snip := func(id string) string {
		s := []rune(strings.ReplaceAll(texts[id], "\n", " "))
		return string(s[:min(len(s), 160)])
	}
	name := set + "-queries.jsonl"
	if set == "dev" {
		name = "queries.jsonl"
	}
	qs := readRealQueries(t, filepath.Join(realTextDir, name))
	for _, q := range qs {
		if only != "" && !strings.Contains(q.ID, only) {
			continue
		}
		res, err := eng.Search(context.Background(), Request{Query: q.Query, Size: 100, IDsOnly: true, NoFacets: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		rank := map[string]int{}
		for i, h := range res.Hits {
			rank[h.ID] = i + 1
		}
		if os.Getenv("REALTEXT_DIAG_BRIEF") != "" {
			var rs []string
			for _, r := range q.Relevant {
				rs = append(rs, fmt.Sprint(rank[r]))
			}
			fmt.Printf("%s %q %s\n", q.ID, q.Query, strings.Join(rs, " "))
			continue
		}
		miss := false
		for _, r := range q.Relevant {
			if rank[r] == 0 || rank[r] > 10 {
				miss = true
			}
		}
		if !miss && only == "" {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "=== %s %q total %d partial %d\n", q.ID, q.Query, res.Total, res.Partial)
		for _, x := range res.Expansions {
			fmt.Fprintf(&b, "  exp %s -> %v (%s cov %.2f conf %.2f)\n", x.Term, x.Equivalents, x.Source, x.Coverage, x.Confidence)
		}
		for i, h := range res.Hits[:min(10, len(res.Hits))] {
			rel := ""
			if slices.Contains(q.Relevant, h.ID) {
				rel = "*"
			}
			fmt.Fprintf(&b, "  #%d%s %s partial=%v %s\n      %s\n", i+1, rel, h.ID, h.Partial, h.Explanation, snip(h.ID))
		}
		for _, r := range q.Relevant {
			if k := rank[r]; k > 0 {
				h := res.Hits[k-1]
				fmt.Fprintf(&b, "  REL #%d %s partial=%v %s\n      %s\n", k, r, h.Partial, h.Explanation, snip(r))
			} else {
				fmt.Fprintf(&b, "  REL absent %s\n      %s\n", r, snip(r))
			}
		}
		t.Log(b.String())
	}
}
