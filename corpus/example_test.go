package corpus_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/kensaku/kensaku/corpus"
)

func ExampleParseText() {
	text := "協力第3節\n宇宙領域の利用については、関係国との協議を通\nじ、宇宙状況監視（S\n\nSpace Situational Awareness\nSA）や宇宙システム全体の\n\n機能保証などを推進している。\n\n389 令和2年版 防衛白書\n"
	for _, p := range corpus.ParseText("hakusho.txt", text) {
		fmt.Printf("%s %s p.%d [%s] %s\n", p.ID, p.Kind, p.Page, p.SectionPath(), p.Text)
	}
	// Output:
	// hakusho#p389.1 heading p.389 [第3節 協力] 第3節 協力
	// hakusho#p389.2 body p.389 [第3節 協力] 宇宙領域の利用については、関係国との協議を通じ、宇宙状況監視（SSA: Space Situational Awareness）や宇宙システム全体の機能保証などを推進している。
}

func ExampleReadJSONL() {
	in := `{"id":"a10336p0","title":"梅雨","text":"梅雨は雨季の一種である。","lang":"ja"}
{"id":"a10336p1","text":
`
	sum, err := corpus.ReadJSONL(context.Background(), strings.NewReader(in), "jsquad.jsonl", func(p corpus.Passage) error {
		fmt.Println(p.ID, p.Document, p.Text, p.Meta["lang"])
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, p := range sum.Problems {
		fmt.Println(p)
	}
	// Output:
	// a10336p0 梅雨 梅雨は雨季の一種である。 ja
	// jsquad.jsonl:2: invalid JSON: unexpected end of JSON input
}

func ExampleBuiltin() {
	ps := corpus.Builtin()
	fmt.Println(ps[0].Document, ps[0].Page, ps[0].Text)
	// Output:
	// 令和2年版 防衛白書 389 第3節 宇宙領域及びサイバー領域の利用にかかる協力
}
