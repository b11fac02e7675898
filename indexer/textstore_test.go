package indexer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/corpus"
)

// storePassages returns n passages with every field the store keeps, of
// varied lengths (some longer than a block).
func storePassages(n int) []corpus.Passage {
	rng := rand.New(rand.NewPCG(3, 4))
	ps := make([]corpus.Passage, n)
	for i := range ps {
		p := corpus.Passage{ID: fmt.Sprintf("p%d", i), Document: fmt.Sprintf("文書%d", i%5), Kind: corpus.KindBody,
			Text: strings.Repeat(fmt.Sprintf("宇宙状況監視%dの記録。", i), 1+rng.IntN(40))}
		if i%3 == 0 {
			p.Title, p.Section, p.Page, p.PDFPage = "見出し", []string{"第1章", "第2節"}, i+1, i+2
		}
		if i%4 == 0 {
			p.Source, p.Meta = "a/b.jsonl", map[string]any{"lang": "ja", "n": float64(i)}
		}
		if i == 7 {
			p.Text = strings.Repeat("長い段落。", 3000) // several blocks' worth
		}
		ps[i] = p
	}
	return ps
}

// writeTestStore writes a store of ps as the build does: in batches by
// several shards, and with document numbers a permutation of the
// ordinals. It returns the bytes and the document number of every
// ordinal.
func writeTestStore(t *testing.T, ps []corpus.Passage, batch int) ([]byte, []uint32) {
	t.Helper()
	var buf bytes.Buffer
	sw := newStoreWriter(&buf)
	if err := sw.prime(ps[:min(batch, len(ps))]); err != nil {
		t.Fatal(err)
	}
	shards := []*storeShard{sw.shard(), sw.shard()}
	// Batches in reverse order, as workers may finish them.
	for first := (len(ps) - 1) / batch * batch; first >= 0; first -= batch {
		if err := shards[first/batch%2].add(uint32(first), ps[first:min(first+batch, len(ps))]); err != nil {
			t.Fatal(err)
		}
	}
	docNum := make([]uint32, len(ps))
	for ord, d := range rand.New(rand.NewPCG(5, 6)).Perm(len(ps)) {
		docNum[ord] = uint32(d)
	}
	if err := sw.finish(docNum); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), docNum
}

func TestTextStoreRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		n, batch int
		kind     uint32 // of the dictionary the first batch makes
	}{
		{0, 7, dictNone},
		{1, 7, dictRaw},
		{2, 7, dictRaw},
		{17, 7, dictRaw},
		{300, 7, dictRaw},
		{300, 40, dictZstd}, // passage 7 is longer than the history
	} {
		t.Run(fmt.Sprint(tc.n, "/", tc.batch), func(t *testing.T) {
			n := tc.n
			ps := storePassages(n)
			data, docNum := writeTestStore(t, ps, tc.batch)
			s, err := readStore(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if kind := binary.LittleEndian.Uint32(data[len(storeMagic)+4:]); kind != tc.kind {
				t.Errorf("dictionary of kind %d, want %d", kind, tc.kind)
			}
			if s.Passages() != n {
				t.Fatalf("Passages() = %d, want %d", s.Passages(), n)
			}
			// All at once, in document order, and one at a time.
			docs := make([]uint64, n)
			for ord, d := range docNum {
				docs[ord] = uint64(d)
			}
			got, err := s.Get(docs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ps, got); diff != "" {
				t.Fatalf("Get (-want +got):\n%s", diff)
			}
			for ord, d := range docNum {
				p, err := s.Passage(uint64(d))
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(ps[ord], p); diff != "" {
					t.Fatalf("Passage(%d) (-want +got):\n%s", d, diff)
				}
			}
			if _, err := s.Passage(uint64(n)); !errors.Is(err, errStore) {
				t.Errorf("Passage(%d) of %d: %v, want an error", n, n, err)
			}
		})
	}
}

// TestTextStoreDamage flips every byte of a small store in turn, and
// truncates it at every length: reading the store, or then every passage,
// must fail with an error or give the passages written, never panic or
// give other text. It does so with each kind of dictionary the writer
// makes (a first batch of 5 passages: raw; of 12: zstd).
func TestTextStoreDamage(t *testing.T) {
	for _, batch := range []int{5, 12} {
		t.Run(fmt.Sprint(batch), func(t *testing.T) { testTextStoreDamage(t, batch) })
	}
}

