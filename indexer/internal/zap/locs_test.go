package zap

import (
	"bytes"
	"slices"
	"testing"
)

// TestLocsRoundTrip writes the locations of documents with appendLocs
// and reads them back as the posting iterator does: the positions come
// back, rising or not, and skipLocs skips exactly a document's.
func TestLocsRoundTrip(t *testing.T) {
	docs := []struct {
		doc uint64
		pos []uint64
	}{
		{0, []uint64{1}},
		{1, []uint64{3, 4, 200, 70000}},
		{2, []uint64{9, 2}}, // not rising: wraps around
		{5, []uint64{1 << 40, 1<<40 + 1}},
	}
	enc := newChunkedIntCoder(4, 5) // documents 0-3, then 4-5
	var buf []uint64
	for _, d := range docs {
		var err error
		if buf, err = appendLocs(enc, d.doc, uint64(len(d.pos)), d.pos, buf); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := appendLocs(enc, 5, 3, []uint64{1, 2}, buf); err == nil {
		t.Error("appendLocs took 2 locations for frequency 3")
	}
	enc.Close()
	var w bytes.Buffer
	w.WriteByte(0) // offset 0 means no data (termNotEncoded)
	if _, err := enc.Write(&w); err != nil {
		t.Fatal(err)
	}
	dec := newChunkedIntDecoder(w.Bytes(), 1, nil, &FileReader{})
	chunk := -1
	for i, d := range docs {
		if c := int(d.doc / 4); c != chunk {
			if err := dec.loadChunk(c); err != nil {
				t.Fatal(err)
			}
			chunk = c
		}
		if i == 1 { // skip this one: the next is in the same chunk
			skipLocs(dec, uint64(len(d.pos)))
			continue
		}
		var got []uint64
		var prev uint64
		for range d.pos {
			delta, err := dec.readUvarint()
			if err != nil {
				t.Fatal(err)
			}
			prev += delta
			got = append(got, prev)
		}
		if !slices.Equal(got, d.pos) {
			t.Errorf("document %d: positions %v, want %v", d.doc, got, d.pos)
		}
	}
}
