package translit

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// The reverse pass as it was written first, straightforwardly (maps for
// the chunks and the marginals, a column allocated per node), kept to
// check that MatchKatakana's precomputed structures change no result.

// refMatcher is one MatchKatakana call's forward pass down the trie.
type refMatcher struct {
	v      *EnglishVocabulary
	k      []uint8
	kcode  [][]uint32 // kcode[j][b]: the chunk of b units ending at unit j, packed as byE keys
	insert map[uint32]float64
	g      float64 // 1 / (1 - insertion probability)
	path   []byte
	cols   [][]float64 // cols[i][j] = P(e[:i], k[:j]) summed over alignments
	gamma  []float64   // gamma[i] = P(e[:i])
	best   []float64   // best[i] = max_j cols[i][j] / gamma[i]
	// perLetter is the log probability per letter that minConfidence
	// needs; a prefix whose best ratio falls pruneSlack below its letters'
	// share of it is not followed. 0: never prune.
	perLetter  float64
	minConf    float64
	maxLetters int
	// chunks caches, per English chunk, the probabilities of its pairs
	// with the katakana's chunks: [j*(maxK+1)+b] for the chunk of b units
	// ending at unit j, [0] for the empty chunk (silent letters); nil
	// when the model has no pair for the chunk.
	chunks map[uint32][]float64
	out    []EnglishCandidate
}

