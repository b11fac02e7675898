package search

import (
	"testing"
)

// TestSynonymSame checks that a synonym set scores the equivalents at
// least Ranking.SynonymSame confident as the typed term itself
// (confidence 1), and the others by their confidence.
func TestSynonymSame(t *testing.T) {
	forms := []synonymForm{{form: "subdirectory", conf: 0.7}, {form: "folder", conf: 0.6}, {form: "consumption", conf: 0.29}}
	for _, c := range []struct {
		same float64
		want []float64 // the typed term's, then each form's
	}{
		{0.6, []float64{1, 1, 1, 0.29}},
		{0.7, []float64{1, 1, 0.6, 0.29}},
		{0, []float64{1, 0.7, 0.6, 0.29}},
		{1.5, []float64{1, 0.7, 0.6, 0.29}},
	} {
		r := DefaultRanking()
		r.SynonymSame = c.same
		e, err := OpenBuiltin(Options{Ranking: r})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		q := e.synonymSet("サブディレクトリー", forms, nil)
		if q == nil {
			t.Fatalf("SynonymSame %v: no synonym set", c.same)
		}
		var got []float64
		for _, f := range q.forms {
			got = append(got, f.conf)
		}
		if len(got) != len(c.want) {
			t.Fatalf("SynonymSame %v: confidences %v, want %v", c.same, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("SynonymSame %v: confidences %v, want %v", c.same, got, c.want)
				break
			}
		}
	}
}
