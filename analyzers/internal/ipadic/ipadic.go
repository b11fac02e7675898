// Package ipadic holds the IPA dictionary of Kagome (kagome-dict/ipa) in a
// form that loads without decoding: the tables the lattice reads (the
// double array of the words, their connection ids and costs, the
// connection matrix, the character classes) are arrays of fixed-size
// numbers in one file embedded in the binary, and a loaded Dict slices
// them straight out of the embedded bytes. Kagome's own form is a zip of
// gob and binary.Read streams that takes 0.6-0.8 s and 90 MiB of heap to
// decode; this one about 0.1 ms, and only the pages a lattice
// touches are read from the executable.
//
// Beside the tables, the file holds what kensaku reads of a word's
// features: its part of speech (one of a few dozen combinations), its
// base form (which the analyzers index) and its reading (which definition
// mining romanises: 日本放送協会, ニッポンホウソウキョウカイ, for NHK).
// Pronunciations and inflections are left out: nothing reads them.
//
// The file, ipadic.bin, is written by go generate (gen/main.go) from
// kagome-dict/ipa; TestEmbeddedIsCurrent checks that it is what the
// generator makes of the dictionary in go.mod.
package ipadic

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unsafe"
)

//go:generate go run ./gen -o ipadic.bin

//go:embed ipadic.bin
var embedded string

// DAEntry is one element of the double array, as in Kagome's
// trie.DoubleArray.
type DAEntry struct {
	Base, Check int32
}

// Morph is what the lattice reads of a word: its connection ids and cost,
// as in Kagome's dict.Morph, its part of speech (an index of
// [Dict.POS]) and, for a dictionary word, the number of words after it
// that share its surface (Kagome's IndexTable.Dup).
type Morph struct {
	Left, Right, Weight int16
	POS                 uint8
	Dup                 uint8
}

// Dict is the IPA dictionary. Its slices may point into read-only memory:
// never modify them. A Dict is safe for concurrent use.
type Dict struct {
	DA           []DAEntry // the double array of the words' surfaces; a word's id is -Base of its terminal
	Morphs       []Morph   // by word id
	UnkMorphs    []Morph   // the unknown-word models, by id
	UnkIndex     []int32   // by character class: the first unknown-word model of the class
	UnkDup       []int32   // by character class: the number of models after the first
	CharCategory []byte    // the character class of each rune below len(CharCategory)
	Invoke       []bool    // by character class: unknown words are proposed even where a word matches
	Group        []bool    // by character class: unknown words group a run of the class
	connRows     int
	conn         []int16 // the connection matrix, transposed as in Kagome: conn[rows*left+right]
	pos          [][]string
	baseIndex    []uint32 // by word id: offset of its base form in baseData
	baseData     string   // base forms, each a uvarint length and the bytes
	readIndex    []uint32 // by word id: offset of its reading in readData
	readData     string   // readings, as baseData
}

// Connection returns the cost of a word whose right id is right followed
// by one whose left id is left (Kagome's ConnectionTable.At(right, left)).
func (d *Dict) Connection(right, left int) int16 {
	return d.conn[d.connRows*left+right]
}

// ConnectionRow returns the costs of a word whose left id is left after
// a word of each right id: ConnectionRow(left)[right] is
// Connection(right, left).
func (d *Dict) ConnectionRow(left int) []int16 {
	return d.conn[d.connRows*left : d.connRows*(left+1)]
}

// CharacterClass returns the character class of r, as Kagome's
// Dict.CharacterCategory.
func (d *Dict) CharacterClass(r rune) byte {
	if int(r) < len(d.CharCategory) && r >= 0 {
		return d.CharCategory[r]
	}
	return d.CharCategory[0]
}

// POS returns the part-of-speech combinations [Morph.POS] indexes: for a
// dictionary word its four levels, as Kagome's Token.POS.
func (d *Dict) POS() [][]string { return d.pos }

// BaseForm returns the base form of the dictionary word id, as Kagome's
// Token.BaseForm ("*" where the dictionary has none).
func (d *Dict) BaseForm(id int) string { return stringAt(d.baseData, d.baseIndex[id]) }

