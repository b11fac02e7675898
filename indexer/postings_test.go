package indexer

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
)

// postingsDump lists every posting of the index at dir, one line per
// field, term and passage: the passage id, the term's frequency, the
// field's norm and the positions of the term, sorted. Document numbers
// are left out: a build numbers the documents of a batch in the order
// their analysis ends.
func postingsDump(t *testing.T, dir string) []string {
	t.Helper()
	ix, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fields, err := r.Fields()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(fields)
	var out []string
	for _, field := range fields {
		fd, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for {
			e, err := fd.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			terms = append(terms, e.Term)
		}
		fd.Close()
		out = append(out, fmt.Sprintf("field %s: %d terms", field, len(terms)))
		for _, term := range terms {
			tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for {
				m, err := tfr.Next(&index.TermFieldDoc{})
				if err != nil {
					t.Fatal(err)
				}
				if m == nil {
					break
				}
				id, err := r.ExternalID(m.ID)
				if err != nil {
					t.Fatal(err)
				}
				var pos []string
				for _, v := range m.Vectors {
					pos = append(pos, fmt.Sprint(v.Pos))
				}
				lines = append(lines, fmt.Sprintf("%s\t%q\t%s\t%d\t%g\t%s", field, term, id, m.Freq, m.Norm, strings.Join(pos, ",")))
			}
			tfr.Close()
			slices.Sort(lines)
			out = append(out, lines...)
		}
	}
	return out
}

// TestBuildPostings builds an index of 400 JSQuAD passages, titled in runs
// of ten, and compares a digest of every posting (term, passage,
// frequency, norm, positions) with testdata/build_postings.golden: a
// change to how a build hands the analysed fields to the segment must
// leave the index as it was. -update rewrites the golden file when the
// analysis or the fields change on purpose.
func TestBuildPostings(t *testing.T) {
	data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
	if err != nil {
		t.Fatal(err)
	}
	var ps []corpus.Passage
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i == 400 {
			break
		}
		ps = append(ps, corpus.Passage{ID: fmt.Sprint("p", i), Document: fmt.Sprint("doc", i/10),
			Title: fmt.Sprint("文書の題", i/10), Kind: corpus.KindBody, Text: line,
			Meta: map[string]any{"n": float64(i % 3)}})
	}
	dir := filepath.Join(t.TempDir(), "ix")
	// Small batches: several segments, merged.
	if _, err := Build(context.Background(), dir, Passages(ps), Options{BatchSize: 64}); err != nil {
		t.Fatal(err)
	}
	dump := postingsDump(t, dir)
	var summary []string
	for _, l := range dump {
		if strings.HasPrefix(l, "field ") {
			summary = append(summary, l)
		}
	}
	got := fmt.Sprintf("%s\npostings %d\nsha256 %x\n", strings.Join(summary, "\n"), len(dump)-len(summary),
		sha256.Sum256([]byte(strings.Join(dump, "\n"))))
	golden := filepath.Join("testdata", "build_postings.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("postings differ from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
