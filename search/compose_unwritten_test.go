package search

import (
	"context"
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestComposedBesideUnwrittenEntry checks that an English phrase whose
// glossary entry has only Japanese forms the index never writes (remote
// machine: 遠隔マシン) is still composed word by word, and that the
// passages with the composition are hits; a phrase whose entry the index
// writes is not composed.
func TestComposedBesideUnwrittenEntry(t *testing.T) {
	passages := []corpus.Passage{
		{ID: "rsync", Document: "d", Kind: corpus.KindBody, Title: "バックアップ",
			Text: "rsync を使えばリモートマシンにファイルを複製できます。"},
		{ID: "vpn", Document: "d", Kind: corpus.KindBody, Title: "仮想プライベートネットワーク",
			Text: "VPN を使えば社外からリモートマシンに接続できます。"},
		{ID: "english", Document: "d", Kind: corpus.KindBody, Title: "Remote desktop",
			Text: "A remote desktop shows the screen of a remote machine."},
		{ID: "other", Document: "d", Kind: corpus.KindBody, Title: "マシン",
			Text: "マシンを再起動します。"},
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	res, err := eng.Search(context.Background(), Request{Query: "remote machine", NoHighlight: true})
	if err != nil {
		t.Fatal(err)
	}
	var hits []string
	for _, h := range res.Hits {
		if !h.Partial {
			hits = append(hits, h.ID)
		}
	}
	for _, want := range []string{"rsync", "vpn", "english"} {
		if !slices.Contains(hits, want) {
			t.Errorf("remote machine: hits %v, want %s among them", hits, want)
		}
	}
	if slices.Contains(hits, "other") {
		t.Errorf("remote machine: hits %v, want no passage with only マシン", hits)
	}
	var composedForm bool
	for _, x := range res.Expansions {
		if x.Term == "remote machine" && slices.Contains(x.Equivalents, "リモートマシン") {
			composedForm = true
		}
	}
	if !composedForm {
		t.Errorf("remote machine: expansions %+v, want リモートマシン composed", res.Expansions)
	}
}
