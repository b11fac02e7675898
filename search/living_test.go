package search

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

var livingOps = flag.Int("living.ops", 120, "TestLivingIndexMatchesRebuild: random operations to run (the issue asks for 1,000 once)")

// TestLivingIndexMatchesRebuild runs random additions, replacements,
// deletions (of passages and of documents), documents read again and
// merges on an index of JSQuAD passages, and after every few commits
// compares its searches with those of a build of the same live passages:
// totals, partial counts, facets, expansions, every hit's score, and the
// hits with their text and highlights. Passages of equal score may come
// in another order (a build numbers passages in the order their analysis
// ends, so two builds differ there too): hits are compared sorted by
// score and id, and at the last score of a page, where a tie may let
// another passage in, by score only. The index's meta data and mined
// glossary must equal the build's.
func TestLivingIndexMatchesRebuild(t *testing.T) {
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skip("no JSQuAD data")
	}
	ctx := context.Background()
	pool := readJSONLPassages(t, filepath.Join(jsquadDir, "passages.jsonl"))
	queries := livingQueries(t, pool)
	rng := rand.New(rand.NewPCG(16, 1))
	dir := filepath.Join(t.TempDir(), "ix")

	m := &liveModel{passages: map[string]corpus.Passage{}}
	const start = 700
	for _, p := range pool[:start] {
		m.put(p)
	}
	next := start // the next passage of pool never indexed
	if _, err := indexer.Build(ctx, dir, indexer.Passages(m.list()), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	fresh := func(doc string) corpus.Passage {
		p := pool[next%len(pool)]
		if next >= len(pool) {
			p.ID = fmt.Sprintf("%s-%d", p.ID, next/len(pool))
		}
		next++
		if doc != "" {
			p.Document, p.Title = doc, doc
		}
		return p
	}
	text := func() string { return pool[rng.IntN(len(pool))].Text }

	total := *livingOps
	if raceEnabled && total > 40 {
		total = 40 // the race detector makes every build and update several times slower
	}
	ops, commits := 0, 0
	for ops < total {
		commits++
		switch k := rng.IntN(20); {
		case k == 0:
			if _, err := indexer.Optimize(ctx, dir, indexer.Options{}); err != nil {
				t.Fatalf("commit %d: Optimize: %v", commits, err)
			}
			ops++
		case k <= 3:
			// A document read again: one passage dropped, one changed,
			// one added.
			doc := m.passages[m.randomID(rng)].Document
			ps := m.document(doc)
			ps = slices.Delete(ps, 0, 1)
			if len(ps) > 0 {
				ps[rng.IntN(len(ps))].Text = text()
			}
			ps = append(ps, fresh(doc))
			for _, p := range m.document(doc) {
				m.remove(p.ID)
			}
			for _, p := range ps {
				m.put(p)
			}
			_, err := indexer.Update(ctx, dir, indexer.Change{Source: indexer.Passages(ps), ReplaceDocuments: true}, indexer.Options{})
			if err != nil {
				t.Fatalf("commit %d: Update: %v", commits, err)
			}
			ops++
		default:
			w, err := indexer.OpenWriter(dir, indexer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for range 1 + rng.IntN(12) {
				ops++
				switch op := rng.IntN(20); {
				case op < 8 || len(m.passages) < start*3/4: // add
					p := fresh("")
					m.put(p)
					w.Add(p)
				case op < 14: // replace
					p := m.passages[m.randomID(rng)]
					p.Text = text()
					m.put(p)
					w.Add(p)
				case op < 19: // delete a passage
					id := m.randomID(rng)
					m.remove(id)
					w.Delete(id)
				default: // delete a document
					doc := m.passages[m.randomID(rng)].Document
					for _, p := range m.document(doc) {
						m.remove(p.ID)
					}
					w.DeleteDocument(doc)
				}
			}
			if _, err := w.Commit(ctx); err != nil {
				t.Fatalf("commit %d: %v", commits, err)
			}
			w.Close()
		}
		if commits%8 == 0 || ops >= total {
			compareWithRebuild(t, ctx, dir, m.list(), queries, fmt.Sprintf("after %d operations in %d commits", ops, commits))
		}
	}
	t.Logf("%d operations in %d commits; %d passages live", ops, commits, len(m.passages))
}

// liveModel is what the index should hold.
type liveModel struct {
	passages map[string]corpus.Passage
	order    []string // ids, in the order added (with gaps)
}

func (m *liveModel) put(p corpus.Passage) {
	if _, ok := m.passages[p.ID]; !ok {
		m.order = append(m.order, p.ID)
	}
	m.passages[p.ID] = p
}

func (m *liveModel) remove(id string) { delete(m.passages, id) }

func (m *liveModel) list() []corpus.Passage {
	var out []corpus.Passage
	seen := map[string]bool{}
	for _, id := range m.order {
		if p, ok := m.passages[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, p)
		}
	}
	return out
}

