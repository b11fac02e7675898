package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bmapping "github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// BenchmarkBuild builds an index of the JSQuAD passages of the analyzers'
// test data (about 300 KB of Japanese, one passage a line, titled in runs
// of ten as a document's passages are), or of the JSONL corpus named by
// $KENSAKU_BENCH_CORPUS, for profiling a build with -cpuprofile or
// -memprofile. Besides wall time it reports the CPU time per build.
func BenchmarkBuild(b *testing.B) {
	var src Source
	var size int64
	if path := os.Getenv("KENSAKU_BENCH_CORPUS"); path != "" {
		src = Files([]string{path})
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = fi.Size()
	} else {
		data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
		if err != nil {
			b.Fatal(err)
		}
		var ps []corpus.Passage
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			ps = append(ps, corpus.Passage{ID: fmt.Sprint(i), Document: fmt.Sprint("doc", i/10),
				Title: fmt.Sprint("文書", i/10), Kind: corpus.KindBody, Text: line})
			size += int64(len(line))
		}
		src = Passages(ps)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Build(context.Background(), b.TempDir(), src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	// The process's CPU time (getrusage) per build: on a shared machine
	// it varies less than the wall time.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// BenchmarkPage reads the passages of a page of ten hits (at random
// document numbers) from the passage store, beside the way it was read
// before the store: from Bleve's stored fields, each passage's fields
// compressed on their own (Snappy), loaded with Document(id). The
// passages are the JSQuAD validation set's 1,145 (0.63 MB of text),
// titled and with a document as the build gives them. It reports the
// bytes each way takes.
func BenchmarkPage(b *testing.B) {
	ps := benchPassages(b)
	const page = 10
	var buf bytes.Buffer
	sw := newStoreWriter(&buf)
	if err := sw.prime(ps[:min(1000, len(ps))]); err != nil {
		b.Fatal(err)
	}
	sh := sw.shard()
	for first := 0; first < len(ps); first += 1000 {
		if err := sh.add(uint32(first), ps[first:min(first+1000, len(ps))]); err != nil {
			b.Fatal(err)
		}
	}
	docNum := make([]uint32, len(ps))
	for i := range docNum {
		docNum[i] = uint32(i)
	}
	if err := sw.finish(docNum); err != nil {
		b.Fatal(err)
	}
	s, err := readStore(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	b.Run("store", func(b *testing.B) {
		docs := make([]uint64, page)
		cpu := cpuTime()
		for b.Loop() {
			for i := range docs {
				docs[i] = uint64(rng.IntN(len(ps)))
			}
			if _, err := s.Get(docs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(buf.Len()), "bytes")
	})
	b.Run("bleve", func(b *testing.B) {
		// The fields and mapping of schema version 7, stored.
		m := bmapping.NewIndexMapping()
		doc := bmapping.NewDocumentStaticMapping()
		for _, f := range []string{"text", "title", "section", "document", "kind", "source", "meta"} {
			fm := bmapping.NewTextFieldMapping()
			fm.Index, fm.Store, fm.DocValues, fm.IncludeInAll = false, true, false, false
			doc.AddFieldMappingsAt(f, fm)
		}
		m.DefaultMapping = doc
		dir := b.TempDir()
		idx, err := bleve.NewUsing(dir+"/bleve", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			b.Fatal(err)
		}
		batch := idx.NewBatch()
		for _, p := range ps {
			batch.Index(p.ID, map[string]any{"text": p.Text, "title": p.Title, "document": p.Document,
				"section": p.SectionPath(), "kind": string(p.Kind), "source": p.Source})
		}
		if err := idx.Batch(batch); err != nil {
			b.Fatal(err)
		}
		idx.Close()
		if idx, err = bleve.Open(dir + "/bleve"); err != nil {
			b.Fatal(err)
		}
		defer idx.Close()
		cpu := cpuTime()
		for b.Loop() {
			for range page {
				d, err := idx.Document(ps[rng.IntN(len(ps))].ID)
				if err != nil || d == nil {
					b.Fatal(err)
				}
				d.VisitFields(func(f index.Field) { _ = f.Value() })
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(dirSize(b, dir)), "bytes")
	})
}

// benchPassages returns the JSQuAD validation passages.
func benchPassages(b *testing.B) []corpus.Passage {
	f, err := os.Open("../bench/data/jsquad-valid/passages.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var ps []corpus.Passage
	dec := json.NewDecoder(f)
	for {
		var r struct{ ID, Title, Text string }
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, corpus.Passage{ID: r.ID, Title: r.Title, Document: r.Title, Kind: corpus.KindBody, Text: r.Text})
	}
	return ps
}

func dirSize(b *testing.B, dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// cpuTime returns the CPU time of the process so far, in nanoseconds: on
// a shared machine, a steadier measure than the wall time.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkPassages reads what a page of ten hits shows from the passage
// store: ten passages drawn at random (the same from run to run) by
// document number, from the index at $KENSAKU_BENCH_INDEX or one built of
// the JSQuAD passages of the analyzers' test data. Besides wall time it
// reports the process's CPU time per page (cpu-ms/op, from getrusage, so
// garbage collection counts).
//
//	KENSAKU_BENCH_INDEX=DIR go test ./indexer -run '^$' -bench Passages -benchtime 2000x
func BenchmarkPassages(b *testing.B) {
	dir := os.Getenv("KENSAKU_BENCH_INDEX")
	if dir == "" {
		data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
		if err != nil {
			b.Fatal(err)
		}
		var ps []corpus.Passage
		for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			ps = append(ps, corpus.Passage{ID: fmt.Sprint(i), Document: fmt.Sprint("doc", i/10),
				Title: fmt.Sprint("文書", i/10), Kind: corpus.KindBody, Text: line})
		}
		dir = b.TempDir()
		if _, err := Build(context.Background(), dir, Passages(ps), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	n := uint64(ix.store.Passages())
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]uint64, 10)
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		for k := range docs {
			docs[k] = rng.Uint64N(n)
		}
		if _, err := ix.Passages(docs); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(i), "cpu-ms/op")
}

// BenchmarkBigramCollect collects the bigrams of the JSQuAD validation
// passages as a build's worker does, and gathers them, reporting CPU
// time per MB of text.
func BenchmarkBigramCollect(b *testing.B) {
	ps := benchPassages(b)
	var size int64
	for _, p := range ps {
		size += int64(len(p.Text))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		c := newBigramCollector()
		c.ids = make([]string, len(ps))
		sh := c.shard()
		for first := 0; first < len(ps); first += 100 {
			sh.add(uint32(first), ps[first:min(first+100, len(ps))], nil)
		}
		c.gather()
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e9/(float64(size)*float64(b.N)/1e6), "cpu-s/MB")
}

// BenchmarkBigramDocs reads the passages of every bigram (Docs) of a
// table of the JSQuAD validation passages repeated to $KENSAKU_BENCH_MB
// megabytes of text (12 by default), with its postings as a build
// writes them (packed) and as bigrams.bin version 2 kept them (Roaring
// bitmaps above maxSmallPosting). It reports the postings' bytes and the
// CPU time per passage number read.
func BenchmarkBigramDocs(b *testing.B) {
	ps := benchPassages(b)
	mb := 12
	if v := os.Getenv("KENSAKU_BENCH_MB"); v != "" {
		var err error
		if mb, err = strconv.Atoi(v); err != nil || mb <= 0 {
			b.Fatalf("KENSAKU_BENCH_MB=%q: want a positive number", v)
		}
	}
	c := newBigramCollector()
	sh := c.shard()
	var size int64
	ord := 0
	for size < int64(mb)*1e6 {
		for first := 0; first < len(ps); first += 100 {
			batch := ps[first:min(first+100, len(ps))]
			sh.add(uint32(ord), batch, nil)
			ord += len(batch)
			for _, p := range batch {
				size += int64(len(p.Text))
			}
		}
	}
	c.ids = make([]string, ord)
	c.gather()
	var text []byte
	var ends []uint32
	var lists [][]uint32
	numbers := 0
	for i, t := range c.terms {
		text = append(text, t...)
		ends = append(ends, uint32(len(text)))
		var nums []uint32
		for _, l := range c.lists[i] {
			nums = decodeOrds(nums, l)
		}
		lists = append(lists, nums)
		numbers += len(nums)
	}
	for _, form := range []struct {
		name   string
		encode func([]uint32) ([]byte, error)
	}{
		{"packed", encodePosting},
		{"roaring", func(nums []uint32) ([]byte, error) {
			if len(nums) <= maxSmallPosting {
				return appendSmallPosting(nil, nums), nil
			}
			bm := roaring.BitmapOf(nums...)
			bm.RunOptimize()
			return bm.ToBytes()
		}},
	} {
		t := &Bigrams{terms: string(text), ends: ends, lengths: make([]uint32, ord)}
		postings := 0
		for _, nums := range lists {
			m, err := form.encode(nums)
			if err != nil {
				b.Fatal(err)
			}
			t.maps = append(t.maps, m)
			postings += len(m)
		}
		b.Run(form.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				for i := range t.ends {
					if _, err := t.Docs(t.term(i)); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(numbers)/float64(b.N), "cpu-ns/number")
			b.ReportMetric(float64(postings), "postings-bytes")
		})
	}
}

// BenchmarkSortedTerms groups the tokens of the JSQuAD passages of the
// analyzers' test data by term, as a build does for the text field
// (sortedTerms, with term vectors), from tokens analysed beforehand.
func BenchmarkSortedTerms(b *testing.B) {
	data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
	if err != nil {
		b.Fatal(err)
	}
	m, err := analyzers.NewMorph(nil)
	if err != nil {
		b.Fatal(err)
	}
	var docs [][]analyzers.TermPos
	var size int64
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		docs = append(docs, m.AppendTerms(nil, []byte(line)))
		size += int64(len(line))
	}
	options := index.IndexField | index.IncludeTermVectors
	scratch := make([]analyzers.TermPos, 0, 1024)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, toks := range docs {
			scratch = append(scratch[:0], toks...)
			sortedTerms(scratch, options)
		}
	}
}

// BenchmarkNewSegment builds the in-memory segment of a batch of 1,000
// analysed JSQuAD passages, as a build's worker does for each batch, and
// reports the CPU time per build.
func BenchmarkNewSegment(b *testing.B) {
	ps := benchPassages(b)[:1000]
	m, err := NewMapping(nil)
	if err != nil {
		b.Fatal(err)
	}
	titles := &titleCache{}
	docs := make([]index.Document, len(ps))
	for i, p := range ps {
		fields, err := fieldsOf(p)
		if err != nil {
			b.Fatal(err)
		}
		d := document.NewDocument(p.ID)
		if err := m.MapDocument(d, fields); err != nil {
			b.Fatal(err)
		}
		useTextFields(d, titles, true)
		d.AddIDField()
		d.VisitFields(func(f index.Field) { f.Analyze() })
		docs[i] = passageDoc{d}
	}
	plugin := &zap.ZapPlugin{}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		seg, _, err := plugin.New(docs)
		if err != nil {
			b.Fatal(err)
		}
		seg.Close()
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
