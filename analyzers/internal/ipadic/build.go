package ipadic

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
)

// FromKagome returns the tables of a dictionary loaded by Kagome (with its
// contents: ipa.Dict(), not ipa.DictShrink()).
func FromKagome(kd *dict.Dict) (*Dict, error) {
	if len(kd.Contents) != len(kd.Morphs) {
		return nil, fmt.Errorf("ipadic: the dictionary has contents for %d of %d words", len(kd.Contents), len(kd.Morphs))
	}
	d := &Dict{
		DA:           make([]DAEntry, len(kd.Index.Da)),
		Morphs:       make([]Morph, len(kd.Morphs)),
		UnkMorphs:    make([]Morph, len(kd.UnkDict.Morphs)),
		UnkIndex:     make([]int32, len(kd.InvokeList)),
		UnkDup:       make([]int32, len(kd.InvokeList)),
		CharCategory: bytes.Clone(kd.CharCategory),
		Invoke:       append([]bool(nil), kd.InvokeList...),
		Group:        append([]bool(nil), kd.GroupList...),
		connRows:     int(kd.Connection.Row),
		conn:         append([]int16(nil), kd.Connection.Vec...),
		baseIndex:    make([]uint32, len(kd.Morphs)),
		readIndex:    make([]uint32, len(kd.Morphs)),
	}
	for i, e := range kd.Index.Da {
		d.DA[i] = DAEntry{Base: e.Base, Check: e.Check}
	}
	posIDs := map[string]uint8{}
	posOf := func(levels []string) (uint8, error) {
		k := strings.Join(levels, ",")
		if id, ok := posIDs[k]; ok {
			return id, nil
		}
		if len(d.pos) > math.MaxUint8 {
			return 0, fmt.Errorf("ipadic: more than %d parts of speech", math.MaxUint8+1)
		}
		if strings.Contains(k, "\n") {
			return 0, fmt.Errorf("ipadic: part of speech %q has a newline", k)
		}
		id := uint8(len(d.pos))
		posIDs[k] = id
		d.pos = append(d.pos, levels)
		return id, nil
	}
	var base, read stringTable
	for id, m := range kd.Morphs {
		var levels []string
		for _, p := range kd.POSTable.POSs[id] {
			levels = append(levels, kd.POSTable.NameList[p])
		}
		pos, err := posOf(levels)
		if err != nil {
			return nil, err
		}
		dup := kd.Index.Dup[int32(id)]
		if dup < 0 || dup > math.MaxUint8 {
			return nil, fmt.Errorf("ipadic: word %d has %d duplicates", id, dup)
		}
		d.Morphs[id] = Morph{Left: m.LeftID, Right: m.RightID, Weight: m.Weight, POS: pos, Dup: uint8(dup)}
		d.baseIndex[id] = base.add(knownFeature(kd, id, dict.BaseFormIndex))
		d.readIndex[id] = read.add(knownFeature(kd, id, dict.ReadingIndex))
	}
	meta := kd.UnkDict.ContentsMeta
	start, end := 0, 1
	if v, ok := meta[dict.POSStartIndex]; ok {
		start = int(v)
	}
	if v, ok := meta[dict.POSHierarchy]; ok {
		end = start + int(v)
	}
	for id, m := range kd.UnkDict.Morphs {
		var levels []string
		if c := kd.UnkDict.Contents[id]; start < end && end <= len(c) {
			levels = c[start:end]
		}
		pos, err := posOf(levels)
		if err != nil {
			return nil, err
		}
		d.UnkMorphs[id] = Morph{Left: m.LeftID, Right: m.RightID, Weight: m.Weight, POS: pos}
	}
	for class, id := range kd.UnkDict.Index {
		if int(class) >= len(d.UnkIndex) {
			return nil, fmt.Errorf("ipadic: unknown words of class %d, which does not exist", class)
		}
		d.UnkIndex[class] = id
	}
	for class, n := range kd.UnkDict.IndexDup {
		if int(class) >= len(d.UnkDup) {
			return nil, fmt.Errorf("ipadic: unknown words of class %d, which does not exist", class)
		}
		d.UnkDup[class] = n
	}
	d.baseData = base.data.String()
	d.readData = read.data.String()
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("ipadic: %w", err)
	}
	return d, nil
}

