package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
)

var update = flag.Bool("update", false, "rewrite generated files")

// TestBuiltinMined checks that builtin_mined.json holds what mining the
// built-in corpus gives, and with -update rewrites it.
func TestBuiltinMined(t *testing.T) {
	ix, _, err := NewMemory(context.Background(), Passages(corpus.Builtin()), builtinOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want, err := json.MarshalIndent(ix.Glossary, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if *update {
		if err := os.WriteFile("builtin_mined.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(want, builtinMined) {
		t.Errorf("builtin_mined.json is not what mining the built-in corpus gives: run go generate ./indexer\ngot:\n%s", want)
	}
	b, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(b.Glossary, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("the built-in index's glossary differs from the mined one:\n%s", got)
	}
}

// BenchmarkBuiltin measures building the built-in index in memory, as the
// first search of a process over the built-in corpus does (with the
// dictionary loaded: see BenchmarkParse in analyzers/internal/ipadic).
func BenchmarkBuiltin(b *testing.B) {
	var mined []glossary.Entry
	if err := json.Unmarshal(builtinMined, &mined); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, _, err := NewMemory(context.Background(), Passages(corpus.Builtin()), builtinOptions(mined))
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}
