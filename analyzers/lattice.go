package analyzers

// This file is Kagome's Viterbi lattice (github.com/ikawaha/kagome/v2,
// tokenizer/lattice, v2.10.3; MIT License, Copyright (c) 2020 ikawaha, the
// licence text is in KAGOME-LICENSE beside this file),
// cut down to what Morph and Segment use: the IPA dictionary without a
// Kagome user dictionary, Search or Normal mode, no BOS/EOS in the output.
// It finds the same path as Kagome (TestLatticeMatchesKagome,
// TestSegmentMatchesKagome) for less work, which matters
// because the lattice is the largest cost of building an index:
//
//   - Kagome adds the Search-mode penalty of a node each time the node is
//     a predecessor, counting the runes of its surface for every edge;
//     here it is computed once, when the node is added;
//   - nodes live in one slice per lattice, reused through a pool, where
//     Kagome takes and returns every node from a sync.Pool;
//   - the path is read from the nodes, without building Kagome's Token
//     values, and parts of speech are read from the dictionary;
//   - dictionary words are looked up in the double array directly, their
//     duplicate counts beside their costs rather than in the dictionary's
//     map;
//   - the dictionary is package ipadic's, which loads without decoding.
//
// On a busy 2-core machine, BenchmarkMorph went from 0.9-1.7 to 1.5-2.7
// CPU-MB/s and from 9.7 to 3.7 MB allocated per pass, and a build of 12 MB
// of text from 24.0 to 22.3 CPU seconds (best of three).

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/analyzers/internal/ipadic"
)

// Constants of Kagome's lattice.
const (
	maximumCost              = 1<<31 - 1
	maximumUnknownWordLength = 1024
	searchModeKanjiLength    = 2
	searchModeKanjiPenalty   = 3000
	searchModeOtherLength    = 7
	searchModeOtherPenalty   = 1700
	bosEosID                 = -1
)

// nodeClass is the kind of a lattice node, as in Kagome.
type nodeClass uint8

const (
	classDummy nodeClass = iota // BOS and EOS
	classKnown
	classUnknown
)

// node is a word candidate of the lattice. Its surface is
// input[position:end] (see lattice.surface): 44 bytes a node, where a
// string and int offsets made 72, for fewer cache misses in forward.
type node struct {
	id       int32
	position int32 // byte offset in the input
	end      int32 // byte offset in the input just past the surface
	start    int32 // rune offset in the input
	cost     int32
	left     int32
	right    int32
	weight   int32
	penalty  int32 // Search-mode cost added to paths leaving the node
	prev     int32 // index of the best predecessor in lattice.nodes
	class    nodeClass
}

// surface returns the text of node n.
func (la *lattice) surface(n *node) string { return la.input[n.position:n.end] }

// lattice is the word graph of one piece of text.
type lattice struct {
	d      *ipaDict
	search bool // Search mode: paths leaving a long word pay its penalty
	input  string
	nodes  []node
	list   [][]int32 // indices of the nodes ending at each rune position
	out    []int32   // the best path, BOS and EOS omitted, in text order
	preds  []pred    // forward's predecessors of one start, reused
}

var latticePool = sync.Pool{New: func() any { return new(lattice) }}

// analyze finds the best segmentation of input, in Search mode if search
// and otherwise in Normal mode, and returns the lattice holding it in out;
// release it with free. input must not be empty.
func analyze(d *ipaDict, input string, search bool) *lattice {
	la := latticePool.Get().(*lattice)
	la.d = d
	la.search = search
	la.build(input)
	la.forward()
	la.backward()
	return la
}

func (la *lattice) free() {
	la.input = ""
	la.nodes = la.nodes[:0]
	la.out = la.out[:0]
	if cap(la.nodes) > 1<<16 { // do not keep the lattice of a huge input
		return
	}
	latticePool.Put(la)
}

