package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// Source yields the passages to index, in order, and returns the summary
// of what it read (files, problems).
type Source func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error)

// Files returns a Source that reads the given files and directories.
func Files(inputs []string) Source {
	return func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error) {
		return corpus.Read(ctx, inputs, yield)
	}
}

// Passages returns a Source that yields ps.
func Passages(ps []corpus.Passage) Source {
	return func(ctx context.Context, yield func(corpus.Passage) error) (corpus.Summary, error) {
		var s corpus.Summary
		for _, p := range ps {
			if err := ctx.Err(); err != nil {
				return s, err
			}
			if err := yield(p); err != nil {
				return s, err
			}
			s.Passages++
			s.Bytes += int64(len(p.Text))
		}
		return s, nil
	}
}

// Options configure Build. The zero value works.
type Options struct {
	// UserDict holds extra words for the morphological analyzer, in a
	// format package analyzers accepts. It is stored in the index mapping.
	UserDict []byte
	// Glossary holds user glossary entries to store with the index, in
	// addition to the definitions mined from the passages.
	Glossary []glossary.Entry
	// Mined, when not nil, stands for the definitions mined from the
	// passages, which are then not mined again (the built-in corpus's
	// are mined ahead of time: mining loads Kagome's dictionary).
	Mined []glossary.Entry
	// GlossaryFiles names the files Glossary was read from, for the record.
	GlossaryFiles []string
	// Inputs names the inputs, for the record.
	Inputs []string
	// BatchSize is the number of passages indexed per Bleve batch; 0
	// means DefaultBatchSize. A batch also ends once it holds BatchBytes
	// of text.
	BatchSize int
	// BatchBytes bounds the text of a Bleve batch; 0 means
	// DefaultBatchBytes. With one batch being read and one being indexed
	// per CPU, it bounds the text a build holds at a time, and with it
	// the memory of the batches' analysis, whatever the passages' sizes.
	BatchBytes int64
	// ExpectBytes, when above 0, is the bytes of text the build expects to
	// index; a build refuses early with ErrNoSpace when the file system of
	// the index has less than SpaceFactor times that free.
	ExpectBytes int64
	// MinShare, when above 0, makes a build that would replace an index
	// with one of fewer than MinShare times its passages fail with
	// ErrShrink and leave the index as it was: a mistyped input or a file
	// lost to an encoding error should not silently empty an index.
	MinShare float64
	// Progress, when set, is called after every batch and once at the end.
	Progress func(Progress)
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

func (o *Options) setDefaults() {
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = DefaultBatchBytes
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// DefaultBatchSize is the passages of a Bleve batch, unless
// Options.BatchSize says otherwise. Each batch makes a segment, which
// the final merge reads again, term by term: on the 48 MB scale corpus,
// batches of 2,000 passages instead of 1,000 (and of 4 MB of text at most
// instead of 2) took 17.55-17.59 instead of 18.59-19.03 CPU seconds, for a
// peak RSS of 286-295 MB instead of 282-286 (the soft memory limit holds
// the heap).
const DefaultBatchSize = 2000

// DefaultBatchBytes is the text a Bleve batch holds at most, unless
// Options.BatchBytes says otherwise: four times a batch of
// DefaultBatchSize passages of JSQuAD's size, so that batches of ordinary
// passages end by their count and a batch of long passages holds a few
// megabytes, not thousands of long passages.
const DefaultBatchBytes = 4 << 20

// Progress reports how far a build has come.
type Progress struct {
	Passages int           // passages indexed so far
	Bytes    int64         // bytes of text indexed so far
	Elapsed  time.Duration // since the build started
	Done     bool          // every passage is indexed
	// Stage names the work after the passages are indexed ("merging",
	// "bigram index", StagePublishing), which reports no progress of its
	// own; "" before.
	Stage string
}

// StagePublishing is the last stage of a build: from the moment it is
// reported, cancelling the build's context no longer stops it.
const StagePublishing = "publishing"

// Report summarises a finished build.
type Report struct {
	corpus.Summary                  // what the source read, with its problems
	Indexed        int              // passages indexed
	Documents      int              // distinct documents
	Bytes          int64            // bytes of passage text indexed
	Skipped        []corpus.Problem // passages not indexed, with the reason
	Mined          int              // glossary definitions mined from the passages
	Replaced       int              // Update: passages replaced by a new version
	Deleted        int              // Update: passages removed without a new version
	Elapsed        time.Duration    // the whole build (NewMemory: the indexing)
}

// Build builds an index of the passages from src at dir, replacing the
// index there, if any, atomically: readers of dir see the old index until
// the new one is complete, and a build that fails or is killed leaves the
// old index intact. dir must be absent, empty, or a kensaku index. Only one
// build may run on dir at a time; a second gets ErrLocked. A write that
// fails for want of space fails the build with ErrNoSpace.
func Build(ctx context.Context, dir string, src Source, opts Options) (*Report, error) {
	opts.setDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	w := newFailWatch(cancel, opts.Logger)
	rep, err := buildIndex(ctx, dir, src, opts, w)
	var text int64
	if rep != nil {
		text = rep.Bytes
	}
	return rep, explainFailure(dir, w, err, text, opts.ExpectBytes)
}

func buildIndex(ctx context.Context, dir string, src Source, opts Options, w *failWatch) (*Report, error) {
	if dir == "" {
		return nil, errors.New("indexer: build: no index directory given")
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := checkSpace(dir, opts.ExpectBytes); err != nil {
		return nil, err
	}
	removeStale(dir, opts.Logger)

	tmp := filepath.Join(dir, tmpPrefix+strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("indexer: build: %w", err)
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(tmp)
		}
	}()

	start := time.Now()
	m, err := NewMapping(opts.UserDict)
	if err != nil {
		return nil, err
	}
	defer relaxGC()()
	// Batches are persisted before Batch returns (no unsafe_batch): Close
	// does not wait for segments still in memory.
	idx, err := bleve.NewUsing(filepath.Join(tmp, bleveDir), m, scorch.Name, scorch.Name, buildConfig())
	if err != nil {
		return nil, fmt.Errorf("indexer: create index: %w", err)
	}
	storeDir := filepath.Join(tmp, bleveDir, "store")
	// The batches' segments are merged into one, which is synced, and
	// removed: they need not reach the disk before the next batch.
	defer zap.PersistUnsynced(storeDir)()
	w.watch(storeDir)
	defer w.stop()
	bg := newBigramCollector()
	st, closeStore, err := createStore(filepath.Join(tmp, storeFile))
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("indexer: passage store: %w", err)
	}
	storeClosed := false
	defer func() {
		if !storeClosed {
			closeStore()
		}
	}()
	rep, meta, mined, err := fill(ctx, idx, src, opts, bg, st, w)
	stage := func(name string) {
		if opts.Progress != nil && rep != nil {
			opts.Progress(Progress{Passages: rep.Indexed, Bytes: rep.Bytes, Elapsed: time.Since(start), Done: true, Stage: name})
		}
	}
	if err == nil {
		stage("merging")
		// The bigrams are put together while the index is merged.
		gathered := make(chan struct{})
		go func() {
			bg.gather()
			close(gathered)
		}()
		mergeStart := time.Now()
		err = forceMerge(ctx, idx, storeDir, w)
		opts.Logger.Debug("merged the index into one segment", "took", time.Since(mergeStart))
		<-gathered
	}
	if err == nil {
		// The passage store's table maps the merged segment's document
		// numbers to the passages' ordinals.
		err = w.call(func() error {
			if err := bg.number(idx, 0); err != nil {
				return err
			}
			return st.finish(bg.docNum)
		})
		storeClosed = true
		if cerr := closeStore(); err == nil {
			err = cerr
		}
		if err != nil {
			err = fmt.Errorf("indexer: passage store: %w", err)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		stage("bigram index")
		bigramStart := time.Now()
		var b *Bigrams
		if err = w.call(func() (err error) { b, err = bg.finish(idx); return err }); err == nil {
			err = writeBigrams(filepath.Join(tmp, bigramsFile), b)
		}
		opts.Logger.Debug("wrote the bigram index", "took", time.Since(bigramStart))
		if err != nil {
			err = fmt.Errorf("indexer: bigram index: %w", err)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = verifyBuild(idx, tmp, rep.Indexed)
	}
	if cerr := w.close(idx.Close); err == nil && cerr != nil {
		err = fmt.Errorf("indexer: close index: %w", cerr)
	}
	if err != nil {
		return rep, err
	}
	meta.Inputs = opts.Inputs
	meta.Glossaries = opts.GlossaryFiles
	if err := glossary.WriteFile(filepath.Join(tmp, glossaryFile), append(mined, opts.Glossary...)); err != nil {
		return rep, fmt.Errorf("indexer: write glossary: %w", err)
	}
	if meta.Files, err = sumFiles(tmp); err != nil {
		return rep, fmt.Errorf("indexer: %w", err)
	}
	if err := writeJSON(filepath.Join(tmp, metaFile), meta); err != nil {
		return rep, fmt.Errorf("indexer: write meta: %w", err)
	}
	if err := shareFiles(tmp); err != nil {
		return rep, fmt.Errorf("indexer: permissions: %w", err)
	}
	if opts.MinShare > 0 {
		if old, err := readMeta(currentGen(dir)); err == nil && float64(rep.Indexed) < opts.MinShare*float64(old.Passages) {
			return rep, fmt.Errorf("%w: the new index would hold %d passages, the current one %d; the current index is unchanged",
				ErrShrink, rep.Indexed, old.Passages)
		}
	}
	// The last moment a signal stops the build: from here the build
	// completes, whatever arrives. The stage is reported first, so that a
	// caller can tell a signal that came after it.
	stage(StagePublishing)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := publish(dir, tmp); err != nil {
		return rep, err
	}
	published = true
	removeStale(dir, opts.Logger)
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// fill indexes the passages of src into idx in batches. It returns the
// report, the meta data of the index and the mined glossary entries.
func fill(ctx context.Context, idx bleve.Index, src Source, opts Options, bg *bigramCollector, st *storeWriter, w *failWatch) (*Report, Meta, []glossary.Entry, error) {
	start := time.Now()
	rep := &Report{}
	meta := Meta{Format: Format, SchemaVersion: SchemaVersion, AnalyzerVersion: analyzers.Version,
		Created: start.UTC(), Lengths: map[string]float64{}}
	seen := make(map[string]string) // passage id → source, to report duplicates
	documents := make(map[string]bool)
	titles := &titleCache{}

	// The source is read on this goroutine; batches are analysed and
	// indexed by one worker per CPU. Bleve analyses a batch's documents in
	// parallel but builds its segment and waits for it to be persisted on
	// the calling goroutine, so one caller would leave cores idle.
	type job struct {
		docs  []*document.Document
		texts []corpus.Passage // for mining, the bigram index and the passage store
		first uint32           // the ordinal of the first passage
		bytes int64
	}
	jobs := make(chan job)
	var (
		mu      sync.Mutex // guards the fields below
		mined   []glossary.Entry
		done    int
		doneB   int64
		workErr error
	)
	// The batches go to Scorch itself: Bleve's Batch takes its own
	// document type only, not passageDoc.
	adv, err := idx.Advanced()
	if err != nil {
		return rep, meta, nil, fmt.Errorf("indexer: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bigrams := bg.shard()
			store := st.shard()
			for j := range jobs {
				b := index.NewBatch()
				for _, d := range j.docs {
					b.Update(passageDoc{d}) // ids are checked
				}
				err := w.call(func() error { return adv.Batch(b) })
				var found []glossary.Entry
				for _, p := range j.texts {
					if opts.Mined == nil {
						found = append(found, glossary.Mine(p.ID, p.Text)...)
					}
				}
				bigrams.add(j.first, j.texts, j.docs)
				serr := w.call(func() error { return store.add(j.first, j.texts) })
				mu.Lock()
				if err != nil && workErr == nil {
					workErr = fmt.Errorf("indexer: index batch: %w", err)
					cancel()
				}
				if serr != nil && workErr == nil {
					workErr = fmt.Errorf("indexer: passage store: %w", serr)
					cancel()
				}
				// The batch has analysed the documents: record their field lengths.
				for _, d := range j.docs {
					d.VisitFields(func(f index.Field) {
						if f.Options().IsIndexed() {
							meta.Lengths[f.Name()] += float64(f.AnalyzedLength())
						}
					})
				}
				mined = append(mined, found...)
				done += len(j.docs)
				doneB += j.bytes
				if opts.Progress != nil {
					opts.Progress(Progress{Passages: done, Bytes: doneB, Elapsed: time.Since(start)})
				}
				mu.Unlock()
			}
		}()
	}

	var cur job
	send := func() error {
		if len(cur.docs) == 0 {
			return nil
		}
		if cur.first == 0 {
			// The first batch's passages give the store its dictionary,
			// before any worker compresses a block.
			if err := st.prime(cur.texts); err != nil {
				return fmt.Errorf("indexer: passage store: %w", err)
			}
		}
		select {
		case jobs <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = job{first: uint32(len(bg.ids))}
		return nil
	}
	summary, err := src(ctx, func(p corpus.Passage) error {
		if p.ID == "" {
			rep.Skipped = append(rep.Skipped, corpus.Problem{Path: p.Source, Err: errors.New("passage without id")})
			return nil
		}
		if first, dup := seen[p.ID]; dup {
			rep.Skipped = append(rep.Skipped, corpus.Problem{Path: p.Source,
				Err: fmt.Errorf("duplicate passage id %q (first from %s); kept the first", p.ID, first)})
			return nil
		}
		if strings.TrimSpace(p.Text) == "" {
			rep.Skipped = append(rep.Skipped, corpus.Problem{Path: p.Source,
				Err: fmt.Errorf("passage %q has no text", p.ID)})
			return nil
		}
		seen[p.ID] = p.Source
		fields, err := fieldsOf(p)
		if err != nil {
			return err
		}
		d := document.NewDocument(p.ID)
		if err := idx.Mapping().MapDocument(d, fields); err != nil {
			return fmt.Errorf("indexer: passage %s: %w", p.ID, err)
		}
		useTextFields(d, titles, true)
		cur.docs = append(cur.docs, d)
		cur.texts = append(cur.texts, p)
		bg.ids = append(bg.ids, p.ID)
		cur.bytes += int64(len(p.Text))
		documents[p.Document] = true
		rep.Indexed++
		rep.Bytes += int64(len(p.Text))
		if len(cur.docs) >= opts.BatchSize || cur.bytes >= opts.BatchBytes {
			return send()
		}
		return nil
	})
	if err == nil {
		err = send()
	}
	close(jobs)
	wg.Wait()
	if workErr != nil {
		err = workErr
	}
	if opts.Mined != nil {
		mined = slices.Clone(opts.Mined)
	}
	rep.Summary = summary
	rep.Documents = len(documents)
	rep.Mined = len(mined)
	rep.Elapsed = time.Since(start)
	meta.Documents, meta.Passages, meta.Bytes = rep.Documents, rep.Indexed, rep.Bytes
	if opts.Progress != nil {
		opts.Progress(Progress{Passages: rep.Indexed, Bytes: rep.Bytes, Elapsed: rep.Elapsed, Done: true})
	}
	if err != nil {
		return rep, meta, nil, err
	}
	if rep.Indexed == 0 {
		return rep, meta, nil, ErrNoInputPassed
	}
	return rep, meta, mined, nil
}

// buildGCPercent is the GC target of a build. A build allocated about
// 250 bytes per byte of text, nearly all of it garbage once its batch is
// in a segment, and a target of 200 saved collections: with it, 12 MB of
// text took 23.4 instead of 24.5 CPU seconds on an idle machine, for a
// peak RSS of 710-760 MB instead of 500-530. Since the analysed fields
// reach the segment without Bleve's token maps and tokens, a build
// allocates about 60% of that, and the default target costs little: on
// the 48 MB scale corpus (two builds side by side on a loaded machine)
// 100 made 50 collections instead of 23, about 2% of the CPU time more
// (gctrace: 3% instead of 1%; 42.3 instead of 40.8 CPU seconds), for a
// peak RSS of 342 MB instead of 411 MB (the heap peaked at 203 MB
// instead of 279 MB).
const buildGCPercent = 100

// buildMemoryLimit is the soft limit on a build's heap: below it the GC
// target above holds, near it the GC collects sooner. The larger the
// corpus, the larger the heap the target allows (the bigram postings and
// the segments to merge grow with it); with the limit, 48 MB of text
// peaked at 525 MB of RSS instead of 817 MB for 5% more CPU time (33.1
// instead of 31.6 s), and 96 MB at 615 MB instead of 1,073 MB for 4% more.
const buildMemoryLimit = 400 << 20

// relaxGC sets the GC target of a build, unless the user set GOGC, and
// sets a soft memory limit, unless the user set GOMEMLIMIT; it returns
// the function that restores them.
func relaxGC() (restore func()) {
	oldLimit := int64(-1)
	if os.Getenv("GOMEMLIMIT") == "" {
		oldLimit = debug.SetMemoryLimit(buildMemoryLimit)
	}
	oldPercent := -1
	if os.Getenv("GOGC") == "" {
		oldPercent = debug.SetGCPercent(buildGCPercent)
	}
	return func() {
		if oldPercent != -1 {
			debug.SetGCPercent(oldPercent)
		}
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
	}
}

// maxMergeSegments bounds the segments merged at once. A build makes one
// segment per batch (about 1,000 passages); every one is written once by
// its batch and once more by the final merge.
const maxMergeSegments = 1 << 16

// buildConfig returns the Scorch configuration of a build or an update.
// Its merge plan allows as many segments per tier as a build can make, so
// the merger leaves the segments alone while batches arrive: the final
// forceMerge merges them all in one pass, where tiered merges during the
// build wrote the same data again at every tier (24 MB of text: merging
// 5.9 -> 4.7 CPU seconds of 54 -> 49). Each call returns a new map:
// Bleve writes the store's path into the map it is given, so a shared
// map would carry one build's path into the next and race between
// concurrent builds.
func buildConfig() map[string]any {
	return segmentConfig(map[string]any{
		"asyncErrorCallbackName": asyncErrorCallback,
		"scorchPersisterOptions": map[string]any{"MemoryPressurePauseThreshold": 0},
		"scorchMergePlanOptions": map[string]any{
			"MaxSegmentsPerTier":   maxMergeSegments,
			"FloorSegmentSize":     1,
			"SegmentsPerMergeTask": maxMergeSegments,
		},
	})
}

// forceMerge merges the index into one segment: queries are faster, and
// scores do not drift with the segment layout. storeDir is the directory
// of its segment files.
func forceMerge(ctx context.Context, idx bleve.Index, storeDir string, w *failWatch) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: merge: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	opts.SegmentsPerMergeTask = maxMergeSegments // one pass over the data
	// A force merge takes the segments already on disk: wait until the
	// last batches are written, or they stay beside the merged segment
	// (96 MB of text ended in two segments; a test of tiny batches in
	// three). Should one still escape, merge again.
	deadline := time.Now().Add(mergeWait)
	for {
		if err := awaitPersisted(ctx, s, deadline); err != nil {
			return fmt.Errorf("indexer: merge: %w", err)
		}
		if err := w.call(func() error { return s.ForceMerge(ctx, &opts) }); err != nil {
			return fmt.Errorf("indexer: merge: %w", err)
		}
		// ForceMerge returns nil when ctx ends: the merge was abandoned
		// and the segments stay apart.
		if err := ctx.Err(); err != nil {
			return err
		}
		n, _, err := segmentCounts(s)
		if err != nil {
			return fmt.Errorf("indexer: merge: %w", err)
		}
		if n <= 1 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("indexer: merge: %d segments left after %v", n, mergeWait)
		}
	}
	awaitCleanup(ctx, s, storeDir, cleanupTimeout)
	return ctx.Err()
}

// verifyBuild checks a generation before it is published: the index is
// one segment of passages documents (searches read the one segment's
// posting lists and the bigram index numbers its documents), and the
// bigram index written at genDir reads back with the same passages.
func verifyBuild(idx bleve.Index, genDir string, passages int) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("indexer: verify: %w", err)
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		n, inMemory, err := segmentCounts(s)
		if err != nil {
			return fmt.Errorf("indexer: verify: %w", err)
		}
		if n != 1 || inMemory != 0 {
			return fmt.Errorf("indexer: verify: the index has %d segments (%d in memory), want one on disk", n, inMemory)
		}
	}
	count, err := idx.DocCount()
	if err != nil {
		return fmt.Errorf("indexer: verify: %w", err)
	}
	if count != uint64(passages) {
		return fmt.Errorf("indexer: verify: the index holds %d passages, %d were indexed", count, passages)
	}
	b, err := readBigrams(filepath.Join(genDir, bigramsFile))
	if err != nil {
		return fmt.Errorf("indexer: verify: %w", err)
	}
	if got := b.Passages(); got != passages {
		return fmt.Errorf("indexer: verify: the bigram index numbers %d passages, %d were indexed", got, passages)
	}
	s, err := openStore(filepath.Join(genDir, storeFile))
	if err != nil {
		return fmt.Errorf("indexer: verify: %w", err)
	}
	defer s.Close()
	if got := s.Passages(); got != passages {
		return fmt.Errorf("indexer: verify: the passage store numbers %d passages, %d were indexed", got, passages)
	}
	return nil
}

// mergeWait bounds how long forceMerge waits for segments to reach the
// disk.
const mergeWait = 2 * time.Minute

// awaitPersisted waits until every segment of s is on disk, or deadline.
func awaitPersisted(ctx context.Context, s *scorch.Scorch, deadline time.Time) error {
	for {
		_, inMemory, err := segmentCounts(s)
		if err != nil || inMemory == 0 || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// segmentCounts returns the number of segments of the current snapshot
// of s, and how many of them are not on disk yet.
func segmentCounts(s *scorch.Scorch) (all, inMemory int, err error) {
	r, err := s.Reader()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, 0, fmt.Errorf("unexpected reader %T", r)
	}
	for _, ss := range snap.Segments() {
		if _, ok := ss.Segment().(segment.PersistedSegment); !ok {
			inMemory++
		}
	}
	return len(snap.Segments()), inMemory, nil
}

// cleanupTimeout bounds how long a build waits for Bleve to delete the
// segment files a merge made obsolete.
const cleanupTimeout = 10 * time.Second

// awaitCleanup waits until dir, the segment directory of s, holds no segment file
// besides those of its current snapshot, or until timeout. Scorch deletes
// merged-away segments in its persister loop, and Close does not wait for
// that: without this wait, a generation kept them for good (28 MB of live
// segment beside 33 MB of obsolete ones for 6 MB of text). It gives up
// quietly: the leftover files waste space but do no harm.
func awaitCleanup(ctx context.Context, s *scorch.Scorch, dir string, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for {
		stats := s.StatsMap()
		root, _ := stats["num_root_filesegments"].(uint64)
		mem, _ := stats["num_root_memorysegments"].(uint64)
		if mem == 0 && root > 0 && uint64(countSegmentFiles(dir)) <= root {
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countSegmentFiles(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			n++
		}
	}
	return n
}

// Directory layout of an index at dir:
//
//	dir/current      symlink to the live generation, replaced atomically
//	dir/lock         flock(2)ed by the one build running
//	dir/gen-XXXX/    a generation: kensaku.json, glossary.json, bigrams.bin, passages.bin, bleve/;
//	                 after an update, segments.json and a bigrams-*.bin and passages-*.bin per segment
//	dir/tmp-XXXX/    a generation being built
const (
	currentLink  = "current"
	lockFile     = "lock"
	genPrefix    = "gen-"
	tmpPrefix    = "tmp-"
	bleveDir     = "bleve"
	glossaryFile = glossary.FileName
)

// prepareDir creates dir or checks that it is empty or a kensaku index.
func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("indexer: create %s: %w", dir, err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("indexer: %s: %w", dir, err)
	}
	for _, e := range entries {
		n := e.Name()
		if n == currentLink || n == lockFile || n == currentLink+".tmp" ||
			strings.HasPrefix(n, genPrefix) || strings.HasPrefix(n, tmpPrefix) {
			continue
		}
		return fmt.Errorf("%w: %s holds %s; refusing to write into it (nothing was changed)", ErrNotIndex, dir, n)
	}
	return nil
}

// lockDir takes the build lock of dir: an exclusive lock on its lock file
// (lock_unix.go, lock_windows.go), held until unlock is called and
// released by the system if the process dies.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("indexer: lock %s: %w", dir, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("indexer: lock %s: %w", dir, err)
	}
	if !held {
		f.Close()
		return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
	}
	return func() {
		unlockFile(f)
		f.Close()
	}, nil
}

