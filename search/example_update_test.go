package search_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
)

// Update an index in place with a Writer: add a passage, replace one,
// delete a document, and commit; a search opened afterwards sees the
// changes, as it would after a rebuild of the same passages.
func ExampleWriter() {
	ctx := context.Background()
	tmp, err := os.MkdirTemp("", "kensaku-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "ix")
	_, err = indexer.Build(ctx, dir, indexer.Passages([]corpus.Passage{
		{ID: "r1", Document: "報告", Kind: corpus.KindBody, Text: "宇宙状況監視（SSA）の能力を高める。"},
		{ID: "m1", Document: "議事録", Kind: corpus.KindBody, Text: "欧州連合との対話。"},
	}), indexer.Options{})
	if err != nil {
		log.Fatal(err)
	}

	w, err := indexer.OpenWriter(dir, indexer.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	w.Add(corpus.Passage{ID: "r2", Document: "報告", Kind: corpus.KindBody, Text: "欧州宇宙機関と協力する。"})
	w.Add(corpus.Passage{ID: "r1", Document: "報告", Kind: corpus.KindBody, Text: "宇宙状況監視の体制を構築する。"})
	w.DeleteDocument("議事録")
	rep, err := w.Commit(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("added", rep.Indexed, "replaced", rep.Replaced, "deleted", rep.Deleted)

	eng, err := search.Open(dir, search.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	for _, q := range []string{"欧州", "能力", "体制"} {
		res, err := eng.Search(ctx, search.Request{Query: q, NoHighlight: true})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(q, ":")
		for _, h := range res.Hits {
			fmt.Print(" ", h.ID)
		}
		fmt.Println()
	}
	// Output:
	// added 2 replaced 1 deleted 1
	// 欧州: r2
	// 能力:
	// 体制: r1
}