// addNode adds the node of word id of the given class, the runes runes
// of input[position:end] starting at rune pos; start is the rune offset
// whose nodes precede it.
func (la *lattice) addNode(pos, id, position, start int, class nodeClass, end, runes int) {
	var m *ipadic.Morph
	switch class {
	case classKnown:
		m = &la.d.Morphs[id]
	case classUnknown:
		m = &la.d.UnkMorphs[id]
	default:
		m = &ipadic.Morph{}
	}
	var penalty int32
	if la.search && runes > searchModeKanjiLength {
		penalty = searchPenalty(la.input[position:end], runes)
	}
	la.nodes = append(la.nodes, node{
		id: int32(id), position: int32(position), end: int32(end), start: int32(start), class: class,
		left: int32(m.Left), right: int32(m.Right), weight: int32(m.Weight),
		penalty: penalty, prev: -1,
	})
	p := pos + runes
	la.list[p] = append(la.list[p], int32(len(la.nodes)-1))
}

// addKnownNodes adds the nodes of the dictionary words first to last,
// homographs, as addNode does: their surface is input[position:end], the
// runes runes starting at rune runePos. Their Search-mode penalty, which
// depends on the surface only, is computed once.
func (la *lattice) addKnownNodes(runePos, first, last, position, end, runes int) {
	var penalty int32
	if la.search && runes > searchModeKanjiLength {
		penalty = searchPenalty(la.input[position:end], runes)
	}
	p := runePos + runes
	ends := la.list[p]
	for k := first; k <= last; k++ {
		m := &la.d.Morphs[k]
		la.nodes = append(la.nodes, node{
			id: int32(k), position: int32(position), end: int32(end), start: int32(runePos), class: classKnown,
			left: int32(m.Left), right: int32(m.Right), weight: int32(m.Weight),
			penalty: penalty, prev: -1,
		})
		ends = append(ends, int32(len(la.nodes)-1))
	}
	la.list[p] = ends
}

// searchPenalty is Kagome's additionalCost: Search mode penalises long
// words, long kanji compounds most.
func searchPenalty(surface string, runes int) int32 {
	if runes > searchModeKanjiLength && kanjiOnly(surface) {
		return int32((runes - searchModeKanjiLength) * searchModeKanjiPenalty)
	}
	if runes > searchModeOtherLength {
		return int32((runes - searchModeOtherLength) * searchModeOtherPenalty)
	}
	return 0
}

func kanjiOnly(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.Ideographic) {
			return false
		}
	}
	return s != ""
}

// build adds every dictionary word and unknown-word candidate of the input
// to the lattice, exactly as Kagome's Lattice.Build does.
func (la *lattice) build(inp string) {
	rc := utf8.RuneCountInString(inp)
	la.input = inp
	if cap(la.list) < rc+2 {
		la.list = append(la.list[:cap(la.list)], make([][]int32, rc+2-cap(la.list))...)
	}
	la.list = la.list[:rc+2]
	for i := range la.list {
		la.list[i] = la.list[i][:0]
	}
	la.addNode(0, bosEosID, 0, 0, classDummy, 0, 0)
	la.addNode(rc+1, bosEosID, len(inp), rc, classDummy, len(inp), 0)

	d := la.d
	runePos := -1
	for pos, ch := range inp {
		runePos++
		anyMatches := la.addKnown(runePos, pos)
		class := d.CharacterClass(ch)
		if anyMatches && !d.Invoke[int(class)] {
			continue
		}
		var endPos int
		if ch != utf8.RuneError {
			endPos = pos + utf8.RuneLen(ch)
		} else {
			endPos = pos + 1
		}
		unkWordLen := 1
		if d.Group[int(class)] {
			for i, w, size := endPos, 0, len(inp); i < size; i += w {
				var c rune
				c, w = utf8.DecodeRuneInString(inp[i:])
				if d.CharacterClass(c) != class {
					break
				}
				endPos += w
				unkWordLen++
				if unkWordLen >= maximumUnknownWordLength {
					break
				}
			}
		}
		prev := pos
		if c, size := utf8.DecodeLastRuneInString(inp[pos:endPos]); c != utf8.RuneError {
			prev = endPos - size
		}
		id := d.UnkIndex[class]
		dup := d.UnkDup[class]
		// The runes as Kagome counts them: unkWordLen counts the bytes
		// of a U+FFFD one by one.
		cutRunes, runes := utf8.RuneCountInString(inp[pos:prev]), utf8.RuneCountInString(inp[pos:endPos])
		for x := range int(dup) + 1 {
			if pos < prev {
				// the run with its last character cut off
				la.addNode(runePos, int(id)+x, pos, runePos, classUnknown, prev, cutRunes)
			}
			la.addNode(runePos, int(id)+x, pos, runePos, classUnknown, endPos, runes)
		}
	}
}

