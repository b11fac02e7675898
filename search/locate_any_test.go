package search

import (
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/indexer"
)

// TestLocatorAnyBigramsLast checks that a disjunction matches its bigram
// clauses only while its minimum is not reached by the others, and that
// its result and locations are those of matching every clause.
func TestLocatorAnyBigramsLast(t *testing.T) {
	term := func(s string) bquery.Query {
		q := bquery.NewTermQuery(s)
		q.SetField(indexer.FieldText)
		return q
	}
	// A bigram whose passages were never read: matching it would read
	// them from a nil bigram index and panic.
	unread := &bigramQuery{term: "未読"}
	read := &bigramQuery{term: "宇宙"}
	newLocator := func() *locator {
		return &locator{
			read:    map[string]map[uint64][]uint64{indexer.FieldText + "\x00宇宙": {5: {1, 3}}, indexer.FieldText + "\x00監視": {6: {2}}},
			bigrams: map[string]*roaring.Bitmap{"宇宙": roaring.BitmapOf(5, 7)},
		}
	}
	for _, c := range []struct {
		name    string
		qs      []bquery.Query
		min     int
		doc     uint64
		want    bool
		wantPos int
	}{
		{"word matches, bigram not read", []bquery.Query{unread, term("宇宙")}, 1, 5, true, 2},
		{"only a bigram matches", []bquery.Query{term("宇宙"), read}, 1, 7, true, 0},
		{"nothing matches", []bquery.Query{term("宇宙"), read}, 1, 6, false, 0},
		{"minimum two with a bigram", []bquery.Query{read, term("宇宙"), term("監視")}, 2, 5, true, 2},
		{"minimum two not reached", []bquery.Query{read, term("宇宙"), term("監視")}, 2, 6, false, 0},
		{"minimum reached by words", []bquery.Query{unread, term("宇宙"), term("監視"), unread}, 1, 6, true, 1},
		{"a form's bigrams not read", []bquery.Query{bquery.NewConjunctionQuery([]bquery.Query{unread, unread}), term("宇宙")}, 1, 5, true, 2},
		{"a form's bigrams match", []bquery.Query{bquery.NewConjunctionQuery([]bquery.Query{read, read}), term("監視")}, 1, 7, true, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := newLocator()
			got, locs, err := l.any(c.qs, c.min, c.doc, nil)
			if err != nil || got != c.want || len(locs) != c.wantPos || l.unknown {
				t.Errorf("any = %v, %v, %v (unknown %v); want %v with %d locations", got, locs, err, l.unknown, c.want, c.wantPos)
			}
		})
	}
}

func TestLocationless(t *testing.T) {
	b := &bigramQuery{term: "宇宙"}
	w := bquery.NewTermQuery("宇宙")
	for _, c := range []struct {
		q    bquery.Query
		want bool
	}{
		{b, true},
		{bquery.NewConjunctionQuery([]bquery.Query{b, b}), true},
		{bquery.NewConjunctionQuery([]bquery.Query{b, w}), false},
		{bquery.NewConjunctionQuery(nil), false}, // Bleve's MatchNone: the locator does not evaluate it
		{bquery.NewDisjunctionQuery([]bquery.Query{b}), false},
		{w, false},
	} {
		if got := locationless(c.q); got != c.want {
			t.Errorf("locationless(%T %v) = %v, want %v", c.q, c.q, got, c.want)
		}
	}
}
