package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/indexer"
)

// TestRankOrderDeterministic builds the JSQuAD passages twice, in batches
// of different sizes and with a different number of workers, so that
// Bleve numbers the passages differently, and checks that every question
// ranks the same passages with the same scores in both, exhaustively and
// pruned (see topK): passages of equal score rank by their ordinals, not
// by document numbers. (Bleve's disjunctions, a test's option, add their
// clauses' scores in an order that follows the document numbers, so their
// sums differ in the last bits and near ties can swap.)
func TestRankOrderDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: indexes 1,145 passages twice")
	}
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skipf("no JSQuAD data: %v", err)
	}
	queries := jsquadQuestions(t)
	step := 1 // every question
	if raceEnabled {
		step = 10
	}
	build := func(batch, procs int) *Engine {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ix, _, err := indexer.NewMemory(context.Background(), indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")}),
			indexer.Options{BatchSize: batch})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		eng, err := New(ix, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return eng
	}
	a, b := build(1000, 1), build(37, max(4, runtime.NumCPU()))
	if slices.Equal(docOrder(a), docOrder(b)) {
		t.Log("both builds numbered the passages alike; the test shows less than it could")
	}
	modes := []struct {
		name string
		set  func(e *Engine)
	}{
		{"exhaustive", func(e *Engine) { e.pruneMin = math.MaxInt }},
		{"pruned", func(e *Engine) { e.pruneMin = 0 }},
	}
	ties := 0
	for _, m := range modes {
		m.set(a)
		m.set(b)
		differ := 0
		for i := 0; i < len(queries); i += step {
			q := queries[i]
			ra, rb := rankingOf(t, a, q), rankingOf(t, b, q)
			if ra != rb {
				if differ++; differ <= 3 {
					t.Errorf("%s: %q ranks differently in two builds:\n%s\n%s", m.name, q, ra, rb)
				}
			}
			if m.name == "exhaustive" && strings.Contains(ra, "tie") {
				ties++
			}
		}
		if differ > 0 {
			t.Errorf("%s: %d questions rank differently", m.name, differ)
		}
	}
	t.Logf("%d questions with tied scores in their first 10", ties)
}

// rankingOf returns the first 10 hits of q on e, one line each, "tie"
// marking a score equal to the one above.
func rankingOf(t *testing.T, e *Engine, q string) string {
	t.Helper()
	res, err := e.Search(context.Background(), Request{Query: q, Size: 10, IDsOnly: true, NoFacets: true})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	var sb strings.Builder
	for i, h := range res.Hits {
		fmt.Fprintf(&sb, "%s %.17g", h.ID, h.Score)
		if i > 0 && h.Score == res.Hits[i-1].Score {
			sb.WriteString(" tie")
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// docOrder returns the passages' ordinals by document number.
func docOrder(e *Engine) []uint32 { return e.ix.Ordinals() }

// jsquadQuestions returns the JSQuAD validation questions.
func jsquadQuestions(t testing.TB) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(jsquadDir, "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		out = append(out, q.Query)
	}
	return out
}
