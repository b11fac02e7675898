package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
)

var update = flag.Bool("update", false, "rewrite the generated built-in index and its mined glossary")

// minedBuiltin mines the built-in corpus, as an index build does.
func minedBuiltin(t testing.TB) []glossary.Entry {
	t.Helper()
	ix, _, err := NewMemory(context.Background(), Passages(corpus.Builtin()), builtinOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	return ix.Glossary
}

// TestBuiltinMined checks that builtin_mined.json holds what mining the
// built-in corpus gives, and with -update rewrites it.
func TestBuiltinMined(t *testing.T) {
	want, err := json.MarshalIndent(minedBuiltin(t), "", "  ")
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
}

// TestBuiltinIndex checks that the embedded built-in index (builtin/)
// opens and holds what indexing the built-in corpus now gives: the same
// counts and lengths, glossary, stored passages, terms of every field
// with their passage counts, and bigrams. With -update it rebuilds it.
func TestBuiltinIndex(t *testing.T) {
	if *update {
		tmp := t.TempDir()
		if _, err := Build(context.Background(), tmp, Passages(corpus.Builtin()), builtinOptions(minedBuiltin(t))); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll("builtin"); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS("builtin", os.DirFS(currentGen(tmp))); err != nil {
			t.Fatal(err)
		}
		return
	}
	stale := "the embedded built-in index differs from the built-in corpus indexed now: run go generate ./indexer"
	got, err := openEmbeddedBuiltin()
	if err != nil {
		t.Fatalf("%v\n%s", err, stale)
	}
	defer got.bix.Close()
	want, err := buildBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	if got.Path != "" {
		t.Errorf("Path = %q, want none (the files are removed)", got.Path)
	}
	gm, wm := got.Meta, want.Meta
	if gm.Documents != wm.Documents || gm.Passages != wm.Passages || gm.Bytes != wm.Bytes || !cmp.Equal(gm.Lengths, wm.Lengths) {
		t.Errorf("meta: %d documents, %d passages, %d bytes, lengths %v; indexed now %d, %d, %d, %v\n%s",
			gm.Documents, gm.Passages, gm.Bytes, gm.Lengths, wm.Documents, wm.Passages, wm.Bytes, wm.Lengths, stale)
	}
	if diff := cmp.Diff(want.Glossary, got.Glossary); diff != "" {
		t.Errorf("glossary (-now +embedded):\n%s\n%s", diff, stale)
	}
	if diff := cmp.Diff(indexContents(t, want.bix), indexContents(t, got.bix)); diff != "" {
		t.Errorf("index (-now +embedded):\n%s\n%s", diff, stale)
	}
	if diff := cmp.Diff(bigramContents(t, want.Bigrams), bigramContents(t, got.Bigrams)); diff != "" {
		t.Errorf("bigrams (-now +embedded):\n%s\n%s", diff, stale)
	}
	if diff := cmp.Diff(storeContents(t, want), storeContents(t, got)); diff != "" {
		t.Errorf("passage store (-now +embedded):\n%s\n%s", diff, stale)
	}
}

// storeContents lists the passages of the passage store, sorted.
func storeContents(t *testing.T, ix *Index) []string {
	t.Helper()
	docs := make([]uint64, ix.Meta.Passages)
	for i := range docs {
		docs[i] = uint64(i)
	}
	ps, err := ix.Passages(docs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// indexContents lists the stored fields of every passage and the terms
// of every field with their passage counts.
func indexContents(t *testing.T, idx bleve.Index) []string {
	t.Helper()
	var out []string
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
	req.Fields = []string{"*"}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		b, err := json.Marshal(h.Fields)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h.ID+" "+string(b))
	}
	fields, err := idx.Fields()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		d, err := idx.FieldDict(f)
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := d.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			out = append(out, fmt.Sprintf("%s:%s %d", f, e.Term, e.Count))
		}
		d.Close()
	}
	slices.Sort(out)
	return out
}

// bigramContents lists each bigram with its number of passages, and the
// passages' bigram lengths (their order is the index's document order).
func bigramContents(t *testing.T, b *Bigrams) []string {
	t.Helper()
	var out []string
	b.Terms(func(term string) {
		docs, err := b.Docs(term)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d", term, docs.GetCardinality()))
	})
	var lengths []int
	for d := range b.Passages() {
		lengths = append(lengths, int(b.Length(uint64(d))))
	}
	slices.Sort(lengths)
	return append(out, fmt.Sprint("lengths ", lengths))
}

// BenchmarkBuiltin measures opening the embedded built-in index, as the
// first search of a process over the built-in corpus does, beside
// building it in memory as it was before (both with the dictionary
// loaded: see BenchmarkParse in analyzers/internal/ipadic).
func BenchmarkBuiltin(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ix, err := openEmbeddedBuiltin()
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
	b.Run("memory", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ix, err := buildBuiltin()
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
}
