package translit

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// reverseSlack is how far (in log probability) below its letters' share
// of the threshold a prefix may fall before MatchKatakana gives up the
// words below it.
const reverseSlack = 9.0

// Reverse matching: a katakana word against a list of English words (the
// Latin words of an index), to find the words it spells (スターリンク:
// starlink). The score is the same P(katakana | english) as Score's, so
// that Confidence holds as it does forward; the forward pass runs over a
// trie of the English words' letters, one column of katakana positions
// per letter, so that the words sharing a prefix share its columns.

// EnglishVocabulary is a list of English words prepared for
// MatchKatakana. It is safe for concurrent use.
//
// What the forward pass needs of the English side alone is computed once,
// here: each node's P(e[:i]) (gamma), for each chunk of letters ending at
// a node, a number for the chunk (chunkOf), and, for each katakana chunk,
// the chunks of the vocabulary the model pairs it with (byK), so that a
// MatchKatakana call looks up no map of the English chunks and fills each
// chunk's pairs with the katakana from the katakana's few chunks (a dozen
// for a word of six units), once, in a slice by that number. (Going
// through each English chunk's pairs instead, hundreds for a chunk of one
// letter, to find the few with the word's katakana chunks, was a third
// of a call's time.)
type EnglishVocabulary struct {
	m *Model
	trie
	// gamma[n] is P(e[:i]) of node n's letters, times 1/(1-insertion
	// probability) as the pass takes it (node 0: that factor alone).
	gamma []float64
	// chunkOf[n*maxE+a-1] is the number of the chunk of the last a letters
	// of node n (a up to its depth) in chunks.
	chunkOf []int32
	chunks  []englishChunk
	// byK[kc] lists the chunks that the model pairs with katakana chunk
	// kc (packed as byE keys, not 0), with the pair's probability.
	byK     map[uint32][]vocabPair
	scratch sync.Pool // of *reverseScratch
}

// englishChunk is a chunk of English letters that ends at some node.
type englishChunk struct {
	silent  float64 // the probability of its pair with no katakana (silent letters)
	letters int
	// none: the model has no pair for the chunk and it has more than one
	// letter (one letter pairs with any unit at the unseenPair floor).
	none bool
}

// vocabPair is an English chunk of the vocabulary (its number) with the
// probability of its pair with a katakana chunk.
type vocabPair struct {
	id int32
	p  float64
}

// EnglishCandidate is an English word scored against a katakana word.
type EnglishCandidate struct {
	English string
	// LogProb is ln P(katakana | english), as Score gives it.
	LogProb float64
	// Confidence is Confidence(LogProb, letters of English).
	Confidence float64
}

// NewEnglishVocabulary prepares words (each spelled by its letters a–z;
// words without letters are left out) for MatchKatakana. Words with the
// same letters are one: the first is kept.
func (m *Model) NewEnglishVocabulary(words []string) *EnglishVocabulary {
	v := &EnglishVocabulary{m: m, trie: newTrie()}
	for _, w := range words {
		if letters := EnglishLetters(w); len(letters) > 0 {
			v.add(letters, w)
		}
	}
	v.prepare()
	return v
}

// prepare computes gamma, chunkOf and chunks, walking the trie with the
// path of letters and nodes from the root.
func (v *EnglishVocabulary) prepare() {
	m := v.m
	g := 1 / (1 - m.insert)
	v.gamma = make([]float64, len(v.nodes))
	v.gamma[0] = g
	v.chunkOf = make([]int32, len(v.nodes)*m.maxE)
	v.byK = map[uint32][]vocabPair{}
	ids := map[uint32]int32{}
	var path []byte
	var nodes []int32 // nodes[i]: the node of path[:i]
	var visit func(n int32)
	visit = func(n int32) {
		path = append(path, v.nodes[n].key)
		nodes = append(nodes, n)
		i := len(path)
		gamma := 0.0
		for a := 1; a <= m.maxE && a <= i; a++ {
			ec := eCode(path[i-a : i])
			gamma += v.gamma[nodes[i-a]] * m.marginal[ec]
			id, ok := ids[ec]
			if !ok {
				id = int32(len(v.chunks))
				ids[ec] = id
				ks := m.byE[ec]
				ch := englishChunk{letters: a, none: ks == nil && a > 1}
				for kc, p := range ks {
					if kc == 0 {
						ch.silent = p
						continue
					}
					v.byK[kc] = append(v.byK[kc], vocabPair{id, p})
				}
				v.chunks = append(v.chunks, ch)
			}
			v.chunkOf[int(n)*m.maxE+a-1] = id
		}
		gamma *= g
		v.gamma[n] = gamma
		for _, c := range v.nodes[n].kids {
			visit(c)
		}
		path = path[:i-1]
		nodes = nodes[:i]
	}
	nodes = append(nodes, 0)
	for _, c := range v.nodes[0].kids {
		visit(c)
	}
}

