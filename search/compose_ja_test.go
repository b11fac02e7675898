package search

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// TestJapaneseToEnglish checks the Japanese → English direction of
// cross-form retrieval on small indexes of passages written for it
// (testdata/bilingual_ja.json): a Japanese word or compound finds the
// passages that write it in English, as its acronym, or as an inflected
// or derived English word. Each case lists the passages that must rank
// first, and the equivalents its expansions must have and must not.
func TestJapaneseToEnglish(t *testing.T) {
	b, err := os.ReadFile("testdata/bilingual_ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Query string
		Top         []string
		Passages    []corpus.Passage
		Glossary    []glossary.Entry
		Expansions  []struct {
			Term     string
			Has, Not []string
		}
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for i := range c.Passages {
				c.Passages[i].Kind = cmp.Or(c.Passages[i].Kind, corpus.KindBody)
			}
			res, err := memoryEngine(t, c.Passages, indexer.Options{}, Options{Glossary: c.Glossary}).Search(context.Background(), Request{Query: c.Query})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if len(got) < len(c.Top) {
				t.Fatalf("%q: hits %v, want %v first (expansions %+v)", c.Query, got, c.Top, res.Expansions)
			}
			top := slices.Clone(got[:len(c.Top)])
			slices.Sort(top)
			want := slices.Clone(c.Top)
			slices.Sort(want)
			if !slices.Equal(top, want) {
				t.Errorf("%q: first hits %v, want %v (all hits %v; expansions %+v)", c.Query, top, want, got, res.Expansions)
			}
			for _, w := range c.Expansions {
				checkExpansion(t, c.Query, res, w.Term, w.Has, w.Not)
			}
		})
	}
}

func TestIsCompoundText(t *testing.T) {
	eng := engine(t)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"統合開発環境", true},
		{"スペースデブリ", true},
		{"手続き呼び出し", true}, // okurigana inside words
		{"読み取り専用", true},
		{"宇宙状況の監視", false}, // a particle
		{"のみ込み", false},    // begins with hiragana
		{"暗号化 ディスク", false},
		{"Linux カーネル", false},
	} {
		if got := eng.isCompoundText(c.text); got != c.want {
			t.Errorf("isCompoundText(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestReverseEndingOK(t *testing.T) {
	for _, c := range []struct {
		katakana, english, term string
		conf                    float64
		want                    bool
	}{
		{"スプーフ", "spoof", "spoof", 0.7, true},               // a term of the index
		{"スプーフィング", "spoofing", "spoof", 0.786, true},       // -ing spelled ング
		{"ラスタライズ", "rasterize", "raster", 0.75, true},       // -ize spelled イズ
		{"コレラ", "collegal", "colleg", 0.78, false},          // an ending katakana does not spell
		{"スプーフ", "spoofing", "spoof", 0.786, false},         // no ング
		{"スプーフィング", "spoofing", "spoof", 0.85, true},        // confident enough anyway
		{"インストレーション", "installation", "instal", 0.72, true}, // -ation spelled ション
	} {
		if got := reverseEndingOK(c.katakana, c.english, c.term, c.conf); got != c.want {
			t.Errorf("reverseEndingOK(%s, %s, %s, %.3f) = %v, want %v", c.katakana, c.english, c.term, c.conf, got, c.want)
		}
	}
}
