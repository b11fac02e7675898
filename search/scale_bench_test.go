//go:build unix

package search

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kensaku/kensaku/bench"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// BenchmarkScale measures what the bench command times on its scale
// corpora: ranked ids (IDsOnly, no highlights, no facets) for the JSQuAD
// questions, warm, on the JSQuAD passages repeated to $KENSAKU_BENCH_MB
// megabytes (12 by default) as bench.Scale makes them, built on disk once;
// or on the index at $KENSAKU_BENCH_INDEX, which is built there first if
// the directory does not exist (build one once and pass it to alternate
// test binaries on the same index). Besides wall time it
// reports the process's CPU time per question (cpu-ms/op), which a
// loaded machine disturbs less. The questions timed start from the
// first, as the bench command's do, so that the warm-up's are asked
// again. For example:
//
//	KENSAKU_BENCH_MB=48 go test ./search -run '^$' -bench Scale -benchtime 2000x
func BenchmarkScale(b *testing.B) {
	base, eng := scaledEngine(b)
	defer eng.Close()
	ctx := context.Background()
	// The bench command's warm-up: a fifth of the questions, at most 200.
	for _, q := range base.Queries[:bench.Warmup(len(base.Queries))] {
		if _, err := eng.Search(ctx, Request{Query: q.Text, Size: 10, IDsOnly: true, NoHighlight: true, NoFacets: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		req := Request{Query: base.Queries[i%len(base.Queries)].Text, Size: 10, IDsOnly: true, NoHighlight: true, NoFacets: true}
		if _, err := eng.Search(ctx, req); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(i), "cpu-ms/op")
}

// benchJSQuAD loads the JSQuAD validation set, skipping the benchmark
// where it is missing.
func benchJSQuAD(b *testing.B) *bench.Corpus {
	b.Helper()
	if _, err := os.Stat(jsquadDir); err != nil {
		b.Skipf("no JSQuAD data: %v", err)
	}
	base, err := bench.LoadJSQuAD(jsquadDir)
	if err != nil {
		b.Fatal(err)
	}
	return base
}

// scaledPassages repeats base's passages to $KENSAKU_BENCH_MB megabytes
// (12 by default) as bench.Scale makes them; it returns the size in
// megabytes and the passages.
func scaledPassages(b *testing.B, base *bench.Corpus) (int, []corpus.Passage) {
	b.Helper()
	mb := 12
	if v := os.Getenv("KENSAKU_BENCH_MB"); v != "" {
		var err error
		if mb, err = strconv.Atoi(v); err != nil || mb <= 0 {
			b.Fatalf("KENSAKU_BENCH_MB=%q: want a positive number", v)
		}
	}
	c := bench.Scale(base, "scale", int64(mb)*1e6)
	ps := make([]corpus.Passage, len(c.Passages))
	for i, p := range c.Passages {
		ps[i] = corpus.Passage{ID: p.ID, Document: p.Title, Title: p.Title, Kind: corpus.KindBody, Text: p.Text}
	}
	return mb, ps
}

// scaledEngine opens the index at $KENSAKU_BENCH_INDEX, building one of
// scaledPassages there if there is none, or, without it, builds one in a
// temporary directory; it
// returns the JSQuAD set (for its questions) and the engine, which the
// caller closes.
func scaledEngine(b *testing.B) (*bench.Corpus, *Engine) {
	b.Helper()
	base := benchJSQuAD(b)
	dir := os.Getenv("KENSAKU_BENCH_INDEX")
	if _, err := os.Stat(dir); dir == "" || os.IsNotExist(err) {
		_, ps := scaledPassages(b, base)
		if dir == "" {
			dir = b.TempDir()
		}
		if _, err := indexer.Build(context.Background(), dir, indexer.Passages(ps), indexer.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	eng, err := Open(filepath.Clean(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	return base, eng
}
