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
	"sync"
	"testing"

	"github.com/kensaku/kensaku/indexer"
)

// realTextDir holds the bilingual retrieval set on real Japanese text:
// Debian's Japanese documentation (debian.jsonl) searched together with the
// JSQuAD passages, and queries written in one form (English words and names,
// acronyms, long forms, Japanese abbreviations, years) whose relevant
// passages use only another form. See its README.md.
const realTextDir = "../bench/data/bilingual-real"

// newTexts are the texts added for later sets, in order: debian2.jsonl
// for the fifth blind set, debian3.jsonl for the sixth, apps.jsonl for the
// seventh. A set measured on the first n of them has an index of its own,
// so that the earlier sets' figures do not move when text is added.
var newTexts = []string{"debian2.jsonl", "debian3.jsonl", "apps.jsonl"}

// realTextEngines holds the engine over the first n new texts at n, each
// built once for the tests that use it.
var realTextEngines [4]struct {
	once sync.Once
	eng  *Engine
	err  error
}

// realTextEngine returns an engine over the JSQuAD passages and the real
// pages of debian.jsonl, or skips t when the data is missing.
func realTextEngine(t *testing.T) *Engine {
	t.Helper()
	return realTextEngineWith(t, 0)
}

// realTextEngineWith returns an engine over the passages of realTextEngine
// and those of the first n of newTexts, built once, or skips t when the
// data is missing.
func realTextEngineWith(t *testing.T, n int) *Engine {
	t.Helper()
	files := []string{filepath.Join(jsquadDir, "passages.jsonl"), filepath.Join(realTextDir, "debian.jsonl")}
	for _, f := range newTexts[:n] {
		files = append(files, filepath.Join(realTextDir, f))
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("no data: %v", err)
		}
	}
	e := &realTextEngines[n]
	e.once.Do(func() { e.eng, e.err = newRealTextEngine(files) })
	if e.err != nil {
		t.Fatal(e.err)
	}
	return e.eng
}

// newRealTextEngine indexes files in memory.
func newRealTextEngine(files []string) (*Engine, error) {
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Files(files), indexer.Options{})
	if err != nil {
		return nil, err
	}
	return New(ix, Options{})
}

// realQuery is one line of queries.jsonl.
type realQuery struct {
	ID       string   `json:"id"`
	Query    string   `json:"query"`
	Family   string   `json:"family"`
	Relevant []string `json:"relevant"`
}

// setStats sums retrieval quality over queries with sets of relevant
// passages.
type setStats struct {
	Queries int
	All10   float64 // queries with every relevant passage in the top 10
	Recall  float64 // sum over queries of the share of relevant passages in the top 10
	MRR     float64 // sum over queries of 1/rank of the first relevant passage (0 past 10)
}

// add scores the ranked ids of one query against its relevant set.
func (s *setStats) add(ids []string, relevant []string) {
	s.Queries++
	found, first := 0, 0
	for i, id := range ids[:min(10, len(ids))] {
		if slices.Contains(relevant, id) {
			found++
			if first == 0 {
				first = i + 1
			}
		}
	}
	if found == len(relevant) {
		s.All10++
	}
	s.Recall += float64(found) / float64(len(relevant))
	if first > 0 {
		s.MRR += 1 / float64(first)
	}
}

func (s setStats) line(name string) string {
	n := float64(max(s.Queries, 1))
	return fmt.Sprintf("%-10s %3d  all@10 %.3f  recall@10 %.3f  mrr@10 %.3f\n", name, s.Queries, s.All10/n, s.Recall/n, s.MRR/n)
}

