package search

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var rankErrorsOut = flag.String("rank-errors", "", "TestRankErrors: write the misranked questions as JSON lines to this file")

// rankError is a JSQuAD question whose relevant passage is not first: its
// analysed words, and which of them the first passage and the relevant
// one have.
type rankError struct {
	ID, Query string
	Terms     []string // the question's words as searched (question words left out)
	Rank      int      // of the relevant passage, 0 beyond the first 30
	SameDoc   bool     // the first passage is of the relevant one's article
	Top, Rel  errPassage
}

type errPassage struct {
	ID, Title, Text string
	Score           float64
	Partial         bool
	Has             []string // terms of the question found among the passage's words
	Inside          []string // others found in its text as characters only (cut differently)
	Features        map[string]float64
}

// TestRankErrors lists the JSQuAD questions whose relevant passage is not
// first, for error analysis: run with -learn (and -rank-errors FILE for
// every one as JSON lines); it logs counts of the kinds of failure.
func TestRankErrors(t *testing.T) {
	if !*learn {
		t.Skip("run with -learn")
	}
	ctx := context.Background()
	eng := jsquadFullEngine(t, Options{})
	qs := readJSONL[jsquadQuestion](t, filepath.Join(jsquadDir, "queries.jsonl"), 4442)
	var out *json.Encoder
	if *rankErrorsOut != "" {
		f, err := os.Create(*rankErrorsOut)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = json.NewEncoder(f)
		out.SetEscapeHTML(false)
	}
	counts := map[string]int{}
	passage := func(h Hit, terms []string) errPassage {
		words := map[string]bool{}
		for _, tok := range eng.morph.Analyze([]byte(h.Text)) {
			words[string(tok.Term)] = true
		}
		p := errPassage{ID: h.ID, Title: h.Title, Text: h.Text, Score: h.Score, Partial: h.Partial, Features: map[string]float64{}}
		for _, term := range terms {
			switch {
			case words[term]:
				p.Has = append(p.Has, term)
			case strings.Contains(h.Text, term):
				p.Inside = append(p.Inside, term)
			}
		}
		if x := h.Explanation; x != nil {
			for _, f := range x.Features {
				p.Features[f.Feature] += f.Score
			}
		}
		return p
	}
	for _, q := range qs {
		res, err := eng.Search(ctx, Request{Query: q.Query, Size: 30, NoHighlight: true, NoFacets: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		rel := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.ID == q.Relevant[0] })
		if rel == 0 {
			continue
		}
		terms := distinctTerms(withoutQuestionWords(eng.morph.Analyze([]byte(q.Query))))
		e := rankError{ID: q.ID, Query: q.Query, Terms: terms, Rank: rel + 1}
		if len(res.Hits) > 0 {
			e.Top = passage(res.Hits[0], terms)
			a, _, _ := strings.Cut(res.Hits[0].ID, "p")
			b, _, _ := strings.Cut(q.Relevant[0], "p")
			e.SameDoc = a == b
		}
		if rel >= 0 {
			e.Rel = passage(res.Hits[rel], terms)
		} else {
			e.Rank = 0
			if h, err := eng.Passage(ctx, q.Relevant[0]); err == nil {
				e.Rel = passage(*h, terms)
			}
		}
		kind := "rel has fewer words"
		switch {
		case len(e.Rel.Has) > len(e.Top.Has):
			kind = "rel has more words"
		case len(e.Rel.Has) == len(e.Top.Has):
			kind = "same words"
		}
		counts[kind]++
		if e.SameDoc {
			counts["same article"]++
		}
		if len(e.Rel.Inside) > 0 {
			counts["rel has a word cut differently"]++
		}
		if e.Rank == 0 {
			counts["beyond 30"]++
		}
		counts["all"]++
		if out != nil {
			if err := out.Encode(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range counts {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		t.Logf("%s: %d", k, counts[k])
	}
}
