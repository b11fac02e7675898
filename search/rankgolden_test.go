package search

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Per-query ranking goldens, in the manner of zoekt's internal/e2e: for
// each query, the totals and the ranked ids with their scores, in
// testdata/rank/<case>.golden, so that a change of ranking shows query by
// query in review. Rewrite them with -update.

// writeRanking appends the ranking of one query to b: its first n hits
// of res, which has more (passages with equal scores come in the order
// of the index's document numbers, which depends on the build: they are
// written in the order of their ids).
func writeRanking(b *strings.Builder, query string, res *Result, n int) {
	fmt.Fprintf(b, "query: %s\n", query)
	fmt.Fprintf(b, "total %d partial %d\n", res.Total, res.Partial)
	hits := slices.Clone(res.Hits)
	// The engine's order, with ties of the printed score by id: hits
	// before partial matches (whose scores leave out the offset that
	// ranks them below every hit), then by score.
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if a.Partial != b.Partial {
			if a.Partial {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(math.Round(b.Score*1e6), math.Round(a.Score*1e6)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for i, h := range hits[:min(n, len(hits))] {
		mark := ""
		if h.Partial {
			mark = " partial"
		}
		fmt.Fprintf(b, "%2d %s %.4f%s\n", i+1, h.ID, h.Score, mark)
	}
	b.WriteString("\n")
}

// checkGolden compares got with testdata/rank/name.golden, or writes it
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "rank", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) == got {
		return
	}
	// Name the queries whose ranking changed.
	wantQ, gotQ := strings.Split(string(want), "\n\n"), strings.Split(got, "\n\n")
	for i := range max(len(wantQ), len(gotQ)) {
		var w, g string
		if i < len(wantQ) {
			w = wantQ[i]
		}
		if i < len(gotQ) {
			g = gotQ[i]
		}
		if w != g {
			t.Errorf("%s: ranking changed (run with -update if intended):\ngot:\n%s\nwant:\n%s", path, g, w)
		}
	}
}

// keywordQueries are keyword searches of the built-in corpus beyond the
// bilingual cases: compounds, particles, operators, filters.
var keywordQueries = []string{
	"宇宙状況の監視", "宇宙 協力", "サイバー攻撃", "サイバー 防衛 -宇宙", "NATO OR 国連",
	`"宇宙システム"`, "kind:body 宇宙", "日米 宇宙協力", "機能保証", "グローバル・センチネル",
}

// TestRankGoldenBuiltin ranks the bilingual cases of
// testdata/bilingual.json that search the built-in corpus, and the
// keyword queries, against testdata/rank/builtin.golden.
func TestRankGoldenBuiltin(t *testing.T) {
	b, err := os.ReadFile("testdata/bilingual.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Query    string
		Passages []json.RawMessage
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, c := range cases {
		if c.Passages == nil {
			queries = append(queries, c.Query)
		}
	}
	queries = append(queries, keywordQueries...)
	var got strings.Builder
	for _, q := range queries {
		res := search(t, Request{Query: q, Size: 20, NoHighlight: true, NoFacets: true})
		writeRanking(&got, q, res, 10)
	}
	checkGolden(t, "builtin", got.String())
}

// TestRankGoldenRealText ranks the bilingual real-text queries
// (bench/data/bilingual-real) against testdata/rank/realtext.golden.
func TestRankGoldenRealText(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: indexes about 1,900 passages")
	}
	eng := realTextEngine(t)
	ctx := context.Background()
	var got strings.Builder
	for _, q := range readRealQueries(t, filepath.Join(realTextDir, "queries.jsonl")) {
		res, err := eng.Search(ctx, Request{Query: q.Query, Size: 10, IDsOnly: true, NoFacets: true})
		if err != nil {
			t.Fatalf("query %s %q: %v", q.ID, q.Query, err)
		}
		writeRanking(&got, q.ID+" "+q.Query, res, 5)
	}
	checkGolden(t, "realtext", got.String())
}
