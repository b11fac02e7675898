// Package translit scores how likely a katakana word is to be the
// transliteration of an English word (Starlink ↔ スターリンク), so that a
// name or a loanword that no glossary has still matches across scripts.
//
// The model is a joint-sequence (grapheme-chunk) model: an English word
// and its katakana spelling are written together as a sequence of chunk
// pairs, each pair a run of 0–MaxE English letters and a run of 0–MaxK
// kana units (tar:ター, sch:シュ, x:ックス, e:∅), drawn independently from
// one distribution. P(english, katakana) sums over every way of cutting
// the two words into such pairs (a forward pass), and
//
//	P(katakana | english) = P(english, katakana) / P(english)
//
// where P(english) sums over every katakana string. The pair
// probabilities are learned with expectation maximisation (Train) from
// the English ↔ katakana pairs of JMdict/EDICT; glossary/internal/gen-translit
// writes the learned model that Default loads.
package translit

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kensaku/kensaku/glossary"
)

// Chunk size limits the file format and the packing of chunks into
// integers allow.
const (
	limitE = 5 // letters, 5 bits each
	limitK = 3 // units, 8 bits each
)

// unseenPair is the probability of a pair of one letter and one kana
// unit that the model does not have: a floor, so that any English word
// can be spelled with any katakana word of known units, however
// improbably, and a spelling that needs one rare pair is not ruled out.
const unseenPair = 1e-6

// Model is a learned transliteration model. It is safe for concurrent use.
type Model struct {
	maxE, maxK int
	units      []string         // unit id-1 → unit
	unitID     map[string]uint8 // unit → id (1-based)
	// byE lists the katakana chunks of each English chunk with the joint
	// probability of the pair.
	byE map[uint32]map[uint32]float64
	// marginal is the total probability of each English chunk (its
	// pairs with any katakana chunk); insert is that of the empty one.
	marginal map[uint32]float64
	insert   float64
	// Calibration of Confidence: a logistic function of the log
	// probability per English letter.
	calA, calB float64
}

// Candidate is a katakana word scored against an English word.
type Candidate struct {
	Katakana string
	// LogProb is ln P(katakana | english) under the model.
	LogProb float64
	// Confidence is the model's estimate, from 0 to 1, that Katakana is
	// a spelling of the English word (see Model.Confidence).
	Confidence float64
}

func eCode(letters []byte) uint32 {
	var c uint32
	for i, l := range letters {
		c |= uint32(l) << (5 * i)
	}
	return c
}

func eString(letters []byte) string {
	b := make([]byte, len(letters))
	for i, l := range letters {
		b[i] = 'a' + l - 1
	}
	return string(b)
}

// unitIDs returns the unit ids of a katakana word, or nil when it has a
// unit the model does not know or none at all.
func (m *Model) unitIDs(katakana string) []uint8 {
	us := KanaUnits(katakana)
	if len(us) == 0 {
		return nil
	}
	ids := make([]uint8, len(us))
	for i, u := range us {
		id, ok := m.unitID[u]
		if !ok {
			return nil
		}
		ids[i] = id
	}
	return ids
}

// table holds the katakana chunks one English chunk pairs with, for the
// forward pass: the one-unit chunks in an array, the longer ones in a map
// behind a bitset of their first units.
type table struct {
	single   [256]float64 // by unit id; [0] is the empty chunk (silent letters)
	starts   [2][4]uint64 // first units of the chunks of 2 and 3 units
	multi    map[uint32]float64
	hasMulti bool
}

func (m *Model) tableOf(ec uint32) *table {
	ks := m.byE[ec]
	if ks == nil && ec == 0 {
		return nil
	}
	t := &table{}
	if ec != 0 && ec < 32 {
		// One letter: a floor for the units it was never seen with.
		for u := 1; u <= len(m.units); u++ {
			t.single[u] = unseenPair
		}
	} else if ks == nil {
		return nil
	}
	for kc, p := range ks {
		switch {
		case kc < 0x100:
			t.single[kc] = p
		default:
			if t.multi == nil {
				t.multi = map[uint32]float64{}
			}
			t.multi[kc] = p
			t.hasMulti = true
			b, first := 0, kc>>8
			if kc >= 0x10000 {
				b, first = 1, kc>>16
			}
			t.starts[b][first>>6] |= 1 << (first & 63)
		}
	}
	return t
}

