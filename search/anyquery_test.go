package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestAnyQueryScoresAsBleve checks that anyQuery ranks and scores exactly
// as Bleve's DisjunctionQuery: on JSQuAD questions (three levels of
// disjunctions, glossary expansions, phrases), with a filter (which
// advances the searcher) and with highlighting (which falls back to
// Bleve's searchers).
func TestAnyQueryScoresAsBleve(t *testing.T) {
	// Postings are read from the segment on an index of one segment, from
	// Bleve's term readers on one of several.
	for _, tt := range []struct {
		name     string
		batch    int
		segments int
	}{{"one segment", 1000, 1}, {"segments", 40, 8}} {
		t.Run(tt.name, func(t *testing.T) {
			eng := jsquadEngine(t, 300, tt.batch)
			if n := segments(t, eng); n != tt.segments {
				t.Fatalf("%d segments, want %d", n, tt.segments)
			}
			compareWithBleve(t, eng)
		})
	}
}

func compareWithBleve(t *testing.T, eng *Engine) {
	ctx := context.Background()
	type question struct{ Query string }
	n := 200
	if testing.Short() || raceEnabled {
		n = 20
	}
	var reqs []Request
	for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), n) {
		reqs = append(reqs,
			Request{Query: q.Query, Size: 20, NoHighlight: true, NoFacets: true},
			Request{Query: q.Query, Size: 5, NoFacets: true, Filters: []Filter{{Field: "document", Value: "梅雨"}}},
			Request{Query: q.Query + " -梅雨", Size: 5, NoHighlight: true, NoFacets: true},
		)
	}
	reqs = append(reqs, Request{Query: "NATO OR 国連", Size: 10, NoHighlight: true})
	run := func(bleve bool) []*Result {
		eng.bleveDisjunctions = bleve
		defer func() { eng.bleveDisjunctions = false }()
		var out []*Result
		for _, req := range reqs {
			res, err := eng.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q: %v", req.Query, err)
			}
			out = append(out, res)
		}
		return out
	}
	want, got := run(true), run(false)
	for i, req := range reqs {
		w, g := want[i], got[i]
		if w.Total != g.Total || len(w.Hits) != len(g.Hits) {
			t.Errorf("%q %v: %d hits of %d, want %d of %d", req.Query, req.Filters, len(g.Hits), g.Total, len(w.Hits), w.Total)
			continue
		}
		for j := range w.Hits {
			if !sameHit(w.Hits, g.Hits, j) {
				t.Errorf("%q %v: hit %d is %s (%g), want %s (%g)", req.Query, req.Filters, j,
					g.Hits[j].ID, g.Hits[j].Score, w.Hits[j].ID, w.Hits[j].Score)
				break
			}
		}
	}
}

// sameHit reports whether got[j] is want[j], or scores the same (to 1e-9)
// where want has a tie at j: Bleve's disjunctions add the clauses' scores
// in another order, and equal scores may then differ in the last bit and
// swap places.
func sameHit(want, got []Hit, j int) bool {
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Abs(a) }
	w, g := want[j], got[j]
	if !close(w.Score, g.Score) {
		return false
	}
	if w.ID == g.ID {
		return true
	}
	tied := j == len(want)-1 // a tie with a hit past the last
	tied = tied || (j > 0 && close(want[j-1].Score, w.Score))
	tied = tied || (j+1 < len(want) && close(want[j+1].Score, w.Score))
	return tied
}

// jsquadEngine returns an engine over the first n JSQuAD passages, each in
// a document named by its title (something to filter on), indexed in
// batches of batch passages (0 for the default), or skips the test when
// the data is missing.
func jsquadEngine(t *testing.T, n, batch int) *Engine {
	t.Helper()
	if _, err := os.Stat(jsquadDir); err != nil {
		t.Skipf("no JSQuAD data: %v", err)
	}
	passages := readJSONL[corpus.Passage](t, filepath.Join(jsquadDir, "passages.jsonl"), n)
	for i := range passages {
		passages[i].Document = passages[i].Title
	}
	return memoryEngine(t, passages, indexer.Options{BatchSize: batch}, Options{})
}

