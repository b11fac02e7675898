package search

import (
	"context"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

func TestRowSkeleton(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ルハーンシク", "rhnsk"},
		{"ルガンスク", "rknsk"},
		{"ブッダガヤ", "htky"},
		{"ボードガヤー", "htky"},
		{"ヴィエンチャン", "hantn"},
	} {
		if got := rowSkeleton(tc.in); got != tc.want {
			t.Errorf("rowSkeleton(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"ルハーンシク", "ルガンスク", true},                   // one row of five
		{"ブッダガヤ", "ボードガヤー", true},                   // the same rows
		{"カナダ", "カメラ", false},                       // three rows
		{"ドイツ", "ダイス", false},                       // one row of four... too short
		{"ハードウエア", "ファームウエア", true},                 // five rows, one other: the glossary tells them apart
		{"テキストデータ", "テキストツール", true},                // one row of six: only beside each other or in a title
		{"ディスクパーティションデータ", "ディスクパーティションツール", false}, // one of nine: maxOneOffRows
	} {
		if got := sameRows(rowSkeleton(tc.a), rowSkeleton(tc.b)); got != tc.want {
			t.Errorf("sameRows(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// articlePassage returns a passage of an article of its own, titled
// title.
func articlePassage(id, title, text string) corpus.Passage {
	return corpus.Passage{ID: id, Document: title, Title: title, Kind: corpus.KindBody, Text: text}
}

// TestTextAliases: a katakana name finds the passages that write another
// rendering of it written beside it, or titling its article, in a
// passage that has it; two words the glossary knows apart do not.
func TestTextAliases(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		articlePassage("def", "ルガンスク人民共和国", "ウクライナ東部のルハーンシク州（ロシア語名ルガンスク）で独立が宣言された。"),
		articlePassage("rail", "鉄道", "ルガンスクとの間で鉄道が運行されている。"),
		articlePassage("design", "設計", "デザインはデザイナの仕事である。"),
		articlePassage("designer", "職業", "デザイナが服を作る。"),
	}, indexer.Options{}, Options{})
	if got := eng.textAliases("ルハーンシク"); !slices.Equal(got, []string{"ルガンスク"}) {
		t.Errorf("textAliases(ルハーンシク) = %q, want [ルガンスク]", got)
	}
	if got := eng.textAliases("デザイン"); len(got) > 0 {
		t.Errorf("textAliases(デザイン) = %q, want none", got)
	}
	for _, tc := range []struct{ query, want, not string }{
		{"ルハーンシク", "rail", ""},
	} {
		_, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		if !slices.Contains(ids, tc.want) || tc.not != "" && slices.Contains(ids, tc.not) {
			t.Errorf("%s: hits %v, want %s and no %q", tc.query, ids, tc.want, tc.not)
		}
	}
}

// TestNamePartTerms: a name's katakana form the index lacks finds the
// full name written with middle dots, which the index keeps as one word;
// a word inside more than maxNameParts words finds none.
func TestNamePartTerms(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("lw", "オランダのアントニ・ファン・レーウェンフックは手製の顕微鏡で微生物を観察した。"),
		bodyPassage("s1", "システムログアナライザとパケットアナライザとプロトコルアナライザを使う。"),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		form string
		want []string
	}{
		{"レーウェンフーク", []string{"アントニファンレーウェンフック"}},
		{"アナライザ", nil}, // inside three words
		{"フック", nil},   // too short
	} {
		if got := eng.namePartTerms(tc.form); !slices.Equal(got, tc.want) {
			t.Errorf("namePartTerms(%s) = %q, want %q", tc.form, got, tc.want)
		}
	}
	res, err := eng.Search(context.Background(), Request{Query: "Leeuwenhoek"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "lw" {
		t.Errorf("Leeuwenhoek: hits %+v, want lw first (expansions %+v)", res.Hits, res.Expansions)
	}
}
