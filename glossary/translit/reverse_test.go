package translit

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMatchKatakanaScores checks that the reverse pass scores a pair as
// Score does, and finds the English word among others.
func TestMatchKatakanaScores(t *testing.T) {
	m := loadDefault(t)
	words := []string{"starlink", "stalin", "star", "link", "sentinel", "sentimental", "tomahawk", "tomato", "journal", "gateway", "Mozilla"}
	v := m.NewEnglishVocabulary(words)
	for _, tc := range []struct{ katakana, want string }{
		{"スターリンク", "starlink"},
		{"センチネル", "sentinel"},
		{"トマホーク", "tomahawk"},
		{"ジャーナル", "journal"},
		{"ゲートウェイ", "gateway"},
		{"モジラ", "Mozilla"},
	} {
		all := v.MatchKatakana(tc.katakana, 0, 0)
		if len(all) == 0 || all[0].English != tc.want {
			t.Errorf("MatchKatakana(%s) = %+v, want %s first", tc.katakana, all, tc.want)
			continue
		}
		for _, c := range all {
			if want := m.Score(c.English, tc.katakana); math.Abs(c.LogProb-want) > 1e-6 {
				t.Errorf("MatchKatakana(%s): %s %.6f, Score %.6f", tc.katakana, c.English, c.LogProb, want)
			}
		}
		// A threshold leaves out only words below it.
		for _, c := range v.MatchKatakana(tc.katakana, 0, 0.7) {
			if c.Confidence < 0.7 {
				t.Errorf("MatchKatakana(%s, 0.7) returned %+v", tc.katakana, c)
			}
		}
	}
	if got := v.MatchKatakana("衛星", 0, 0); got != nil {
		t.Errorf("MatchKatakana(衛星) = %+v, want nil", got)
	}
}

// reverseStats ranks the English words of held-out katakana words among
// the held-out English words and up to 10,000 English words of the EDICT
// vocabulary (glossary/data/edict-words.tsv) that are not held out.
type reverseStats struct {
	Words, Vocabulary int
	Top1              float64
	// At confidence 0.5 and 0.7: precision and recall of the best word
	// when it reaches the threshold, and the share of katakana words for
	// which a wrong word reaches it when the right ones are left out
	// (false accepts when absent).
	Precision, Recall, FalseAccept [2]float64
}

func (s reverseStats) String() string {
	out := fmt.Sprintf("katakana words %d, English vocabulary %d\naccuracy@1 (best word at confidence 0.5 or above) %.3f\n", s.Words, s.Vocabulary, s.Top1)
	for i, c := range thresholds {
		out += fmt.Sprintf("confidence %.1f: precision %.3f recall %.3f false accept when absent %.3f\n",
			c, s.Precision[i], s.Recall[i], s.FalseAccept[i])
	}
	return out
}

// englishDistractors returns up to n English words of one word (letters
// only) from the EDICT vocabulary, in file order, that are not in skip.
func englishDistractors(t testing.TB, skip map[string][]string, n int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "data", "edict-words.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		e, _, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(e, "#") || len(e) < 3 || seen[e] || skip[e] != nil {
			continue
		}
		if strings.IndexFunc(e, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func evalReverse(m *Model, words []string, spellings map[string][]string, distractors []string) reverseStats {
	english := map[string][]string{} // katakana → its held-out English words
	var katakana []string
	for _, w := range words {
		for _, k := range spellings[w] {
			if english[k] == nil {
				katakana = append(katakana, k)
			}
			if !slices.Contains(english[k], w) {
				english[k] = append(english[k], w)
			}
		}
	}
	v := m.NewEnglishVocabulary(append(slices.Clone(words), distractors...))
	var top1 int
	var accepted, right, falseAccept [2]int
	for _, k := range katakana {
		c := v.MatchKatakana(k, 0, thresholds[0])
		ok := len(c) > 0 && slices.Contains(english[k], c[0].English)
		if ok {
			top1++
		}
		var wrong *EnglishCandidate // the best word that is not right
		for i := range c {
			if !slices.Contains(english[k], c[i].English) {
				wrong = &c[i]
				break
			}
		}
		for i, th := range thresholds {
			if len(c) > 0 && c[0].Confidence >= th {
				accepted[i]++
				if ok {
					right[i]++
				}
			}
			if wrong != nil && wrong.Confidence >= th {
				falseAccept[i]++
			}
		}
	}
	nk := float64(len(katakana))
	st := reverseStats{Words: len(katakana), Vocabulary: v.Len(), Top1: float64(top1) / nk}
	for i := range thresholds {
		st.Precision[i] = float64(right[i]) / float64(max(accepted[i], 1))
		st.Recall[i] = float64(right[i]) / nk
		st.FalseAccept[i] = float64(falseAccept[i]) / nk
	}
	return st
}

// TestReverseHeldOut measures reverse matching (katakana → English) on
// the held-out EDICT pairs and records the figures in
// testdata/reverse_heldout_stats.txt (-update rewrites it); the test
// fails when they change.
func TestReverseHeldOut(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: ranks 3,000 words among 13,000")
	}
	words, spellings, _ := heldOut(t)
	got := evalReverse(loadDefault(t), words, spellings, englishDistractors(t, spellings, 10000)).String()
	t.Logf("\n%s", got)
	golden := filepath.Join("testdata", "reverse_heldout_stats.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("reverse held-out figures changed (run with -update if intended):\ngot:\n%swant:\n%s", got, want)
	}
}

// BenchmarkMatchKatakana matches held-out katakana words against the
// 13,000 held-out and distractor English words, at confidence 0.7.
func BenchmarkMatchKatakana(b *testing.B) {
	m := loadDefault(b)
	words, spellings, _ := heldOut(b)
	v := m.NewEnglishVocabulary(append(slices.Clone(words), englishDistractors(b, spellings, 10000)...))
	var katakana []string
	for _, w := range words {
		katakana = append(katakana, spellings[w]...)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.MatchKatakana(katakana[i%len(katakana)], 2, 0.7)
	}
}
