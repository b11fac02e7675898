package zap

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/character"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	seg "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// testSegments returns n segments of docs documents each: a text field
// of words from a vocabulary of 400 with their positions, and a tag field
// of one word without positions, unique to the document (a 1-hit term).
func testSegments(t *testing.T, n, docs int) []seg.Segment {
	t.Helper()
	words := &analysis.DefaultAnalyzer{Tokenizer: character.NewCharacterTokenizer(func(r rune) bool { return !unicode.IsSpace(r) })}
	rng := rand.New(rand.NewPCG(1, 2))
	var segs []seg.Segment
	for s := range n {
		var ds []index.Document
		for i := range docs {
			var text []string
			for range 5 + rng.IntN(60) {
				w := rng.IntN(400)
				text = append(text, fmt.Sprintf("w%03d", w*w/400)) // some words far more often than others
			}
			d := document.NewDocument(fmt.Sprintf("s%dd%04d", s, i))
			d.AddField(document.NewTextFieldCustom("text", nil, []byte(strings.Join(text, " ")),
				index.IndexField|index.IncludeTermVectors, words))
			d.AddField(document.NewTextFieldCustom("tag", nil, []byte(fmt.Sprintf("t%d-%d", s, i)), index.IndexField, nil))
			d.AddIDField()
			d.VisitFields(func(f index.Field) { f.Analyze() })
			ds = append(ds, d)
		}
		sb, _, err := (&ZapPlugin{}).New(ds)
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, sb)
	}
	return segs
}

// TestParallelMergeSameBytes merges the same segments term by term and
// in ranges of terms at once (mergeFieldTerms): the segment files are the
// same, byte for byte, with and without deleted documents, and no
// temporary file stays behind.
func TestParallelMergeSameBytes(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func(b uint64) { parallelMergeBytes = b }(parallelMergeBytes)
	segs := testSegments(t, 5, 300)
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	none := make([]*roaring.Bitmap, len(segs))
	some := make([]*roaring.Bitmap, len(segs))
	some[1] = roaring.BitmapOf(0, 7, 299)
	some[4] = roaring.BitmapOf(3)
	for _, tt := range []struct {
		name  string
		drops []*roaring.Bitmap
	}{{"no drops", none}, {"drops", some}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			merge := func(name string, procs int, minBytes uint64) []byte {
				runtime.GOMAXPROCS(procs)
				parallelMergeBytes = minBytes
				path := filepath.Join(dir, name)
				if _, _, err := (&ZapPlugin{}).Merge(segs, tt.drops, path, nil, nil); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			serial := merge("serial.zap", 1, 0)
			for _, procs := range []int{2, 3, 7} {
				got := merge(fmt.Sprintf("parallel%d.zap", procs), procs, 0)
				if !bytes.Equal(got, serial) {
					t.Errorf("%d CPUs: the merged segment differs from the one merged term by term (%d bytes, %d)", procs, len(got), len(serial))
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !strings.HasSuffix(e.Name(), ".zap") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
			// The terms were merged in ranges.
			sb := segs[0].(*SegmentBase)
			d, err := sb.dictionary("text")
			if err != nil {
				t.Fatal(err)
			}
			tm := &termMerger{dicts: []*Dictionary{d}}
			if keys := tm.splitKeys(2); len(keys) != 1 {
				t.Errorf("splitKeys(2) = %q, want one key", keys)
			}
		})
	}
}

// BenchmarkMerge merges 20 segments of 2,000 documents, term by term
// (serial) and in ranges of terms at once on every CPU (parallel).
func BenchmarkMerge(b *testing.B) {
	t := &testing.T{}
	segs := testSegments(t, 20, 2000)
	drops := make([]*roaring.Bitmap, len(segs))
	dir := b.TempDir()
	for _, bc := range []struct {
		name     string
		minBytes uint64
	}{{"serial", 1 << 62}, {"parallel", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			defer func(v uint64) { parallelMergeBytes = v }(parallelMergeBytes)
			parallelMergeBytes = bc.minBytes
			path := filepath.Join(dir, bc.name+".zap")
			for b.Loop() {
				if _, _, err := (&ZapPlugin{}).Merge(segs, drops, path, nil, nil); err != nil {
					b.Fatal(err)
				}
				os.Remove(path)
			}
		})
	}
}

// TestParallelMergeClosed merges the ranges of a field's terms for an
// index that is closing: the merge stops with seg.ErrClosed itself (Scorch
// compares it), not an error joining those of the ranges, and leaves no
// file of a range behind.
func TestParallelMergeClosed(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	defer func(b uint64) { parallelMergeBytes = b }(parallelMergeBytes)
	parallelMergeBytes = 0
	segs := testSegments(t, 3, 200)
	var dicts []*Dictionary
	var newDocNums [][]uint64
	for _, s := range segs {
		d, err := s.(*SegmentBase).dictionary("text")
		if err != nil {
			t.Fatal(err)
		}
		dicts = append(dicts, d)
		nums := make([]uint64, 200)
		for i := range nums {
			nums[i] = uint64(len(newDocNums)*200 + i)
		}
		newDocNums = append(newDocNums, nums)
	}
	closed := make(chan struct{})
	close(closed)
	tm := &termMerger{dicts: dicts, drops: make([]*roaring.Bitmap, len(segs)), newDocNums: newDocNums,
		copyBytes: true, chunkMode: DefaultChunkMode, numDocs: 600, closeCh: closed}
	if keys := tm.splitKeys(3); len(keys) == 0 {
		t.Fatal("no ranges to merge at once")
	}
	dir := t.TempDir()
	var out bytes.Buffer
	w := NewFileWriterEmpty(NewCountHashWriter(&out))
	dict, err := vellum.New(&bytes.Buffer{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := mergeFieldTerms(tm, w, dict, dir); err != seg.ErrClosed {
		t.Errorf("mergeFieldTerms = %v, want %v", err, seg.ErrClosed)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left behind: %v", entries)
	}
}
