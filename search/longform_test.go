package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestKatakanaLongForms: the English long form of an acronym (read from
// a passage that writes it beside the acronym) is also searched as the
// katakana word of the index that joins its words' katakana equivalents,
// as the index spells it; a word written in capitals (SIGNALS) is found
// by an English equivalent in the singular.
func TestKatakanaLongForms(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("defined", "SSH (Secure Shell) で遠隔ホストに安全に接続する。"),
		bodyPassage("katakana", "遠隔ログインにはセキュアーシェルを使う。"),
		bodyPassage("shell", "シェルスクリプトを書く。"),
		bodyPassage("caps", "bash(1) の \"SIGNALS\" と \"JOB CONTROL\" セクションを参照下さい。"),
		bodyPassage("other", "プロセスを終了させる。"),
	}, indexer.Options{}, Options{})
	if got := eng.katakanaLongForms("Secure Shell"); !slices.Equal(got, []string{"セキュアーシェル"}) {
		t.Errorf("katakanaLongForms(Secure Shell) = %q, want [セキュアーシェル]", got)
	}
	if got := eng.katakanaLongForms("Secure Script"); got != nil {
		t.Errorf("katakanaLongForms(Secure Script) = %q, want none", got)
	}
	if got := eng.capitalsVariants("signal"); !slices.Equal(got, []string{"SIGNALS"}) {
		t.Errorf("capitalsVariants(signal) = %q, want [SIGNALS]", got)
	}
	if got := eng.capitalsVariants("process"); got != nil {
		t.Errorf("capitalsVariants(process) = %q, want none", got)
	}
	for _, tc := range []struct {
		query string
		want  []string
		not   string
	}{
		{"SSH", []string{"defined", "katakana"}, "shell"},
		{"シグナル", []string{"caps"}, "other"},
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		checkHits(t, tc.query, ids, tc.want, []string{tc.not})
		if t.Failed() {
			t.Logf("%s: expansions %+v", tc.query, res.Expansions)
		}
	}
}
