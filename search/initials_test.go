package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestInitialsQuery: an English name of three words or more is searched
// as the acronym of the index its initials spell, a word of ex- giving
// its x and a word in capitals all its letters (Parallel Line IP: PLIP),
// also when the index has the acronym in a title only; a name whose
// initials spell no word of the index adds none.
func TestInitialsQuery(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("xslt", "XML 文書の変換には XSLT を使うと簡単です。"),
		bodyPassage("xml", "設定は XML ファイルに書かれている。"),
		bodyPassage("dhcp", "ホストの IP アドレスは DHCP によって割り当てられる。"),
		bodyPassage("plip", "二台の計算機を PLIP でつなぐ。"),
		titledPassage("bsp", "バグ潰しパーティ (BSP)", "パッチを送るだけにとどめてください。"),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, acronym, want string
	}{
		{"Extensible Stylesheet Language Transformations", "XSLT", "xslt"},
		{"Extensible Markup Language", "XML", "xml"},
		{"Dynamic Host Configuration Protocol", "DHCP", "dhcp"},
		{"Parallel Line IP", "PLIP", "plip"},
		{"Bug Squashing Party", "BSP", "bsp"},
		{"Extended Host Protocol", "", ""},
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		got := equivalentsOf(res, func(x Expansion) bool {
			return slices.Contains(strings.Split(x.Source, ", "), SourceInitials)
		})
		if tc.acronym == "" {
			if len(got) > 0 {
				t.Errorf("%s: initials %q, want none", tc.query, got)
			}
			continue
		}
		if !slices.Contains(got, tc.acronym) {
			t.Errorf("%s: initials %q, want %s", tc.query, got, tc.acronym)
		}
		checkFirst(t, tc.query, ids, tc.want)
	}
}
