package analyzers

// This file is Kagome's Viterbi lattice (github.com/ikawaha/kagome/v2,
// tokenizer/lattice, v2.10.3; MIT License, Copyright (c) 2020 ikawaha, the
// licence text is in KAGOME-LICENSE beside this file),
// cut down to what Morph uses: the IPA dictionary without a Kagome user
// dictionary, Search mode, no BOS/EOS in the output. It finds the same
// path as Kagome (TestLatticeMatchesKagome) for less work, which matters
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
//     duplicate counts in a slice rather than the dictionary's map.
//
// On a busy 2-core machine, BenchmarkMorph went from 0.9-1.7 to 1.5-2.7
// CPU-MB/s and from 9.7 to 3.7 MB allocated per pass, and a build of 12 MB
// of text from 24.0 to 22.3 CPU seconds (best of three).

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
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

// node is a word candidate of the lattice.
type node struct {
	id       int
	position int // byte offset in the input
	start    int // rune offset in the input
	surface  string
	cost     int32
	left     int32
	right    int32
	weight   int32
	penalty  int32 // Search-mode cost added to paths leaving the node
	prev     int32 // index of the best predecessor in lattice.nodes
	class    nodeClass
}

// lattice is the word graph of one piece of text.
type lattice struct {
	d     *ipaDict
	input string
	nodes []node
	list  [][]int32 // indices of the nodes ending at each rune position
	out   []int32   // the best path, BOS and EOS omitted, in text order
}

var latticePool = sync.Pool{New: func() any { return new(lattice) }}

// analyze finds the best segmentation of input in Search mode and returns
// the lattice holding it in out; release it with free. input must not be
// empty.
func analyze(d *ipaDict, input string) *lattice {
	la := latticePool.Get().(*lattice)
	la.d = d
	la.build(input)
	la.forward()
	la.backward()
	return la
}

func (la *lattice) free() {
	la.input = ""
	clear(la.nodes) // drop the surfaces, which point into the input
	la.nodes = la.nodes[:0]
	la.out = la.out[:0]
	if cap(la.nodes) > 1<<16 { // do not keep the lattice of a huge input
		return
	}
	latticePool.Put(la)
}

