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

// TestHasTerm checks HasTerm on an index in memory, on disk, and updated
// with a passage deleted (its words no longer in any live passage): a
// word is present only as a term of its own, not as the start of a
// longer term (rock, star and トマ are absent, though rockets, starlink
// and トマホーク are in the index).
func TestHasTerm(t *testing.T) {
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
	tests := []struct {
		term    string
		present bool // in every index
		deleted bool // only in passage c: absent from the updated index
	}{
		{term: "starlink", present: true},
		{term: "star"},      // a prefix of starlink only
		{term: "starlinks"}, // longer than a term
		{term: "satellit", present: true},
		{term: "sat"},        // a prefix of satellit
		{term: "satellites"}, // the stem is the term
		{term: "スターリンク", present: true},
		{term: "スター"}, // a prefix of スターリンク
		{term: "衛星", present: true},
		{term: "衛"},
		{term: "トマ"},
		{term: "トマホーク", present: true},
		{term: "ロケット", present: true, deleted: true},
		{term: "ロケ"},
		{term: "falcon", present: true, deleted: true},
		{term: "falc"},
		{term: "rocket", present: true, deleted: true},
		{term: "rock"}, // a prefix of rocket only
		{term: "nosuchterm"},
		{term: "a"},
		{term: ""},
		{term: "\xff"},
	}
	for name, ix := range map[string]*Index{"memory": mem, "disk": disk, "updated": up} {
		for _, tc := range tests {
			want := tc.present && !(name == "updated" && tc.deleted)
			got, err := ix.HasTerm(FieldText, tc.term)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s: HasTerm(%q) = %v, want %v", name, tc.term, got, want)
			}
			// Terms(t, t), t and the terms that start with t, holds t
			// itself exactly when HasTerm finds it.
			if tc.term == "" {
				continue
			}
			terms, err := ix.Terms(FieldText, tc.term, tc.term, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got != slices.Contains(terms, tc.term) {
				t.Errorf("%s: HasTerm(%q) = %v, Terms %q", name, tc.term, got, terms)
			}
		}
	}
}
