package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/kensaku/kensaku/indexer"
)

// Open opens the index at dir and returns an Engine that owns it: Close
// the engine when done.
func Open(dir string, opts Options) (*Engine, error) {
	ix, err := indexer.Open(dir)
	if err != nil {
		return nil, err
	}
	e, err := New(ix, opts)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("search: open %s: %w", dir, err)
	}
	e.owned = true
	return e, nil
}

// OpenBuiltin returns an Engine over the built-in corpus, which is
// indexed in memory on first use.
func OpenBuiltin(opts Options) (*Engine, error) {
	ix, err := indexer.Builtin()
	if err != nil {
		return nil, err
	}
	return New(ix, opts)
}

// Close releases the index if the engine opened it (see [Open]). Calling
// it again does nothing and returns the first call's error.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() {
		if e.owned {
			e.closeErr = e.ix.Close()
		}
	})
	return e.closeErr
}

// Health reports whether the index's files are still as they were built
// (every file there, with its size): a cheap check for /healthz. A file
// changed under a running engine is reported, not served silently.
func (e *Engine) Health() error { return e.ix.Health() }

// ErrNotFound is returned by [Engine.Passage] for an id no passage has.
var ErrNotFound = errors.New("search: no passage with that id")

// Passage returns the passage with id, as a hit without score or
// highlights, or ErrNotFound.
func (e *Engine) Passage(ctx context.Context, id string) (hit *Hit, err error) {
	if err := e.ix.CheckSegments(ctx); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer e.guard(&err)()
	return e.passage(ctx, id)
}

func (e *Engine) passage(ctx context.Context, id string) (*Hit, error) {
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	res, err := e.ix.Search(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: passage %q: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	h := res.Hits[0]
	ps, err := e.passagesOf(res.Hits)
	if err != nil {
		return nil, err
	}
	p := ps[0]
	return &Hit{ID: h.ID, Document: p.Document, Title: p.Title, Page: p.Page,
		Section: p.SectionPath(), Kind: string(p.Kind), Text: p.Text,
		PDFPage: p.PDFPage, Source: p.Source, Meta: p.Meta}, nil
}
