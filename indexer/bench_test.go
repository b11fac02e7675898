package indexer

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
)

// BenchmarkBuild builds an index of the JSQuAD passages of the analyzers'
// test data (about 300 KB of Japanese, one passage a line, titled in runs
// of ten as a document's passages are), or of the JSONL corpus named by
// $KENSAKU_BENCH_CORPUS, for profiling a build with -cpuprofile or
// -memprofile.
func BenchmarkBuild(b *testing.B) {
	var src Source
	var bytes int64
	if path := os.Getenv("KENSAKU_BENCH_CORPUS"); path != "" {
		src = Files([]string{path})
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		bytes = fi.Size()
	} else {
		data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
		if err != nil {
			b.Fatal(err)
		}
		var ps []corpus.Passage
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			ps = append(ps, corpus.Passage{ID: fmt.Sprint(i), Document: fmt.Sprint("doc", i/10),
				Title: fmt.Sprint("文書", i/10), Kind: corpus.KindBody, Text: line})
			bytes += int64(len(line))
		}
		src = Passages(ps)
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), b.TempDir(), src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
