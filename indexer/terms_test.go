package indexer

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kensaku/kensaku/corpus"
)

func TestTerms(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "a", Document: "d", Kind: corpus.KindBody, Text: "スターリンクの衛星とトマホーク、ロッキード・マーティンのサーバー。"},
		{ID: "b", Document: "d", Kind: corpus.KindBody, Text: "Starlink satellites and ヴァージン Galactic"},
	}
	katakana := func(s string) bool {
		r, _ := utf8.DecodeRuneInString(s)
		return r >= 'ァ' && r <= 'ヺ'
	}
	want := []string{"サーバ", "スターリンク", "トマホーク", "ロッキードマーティン", "ヴァージン"} // byte order: ヴ is U+30F4
	mem, _, err := NewMemory(context.Background(), Passages(ps), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, ps)
	disk, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	for name, ix := range map[string]*Index{"memory": mem, "disk": disk} {
		got, err := ix.Terms(FieldText, "ァ", "ー", katakana)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: katakana terms = %q, want %q", name, got, want)
		}
		all, err := ix.Terms(FieldText, "", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(all, "starlink") || !slices.Contains(all, "衛星") || !slices.IsSorted(all) {
			t.Errorf("%s: all terms = %q", name, all)
		}
		latin, err := ix.Terms(FieldText, "a", "z", func(s string) bool { return !strings.HasPrefix(s, "s") })
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(latin, "starlink") || !slices.Contains(latin, "galact") && !slices.Contains(latin, "galactic") {
			t.Errorf("%s: Latin terms not starting with s = %q", name, latin)
		}
	}
	if _, err := mem.Terms("no such field", "", "", nil); err != nil {
		t.Errorf("Terms of a field with no terms: %v", err)
	}
}

// TestAnyTerm checks AnyTerm against Terms, over ranges of one term
// (which Bleve reads as the term and the terms starting with it) and
// wider ones, on an index in memory, on disk, and updated with a passage
// deleted (its words no longer in any live passage).
func TestAnyTerm(t *testing.T) {
	ctx := context.Background()
	ps := []corpus.Passage{
		{ID: "a", Document: "d", Kind: corpus.KindBody, Text: "スターリンクの衛星とトマホーク。"},
		{ID: "b", Document: "d", Kind: corpus.KindBody, Text: "Starlink satellites and ヴァージン Galactic"},
		{ID: "c", Document: "e", Kind: corpus.KindBody, Text: "ロケットの打ち上げ、Falcon rockets"},
	}
	mem, _, err := NewMemory(ctx, Passages(ps), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, ps)
	disk, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	updated := filepath.Join(t.TempDir(), "up")
	build(t, updated, ps)
	w, err := OpenWriter(updated, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Delete("c")
	if _, err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()
	up, err := Open(updated)
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	ranges := [][2]string{
		{"starlink", "starlink"}, {"star", "star"}, {"スターリンク", "スターリンク"}, {"衛星", "衛星"},
		{"トマ", "トマ"}, {"ロケット", "ロケット"}, {"falcon", "falcon"}, {"rock", "rock"},
		{"nosuchterm", "nosuchterm"}, {"a", "a"}, {"zzz", ""}, {"", ""}, {"a", "{"}, {"ァ", "ー"},
		{"\xff", "\xff"},
	}
	for name, ix := range map[string]*Index{"memory": mem, "disk": disk, "updated": up} {
		for _, r := range ranges {
			want, err := ix.Terms(FieldText, r[0], r[1], nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ix.AnyTerm(FieldText, r[0], r[1])
			if err != nil {
				t.Fatal(err)
			}
			if got != (len(want) > 0) {
				t.Errorf("%s: AnyTerm(%q, %q) = %v, Terms %q", name, r[0], r[1], got, want)
			}
		}
	}
	if ok, _ := up.AnyTerm(FieldText, "falcon", "falcon"); ok {
		t.Errorf("AnyTerm finds falcon, of the deleted passage only")
	}
	if ok, _ := disk.AnyTerm(FieldText, "sat", "sat"); !ok {
		t.Errorf("AnyTerm(sat, sat) does not find satellit, which Terms gives")
	}
}
