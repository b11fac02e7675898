package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
)

// mergeAbove is the number of segments above which an update first merges
// the index's segments, Scorch's tiered plan choosing which (about ten
// small ones into one, rarely the large one a build made): searches read
// every segment's term dictionaries, so each segment adds to a question's
// time.
const mergeAbove = 10

// tieredMerge merges g's segments as Scorch's default tiered plan says and
// writes the bigram tables of the merged segments. It runs before an
// update's changes, while g's index is the generation g.old is, segment
// for segment. tables is updated.
func (g *nextGen) tieredMerge(ctx context.Context, tables *segmentTables) error {
	opts := mergeplan.DefaultMergePlanOptions
	return g.merge(ctx, &opts, tables)
}

// merge merges g's segments with opts and writes the tables of the new
// segments, renumbered from those of the segments merged into them.
func (g *nextGen) merge(ctx context.Context, opts *mergeplan.MergePlanOptions, tables *segmentTables) error {
	pre, err := snapshotSegments(g.idx)
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	adv, err := g.idx.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// The index before the merge, open while its tables are renumbered.
	preR, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	defer preR.Close()
	if err := g.w.call(func() error { return s.ForceMerge(ctx, opts) }); err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := awaitRootPersisted(ctx, s, time.Now().Add(mergeWait)); err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	post, err := snapshotSegments(g.idx)
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	return g.remapTables(ctx, preR, pre, post, tables)
}

// remapTables writes a bigram table and a passage store for every segment
// of post that has none in tables (a merge made it) from those of the
// segments of pre gone from post, and takes those out of tables. preR
// reads the index whose segments pre lists.
func (g *nextGen) remapTables(ctx context.Context, preR index.IndexReader, pre, post []snapshotSegment, tables *segmentTables) error {
	inPost := map[uint64]bool{}
	for _, s := range post {
		inPost[s.id] = true
	}
	var made []snapshotSegment
	for _, s := range post {
		if _, ok := tables.Bigrams[segmentKey(s.id)]; !ok {
			made = append(made, s)
		}
	}
	if len(made) == 0 {
		return nil
	}
	// Where each passage of the new segments was: its number before.
	parts, err := g.tablesOf(pre, tables)
	if err != nil {
		return err
	}
	stores, err := storesOf(g.tmp, pre, tables.Passages, nil)
	if err != nil {
		return fmt.Errorf("indexer: merge: passage store: %w", err)
	}
	defer stores.Close()
	newR, err := readerOf(g)
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	defer newR.Close()
	type place struct {
		seg   int    // index in made
		local uint32 // number in the segment
	}
	moved := map[uint64]place{} // number before → place
	out := make([]*Bigrams, len(made))
	from := make([][]uint64, len(made)) // by number in the segment: 1 + its number before, 0 if deleted
	for i, s := range made {
		out[i] = &Bigrams{lengths: make([]uint32, s.size)}
		from[i] = make([]uint64, s.size)
		for local := range s.size {
			if s.deleted != nil && s.deleted.Contains(uint32(local)) {
				continue
			}
			id, err := newR.ExternalID(index.NewIndexInternalID(nil, s.base+local))
			if err != nil {
				return fmt.Errorf("indexer: merge: %w", err)
			}
			iid, err := preR.InternalID(id)
			if err != nil || iid == nil {
				return fmt.Errorf("indexer: merge: passage %q not found before the merge (%v)", id, err)
			}
			o := iid.Value()
			moved[o] = place{seg: i, local: uint32(local)}
			from[i][local] = o + 1
			k := sort.Search(len(pre), func(k int) bool { return pre[k].base+pre[k].size > o })
			if k == len(pre) {
				return fmt.Errorf("indexer: merge: passage %q numbered %d of %d", id, o, pre[len(pre)-1].base+pre[len(pre)-1].size)
			}
			out[i].lengths[local] = parts[k].Length(o - pre[k].base)
			out[i].total += uint64(out[i].lengths[local])
		}
	}
	// The postings of the segments merged away, moved.
	postings := make([]map[string][]uint32, len(made))
	for i := range postings {
		postings[i] = map[string][]uint32{}
	}
	for i, s := range pre {
		if inPost[s.id] {
			continue
		}
		t := parts[i]
		for j := range t.Len() {
			term := t.term(j)
			bm, err := t.Docs(term)
			if err != nil {
				return fmt.Errorf("indexer: merge: bigram %q: %w", term, err)
			}
			for it := bm.Iterator(); it.HasNext(); {
				p, ok := moved[s.base+uint64(it.Next())]
				if ok {
					postings[p.seg][term] = append(postings[p.seg][term], p.local)
				}
			}
		}
		tables.drop(segmentKey(s.id))
	}
	for i, s := range made {
		b := out[i]
		terms := make([]string, 0, len(postings[i]))
		for term := range postings[i] {
			terms = append(terms, term)
		}
		slices.Sort(terms)
		var text []byte
		for _, term := range terms {
			nums := postings[i][term]
			slices.Sort(nums)
			data, err := encodePosting(nums)
			if err != nil {
				return fmt.Errorf("indexer: merge: %w", err)
			}
			text = append(text, term...)
			b.ends = append(b.ends, uint32(len(text)))
			b.maps = append(b.maps, data)
		}
		b.terms = string(text)
		name := "bigrams-" + segmentKey(s.id) + ".bin"
		if err := writeBigrams(filepath.Join(g.tmp, name), b); err != nil {
			return fmt.Errorf("indexer: merge: bigram index: %w", err)
		}
		tables.Bigrams[segmentKey(s.id)] = name
	}
	// The passage stores, in the merged segments' order.
	for i, s := range made {
		src := from[i]
		get := func(docs []uint64) ([]corpus.Passage, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			var nums []uint64
			var at []int
			for j, d := range docs {
				if o := src[d]; o > 0 {
					nums = append(nums, o-1)
					at = append(at, j)
				}
			}
			ps, err := stores.Get(nums)
			if err != nil {
				return nil, err
			}
			out := make([]corpus.Passage, len(docs))
			for j, k := range at {
				out[k] = ps[j]
			}
			return out, nil
		}
		name := storeName(segmentKey(s.id))
		if err := writeSegmentStore(filepath.Join(g.tmp, name), s.size, get); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("indexer: merge: passage store: %w", err)
		}
		tables.Passages[segmentKey(s.id)] = name
	}
	return nil
}

