package indexer

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/blevesearch/vellum"

	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// FieldBytes is where the bytes of one field of a Bleve segment go.
type FieldBytes struct {
	Field      string
	Terms      int    // terms in the field's dictionary
	OneHit     int    // terms of one passage, kept in the dictionary's value
	Dictionary uint64 // the vellum FST and its length
	Postings   uint64 // per term: the postings record and its roaring bitmap
	FreqNorm   uint64 // frequency and norm chunks
	Locations  uint64 // location (position) chunks
}

// Total is the bytes attributed to the field.
func (f FieldBytes) Total() uint64 { return f.Dictionary + f.Postings + f.FreqNorm + f.Locations }

// SegmentBytes is where the bytes of a Bleve segment file go.
type SegmentBytes struct {
	Size, Docs  uint64
	Version     uint32
	ChunkMode   uint32
	Stored      uint64 // stored fields' data (kensaku stores none but _id)
	StoredIndex uint64 // their per-passage offsets
	Fields      []FieldBytes
}

// Other is what no field or stored section accounts for: doc values,
// the sections index, the footer.
func (s SegmentBytes) Other() uint64 {
	rest := s.Size - s.Stored - s.StoredIndex
	for _, f := range s.Fields {
		rest -= f.Total()
	}
	return rest
}

// SegmentBreakdown reads the segment file at path, in the format kensaku
// writes (indexer/internal/zap), and attributes its bytes to fields and
// parts by following each term's postings record: per term, the
// freq/norm chunks, the location chunks, then the record.
func SegmentBreakdown(path string) (SegmentBytes, error) {
	seg, err := (&zap.ZapPlugin{}).Open(path)
	if err != nil {
		return SegmentBytes{}, fmt.Errorf("breakdown: %w", err)
	}
	defer seg.Close()
	s := seg.(*zap.Segment)
	data := s.Data()
	out := SegmentBytes{
		Size: uint64(len(data)), Docs: s.NumDocs(), Version: s.Version(), ChunkMode: s.ChunkMode(),
		Stored: s.StoredIndexOffset(), StoredIndex: 8 * s.NumDocs(),
	}
	for _, field := range s.Fields() {
		addr, err := s.DictAddr(field)
		if err != nil {
			continue // a field without a dictionary
		}
		f := FieldBytes{Field: field}
		vl, n := binary.Uvarint(data[addr:])
		f.Dictionary = vl + uint64(n)
		fst, err := vellum.Load(data[addr+uint64(n) : addr+uint64(n)+vl])
		if err != nil {
			return out, fmt.Errorf("breakdown: %s: field %s: %w", path, field, err)
		}
		it, err := fst.Iterator(nil, nil)
		for err == nil {
			_, v := it.Current()
			f.Terms++
			if v&zap.FSTValEncodingMask == zap.FSTValEncoding1Hit {
				f.OneHit++
			} else {
				tf, k1 := binary.Uvarint(data[v:])
				loc, k2 := binary.Uvarint(data[v+uint64(k1):])
				rl, k3 := binary.Uvarint(data[v+uint64(k1+k2):])
				f.Postings += uint64(k1+k2+k3) + rl
				const none = 0 // a part not encoded
				switch {
				case tf != none && loc != none:
					f.FreqNorm += loc - tf
					f.Locations += v - loc
				case tf != none:
					f.FreqNorm += v - tf
				case loc != none:
					f.Locations += v - loc
				}
			}
			err = it.Next()
		}
		if !errors.Is(err, vellum.ErrIteratorDone) {
			return out, fmt.Errorf("breakdown: %s: field %s: %w", path, field, err)
		}
		out.Fields = append(out.Fields, f)
	}
	return out, nil
}
