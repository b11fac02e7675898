package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestAttestedCompounds: an English phrase whose words the glossary
// translates only into compounds the index never writes (intrusion:
// 御邪魔) is also composed of the Japanese words whose EDICT glosses hold
// each word (侵入, its fifth gloss), and those compounds the index has are
// searched (侵入検知; ファイルシステム階層). A compound the index does not
// have is not (侵入検出), nor a part of one character or with kana
// endings.
func TestAttestedCompounds(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("ids", "ネットワークの侵入検知にはsuricataを使う。"),
		bodyPassage("fhs", "Linux のファイルシステム階層標準に従ってファイルを置く。"),
		bodyPassage("words", "侵入した者は検出されなかった。"),
		bodyPassage("other", "The detection of errors in the file system is slow."),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, want, first string
		not                string
	}{
		{"intrusion detection", "侵入検知", "ids", "侵入検出"},
		{"file system hierarchy", "ファイルシステム階層", "fhs", ""},
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		got := equivalentsOf(res, func(x Expansion) bool { return x.Source == SourceComposed })
		if !slices.Contains(got, tc.want) || tc.not != "" && slices.Contains(got, tc.not) {
			t.Errorf("%s: composed %q, want %s and not %q", tc.query, got, tc.want, tc.not)
		}
		checkFirst(t, tc.query, ids, tc.first)
	}
	for _, tc := range []struct {
		form string
		want bool
	}{
		{"侵入", true}, {"ファイルシステム", true}, {"者", false}, {"多く", false}, {"行い", false}, {"ソフトウェア基盤", false},
	} {
		if got := compoundPart(tc.form); got != tc.want {
			t.Errorf("compoundPart(%s) = %v, want %v", tc.form, got, tc.want)
		}
	}
}