func (m *liveModel) randomID(rng *rand.Rand) string {
	for {
		id := m.order[rng.IntN(len(m.order))]
		if _, ok := m.passages[id]; ok {
			return id
		}
	}
}

func (m *liveModel) document(doc string) []corpus.Passage {
	var out []corpus.Passage
	for _, p := range m.list() {
		if p.Document == doc {
			out = append(out, p)
		}
	}
	return out
}

func readJSONLPassages(t *testing.T, path string) []corpus.Passage {
	t.Helper()
	var ps []corpus.Passage
	if _, err := corpus.Read(context.Background(), []string{path}, func(p corpus.Passage) error {
		ps = append(ps, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ps
}

// livingQueries returns JSQuAD questions, a few single words and phrases,
// and filtered queries.
func livingQueries(t *testing.T, pool []corpus.Passage) []Request {
	t.Helper()
	f, err := os.Open(filepath.Join(jsquadDir, "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reqs []Request
	sc := bufio.NewScanner(f)
	for i := 0; sc.Scan() && len(reqs) < 40; i++ {
		if i%97 != 0 {
			continue
		}
		var q struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, Request{Query: q.Query, Size: 10})
	}
	for _, q := range []string{"日本", "梅雨", "\"東アジア\"", "年", "アメリカ合衆国 大統領", "NATO"} {
		reqs = append(reqs, Request{Query: q, Size: 20})
	}
	reqs = append(reqs, Request{Query: "日本", Size: 5, From: 5})
	reqs = append(reqs, Request{Query: "日本", Filters: []Filter{{Field: indexer.FieldDocument, Value: pool[0].Document}}})
	return reqs
}

func compareWithRebuild(t *testing.T, ctx context.Context, dir string, live []corpus.Passage, reqs []Request, when string) {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "ref")
	if _, err := indexer.Build(ctx, ref, indexer.Passages(live), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("%s: open: %v", when, err)
	}
	defer got.Close()
	want, err := Open(ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	gm, wm := got.Index().Meta, want.Index().Meta
	if gm.Passages != wm.Passages || gm.Documents != wm.Documents || gm.Bytes != wm.Bytes || !reflect.DeepEqual(gm.Lengths, wm.Lengths) {
		t.Fatalf("%s: meta %d passages, %d documents, %d bytes, lengths %v; a build has %d, %d, %d, %v", when,
			gm.Passages, gm.Documents, gm.Bytes, gm.Lengths, wm.Passages, wm.Documents, wm.Bytes, wm.Lengths)
	}
	if g, w := glossaryKeys(got.Index()), glossaryKeys(want.Index()); !slices.Equal(g, w) {
		t.Fatalf("%s: mined glossary of %d entries, a build's has %d", when, len(g), len(w))
	}
	for _, req := range reqs {
		gr, err := got.Search(ctx, req)
		if err != nil {
			t.Fatalf("%s: %q: %v", when, req.Query, err)
		}
		wr, err := want.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if msg := diffResults(gr, wr); msg != "" {
			t.Fatalf("%s: query %q: %s", when, req.Query, msg)
		}
	}
}

func glossaryKeys(ix *indexer.Index) []string {
	var out []string
	for _, e := range ix.Glossary {
		b, _ := json.Marshal(e)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// diffResults describes how got differs from want, "" when it does not
// (see TestLivingIndexMatchesRebuild for ties).
func diffResults(got, want *Result) string {
	if got.Total != want.Total || got.Partial != want.Partial {
		return fmt.Sprintf("total %d partial %d, a build gives %d %d", got.Total, got.Partial, want.Total, want.Partial)
	}
	if !reflect.DeepEqual(got.Facets, want.Facets) {
		return fmt.Sprintf("facets %v, a build gives %v", got.Facets, want.Facets)
	}
	if !reflect.DeepEqual(got.Expansions, want.Expansions) {
		return fmt.Sprintf("expansions %v, a build gives %v", got.Expansions, want.Expansions)
	}
	if len(got.Hits) != len(want.Hits) {
		return fmt.Sprintf("%d hits, a build gives %d", len(got.Hits), len(want.Hits))
	}
	g, w := sortedHits(got.Hits), sortedHits(want.Hits)
	for i := range g {
		if g[i].Score != w[i].Score {
			return fmt.Sprintf("hit %d scores %v, a build's %v", i, g[i].Score, w[i].Score)
		}
	}
	if len(g) == 0 {
		return ""
	}
	last := g[len(g)-1].Score
	for i := range g {
		if g[i].Score == last {
			break
		}
		if !reflect.DeepEqual(g[i], w[i]) {
			a, _ := json.Marshal(g[i])
			b, _ := json.Marshal(w[i])
			return fmt.Sprintf("hit %d:\n%s\na build's:\n%s", i, a, b)
		}
	}
	return ""
}

func sortedHits(hs []Hit) []Hit {
	out := slices.Clone(hs)
	slices.SortStableFunc(out, func(a, b Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}