// Reading returns the reading of the dictionary word id in katakana, as
// Kagome's Token.Reading, or "" where Kagome reports none.
func (d *Dict) Reading(id int) string { return stringAt(d.readData, d.readIndex[id]) }

// stringAt returns the string at offset off of data: a uvarint length and
// the bytes.
func stringAt(data string, off uint32) string {
	n, k := binary.Uvarint([]byte(data[off:min(len(data), int(off)+binary.MaxVarintLen64)]))
	start := int(off) + k
	return data[start : start+int(n)]
}

// Embedded returns the dictionary embedded in the binary, loaded once.
func Embedded() (*Dict, error) { return embeddedDict() }

var embeddedDict = sync.OnceValues(func() (*Dict, error) {
	d, err := Parse(embedded)
	if err != nil {
		return nil, fmt.Errorf("ipadic: embedded dictionary: %w", err)
	}
	return d, nil
})

// The file format: a header, then sections, each starting at a multiple
// of 8 bytes, in the order of the section constants. Numbers are little
// endian.
//
//	magic    [8]byte  "KSIPADIC"
//	version  uint32
//	connRows uint32
//	sections [numSections]struct{ offset, length uint64 } (bytes)
const (
	magic         = "KSIPADIC"
	formatVersion = 2
	headerSize    = 16 + numSections*16
)

const (
	secDA = iota
	secMorphs
	secUnkMorphs
	secUnkIndex
	secUnkDup
	secCharCategory
	secInvoke
	secGroup
	secConn
	secPOS // the combinations, one a line, levels separated by ","
	secBaseIndex
	secBaseData
	secReadIndex
	secReadData
	numSections
)

// Parse reads a dictionary in the form [Dict.Marshal] writes. On a
// little-endian machine, where data is 8-byte aligned, the tables are
// slices of data itself; otherwise they are copied.
func Parse(data string) (*Dict, error) { return parse(data, true) }

func parse(data string, mayShare bool) (*Dict, error) {
	if len(data) < headerSize || data[:8] != magic {
		return nil, errors.New("not a kensaku IPA dictionary")
	}
	h := []byte(data[:headerSize])
	if v := binary.LittleEndian.Uint32(h[8:]); v != formatVersion {
		return nil, fmt.Errorf("format version %d, want %d", v, formatVersion)
	}
	zeroCopy := mayShare && littleEndian && uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 == 0
	sec := make([]string, numSections)
	for i := range sec {
		off := binary.LittleEndian.Uint64(h[16+16*i:])
		n := binary.LittleEndian.Uint64(h[24+16*i:])
		if off%8 != 0 || off > uint64(len(data)) || n > uint64(len(data))-off {
			return nil, fmt.Errorf("section %d out of bounds", i)
		}
		sec[i] = data[off : off+n]
	}
	d := &Dict{connRows: int(binary.LittleEndian.Uint32(h[12:]))}
	var err error
	if d.DA, err = table[DAEntry](sec[secDA], zeroCopy); err != nil {
		return nil, fmt.Errorf("double array: %w", err)
	}
	if d.Morphs, err = table[Morph](sec[secMorphs], zeroCopy); err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	if d.UnkMorphs, err = table[Morph](sec[secUnkMorphs], zeroCopy); err != nil {
		return nil, fmt.Errorf("unknown words: %w", err)
	}
	if d.UnkIndex, err = table[int32](sec[secUnkIndex], zeroCopy); err != nil {
		return nil, fmt.Errorf("unknown word index: %w", err)
	}
	if d.UnkDup, err = table[int32](sec[secUnkDup], zeroCopy); err != nil {
		return nil, fmt.Errorf("unknown word index: %w", err)
	}
	if d.conn, err = table[int16](sec[secConn], zeroCopy); err != nil {
		return nil, fmt.Errorf("connection matrix: %w", err)
	}
	if d.baseIndex, err = table[uint32](sec[secBaseIndex], zeroCopy); err != nil {
		return nil, fmt.Errorf("base forms: %w", err)
	}
	d.CharCategory = []byte(sec[secCharCategory])
	if zeroCopy {
		d.CharCategory = unsafe.Slice(unsafe.StringData(sec[secCharCategory]), len(sec[secCharCategory]))
	}
	d.Invoke = bools(sec[secInvoke])
	d.Group = bools(sec[secGroup])
	for line := range strings.SplitSeq(strings.TrimSuffix(sec[secPOS], "\n"), "\n") {
		d.pos = append(d.pos, strings.Split(line, ","))
	}
	d.baseData = sec[secBaseData]
	if d.readIndex, err = table[uint32](sec[secReadIndex], zeroCopy); err != nil {
		return nil, fmt.Errorf("readings: %w", err)
	}
	d.readData = sec[secReadData]
	if err := d.check(); err != nil {
		return nil, err
	}
	return d, nil
}