// publish renames the finished generation tmp into place and points the
// current link at it. The link is replaced with rename(2), which is atomic.
func publish(dir, tmp string) error {
	gen := genPrefix + strings.TrimPrefix(filepath.Base(tmp), tmpPrefix)
	if err := syncDir(tmp); err != nil {
		return fmt.Errorf("indexer: publish: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, gen)); err != nil {
		return fmt.Errorf("indexer: publish: %w", err)
	}
	link := filepath.Join(dir, currentLink+".tmp")
	os.Remove(link)
	if err := os.Symlink(gen, link); err != nil {
		return fmt.Errorf("indexer: publish: %w", err)
	}
	if err := os.Rename(link, filepath.Join(dir, currentLink)); err != nil {
		return fmt.Errorf("indexer: publish: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("indexer: publish: %w", err)
	}
	return nil
}

// CurrentGeneration returns the name of the generation dir serves, which a
// build replaces: a server can watch it to follow rebuilds.
func CurrentGeneration(dir string) (string, error) {
	gen, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		return "", fmt.Errorf("indexer: %s: %w", dir, err)
	}
	return gen, nil
}

// currentGen returns the directory of dir's current generation, or "" when
// it has none.
func currentGen(dir string) string {
	gen, err := os.Readlink(filepath.Join(dir, currentLink))
	if err != nil {
		return ""
	}
	return filepath.Join(dir, gen)
}

// removeStale removes generations other than the current one and builds
// left over by killed processes. It runs under the build lock. Processes
// that have an old generation open keep reading it: its files stay until
// they close them.
func removeStale(dir string, log *slog.Logger) {
	cur, _ := os.Readlink(filepath.Join(dir, currentLink))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if n == cur || !(strings.HasPrefix(n, genPrefix) || strings.HasPrefix(n, tmpPrefix)) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
			log.Warn("remove stale generation", "path", filepath.Join(dir, n), "err", err)
		}
	}
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// SpaceFactor is the disk space a build needs per byte of text: an index
// takes about 2.1 bytes per byte of text (48 MB of text, 104 MB), and the
// batches' segments and the merged one stand side by side until the merge
// ends.
const SpaceFactor = 5

// checkSpace refuses a build of expect bytes of text into dir when its
// file system has less than SpaceFactor times that free: a full disk in
// the middle of a build fails late (or, inside Bleve, badly).
func checkSpace(dir string, expect int64) error {
	if expect <= 0 {
		return nil
	}
	free, ok := freeSpace(dir)
	need := uint64(expect) * SpaceFactor
	if ok && free < need {
		return fmt.Errorf("%w: %s has %s free, a build of %s of text needs about %s; nothing was changed",
			ErrNoSpace, dir, mib(free), mib(uint64(expect)), mib(need))
	}
	return nil
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