// stringTable holds strings, each once, as a uvarint length and the bytes.
type stringTable struct {
	data bytes.Buffer
	at   map[string]uint32
}

// add returns the offset of s in the table, adding it if new.
func (t *stringTable) add(s string) uint32 {
	if off, ok := t.at[s]; ok {
		return off
	}
	if t.at == nil {
		t.at = map[string]uint32{}
	}
	off := uint32(t.data.Len())
	t.at[s] = off
	t.data.Write(binary.AppendUvarint(nil, uint64(len(s))))
	t.data.WriteString(s)
	return off
}

// knownFeature is the feature key (dict.BaseFormIndex, dict.ReadingIndex)
// of the dictionary word id, as Kagome's Token.BaseForm and Token.Reading
// give it, or "" where they report none.
func knownFeature(kd *dict.Dict, id int, key string) string {
	i, ok := kd.ContentsMeta[key]
	if !ok {
		return ""
	}
	f := int(i) - len(kd.POSTable.POSs[id])
	if c := kd.Contents[id]; f >= 0 && f < len(c) {
		return c[f]
	}
	return ""
}

// Marshal returns the dictionary in the form [Parse] reads.
func (d *Dict) Marshal() []byte {
	var pos strings.Builder
	for _, p := range d.pos {
		pos.WriteString(strings.Join(p, ","))
		pos.WriteByte('\n')
	}
	boolBytes := func(bs []bool) []byte {
		out := make([]byte, len(bs))
		for i, b := range bs {
			if b {
				out[i] = 1
			}
		}
		return out
	}
	sections := [numSections][]byte{
		secDA:           appendDA(nil, d.DA),
		secMorphs:       appendMorphs(nil, d.Morphs),
		secUnkMorphs:    appendMorphs(nil, d.UnkMorphs),
		secUnkIndex:     appendInts(nil, d.UnkIndex),
		secUnkDup:       appendInts(nil, d.UnkDup),
		secCharCategory: d.CharCategory,
		secInvoke:       boolBytes(d.Invoke),
		secGroup:        boolBytes(d.Group),
		secConn:         appendInts(nil, d.conn),
		secPOS:          []byte(pos.String()),
		secBaseIndex:    appendInts(nil, d.baseIndex),
		secBaseData:     []byte(d.baseData),
		secReadIndex:    appendInts(nil, d.readIndex),
		secReadData:     []byte(d.readData),
	}
	out := make([]byte, headerSize)
	copy(out, magic)
	binary.LittleEndian.PutUint32(out[8:], formatVersion)
	binary.LittleEndian.PutUint32(out[12:], uint32(d.connRows))
	for i, s := range sections {
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
		binary.LittleEndian.PutUint64(out[16+16*i:], uint64(len(out)))
		binary.LittleEndian.PutUint64(out[24+16*i:], uint64(len(s)))
		out = append(out, s...)
	}
	return out
}

// The tables in little endian, as binary.Append would write them, without
// its reflection (which took seconds over the 1.4 million elements of the
// double array).

func appendDA(b []byte, da []DAEntry) []byte {
	for _, e := range da {
		b = binary.LittleEndian.AppendUint32(b, uint32(e.Base))
		b = binary.LittleEndian.AppendUint32(b, uint32(e.Check))
	}
	return b
}

func appendMorphs(b []byte, ms []Morph) []byte {
	for _, m := range ms {
		b = binary.LittleEndian.AppendUint16(b, uint16(m.Left))
		b = binary.LittleEndian.AppendUint16(b, uint16(m.Right))
		b = binary.LittleEndian.AppendUint16(b, uint16(m.Weight))
		b = append(b, m.POS, m.Dup)
	}
	return b
}

func appendInts[T int16 | int32 | uint32](b []byte, vs []T) []byte {
	for _, v := range vs {
		switch any(v).(type) {
		case int16:
			b = binary.LittleEndian.AppendUint16(b, uint16(v))
		default:
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}
