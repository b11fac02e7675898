package search

import (
	"context"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// TestSharedListsConcurrent asks JSQuAD questions from several goroutines
// at once on an index of one segment, pruned, and checks that each gets
// the answer it gets alone: the searches share the segment's bitmaps (read
// only, by the prune tree and the hit rule), its posting lists (read with
// positions for phrases), the bigram bitmaps decoded once
// (indexer.Bigrams.SharedDocs) and the engine's memo of katakana words.
func TestSharedListsConcurrent(t *testing.T) {
	eng := jsquadEngine(t, 1145, 2000) // one segment
	eng.pruneMin = 0
	n := 80
	if testing.Short() || raceEnabled {
		n = 24
	}
	var reqs []Request
	for i, q := range readJSONL[jsquadQuestion](t, filepath.Join(jsquadDir, "queries.jsonl"), 4442) {
		if i%(4442/n) == 0 {
			reqs = append(reqs, Request{Query: q.Query, Size: 10, IDsOnly: true, NoFacets: true})
		}
	}
	type answer struct {
		IDs    []string
		Scores []float64
		Total  uint64
	}
	ask := func(req Request) (answer, error) {
		res, err := eng.Search(context.Background(), req)
		if err != nil {
			return answer{}, err
		}
		a := answer{Total: uint64(res.Total)}
		for _, h := range res.Hits {
			a.IDs = append(a.IDs, h.ID)
			a.Scores = append(a.Scores, h.Score)
		}
		return a, nil
	}
	// concurrently asks every request from 4 goroutines at once, each
	// from another start, and passes each answer to each.
	concurrently := func(each func(i int, a answer)) {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range reqs {
					i := (k + g*len(reqs)/4) % len(reqs)
					a, err := ask(reqs[i])
					if err != nil {
						t.Error(err)
						return
					}
					each(i, a)
				}
			}()
		}
		wg.Wait()
	}
	concurrently(func(int, answer) {})
	want := make([]answer, len(reqs))
	for i, req := range reqs {
		a, err := ask(req)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a
	}
	var got sync.Map
	concurrently(func(i int, a answer) {
		if !reflect.DeepEqual(a, want[i]) {
			got.Store(i, a)
		}
	})
	got.Range(func(k, v any) bool {
		i := k.(int)
		t.Errorf("%q: concurrently %+v, alone %+v", reqs[i].Query, v, want[i])
		return true
	})
}