// MatchKatakana scores the words of v against katakana and returns those
// whose confidence (Confidence of the log probability and the English
// word's letters) is at least minConfidence, the best first, at most n
// (n <= 0: all). English words longer than three letters per kana unit
// and three more are not considered; prefixes that explain the katakana
// far worse than minConfidence allows are not followed (see pruneSlack).
func refMatchKatakana(v *EnglishVocabulary, katakana string, n int, minConfidence float64) []EnglishCandidate {
	m := v.m
	k := m.unitIDs(katakana)
	if k == nil || len(v.nodes) == 1 {
		return nil
	}
	mt := &refMatcher{v: v, k: k, insert: m.byE[0], g: 1 / (1 - m.insert), minConf: minConfidence}
	mt.maxLetters = min(3*len(k)+3, 40)
	if minConfidence > 0 && m.calA != 0 {
		mt.perLetter = m.MinLogProb(minConfidence, 1)
	}
	mt.chunks = map[uint32][]float64{}
	mt.kcode = make([][]uint32, len(k)+1)
	for j := 1; j <= len(k); j++ {
		mt.kcode[j] = make([]uint32, m.maxK+1)
		for b := 1; b <= m.maxK && b <= j; b++ {
			mt.kcode[j][b] = reverseK(k[j-b : j])
		}
	}
	col := make([]float64, len(k)+1)
	col[0] = 1
	mt.insertions(col)
	mt.cols = append(mt.cols, col)
	mt.gamma = append(mt.gamma, mt.g)
	mt.best = append(mt.best, mt.ratio(col, mt.g))
	for _, c := range v.nodes[0].kids {
		mt.walk(c)
	}
	out := mt.out
	slices.SortFunc(out, func(a, b EnglishCandidate) int {
		return cmp.Or(cmp.Compare(b.Confidence, a.Confidence), cmp.Compare(b.LogProb, a.LogProb), cmp.Compare(a.English, b.English))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// insertions adds to col the pairs with no letters (katakana units the
// English word does not spell), in increasing j.
func (mt *refMatcher) insertions(col []float64) {
	if len(mt.insert) == 0 {
		return
	}
	for j := 1; j < len(col); j++ {
		for b := 1; b < len(mt.kcode[j]) && b <= j; b++ {
			if prev := col[j-b]; prev != 0 {
				col[j] += prev * mt.insert[mt.kcode[j][b]]
			}
		}
	}
}

// chunk returns the cached pair probabilities of the English chunk ec of
// a letters (see refMatcher.chunks).
func (mt *refMatcher) chunk(ec uint32, a int) []float64 {
	if ps, ok := mt.chunks[ec]; ok {
		return ps
	}
	m := mt.v.m
	ks := m.byE[ec]
	if ks == nil && a > 1 {
		mt.chunks[ec] = nil
		return nil
	}
	w := m.maxK + 1
	ps := make([]float64, (len(mt.k)+1)*w)
	ps[0] = ks[0]
	for j := 1; j <= len(mt.k); j++ {
		for b := 1; b <= m.maxK && b <= j; b++ {
			p := ks[mt.kcode[j][b]]
			if p == 0 && a == 1 && b == 1 {
				p = unseenPair // the floor of a one-letter pair
			}
			ps[j*w+b] = p
		}
	}
	mt.chunks[ec] = ps
	return ps
}

func (mt *refMatcher) ratio(col []float64, gamma float64) float64 {
	best := 0.0
	for _, x := range col {
		best = max(best, x/gamma)
	}
	return best
}

func (mt *refMatcher) walk(node int32) {
	m := mt.v.m
	nd := &mt.v.nodes[node]
	mt.path = append(mt.path, nd.key)
	i := len(mt.path)
	J := len(mt.k)
	col := make([]float64, J+1)
	gamma := 0.0
	for a := 1; a <= m.maxE && a <= i; a++ {
		ec := eCode(mt.path[i-a : i])
		gamma += mt.gamma[i-a] * m.marginal[ec]
		ps := mt.chunk(ec, a)
		if ps == nil {
			continue
		}
		prevCol := mt.cols[i-a]
		w := m.maxK + 1
		for j := 0; j <= J; j++ {
			prev := prevCol[j]
			if prev == 0 {
				continue
			}
			if p := ps[0]; p != 0 { // silent letters
				col[j] += prev * p
			}
			for b := 1; b <= m.maxK && j+b <= J; b++ {
				col[j+b] += prev * ps[(j+b)*w+b]
			}
		}
	}
	gamma *= mt.g
	mt.insertions(col)
	mt.cols = append(mt.cols, col)
	mt.gamma = append(mt.gamma, gamma)
	mt.best = append(mt.best, mt.ratio(col, gamma))
	if nd.word >= 0 && col[J] > 0 && gamma > 0 {
		lp := math.Min(0, math.Log(col[J]/gamma))
		if c := m.Confidence(lp, i); c >= mt.minConf {
			mt.out = append(mt.out, EnglishCandidate{English: mt.v.words[nd.word], LogProb: lp, Confidence: c})
		}
	}
	keep := i < mt.maxLetters
	if keep && mt.perLetter < 0 {
		keep = false
		for a := 0; a < m.maxE && a < i; a++ {
			if math.Log(mt.best[i-a]) >= mt.perLetter*float64(i-a)-reverseSlack {
				keep = true
				break
			}
		}
	}
	if keep {
		for _, c := range nd.kids {
			mt.walk(c)
		}
	}
	mt.path = mt.path[:i-1]
	mt.cols = mt.cols[:i]
	mt.gamma = mt.gamma[:i]
	mt.best = mt.best[:i]
}

// TestMatchKatakanaReference checks that MatchKatakana returns exactly
// (bit for bit) what the straightforward reference pass returns, for the
// held-out katakana words against the held-out and distractor English
// words, with and without a threshold and a limit.
func TestMatchKatakanaReference(t *testing.T) {
	m := loadDefault(t)
	words, spellings, _ := heldOut(t)
	n := 400
	if testing.Short() || raceEnabled {
		n = 40
	}
	v := m.NewEnglishVocabulary(append(slices.Clone(words), englishDistractors(t, spellings, 2000)...))
	var katakana []string
	for _, w := range words {
		katakana = append(katakana, spellings[w]...)
	}
	katakana = append(katakana, "ー", "ン", "ヴァ", "スターリンク", "衛星", "", "ア")
	if len(katakana) > n {
		katakana = katakana[len(katakana)-n:]
	}
	found := 0
	for i, k := range katakana {
		for _, tc := range []struct {
			n    int
			conf float64
		}{{0, 0}, {0, 0.7}, {2, 0.5}, {0, 0.3}} {
			if tc.conf == 0 && i%20 != 0 {
				continue // slow: no pruning
			}
			got := v.MatchKatakana(k, tc.n, tc.conf)
			want := refMatchKatakana(v, k, tc.n, tc.conf)
			if !slices.Equal(got, want) {
				t.Fatalf("MatchKatakana(%q, %d, %v) = %+v, reference %+v", k, tc.n, tc.conf, got, want)
			}
			if len(got) > 0 {
				found++
			}
		}
	}
	if found < len(katakana) {
		t.Errorf("only %d calls of %d found a word: the comparison checks little", found, 4*len(katakana))
	}
}

// TestMatchKatakanaConcurrent calls MatchKatakana from several goroutines
// (sharing the vocabulary's pooled scratch memory) and checks each result
// against the reference pass.
func TestMatchKatakanaConcurrent(t *testing.T) {
	m := loadDefault(t)
	words := []string{"starlink", "stalin", "star", "link", "sentinel", "sentimental", "tomahawk", "tomato", "journal", "gateway", "Mozilla"}
	v := m.NewEnglishVocabulary(words)
	katakana := []string{"スターリンク", "センチネル", "トマホーク", "ジャーナル", "ゲートウェイ", "モジラ", "リンク", "トマト"}
	want := make([][]EnglishCandidate, len(katakana))
	for i, k := range katakana {
		want[i] = refMatchKatakana(v, k, 0, 0.3)
	}
	errs := make(chan string, 8)
	for g := range 8 {
		go func() {
			for n := range 200 {
				i := (g + n) % len(katakana)
				if got := v.MatchKatakana(katakana[i], 0, 0.3); !slices.Equal(got, want[i]) {
					errs <- katakana[i]
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if k := <-errs; k != "" {
			t.Errorf("MatchKatakana(%s) differs from the reference under concurrent use", k)
		}
	}
}
