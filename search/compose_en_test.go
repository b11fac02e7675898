package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

func TestEnglishPhraseVariants(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // text@factor
	}{
		{"residence status", []string{"residence-status@0.9", "status of residence@0.8"}},
		{"status of residence", []string{"residence status@0.8"}},
		{"Communist Party of the Soviet Union", []string{"Soviet Union Communist Party@0.8"}},
		{"secretary-general", []string{"secretary general@0.9", "secretary-gener@0.7"}},
		{"petrochemical", []string{"petrochemistry@0.7", "petrochemics@0.7", "petrochemy@0.7"}},
		{"petrochemistry", []string{"petrochemical@0.7"}},
		{"political economy", []string{"political-economy@0.9", "economy of political@0.8",
			"politistry economy@0.7", "politics economy@0.7", "polity economy@0.7", "political economical@0.7", "political economic@0.7"}},
		{"dictatorship of the proletariat", []string{"proletariat dictatorship@0.8"}},
		{"Okhotsk high pressure", []string{"pressure of Okhotsk high@0.8", "Okhotsk high@0.5", "high pressure@0.5"}},
		{"Cartesian coordinate system", []string{"system of Cartesian coordinate@0.8", "Cartesian coordinate@0.5", "coordinate system@0.5"}},
		{"freedom of speech of the press", nil}, // two of-phrases
		{"the rule", nil},                       // a stop word: no of-phrase
		{"bank", nil},
		{"在留資格", nil},
		{"a b c d e f", nil},
	} {
		var got []string
		for _, v := range englishPhraseVariants(c.text) {
			got = append(got, fmt.Sprintf("%s@%.1f", v.text, v.factor))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("englishPhraseVariants(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestDerivedWords(t *testing.T) {
	for _, c := range []struct {
		word string
		want []string
	}{
		{"chemical", []string{"chemistry", "chemics", "chemy"}},
		{"Physics", []string{"Physical", "Physic"}},
		{"democratic", []string{"democracy"}},
		{"economy", []string{"economical", "economic"}},
		{"structural", []string{"structure"}},
		{"national", []string{"nation"}},
		{"precautionary", []string{"precaution", "precautionarical", "precautionaric"}},
		{"precaution", nil}, // not stationary from station
		{"installation", []string{"install", "installe"}},
		{"preparation", []string{"prepare"}}, // not prepar: a stem of 6 letters
		{"experimentation", []string{"experiment", "experimente"}},
		{"personation", []string{"persone"}}, // not person: a stem of 6 letters
		{"development", nil},
		{"awareness", nil},
		{"rule", nil},
		{"station", nil}, // a stem of two letters
		{"cat", nil},
	} {
		if got := derivedWords(c.word); !slices.Equal(got, c.want) {
			t.Errorf("derivedWords(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestOfInverted(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"status of residence", "residence status"},
		{"Communist Party of the Soviet Union", "Soviet Union Communist Party"},
		{"Bank of Japan", "Japan Bank"},
		{"freedom of speech of the press", ""},
		{"of residence", ""},
		{"status of", ""},
		{"residence status", ""},
		{"the status of residence", ""},
	} {
		if got := ofInverted(strings.Fields(c.text)); got != c.want {
			t.Errorf("ofInverted(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestDerivedWordSearch checks that an English word the lexicons do not
// have finds, through the word it is derived from, the Japanese passages
// of that word's equivalents.
func TestDerivedWordSearch(t *testing.T) {
	passages := []corpus.Passage{
		{ID: "yobou", Text: "地震に備えて予防の措置を講じる。", Kind: corpus.KindBody},
		{ID: "other", Text: "今日は晴れて気持ちのよい一日だった。", Kind: corpus.KindBody},
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	for _, c := range []struct{ query, top string }{
		{"precautionary", "yobou"}, // precaution: 予防
	} {
		res, err := eng.Search(context.Background(), Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != c.top {
			t.Errorf("%q: hits %+v, want %s first (expansions %+v)", c.query, res.Hits, c.top, res.Expansions)
		}
	}
}