// Len returns the number of distinct words in v.
func (v *EnglishVocabulary) Len() int { return len(v.words) }

// reverseScratch is the memory of a MatchKatakana call, kept in the
// vocabulary's pool for the next: chunkAt (by chunk number) is all zero
// between calls.
type reverseScratch struct {
	chunkAt []int32   // 0: not computed; -1: no pairs; k: ps at pairs[(k-1)*stride:]
	touched []int32   // the chunks whose chunkAt is set
	pairs   []float64 // the computed chunks' pair probabilities
	kcode   []uint32  // [j*w+b]: the chunk of b units ending at unit j, packed as byE keys
	insert  []float64 // [j*w+b]: the insertion probability of that chunk
	cols    []float64 // [i*(J+1)+j]: the column of the node at depth i
	logBest []float64 // [i]: ln max_j cols[i][j] / gamma of the node at depth i (NaN: not taken yet)
	bestAt  []float64 // [i]: max_j cols[i][j] / gamma of the node at depth i
}

// reverseMatcher is one MatchKatakana call's forward pass down the trie.
type reverseMatcher struct {
	v *EnglishVocabulary
	*reverseScratch
	J, w   int // katakana units; maxK+1, the stride of kcode and a chunk's row
	stride int // (J+1)*w: one chunk's pairs
	// inserts: the model has pairs with no letters.
	inserts bool
	// perLetter is the log probability per letter that minConfidence
	// needs; a prefix whose best ratio falls reverseSlack below its
	// letters' share of it is not followed. 0: never prune.
	perLetter  float64
	minConf    float64
	maxLetters int
	out        []EnglishCandidate
}

