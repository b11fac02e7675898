package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// TestInterleaveForms checks the scores interleaveForms hands out again:
// the passages with only another form take every other place (2nd, 4th,
// …) and any place their scores earn before, the scores still decrease
// in the new order, and passages of one list with equal scores keep
// equal scores.
func TestInterleaveForms(t *testing.T) {
	for _, tt := range []struct {
		name   string
		scores []float64 // of docs 0, 1, …
		other  []int     // the docs with another form only, in the typed script
		script []int     // and in another script
		want   []float64 // their new scores
	}{
		{"other forms below every literal one take the even places",
			[]float64{9, 8, 7, 6, 5, 2, 1}, []int{5, 6}, nil, []float64{9, 7, 5, 2, 1, 8, 6}},
		{"an other form scoring higher keeps its place",
			[]float64{9, 8.5, 7, 6, 1}, []int{1, 4}, nil, []float64{9, 8.5, 7, 1, 6}},
		{"no other form: the scores as they were",
			[]float64{3, 2, 1}, nil, nil, []float64{3, 2, 1}},
		{"only other forms: the scores as they were",
			[]float64{1, 3, 2}, []int{0, 1, 2}, nil, []float64{1, 3, 2}},
		{"more other forms than literal ones: the rest follow",
			[]float64{9, 3, 2, 1}, []int{1, 2, 3}, nil, []float64{9, 3, 2, 1}},
		{"equal scores move together",
			[]float64{5, 5, 4, 1}, []int{3}, nil, []float64{5, 5, 1, 4}},
		{"a tie takes the score of its first place",
			[]float64{9, 5, 5, 1}, []int{3}, nil, []float64{9, 5, 5, 5}},
		{"the places owed go to another script first",
			[]float64{9, 8, 7, 6, 5, 2, 1}, []int{5}, []int{6}, []float64{9, 7, 5, 2, 1, 6, 8}},
		{"another script is owed every other place even when other forms of the typed script fill the rest",
			[]float64{9, 8, 7, 6, 5, 1}, []int{0, 1, 2}, []int{5}, []float64{9, 7, 6, 5, 1, 8}},
		{"a passage in the typed script takes a place its score earns",
			[]float64{9, 8.5, 7, 6, 1}, []int{1}, []int{4}, []float64{9, 7, 6, 1, 8.5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hits := make([]synonymHit, len(tt.scores))
			for i, s := range tt.scores {
				hits[i] = synonymHit{doc: uint64(i), score: s}
			}
			var other []otherForm
			for _, i := range tt.other {
				other = append(other, otherForm{hit: i, kind: formOther})
			}
			for _, i := range tt.script {
				other = append(other, otherForm{hit: i, kind: formScript})
			}
			interleaveForms(hits, other, "term")
			got := make([]float64, len(hits))
			for i, h := range hits {
				got[i] = h.score
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("scores %v, want %v", got, tt.want)
			}
		})
	}
}

