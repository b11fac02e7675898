package search

import (
	"context"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/kensaku/kensaku/indexer"
)

// TestHitsAndPartialMatches checks the totals: hits have every word of
// the query or an equivalent of it, and rank first; the other matches
// are counted as partial and flagged; facets count the hits.
func TestHitsAndPartialMatches(t *testing.T) {
	eng := engine(t)
	ctx := context.Background()
	tests := []struct {
		query          string
		total, partial uint64
	}{
		// Three passages have the term or an equivalent (SSA, Space
		// Situational Awareness, 宇宙状況把握); six only share 宇宙.
		{"宇宙状況監視", 3, 6},
		{"SSA", 3, 0},
		{"Space Situational Awareness", 3, 0},
		{"宇宙 協力", 6, 11},
		{"kind:body 宇宙", 4, 0},
		{"ズズズ", 0, 0},
	}
	for _, tt := range tests {
		res, err := eng.Search(ctx, Request{Query: tt.query, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tt.total || res.Partial != tt.partial {
			t.Errorf("%s: total %d, partial %d; want %d, %d", tt.query, res.Total, res.Partial, tt.total, tt.partial)
		}
		if uint64(len(res.Hits)) != res.Total+res.Partial {
			t.Errorf("%s: %d hits shown of %d + %d", tt.query, len(res.Hits), res.Total, res.Partial)
		}
		for i, h := range res.Hits {
			if h.Partial != (uint64(i) >= res.Total) {
				t.Errorf("%s: hit %d %s partial %v, want hits first", tt.query, i, h.ID, h.Partial)
			}
			if !h.Partial && !strings.Contains(strings.Join(h.Highlights, ""), "<mark>") {
				t.Errorf("%s: hit %s has nothing highlighted", tt.query, h.ID)
			}
		}
		var counted int
		for _, f := range res.Facets["kind"] {
			counted += f.Count
		}
		if uint64(counted) != res.Total {
			t.Errorf("%s: kind facets count %d, want the %d hits", tt.query, counted, res.Total)
		}
	}
}

// TestChunkRule checks which words a chunk of the query needs: its
// content words, each with the equivalents of the terms it is part of;
// all of them for a keyword query, HitFraction of them for a longer one.
func TestChunkRule(t *testing.T) {
	eng := engine(t)
	r := eng.chunkRule("宇宙状況監視", false, []Expansion{{Term: "宇宙状況監視", Equivalents: []string{"SSA"}}})
	if len(r.words) != 3 || r.min != 3 {
		t.Fatalf("宇宙状況監視: %d words, %d needed; want 3, 3", len(r.words), r.min)
	}
	for _, w := range r.words {
		if len(w) != 2 || !strings.EqualFold(w[1][0], "SSA") {
			t.Errorf("宇宙状況監視: word alternatives %q, want the word and SSA", w)
		}
	}
	rank := DefaultRanking()
	rank.HitFraction = 0.5
	eng2, err := New(eng.Index(), Options{Ranking: rank, NoLexicon: true})
	if err != nil {
		t.Fatal(err)
	}
	q := "日本の宇宙航空研究開発機構はどこの国と宇宙状況監視で協力しているか"
	r = eng2.chunkRule(q, false, nil)
	if n := len(r.words); n <= rank.HitAllWords || r.min != (n+1)/2 {
		t.Errorf("%s: %d words, %d needed; want more than %d words, half of them", q, n, r.min, rank.HitAllWords)
	}
}

// TestChunkRuleTitle checks the passages of a rule whose words may be
// found in the title, as long as one is in the text, against the same
// counted passage by passage: every word, or some of them.
func TestChunkRuleTitle(t *testing.T) {
	eng := engine(t)
	r := reader(t, eng.Index())
	ts := &termSets{ctx: context.Background(), r: r, lists: map[fieldTerm]*termList{}}
	defer ts.close()
	words := [][][]string{
		{{"宇宙"}},
		{{"協力"}, {"状況", "監視"}},
		{{"日本"}},
		{{"ズズズ"}},
	}
	titles := [][]string{{"宇宙"}, {"協力", "状況"}, {"日本", "宇宙"}, {"ズズズ"}}
	for _, n := range []int{2, 3} {
		for _, min := range []int{1, 2, n} {
			c := chunkRule{words: words[:n], min: min, title: true, titles: titles[:n]}
			got, err := c.docs(ts)
			if err != nil {
				t.Fatal(err)
			}
			want := roaring.New()
			universe := roaring.New() // the passages of every list
			for i, alts := range c.words {
				for _, terms := range alts {
					for _, term := range terms {
						b, err := ts.docs(term)
						if err != nil {
							t.Fatal(err)
						}
						universe.Or(b)
					}
				}
				for _, term := range c.titles[i] {
					b, err := ts.fieldDocs(indexer.FieldTitle, term)
					if err != nil {
						t.Fatal(err)
					}
					universe.Or(b)
				}
			}
			for _, d := range universe.ToArray() {
				found, inText := 0, false
				for i, alts := range c.words {
					text := false
					for _, terms := range alts {
						all := true
						for _, term := range terms {
							b, err := ts.docs(term)
							if err != nil {
								t.Fatal(err)
							}
							all = all && b.Contains(d)
						}
						text = text || all
					}
					title := false
					for _, term := range c.titles[i] {
						b, err := ts.fieldDocs(indexer.FieldTitle, term)
						if err != nil {
							t.Fatal(err)
						}
						title = title || b.Contains(d)
					}
					inText = inText || text
					if text || title {
						found++
					}
				}
				if found >= min && inText {
					want.Add(d)
				}
			}
			if !got.Equals(want) {
				t.Errorf("%d words, %d needed: %v, want %v", n, min, got.ToArray(), want.ToArray())
			}
			if n == 2 && min == 1 && want.IsEmpty() {
				t.Errorf("%d words, %d needed: no passage; want some", n, min)
			}
		}
	}
}