// addKnown adds the dictionary words that start at byte pos, rune
// runePos, of the input, as Kagome's IndexTable.CommonPrefixSearchCallback
// finds them, and reports whether there were any.
//
// A word ends where a character of its surface ends, its surfaces being
// UTF-8 (TestDictionarySurfaces): the double array is asked whether a word
// ends only after the last byte of a character of what matched so far,
// not after each byte, which saves a lookup far into the array (a cache
// miss) for two of the three bytes of a kana or kanji.
func (la *lattice) addKnown(runePos, pos int) bool {
	const terminator = 0 // of Kagome's double array
	da := la.d.DA
	inp := la.input
	found := false
	var p, q int
	runes := 0 // of inp[pos:i+1]
	more := 0  // bytes of the current character after inp[i]
	for i := pos; i < len(inp); i++ {
		c := inp[i]
		if c == terminator {
			break
		}
		switch {
		case c < 0x80:
			runes++
			more = 0
		case c < 0xC0: // a continuation byte
			more--
		default:
			runes++
			more = 1
			if c >= 0xE0 {
				more = 2
				if c >= 0xF0 {
					more = 3
				}
			}
		}
		p = q
		q = int(da[p].Base) + int(c)
		if q >= len(da) || int(da[q].Check) != p {
			break
		}
		if more > 0 {
			continue // no word ends inside a character
		}
		ahead := int(da[q].Base) + terminator
		if ahead < len(da) && int(da[ahead].Check) == q && int(da[ahead].Base) <= 0 {
			id := int(-da[ahead].Base)
			la.addKnownNodes(runePos, id, id+int(la.d.Morphs[id].Dup), pos, i+1, runes)
			found = true
		}
	}
	return found
}

// ipaDict is the IPA dictionary (see package ipadic: embedded, loaded
// without decoding) with what Morph does with a word of each part of
// speech, decided once per part of speech (there are 69) rather than by
// two feature lookups, a string concatenation and two map lookups per
// word.
type ipaDict struct {
	*ipadic.Dict
	classes []wordClass // by part of speech, ipadic.Morph.POS
}

// wordClass is what Morph does with a word, decided by its part of speech.
type wordClass uint8

const (
	wordStop wordClass = 1 << iota // dropped, keeping its position (stopPOS)
	wordBase                       // a verb or adjective: indexed by its base form
)

// loadIPA returns the IPA dictionary, loaded on first use (in about 0.1 ms).
var loadIPA = sync.OnceValues(func() (*ipaDict, error) {
	d, err := ipadic.Embedded()
	if err != nil {
		return nil, fmt.Errorf("analyzers: load the IPA dictionary: %w", err)
	}
	return newIPADict(d), nil
})

func newIPADict(d *ipadic.Dict) *ipaDict {
	pos := d.POS()
	classes := make([]wordClass, len(pos))
	for i, p := range pos {
		classes[i] = classify(p)
	}
	return &ipaDict{Dict: d, classes: classes}
}

// classify returns the class of a word from its first two levels of part
// of speech. The IPA dictionary's parts of speech all have four
// (TestIPAPartsOfSpeech).
func classify(pos []string) wordClass {
	var c wordClass
	switch {
	case len(pos) == 0 || stopPOS[pos[0]]:
		c |= wordStop
	case len(pos) > 1 && stopPOS[pos[0]+","+pos[1]]:
		c |= wordStop
	}
	if len(pos) > 0 {
		switch pos[0] {
		case "動詞", "形容詞":
			c |= wordBase
		}
	}
	return c
}

