package zap

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// TestDocNumbers asks a segment for ids it has and ids it lacks, before
// and after its id filter is made: the filter never hides an id the
// segment has, and ids past the dictionary's last key or absent give
// nothing.
func TestDocNumbers(t *testing.T) {
	var docs []index.Document
	for i := range 500 {
		d := document.NewDocument(fmt.Sprintf("p%04d", i))
		d.AddField(document.NewTextField("text", nil, []byte("x")))
		d.AddIDField()
		d.VisitFields(func(f index.Field) { f.Analyze() })
		docs = append(docs, d)
	}
	seg, _, err := (&ZapPlugin{}).New(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	sb := seg.(*SegmentBase)
	tests := []struct {
		ids  []string
		want []uint32
	}{
		{nil, nil},
		{[]string{"p0000"}, []uint32{0}},
		{[]string{"p0499", "p0003", "p0250"}, []uint32{3, 250, 499}},
		{[]string{"q0000", "p0500", "p00", "", "a"}, nil},
		{[]string{"p0010", "p10000", "p0011"}, []uint32{10, 11}},
	}
	for round := range 2 {
		for _, tt := range tests {
			bm, err := sb.DocNumbers(tt.ids)
			if err != nil {
				t.Fatal(err)
			}
			if got := bm.ToArray(); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("round %d: DocNumbers(%q) = %v, want %v", round, tt.ids, got, tt.want)
			}
		}
	}
	// Every id the segment has passes the filter; few of those it lacks do.
	f := sb.ids.Load()
	if f == nil {
		t.Fatal("no id filter after DocNumbers")
	}
	passed := 0
	for i := range 10000 {
		if !f.mayHave(fmt.Sprintf("p%04d", i%500)) {
			t.Fatalf("the filter hides p%04d", i%500)
		}
		if f.mayHave(fmt.Sprintf("other-%d", i)) {
			passed++
		}
	}
	if passed > 100 {
		t.Errorf("%d of 10000 absent ids passed the filter, want at most 1%%", passed)
	}
}
