package indexer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/kensaku/kensaku/corpus"
)

// The passage store of a living index (see living.go) is kept per Scorch
// segment, as the bigram tables are: each segment's store numbers its
// passages from 0 (the segment's own document numbers, deleted passages
// included), segmentsFile names it, and an update shares it with the next
// generation by a hard link. A generation of one segment without
// segmentsFile has storeFile. Open puts the stores together with the
// segments' bases in Scorch's snapshot (storeSet).

// storeSet is the passage store of several segments.
type storeSet struct {
	parts []storePart
	live  int // passages not deleted
	owned []*TextStore
}

type storePart struct {
	s          *TextStore
	base, size uint64
}

func (s *storeSet) part(doc uint64) int {
	i := sort.Search(len(s.parts), func(i int) bool { return s.parts[i].base+s.parts[i].size > doc })
	if i == len(s.parts) || doc < s.parts[i].base {
		return -1
	}
	return i
}

// get returns the passages with document numbers docs, asking each
// segment's store once.
func (s *storeSet) get(docs []uint64) ([]corpus.Passage, error) {
	byPart := map[int][]int{} // part → indexes in docs
	for i, d := range docs {
		k := s.part(d)
		if k < 0 {
			return nil, fmt.Errorf("%w: document number %d out of range", errStore, d)
		}
		byPart[k] = append(byPart[k], i)
	}
	out := make([]corpus.Passage, len(docs))
	for k, at := range byPart {
		p := s.parts[k]
		local := make([]uint64, len(at))
		for j, i := range at {
			local[j] = docs[i] - p.base
		}
		ps, err := p.s.Get(local)
		if err != nil {
			return nil, err
		}
		for j, i := range at {
			out[i] = ps[j]
		}
	}
	return out, nil
}

func (s *storeSet) close() error {
	var errs []error
	for _, t := range s.owned {
		errs = append(errs, t.Close())
	}
	return errors.Join(errs...)
}

// openStoreSet returns the passage store of the generation at genDir,
// whose Bleve index idx is open: single, the store of storeFile, when the
// generation has no segmentsFile. single is closed when it is not used.
func openStoreSet(genDir string, idx bleve.Index, single *TextStore) (*TextStore, error) {
	tables, err := readSegmentTables(genDir)
	if errors.Is(err, os.ErrNotExist) {
		if single == nil {
			return nil, fmt.Errorf("%w: %s is missing", errStore, storeFile)
		}
		return single, nil
	}
	if err != nil {
		single.Close()
		return nil, err
	}
	segs, err := snapshotSegments(idx)
	if err != nil {
		single.Close()
		return nil, fmt.Errorf("read passage store: %w", err)
	}
	return storesOf(genDir, segs, tables.Passages, single)
}

// storeWriteChunk is the number of passages writeSegmentStore reads and
// compresses at a time.
const storeWriteChunk = 256

// writeSegmentStore writes at path the passage store of a segment of n
// passages, numbered 0 to n-1, which get returns by number. A deleted
// passage may be given as the zero Passage.
func writeSegmentStore(path string, n uint64, get func(docs []uint64) ([]corpus.Passage, error)) (err error) {
	sw, done, err := createStore(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := done(); err == nil {
			err = cerr
		}
	}()
	sh := sw.shard()
	docs := make([]uint64, 0, storeWriteChunk)
	for first := uint64(0); first < n || first == 0; first += storeWriteChunk {
		docs = docs[:0]
		for d := first; d < min(n, first+storeWriteChunk); d++ {
			docs = append(docs, d)
		}
		ps, err := get(docs)
		if err != nil {
			return err
		}
		if first == 0 {
			if err := sw.prime(ps); err != nil {
				return err
			}
		}
		if len(ps) > 0 {
			if err := sh.add(uint32(first), ps); err != nil {
				return err
			}
		}
		if n == 0 {
			break
		}
	}
	docNum := make([]uint32, n)
	for i := range docNum {
		docNum[i] = uint32(i)
	}
	return sw.finish(docNum)
}

// storeName is the file of the passage store of the segment with key.
func storeName(key string) string { return "passages-" + key + ".bin" }

// isStoreFile reports whether name is a passage store of a generation.
func isStoreFile(name string) bool {
	return strings.HasPrefix(name, "passages") && strings.HasSuffix(name, ".bin")
}

// storesOf opens the passage store of each segment of segs from the
// generation at dir, as tables names them, as one store numbered as segs
// are, less their deleted passages. single, when not nil, is the store
// of storeFile, open.
func storesOf(dir string, segs []snapshotSegment, tables map[string]string, single *TextStore) (*TextStore, error) {
	set := &storeSet{}
	cache := map[string]*TextStore{}
	if single != nil {
		cache[storeFile] = single
		set.owned = append(set.owned, single)
	}
	fail := func(err error) (*TextStore, error) {
		set.close()
		return nil, err
	}
	for _, sg := range segs {
		name, ok := tables[segmentKey(sg.id)]
		if !ok {
			return fail(fmt.Errorf("%w: segment %s has no passage store", errStore, segmentKey(sg.id)))
		}
		t, ok := cache[name]
		if !ok {
			var err error
			if t, err = openStore(filepath.Join(dir, name)); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					err = fmt.Errorf("%w: %s is missing", errStore, name)
				}
				return fail(err)
			}
			cache[name] = t
			set.owned = append(set.owned, t)
		}
		if uint64(t.Passages()) != sg.size {
			return fail(fmt.Errorf("%w: %s numbers %d passages, its segment has %d", errStore, name, t.Passages(), sg.size))
		}
		set.parts = append(set.parts, storePart{s: t, base: sg.base, size: sg.size})
		set.live += int(sg.size)
		if sg.deleted != nil {
			set.live -= int(sg.deleted.GetCardinality())
		}
	}
	return &TextStore{set: set}, nil
}
