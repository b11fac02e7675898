package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
)

// Change is what an update does to an index: deletions first, then
// additions.
type Change struct {
	// Delete lists ids of passages to delete; DeleteDocuments names
	// documents whose passages to delete. Names the index does not hold
	// are no error.
	Delete          []string
	DeleteDocuments []string
	// Source yields the passages to add. A passage whose id the index
	// holds replaces it. nil adds none.
	Source Source
	// ReplaceDocuments makes a document read again replace its old
	// version: every document Source yields passages of loses the
	// passages the update does not add again.
	ReplaceDocuments bool
	// NoMerge keeps the segments as they are. Otherwise an update to an
	// index of more than ten segments merges some first (see mergeAbove).
	NoMerge bool
}

// Update changes the index at dir as ch says, without rebuilding it: the
// new passages go to a new segment, the replaced and deleted ones are
// marked deleted, and the unchanged segments are shared with the current
// generation (hard links). It publishes a new generation as Build does,
// atomically: readers see the old index until the update is complete, a
// reader that has the old one open keeps it, and an update that fails or
// is killed leaves the old one intact. Searches afterwards give what a
// build of the live passages gives (same hits, scores, totals, facets,
// mined glossary). Only one build or update may run on dir at a time.
//
// opts.Glossary and opts.UserDict are not used: an update keeps the
// index's user glossary and mapping. Each update adds a segment; Optimize
// merges them.
func Update(ctx context.Context, dir string, ch Change, opts Options) (*Report, error) {
	opts.setDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	w := newFailWatch(cancel, opts.Logger)
	rep, err := withGeneration(ctx, dir, true, opts, w, func(g *nextGen) (*Report, error) { return g.update(ctx, ch) })
	var text int64
	if rep != nil {
		text = rep.Bytes
	}
	return rep, explainFailure(dir, w, err, text, opts.ExpectBytes)
}

// Optimize merges the segments of the index at dir into one, without
// its deleted passages: an index that many updates have left in many
// segments searches as fast as a fresh build again. An index of one
// segment is left as it is. It publishes a new
// generation as Update does.
func Optimize(ctx context.Context, dir string, opts Options) (*Report, error) {
	opts.setDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	w := newFailWatch(cancel, opts.Logger)
	rep, err := withGeneration(ctx, dir, true, opts, w, func(g *nextGen) (*Report, error) { return g.optimize(ctx) })
	return rep, explainFailure(dir, w, err, 0, 0)
}

// nextGen is a generation being made from the current one.
type nextGen struct {
	dir, tmp string
	old      *Index // the current generation, open
	idx      bleve.Index
	storeDir string
	opts     Options
	w        *failWatch
	start    time.Time
	meta     Meta // what finishFiles writes, Files aside
}

// errNoChange ends an update that changes nothing.
var errNoChange = errors.New("nothing to change")

