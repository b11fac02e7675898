package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestSegmentSetPostingsAsBleve checks the posting lists read from the
// segments of an index updated without merging (segmentSet, with deleted
// passages) against Bleve's TermFieldReader over the same snapshot: the
// same documents, frequencies and norms, read in order and by advance.
func TestSegmentSetPostingsAsBleve(t *testing.T) {
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skip("no JSQuAD data")
	}
	ctx := context.Background()
	pool := readJSONLPassages(t, filepath.Join(jsquadDir, "passages.jsonl"))
	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := indexer.Build(ctx, dir, indexer.Passages(pool[:200]), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	for u := range 4 {
		var batch []corpus.Passage
		for i := range 5 {
			p := pool[200+u*5+i] // a new passage
			batch = append(batch, p)
			r := pool[u*37+i*11] // a passage replaced: deleted in its segment
			r.Text = pool[300+u*5+i].Text
			batch = append(batch, r)
		}
		if _, err := indexer.Update(ctx, dir, indexer.Change{Source: indexer.Passages(batch), NoMerge: true}, indexer.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || len(snap.Segments()) < 3 {
		t.Fatalf("want an index snapshot of several segments, got %T", r)
	}
	sctx := withSegment(ctx, r)
	if _, ok := sctx.Value(segmentKey{}).(*segmentSet); !ok {
		t.Fatal("withSegment did not give the segments")
	}
	terms, err := ix.Terms(indexer.FieldText, "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	read := func(p postings, advanceBy uint64) string {
		var out string
		var doc uint64
		for n := 0; ; n++ {
			var freq uint64
			var norm, length float64
			var ok bool
			var err error
			if advanceBy > 0 && n%2 == 1 {
				doc, freq, norm, length, ok, err = p.advance(doc + advanceBy)
			} else {
				doc, freq, norm, length, ok, err = p.next()
			}
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				return out
			}
			out += fmt.Sprintf("%d:%d:%x:%x ", doc, freq, norm, length)
		}
	}
	multi := 0
	for i, term := range terms {
		if i%7 != 0 {
			continue
		}
		for _, by := range []uint64{0, 1, 3, 40} {
			got, n, err := openPostings(sctx, r, indexer.FieldText, term)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := got.(*multiPostings); ok {
				multi++
			}
			tfr, err := r.TermFieldReader(ctx, []byte(term), indexer.FieldText, true, true, false)
			if err != nil {
				t.Fatal(err)
			}
			want := &readerPostings{r: tfr}
			if n != tfr.Count() {
				t.Errorf("%q: length %d, Bleve's %d", term, n, tfr.Count())
			}
			if g, w := read(got, by), read(want, by); g != w {
				t.Errorf("%q, advancing by %d:\n got %s\nwant %s", term, by, g, w)
			}
			want.close()
		}
	}
	if multi == 0 {
		t.Error("no term was read from several segments")
	}
}
