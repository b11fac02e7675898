package search

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestPhrasePostings checks that a phrase read from the postings of the
// index's one segment matches the passages Bleve's PhraseSearcher
// matches, with the same scores to the bit and as many phrase paths, read
// in turn and by Advance, at the phrase's own norm and at others, and
// the same field lengths as the posting lists give: the
// phrases are runs of one to four words of the JSQuAD questions over
// their passages.
func TestPhrasePostings(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 1,500 JSQuAD passages")
	}
	passages := readJSONL[corpus.Passage](t, filepath.Join(jsquadDir, "passages.jsonl"), 1500)
	for i := range passages {
		passages[i].Document = passages[i].Title
	}
	eng := memoryEngine(t, passages, indexer.Options{BatchSize: len(passages)}, Options{})
	rd := reader(t, eng.ix)
	ctx := context.WithValue(context.Background(), bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return index.BM25Scoring }))
	ctx = withSegment(ctx, rd)
	if _, ok := ctx.Value(segmentKey{}).(*singleSegment); !ok {
		t.Fatal("the index has more than one segment")
	}
	questions := readJSONL[jsquadQuestion](t, filepath.Join(jsquadDir, "queries.jsonl"), 800)
	rng := rand.New(rand.NewPCG(3, 4))
	sctx := func() *bsearch.SearchContext {
		return &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(16, 0)}
	}
	phrases, matched := 0, 0
	for _, q := range questions {
		toks := eng.morph.Analyze([]byte(q.Query))
		for start := 0; start < len(toks); start += 1 + rng.IntN(3) {
			n := 1 + rng.IntN(4)
			if start+n > len(toks) {
				continue
			}
			pq := phraseQuery(indexer.FieldText, toks[start:start+n], 0.5+rng.Float64())
			mp := pq.(*bquery.MultiPhraseQuery)
			single := true
			for _, slot := range mp.Terms {
				single = single && len(slot) == 1
			}
			own, ok, err := newPhrasePostings(ctx, rd, bsearch.SearcherOptions{}, mp)
			if err != nil {
				t.Fatal(err)
			}
			if ok != single {
				t.Fatalf("%q: read from postings %v, want %v", mp.Terms, ok, single)
			}
			if !ok {
				continue
			}
			phrases++
			ref, err := pq.Searcher(ctx, rd, nil, bsearch.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if own.Weight() != ref.Weight() {
				t.Fatalf("%q: weight %v, want %v", mp.Terms, own.Weight(), ref.Weight())
			}
			if own.Count() != ref.Count() {
				t.Fatalf("%q: count %v, want %v", mp.Terms, own.Count(), ref.Count())
			}
			if rng.IntN(2) == 0 {
				norm := rng.Float64()
				own.SetQueryNorm(norm)
				ref.SetQueryNorm(norm)
			}
			// Read in turn, or by Advance to a random target now and then.
			oc, rc := sctx(), sctx()
			target := uint64(0)
			for {
				var om, rm *bsearch.DocumentMatch
				var oerr, rerr error
				if target > 0 {
					id := index.NewIndexInternalID(nil, target)
					om, oerr = own.Advance(oc, id)
					rm, rerr = ref.Advance(rc, id)
				} else {
					om, oerr = own.Next(oc)
					rm, rerr = ref.Next(rc)
				}
				if oerr != nil || rerr != nil {
					t.Fatal(oerr, rerr)
				}
				if (om == nil) != (rm == nil) {
					t.Fatalf("%q: match %v, want %v", mp.Terms, om, rm)
				}
				if om == nil {
					break
				}
				matched++
				od, rdoc := om.IndexInternalID.Value(), rm.IndexInternalID.Value()
				if od != rdoc || om.Score != rm.Score || len(om.FieldTermLocations) != len(rm.FieldTermLocations) {
					t.Fatalf("%q: match %d score %v locations %d, want %d %v %d", mp.Terms, od, om.Score, len(om.FieldTermLocations), rdoc, rm.Score, len(rm.FieldTermLocations))
				}
				// The passage's field length, as the first term's posting
				// gives it (synonymSearcher.phraseFrequency uses it).
				first, _, err := openPostings(ctx, rd, indexer.FieldText, mp.Terms[0][0])
				if err != nil {
					t.Fatal(err)
				}
				d, _, norm, length, _, err := first.advance(od)
				if err != nil {
					t.Fatal(err)
				}
				if gn, gl := own.fieldLength(); d != od || gn != norm || gl != length {
					t.Fatalf("%q in %d: field norm and length %v %v, want %v %v", mp.Terms, od, gn, gl, norm, length)
				}
				target = 0
				if rng.IntN(4) == 0 {
					target = od + uint64(rng.IntN(30))
				}
				oc.DocumentMatchPool.Put(om)
				rc.DocumentMatchPool.Put(rm)
			}
			ref.Close()
			own.Close()
		}
	}
	if phrases < 1000 || matched < 10000 {
		t.Errorf("%d phrases matched %d times: too few to tell", phrases, matched)
	}
	t.Logf("%d phrases, %d matches", phrases, matched)
}
