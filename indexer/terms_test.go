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
