package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestTranslitJoined: a name of two or three words, or a compound of two
// or three lowercase words, is searched as the katakana word of the index
// that spells it whole (ラリー・ペイジ, one term ラリーペイジ;
// ポイントリリース); below minTranslitConfidence only when the index
// cannot have it as written (a word it lacks, or no passage with all its
// words), the best word stands out and its parts spell each word
// (spellsEachWord). A lowercase word the index lacks is cut into two
// words with katakana equivalents whose join the index has (kiloliter:
// キロ, litre: リットル, キロリットル).
func TestTranslitJoined(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("page", "ラリー・ペイジは検索エンジンの会社を創業した。"),
		bodyPassage("perl", "Larry Wall wrote Perl."),
		bodyPassage("manual", "See the manual page of the command."),
		bodyPassage("release", "安定版のポイントリリースが公開された。"),
		bodyPassage("oil", "原油の生産量は年間で63万キロリットルである。"),
		bodyPassage("seq", "塩基のシーケンスを読む。"),
		bodyPassage("other", "国内の消費量は減っている。"),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct {
		query, katakana, want string
	}{
		{"Larry Page", "ラリーペイジ", "page"},
		{"point release", "ポイントリリース", "release"},
		{"kiloliter", "キロリットル", "oil"},
		{"Seeing Sequence", "", ""},   // シーケンス spells one word
		{"Larry page", "", ""},        // neither a name nor a compound
		{"release of point", "", ""},  // a function word
		{"manual page", "", "manual"}, // written in the index
	} {
		res, ids := searchIDs(t, eng, Request{Query: tc.query}, false)
		got := equivalentsOf(res, func(x Expansion) bool {
			return x.Source == "translit" || x.Source == SourceComposed && !strings.Contains(tc.query, " ")
		})
		if tc.katakana == "" && len(got) > 0 || tc.katakana != "" && !slices.Contains(got, tc.katakana) {
			t.Errorf("%s: transliterated %q, want %q", tc.query, got, tc.katakana)
		}
		if tc.want != "" {
			checkFirst(t, tc.query, ids, tc.want)
		}
	}
}

// TestJoinedName: a name of two words is searched as the one katakana
// word of the index that joins a katakana form of each word from the
// phrasebook or the glossary (Paul: ポール, Dukas: デュカス; ポール・
// デュカス, the index's ポールデュカス).
func TestJoinedName(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("dukas", "パリ音楽院でポール・デュカスに作曲を学んだ。"),
		bodyPassage("paul", "ポールは港町に住んでいた。"),
	}, indexer.Options{}, Options{})
	res, ids := searchIDs(t, eng, Request{Query: "Paul Dukas"}, false)
	if !slices.ContainsFunc(res.Expansions, func(x Expansion) bool {
		return x.Source == SourceComposed && slices.Contains(x.Equivalents, "ポールデュカス")
	}) {
		t.Errorf("Paul Dukas: no composed ポールデュカス in %+v", res.Expansions)
	}
	checkFirst(t, "Paul Dukas", ids, "dukas")
}

// TestTranslitJoinedOutweighsWords: a compound the index has as one
// katakana word (タイムサーバ) names the
// chunk whole, so the passage with it ranks above passages that have
// only its English words apart, as a known term's passage does.
func TestTranslitJoinedOutweighsWords(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		bodyPassage("ntp", "時計はタイムサーバと同期します。"),
		bodyPassage("words1", "The server spends most of its time waiting for the disk."),
		bodyPassage("words2", "Each time the server restarts, the time of the clients is reset."),
		bodyPassage("words3", "At boot time the mail server reads its configuration; the server logs the time."),
		bodyPassage("other", "The kernel schedules processes."),
	}, indexer.Options{}, Options{})
	res, ids := searchIDs(t, eng, Request{Query: "time server"}, false)
	if got := equivalentsOf(res, func(x Expansion) bool { return x.Source == "translit" }); !slices.Contains(got, "タイムサーバ") {
		t.Fatalf("time server: transliterated %q, want タイムサーバ", got)
	}
	checkFirst(t, "time server", ids, "ntp")
}