// withGeneration takes dir's lock (unless the caller holds it: lock is
// false), opens its current generation, links it into a temporary
// generation, opens that for writing, runs f, and publishes the result.
func withGeneration(ctx context.Context, dir string, lock bool, opts Options, w *failWatch, f func(*nextGen) (*Report, error)) (*Report, error) {
	if dir == "" {
		return nil, errors.New("indexer: update: no index directory given")
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNoIndex, dir)
	}
	if lock {
		unlock, err := lockDir(dir)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	cur := currentGen(dir)
	if cur == "" {
		return nil, fmt.Errorf("%w: %s has no current index (build one with kensaku index)", ErrNotIndex, dir)
	}
	removeStale(dir, opts.Logger)
	old, err := openGen(cur)
	if err != nil {
		return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
	}
	defer old.Close()
	tmp := filepath.Join(dir, tmpPrefix+strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("indexer: update: %w", err)
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()
	g := &nextGen{dir: dir, tmp: tmp, old: old, opts: opts, w: w, start: time.Now(),
		storeDir: filepath.Join(tmp, bleveDir, "store")}
	if err := linkGeneration(cur, tmp); err != nil {
		return nil, fmt.Errorf("indexer: update: %w", err)
	}
	defer relaxGC()()
	idx, err := bleve.OpenUsing(filepath.Join(tmp, bleveDir), buildConfig())
	if err != nil {
		return nil, fmt.Errorf("indexer: update: open index: %w", err)
	}
	g.idx = idx
	w.watch(g.storeDir)
	defer w.stop()
	rep, err := f(g)
	if cerr := w.close(idx.Close); err == nil && cerr != nil {
		err = fmt.Errorf("indexer: close index: %w", cerr)
	}
	if errors.Is(err, errNoChange) {
		return rep, nil
	}
	if err != nil {
		return rep, err
	}
	if err := g.finishFiles(); err != nil {
		return rep, err
	}
	if opts.Progress != nil {
		opts.Progress(Progress{Passages: rep.Indexed, Bytes: rep.Bytes, Elapsed: time.Since(g.start), Done: true, Stage: StagePublishing})
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := publish(dir, tmp); err != nil {
		return rep, err
	}
	published = true
	removeStale(dir, opts.Logger)
	rep.Elapsed = time.Since(g.start)
	return rep, nil
}

// linkGeneration makes tmp a copy of the generation cur: its segments,
// bigram tables and passage stores, which are never written again, as
// hard links; Scorch's
// root and mapping as copies. The meta data, the glossary and the segment
// tables are written anew.
func linkGeneration(cur, tmp string) error {
	return filepath.WalkDir(cur, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(cur, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(tmp, rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			return os.MkdirAll(dst, 0o755)
		}
		switch {
		case rel == metaFile || rel == glossaryFile || rel == segmentsFile:
			return nil
		case strings.HasSuffix(rel, ".zap") || isTableFile(rel):
			if err := os.Link(path, dst); err == nil {
				return nil
			}
		}
		return copyFile(path, dst)
	})
}

// isTableFile reports whether name (relative to a generation) is a bigram
// table or a passage store, kept per segment and shared by hard links.
func isTableFile(name string) bool {
	return (strings.HasPrefix(name, "bigrams") && strings.HasSuffix(name, ".bin")) || isStoreFile(name)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return errors.Join(err, out.Close())
	}
	return errors.Join(out.Sync(), out.Close())
}

// update applies ch to g.
func (g *nextGen) update(ctx context.Context, ch Change) (*Report, error) {
	rep := &Report{}
	oldSegs, err := snapshotSegments(g.idx)
	if err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	tables, err := g.oldTables(oldSegs)
	if err != nil {
		return rep, err
	}
	if !ch.NoMerge && len(oldSegs) > mergeAbove {
		if err := g.tieredMerge(ctx, tables); err != nil {
			return rep, err
		}
		if oldSegs, err = snapshotSegments(g.idx); err != nil {
			return rep, fmt.Errorf("indexer: update: %w", err)
		}
	}
	// The index before the changes, for the passages they remove.
	adv, err := g.idx.Advanced()
	if err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	before, err := adv.Reader()
	if err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	defer before.Close()
	// Deletions.
	del, err := g.idsToDelete(ch.Delete, ch.DeleteDocuments, ^uint64(0))
	if err != nil {
		return rep, err
	}
	if err := g.deleteIDs(del); err != nil {
		return rep, err
	}
	// Additions.
	var meta Meta
	var mined []glossary.Entry
	var bg *bigramCollector
	var storeW *storeWriter
	var closeStore func() error
	newStore := filepath.Join(g.tmp, "passages-new.bin")
	seenDocs := map[string]bool{}
	if ch.Source != nil {
		src := func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error) {
			return ch.Source(ctx, func(p corpus.Passage) error {
				seenDocs[p.Document] = true
				return yield(p)
			})
		}
		bg = newBigramCollector()
		// The new passages' store, numbered from the first new segment
		// on; split by segment once the segments are known.
		st, done, err := createStore(newStore)
		if err != nil {
			return rep, fmt.Errorf("indexer: passage store: %w", err)
		}
		closeStore = done
		defer func() {
			if closeStore != nil {
				closeStore()
			}
		}()
		storeW = st
		rep, meta, mined, err = fill(ctx, g.idx, src, g.opts, bg, st, g.w)
		if err != nil {
			return rep, err
		}
	}
	if ch.ReplaceDocuments && len(seenDocs) > 0 {
		// The old passages are those before the first new segment (Scorch
		// drops an old segment left with no live passage: numbers move).
		segs, err := snapshotSegments(g.idx)
		if err != nil {
			return rep, fmt.Errorf("indexer: update: %w", err)
		}
		tailBase := newSegmentsBase(oldSegs, segs)
		docs := make([]string, 0, len(seenDocs))
		for d := range seenDocs {
			docs = append(docs, d)
		}
		slices.Sort(docs)
		del, err := g.idsToDelete(nil, docs, tailBase)
		if err != nil {
			return rep, err
		}
		if err := g.deleteIDs(del); err != nil {
			return rep, err
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := g.awaitPersisted(ctx); err != nil {
		return rep, err
	}
	newSegs, err := snapshotSegments(g.idx)
	if err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	removed, err := g.removedPassages(before, oldSegs, newSegs)
	if err != nil {
		return rep, err
	}
	if len(removed) == 0 && rep.Indexed == 0 {
		return rep, errNoChange
	}
	added := map[string]bool{}
	if bg != nil {
		for _, id := range bg.ids {
			added[id] = true
		}
	}
	// The meta data and the mined glossary: the old ones, less what the
	// removed passages gave, plus what the new ones give.
	m := g.old.Meta
	m.Lengths = cloneMap(m.Lengths)
	var unmined []glossary.Entry
	for _, p := range removed {
		if added[p.ID] {
			rep.Replaced++
		} else {
			rep.Deleted++
		}
		m.Bytes -= int64(len(p.Text))
		ls, err := fieldLengths(g.idx.Mapping(), p)
		if err != nil {
			return rep, err
		}
		for f, n := range ls {
			m.Lengths[f] -= n
		}
		unmined = append(unmined, glossary.Mine(p.ID, p.Text)...)
	}
	for f, n := range meta.Lengths {
		m.Lengths[f] += n
	}
	m.Bytes += meta.Bytes
	count, err := g.idx.DocCount()
	if err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	if count == 0 {
		return rep, fmt.Errorf("%w: the update would leave the index empty; the index is unchanged", ErrNoInputPassed)
	}
	m.Passages = int(count)
	if m.Documents, err = documentCount(g.idx); err != nil {
		return rep, fmt.Errorf("indexer: update: %w", err)
	}
	m.Created = time.Now().UTC()
	for _, in := range g.opts.Inputs {
		if !slices.Contains(m.Inputs, in) {
			m.Inputs = append(m.Inputs, in)
		}
	}
	entries := append(removeEntries(g.old.Glossary, unmined), mined...)

	// The bigram tables: the old ones of the segments still there, one
	// for each new segment.
	live := map[string]bool{}
	var tail []snapshotSegment
	for _, s := range newSegs {
		key := segmentKey(s.id)
		live[key] = true
		if _, ok := tables.Bigrams[key]; ok {
			if len(tail) > 0 {
				return rep, fmt.Errorf("indexer: update: segment %s of the old index after a new one", key)
			}
			continue
		}
		tail = append(tail, s)
	}
	for key := range tables.Bigrams {
		if !live[key] {
			tables.drop(key)
		}
	}
	if rep.Indexed > 0 {
		if len(tail) == 0 {
			return rep, errors.New("indexer: update: the new passages are in no new segment")
		}
		if g.opts.Progress != nil {
			g.opts.Progress(Progress{Passages: rep.Indexed, Bytes: rep.Bytes, Elapsed: time.Since(g.start), Done: true, Stage: "bigram index"})
		}
		bg.gather()
		var t *Bigrams
		if err := g.w.call(func() (err error) { t, err = bg.finishFrom(g.idx, tail[0].base); return err }); err != nil {
			return rep, fmt.Errorf("indexer: bigram index: %w", err)
		}
		sizes := make([]uint64, len(tail))
		for i, s := range tail {
			sizes[i] = s.size
		}
		for i, part := range splitTable(t, sizes) {
			name := "bigrams-" + segmentKey(tail[i].id) + ".bin"
			if err := writeBigrams(filepath.Join(g.tmp, name), part); err != nil {
				return rep, fmt.Errorf("indexer: bigram index: %w", err)
			}
			tables.Bigrams[segmentKey(tail[i].id)] = name
		}
		err := g.splitStore(storeW, closeStore, bg.docNum, newStore, tail, tables)
		closeStore = nil
		if err != nil {
			return rep, err
		}
	} else if len(tail) > 0 {
		return rep, errors.New("indexer: update: a new segment without new passages")
	}
	if err := writeJSON(filepath.Join(g.tmp, segmentsFile), tables); err != nil {
		return rep, fmt.Errorf("indexer: write segment tables: %w", err)
	}
	if err := glossary.WriteFile(filepath.Join(g.tmp, glossaryFile), entries); err != nil {
		return rep, fmt.Errorf("indexer: write glossary: %w", err)
	}
	g.meta = m
	return rep, nil
}

// newSegmentsBase returns the number of the first document of the
// segments of now that were not in old.
func newSegmentsBase(old, now []snapshotSegment) uint64 {
	ids := map[uint64]bool{}
	for _, s := range old {
		ids[s.id] = true
	}
	end := uint64(0)
	for _, s := range now {
		if !ids[s.id] {
			return s.base
		}
		end = s.base + s.size
	}
	return end
}

func cloneMap[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// idsToDelete returns the ids of the live passages among ids and of the
// documents docs numbered below limit.
func (g *nextGen) idsToDelete(ids, docs []string, limit uint64) ([]string, error) {
	if len(ids) == 0 && len(docs) == 0 {
		return nil, nil
	}
	adv, err := g.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("indexer: update: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("indexer: update: %w", err)
	}
	defer r.Close()
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("indexer: update: %w", err)
		}
		if iid != nil && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, d := range docs {
		tfr, err := r.TermFieldReader(context.Background(), []byte(d), FieldDocument, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("indexer: update: %w", err)
		}
		var tfd index.TermFieldDoc
		for {
			m, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("indexer: update: %w", err)
			}
			if m == nil {
				break
			}
			if m.ID.Value() >= limit {
				continue
			}
			id, err := r.ExternalID(m.ID)
			if err != nil {
				tfr.Close()
				return nil, fmt.Errorf("indexer: update: %w", err)
			}
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
		tfr.Close()
	}
	return out, nil
}

func (g *nextGen) deleteIDs(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	b := g.idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := g.w.call(func() error { return g.idx.Batch(b) }); err != nil {
		return fmt.Errorf("indexer: update: delete: %w", err)
	}
	return nil
}

func (g *nextGen) awaitPersisted(ctx context.Context) error {
	adv, err := g.idx.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: update: %w", err)
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		if err := awaitPersisted(ctx, s, time.Now().Add(mergeWait)); err != nil {
			return fmt.Errorf("indexer: update: %w", err)
		}
		if _, inMemory, err := segmentCounts(s); err != nil || inMemory > 0 {
			return fmt.Errorf("indexer: update: %d segments not written (%v)", inMemory, err)
		}
	}
	return nil
}

// removedPassages returns the passages of the index before the changes
// (whose reader is before, whose segments oldSegs) that the changes
// have deleted, as the old generation stored them.
func (g *nextGen) removedPassages(before index.IndexReader, oldSegs, newSegs []snapshotSegment) ([]corpus.Passage, error) {
	now := map[uint64]snapshotSegment{}
	for _, s := range newSegs {
		now[s.id] = s
	}
	var nums []uint64 // document numbers in the old generation
	for _, s := range oldSegs {
		gone := roaring.New()
		if n, ok := now[s.id]; ok {
			if n.deleted != nil {
				gone.Or(n.deleted)
			}
		} else {
			gone.AddRange(0, s.size) // Scorch drops a segment with no live passage
		}
		if s.deleted != nil {
			gone.AndNot(s.deleted)
		}
		for it := gone.Iterator(); it.HasNext(); {
			nums = append(nums, s.base+uint64(it.Next()))
		}
	}
	if len(nums) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(nums))
	for _, n := range nums {
		id, err := before.ExternalID(index.NewIndexInternalID(nil, n))
		if err != nil {
			return nil, fmt.Errorf("indexer: update: %w", err)
		}
		ids = append(ids, id)
	}
	return storedPassages(g.old, ids)
}

