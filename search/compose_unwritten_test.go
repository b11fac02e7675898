package search

import (
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
		titledPassage("rsync", "バックアップ", "rsync を使えばリモートマシンにファイルを複製できます。"),
		titledPassage("vpn", "仮想プライベートネットワーク", "VPN を使えば社外からリモートマシンに接続できます。"),
		titledPassage("english", "Remote desktop", "A remote desktop shows the screen of a remote machine."),
		titledPassage("other", "マシン", "マシンを再起動します。"),
	}
	eng := memoryEngine(t, passages, indexer.Options{}, Options{})
	res, hits := searchIDs(t, eng, Request{Query: "remote machine", NoHighlight: true}, true)
	checkHits(t, "remote machine", hits, []string{"rsync", "vpn", "english"}, []string{"other"})
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
