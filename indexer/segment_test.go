package indexer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// segmentPassages returns 300 passages of the JSQuAD corpus, or skips.
func segmentPassages(t *testing.T) []corpus.Passage {
	t.Helper()
	data, err := os.ReadFile("../bench/data/jsquad-valid/passages.jsonl")
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	var ps []corpus.Passage
	for _, line := range strings.SplitN(string(data), "\n", 301)[:300] {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, corpus.Passage{ID: r.ID, Title: r.Title, Document: r.Title, Kind: corpus.KindBody, Text: r.Text})
	}
	return ps
}

// TestSegmentLocations checks that the text's term locations read back
// from kensaku's segments (package indexer/internal/zap) are the
// positions the analyzer gives, in the text field, with no offsets:
// in memory (segments as the indexer writes them), on disk after a build
// of several batches merged into one segment, and after an update that
// adds a segment beside it.
func TestSegmentLocations(t *testing.T) {
	ps := segmentPassages(t)
	ctx := context.Background()
	mem, _, err := NewMemory(ctx, Passages(ps[:200]), Options{BatchSize: 37})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	checkLocations(t, "memory", mem, ps[:200])

	dir := filepath.Join(t.TempDir(), "ix")
	if _, err := Build(ctx, dir, Passages(ps[:200]), Options{BatchSize: 37}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	checkSegmentType(t, ix)
	checkLocations(t, "build", ix, ps[:200])
	ix.Close()

	// An update adds a segment and deletes passages of the first; an
	// optimize merges the two, dropping the deleted.
	del := []string{ps[0].ID, ps[7].ID, ps[150].ID}
	if _, err := Update(ctx, dir, Change{Source: Passages(ps[200:]), Delete: del}, Options{}); err != nil {
		t.Fatal(err)
	}
	live := slices.DeleteFunc(slices.Clone(ps), func(p corpus.Passage) bool { return slices.Contains(del, p.ID) })
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	checkLocations(t, "update", ix, live)
	ix.Close()
	if _, err := Optimize(ctx, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	checkSegmentType(t, ix)
	checkLocations(t, "optimize", ix, live)
}

// checkSegmentType checks that ix's segments are kensaku's.
func checkSegmentType(t *testing.T, ix *Index) {
	t.Helper()
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader is a %T", r)
	}
	for _, s := range snap.Segments() {
		if _, ok := s.Segment().(*zap.Segment); !ok {
			t.Errorf("segment is a %T, want a *zap.Segment of indexer/internal/zap", s.Segment())
		}
	}
}

// checkLocations compares the locations of the text's terms in ix with
// the analysis of the passages ps, all of ix's passages.
func checkLocations(t *testing.T, name string, ix *Index, ps []corpus.Passage) {
	t.Helper()
	an := ix.Mapping().AnalyzerNamed(ix.Mapping().AnalyzerNameForPath(FieldText))
	byID := map[string]corpus.Passage{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// want: term -> passage id -> positions, from the analyser
	want := map[string]map[string][]uint64{}
	for _, p := range ps {
		for _, tok := range an.Analyze([]byte(p.Text)) {
			term := string(tok.Term)
			if want[term] == nil {
				want[term] = map[string][]uint64{}
			}
			want[term][p.ID] = append(want[term][p.ID], uint64(tok.Position))
		}
	}
	checked := 0
	for term, docs := range want {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), FieldText, true, true, true)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]uint64{}
		for {
			d, err := tfr.Next(nil)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil {
				break
			}
			id, err := r.ExternalID(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range d.Vectors {
				if v.Field != FieldText || v.Start != 0 || v.End != 0 || len(v.ArrayPositions) != 0 {
					t.Fatalf("%s: %q in %s: location %+v, want field %s and a position only", name, term, id, *v, FieldText)
				}
				got[id] = append(got[id], v.Pos)
			}
			if uint64(len(got[id])) != d.Freq {
				t.Errorf("%s: %q in %s: %d locations, frequency %d", name, term, id, len(got[id]), d.Freq)
			}
		}
		tfr.Close()
		for id, pos := range docs {
			if !slices.Equal(got[id], pos) {
				t.Errorf("%s: %q in %s at %v, want %v", name, term, id, got[id], pos)
			}
			checked += len(pos)
		}
		if len(got) != len(docs) {
			t.Errorf("%s: %q in %d passages, want %d", name, term, len(got), len(docs))
		}
	}
	if checked < 1000 {
		t.Errorf("%s: only %d locations checked", name, checked)
	}
}