// rows holds, for an English word, the tables of its chunks:
// tab[i*(maxE+1)+a] for the chunk of a letters ending at letter i (a = 0:
// the empty chunk, insertions), nil when the model has none.
type rows struct {
	n    int // letters
	maxE int
	tab  []*table
	// gamma[i] is P(letters[:i]); marginal is P(english).
	gamma    []float64
	marginal float64
}

func (m *Model) rowsOf(letters []byte) *rows {
	r := &rows{n: len(letters), maxE: m.maxE, tab: make([]*table, (len(letters)+1)*(m.maxE+1))}
	byCode := map[uint32]*table{}
	for i := 0; i <= len(letters); i++ {
		for a := 0; a <= m.maxE && a <= i; a++ {
			ec := eCode(letters[i-a : i])
			t, ok := byCode[ec]
			if !ok {
				t = m.tableOf(ec)
				byCode[ec] = t
			}
			r.tab[i*(m.maxE+1)+a] = t
		}
	}
	r.gamma = m.prefixMarginals(letters)
	r.marginal = r.gamma[len(letters)]
	return r
}

// column returns the forward probabilities P(e[:i], k[:j]) for every i,
// summed over alignments, where k is path (j = len(path)) and cols[j']
// holds the columns of the shorter prefixes.
func (r *rows) column(path []uint8, cols [][]float64, maxK int) []float64 {
	j := len(path)
	col := make([]float64, r.n+1)
	if j == 0 {
		col[0] = 1
	}
	for i := 0; i <= r.n; i++ {
		s := col[i]
		for a := 0; a <= r.maxE && a <= i; a++ {
			t := r.tab[i*(r.maxE+1)+a]
			if t == nil {
				continue
			}
			if a > 0 {
				// Silent letters: this column.
				if prev := col[i-a]; prev != 0 && t.single[0] != 0 {
					s += prev * t.single[0]
				}
			}
			if j == 0 {
				continue
			}
			if prev := cols[j-1][i-a]; prev != 0 {
				s += prev * t.single[path[j-1]]
			}
			if !t.hasMulti {
				continue
			}
			for b := 2; b <= maxK && b <= j; b++ {
				first := path[j-b]
				if t.starts[b-2][first>>6]&(1<<(first&63)) == 0 {
					continue
				}
				prev := cols[j-b][i-a]
				if prev == 0 {
					continue
				}
				var kc uint32
				for _, u := range path[j-b:] {
					kc = kc<<8 | uint32(u)
				}
				s += prev * t.multi[kc]
			}
		}
		col[i] = s
	}
	return col
}

// prefixMarginals returns P(letters[:i]) for every i: every
// segmentation of the letters, with any number of insertions (pairs with
// no letters) between the chunks.
func (m *Model) prefixMarginals(letters []byte) []float64 {
	g := 1 / (1 - m.insert)
	gamma := make([]float64, len(letters)+1)
	gamma[0] = g
	for i := 1; i <= len(letters); i++ {
		s := 0.0
		for a := 1; a <= m.maxE && a <= i; a++ {
			s += gamma[i-a] * m.marginal[eCode(letters[i-a:i])]
		}
		gamma[i] = s * g
	}
	return gamma
}

// joint returns P(english, katakana) by the forward algorithm.
func (m *Model) joint(r *rows, k []uint8) float64 {
	cols := make([][]float64, 0, len(k)+1)
	for j := 0; j <= len(k); j++ {
		cols = append(cols, r.column(k[:j], cols, m.maxK))
	}
	return cols[len(k)][r.n]
}