// storedPassages reads the passages with ids from ix's passage store.
func storedPassages(ix *Index, ids []string) ([]corpus.Passage, error) {
	adv, err := ix.bix.Advanced()
	if err != nil {
		return nil, fmt.Errorf("indexer: read passages: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("indexer: read passages: %w", err)
	}
	defer r.Close()
	docs := make([]uint64, len(ids))
	for i, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, fmt.Errorf("indexer: read passages: %w", err)
		}
		if iid == nil {
			return nil, fmt.Errorf("indexer: read passages: passage %q not found", id)
		}
		docs[i] = iid.Value()
	}
	ps, err := ix.Passages(docs)
	if err != nil {
		return nil, fmt.Errorf("indexer: read passages: %w", err)
	}
	for i, p := range ps {
		if p.ID != ids[i] {
			return nil, fmt.Errorf("indexer: read passages: %w: document %d is passage %q in the passage store, %q in the index",
				ErrDamaged, docs[i], p.ID, ids[i])
		}
	}
	return ps, nil
}

// splitStore finishes the store of an update's new passages, written by
// sw to path and closed by done, given their numbers from the first new
// segment on, and makes it the store of each new segment of tail: renamed
// when there is one, copied passage by passage into one per segment when
// Scorch wrote several.
func (g *nextGen) splitStore(sw *storeWriter, done func() error, docNum []uint32, path string, tail []snapshotSegment, tables *segmentTables) error {
	err := g.w.call(func() error { return sw.finish(docNum) })
	if cerr := done(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("indexer: passage store: %w", err)
	}
	if len(tail) == 1 {
		name := storeName(segmentKey(tail[0].id))
		if err := os.Rename(path, filepath.Join(g.tmp, name)); err != nil {
			return fmt.Errorf("indexer: passage store: %w", err)
		}
		tables.Passages[segmentKey(tail[0].id)] = name
		return nil
	}
	all, err := openStore(path)
	if err != nil {
		return fmt.Errorf("indexer: passage store: %w", err)
	}
	defer all.Close()
	for _, s := range tail {
		off := s.base - tail[0].base
		get := func(docs []uint64) ([]corpus.Passage, error) {
			shifted := make([]uint64, len(docs))
			for i, d := range docs {
				shifted[i] = d + off
			}
			return all.Get(shifted)
		}
		name := storeName(segmentKey(s.id))
		if err := g.w.call(func() error { return writeSegmentStore(filepath.Join(g.tmp, name), s.size, get) }); err != nil {
			return fmt.Errorf("indexer: passage store: %w", err)
		}
		tables.Passages[segmentKey(s.id)] = name
	}
	return os.Remove(path)
}

