package indexer

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
)

// TestBigrams checks the bigram index of a build, on disk and in memory:
// every bigram's passages, by Bleve's document numbers, and every
// passage's number of bigrams.
func TestBigrams(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	disk, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	mem, _, err := NewMemory(context.Background(), Passages(testPassages()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	for name, ix := range map[string]*Index{"disk": disk, "memory": mem} {
		// The ids of the passages with a bigram, through Bleve's numbers.
		ids := func(term string) []string {
			bm, err := ix.Bigrams.Docs(term)
			if err != nil {
				t.Fatal(err)
			}
			if bm == nil {
				return nil
			}
			adv, err := ix.bix.Advanced()
			if err != nil {
				t.Fatal(err)
			}
			r, err := adv.Reader()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var out []string
			for it := bm.Iterator(); it.HasNext(); {
				id, err := r.ExternalID(index.NewIndexInternalID(nil, uint64(it.Next())))
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, id)
			}
			slices.Sort(out)
			return out
		}
		for term, want := range map[string][]string{
			"宇宙": {"a", "c"}, "防衛": {"a", "b"}, "況監": {"a"}, "ssa": {"a"}, "演習": {"b"}, "ない": nil,
		} {
			if got := ids(term); !slices.Equal(got, want) {
				t.Errorf("%s: bigram %s in %v, want %v", name, term, got, want)
			}
		}
		if ix.Bigrams.Len() < 20 {
			t.Errorf("%s: %d bigrams", name, ix.Bigrams.Len())
		}
		var total uint64
		for doc := range uint64(3) {
			if ix.Bigrams.Length(doc) == 0 {
				t.Errorf("%s: document %d has no bigrams", name, doc)
			}
			total += uint64(ix.Bigrams.Length(doc))
		}
		if m := ix.Bigrams.MeanLength(); m*3 < float64(total) || (m-1)*3 >= float64(total) {
			t.Errorf("%s: mean length %g of a total of %d", name, m, total)
		}
	}
}

// TestBigramsDamaged checks that a damaged or missing bigram index is an
// error when the index opens.
func TestBigramsDamaged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	gen, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, gen, bigramsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, bad := range [][]byte{nil, data[:len(data)/2], append([]byte("x"), data[1:]...), nil} {
		if i == 3 {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(dir)
		if err == nil {
			ix.Close()
			t.Errorf("Open with a bigram index of %d bytes (of %d) did not fail", len(bad), len(data))
		} else if !errors.Is(err, ErrDamaged) {
			t.Errorf("Open with a damaged bigram index: %v", err)
		}
	}
}

// FuzzReadBigrams checks that reading any file as a bigram index fails
// cleanly or gives bigrams that can be looked up.
func FuzzReadBigrams(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "ix")
	if _, err := Build(context.Background(), dir, Passages(testPassages()), Options{}); err != nil {
		f.Fatal(err)
	}
	gen, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, gen, bigramsFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:40])
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), bigramsFile)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := readBigrams(path)
		if err != nil {
			return
		}
		b.Terms(func(term string) {
			_, _ = b.Docs(term)
		})
		_ = b.MeanLength()
		_ = b.Length(0)
		// What was read writes back to the same table.
		again := filepath.Join(t.TempDir(), bigramsFile)
		if err := writeBigrams(again, b); err != nil {
			t.Fatal(err)
		}
		c, err := readBigrams(again)
		if err != nil {
			t.Fatalf("rewritten table: %v", err)
		}
		if c.terms != b.terms || !slices.Equal(c.ends, b.ends) || !slices.Equal(c.lengths, b.lengths) ||
			!slices.EqualFunc(c.maps, b.maps, bytes.Equal) {
			t.Fatal("the rewritten table differs")
		}
	})
}

// TestNilBigrams checks that a nil bigram index has no bigrams.
func TestNilBigrams(t *testing.T) {
	var b *Bigrams
	if bm, err := b.Docs("宇宙"); bm != nil || err != nil || b.Len() != 0 || b.Length(0) != 0 || b.MeanLength() != 0 {
		t.Errorf("nil bigram index: %v %v %d %d %g", bm, err, b.Len(), b.Length(0), b.MeanLength())
	}
	b.Terms(func(string) { t.Error("nil bigram index has a term") })
}

