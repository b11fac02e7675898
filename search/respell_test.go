package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// respellEngine indexes passages that write long katakana words in two
// spellings (with and without a long vowel or a small vowel), and short
// words that a long vowel tells apart.
func respellEngine(t *testing.T) *Engine {
	t.Helper()
	return memoryEngine(t, []corpus.Passage{
		bodyPassage("defined", "Debian フリーソフトウェアガイドライン (DFSG) に準拠したパッケージだけが main に収録される。"),
		bodyPassage("long", "この文書は Debian フリーソフトウェアーガイドラインを満たすかどうかを論じる。"),
		bodyPassage("hw1", "ハードウェアの故障を調べる。"),
		bodyPassage("hw2", "ハードウエアの一覧を表示する。"),
		bodyPassage("beer", "工場でビールを醸造する。"),
		bodyPassage("building", "駅前のビルに事務所がある。"),
		bodyPassage("shell", "遠隔ログインにはセキュアーシェルを使う。"),
	}, indexer.Options{}, Options{})
}

func TestSpellingSiblings(t *testing.T) {
	eng := respellEngine(t)
	for _, tc := range []struct {
		term string
		want []string
	}{
		{"ハードウェア", []string{"ハードウエア"}},
		{"ハードウエア", []string{"ハードウェア"}},
		{"フリーソフトウェアーガイドライン", []string{"フリーソフトウェアガイドライン"}},
		{"ビル", nil}, // ビール is another word
		{"ビール", nil},
	} {
		if got := eng.spellingSiblings(tc.term); !slices.Equal(got, tc.want) {
			t.Errorf("spellingSiblings(%s) = %q, want %q", tc.term, got, tc.want)
		}
	}
	for _, tc := range []struct{ form, want string }{
		{"Debian フリーソフトウェアガイドライン", "Debian フリーソフトウェアーガイドライン"},
		{"セキュアシェル 接続", "セキュアーシェル 接続"}, // a word the index lacks: katakanaSkeleton
		{"駅前 ビル", ""},
		{"データ", ""}, // one word: katakanaVariants
	} {
		if got := eng.respelledForm(tc.form); got != tc.want {
			t.Errorf("respelledForm(%s) = %q, want %q", tc.form, got, tc.want)
		}
	}
}

// TestRespelledQueries: a long katakana word of the query, or of an
// equivalent of several words (an acronym's long form read from the
// text), finds the passages that spell it otherwise; a short one does not.
func TestRespelledQueries(t *testing.T) {
	eng := respellEngine(t)
	for _, tc := range []struct {
		query     string
		want, not []string
	}{
		{"ハードウェア", []string{"hw1", "hw2"}, nil},
		{"ハードウエア", []string{"hw1", "hw2"}, nil},
		{"DFSG", []string{"defined", "long"}, nil},
		{"ビル", []string{"building"}, []string{"beer"}},
	} {
		_, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		checkHits(t, tc.query, ids, tc.want, tc.not)
	}
}
