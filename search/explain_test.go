package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestExplain checks that every hit's explanation adds up to its score
// and names the features that matched: the exact phrase and the
// equivalents of a glossary term, the words found of how many, and that
// an explaining search ranks and scores as one that does not explain.
func TestExplain(t *testing.T) {
	eng, err := OpenBuiltin(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	ctx := context.Background()
	for _, q := range []string{"SSA", "宇宙状況監視", "宇宙 協力 -演習", `"宇宙システム" 機能保証`, "日本はどの国とSSAで協力しているか",
		"2019年", "令和元年12月", "2019年3月に実施されたのは何か", "平成31年にベトナムとの協力"} {
		plain, err := eng.Search(ctx, Request{Query: q, Size: 20, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Search(ctx, Request{Query: q, Size: 20, NoHighlight: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || len(res.Hits) != len(plain.Hits) {
			t.Fatalf("%s: %d hits explained, %d not", q, len(res.Hits), len(plain.Hits))
		}
		for i, h := range res.Hits {
			if h.ID != plain.Hits[i].ID || h.Score != plain.Hits[i].Score {
				t.Errorf("%s: hit %d is %s %g explained, %s %g not", q, i, h.ID, h.Score, plain.Hits[i].ID, plain.Hits[i].Score)
			}
			x := h.Explanation
			if x == nil {
				t.Fatalf("%s: %s has no explanation", q, h.ID)
			}
			var sum float64
			for _, f := range x.Features {
				sum += f.Score
				if f.Score < -1e-9 && f.Feature != "interleave" { // a place lost (interleaveForms)
					t.Errorf("%s: %s: feature %+v scores below 0", q, h.ID, f)
				}
			}
			if got := sum * x.KindFactor; math.Abs(got-h.Score) > 1e-6*h.Score {
				t.Errorf("%s: %s: features add up to %g, score %g (%s)", q, h.ID, got, h.Score, x)
			}
			if x.Kind != h.Kind {
				t.Errorf("%s: %s: explained kind %q, hit kind %q", q, h.ID, x.Kind, h.Kind)
			}
		}
	}
	res, err := eng.Search(ctx, Request{Query: "宇宙状況監視", Size: 1, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	x := res.Hits[0].Explanation
	has := func(want FeatureScore) bool {
		return slices.ContainsFunc(x.Features, func(f FeatureScore) bool {
			return f.Feature == want.Feature && f.Form == want.Form && f.Matched == want.Matched && f.Of == want.Of &&
				(want.Source == "" || f.Source == want.Source) && f.Score > 0
		})
	}
	for _, want := range []FeatureScore{
		{Feature: "phrase"},
		{Feature: "words", Matched: 3, Of: 3},
		{Feature: "equivalent", Form: "SSA", Source: "curated"},
		{Feature: "equivalent", Form: "Space Situational Awareness", Source: "curated"},
	} {
		if !has(want) {
			t.Errorf("宇宙状況監視: first hit explained as %s, want a feature %+v", x, want)
		}
	}
	if s := x.String(); !strings.Contains(s, "phrase") || !strings.Contains(s, "SSA curated 0.95") {
		t.Errorf("String() = %q", s)
	}
}