// tablesOf reads the bigram table of each segment of pre from g's
// generation.
func (g *nextGen) tablesOf(pre []snapshotSegment, tables *segmentTables) ([]*Bigrams, error) {
	out := make([]*Bigrams, len(pre))
	read := map[string]*Bigrams{}
	for i, s := range pre {
		name, ok := tables.Bigrams[segmentKey(s.id)]
		if !ok {
			return nil, fmt.Errorf("indexer: merge: segment %s has no bigram table", segmentKey(s.id))
		}
		if read[name] == nil {
			t, err := readBigrams(filepath.Join(g.tmp, name))
			if err != nil {
				return nil, fmt.Errorf("indexer: merge: %w", err)
			}
			read[name] = t
		}
		out[i] = read[name]
	}
	return out, nil
}

func readerOf(g *nextGen) (index.IndexReader, error) {
	adv, err := g.idx.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// awaitRootPersisted waits until Scorch has written its current snapshot
// (a merge's included) to its root file, which Close does not wait for:
// a generation closed before would reopen without the merge.
func awaitRootPersisted(ctx context.Context, s *scorch.Scorch, deadline time.Time) error {
	stats := s.StatsMap()
	root, _ := stats["CurRootEpoch"].(uint64)
	for {
		persisted, _ := s.StatsMap()["LastPersistedEpoch"].(uint64)
		if persisted >= root {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("snapshot %d not written after %v", root, mergeWait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
