package exportcheck

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/opensearch"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// bilingual are the spellings of one term that must find the same
// passages in kensaku and in the export.
var bilingual = []string{"SSA", "ssa", "ＳＳＡ", "宇宙状況監視", `"Space Situational Awareness"`, "Space Situational Awareness"}

// others are more glossary terms of the built-in corpus, in English with
// a stop word inside, and in Japanese.
var others = []string{"北大西洋条約機構", "North Atlantic Treaty Organization", "Cooperative Cyber Defence Centre of Excellence"}

// checker compiles the Java program, or skips the test.
func checker(t *testing.T) *Checker {
	t.Helper()
	c, err := Compile(context.Background(), t.TempDir())
	if errors.Is(err, ErrUnavailable) {
		t.Skipf("skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// compare runs each query in kensaku (eng) and in the export of eng, for
// the number of hits size gives, and returns both results by query.
func compare(t *testing.T, c *Checker, eng *search.Engine, queries []string, size func(q string) int) (kensaku, lucene map[string]Result) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := opensearch.Export(ctx, eng, dir, opensearch.Options{}); err != nil {
		t.Fatal(err)
	}
	kensaku, lucene = map[string]Result{}, map[string]Result{}
	var qs []Query
	for _, q := range queries {
		req := search.Request{Query: q, Size: size(q), IDsOnly: true, NoFacets: true}
		res, err := eng.Search(ctx, req)
		if err != nil {
			t.Fatalf("kensaku %q: %v", q, err)
		}
		// The export does not tell hits from partial matches (passages
		// with only some of the query's words): it matches both.
		r := Result{ID: q, Total: int(res.Total + res.Partial)}
		for _, h := range res.Hits {
			r.Hits = append(r.Hits, h.ID)
		}
		kensaku[q] = r
		body, err := opensearch.Query(req, opensearch.QueryOptions{Glossary: eng.Glossary()})
		if err != nil {
			t.Fatalf("dsl %q: %v", q, err)
		}
		qs = append(qs, Query{ID: q, Body: body})
	}
	res, stats, err := c.Run(ctx, dir, qs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ExportCheck: %s", strings.TrimSpace(stats))
	for _, r := range res {
		lucene[r.ID] = r
	}
	return kensaku, lucene
}

func sorted(ids []string) []string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

// TestBuiltinSameHits checks, on the built-in corpus with the whole
// glossary (curated, mined, EDICT, Sudachi), that every spelling of SSA,
// and a few other terms, find in the export exactly the passages they find
// in kensaku, the spellings of SSA with the same first hit. It takes about 30 s of CPU, a third
// of it kuromoji analysing the 65,000 synonym rules.
func TestBuiltinSameHits(t *testing.T) {
	c := checker(t)
	eng, err := search.OpenBuiltin(search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kensaku, lucene := compare(t, c, eng, slices.Concat(bilingual, others), func(string) int { return search.MaxSize })
	for _, q := range slices.Concat(bilingual, others) {
		k, l := kensaku[q], lucene[q]
		t.Logf("%-32s kensaku %d %v\n%-32s export  %d %v", q, k.Total, k.Hits, "", l.Total, l.Hits)
		if k.Total != l.Total || !slices.Equal(sorted(k.Hits), sorted(l.Hits)) {
			t.Errorf("%s: the export finds %d passages %v, kensaku %d %v", q, l.Total, l.Hits, k.Total, k.Hits)
		}
		if len(k.Hits) == 0 {
			t.Errorf("%s: kensaku finds nothing in the built-in corpus", q)
		}
		if slices.Contains(bilingual, q) && len(l.Hits) > 0 && len(k.Hits) > 0 && l.Hits[0] != k.Hits[0] {
			t.Errorf("%s: the export ranks %s first, kensaku %s", q, l.Hits[0], k.Hits[0])
		}
	}
	// Every spelling finds the passages the acronym finds.
	want := sorted(lucene["SSA"].Hits)
	for _, q := range bilingual {
		got := sorted(lucene[q].Hits)
		for _, id := range want {
			if !slices.Contains(got, id) {
				t.Errorf("export: %s does not find %s, which SSA finds", q, id)
			}
		}
	}
}

const jsquadDir = "../data/jsquad-valid"

// TestJSQuAD measures the export's retrieval on JSQuAD (1,145 passages,
// 4,442 questions) beside kensaku's, and checks the spellings of SSA
// there. It takes one to two minutes and runs when
// KENSAKU_EXPORTCHECK_JSQUAD=1:
//
//	KENSAKU_EXPORTCHECK_JSQUAD=1 go test ./bench/exportcheck -run TestJSQuAD -v
//
// The figures are compared with testdata/jsquad_stats.txt (-update
// rewrites it).
func TestJSQuAD(t *testing.T) {
	if os.Getenv("KENSAKU_EXPORTCHECK_JSQUAD") == "" {
		t.Skip("set KENSAKU_EXPORTCHECK_JSQUAD=1 to run (one to two minutes)")
	}
	c := checker(t)
	ctx := context.Background()
	ix, _, err := indexer.NewMemory(ctx, indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")}), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	eng, err := search.New(ix, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type question struct {
		ID       string   `json:"id"`
		Query    string   `json:"query"`
		Relevant []string `json:"relevant"`
	}
	var questions []question
	f, err := os.Open(filepath.Join(jsquadDir, "queries.jsonl"))
	if err != nil {
		t.Skipf("no JSQuAD data: %v", err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q question
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		questions = append(questions, q)
	}
	f.Close()
	queries := slices.Clone(bilingual)
	for _, q := range questions {
		queries = append(queries, q.Query)
	}
	// The spellings of SSA are compared on all their hits, the questions
	// on the first ten.
	kensaku, lucene := compare(t, c, eng, queries, func(q string) int {
		if slices.Contains(bilingual, q) {
			return search.MaxSize
		}
		return 10
	})
	var ks, ls stats
	same := 0
	for _, q := range questions {
		ks.add(kensaku[q.Query].Hits, q.Relevant[0])
		ls.add(lucene[q.Query].Hits, q.Relevant[0])
		if slices.Equal(kensaku[q.Query].Hits, lucene[q.Query].Hits) {
			same++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "queries: %d\n", len(questions))
	fmt.Fprintf(&b, "kensaku mrr@10: %.4f recall@1: %.4f recall@10: %.4f\n", ks.mrr(), ks.r1(), ks.r10())
	fmt.Fprintf(&b, "export  mrr@10: %.4f recall@1: %.4f recall@10: %.4f\n", ls.mrr(), ls.r1(), ls.r10())
	t.Logf("questions with the same first ten, in order: %d", same)
	for _, q := range bilingual {
		k, l := kensaku[q], lucene[q]
		fmt.Fprintf(&b, "%s: kensaku %d passages, export %d, same passages: %v, same first ten in order: %v\n", q, k.Total, l.Total,
			slices.Equal(sorted(k.Hits), sorted(l.Hits)), slices.Equal(k.Hits[:min(10, len(k.Hits))], l.Hits[:min(10, len(l.Hits))]))
		if k.Total != l.Total || !slices.Equal(sorted(k.Hits), sorted(l.Hits)) {
			t.Errorf("%s: the export finds %d passages %v, kensaku %d %v", q, l.Total, l.Hits, k.Total, k.Hits)
		}
	}
	// JSQuAD has none of SSA's spellings but 宇宙状況監視's words: the
	// built-in corpus added to it gives them passages among 1,145
	// distractors.
	mixed, _, err := indexer.NewMemory(ctx, func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error) {
		sum, err := indexer.Files([]string{filepath.Join(jsquadDir, "passages.jsonl")})(ctx, yield)
		if err != nil {
			return sum, err
		}
		for _, p := range corpus.Builtin() {
			if err := yield(p); err != nil {
				return sum, err
			}
		}
		return sum, nil
	}, indexer.Options{UserDict: corpus.UserDict()})
	if err != nil {
		t.Fatal(err)
	}
	defer mixed.Close()
	meng, err := search.New(mixed, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kensaku, lucene = compare(t, c, meng, bilingual, func(string) int { return search.MaxSize })
	fmt.Fprintf(&b, "JSQuAD and the built-in corpus:\n")
	for _, q := range bilingual {
		k, l := kensaku[q], lucene[q]
		fmt.Fprintf(&b, "%s: kensaku %d passages, export %d, same passages: %v, same first hit: %v\n", q, k.Total, l.Total,
			slices.Equal(sorted(k.Hits), sorted(l.Hits)), len(k.Hits) > 0 && len(l.Hits) > 0 && k.Hits[0] == l.Hits[0])
		if k.Total != l.Total || !slices.Equal(sorted(k.Hits), sorted(l.Hits)) {
			t.Errorf("JSQuAD and built-in, %s: the export finds %d passages %v, kensaku %d %v", q, l.Total, l.Hits, k.Total, k.Hits)
		}
	}
	t.Logf("\n%s", b.String())
	golden := filepath.Join("testdata", "jsquad_stats.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != b.String() {
		t.Errorf("JSQuAD figures changed (run with -update if intended):\ngot:\n%swant:\n%s", b.String(), want)
	}
}

type stats struct {
	n                 int
	mrrSum, at1, at10 float64
}

func (s *stats) add(hits []string, relevant string) {
	s.n++
	if i := slices.Index(hits, relevant); i >= 0 {
		s.mrrSum += 1 / float64(i+1)
		s.at10++
		if i == 0 {
			s.at1++
		}
	}
}

func (s stats) mrr() float64 { return s.mrrSum / float64(s.n) }
func (s stats) r1() float64  { return s.at1 / float64(s.n) }
func (s stats) r10() float64 { return s.at10 / float64(s.n) }
