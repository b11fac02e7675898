package search

import (
	"slices"
	"testing"
)

// TestInterleaveForms checks the scores interleaveForms hands out again:
// the passages with only another form take every other place (2nd, 4th,
// …) and any place their scores earn before, the scores still decrease
// in the new order, and passages of one list with equal scores keep
// equal scores.
func TestInterleaveForms(t *testing.T) {
	for _, tt := range []struct {
		name   string
		scores []float64 // of docs 0, 1, …
		other  []int     // the docs with another form only, in the typed script
		script []int     // and in another script
		want   []float64 // their new scores
	}{
		{"other forms below every literal one take the even places",
			[]float64{9, 8, 7, 6, 5, 2, 1}, []int{5, 6}, nil, []float64{9, 7, 5, 2, 1, 8, 6}},
		{"an other form scoring higher keeps its place",
			[]float64{9, 8.5, 7, 6, 1}, []int{1, 4}, nil, []float64{9, 8.5, 7, 1, 6}},
		{"no other form: the scores as they were",
			[]float64{3, 2, 1}, nil, nil, []float64{3, 2, 1}},
		{"only other forms: the scores as they were",
			[]float64{1, 3, 2}, []int{0, 1, 2}, nil, []float64{1, 3, 2}},
		{"more other forms than literal ones: the rest follow",
			[]float64{9, 3, 2, 1}, []int{1, 2, 3}, nil, []float64{9, 3, 2, 1}},
		{"equal scores move together",
			[]float64{5, 5, 4, 1}, []int{3}, nil, []float64{5, 5, 1, 4}},
		{"a tie takes the score of its first place",
			[]float64{9, 5, 5, 1}, []int{3}, nil, []float64{9, 5, 5, 5}},
		{"the places owed go to another script first",
			[]float64{9, 8, 7, 6, 5, 2, 1}, []int{5}, []int{6}, []float64{9, 7, 5, 2, 1, 6, 8}},
		{"a passage in the typed script takes a place its score earns",
			[]float64{9, 8.5, 7, 6, 1}, []int{1}, []int{4}, []float64{9, 7, 6, 1, 8.5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits := make([]synonymHit, len(tt.scores))
			for i, s := range tt.scores {
				hits[i] = synonymHit{doc: uint64(i), score: s}
			}
			var other []otherForm
			for _, i := range tt.other {
				other = append(other, otherForm{hit: i, kind: formOther})
			}
			for _, i := range tt.script {
				other = append(other, otherForm{hit: i, kind: formScript})
			}
			interleaveForms(hits, other, "term")
			got := make([]float64, len(hits))
			for i, h := range hits {
				got[i] = h.score
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("scores %v, want %v", got, tt.want)
			}
		})
	}
}
