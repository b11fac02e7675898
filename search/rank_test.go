package search

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// jsquadDir holds the JSQuAD v1.3 validation set (CC BY-SA 4.0), shared
// with the benchmark.
const jsquadDir = "../bench/data/jsquad-valid"

type rankStats struct {
	Queries            int
	MRR10, R1, R10     float64
	MissingFromTop10   int
	EmptyResultQueries int
}

func (s rankStats) String() string {
	return fmt.Sprintf("queries: %d\nmrr@10: %.4f\nrecall@1: %.4f\nrecall@10: %.4f\n",
		s.Queries, s.MRR10, s.R1, s.R10)
}

// evalJSQuAD indexes the JSQuAD passages and ranks every question.
func evalJSQuAD(t testing.TB, opts Options) rankStats {
	t.Helper()
	ctx := context.Background()
	eng := jsquadFullEngine(t, opts)
	f, err := os.Open(filepath.Join(jsquadDir, "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var st rankStats
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			ID       string   `json:"id"`
			Query    string   `json:"query"`
			Relevant []string `json:"relevant"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		res, err := eng.Search(ctx, Request{Query: q.Query, Size: 10, NoHighlight: true})
		if err != nil {
			t.Fatalf("query %s %q: %v", q.ID, q.Query, err)
		}
		st.Queries++
		if len(res.Hits) == 0 {
			st.EmptyResultQueries++
		}
		found := false
		for i, h := range res.Hits {
			if h.ID == q.Relevant[0] {
				st.MRR10 += 1 / float64(i+1)
				if i == 0 {
					st.R1++
				}
				st.R10++
				found = true
				break
			}
		}
		if !found {
			st.MissingFromTop10++
		}
	}
	n := float64(st.Queries)
	st.MRR10, st.R1, st.R10 = st.MRR10/n, st.R1/n, st.R10/n
	return st
}

// TestRankStats measures retrieval quality on JSQuAD and compares it with
// the figures in testdata/rank_stats.txt, so that changes show in review:
// it fails when MRR@10 falls by more than maxMRRDrop. Run with -update to
// record new figures. It skips under -race; .ci/run runs it without.
func TestRankStats(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: indexes 1,145 passages and runs 4,442 queries")
	}
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skipf("no JSQuAD data: %v", err)
	}
	st := evalJSQuAD(t, Options{})
	t.Logf("%s(empty results: %d)", st, st.EmptyResultQueries)
	golden := filepath.Join("testdata", "rank_stats.txt")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(st.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	var wantMRR float64
	for _, line := range strings.Split(string(want), "\n") {
		if v, ok := strings.CutPrefix(line, "mrr@10: "); ok {
			if wantMRR, err = strconv.ParseFloat(v, 64); err != nil {
				t.Fatalf("%s: %v", golden, err)
			}
		}
	}
	switch {
	case st.MRR10 < wantMRR-maxMRRDrop:
		t.Errorf("MRR@10 fell by more than %.3f (run with -update if intended):\ngot:\n%swant:\n%s", maxMRRDrop, st, want)
	case string(want) != st.String():
		t.Logf("rank stats changed (run with -update to record them):\ngot:\n%swant:\n%s", st, want)
	}
}

// maxMRRDrop is the fall of MRR@10 from the golden that fails
// TestRankStats; smaller changes are logged.
const maxMRRDrop = 0.002

var _ = corpus.KindBody