func (la *lattice) addNode(pos, id, position, start int, class nodeClass, surface string) {
	var m dict.Morph
	switch class {
	case classKnown:
		m = la.d.Morphs[id]
	case classUnknown:
		m = la.d.UnkDict.Morphs[id]
	}
	runes := utf8.RuneCountInString(surface)
	la.nodes = append(la.nodes, node{
		id: id, position: position, start: start, surface: surface, class: class,
		left: int32(m.LeftID), right: int32(m.RightID), weight: int32(m.Weight),
		penalty: searchPenalty(surface, runes), prev: -1,
	})
	p := pos + runes
	la.list[p] = append(la.list[p], int32(len(la.nodes)-1))
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
	la.addNode(0, bosEosID, 0, 0, classDummy, inp[0:0])
	la.addNode(rc+1, bosEosID, len(inp), rc, classDummy, inp[rc:rc])

	d := la.d
	runePos := -1
	for pos, ch := range inp {
		runePos++
		anyMatches := la.addKnown(runePos, pos)
		class := d.CharacterCategory(ch)
		if anyMatches && !d.InvokeList[int(class)] {
			continue
		}
		var endPos int
		if ch != utf8.RuneError {
			endPos = pos + utf8.RuneLen(ch)
		} else {
			endPos = pos + 1
		}
		unkWordLen := 1
		if d.GroupList[int(class)] {
			for i, w, size := endPos, 0, len(inp); i < size; i += w {
				var c rune
				c, w = utf8.DecodeRuneInString(inp[i:])
				if d.CharacterCategory(c) != class {
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
		id := d.UnkDict.Index[int32(class)]
		dup := d.UnkDict.IndexDup[int32(class)]
		for x := range int(dup) + 1 {
			if pos < prev {
				// the run with its last character cut off
				la.addNode(runePos, int(id)+x, pos, runePos, classUnknown, inp[pos:prev])
			}
			la.addNode(runePos, int(id)+x, pos, runePos, classUnknown, inp[pos:endPos])
		}
	}
}

// addKnown adds the dictionary words that start at byte pos, rune
// runePos, of the input, as Kagome's IndexTable.CommonPrefixSearchCallback
// finds them, and reports whether there were any.
func (la *lattice) addKnown(runePos, pos int) bool {
	const terminator = 0 // of Kagome's double array
	da := la.d.Index.Da
	inp := la.input
	found := false
	var p, q int
	for i := pos; i < len(inp); i++ {
		c := inp[i]
		if c == terminator {
			break
		}
		p = q
		q = int(da[p].Base) + int(c)
		if q >= len(da) || int(da[q].Check) != p {
			break
		}
		ahead := int(da[q].Base) + terminator
		if ahead < len(da) && int(da[ahead].Check) == q && int(da[ahead].Base) <= 0 {
			id := int(-da[ahead].Base)
			for k := id; k <= id+int(la.d.dup[id]); k++ {
				la.addNode(runePos, k, pos, runePos, classKnown, inp[pos:i+1])
			}
			found = true
		}
	}
	return found
}

// ipaDict is the IPA dictionary with what the lattice and Morph read for
// every word, precomputed by word id: the duplicate counts of its index
// (IndexTable.Dup, a map lookup per word found cost 2.4% of a build) and
// what Morph does with a word of each part of speech (two feature lookups,
// a string concatenation and two map lookups per word otherwise).
type ipaDict struct {
	*dict.Dict
	dup          []int32
	known, unkwn []wordClass // by word id
}

// wordClass is what Morph does with a word, decided by its part of speech.
type wordClass uint8

const (
	wordStop wordClass = 1 << iota // dropped, keeping its position (stopPOS)
	wordBase                       // a verb or adjective: indexed by its base form
)

// loadIPA loads the IPA dictionary, once, on first use (the tables take
// about 50 ms more).
var loadIPA = sync.OnceValue(func() *ipaDict {
	d := ipa.Dict()
	dup := make([]int32, len(d.Morphs)+1)
	for id, n := range d.Index.Dup {
		dup[id] = n
	}
	classes := func(class nodeClass, n int) []wordClass {
		out := make([]wordClass, n)
		for id := range out {
			out[id] = classify(d, &node{class: class, id: id})
		}
		return out
	}
	return &ipaDict{Dict: d, dup: dup,
		known: classes(classKnown, len(d.Morphs)), unkwn: classes(classUnknown, len(d.UnkDict.Morphs))}
})

// classify returns the class of word n from its first two levels of part
// of speech. The IPA dictionary's parts of speech all have four
// (TestIPAPartsOfSpeech).
func classify(d *dict.Dict, n *node) wordClass {
	pos0, ok0 := feature(d, n, 0)
	pos1, ok1 := feature(d, n, 1)
	var c wordClass
	if !ok0 || stopPOS[pos0] || ok1 && stopPOS[pos0+","+pos1] {
		c |= wordStop
	}
	switch pos0 {
	case "動詞", "形容詞":
		c |= wordBase
	}
	return c
}

// class returns the class of word n of a lattice over d.
func (d *ipaDict) class(n *node) wordClass {
	switch n.class {
	case classKnown:
		return d.known[n.id]
	case classUnknown:
		return d.unkwn[n.id]
	}
	return wordStop // BOS and EOS have no part of speech
}

// forward is Kagome's Viterbi forward pass in Search mode.
func (la *lattice) forward() {
	conn := la.d.Connection
	for i := 1; i < len(la.list); i++ {
		for _, ti := range la.list[i] {
			target := &la.nodes[ti]
			prevList := la.list[target.start]
			if len(prevList) == 0 {
				target.cost = maximumCost
				continue
			}
			for j, pi := range prevList {
				n := &la.nodes[pi]
				c := conn.At(int(n.right), int(target.left))
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
		if la.nodes[p].id != bosEosID {
			la.out = append(la.out, p)
		}
	}
	for i, j := 0, len(la.out)-1; i < j; i, j = i+1, j-1 {
		la.out[i], la.out[j] = la.out[j], la.out[i]
	}
}

// feature returns feature i of node n (part of speech levels first), as
// Kagome's Token.FeatureAt does.
func feature(d *dict.Dict, n *node, i int) (string, bool) {
	if i < 0 {
		return "", false
	}
	switch n.class {
	case classKnown:
		pos := d.POSTable.POSs[n.id]
		if i < len(pos) {
			id := pos[i]
			if int(id) > len(d.POSTable.NameList) {
				return "", false
			}
			return d.POSTable.NameList[id], true
		}
		i -= len(pos)
		if len(d.Contents) <= n.id {
			return "", false
		}
		if c := d.Contents[n.id]; i < len(c) {
			return c[i], true
		}
	case classUnknown:
		if len(d.UnkDict.Contents) <= n.id {
			return "", false
		}
		if c := d.UnkDict.Contents[n.id]; i < len(c) {
			return c[i], true
		}
	}
	return "", false
}

// baseForm returns the base form of node n, as Kagome's Token.BaseForm.
func baseForm(d *dict.Dict, n *node) (string, bool) {
	var meta dict.ContentsMeta
	switch n.class {
	case classKnown:
		meta = d.ContentsMeta
	case classUnknown:
		meta = d.UnkDict.ContentsMeta
	default:
		return "", false
	}
	i, ok := meta[dict.BaseFormIndex]
	if !ok {
		return "", false
	}
	return feature(d, n, int(i))
}

// partOfSpeech returns every level of the part of speech of node n, as
// Kagome's Token.POS.
func partOfSpeech(d *dict.Dict, n *node) []string {
	switch n.class {
	case classKnown:
		var ret []string
		for _, id := range d.POSTable.POSs[n.id] {
			ret = append(ret, d.POSTable.NameList[id])
		}
		return ret
	case classUnknown:
		meta := d.UnkDict.ContentsMeta
		start, end := 0, 1
		if v, ok := meta[dict.POSStartIndex]; ok {
			start = int(v)
		}
		if v, ok := meta[dict.POSHierarchy]; ok {
			end = start + int(v)
		}
		feature := d.UnkDict.Contents[n.id]
		if start >= end || end > len(feature) {
			return nil
		}
		return append([]string(nil), feature[start:end]...)
	}
	return nil
}