// MatchKatakana scores the words of v against katakana and returns those
// whose confidence (Confidence of the log probability and the English
// word's letters) is at least minConfidence, the best first, at most n
// (n <= 0: all). English words longer than three letters per kana unit
// and three more are not considered; prefixes that explain the katakana
// far worse than minConfidence allows are not followed (see reverseSlack).
func (v *EnglishVocabulary) MatchKatakana(katakana string, n int, minConfidence float64) []EnglishCandidate {
	m := v.m
	k := m.unitIDs(katakana)
	if k == nil || len(v.nodes) == 1 {
		return nil
	}
	mt := &reverseMatcher{v: v, J: len(k), w: m.maxK + 1, minConf: minConfidence}
	mt.stride = (mt.J + 1) * mt.w
	mt.maxLetters = min(3*len(k)+3, 40)
	if minConfidence > 0 && m.calA != 0 {
		mt.perLetter = m.MinLogProb(minConfidence, 1)
	}
	sc, _ := v.scratch.Get().(*reverseScratch)
	if sc == nil {
		sc = &reverseScratch{chunkAt: make([]int32, len(v.chunks))}
	}
	mt.reverseScratch = sc
	defer v.putScratch(sc)
	J, w := mt.J, mt.w
	sc.kcode = resize(sc.kcode, (J+1)*w)
	sc.insert = resize(sc.insert, (J+1)*w)
	insert := m.byE[0]
	for j := 1; j <= J; j++ {
		for b := 1; b <= m.maxK && b <= j; b++ {
			kc := reverseK(k[j-b : j])
			sc.kcode[j*w+b] = kc
			sc.insert[j*w+b] = insert[kc]
		}
	}
	sc.pairs = sc.pairs[:0]
	mt.fill()
	sc.cols = resize(sc.cols, (mt.maxLetters+1)*(J+1))
	sc.logBest = resize(sc.logBest, mt.maxLetters+1)
	sc.bestAt = resize(sc.bestAt, mt.maxLetters+1)
	col := sc.cols[:J+1]
	col[0] = 1
	mt.inserts = len(insert) > 0
	if mt.inserts {
		mt.insertions(col)
	}
	sc.bestAt[0] = bestRatio(col, v.gamma[0])
	sc.logBest[0] = math.Log(sc.bestAt[0])
	for _, c := range v.nodes[0].kids {
		mt.walk(c, 1)
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

// putScratch clears the chunk numbers sc.touched and returns sc to the
// pool.
func (v *EnglishVocabulary) putScratch(sc *reverseScratch) {
	for _, id := range sc.touched {
		sc.chunkAt[id] = 0
	}
	sc.touched = sc.touched[:0]
	v.scratch.Put(sc)
}

// resize returns s with length n, all zero.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// insertions adds to col the pairs with no letters (katakana units the
// English word does not spell), in increasing j.
func (mt *reverseMatcher) insertions(col []float64) {
	w := mt.w
	if w == 3 {
		insertions3(col, mt.insert[:3*len(col)])
		return
	}
	for j := 1; j < len(col); j++ {
		for b := 1; b < w && b <= j; b++ {
			if prev := col[j-b]; prev != 0 {
				col[j] += prev * mt.insert[j*w+b]
			}
		}
	}
}

// chunk returns the pair probabilities of English chunk id with the
// katakana's chunks: [j*w+b] for the chunk of b units ending at unit j,
// [0] for the empty chunk (silent letters); nil when the model has no pair
// for the chunk. Those of the chunks paired with the katakana's chunks are
// filled at the start of the call (fill); any other is made at its first
// use, without pairs but its silent letters and the floor of one letter.
func (mt *reverseMatcher) chunk(id int32) []float64 {
	switch at := mt.chunkAt[id]; {
	case at > 0:
		off := int(at-1) * mt.stride
		return mt.pairs[off : off+mt.stride]
	case at < 0:
		return nil
	}
	return mt.newChunk(id)
}

// newChunk makes the pairs of chunk id, not made yet in the call, before
// its pairs with the katakana's chunks: the silent letters and, for one
// letter, the floor of its pair with any unit; nil when the model has no
// pair for the chunk.
func (mt *reverseMatcher) newChunk(id int32) []float64 {
	ch := &mt.v.chunks[id]
	mt.touched = append(mt.touched, id)
	if ch.none {
		mt.chunkAt[id] = -1
		return nil
	}
	off := len(mt.pairs)
	mt.pairs = append(mt.pairs, make([]float64, mt.stride)...)
	mt.chunkAt[id] = int32(off/mt.stride + 1)
	ps := mt.pairs[off : off+mt.stride]
	w := mt.w
	if ch.letters == 1 {
		for j := 1; j <= mt.J; j++ {
			ps[j*w+1] = unseenPair // the floor of a one-letter pair
		}
	}
	ps[0] = ch.silent
	return ps
}

// fill makes the pairs of the English chunks that the model pairs with
// the katakana's chunks, from each place j*w+b of a katakana chunk.
func (mt *reverseMatcher) fill() {
	w := mt.w
	for q, kc := range mt.kcode {
		if kc == 0 {
			continue
		}
		for _, cp := range mt.v.byK[kc] {
			var ps []float64
			if at := mt.chunkAt[cp.id]; at > 0 {
				off := int(at-1) * mt.stride
				ps = mt.pairs[off : off+mt.stride]
			} else {
				ps = mt.newChunk(cp.id)
			}
			p := cp.p
			if p == 0 && mt.v.chunks[cp.id].letters == 1 && q%w == 1 {
				p = unseenPair
			}
			ps[q] = p
		}
	}
}

// addChunk3 is walk's step for one English chunk when katakana chunks
// have at most two units (w = 3), the model's setting: the same sums in
// the same order, without the loop over chunk lengths. ps holds the
// chunk's pairs, [j*3+b] for the b units ending at unit j, [0] for none.
func addChunk3(col, prevCol, ps []float64) {
	J := len(col) - 1
	prevCol = prevCol[:J+1]
	ps = ps[:3*(J+1)]
	silent := ps[0]
	for j := 0; j+2 <= J; j++ {
		prev := prevCol[j]
		if prev == 0 {
			continue
		}
		if silent != 0 {
			col[j] += prev * silent
		}
		col[j+1] += prev * ps[3*j+4]
		col[j+2] += prev * ps[3*j+8]
	}
	if J >= 1 {
		if prev := prevCol[J-1]; prev != 0 {
			if silent != 0 {
				col[J-1] += prev * silent
			}
			col[J] += prev * ps[3*J+1]
		}
	}
	if prev := prevCol[J]; prev != 0 && silent != 0 {
		col[J] += prev * silent
	}
}

// insertions3 is insertions for w = 3: insert[j*3+b] is the insertion
// probability of the b units ending at unit j.
func insertions3(col, insert []float64) {
	for j := 1; j < len(col); j++ {
		if prev := col[j-1]; prev != 0 {
			col[j] += prev * insert[3*j+1]
		}
		if j >= 2 {
			if prev := col[j-2]; prev != 0 {
				col[j] += prev * insert[3*j+2]
			}
		}
	}
}

// bestRatio returns max_j col[j]/gamma. For gamma > 0 it divides once:
// dividing by a positive number keeps the order of the rounded
// quotients, so the maximum's quotient is the quotients' maximum.
func bestRatio(col []float64, gamma float64) float64 {
	best := 0.0
	if !(gamma > 0) {
		for _, x := range col {
			best = max(best, x/gamma)
		}
		return best
	}
	for _, x := range col {
		best = max(best, x)
	}
	return best / gamma
}

// walk computes the column of node at depth i from those of its
// ancestors, records its word when it reaches the confidence, and goes
// down to its children unless no word below can (see reverseSlack).
func (mt *reverseMatcher) walk(node int32, i int) {
	v := mt.v
	m := v.m
	nd := &v.nodes[node]
	J, w := mt.J, mt.w
	col := mt.cols[i*(J+1) : (i+1)*(J+1)]
	clear(col)
	gamma := v.gamma[node]
	ids := v.chunkOf[int(node)*m.maxE:]
	for a := 1; a <= m.maxE && a <= i; a++ {
		ps := mt.chunk(ids[a-1])
		if ps == nil {
			continue
		}
		prevCol := mt.cols[(i-a)*(J+1) : (i-a+1)*(J+1)]
		if w == 3 {
			addChunk3(col, prevCol, ps)
			continue
		}
		for j := 0; j <= J; j++ {
			prev := prevCol[j]
			if prev == 0 {
				continue
			}
			if p := ps[0]; p != 0 { // silent letters
				col[j] += prev * p
			}
			for b := 1; b < w && j+b <= J; b++ {
				col[j+b] += prev * ps[(j+b)*w+b]
			}
		}
	}
	if mt.inserts {
		mt.insertions(col)
	}
	if nd.word >= 0 && col[J] > 0 && gamma > 0 {
		lp := math.Min(0, math.Log(col[J]/gamma))
		if c := m.Confidence(lp, i); c >= mt.minConf {
			mt.out = append(mt.out, EnglishCandidate{English: v.words[nd.word], LogProb: lp, Confidence: c})
		}
	}
	if len(nd.kids) == 0 || i >= mt.maxLetters {
		return // the node's column serves only its descendants
	}
	// The best ratio's logarithm is taken when the pruning test reaches
	// it (logBest is NaN until then): the test holds as soon as one of
	// the last maxE prefixes passes, and the ancestors' are known.
	mt.bestAt[i] = bestRatio(col, gamma)
	mt.logBest[i] = math.NaN()
	keep := true
	if mt.perLetter < 0 {
		keep = false
		for a := min(m.maxE, i) - 1; a >= 0; a-- {
			lb := mt.logBest[i-a]
			if lb != lb {
				lb = math.Log(mt.bestAt[i-a])
				mt.logBest[i-a] = lb
			}
			if lb >= mt.perLetter*float64(i-a)-reverseSlack {
				keep = true
				break
			}
		}
	}
	if keep {
		for _, c := range nd.kids {
			mt.walk(c, i+1)
		}
	}
}
