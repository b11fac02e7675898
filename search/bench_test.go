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
// an in-memory index of their passages, warm: without highlighting (the
// peers' setting), with highlighting, and with highlighting and facets.
func BenchmarkJSQuAD(b *testing.B) {
	if _, err := os.Stat(jsquadDir); err != nil {
		b.Skipf("no JSQuAD data: %v", err)
	}
	ctx := context.Background()
	ix, _, err := indexer.NewMemory(ctx, indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")}), indexer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	eng, err := New(ix, Options{})
	if err != nil {
		b.Fatal(err)
	}
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
	// bare is what the peers compute (ranked ids, with glossary
	// expansion); highlights adds the highlighter's cost alone, and
	// highlights-facets the full interactive request.
	for _, bc := range []struct {
		name              string
		highlight, facets bool
	}{
		{"bare", false, false},
		{"highlights", true, false},
		{"highlights-facets", true, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				req := Request{Query: queries[i%len(queries)], Size: 10, NoHighlight: !bc.highlight, NoFacets: !bc.facets}
				if _, err := eng.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
