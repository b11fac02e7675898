package search

import (
	"context"
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
		{ID: "sniff-title", Document: "d", Kind: corpus.KindBody, Title: "スニファとパケット解析",
			Text: "この種のツールはネットワークに到達したすべてのパケットを観察します。"},
		{ID: "packets", Document: "d", Kind: corpus.KindBody, Title: "ネットワークの設定",
			Text: "パケットはネットワークを通じて送信されます。"},
		{ID: "remove-title", Document: "d", Kind: corpus.KindBody, Title: "プログラムのアンインストール",
			Text: "不要になったパッケージは削除してください。"},
		{ID: "remove", Document: "d", Kind: corpus.KindBody, Title: "パッケージの削除",
			Text: "パッケージを削除すると設定ファイルが残ります。"},
		// The English written closed where the glossary writes it
		// open or hyphenated.
		{ID: "mailboxes", Document: "d", Kind: corpus.KindBody, Title: "Restrictions",
			Text: "Spam floods our electronic mailboxes every day."},
		{ID: "mail", Document: "d", Kind: corpus.KindBody, Title: "Mail",
			Text: "The mail server delivers mail to users."},
		{ID: "timestamps", Document: "d", Kind: corpus.KindBody, Title: "Quotas",
			Text: "An inode stores the permissions, owner and timestamps of a file."},
		{ID: "time", Document: "d", Kind: corpus.KindBody, Title: "Clocks",
			Text: "The system keeps the time of day; a stamp collector keeps stamps."},
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
		res, err := eng.Search(context.Background(), Request{Query: tc.query, NoHighlight: true, Explain: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tc.want {
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			t.Errorf("%s: hits %v, want %s first", tc.query, got, tc.want)
		}
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
		res, err := eng.Search(context.Background(), Request{Query: tc.query, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		var hits []string
		for _, h := range res.Hits {
			if !h.Partial {
				hits = append(hits, h.ID)
			}
		}
		if !slices.Contains(hits, tc.hit) {
			t.Errorf("%s: hits %v, want %s among them", tc.query, hits, tc.hit)
		}
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
		res, err := eng.Search(context.Background(), Request{Query: tc.query, NoHighlight: true})
		if err != nil {
			t.Fatal(err)
		}
		var hits []string
		for _, h := range res.Hits {
			if !h.Partial {
				hits = append(hits, h.ID)
			}
		}
		if !slices.Contains(hits, tc.hit) {
			t.Errorf("%s: hits %v, want %s among them", tc.query, hits, tc.hit)
		}
		if slices.Contains(hits, tc.not) {
			t.Errorf("%s: hits %v, want no %s", tc.query, hits, tc.not)
		}
	}
}
