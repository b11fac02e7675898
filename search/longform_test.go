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

// TestLongFormsTitleCase: an acronym no glossary knows is searched as the
// Japanese forms of the phrasebook's names in title case whose initials
// spell it (LDP: Liberal Democratic Party, 自由民主党), not as those of
// its phrases in lower case (EOL: exchange of letters, メール交換).
func TestLongFormsTitleCase(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("ldp", "自由民主党の総裁選挙が行われた。"),
		bodyPassage("letters", "友人とメール交換を続けている。"),
		bodyPassage("eol", "This release reached EOL last year. The LDP won."),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, want, not string
	}{
		{"LDP", "自由民主党", ""},
		{"EOL", "", "メール交換"},
	} {
		res, _ := searchIDs(t, eng, Request{Query: tc.query}, false)
		got := equivalentsOf(res, func(x Expansion) bool { return x.Term == tc.query })
		if tc.want != "" && !slices.Contains(got, tc.want) {
			t.Errorf("%s: equivalents %q, want %s", tc.query, got, tc.want)
		}
		if tc.not != "" && slices.Contains(got, tc.not) {
			t.Errorf("%s: equivalents %q, want no %s", tc.query, got, tc.not)
		}
	}
}