// fieldLengths returns the tokens of each indexed field of p, as a build
// counts them (see fill).
func fieldLengths(m mapping.IndexMapping, p corpus.Passage) (map[string]float64, error) {
	fields, err := fieldsOf(p)
	if err != nil {
		return nil, err
	}
	d := document.NewDocument(p.ID)
	if err := m.MapDocument(d, fields); err != nil {
		return nil, fmt.Errorf("indexer: passage %s: %w", p.ID, err)
	}
	d.AddIDField() // as Bleve adds it when it indexes d
	out := map[string]float64{}
	d.VisitFields(func(f index.Field) {
		if f.Options().IsIndexed() {
			f.Analyze()
			out[f.Name()] += float64(f.AnalyzedLength())
		}
	})
	return out, nil
}

// removeEntries returns entries without one of each of remove.
func removeEntries(entries, remove []glossary.Entry) []glossary.Entry {
	if len(remove) == 0 {
		return slices.Clone(entries)
	}
	count := map[string]int{}
	for _, e := range remove {
		count[entryKey(e)]++
	}
	out := make([]glossary.Entry, 0, len(entries))
	for _, e := range entries {
		k := entryKey(e)
		if count[k] > 0 {
			count[k]--
			continue
		}
		out = append(out, e)
	}
	return out
}

