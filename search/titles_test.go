package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// otherFormEngine indexes passages that write a term only in another
// form than the query's: in their title, or spelled otherwise than the
// glossary's equivalent.
func otherFormEngine(t *testing.T) *Engine {
	t.Helper()
	passages := []corpus.Passage{
		// The section names its subject only in its title.
		titledPassage("sniff-title", "スニファとパケット解析", "この種のツールはネットワークに到達したすべてのパケットを観察します。"),
		titledPassage("packets", "ネットワークの設定", "パケットはネットワークを通じて送信されます。"),
		titledPassage("remove-title", "プログラムのアンインストール", "不要になったパッケージは削除してください。"),
		titledPassage("remove", "パッケージの削除", "パッケージを削除すると設定ファイルが残ります。"),
		// The English written closed where the glossary writes it
		// open or hyphenated.
		titledPassage("mailboxes", "Restrictions", "Spam floods our electronic mailboxes every day."),
		titledPassage("mail", "Mail", "The mail server delivers mail to users."),
		titledPassage("timestamps", "Quotas", "An inode stores the permissions, owner and timestamps of a file."),
		titledPassage("time", "Clocks", "The system keeps the time of day; a stamp collector keeps stamps."),
	}
	return memoryEngine(t, passages, indexer.Options{}, Options{})
}

// TestOtherFormTitles checks that an equivalent found only in a passage's
// title finds the passage: an English query finds the section titled
// with its katakana form.
func TestOtherFormTitles(t *testing.T) {
	eng := otherFormEngine(t)
	for _, tc := range []struct {
		query string
		want  string // first hit
	}{
		{"sniffer", "sniff-title"},
		{"uninstall", "remove-title"},
	} {
		_, ids := searchIDs(t, eng, Request{Query: tc.query, NoHighlight: true, Explain: true}, false)
		checkFirst(t, tc.query, ids, tc.want)
	}
}

// TestOtherSpellingHits checks that a passage with another spelling of
// an equivalent, which the search matches as the equivalent (see
// variantTerms), is a hit, not a partial match: the English written
// closed (mailboxes for mail box, timestamps for time-stamp).
func TestOtherSpellingHits(t *testing.T) {
	eng := otherFormEngine(t)
	for _, tc := range []struct {
		query string
		hit   string // a hit of the query
	}{
		{"メールボックス", "mailboxes"},
		{"タイムスタンプ", "timestamps"},
	} {
		_, hits := searchIDs(t, eng, Request{Query: tc.query, NoHighlight: true}, true)
		checkHits(t, tc.query, hits, []string{tc.hit}, nil)
	}
}

// TestEnglishVariantsClosed checks that a hyphenated English form is
// also searched closed when the index has the closed word.
func TestEnglishVariantsClosed(t *testing.T) {
	eng := otherFormEngine(t)
	for _, tc := range []struct {
		form string
		want string // among the variants; "" for none closed
	}{
		{"time-stamp", "timestamp"},
		{"mail box", "mailbox"},
		{"stamp-time", ""},
	} {
		got := eng.englishVariants(tc.form)
		closed := ""
		for _, v := range got {
			if v == tc.want {
				closed = v
			}
		}
		if tc.want == "" {
			if slices.Contains(got, "stamptime") {
				t.Errorf("%s: variants %q, want no closed form the index lacks", tc.form, got)
			}
			continue
		}
		if closed == "" {
			t.Errorf("%s: variants %q, want %s", tc.form, got, tc.want)
		}
	}
}

// TestTitleEquivalentHits checks that a passage whose title alone has an
// equivalent of a query that is one term is a hit, not a partial match
// (see titleFormsOf), and that a title with only part of a form is not.
func TestTitleEquivalentHits(t *testing.T) {
	eng := otherFormEngine(t)
	for _, tc := range []struct {
		query string
		hit   string
		not   string
	}{
		{"sniffer", "sniff-title", "packets"},
		{"uninstall", "remove-title", "remove"},
	} {
		_, hits := searchIDs(t, eng, Request{Query: tc.query, NoHighlight: true}, true)
		checkHits(t, tc.query, hits, []string{tc.hit}, []string{tc.not})
	}
}

// TestTitleCompounds: a katakana form of a query that is no title word
// matches the katakana title words that begin or end with it (lifecycle:
// ライフサイクル, a section under リリースライフサイクル), not those where
// it is too short a rest or a part of fewer than four characters.
func TestTitleCompounds(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		titledPassage("cycle", "リリースライフサイクル", "各バージョンは開発の異なる段階に相当します。"),
		titledPassage("mgr", "パッケージマネージャ", "aptを使う。"),
		bodyPassage("word", "製品のライフサイクルを管理する。"),
		bodyPassage("other", "安定版を公開する。"),
	}, indexer.Options{}, Options{})
	_, ids := searchIDs(t, eng, Request{Query: "lifecycle"}, false)
	if !slices.Contains(ids, "cycle") {
		t.Errorf("lifecycle: hits %v, want cycle among them", ids)
	}
	for _, tc := range []struct {
		part string
		want []string
	}{
		{"ライフサイクル", []string{"リリースライフサイクル"}},
		{"パッケージ", []string{"パッケージマネージャ"}},
		{"サイクル", []string{"リリースライフサイクル"}},
		{"クル", nil},          // shorter than minTitlePartRunes
		{"リリースライフサイク", nil},  // a rest of one character
		{"リリースライフサイクル", nil}, // the title word itself
	} {
		if got := eng.titleCompounds(tc.part); !slices.Equal(got, tc.want) {
			t.Errorf("titleCompounds(%s) = %v, want %v", tc.part, got, tc.want)
		}
	}
}
