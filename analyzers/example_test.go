package analyzers_test

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/kensaku/kensaku/analyzers"
)

func ExampleTerms() {
	for _, text := range []string{"宇宙状況監視（ＳＳＡ）を派遣した", "Space Situational Awareness exercises", "グローバル・センチネル"} {
		terms, err := analyzers.Terms(analyzers.Japanese, text)
		if err != nil {
			panic(err)
		}
		fmt.Println(terms)
	}
	// Output:
	// [宇宙 状況 監視 ssa 派遣 する]
	// [space situat awar exercis]
	// [グローバルセンチネル]
}

func ExampleNormalize() {
	fmt.Println(analyzers.Normalize("ＳＳＡ"), analyzers.Normalize("サイバー・コアリション"), analyzers.Normalize("ｻｰﾊﾞｰ"))
	// Output: ssa サイバーコアリション サーバ
}

func ExampleDefineAnalyzers() {
	m := bleve.NewIndexMapping()
	userDict := []byte("机上演習\t机上 演習\n日仏\n")
	morph, bigram, err := analyzers.DefineAnalyzers(m, userDict)
	if err != nil {
		panic(err)
	}
	body := bleve.NewTextFieldMapping()
	body.Analyzer = morph
	recall := bleve.NewTextFieldMapping()
	recall.Analyzer = bigram
	m.DefaultMapping.AddFieldMappingsAt("body", body)
	m.DefaultMapping.AddFieldMappingsAt("body_bigram", recall)
	for _, tok := range m.AnalyzerNamed(morph).Analyze([]byte("日仏の机上演習")) {
		fmt.Println(string(tok.Term), tok.Start, tok.End, tok.Position)
	}
	// Output:
	// 日仏 0 6 1
	// 机上 9 15 3
	// 演習 15 21 4
}
