package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/kensaku/kensaku/corpus"
)

// Writer changes an index in place: it adds, replaces and deletes
// passages, and makes them visible together with Commit (see Update).
// It holds the index's lock from OpenWriter to Close: no build or other
// writer runs on the index meanwhile; readers do, and see each commit
// when they open the index again. A Writer is not safe for concurrent
// use.
type Writer struct {
	dir    string
	opts   Options
	unlock func()

	adds    []corpus.Passage
	addAt   map[string]int // id → index in adds
	dels    []string
	delDocs []string
}

// ErrWriterClosed is returned by the methods of a closed Writer.
var ErrWriterClosed = errors.New("indexer: writer is closed")

// OpenWriter opens a Writer on the index at dir, which must exist (build
// it with Build). opts apply to every commit (see Update).
func OpenWriter(dir string, opts Options) (*Writer, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNoIndex, dir)
	}
	if currentGen(dir) == "" {
		return nil, fmt.Errorf("%w: %s has no current index (build one with kensaku index)", ErrNotIndex, dir)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	return &Writer{dir: dir, opts: opts, unlock: unlock, addAt: map[string]int{}}, nil
}

// Add adds p, or replaces the passage with its id, at the next commit.
func (w *Writer) Add(p corpus.Passage) error {
	if w.unlock == nil {
		return ErrWriterClosed
	}
	if i, ok := w.addAt[p.ID]; ok {
		w.adds[i] = p
		return nil
	}
	w.addAt[p.ID] = len(w.adds)
	w.adds = append(w.adds, p)
	return nil
}

// Delete deletes the passage with id at the next commit, and any passage
// with that id added since the last one.
func (w *Writer) Delete(id string) error {
	if w.unlock == nil {
		return ErrWriterClosed
	}
	w.dropAdds(func(p corpus.Passage) bool { return p.ID == id })
	w.dels = append(w.dels, id)
	return nil
}

// DeleteDocument deletes the passages of the document named name at the
// next commit, and those added since the last one.
func (w *Writer) DeleteDocument(name string) error {
	if w.unlock == nil {
		return ErrWriterClosed
	}
	w.dropAdds(func(p corpus.Passage) bool { return p.Document == name })
	w.delDocs = append(w.delDocs, name)
	return nil
}

func (w *Writer) dropAdds(drop func(corpus.Passage) bool) {
	n := len(w.adds)
	w.adds = slices.DeleteFunc(w.adds, drop)
	if len(w.adds) == n {
		return
	}
	clear(w.addAt)
	for i, p := range w.adds {
		w.addAt[p.ID] = i
	}
}

// Pending reports whether changes wait for a commit.
func (w *Writer) Pending() bool { return len(w.adds)+len(w.dels)+len(w.delDocs) > 0 }

// Commit makes the changes since the last commit visible, atomically,
// in a new generation of the index (see Update). A failed commit leaves
// the index as it was and keeps the changes pending. A commit of no
// changes does nothing.
func (w *Writer) Commit(ctx context.Context) (*Report, error) {
	if w.unlock == nil {
		return nil, ErrWriterClosed
	}
	if !w.Pending() {
		return &Report{}, nil
	}
	ch := Change{Delete: w.dels, DeleteDocuments: w.delDocs}
	if len(w.adds) > 0 {
		ch.Source = Passages(w.adds)
	}
	opts := w.opts
	opts.setDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	fw := newFailWatch(cancel, opts.Logger)
	rep, err := withGeneration(ctx, w.dir, false, opts, fw, func(g *nextGen) (*Report, error) { return g.update(ctx, ch) })
	var text int64
	if rep != nil {
		text = rep.Bytes
	}
	if err = explainFailure(w.dir, fw, err, text, opts.ExpectBytes); err != nil {
		return rep, err
	}
	w.adds, w.dels, w.delDocs = nil, nil, nil
	clear(w.addAt)
	return rep, nil
}

// Close releases the index's lock. Changes not committed are dropped.
// Closing again does nothing.
func (w *Writer) Close() error {
	if w.unlock != nil {
		w.unlock()
		w.unlock = nil
	}
	return nil
}
