package search

import (
	"testing"

	"github.com/kensaku/kensaku/indexer"
)

// BenchmarkNewEngine measures what a process pays to start searching the
// built-in corpus once the index is built: the glossary from every
// source, the title words, the analyzers.
func BenchmarkNewEngine(b *testing.B) {
	ix, err := indexer.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(ix, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
