package search

import (
	"slices"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestAttestedCompounds: an English phrase whose words the glossary
// translates only into compounds the index never writes (intrusion:
// 御邪魔) is also composed of the Japanese words whose EDICT glosses hold
// each word (侵入, its fifth gloss), and those compounds the index has are
// searched (侵入検知; ファイルシステム階層). A compound the index does not
// have is not (侵入検出), nor a part of one character or with kana
// endings.
func TestAttestedCompounds(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("ids", "ネットワークの侵入検知にはsuricataを使う。"),
		bodyPassage("fhs", "Linux のファイルシステム階層標準に従ってファイルを置く。"),
		bodyPassage("words", "侵入した者は検出されなかった。"),
		bodyPassage("other", "The detection of errors in the file system is slow."),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, want, first string
		not                string
	}{
		{"intrusion detection", "侵入検知", "ids", "侵入検出"},
		{"file system hierarchy", "ファイルシステム階層", "fhs", ""},
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		got := equivalentsOf(res, func(x Expansion) bool { return x.Source == SourceComposed })
		if !slices.Contains(got, tc.want) || tc.not != "" && slices.Contains(got, tc.not) {
			t.Errorf("%s: composed %q, want %s and not %q", tc.query, got, tc.want, tc.not)
		}
		checkFirst(t, tc.query, ids, tc.first)
	}
	for _, tc := range []struct {
		form string
		want bool
	}{
		{"侵入", true}, {"ファイルシステム", true}, {"者", false}, {"多く", false}, {"行い", false}, {"ソフトウェア基盤", false},
	} {
		if got := compoundPart(tc.form); got != tc.want {
			t.Errorf("compoundPart(%s) = %v, want %v", tc.form, got, tc.want)
		}
	}
}

// TestHyphenatedInitials: a Japanese compound composed into an English
// phrase with a hyphenated word (長期サポート: long-term support) is also
// searched as the acronym of all the words' initials (LTS) when a passage
// has the acronym with the phrase's words, the hyphenated word counting
// as one word there.
func TestHyphenatedInitials(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("def", "Debian LTS is the long-term support of a release after its end of life."),
		bodyPassage("lts", "Falcot は Debian LTS の契約に加入した。"),
		bodyPassage("stay", "LTS のチームに連絡した。Their stay in Paris was short."),
		bodyPassage("other", "安定版のサポート期間は3年である。"),
	}, indexer.Options{}, Options{})
	res, _ := searchIDs(t, eng, Request{Query: "長期サポート"}, false)
	if got := equivalentsOf(res, func(x Expansion) bool { return true }); !slices.Contains(got, "LTS") {
		t.Errorf("長期サポート: expanded to %q, want LTS", got)
	}
	if got := eng.phraseAcronyms(englishPhrase{form: "long-term stay", composed: true, confidence: 1}, true); len(got) > 0 {
		t.Errorf("long-term stay: acronyms %q, want none", got)
	}
}

// TestComposedLongForms: an acronym whose forms in another script the
// index never writes (DPL, mined with its English long form only) is also
// searched as the compositions of its long form that the index has, a
// name the lexicons only spell in katakana staying in Latin letters
// (Debianプロジェクトリーダー).
func TestComposedLongForms(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("def", "The Debian Project leader's (DPL) role is not formally defined by any document."),
		bodyPassage("ja", "最初のDebianプロジェクトリーダーを務めた。"),
		bodyPassage("other", "Debianのパッケージを作る。The System is stable."),
	}, indexer.Options{}, Options{})
	res, ids := searchIDs(t, eng, Request{Query: "DPL"}, false)
	if got := equivalentsOf(res, func(x Expansion) bool { return true }); !slices.Contains(got, "Debianプロジェクトリーダー") {
		t.Errorf("DPL: expanded to %q, want Debianプロジェクトリーダー", got)
	}
	if !slices.Contains(ids, "ja") {
		t.Errorf("DPL: hits %v, want ja among them", ids)
	}
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"Debian", true}, {"System", false}, {"debian", false}, {"Modules", false}, {"Xyzzyq", false},
	} {
		if got := eng.nameAsWritten(tc.word) != nil; got != tc.want {
			t.Errorf("nameAsWritten(%s) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

// TestComposedTitles: the compounds composed of an English phrase are
// matched in titles too, and a compound a title has (whose words are no
// body words) is attested: a section may write it in its title only
// (侵入検知 (IDS/NIDS)).
func TestComposedTitles(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		titledPassage("ids", "侵入検知 (IDS/NIDS)", "suricataはネットワークを監視します。"),
		bodyPassage("words", "The intrusion was found by the detection of errors."),
		bodyPassage("other", "侵入者は検出されなかった。"),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct{ query, want, first string }{
		{"intrusion detection", "侵入検知", "ids"},
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		if got := equivalentsOf(res, func(x Expansion) bool { return x.Source == SourceComposed }); !slices.Contains(got, tc.want) {
			t.Errorf("%s: composed %q, want %s", tc.query, got, tc.want)
		}
		if !slices.Contains(ids, tc.first) {
			t.Errorf("%s: hits %v, want %s among them", tc.query, ids, tc.first)
		}
	}
}