// TestBigramPostings writes and reads back a bigram index with small
// postings (lists) and large ones (bitmaps), and checks that a damaged
// list is an error.
func TestBigramPostings(t *testing.T) {
	const passages = 40000
	want := map[string][]uint32{
		"一つ": {7},
		"二つ": {0, 39999},
		"八つ": {1, 2, 3, 300, 4000, 5000, 20000, 39998},
		"九つ": {1, 2, 3, 300, 4000, 5000, 20000, 39998, 39999},
		"多い": nil, // every other passage
	}
	for d := uint32(0); d < passages; d += 2 {
		want["多い"] = append(want["多い"], d)
	}
	terms := slices.Sorted(maps.Keys(want))
	b := &Bigrams{lengths: make([]uint32, passages)}
	var text []byte
	for _, term := range terms {
		text = append(text, term...)
		b.ends = append(b.ends, uint32(len(text)))
		nums := want[term]
		m, err := encodePosting(nums)
		if err != nil {
			t.Fatal(err)
		}
		b.maps = append(b.maps, m)
	}
	b.terms = string(text)
	path := filepath.Join(t.TempDir(), bigramsFile)
	if err := writeBigrams(path, b); err != nil {
		t.Fatal(err)
	}
	got, err := readBigrams(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		bm, err := got.Docs(term)
		if err != nil {
			t.Fatalf("%s: %v", term, err)
		}
		if !slices.Equal(bm.ToArray(), want[term]) {
			t.Errorf("%s: %v, want %v", term, bm.ToArray(), want[term])
		}
	}
	for _, bad := range [][]byte{
		{smallPostingMark},                            // no number
		{smallPostingMark, 5, 0},                      // a number twice
		{smallPostingMark, 0xc0, 0xb8, 2},             // 40000: out of range
		{smallPostingMark, 1, 1, 1, 1, 1, 1, 1, 1, 1}, // nine numbers
		{smallPostingMark, 0x80},                      // a truncated number
	} {
		got.maps[0] = bad
		if _, err := got.Docs(terms[0]); err == nil {
			t.Errorf("list % x: no error", bad)
		}
	}
}

func TestShortKey(t *testing.T) {
	seen := map[uint64]string{}
	for _, term := range []string{"", "a", "ab", "a\x00", "\x00", "\x00\x00", "宇", "宇宙", "宙宇", "abcdefg", "\xff\xff\xff\xff\xff\xff\xff"} {
		key := shortKey([]byte(term))
		if got := shortTerm(key); got != term {
			t.Errorf("shortTerm(shortKey(%q)) = %q", term, got)
		}
		if other, dup := seen[key]; dup {
			t.Errorf("%q and %q have the same key %#x", term, other, key)
		}
		seen[key] = term
	}
}

func TestOrdList(t *testing.T) {
	for _, tc := range []struct {
		add, want []uint32
	}{
		{nil, nil},
		{[]uint32{0}, []uint32{0}},
		{[]uint32{0, 0, 0, 1, 1}, []uint32{0, 1}},
		{[]uint32{5, 200, 200, 70000, 1 << 31}, []uint32{5, 200, 70000, 1 << 31}},
	} {
		var l ordList
		for _, o := range tc.add {
			l.add(o)
		}
		if got := decodeOrds(nil, l.buf); !slices.Equal(got, tc.want) {
			t.Errorf("add %v: decoded %v, want %v", tc.add, got, tc.want)
		}
	}
}