// Score returns ln P(katakana | english), the natural log of the
// probability that the model spells english as katakana, or -Inf when it
// cannot (a unit it never saw, no English letters). It is 0 at most;
// a close transliteration of a short word scores above -3, an unrelated
// word far below -20. Comparable across katakana words for one English
// word; see Confidence for a threshold that holds across English words.
func (m *Model) Score(english, katakana string) float64 {
	letters := EnglishLetters(english)
	k := m.unitIDs(katakana)
	if len(letters) == 0 || k == nil {
		return math.Inf(-1)
	}
	r := m.rowsOf(letters)
	j := m.joint(r, k)
	if j == 0 || r.marginal == 0 {
		return math.Inf(-1)
	}
	return math.Min(0, math.Log(j/r.marginal))
}

// Confidence maps a log probability for an English word of n letters to
// the model's estimate, from 0 to 1, that the katakana word is a
// spelling of it: a logistic function of the log probability per letter,
// fitted on held-out EDICT pairs against the best-scoring wrong words of
// a vocabulary (see gen-translit).
func (m *Model) Confidence(logProb float64, n int) float64 {
	if n == 0 || math.IsInf(logProb, -1) {
		return 0
	}
	return 1 / (1 + math.Exp(-(m.calA*logProb/float64(n) + m.calB)))
}

// MinLogProb returns the log probability at which an English word of n
// letters reaches confidence c (0 < c < 1): the threshold to give Match.
func (m *Model) MinLogProb(c float64, n int) float64 {
	if m.calA == 0 {
		return math.Inf(-1)
	}
	return float64(n) * (math.Log(c/(1-c)) - m.calB) / m.calA
}

// Vocabulary is a list of katakana words prepared for matching: a trie
// of their kana units, so that the forward pass over a prefix that many
// words share is done once. It is safe for concurrent use.
type Vocabulary struct {
	m *Model
	trie
}

// trie holds words by their keys (katakana units or English letters),
// one node per key of a path from the root, nodes[0].
type trie struct {
	words []string
	nodes []trieNode
}

type trieNode struct {
	key  uint8
	word int32   // index in words of the word ending here, or -1
	kids []int32 // child nodes
}

func newTrie() trie { return trie{nodes: []trieNode{{word: -1}}} }

// add puts word w under the path keys; a word whose path holds one
// already is left out (the first is kept).
func (t *trie) add(keys []uint8, w string) {
	n := int32(0)
keys:
	for _, k := range keys {
		for _, c := range t.nodes[n].kids {
			if t.nodes[c].key == k {
				n = c
				continue keys
			}
		}
		t.nodes = append(t.nodes, trieNode{key: k, word: -1})
		c := int32(len(t.nodes) - 1)
		t.nodes[n].kids = append(t.nodes[n].kids, c)
		n = c
	}
	if t.nodes[n].word < 0 {
		t.nodes[n].word = int32(len(t.words))
		t.words = append(t.words, w)
	}
}

// NewVocabulary prepares words (katakana; other words are left out) for
// Match.
func (m *Model) NewVocabulary(words []string) *Vocabulary {
	v := &Vocabulary{m: m, trie: newTrie()}
	for _, w := range words {
		if k := m.unitIDs(w); k != nil {
			v.add(k, w)
		}
	}
	return v
}

// Len returns the number of distinct words in v.
func (v *Vocabulary) Len() int { return len(v.words) }

// pruneSlack is how far below minLogProb the best prefix of a trie path
// may fall before Match gives up the words below it: a prefix of the
// katakana explaining a prefix of the English word (P(k[:j] | e[:i]),
// the best i) seldom scores much below the whole word.
const pruneSlack = 3.0

// matcher is one Match call's forward pass down the trie.
type matcher struct {
	v     *Vocabulary
	r     *rows
	gamma []float64 // P(e[:i])
	floor float64   // prune below this prefix ratio; 0: never
	path  []uint8
	cols  [][]float64 // cols[j][i] = P(e[:i], k[:j]) summed over alignments
	best  []float64   // best[j] = max_i cols[j][i]/gamma[i]
	min   float64
	n     int
	out   []Candidate
}

