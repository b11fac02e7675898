package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestInitialsQuery: an English name of three words or more is searched
// as the acronym of the index its initials spell, a word of ex- giving
// its x; a name whose initials spell no word of the index adds none.
func TestInitialsQuery(t *testing.T) {
	body := func(id, text string) corpus.Passage {
		return corpus.Passage{ID: id, Document: "d", Kind: corpus.KindBody, Text: text}
	}
	eng := memoryEngine(t, []corpus.Passage{
		body("xslt", "XML 文書の変換には XSLT を使うと簡単です。"),
		body("xml", "設定は XML ファイルに書かれている。"),
		body("dhcp", "ホストの IP アドレスは DHCP によって割り当てられる。"),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, acronym, want string
	}{
		{"Extensible Stylesheet Language Transformations", "XSLT", "xslt"},
		{"Extensible Markup Language", "XML", "xml"},
		{"Dynamic Host Configuration Protocol", "DHCP", "dhcp"},
		{"Extended Host Protocol", "", ""},
	} {
		res, err := eng.Search(context.Background(), Request{Query: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range res.Expansions {
			if slices.Contains(strings.Split(x.Source, ", "), SourceInitials) {
				got = append(got, x.Equivalents...)
			}
		}
		if tc.acronym == "" {
			if len(got) > 0 {
				t.Errorf("%s: initials %q, want none", tc.query, got)
			}
			continue
		}
		if !slices.Contains(got, tc.acronym) {
			t.Errorf("%s: initials %q, want %s", tc.query, got, tc.acronym)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tc.want {
			t.Errorf("%s: hits %v, want %s first", tc.query, res.Hits, tc.want)
		}
	}
}
