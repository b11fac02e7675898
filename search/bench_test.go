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
// an in-memory index of their passages, warm, without highlighting (the
// peers' setting), and with it.
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
	for _, hl := range []bool{false, true} {
		name := "bare" // what the peers compute: ranked ids
		if hl {
			name = "highlights-facets"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := eng.Search(ctx, Request{Query: queries[i%len(queries)], Size: 10, NoHighlight: !hl, NoFacets: !hl}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
