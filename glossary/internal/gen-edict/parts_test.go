package main

import (
	"slices"
	"testing"
)

func TestDeriveParts(t *testing.T) {
	lines := []string{
		"番号 [ばんごう] /(n) number/series of digits/(P)/",
		"全地球 [ぜんちきゅう] /(n) (1) whole earth/(adj-no) (2) global/",
		"対話的 [たいわてき] /(adj-na) (comp) interactive/",
		"転送 [てんそう] /(n,vs) transfer/redirection/transmission/forwarding (telephone call, e-mail, etc.)/(P)/",
		"単位 [たんい] /(n) (1) unit/denomination/(n) (2) credit (in school)/(suf) (3) in units of (e.g. \"in thousands\")/(P)/",
		"読み取り専用記憶装置 [よみとりせんようきおくそうち] /(n) read-only memory/", // long, rare, not technical
		"乙 [おつ] /(n) second (in order)/(P)/",                 // one character
		"ちょっと /(adv) just a minute/(P)/",                     // no kanji
		"御座る [ござる] /(v5r) (arch) to be/",                     // a verb
		"最大 [さいだい] /(n,adj-no) biggest/greatest/largest/maximum/(P)/",
	}
	got := map[string][]string{}
	for _, e := range deriveParts(lines) {
		got[e.japanese] = e.english
	}
	want := map[string][]string{
		"番号":  {"number", "series of digits"},
		"全地球": {"whole earth", "global"},
		"対話的": {"interactive"},
		"転送":  {"transfer", "redirection", "transmission", "forwarding"},
		"単位":  {"unit", "denomination", "credit"},
		"最大":  {"biggest", "greatest", "largest", "maximum"},
	}
	for k, w := range want {
		if !slices.Equal(got[k], w) {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %q, want no line", k, got[k])
		}
	}
}
