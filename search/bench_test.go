//go:build unix

package search

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kensaku/kensaku/indexer"
)

// BenchmarkJSQuAD measures the latency of the JSQuAD questions against
// an index of their passages built on disk, as the bench command builds
// it (one segment), warm: without highlighting (the peers' setting),
// with highlighting, and with highlighting and facets.
func BenchmarkJSQuAD(b *testing.B) {
	if _, err := os.Stat(jsquadDir); err != nil {
		b.Skipf("no JSQuAD data: %v", err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	if _, err := indexer.Build(ctx, dir, indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")}), indexer.Options{}); err != nil {
		b.Fatal(err)
	}
	eng, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	f, err := os.Open(filepath.Join(jsquadDir, "queries.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var queries []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct{ Query string }
		json.Unmarshal(sc.Bytes(), &q)
		queries = append(queries, q.Query)
	}
	f.Close()
	// ids is what the peers compute and what the bench command times
	// (ranked ids, with glossary expansion, no passage read); bare adds
	// reading the page's passages, highlights the highlighter's cost, and
	// highlights-facets makes the full interactive request. Besides wall
	// time it reports the process's CPU time per question (cpu-ms/op, from
	// getrusage, garbage collection included).
	for _, bc := range []struct {
		name              string
		idsOnly           bool
		highlight, facets bool
	}{
		{"ids", true, false, false},
		{"bare", false, false, false},
		{"highlights", false, true, false},
		{"highlights-facets", false, true, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			i := 0
			for b.Loop() {
				req := Request{Query: queries[i%len(queries)], Size: 10, IDsOnly: bc.idsOnly, NoHighlight: !bc.highlight, NoFacets: !bc.facets}
				if _, err := eng.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(i), "cpu-ms/op")
		})
	}
}