// TestBigramsFromAnalysis checks that a shard given the passages'
// analysed documents, whose text analysis gave the bigrams, collects what
// a shard analysing the texts again collects.
func TestBigramsFromAnalysis(t *testing.T) {
	data, err := os.ReadFile("../analyzers/testdata/mixed.txt")
	if err != nil {
		t.Fatal(err)
	}
	jsquad, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
	if err != nil {
		t.Fatal(err)
	}
	var ps []corpus.Passage
	for i, line := range strings.Split(string(data)+string(jsquad), "\n") {
		ps = append(ps, corpus.Passage{ID: strconv.Itoa(i), Text: line, Title: "題", Kind: corpus.KindBody})
	}
	m, err := NewMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*document.Document, len(ps))
	for i, p := range ps {
		fields, err := fieldsOf(p)
		if err != nil {
			t.Fatal(err)
		}
		d := document.NewDocument(p.ID)
		if err := m.MapDocument(d, fields); err != nil {
			t.Fatal(err)
		}
		useTextFields(d, nil, true)
		d.VisitFields(func(f index.Field) { f.Analyze() })
		docs[i] = d
	}
	if _, ok := textBigrams(docs[0]); !ok {
		t.Fatal("the text's analysis gave no bigrams")
	}
	collect := func(docs []*document.Document) *bigramCollector {
		c := newBigramCollector()
		c.ids = make([]string, len(ps))
		sh := c.shard()
		for first := 0; first < len(ps); first += 100 {
			end := min(first+100, len(ps))
			var batch []*document.Document
			if docs != nil {
				batch = docs[first:end]
			}
			sh.add(uint32(first), ps[first:end], batch)
		}
		c.gather()
		return c
	}
	got, want := collect(docs), collect(nil)
	if !slices.Equal(got.terms, want.terms) || !slices.Equal(got.lengths, want.lengths) {
		t.Fatalf("%d terms and lengths %v, analysing again %d terms and lengths %v", len(got.terms), got.lengths[:5], len(want.terms), want.lengths[:5])
	}
	for i := range want.lists {
		for k := range want.lists[i] {
			if !bytes.Equal(got.lists[i][k], want.lists[i][k]) {
				t.Fatalf("term %q: passages differ", want.terms[i])
			}
		}
	}
}

// TestKeyTable checks keyTable against a map, through its growth.
func TestKeyTable(t *testing.T) {
	var kt keyTable
	want := map[uint64]uint32{}
	for i := range 100_000 {
		key := shortKey([]byte(strconv.Itoa(i % 37_000)))
		slot := kt.slot(key)
		v, ok := want[key]
		if !ok {
			if *slot != noList {
				t.Fatalf("new key %x has value %d", key, *slot)
			}
			v = uint32(len(want))
			want[key] = v
			*slot = v
		}
		if *slot != v {
			t.Fatalf("key %x: %d, want %d", key, *slot, v)
		}
	}
	got := map[uint64]uint32{}
	kt.each(func(key uint64, v uint32) { got[key] = v })
	if !maps.Equal(got, want) || kt.n != len(want) {
		t.Fatalf("each gave %d keys, want %d (n %d)", len(got), len(want), kt.n)
	}
}

// TestSortDense sorts lists of distinct document numbers through a
// bitmap as slices.Sort does, reusing the bitmap from list to list.
func TestSortDense(t *testing.T) {
	var seen []uint64
	for _, tc := range []struct {
		nums []uint32
		n    int
	}{
		{nil, 10},
		{[]uint32{0}, 1},
		{[]uint32{5, 3, 64, 63, 0, 127, 128}, 129},
		{[]uint32{199, 1, 100}, 200},
		{[]uint32{2, 1}, 3},
	} {
		want := slices.Sorted(slices.Values(tc.nums))
		got := slices.Clone(tc.nums)
		seen = sortDense(got, seen, tc.n)
		if !slices.Equal(got, want) {
			t.Errorf("sortDense(%v, %d) = %v, want %v", tc.nums, tc.n, got, want)
		}
	}
}

// TestSharedDocs checks that SharedDocs gives what Docs gives, decoded
// once: the same bitmap again for the same bigram, nil for a bigram no
// passage has and on a nil index.
func TestSharedDocs(t *testing.T) {
	mem, _, err := NewMemory(context.Background(), Passages(testPassages()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	n := 0
	mem.Bigrams.Terms(func(term string) {
		want, err := mem.Bigrams.Docs(term)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mem.Bigrams.SharedDocs(term)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := mem.Bigrams.SharedDocs(term)
		if !got.Equals(want) || again != got {
			t.Errorf("%s: SharedDocs %v (again the same: %v), want %v", term, got, again == got, want)
		}
		n++
	})
	if n == 0 {
		t.Fatal("no bigrams")
	}
	if bm, err := mem.Bigrams.SharedDocs("\x00\x00"); bm != nil || err != nil {
		t.Errorf("absent bigram: %v %v", bm, err)
	}
	var b *Bigrams
	if bm, err := b.SharedDocs("宇宙"); bm != nil || err != nil {
		t.Errorf("nil bigram index: %v %v", bm, err)
	}
}