// check verifies that the tables agree in size. It reads none of the
// large tables, which would take their pages into memory: the embedded
// file is checked against the generator by TestEmbeddedIsCurrent.
func (d *Dict) check() error {
	switch {
	case len(d.CharCategory) == 0:
		return errors.New("no character classes")
	case len(d.Invoke) != len(d.Group) || len(d.UnkIndex) != len(d.Invoke) || len(d.UnkDup) != len(d.Invoke):
		return errors.New("character class tables disagree")
	case d.connRows <= 0 || len(d.conn)%d.connRows != 0:
		return errors.New("connection matrix is not rectangular")
	case len(d.baseIndex) != len(d.Morphs):
		return errors.New("base forms do not match the words")
	case len(d.readIndex) != len(d.Morphs):
		return errors.New("readings do not match the words")
	}
	for _, c := range d.CharCategory {
		if int(c) >= len(d.Invoke) {
			return fmt.Errorf("character class %d out of range", c)
		}
	}
	for i := range d.Invoke {
		if first, n := d.UnkIndex[i], d.UnkDup[i]; first < 0 || n < 0 || int(first+n) >= len(d.UnkMorphs) {
			return fmt.Errorf("unknown words of class %d out of range", i)
		}
	}
	return nil
}

// littleEndian reports whether the machine stores numbers as the file does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// size is the size of a table element in the file.
func size[T any]() int {
	var z T
	return int(unsafe.Sizeof(z))
}

// table returns section s as a slice of T: s itself where zeroCopy,
// otherwise a copy decoded from little endian.
func table[T DAEntry | Morph | int32 | int16 | uint32](s string, zeroCopy bool) ([]T, error) {
	n := size[T]()
	if len(s)%n != 0 {
		return nil, fmt.Errorf("%d bytes is not a whole number of %d-byte elements", len(s), n)
	}
	if len(s) == 0 {
		return nil, nil
	}
	if zeroCopy {
		return unsafe.Slice((*T)(unsafe.Pointer(unsafe.StringData(s))), len(s)/n), nil
	}
	out := make([]T, len(s)/n)
	le := binary.LittleEndian
	switch out := any(out).(type) {
	case []DAEntry:
		for i := range out {
			out[i] = DAEntry{Base: int32(le.Uint32([]byte(s[8*i:]))), Check: int32(le.Uint32([]byte(s[8*i+4:])))}
		}
	case []Morph:
		for i := range out {
			b := []byte(s[8*i : 8*i+8])
			out[i] = Morph{Left: int16(le.Uint16(b)), Right: int16(le.Uint16(b[2:])), Weight: int16(le.Uint16(b[4:])), POS: b[6], Dup: b[7]}
		}
	case []int16:
		for i := range out {
			out[i] = int16(le.Uint16([]byte(s[2*i:])))
		}
	case []int32:
		for i := range out {
			out[i] = int32(le.Uint32([]byte(s[4*i:])))
		}
	case []uint32:
		for i := range out {
			out[i] = le.Uint32([]byte(s[4*i:]))
		}
	}
	return out, nil
}

func bools(s string) []bool {
	out := make([]bool, len(s))
	for i := range out {
		out[i] = s[i] != 0
	}
	return out
}
