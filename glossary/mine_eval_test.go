package glossary

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/textnorm"
)

// The mining evaluation set: candidates.jsonl holds sentences of real text
// (JSQuAD and Debian's Japanese documentation) chosen by
// testdata/mining/extract, labels.tsv what a reader finds defined in each.
// See testdata/mining/README.md.
var miningDir = filepath.Join("testdata", "mining")

// labelledCase is one sentence and the entries it defines.
type labelledCase struct {
	ID, Source, Text string
	Want             []Entry
}

// readMiningSet joins a candidates file (candidates.jsonl) with its labels
// (labels.tsv); every candidate must be labelled and every label must name
// a candidate.
func readMiningSet(t testing.TB, candidates, labelFile string) []labelledCase {
	t.Helper()
	labels := map[string][]Entry{}
	f, err := os.Open(filepath.Join(miningDir, labelFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, spec, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: no tab", labelFile, n)
		}
		if _, dup := labels[id]; dup {
			t.Fatalf("%s:%d: %s labelled twice", labelFile, n, id)
		}
		labels[id] = nil
		if spec == "-" {
			continue
		}
		for _, es := range strings.Split(spec, " ;; ") {
			fields := strings.Split(es, "|")
			if len(fields) != 3 {
				t.Fatalf("%s:%d: entry %q is not ACRONYM|ENGLISH|JAPANESE", labelFile, n, es)
			}
			e := Entry{Acronym: fields[0], English: splitLabelForms(fields[1]), Japanese: splitLabelForms(fields[2])}
			if len(e.Forms()) < 2 {
				t.Fatalf("%s:%d: entry %q has fewer than two forms", labelFile, n, es)
			}
			labels[id] = append(labels[id], e)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}

	cf, err := os.Open(filepath.Join(miningDir, candidates))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	var out []labelledCase
	seen := map[string]bool{}
	sc = bufio.NewScanner(cf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c labelledCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", candidates, err)
		}
		want, ok := labels[c.ID]
		if !ok {
			t.Fatalf("candidate %s is not labelled", c.ID)
		}
		c.Want = want
		seen[c.ID] = true
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for id := range labels {
		if !seen[id] {
			t.Fatalf("label %s names no candidate", id)
		}
	}
	return out
}

func splitLabelForms(s string) []string {
	var out []string
	for _, f := range strings.Split(s, " // ") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Definition styles, by the forms an entry relates.
const (
	styleJaAcronym   = "japanese+acronym"         // 国際協力機構（JICA）, SSA（宇宙状況監視）
	styleEnAcronym   = "english+acronym"          // Space Situational Awareness (SSA)
	styleAll         = "japanese+english+acronym" // 宇宙状況監視（SSA: Space Situational Awareness）
	styleKatakanaEn  = "katakana+english"         // スターリンク（Starlink）
	styleOtherJaEn   = "kanji+english"            // 緩衝地帯 (Buffer zone), 安定版 (stable)
	styleJapaneseAll = "japanese+japanese"        // 東日本旅客鉄道（JR東日本）
)

// supportedStyles must reach minPrecision at minRecall on the set.
var supportedStyles = []string{styleJaAcronym, styleEnAcronym, styleAll, styleKatakanaEn, styleOtherJaEn}

const (
	minPrecision = 0.97
	minRecall    = 0.8
)

func entryStyle(e Entry) string {
	switch {
	case e.Acronym != "" && len(e.English) > 0 && len(e.Japanese) > 0:
		return styleAll
	case e.Acronym != "" && len(e.English) > 0:
		return styleEnAcronym
	case e.Acronym != "":
		return styleJaAcronym
	case len(e.English) > 0 && len(e.Japanese) > 0 && isKatakanaTerm(e.Japanese[0]):
		return styleKatakanaEn
	case len(e.English) > 0:
		return styleOtherJaEn
	}
	return styleJapaneseAll
}

// isKatakanaTerm reports whether s is written in katakana (with ・, ー and
// spaces).
func isKatakanaTerm(s string) bool {
	for _, r := range s {
		if !textnorm.IsKatakanaLetter(r) && r != textnorm.LongVowel && r != textnorm.MiddleDot && r != ' ' {
			return false
		}
	}
	return s != ""
}

// correctFor returns the index of the wanted entry that got agrees with:
// the same acronym (or none on both sides) and only long forms the label
// gives. It returns -1 when there is none.
func correctFor(got Entry, want []Entry) int {
	for i, w := range want {
		if Normalize(got.Acronym) != Normalize(w.Acronym) {
			continue
		}
		ok := true
		for _, f := range append(slices.Clone(got.English), got.Japanese...) {
			if !containsNorm(append(slices.Clone(w.English), w.Japanese...), f) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// complete reports whether got has a form of every kind that w has.
func complete(got, w Entry) bool {
	return (w.Acronym == "" || got.Acronym != "") && (len(w.English) == 0 || len(got.English) > 0) &&
		(len(w.Japanese) == 0 || len(got.Japanese) > 0)
}

// styleScore counts one style's entries.
type styleScore struct {
	mined, correct    int // entries Mine returned in the style, and the correct ones
	wanted, recovered int // labelled entries in the style, and those Mine found whole
}

func (s styleScore) precision() float64 {
	if s.mined == 0 {
		return 1
	}
	return float64(s.correct) / float64(s.mined)
}

func (s styleScore) recall() float64 {
	if s.wanted == 0 {
		return 1
	}
	return float64(s.recovered) / float64(s.wanted)
}

func formatEntry(e Entry) string {
	return e.Acronym + "|" + strings.Join(e.English, " // ") + "|" + strings.Join(e.Japanese, " // ")
}

// scoreMining mines every case and returns the scores by style and a
// report: the scores, then each wrong and each missed entry.
func scoreMining(name string, cases []labelledCase) (map[string]*styleScore, string) {
	scores := map[string]*styleScore{}
	score := func(style string) *styleScore {
		if scores[style] == nil {
			scores[style] = &styleScore{}
		}
		return scores[style]
	}
	var wrong, missed strings.Builder
	for _, c := range cases {
		found := make([]bool, len(c.Want))
		for _, e := range Mine(c.ID, c.Text) {
			s := score(entryStyle(e))
			s.mined++
			i := correctFor(e, c.Want)
			if i < 0 {
				fmt.Fprintf(&wrong, "wrong\t%s\t%s\t%s\n", entryStyle(e), c.ID, formatEntry(e))
				continue
			}
			s.correct++
			if complete(e, c.Want[i]) {
				found[i] = true
			}
		}
		for i, w := range c.Want {
			s := score(entryStyle(w))
			s.wanted++
			if found[i] {
				s.recovered++
			} else {
				fmt.Fprintf(&missed, "missed\t%s\t%s\t%s\n", entryStyle(w), c.ID, formatEntry(w))
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Mine on testdata/mining/%s (%d sentences): go test ./glossary -run TestMineEval [-update]\n", name, len(cases))
	fmt.Fprintf(&b, "# style\tmined\tcorrect\tprecision\tlabelled\tfound\trecall\n")
	styles := []string{styleJaAcronym, styleEnAcronym, styleAll, styleKatakanaEn, styleOtherJaEn, styleJapaneseAll}
	var total styleScore
	for _, st := range styles {
		s := score(st)
		fmt.Fprintf(&b, "%s\t%d\t%d\t%.3f\t%d\t%d\t%.3f\n", st, s.mined, s.correct, s.precision(), s.wanted, s.recovered, s.recall())
		total.mined += s.mined
		total.correct += s.correct
		total.wanted += s.wanted
		total.recovered += s.recovered
	}
	fmt.Fprintf(&b, "all\t%d\t%d\t%.3f\t%d\t%d\t%.3f\n", total.mined, total.correct, total.precision(), total.wanted, total.recovered, total.recall())
	var sup styleScore
	for _, st := range supportedStyles {
		s := score(st)
		sup.mined += s.mined
		sup.correct += s.correct
		sup.wanted += s.wanted
		sup.recovered += s.recovered
	}
	fmt.Fprintf(&b, "supported\t%d\t%d\t%.3f\t%d\t%d\t%.3f\n", sup.mined, sup.correct, sup.precision(), sup.wanted, sup.recovered, sup.recall())
	b.WriteString(wrong.String())
	b.WriteString(missed.String())
	return scores, b.String()
}

// TestMineEval measures Mine's precision and recall on the labelled set by
// definition style, compares the report with a golden file and fails when a
// supported style falls below minPrecision or minRecall. The held-out
// sample, labelled after the rules were written and too small for
// thresholds, is only reported (heldout_scores.golden), and so are the
// blind samples, labelled before Mine was first run on them
// (blind_scores.golden, blind2_scores.golden, blind3_scores.golden,
// blind4_scores.golden, blind5_scores.golden, blind6_scores.golden,
// blind7_scores.golden, blind8_scores.golden, blind9_scores.golden).
func TestMineEval(t *testing.T) {
	scores, report := scoreMining("candidates.jsonl", readMiningSet(t, "candidates.jsonl", "labels.tsv"))
	checkGolden(t, filepath.Join(miningDir, "scores.golden"), report)
	for _, st := range supportedStyles {
		s := scores[st]
		if s == nil {
			t.Errorf("%s: no entries labelled or mined", st)
			continue
		}
		if s.precision() < minPrecision || s.recall() < minRecall {
			t.Errorf("%s: precision %.3f (%d/%d), recall %.3f (%d/%d); want at least %.2f and %.2f",
				st, s.precision(), s.correct, s.mined, s.recall(), s.recovered, s.wanted, minPrecision, minRecall)
		}
	}
	// The held-out and blind samples are only reported.
	for _, set := range []string{"heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9"} {
		_, report := scoreMining(set+".jsonl", readMiningSet(t, set+".jsonl", set+"_labels.tsv"))
		checkGolden(t, filepath.Join(miningDir, set+"_scores.golden"), report)
	}
}

// checkGolden compares got with the golden file, rewriting it first under
// -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

// BenchmarkMineSet measures mining the evaluation set's sentences, one at
// a time: text denser in parentheses than a typical passage.
func BenchmarkMineSet(b *testing.B) {
	cases := readMiningSet(b, "candidates.jsonl", "labels.tsv")
	size := 0
	for _, c := range cases {
		size += len(c.Text)
	}
	Mine("warm", "宇宙状況監視（SSA）")
	b.ReportAllocs()
	b.ReportMetric(float64(size), "input-bytes/op")
	for b.Loop() {
		for _, c := range cases {
			Mine(c.ID, c.Text)
		}
	}
}
