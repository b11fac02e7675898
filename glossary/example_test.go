package glossary_test

import (
	"fmt"
	"strings"

	"github.com/kensaku/kensaku/glossary"
)

func ExampleMine() {
	text := "宇宙状況監視（SSA: Space Situational Awareness）や、弾道ミサイル防衛（BMD）を推進する。19（令和元）年12月。"
	for _, e := range glossary.Mine("p1", text) {
		fmt.Printf("%s %q %q %.2f\n", e.Acronym, e.English, e.Japanese, e.Confidence)
	}
	// Output:
	// SSA ["Space Situational Awareness"] ["宇宙状況監視"] 0.90
	// BMD [] ["弾道ミサイル防衛"] 0.50
}

func ExampleParseTSV() {
	tsv := "# my glossary\n" +
		"acronym\tenglish\tjapanese\n" +
		"SSA\tSpace Situational Awareness\t宇宙状況監視|宇宙状況把握\n" +
		"GCAP\n"
	entries, errs := glossary.ParseTSV(strings.NewReader(tsv), glossary.UserSource("terms.tsv"))
	for _, e := range entries {
		fmt.Println(e.Acronym, e.Japanese, e.Source, e.Confidence)
	}
	for _, err := range errs {
		fmt.Println(err)
	}
	// Output:
	// SSA [宇宙状況監視 宇宙状況把握] user:terms.tsv 1
	// glossary: terms.tsv:4: got 1 tab-separated fields, want 3 to 5 (acronym, english, japanese[, note[, confidence]])
}

func ExampleGlossary_Lookup() {
	g := glossary.New([]glossary.Entry{
		{Acronym: "IT", English: []string{"Information Technology"}, Japanese: []string{"情報技術"}, Source: glossary.SourceCurated, Confidence: 0.95},
	})
	fmt.Println(len(g.Lookup("ＩＴ")), len(g.Lookup("it")), len(g.Lookup("情報技術")))
	// Output:
	// 1 0 1
}
