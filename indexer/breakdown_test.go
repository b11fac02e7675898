package indexer

import (
	"path/filepath"
	"testing"
)

// TestSegmentBreakdown reads the built-in index's segment: its parts add
// up to no more than the file, and the text field has positions.
func TestSegmentBreakdown(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("builtin", "bleve", "store", "*.zap"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("built-in segments %v, %v; want one", paths, err)
	}
	b, err := SegmentBreakdown(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	var text *FieldBytes
	var sum uint64
	for i, f := range b.Fields {
		sum += f.Total()
		if f.Field == FieldText {
			text = &b.Fields[i]
		}
	}
	if text == nil || text.Terms == 0 || text.Locations == 0 || text.Dictionary == 0 {
		t.Fatalf("text field %+v: want terms, a dictionary and locations", text)
	}
	if b.Docs == 0 || sum+b.Stored+b.StoredIndex > b.Size {
		t.Errorf("segment of %d bytes, %d docs: parts %d + stored %d + %d", b.Size, b.Docs, sum, b.Stored, b.StoredIndex)
	}
	if _, err := SegmentBreakdown(filepath.Join(t.TempDir(), "none.zap")); err == nil {
		t.Error("a missing segment: no error")
	}
}