func testTextStoreDamage(t *testing.T, batch int) {
	ps := storePassages(12)
	data, docNum := writeTestStore(t, ps, batch)
	t.Logf("%d bytes, dictionary of kind %d", len(data), binary.LittleEndian.Uint32(data[len(storeMagic)+4:]))
	step := 1
	if testing.Short() {
		step = 7
	}
	check := func(how string, damaged []byte) (found bool) {
		t.Helper()
		s, err := readStore(bytes.NewReader(damaged), int64(len(damaged)))
		if err != nil {
			if !errors.Is(err, errStore) {
				t.Errorf("%s: open: %v, want errStore", how, err)
			}
			return true
		}
		for ord, d := range docNum {
			p, err := s.Passage(uint64(d))
			if err != nil {
				if !errors.Is(err, errStore) {
					t.Errorf("%s: passage %d: %v, want errStore", how, d, err)
				}
				found = true
				continue
			}
			if diff := cmp.Diff(ps[ord], p); diff != "" {
				t.Errorf("%s: passage %d read without error but changed:\n%s", how, d, diff)
			}
		}
		return found
	}
	missed := 0
	for i := 0; i < len(data); i += step {
		damaged := bytes.Clone(data)
		damaged[i] ^= 0x41
		if !check(fmt.Sprintf("byte %d flipped", i), damaged) {
			missed++
		}
	}
	for n := 0; n < len(data); n += step {
		if !check(fmt.Sprintf("truncated to %d", n), data[:n]) {
			t.Errorf("truncated to %d bytes of %d: not found", n, len(data))
		}
	}
	if missed > 0 {
		t.Errorf("%d flips of %d bytes were not found", missed, len(data)/step)
	}
}

// TestBuildStore builds an index and reads every passage back from its
// store by the document numbers Bleve gives the passages' ids.
func TestBuildStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ps := storePassages(250)
	if _, err := Build(context.Background(), dir, Passages(ps), Options{BatchSize: 40}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mem, _, err := NewMemory(context.Background(), Passages(ps), Options{BatchSize: 40})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	for _, x := range []*Index{ix, mem} {
		for _, want := range ps {
			doc, err := x.bix.Document(want.ID)
			if err != nil || doc == nil {
				t.Fatalf("document %s: %v", want.ID, err)
			}
			num := docNumber(t, x, want.ID)
			got, err := x.Passages([]uint64{num})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got[0]); diff != "" {
				t.Fatalf("passage %s (-want +got):\n%s", want.ID, diff)
			}
		}
	}
	fi, err := os.Stat(filepath.Join(ix.Path, storeFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.Meta.Files[storeFile]; !ok {
		t.Errorf("the meta file does not list %s", storeFile)
	}
	t.Logf("%d passages, %d bytes of text: store of %d bytes", len(ps), ix.Meta.Bytes, fi.Size())
}

// docNumber returns Bleve's internal document number of passage id.
func docNumber(t *testing.T, ix *Index, id string) uint64 {
	t.Helper()
	r, err := ix.bix.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := r.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	iid, err := rd.InternalID(id)
	if err != nil || iid == nil {
		t.Fatalf("internal id of %s: %v", id, err)
	}
	return iid.Value()
}

// TestRecordRoundTrip checks that records written one after another read
// back as the passages they were written from, with long and short
// fields, metadata and pages.
func TestRecordRoundTrip(t *testing.T) {
	long := strings.Repeat("長い本文。", 100) // a length of two uvarint bytes
	ps := []corpus.Passage{
		{ID: "a", Text: "本文"},
		{ID: "b", Text: long, Title: "題", Document: "文書", Section: []string{"第1節", "❶"}, Kind: corpus.KindHeading,
			Source: "x.md", Page: 300, PDFPage: 5, Meta: map[string]any{"lang": "ja", "n": float64(3)}},
		{ID: strings.Repeat("i", 200), Text: "t", Page: 127, PDFPage: 128},
	}
	var b []byte
	for _, p := range ps {
		var err error
		if b, err = appendRecord(b, p); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := splitRecords(b, len(ps))
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		got, err := decodeRecord(rec)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if diff := cmp.Diff(ps[i], got); diff != "" {
			t.Errorf("record %d (-want +got):\n%s", i, diff)
		}
	}
}