func entryKey(e glossary.Entry) string {
	b, _ := json.Marshal(e)
	return string(b)
}

// oldTables returns the bigram tables and passage stores of the old
// generation by segment.
func (g *nextGen) oldTables(oldSegs []snapshotSegment) (*segmentTables, error) {
	t, err := readSegmentTables(g.old.Path)
	if errors.Is(err, os.ErrNotExist) {
		if len(oldSegs) != 1 {
			return nil, fmt.Errorf("indexer: update: the index has %d segments and no segment tables", len(oldSegs))
		}
		key := segmentKey(oldSegs[0].id)
		return &segmentTables{Bigrams: map[string]string{key: bigramsFile}, Passages: map[string]string{key: storeFile}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: update: %w", err)
	}
	return t.clone(), nil
}

// finishFiles removes the files of tmp no longer used (segments Scorch
// dropped or merged away, their bigram tables and passage stores), and writes the meta data
// with the checksums of every file: those of the files linked from the
// old generation are known.
func (g *nextGen) finishFiles() error {
	used := map[string]bool{bigramsFile: true, storeFile: true}
	if t, err := readSegmentTables(g.tmp); err == nil {
		used = map[string]bool{}
		for _, name := range t.Bigrams {
			used[name] = true
		}
		for _, name := range t.Passages {
			used[name] = true
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("indexer: update: %w", err)
	}
	segs, err := persistedSegments(filepath.Join(g.tmp, bleveDir))
	if err != nil {
		return fmt.Errorf("indexer: update: %w", err)
	}
	// Every segment written must have its bigram table and passage store (a segment the
	// root file does not list, a merge it missed, would break them all).
	for name := range segs {
		key := strings.TrimSuffix(name, ".zap")
		if t, err := readSegmentTables(g.tmp); err == nil {
			if _, ok := t.Bigrams[key]; !ok {
				return fmt.Errorf("indexer: update: segment %s has no bigram table", name)
			}
			if _, ok := t.Passages[key]; !ok {
				return fmt.Errorf("indexer: update: segment %s has no passage store", name)
			}
		} else if len(segs) != 1 {
			return fmt.Errorf("indexer: update: %d segments written and one bigram table", len(segs))
		}
	}
	entries, err := os.ReadDir(g.tmp)
	if err != nil {
		return fmt.Errorf("indexer: update: %w", err)
	}
	for _, e := range entries {
		n := e.Name()
		if isTableFile(n) && !used[n] {
			if err := os.Remove(filepath.Join(g.tmp, n)); err != nil {
				return fmt.Errorf("indexer: update: %w", err)
			}
		}
	}
	if entries, err = os.ReadDir(g.storeDir); err != nil {
		return fmt.Errorf("indexer: update: %w", err)
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".zap") && !segs[n] {
			if err := os.Remove(filepath.Join(g.storeDir, n)); err != nil {
				return fmt.Errorf("indexer: update: %w", err)
			}
		}
	}
	m := g.meta
	m.Files = map[string]FileSum{}
	err = filepath.WalkDir(g.tmp, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(g.tmp, path)
		if err != nil || rel == metaFile {
			return err
		}
		rel = filepath.ToSlash(rel)
		if sum, ok := g.old.Meta.Files[rel]; ok && (strings.HasSuffix(rel, ".zap") || isTableFile(rel)) && sameFile(path, filepath.Join(g.old.Path, rel)) {
			m.Files[rel] = sum
			return nil
		}
		sum, err := sumFile(path)
		if err != nil {
			return err
		}
		m.Files[rel] = sum
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexer: checksums: %w", err)
	}
	if err := writeJSON(filepath.Join(g.tmp, metaFile), m); err != nil {
		return fmt.Errorf("indexer: write meta: %w", err)
	}
	if err := shareFiles(g.tmp); err != nil {
		return fmt.Errorf("indexer: permissions: %w", err)
	}
	return nil
}

// sameFile reports whether a and b are one file (a hard link).
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// persistedSegments returns the segment files of the Scorch index at
// path (closed), by name.
func persistedSegments(path string) (map[string]bool, error) {
	idx, err := openBleve(path)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	segs, err := snapshotSegments(idx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, s := range segs {
		out[segmentKey(s.id)+".zap"] = true
	}
	return out, nil
}

// optimize merges g's segments into one and writes its bigram table,
// renumbered from the old tables.
func (g *nextGen) optimize(ctx context.Context) (*Report, error) {
	rep := &Report{}
	oldSegs, err := snapshotSegments(g.idx)
	if err != nil {
		return rep, fmt.Errorf("indexer: optimize: %w", err)
	}
	// Scorch merges segments together, never one alone: an index of one
	// segment stays as it is, its deleted passages with it (searches
	// skip them as they skip those of any segment).
	if len(oldSegs) == 1 {
		return rep, errNoChange
	}
	if g.opts.Progress != nil {
		g.opts.Progress(Progress{Elapsed: time.Since(g.start), Done: true, Stage: "merging"})
	}
	tables, err := g.oldTables(oldSegs)
	if err != nil {
		return rep, err
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	opts.SegmentsPerMergeTask = maxMergeSegments // one pass over the data
	// A merge may leave a segment out (as forceMerge finds): merge again.
	var segs []snapshotSegment
	for range 5 {
		if err := g.merge(ctx, &opts, tables); err != nil {
			return rep, err
		}
		if segs, err = snapshotSegments(g.idx); err != nil {
			return rep, fmt.Errorf("indexer: optimize: %w", err)
		}
		if len(segs) == 1 {
			break
		}
	}
	if len(segs) != 1 {
		return rep, fmt.Errorf("indexer: optimize: %d segments after the merge", len(segs))
	}
	// The one table becomes bigramsFile and the one store storeFile, as
	// a build writes them (the old bigramsFile and storeFile are links to
	// the old generation's: they go first).
	key := segmentKey(segs[0].id)
	for _, f := range []struct{ from, to string }{{tables.Bigrams[key], bigramsFile}, {tables.Passages[key], storeFile}} {
		path := filepath.Join(g.tmp, f.to)
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return rep, fmt.Errorf("indexer: optimize: %w", err)
		}
		if err := os.Rename(filepath.Join(g.tmp, f.from), path); err != nil {
			return rep, fmt.Errorf("indexer: optimize: %w", err)
		}
	}
	if err := verifyBuild(g.idx, g.tmp, g.old.Meta.Passages); err != nil {
		return rep, err
	}
	if err := glossary.WriteFile(filepath.Join(g.tmp, glossaryFile), g.old.Glossary); err != nil {
		return rep, fmt.Errorf("indexer: write glossary: %w", err)
	}
	g.meta = g.old.Meta
	g.meta.Created = time.Now().UTC()
	rep.Indexed, rep.Documents, rep.Bytes = g.meta.Passages, g.meta.Documents, g.meta.Bytes
	return rep, nil
}