// Match scores the words of v against english and returns those whose
// log probability is at least minLogProb, the best first, at most n
// (n <= 0: all). With a finite minLogProb, the words below a prefix that
// scores far below it are skipped unscored (see pruneSlack).
func (v *Vocabulary) Match(english string, n int, minLogProb float64) []Candidate {
	m := v.m
	letters := EnglishLetters(english)
	if len(letters) == 0 || len(v.nodes) == 1 {
		return nil
	}
	r := m.rowsOf(letters)
	mt := &matcher{v: v, r: r, gamma: r.gamma, min: minLogProb, n: len(letters)}
	if !math.IsInf(minLogProb, -1) {
		mt.floor = math.Exp(minLogProb - pruneSlack)
	}
	col := r.column(nil, nil, m.maxK)
	mt.cols = append(mt.cols, col)
	mt.best = append(mt.best, mt.ratio(col))
	for _, c := range v.nodes[0].kids {
		mt.walk(c)
	}
	out := mt.out
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.LogProb, a.LogProb), cmp.Compare(a.Katakana, b.Katakana))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func (mt *matcher) ratio(col []float64) float64 {
	best := 0.0
	for i, x := range col {
		best = max(best, x/mt.gamma[i])
	}
	return best
}

func (mt *matcher) walk(node int32) {
	m, r := mt.v.m, mt.r
	nd := &mt.v.nodes[node]
	mt.path = append(mt.path, nd.key)
	j := len(mt.path)
	col := r.column(mt.path, mt.cols, m.maxK)
	mt.cols = append(mt.cols, col)
	mt.best = append(mt.best, mt.ratio(col))
	if nd.word >= 0 && col[r.n] > 0 {
		lp := math.Min(0, math.Log(col[r.n]/r.marginal))
		if lp >= mt.min {
			mt.out = append(mt.out, Candidate{Katakana: mt.v.words[nd.word], LogProb: lp, Confidence: m.Confidence(lp, mt.n)})
		}
	}
	keep := true
	if mt.floor > 0 {
		keep = false
		for b := 0; b < m.maxK && b <= j; b++ {
			if mt.best[j-b] >= mt.floor {
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
	mt.path = mt.path[:j-1]
	mt.cols = mt.cols[:j]
	mt.best = mt.best[:j]
}

// Match returns the candidates (katakana words) that the model can spell
// english as, the most probable first. For repeated matching against one
// list, NewVocabulary prepares it once.
func (m *Model) Match(english string, candidates []string) []Candidate {
	return m.NewVocabulary(candidates).Match(english, 0, math.Inf(-1))
}

// Format of the model file: '#' comment lines, then
//
//	maxe <n>
//	maxk <n>
//	calibration <a> <b>
//	<english chunk>\t<katakana chunk>\t<probability>
//
// one line per chunk pair, "_" standing for an empty chunk.

// Parse reads a model file.
func Parse(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("translit: read model: %w", err)
	}
	return parse(string(data))
}

// parse reads a model file's text. Lines are taken as bufio.ScanLines
// cuts them (without the newline and a carriage return before it), and
// fields are slices of the text, not copies.
func parse(data string) (*Model, error) {
	// English chunks pair with about three katakana chunks each.
	hint := strings.Count(data, "\n") / 3
	m := &Model{unitID: map[string]uint8{}, byE: make(map[uint32]map[uint32]float64, hint), marginal: make(map[uint32]float64, hint)}
	line := 0
	var f []string
	for t := range strings.Lines(data) {
		line++
		t = strings.TrimSuffix(strings.TrimSuffix(t, "\n"), "\r")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f = f[:0]
		for {
			field, rest, ok := strings.Cut(t, "\t")
			f = append(f, field)
			if !ok || len(f) > 3 {
				break
			}
			t = rest
		}
		var err error
		switch {
		case len(f) == 2 && f[0] == "maxe":
			m.maxE, err = strconv.Atoi(f[1])
			if err == nil && (m.maxE < 1 || m.maxE > limitE) {
				err = fmt.Errorf("maxe %d out of range", m.maxE)
			}
		case len(f) == 2 && f[0] == "maxk":
			m.maxK, err = strconv.Atoi(f[1])
			if err == nil && (m.maxK < 1 || m.maxK > limitK) {
				err = fmt.Errorf("maxk %d out of range", m.maxK)
			}
		case len(f) == 3 && f[0] == "calibration":
			if m.calA, err = strconv.ParseFloat(f[1], 64); err == nil {
				m.calB, err = strconv.ParseFloat(f[2], 64)
			}
		case len(f) == 3:
			err = m.addPair(f[0], f[1], f[2])
		default:
			err = errors.New("want 3 tab-separated fields")
		}
		if err != nil {
			return nil, fmt.Errorf("translit: model line %d: %w", line, err)
		}
	}
	if m.maxE == 0 || m.maxK == 0 || len(m.byE) == 0 {
		return nil, errors.New("translit: model has no maxe, maxk or pairs")
	}
	if m.insert >= 1 {
		return nil, errors.New("translit: model's insertions have probability 1 or more")
	}
	return m, nil
}

func (m *Model) addPair(e, k, prob string) error {
	p, err := strconv.ParseFloat(prob, 64)
	if err != nil || p <= 0 || p > 1 {
		return fmt.Errorf("bad probability %q", prob)
	}
	if e == "_" {
		e = ""
	}
	if k == "_" {
		k = ""
	}
	if e == "" && k == "" {
		return errors.New("both chunks empty")
	}
	// A chunk of lower-case ASCII letters, as the model writes them, is
	// its own letters; buffers on the stack spare the allocations.
	var lbuf [limitE]byte
	letters := lbuf[:0]
	for i := 0; i < len(e) && len(letters) <= limitE; i++ {
		if c := e[i]; c >= 'a' && c <= 'z' {
			letters = append(letters, c-'a'+1)
		} else {
			letters = EnglishLetters(e)
			break
		}
	}
	if len(letters) != len(e) || len(letters) > m.maxE || m.maxE == 0 {
		return fmt.Errorf("bad English chunk %q (maxe before pairs)", e)
	}
	var ibuf [limitK]uint8
	var ubuf [limitK]string
	ids := ibuf[:0]
	if k != "" {
		us := appendUnits(ubuf[:0], k, false)
		if len(us) == 0 || len(us) > m.maxK {
			return fmt.Errorf("bad katakana chunk %q", k)
		}
		for _, u := range us {
			id, ok := m.unitID[u]
			if !ok {
				if len(m.units) == 255 {
					return errors.New("more than 255 kana units")
				}
				m.units = append(m.units, u)
				id = uint8(len(m.units))
				m.unitID[u] = id
			}
			ids = append(ids, id)
		}
	}
	ec := eCode(letters)
	ks := m.byE[ec]
	if ks == nil {
		ks = map[uint32]float64{}
		m.byE[ec] = ks
	}
	ks[reverseK(ids)] += p
	if ec == 0 {
		m.insert += p
	} else {
		m.marginal[ec] += p
	}
	return nil
}

// reverseK packs units as joint reads them: the last unit in the lowest
// byte, the first in the highest.
func reverseK(ids []uint8) uint32 {
	var c uint32
	for _, u := range ids {
		c = c<<8 | uint32(u)
	}
	return c
}

// Default returns the model learned from JMdict/EDICT and embedded in
// the binary (glossary/data/translit.tsv). It is parsed once.
func Default() (*Model, error) { return defaultModel() }

var defaultModel = sync.OnceValues(func() (*Model, error) {
	return parse(glossary.TranslitModel())
})