// jsquadIndex returns an in-memory index of all the JSQuAD passages,
// built from passages.jsonl as the CLI builds it, closed when the test
// ends.
func jsquadIndex(t testing.TB) *indexer.Index {
	t.Helper()
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")}), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// jsquadFullEngine returns an engine with opts over jsquadIndex.
func jsquadFullEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	eng, err := New(jsquadIndex(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// jsquadQuestion is a line of JSQuAD's queries.jsonl: a question and the
// passage it was written from.
type jsquadQuestion struct {
	ID, Query string
	Relevant  []string
}

// memoryEngine returns an engine over an in-memory index of passages,
// closed when the test ends.
func memoryEngine(t *testing.T, passages []corpus.Passage, ixOpts indexer.Options, opts Options) *Engine {
	t.Helper()
	ix, _, err := indexer.NewMemory(context.Background(), indexer.Passages(passages), ixOpts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	eng, err := New(ix, opts)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// reader returns a reader of ix's Bleve index, closed when the test ends.
func reader(t *testing.T, ix *indexer.Index) index.IndexReader {
	t.Helper()
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// segments returns the number of segments of the engine's index.
func segments(t *testing.T, eng *Engine) int {
	t.Helper()
	r := reader(t, eng.ix)
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader is a %T", r)
	}
	return len(snap.Segments())
}

// readJSONL reads the first n lines of a JSONL file.
func readJSONL[T any](t *testing.T, path string, n int) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestHighlightSecondPass checks that the highlights of a search, made by
// a second search restricted to the hits, are those a single search with
// highlighting gives.
func TestHighlightSecondPass(t *testing.T) {
	ctx := context.Background()
	eng := jsquadEngine(t, 300, 0)
	type question struct{ Query string }
	n := 100
	if testing.Short() || raceEnabled {
		n = 10
	}
	marked := 0
	for _, q := range readJSONL[question](t, filepath.Join(jsquadDir, "queries.jsonl"), n) {
		for _, query := range []string{q.Query, q.Query + " -梅雨", `"梅雨前線" OR 国連`} {
			req := Request{Query: query, Size: 5, NoFacets: true}
			res, err := eng.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q: %v", query, err)
			}
			// The reference: one Bleve search with highlighting.
			p, err := eng.plan(req)
			if err != nil {
				t.Fatal(err)
			}
			sr := bleve.NewSearchRequestOptions(eng.ranked(p, false), req.Size, 0, false)
			sr.Sort = eng.sortOrder()
			sr.IncludeLocations = true
			sr.PreSearchData = map[string]any{bsearch.BM25PreSearchDataKey: eng.ix.BM25Stats()}
			want, err := eng.ix.Search(ctx, sr)
			if err != nil {
				t.Fatal(err)
			}
			frags := refHighlights(t, eng, want.Hits)
			if len(want.Hits) != len(res.Hits) {
				t.Fatalf("%q: %d hits, want %d", query, len(res.Hits), len(want.Hits))
			}
			for i, h := range res.Hits {
				w := mergeMarks(frags[want.Hits[i].ID])
				if h.ID != want.Hits[i].ID || !slices.Equal(h.Highlights, w) {
					t.Errorf("%q: hit %d %s highlights\n%q\nwant %s\n%q", query, i, h.ID, h.Highlights, want.Hits[i].ID, w)
				}
				if len(h.Highlights) > 0 && strings.Contains(h.Highlights[0], "<mark>") {
					marked++
				}
			}
		}
	}
	if marked == 0 {
		t.Error("no highlight has a mark")
	}
}

// TestCommonTerms checks that a term found in most passages scores the
// passages other terms find, but finds none by itself unless it is alone.
func TestCommonTerms(t *testing.T) {
	ctx := context.Background()
	var ps []corpus.Passage
	for i := range 20 {
		text := fmt.Sprintf("防衛の記録その%d。", i)
		if i%7 == 3 {
			text += "宇宙状況監視の記録。"
		}
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("p%02d", i), Text: text})
	}
	ix, _, err := indexer.NewMemory(ctx, indexer.Passages(ps), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rank := DefaultRanking()
	rank.CommonMinDocs = 1
	eng, err := New(ix, Options{NoLexicon: true, Ranking: rank})
	if err != nil {
		t.Fatal(err)
	}
	search := func(q string) map[string]float64 {
		res, err := eng.Search(ctx, Request{Query: q, Size: 50, NoHighlight: true, NoFacets: true, NoExpand: true})
		if err != nil {
			t.Fatal(err)
		}
		if int(res.Total+res.Partial) != len(res.Hits) {
			t.Errorf("%q: total %d + %d partial for %d hits", q, res.Total, res.Partial, len(res.Hits))
		}
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	// Alone, or with words that match nothing, a common term matches.
	for _, q := range []string{"防衛", "防衛 ズズズ", "防衛 ズズズ 記録"} {
		if got := search(q); len(got) != 20 {
			t.Errorf("%s: %d hits, want 20", q, len(got))
		}
	}
	pruned := search("防衛 監視")
	if got, want := slices.Sorted(maps.Keys(pruned)), []string{"p03", "p10", "p17"}; !slices.Equal(got, want) {
		t.Errorf("防衛 監視: %v, want %v", got, want)
	}
	// Without common terms every passage matches, and the ones with both
	// words score as they do with them: the common term still scores.
	eng.rank.CommonMinDocs = 1 << 62
	full := search("防衛 監視")
	if len(full) != 20 {
		t.Errorf("防衛 監視 without common terms: %d hits, want 20", len(full))
	}
	for id, score := range pruned {
		if math.Abs(full[id]-score) > 1e-9*score {
			t.Errorf("%s scores %g, %g without common terms", id, score, full[id])
		}
	}
}

// TestFacetsAsBleve checks that the facets counted from the facet table
// are those Bleve's facet builders give, on the built-in corpus (sections,
// kinds) and on JSQuAD passages (many documents, more than facetSize).
func TestFacetsAsBleve(t *testing.T) {
	ctx := context.Background()
	engines := map[string]*Engine{"builtin": engine(t)}
	queries := []string{"宇宙", "SSA", "NATO OR 防衛", "サイバー -宇宙", "kind:body 防衛", "の"}
	if _, err := os.Stat(jsquadDir); err == nil {
		passages := readJSONL[corpus.Passage](t, filepath.Join(jsquadDir, "passages.jsonl"), 400)
		for i := range passages {
			passages[i].Document = passages[i].Title
			passages[i].Section = []string{passages[i].Title, fmt.Sprint(i % 3)}
		}
		ix, _, err := indexer.NewMemory(ctx, indexer.Passages(passages), indexer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if engines["jsquad"], err = New(ix, Options{}); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, "日本", "梅雨 中国", "年", "document:梅雨 雨")
	}
	compared := 0
	for name, eng := range engines {
		for _, query := range queries {
			req := Request{Query: query, Size: 3, NoHighlight: true}
			res, err := eng.Search(ctx, req)
			if err != nil {
				t.Fatalf("%s %q: %v", name, query, err)
			}
			p, err := eng.plan(req)
			if err != nil {
				t.Fatal(err)
			}
			sr := bleve.NewSearchRequestOptions(eng.ranked(p, true), req.Size, 0, false)
			sr.Sort = eng.sortOrder()
			for _, f := range indexer.FacetFields {
				sr.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
			}
			sr.PreSearchData = map[string]any{bsearch.BM25PreSearchDataKey: eng.ix.BM25Stats()}
			want, err := eng.ix.Search(ctx, sr)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range indexer.FacetFields {
				var w []Facet
				if fr := want.Facets[f]; fr != nil && fr.Terms != nil {
					for _, tf := range fr.Terms.Terms() {
						if tf.Term != "" { // no value: kensaku leaves it out
							w = append(w, Facet{Value: tf.Term, Count: tf.Count})
						}
					}
				}
				if !slices.Equal(res.Facets[f], w) && len(res.Facets[f])+len(w) > 0 {
					t.Errorf("%s %q: facet %s\n%v\nwant\n%v", name, query, f, res.Facets[f], w)
				}
				compared += len(w)
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d facet values compared", compared)
	}
}

// TestIDsOnly checks that a search for ids only ranks as the full search
// and reads no stored field.
func TestIDsOnly(t *testing.T) {
	ctx := context.Background()
	for _, q := range []string{"宇宙状況監視", "SSA", "NATO OR サイバー", "kind:body 防衛"} {
		full, err := engine(t).Search(ctx, Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		ids, err := engine(t).Search(ctx, Request{Query: q, IDsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Hits) == 0 || len(ids.Hits) != len(full.Hits) || ids.Total != full.Total {
			t.Fatalf("%q: %d hits of %d, want %d of %d", q, len(ids.Hits), ids.Total, len(full.Hits), full.Total)
		}
		for i, h := range ids.Hits {
			f := full.Hits[i]
			if h.ID != f.ID || h.Score != f.Score {
				t.Errorf("%q: hit %d is %s %g, want %s %g", q, i, h.ID, h.Score, f.ID, f.Score)
			}
			if h.Text != "" || h.Document != "" || len(h.Highlights) > 0 {
				t.Errorf("%q: hit %d has stored fields or highlights: %+v", q, i, h)
			}
			// As JSON, such a hit is its id and score (and partial).
			b, err := json.Marshal(h)
			if err != nil {
				t.Fatal(err)
			}
			var fields map[string]any
			if err := json.Unmarshal(b, &fields); err != nil {
				t.Fatal(err)
			}
			delete(fields, "partial")
			if len(fields) != 2 || fields["id"] == nil || fields["score"] == nil {
				t.Errorf("%q: hit %d as JSON is %s, want its id and score only", q, i, b)
			}
		}
	}
}

// ranked returns the query of p as a search ranks it (hits first, see
// rankQuery), for Bleve's own search; with hitsOnly, it matches the hits
// only (what the facets count).
func (e *Engine) ranked(p *plan, hitsOnly bool) bquery.Query {
	rq := &rankQuery{q: p.query, rule: p.rule, top: &topK{kindFactors: e.kinds}}
	if hitsOnly {
		return &hitsOnlyQuery{rq}
	}
	return rq
}

// hitsOnlyQuery matches the hits of a rankQuery.
type hitsOnlyQuery struct{ *rankQuery }

func (q *hitsOnlyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.rankQuery.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &hitsOnlySearcher{Searcher: s, top: q.top}, nil
}

type hitsOnlySearcher struct {
	bsearch.Searcher
	top *topK
}

func (s *hitsOnlySearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		m, err := s.Searcher.Next(ctx)
		if err != nil || m == nil || s.top.isHit(m.IndexInternalID.Value()) {
			return m, err
		}
		ctx.DocumentMatchPool.Put(m)
	}
}

func (s *hitsOnlySearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	m, err := s.Searcher.Advance(ctx, id)
	if err != nil || m == nil || s.top.isHit(m.IndexInternalID.Value()) {
		return m, err
	}
	ctx.DocumentMatchPool.Put(m)
	return s.Next(ctx)
}
