package indexer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/glossary"
)

// Index is an open kensaku index: the Bleve index, its description and the
// glossary stored with it. It is safe for concurrent use.
type Index struct {
	bix      bleve.Index // the Bleve index; other packages reach it through Search, Mapping and Reader only
	Bigrams  *Bigrams    // the passages of every character bigram of the text
	Meta     Meta
	Glossary []glossary.Entry // mined from the passages and given at build time
	Path     string           // the generation directory; "" for an in-memory index
	store    *TextStore       // the passages as hits show them (see Passages)
	shared   bool             // the built-in index, which Close leaves open

	closeOnce sync.Once
	closeErr  error
	faults    faultState    // failures reading the index, for Health
	segments  []segmentFile // the segment files Bleve maps, watched by CheckSegments
}

// Open opens the index at dir for reading.
func Open(dir string) (*Index, error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNoIndex, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrNotIndex, dir)
	}
	// A build may retire the generation between reading the link and
	// opening it; read the link again then.
	var lastErr error
	for range 3 {
		gen, err := os.Readlink(filepath.Join(dir, currentLink))
		if err != nil {
			if _, serr := os.Stat(filepath.Join(dir, "index_meta.json")); serr == nil {
				return nil, fmt.Errorf("%w: %s is a Bleve index not built by kensaku", ErrNotIndex, dir)
			}
			return nil, fmt.Errorf("%w: %s has no current index (build one with kensaku index)", ErrNotIndex, dir)
		}
		ix, err := openGen(filepath.Join(dir, gen))
		if err == nil {
			return ix, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
		}
		lastErr = err
	}
	return nil, fmt.Errorf("indexer: open %s: %w", dir, lastErr)
}

func openGen(genDir string) (*Index, error) {
	meta, err := readMeta(genDir)
	if err != nil {
		return nil, err
	}
	level := openLevel(meta.Files)
	if err := verifyFiles(genDir, meta.Files, level); err != nil {
		return nil, err
	}
	entries, err := glossary.ReadFile(filepath.Join(genDir, glossaryFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	bigrams, err := readBigrams(filepath.Join(genDir, bigramsFile))
	if errors.Is(err, os.ErrNotExist) && hasSegmentTables(genDir) {
		bigrams, err = nil, nil // an update dropped the first segment (living.go)
	}
	if errors.Is(err, os.ErrNotExist) {
		// Not a generation retired under us (its meta file was there):
		// the index is incomplete.
		err = fmt.Errorf("%w: %s is missing", errBigrams, bigramsFile)
	}
	if err != nil {
		return nil, fmt.Errorf("read bigram index: %w", err)
	}
	store, err := openStore(filepath.Join(genDir, storeFile))
	if errors.Is(err, os.ErrNotExist) && hasSegmentTables(genDir) {
		store, err = nil, nil // an update dropped the first segment (living.go)
	}
	if errors.Is(err, os.ErrNotExist) {
		err = fmt.Errorf("%w: %s is missing", errStore, storeFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: read passage store: %w", ErrDamaged, err)
	}
	idx, err := openBleve(filepath.Join(genDir, bleveDir))
	if err != nil {
		store.Close()
		return nil, err
	}
	if bigrams, err = openBigramSet(genDir, idx, bigrams); err != nil {
		idx.Close()
		store.Close()
		return nil, fmt.Errorf("read bigram index: %w", err)
	}
	if store, err = openStoreSet(genDir, idx, store); err != nil {
		idx.Close()
		return nil, fmt.Errorf("%w: read passage store: %w", ErrDamaged, err)
	}
	if store.Passages() != meta.Passages {
		idx.Close()
		store.Close()
		return nil, fmt.Errorf("%w: the passage store numbers %d passages, %s counts %d", ErrDamaged, store.Passages(), metaFile, meta.Passages)
	}
	segs, err := openSegments(genDir, meta.Files)
	if err != nil {
		idx.Close()
		store.Close()
		return nil, err
	}
	ix := &Index{bix: idx, Bigrams: bigrams, Meta: meta, Glossary: entries, Path: genDir, segments: segs, store: store}
	if level < checkFull && BackgroundCheck {
		ix.verifyInBackground()
	}
	return ix, nil
}

// openBleve opens the Bleve index at path for reading. Bleve does not
// check what it reads: a panic or a memory fault while it reads a damaged
// root.bolt or segment (an index over OpenCheckLimit has only its sizes
// checked) is an error wrapping ErrDamaged.
func openBleve(path string) (idx bleve.Index, err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%w: reading %s failed (%v); check it with kensaku check, rebuild it with kensaku index", ErrDamaged, path, r)
		}
	}()
	idx, err = bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open bleve index: %w", err)
	}
	return idx, nil
}

