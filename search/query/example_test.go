package query_test

import (
	"fmt"

	"github.com/kensaku/kensaku/search/query"
)

func ExampleParse() {
	q, err := query.Parse(`“宇宙状況監視” OR +SSA -訓練 kind:body`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, g := range q.Groups {
		for _, c := range g {
			fmt.Printf("group %d: %s %q phrase=%v offset=%d\n", i, c.Occur, c.Text, c.Phrase, c.Offset)
		}
	}
	for _, f := range q.Filters {
		fmt.Printf("filter: %s=%s\n", f.Field, f.Value)
	}
	fmt.Println(q)
	// Output:
	// group 0: should "宇宙状況監視" phrase=true offset=0
	// group 1: must "SSA" phrase=false offset=28
	// group 1: must_not "訓練" phrase=false offset=33
	// filter: kind=body
	// kind:body "宇宙状況監視" OR +SSA -訓練
}

func ExampleParse_error() {
	_, err := query.Parse(`宇宙 "状況監視`)
	fmt.Println(err)
	_, err = query.Parse(`宇宙 AND OR 監視`)
	fmt.Println(err)
	// Output:
	// query: unterminated quoted phrase at offset 7
	// query: expected a term after AND, found OR at offset 11
}

func ExampleQuery_Runs() {
	q, err := query.Parse(`Space Situational Awareness とは "SSA"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range q.Runs() {
		fmt.Printf("%q clauses [%d:%d] at offset %d\n", r.Text, r.Start, r.End, r.Offset)
	}
	// Output:
	// "Space Situational Awareness とは" clauses [0:4] at offset 0
}
