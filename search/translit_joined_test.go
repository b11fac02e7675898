package search

import (
	"context"
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
	body := func(id, text string) corpus.Passage {
		return corpus.Passage{ID: id, Document: "d", Kind: corpus.KindBody, Text: text}
	}
	eng := memoryEngine(t, []corpus.Passage{
		body("page", "ラリー・ペイジは検索エンジンの会社を創業した。"),
		body("perl", "Larry Wall wrote Perl."),
		body("manual", "See the manual page of the command."),
		body("release", "安定版のポイントリリースが公開された。"),
		body("oil", "原油の生産量は年間で63万キロリットルである。"),
		body("seq", "塩基のシーケンスを読む。"),
		body("other", "国内の消費量は減っている。"),
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
		res, err := eng.Search(context.Background(), Request{Query: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range res.Expansions {
			if x.Source == "translit" || x.Source == SourceComposed && !strings.Contains(tc.query, " ") {
				got = append(got, x.Equivalents...)
			}
		}
		if tc.katakana == "" && len(got) > 0 || tc.katakana != "" && !slices.Contains(got, tc.katakana) {
			t.Errorf("%s: transliterated %q, want %q", tc.query, got, tc.katakana)
		}
		if tc.want != "" && (len(res.Hits) == 0 || res.Hits[0].ID != tc.want) {
			t.Errorf("%s: hits %+v, want %s first", tc.query, res.Hits, tc.want)
		}
	}
}

// TestJoinedName: a name of two words is searched as the one katakana
// word of the index that joins a katakana form of each word from the
// phrasebook or the glossary (Paul: ポール, Dukas: デュカス; ポール・
// デュカス, the index's ポールデュカス).
func TestJoinedName(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		{ID: "dukas", Document: "d", Kind: corpus.KindBody, Text: "パリ音楽院でポール・デュカスに作曲を学んだ。"},
		{ID: "paul", Document: "d", Kind: corpus.KindBody, Text: "ポールは港町に住んでいた。"},
	}, indexer.Options{}, Options{})
	res, err := eng.Search(context.Background(), Request{Query: "Paul Dukas"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Expansions, func(x Expansion) bool {
		return x.Source == SourceComposed && slices.Contains(x.Equivalents, "ポールデュカス")
	}) {
		t.Errorf("Paul Dukas: no composed ポールデュカス in %+v", res.Expansions)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "dukas" {
		t.Errorf("Paul Dukas: hits %+v, want dukas first", res.Hits)
	}
}