// TestRealTextStats measures cross-form retrieval on real Japanese text
// through the library, with glossary expansion as a user gets it, and
// compares the figures with testdata/realtext_stats.txt so that changes
// show in review. Run with -update to record new figures. The queries are
// held out: nothing in the engine may be tuned to them.
func TestRealTextStats(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: indexes about 1,900 passages")
	}
	// queries.jsonl is the development set; heldout-queries.jsonl was
	// written and judged before the engine was tuned on the first, and is
	// reported apart so that tuning to the development set shows.
	for _, set := range []struct {
		queries, golden string
		newTexts        int // searched over the first newTexts too
	}{
		{"queries.jsonl", "realtext_stats.txt", 0},
		{"heldout-queries.jsonl", "realtext_heldout_stats.txt", 0},
		// blind-queries.jsonl was written and judged from the text, and
		// its figures recorded, before the work it measures.
		{"blind-queries.jsonl", "realtext_blind_stats.txt", 0},
		// blind2-queries.jsonl was written and judged from the text alone
		// after the blind set's misses had been studied, and its figures
		// recorded before any change made after it.
		{"blind2-queries.jsonl", "realtext_blind2_stats.txt", 0},
		// blind3-queries.jsonl was written and judged from the text alone
		// at the start of a round of work, and its figures recorded
		// before any change of that round.
		{"blind3-queries.jsonl", "realtext_blind3_stats.txt", 0},
		// blind4-queries.jsonl was written and judged from the text alone
		// after the work measured on blind3, and committed before kensaku
		// was run on it.
		{"blind4-queries.jsonl", "realtext_blind4_stats.txt", 0},
		// blind5-queries.jsonl was written and judged from new text
		// (debian2.jsonl, which no one had tuned on) at the end of a round
		// of work, and committed before kensaku was run on it. Its corpus
		// is the others' plus debian2.jsonl.
		{"blind5-queries.jsonl", "realtext_blind5_stats.txt", 1},
		// dev5-queries.jsonl is a development set on the same new text,
		// written and judged from the text alone and committed before
		// kensaku was run on it; its misses are read for the work on
		// debian2.jsonl's vocabulary.
		{"dev5-queries.jsonl", "realtext_dev5_stats.txt", 1},
		// blind6-queries.jsonl was written and judged from new text
		// (debian3.jsonl, which no one had tuned on) during a round of
		// work whose changes it measures, and committed before kensaku
		// was run on it. Its corpus is blind5's plus debian3.jsonl.
		{"blind6-queries.jsonl", "realtext_blind6_stats.txt", 2},
		// blind7-queries.jsonl was written and judged from text of a new
		// domain (apps.jsonl, GIMP's and KiCad's Japanese manuals, which
		// no one had tuned on) and committed before kensaku was run on it.
		// Its corpus is blind6's plus apps.jsonl.
		{"blind7-queries.jsonl", "realtext_blind7_stats.txt", 3},
	} {
		t.Run(strings.TrimSuffix(set.queries, ".jsonl"), func(t *testing.T) {
			eng := realTextEngineWith(t, set.newTexts)
			qs := readRealQueries(t, filepath.Join(realTextDir, set.queries))
			checkRealText(t, eng, qs, filepath.Join("testdata", set.golden))
		})
	}
}

// checkRealText runs the queries, logs the misses and compares the figures
// per family with the golden file.
func checkRealText(t *testing.T, eng *Engine, qs []realQuery, golden string) {
	t.Helper()
	ctx := context.Background()
	var families []string
	byFamily := map[string]*setStats{}
	var all setStats
	var misses strings.Builder
	for _, q := range qs {
		res, err := eng.Search(ctx, Request{Query: q.Query, Size: 10, IDsOnly: true, NoFacets: true})
		if err != nil {
			t.Fatalf("query %s %q: %v", q.ID, q.Query, err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		st := byFamily[q.Family]
		if st == nil {
			st = &setStats{}
			byFamily[q.Family] = st
			families = append(families, q.Family)
		}
		st.add(ids, q.Relevant)
		all.add(ids, q.Relevant)
		var missing []string
		for _, r := range q.Relevant {
			if !slices.Contains(ids, r) {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(&misses, "%s %q: missing %s of %d; top: %s\n", q.ID, q.Query,
				strings.Join(missing, " "), len(q.Relevant), strings.Join(ids[:min(3, len(ids))], " "))
		}
	}
	var got strings.Builder
	for _, f := range families {
		got.WriteString(byFamily[f].line(f))
	}
	got.WriteString(all.line("all"))
	t.Logf("misses (relevant passages not in the top 10):\n%s", misses.String())
	t.Logf("figures:\n%s", got.String())

	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got.String() {
		t.Errorf("real-text bilingual figures changed (run with -update if intended):\ngot:\n%swant:\n%s", got.String(), want)
	}
}

// readRealQueries reads queries.jsonl and checks each query has an id,
// text, family and at least one relevant passage.
func readRealQueries(t *testing.T, path string) []realQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []realQuery
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var q realQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		if q.ID == "" || q.Query == "" || q.Family == "" || len(q.Relevant) == 0 {
			t.Fatalf("%s:%d: query needs id, query, family and relevant", path, line)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return qs
}