// morph returns the dictionary entry of node n; BOS and EOS have none.
func (d *ipaDict) morph(n *node) (ipadic.Morph, bool) {
	switch n.class {
	case classKnown:
		return d.Morphs[n.id], true
	case classUnknown:
		return d.UnkMorphs[n.id], true
	}
	return ipadic.Morph{}, false
}

// class returns the class of word n of a lattice over d.
func (d *ipaDict) class(n *node) wordClass {
	m, ok := d.morph(n)
	if !ok {
		return wordStop // BOS and EOS have no part of speech
	}
	return d.classes[m.POS]
}

// forward is Kagome's Viterbi forward pass (in Normal mode every penalty
// is 0), node by node in the order of their start: a node's predecessors
// are the nodes ending where it starts, all done before it. The nodes of
// one start share their predecessors, which are read once per start into
// a compact array of their right ids and costs, rather than from the
// lattice's nodes for every node. The best predecessor of a node is the
// first of least cost, as in Kagome; a path whose cost reaches
// maximumCost, which Kagome clamps, is compared as Kagome does (see
// forwardClamped), so the path found is always Kagome's.
func (la *lattice) forward() {
	d := la.d
	preds := la.preds[:0]
	n := len(la.nodes)
	start := int32(-1)
	for k := 2; k <= n; k++ {
		ti := int32(k)
		if k == n {
			ti = 1 // EOS, added second, starts last
		}
		target := &la.nodes[ti]
		if target.start != start {
			start = target.start
			preds = preds[:0]
			for _, pi := range la.list[start] {
				p := &la.nodes[pi]
				preds = append(preds, pred{right: p.right, index: pi, cost: int64(p.cost) + int64(p.penalty)})
			}
		}
		if len(preds) == 0 {
			target.cost = maximumCost
			continue
		}
		row := d.ConnectionRow(int(target.left))
		best, bestPrev := int64(row[preds[0].right])+preds[0].cost, preds[0].index
		for _, p := range preds[1:] {
			if c := int64(row[p.right]) + p.cost; c < best {
				best, bestPrev = c, p.index
			}
		}
		if total := best + int64(target.weight); total < maximumCost {
			target.cost = int32(total)
			target.prev = bestPrev
			continue
		}
		la.forwardClamped(target, la.list[start])
	}
	la.preds = preds[:0]
}

// pred is a predecessor of the nodes of one start: its right id, its
// index in lattice.nodes and the cost of the best path through it,
// penalty included.
type pred struct {
	right int32
	index int32
	cost  int64
}

// forwardClamped finds the best predecessor of target as Kagome does,
// clamping the cost of each path at maximumCost.
func (la *lattice) forwardClamped(target *node, prevList []int32) {
	d := la.d
	for j, pi := range prevList {
		n := &la.nodes[pi]
		c := d.Connection(int(n.right), int(target.left))
		total := int64(c) + int64(target.weight) + int64(n.cost) + int64(n.penalty)
		if total > maximumCost {
			total = maximumCost
		}
		if j == 0 || int32(total) < target.cost {
			target.cost = int32(total)
			target.prev = pi
		}
	}
}

// backward collects the best path into out, in text order, without BOS
// and EOS.
func (la *lattice) backward() {
	last := len(la.list) - 1
	if last < 0 || len(la.list[last]) == 0 {
		return
	}
	for p := la.list[last][0]; p >= 0; p = la.nodes[p].prev {
		if la.nodes[p].class != classDummy {
			la.out = append(la.out, p)
		}
	}
	for i, j := 0, len(la.out)-1; i < j; i, j = i+1, j-1 {
		la.out[i], la.out[j] = la.out[j], la.out[i]
	}
}

// baseForm returns the base form of node n, as Kagome's Token.BaseForm:
// unknown words have none.
func (d *ipaDict) baseForm(n *node) (string, bool) {
	if n.class != classKnown {
		return "", false
	}
	return d.BaseForm(int(n.id)), true
}

// partOfSpeech returns every level of the part of speech of node n, as
// Kagome's Token.POS.
func (d *ipaDict) partOfSpeech(n *node) []string {
	m, ok := d.morph(n)
	if !ok {
		return nil
	}
	return append([]string(nil), d.POS()[m.POS]...)
}
