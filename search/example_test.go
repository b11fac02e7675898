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

// Search the built-in corpus with an acronym: passages that use only the
// Japanese term or the English expansion are found too.
func Example() {
	eng, err := search.OpenBuiltin(search.Options{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := eng.Search(context.Background(), search.Request{Query: "ＳＳＡ", Size: 3, NoHighlight: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total:", res.Total)
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Page, h.Kind)
	}
	for _, x := range res.Expansions {
		fmt.Println("expanded", x.Term, "→", x.Equivalents)
	}
	// Output:
	// total: 3
	// boei-hakusho-r2#p389.5 389 body
	// boei-hakusho-r2#p389.6 389 body
	// boei-hakusho-r2#p389.8 389 body
	// expanded ＳＳＡ → [Space Situational Awareness 宇宙状況監視 宇宙状況把握]
}

// Build an index of your own passages on disk, open it and search it.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "kensaku-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	passages := []corpus.Passage{
		{ID: "doc1#1", Document: "報告書", Kind: corpus.KindBody,
			Text: "北大西洋条約機構（NATO）との協力を強化する。"},
		{ID: "doc1#2", Document: "報告書", Kind: corpus.KindBody,
			Text: "欧州連合との対話を続ける。"},
	}
	ctx := context.Background()
	ixDir := filepath.Join(dir, "ix")
	if _, err := indexer.Build(ctx, ixDir, indexer.Passages(passages), indexer.Options{}); err != nil {
		log.Fatal(err)
	}
	eng, err := search.Open(ixDir, search.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	res, err := eng.Search(ctx, search.Request{Query: "EU"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Highlights)
	}
	// Output:
	// doc1#2 [<mark>欧州連合</mark>との対話を続ける。]
}