// TestExplainInterleave checks that a one-term query's explanations show
// what each passage gained or lost by its place (the feature
// interleave, the one feature that may be below 0) and still add up to
// its score, and that an explaining search ranks as one that does not.
func TestExplainInterleave(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit1", Kind: corpus.KindBody, Text: "移行の手順。移行の前にバックアップを取る。"},
		{ID: "lit2", Kind: corpus.KindBody, Text: "新しい版への移行は計画どおり進んだ。"},
		{ID: "lit3", Kind: corpus.KindBody, Text: "システムの移行には時間がかかる。移行作業は夜間に行う。"},
		{ID: "lit4", Kind: corpus.KindBody, Text: "移行、移行、そして移行。"},
		{ID: "lit5", Kind: corpus.KindBody, Text: "移行の計画と移行の結果。"},
		{ID: "en", Kind: corpus.KindBody, Text: "The migration of the archive to the new server took a week, as the old one was slow and the disks were full."},
	}
	ps = append(ps, chapterPassages(40, "")...) // passages on other things, so that 移行 is a rare word
	g := []glossary.Entry{{English: []string{"migration"}, Japanese: []string{"移行"}, Source: "user:test", Confidence: 0.3}}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	ctx := context.Background()
	plain, err := eng.Search(ctx, Request{Query: "移行", NoHighlight: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Search(ctx, Request{Query: "移行", NoHighlight: true, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 6 || len(plain.Hits) != len(res.Hits) || res.Hits[1].ID != "en" {
		t.Fatalf("hits %v, want the English passage 2nd", shortIDs(res))
	}
	if interleaved := checkExplainedAsPlain(t, res, plain); interleaved == 0 {
		t.Errorf("no explanation shows the interleaving: %v", res.Hits)
	}
}

// TestInterleaveTitleForm: a passage whose title has another form of a
// one-term query, and whose text has none, takes the places owed to the
// other forms (2nd, 4th), as one with the form in its text does.
func TestInterleaveTitleForm(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit1", Kind: corpus.KindBody, Title: "手順", Text: "移行の手順。移行の前にバックアップを取る。"},
		{ID: "lit2", Kind: corpus.KindBody, Title: "計画", Text: "新しい版への移行は計画どおり進んだ。"},
		{ID: "lit3", Kind: corpus.KindBody, Title: "作業", Text: "システムの移行には時間がかかる。移行作業は夜間に行う。"},
		{ID: "lit4", Kind: corpus.KindBody, Title: "結果", Text: "移行の計画と移行の結果。"},
		{ID: "en", Kind: corpus.KindBody, Title: "Archive", Text: "The migration of the archive to the new server took a week."},
		{ID: "titled", Kind: corpus.KindBody, Title: "Migration", Text: "古いサーバのアーカイブを新しいサーバへ移す作業には一週間かかった。"},
	}
	ps = append(ps, chapterPassages(40, "設定")...) // passages on other things, so that 移行 is a rare word
	g := []glossary.Entry{{English: []string{"migration"}, Japanese: []string{"移行"}, Source: "user:test", Confidence: 0.3}}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	res, err := eng.Search(context.Background(), Request{Query: "移行", NoHighlight: true, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 4 || res.Hits[1].ID != "en" || res.Hits[3].ID != "titled" || res.Hits[3].Partial {
		t.Fatalf("hits %q, want the English passage 2nd and the one titled Migration 4th, a hit", explainedHits(res))
	}
	if ex := res.Hits[3].Explanation.String(); !strings.Contains(ex, "interleave") {
		t.Errorf("titled: explanation %s shows no interleaving", ex)
	}
}

// TestInterleaveTypedTitle: a passage whose title has the typed term and
// whose text has only another form ranks among the typed form's passages,
// so that a passage with the other form alone takes the place owed to
// other forms.
func TestInterleaveTypedTitle(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit1", Kind: corpus.KindBody, Title: "手順", Text: "移行の手順。移行の前にバックアップを取る。"},
		{ID: "lit2", Kind: corpus.KindBody, Title: "計画", Text: "新しい版への移行は計画どおり進んだ。"},
		{ID: "tt", Kind: corpus.KindBody, Title: "移行", Text: "The migration of the mail server took a day."},
		{ID: "en", Kind: corpus.KindBody, Title: "Archive", Text: "The migration of the archive to the new server took a week, as the old disks were full."},
	}
	ps = append(ps, chapterPassages(40, "設定")...)
	g := []glossary.Entry{{English: []string{"migration"}, Japanese: []string{"移行"}, Source: "user:test", Confidence: 0.3}}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	if _, ids := searchIDs(t, eng, Request{Query: "移行", NoHighlight: true}, false); len(ids) < 4 || ids[1] != "en" {
		t.Errorf("hits %v, want en 2nd (tt is titled with the typed term)", ids)
	}
}

// TestInterleavePhrase: a query of several words whose whole text has an
// equivalent (the acronym of its initials) interleaves as a one-term
// query does: the passages with only the equivalent take every other
// place, above passages with the words, and an explaining search shows it
// and ranks alike.
func TestInterleavePhrase(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit1", Kind: corpus.KindBody, Text: "The Fully Automatic Installer installs many machines. The Fully Automatic Installer reads a profile."},
		{ID: "lit2", Kind: corpus.KindBody, Text: "Fully Automatic Installer is the oldest deployment system for Debian."},
		{ID: "lit3", Kind: corpus.KindBody, Text: "A Fully Automatic Installer server boots clients over the network, and the installer is fully automatic."},
		{ID: "acr", Kind: corpus.KindBody, Text: "FAIの設定はクラスごとに分けて書く。FAIはネットワークから起動したマシンに設定を配る。そのためにDHCPとTFTPのサーバを用意する。"},
	}
	ps = append(ps, chapterPassages(40, "")...)
	eng := memoryEngine(t, ps, indexer.Options{}, Options{})
	ctx := context.Background()
	plain, err := eng.Search(ctx, Request{Query: "Fully Automatic Installer", NoHighlight: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Search(ctx, Request{Query: "Fully Automatic Installer", NoHighlight: true, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 4 || res.Hits[1].ID != "acr" {
		t.Fatalf("hits %q, want acr 2nd (expansions %+v)", explainedHits(res), res.Expansions)
	}
	if !strings.Contains(res.Hits[1].Explanation.String(), "interleave") {
		t.Errorf("acr: explanation %s shows no interleaving", res.Hits[1].Explanation)
	}
	checkExplainedAsPlain(t, res, plain)
}

// TestWholeChunkTitles: an equivalent of a whole chunk of several words
// (the acronym of its initials) finds a passage that has it only in its
// title, as the equivalents of a one-term query do.
func TestWholeChunkTitles(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit", Kind: corpus.KindBody, Title: "Install", Text: "Fully Automatic Installer is the oldest deployment system for Debian."},
		{ID: "acr", Kind: corpus.KindBody, Title: "設定", Text: "FAIの設定はクラスごとに分けて書く。"},
		{ID: "titled", Kind: corpus.KindBody, Title: "FAI", Text: "クラスごとのプロファイルをサーバに置く。"},
	}
	ps = append(ps, chapterPassages(20, "設定")...)
	eng := memoryEngine(t, ps, indexer.Options{}, Options{})
	res, hits := searchIDs(t, eng, Request{Query: "Fully Automatic Installer", NoHighlight: true}, true)
	if !slices.Contains(hits, "titled") {
		t.Errorf("hits %v, want titled among them (expansions %+v)", hits, res.Expansions)
	}
}

// TestInterleavePhraseWholeFirst: of the passages a query of several
// words interleaves, those with an equivalent of the whole query
// (タイムサーバ for time server) take the places owed before those that
// are hits by an equivalent of one of its words (time and サーバー).
func TestInterleavePhraseWholeFirst(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "lit1", Kind: corpus.KindBody, Text: "The time server answers every client. A time server keeps the clock."},
		{ID: "lit2", Kind: corpus.KindBody, Text: "Each time server is reached over the network."},
		{ID: "part1", Kind: corpus.KindBody, Text: "The time it took to restart the サーバー was long, and the time was wasted."},
		{ID: "part2", Kind: corpus.KindBody, Text: "At that time the サーバー was down for a time."},
		{ID: "whole", Kind: corpus.KindBody, Text: "NTPのタイムサーバを設定しておくと、各マシンの時計がずれない。"},
	}
	ps = append(ps, chapterPassages(20, "")...)
	g := []glossary.Entry{
		{English: []string{"server"}, Japanese: []string{"サーバー"}, Source: "user:test", Confidence: 0.9},
	}
	eng := memoryEngine(t, ps, indexer.Options{}, Options{Glossary: g})
	res, ids := searchIDs(t, eng, Request{Query: "time server", NoHighlight: true}, false)
	if len(ids) < 3 || ids[1] != "whole" {
		t.Errorf("hits %v, want whole 2nd (expansions %+v)", ids, res.Expansions)
	}
}

// TestInterleaveDate: a year typed in one calendar interleaves the
// passages that write it only in the other.
func TestInterleaveDate(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "w1", Kind: corpus.KindBody, Text: "2016年に新しい駅が開業した。2016年の利用者は多かった。"},
		{ID: "w2", Kind: corpus.KindBody, Text: "この橋は2016年に完成した。"},
		{ID: "w3", Kind: corpus.KindBody, Text: "2016年の夏は暑かった。2016年の秋は短かった。2016年は忙しかった。"},
		{ID: "era", Kind: corpus.KindBody, Text: "市役所の新庁舎は平成28年に建て替えられ、旧庁舎の跡地は公園として整備されることになったが、その計画は住民の意見を聞きながら何度も見直された。"},
	}
	ps = append(ps, chapterPassages(20, "")...)
	eng := memoryEngine(t, ps, indexer.Options{}, Options{})
	_, ids := searchIDs(t, eng, Request{Query: "2016年", NoHighlight: true}, false)
	if len(ids) < 4 || ids[1] != "era" {
		t.Errorf("hits %v, want era 2nd", ids)
	}
}

// chapterPassages returns n passages on other things (f0, f1, …, titled
// title), so that the words of a test's own passages are rare.
func chapterPassages(n int, title string) []corpus.Passage {
	ps := make([]corpus.Passage, n)
	for i := range ps {
		ps[i] = corpus.Passage{ID: fmt.Sprintf("f%d", i), Kind: corpus.KindBody, Title: title, Text: fmt.Sprintf("第%d章では設定ファイルの書き方を説明する。", i)}
	}
	return ps
}

// explainedHits returns the id and explanation of each hit of res, for a
// failure's message.
func explainedHits(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID+" "+h.Explanation.String())
	}
	return out
}

// checkExplainedAsPlain checks that res, an explaining search, ranks and
// scores its hits as plain, the same search not explaining, does, and
// that each hit's features add up to its score. It returns how many of
// the features are interleave.
func checkExplainedAsPlain(t *testing.T, res, plain *Result) int {
	t.Helper()
	interleaved := 0
	for i, h := range res.Hits {
		if h.ID != plain.Hits[i].ID || h.Score != plain.Hits[i].Score {
			t.Errorf("hit %d is %s %g explained, %s %g not", i, h.ID, h.Score, plain.Hits[i].ID, plain.Hits[i].Score)
		}
		var sum float64
		for _, f := range h.Explanation.Features {
			sum += f.Score
			if f.Feature == "interleave" {
				interleaved++
			}
		}
		if got := sum * h.Explanation.KindFactor; math.Abs(got-h.Score) > 1e-6*h.Score {
			t.Errorf("%s: features add up to %g, score %g (%s)", h.ID, got, h.Score, h.Explanation)
		}
	}
	return interleaved
}
