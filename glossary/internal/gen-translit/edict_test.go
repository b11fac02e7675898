package main

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/glossary/translit"
)

func pair(english, katakana string) translit.Pair {
	return translit.Pair{English: english, Katakana: katakana}
}

func TestPairsOfLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []translit.Pair
	}{
		{"スターリンク /(n) Starlink/", []translit.Pair{pair("Starlink", "スターリンク")}},
		{"グランドピアノ /(n) grand piano/(P)/", []translit.Pair{pair("grand piano", "グランドピアノ")}},
		{"データ・モデリング /(n) (comp) data modelling/data modeling/",
			[]translit.Pair{pair("data", "データ"), pair("modelling", "モデリング"), pair("data", "データ"), pair("modeling", "モデリング")}},
		{"ウエルカムボード /(n) wedding welcome sign (wasei: welcome board)/",
			// The split keeps only glosses that pass similar.
			[]translit.Pair{pair("welcome board", "ウエルカムボード"), pair("wedding welcome sign", "ウエルカムボード")}},
		{"チフス /(n) (uk) typhoid fever (ger: Typhus, dut:)/typhus/(P)/", nil},
		{"アルバイト /(n) (ger: Arbeit) part-time job/", nil},
		{"テック /(n) (abbr) technical center/", nil},
		{"欧州連合 [おうしゅうれんごう] /(n) European Union/EU/", nil},
		{"ＰＡＣ３ [パックスリー] /(n) Patriot advanced capability-3/", nil},
		{"not a line", nil},
	} {
		if got := pairsOfLine(tc.line); !slices.Equal(got, tc.want) {
			t.Errorf("pairsOfLine(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestSimilar(t *testing.T) {
	for _, tc := range []struct {
		english, katakana string
		want              bool
	}{
		{"starlink", "スターリンク", true},
		{"tomahawk", "トマホーク", true},
		{"computer", "コンピュータ", true},
		{"lesser panda", "レッサーパンダ", true},
		{"pseudoscorpion", "カニムシ", false},
		{"japanese spaniel", "チン", false},
	} {
		if got := similar(tc.english, tc.katakana); got != tc.want {
			t.Errorf("similar(%q, %q) = %v (%q)", tc.english, tc.katakana, got, romanize(tc.katakana))
		}
	}
}

func FuzzPairsOfLine(f *testing.F) {
	f.Add("スターリンク /(n) Starlink/")
	f.Add("データ・モデリング /(n) (comp) data modelling/(wasei: x y)/")
	f.Fuzz(func(t *testing.T, line string) {
		for _, p := range pairsOfLine(line) {
			if !translit.IsKatakanaWord(p.Katakana) || len(translit.EnglishLetters(p.English)) == 0 {
				t.Errorf("pairsOfLine(%q) gave %q", line, p)
			}
		}
	})
}