// NewMemory builds an in-memory index of the passages from src. It uses
// scorch without a path, which keeps BM25 scoring (Bleve's NewMemOnly
// would fall back to TF-IDF).
func NewMemory(ctx context.Context, src Source, opts Options) (*Index, *Report, error) {
	opts.setDefaults()
	m, err := NewMapping(opts.UserDict)
	if err != nil {
		return nil, nil, err
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, segmentConfig(map[string]any{}))
	if err != nil {
		return nil, nil, fmt.Errorf("indexer: create index: %w", err)
	}
	bg := newBigramCollector()
	var buf bytes.Buffer
	st := newStoreWriter(&buf)
	rep, meta, mined, err := fill(ctx, idx, src, opts, bg, st, newFailWatch(func(error) {}, opts.Logger))
	var bigrams *Bigrams
	if err == nil {
		bg.gather()
		if bigrams, err = bg.finish(idx); err != nil {
			err = fmt.Errorf("indexer: bigram index: %w", err)
		}
	}
	var store *TextStore
	if err == nil {
		if err = bg.number(idx, 0); err == nil {
			err = st.finish(bg.docNum)
		}
		if err == nil {
			store, err = readStore(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		}
		if err != nil {
			err = fmt.Errorf("indexer: passage store: %w", err)
		}
	}
	if err != nil {
		idx.Close()
		return nil, rep, err
	}
	return &Index{bix: idx, Bigrams: bigrams, Meta: meta, Glossary: append(mined, opts.Glossary...), store: store}, rep, nil
}

// Builtin returns the index of the built-in corpus, opened on first use
// (see builtin.go: it is built ahead of time and embedded) and shared
// afterwards. Do not close it.
func Builtin() (*Index, error) { return builtin() }

// BM25Stats returns the statistics BM25 needs, from the lengths recorded at
// build time. Pass them to Bleve in SearchRequest.PreSearchData under
// search.BM25PreSearchDataKey: Bleve's own estimate of the mean field
// length counts distinct terms per segment, not tokens.
func (ix *Index) BM25Stats() *search.BM25Stats {
	s := &search.BM25Stats{DocCount: float64(ix.Meta.Passages), FieldCardinality: map[string]int{}}
	for f, n := range ix.Meta.Lengths {
		// A field empty in every passage would give a mean length of 0,
		// which Bleve takes to mean TF-IDF; count one token a passage.
		s.FieldCardinality[f] = max(int(n), ix.Meta.Passages)
	}
	return s
}

// Close closes the index; closing it again returns the same result.
// Closing the built-in index is a no-op.
func (ix *Index) Close() error {
	if ix.shared {
		return nil
	}
	ix.closeOnce.Do(func() {
		ix.faults.closed.Store(true)
		ix.closeErr = errors.Join(ix.bix.Close(), ix.store.Close())
		closeSegments(ix.segments)
	})
	return ix.closeErr
}

// Search runs a Bleve search request against the index: the read-only
// access search/ needs. Nothing outside indexer writes to the Bleve index
// behind its tables.
func (ix *Index) Search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return ix.bix.SearchInContext(ctx, req)
}

// Mapping returns the index mapping (the schema's fields and analyzers).
func (ix *Index) Mapping() mapping.IndexMapping { return ix.bix.Mapping() }

// Reader returns a reader of the index's current snapshot (its term
// dictionaries and postings, by Bleve's document numbers); the caller
// closes it.
func (ix *Index) Reader() (index.IndexReader, error) {
	adv, err := ix.bix.Advanced()
	if err != nil {
		return nil, fmt.Errorf("indexer: reader: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("indexer: reader: %w", err)
	}
	return r, nil
}
