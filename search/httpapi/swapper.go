package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/kensaku/kensaku/search"
)

// ErrClosed is returned by [Swapper.Search] after [Swapper.Close].
var ErrClosed = errors.New("httpapi: searcher closed")

// Swapper is a [search.Searcher] whose underlying searcher can be replaced
// while searches are running: searches that started before [Swapper.Swap]
// finish on the old searcher, which is closed when the last of them
// returns. It is safe for concurrent use.
type Swapper struct {
	logger *slog.Logger
	mu     sync.Mutex
	cur    *swapRef // nil after Close
}

// swapRef is a searcher with a count of its users. The Swapper holds one
// reference while the searcher is current; each search holds another.
type swapRef struct {
	s      search.Searcher
	closer io.Closer // may be nil
	refs   int       // guarded by Swapper.mu
}

var _ search.Searcher = (*Swapper)(nil)

// NewSwapper returns a Swapper serving s; closer (which may be nil) is
// closed when s is no longer current and no search uses it. Errors from
// closers closed after a swap go to logger (nil discards them).
func NewSwapper(s search.Searcher, closer io.Closer, logger *slog.Logger) *Swapper {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Swapper{logger: logger, cur: &swapRef{s: s, closer: closer, refs: 1}}
}

// acquire returns the current searcher with a reference taken, or nil after
// Close.
func (w *Swapper) acquire() *swapRef {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cur != nil {
		w.cur.refs++
	}
	return w.cur
}

// release drops a reference to r, closing r's closer when it was the last.
func (w *Swapper) release(r *swapRef) error {
	w.mu.Lock()
	r.refs--
	last := r.refs == 0
	w.mu.Unlock()
	if last && r.closer != nil {
		return r.closer.Close()
	}
	return nil
}

// Search runs req on the current searcher. After Close it returns
// ErrClosed.
func (w *Swapper) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	r := w.acquire()
	if r == nil {
		return nil, ErrClosed
	}
	defer func() {
		if err := w.release(r); err != nil {
			w.logger.Error("close replaced searcher", "err", err)
		}
	}()
	return r.s.Search(ctx, req)
}

// Swap makes s (with its closer, which may be nil) the current searcher.
// The previous one is closed once the searches using it have returned. Swap
// after Close closes s's closer and returns ErrClosed.
func (w *Swapper) Swap(s search.Searcher, closer io.Closer) error {
	w.mu.Lock()
	old := w.cur
	if old == nil {
		w.mu.Unlock()
		if closer != nil {
			return errors.Join(ErrClosed, closer.Close())
		}
		return ErrClosed
	}
	w.cur = &swapRef{s: s, closer: closer, refs: 1}
	w.mu.Unlock()
	if err := w.release(old); err != nil {
		w.logger.Error("close replaced searcher", "err", err)
	}
	return nil
}

// Close stops new searches and closes the current searcher once the
// searches using it have returned. It returns the closer's error when no
// search was running; otherwise the error is logged later. Close is
// idempotent.
func (w *Swapper) Close() error {
	w.mu.Lock()
	old := w.cur
	w.cur = nil
	w.mu.Unlock()
	if old == nil {
		return nil
	}
	return w.release(old)
}

// Health reports the health of the current searcher, when it can tell
// (see [HealthChecker]); after Close it returns ErrClosed.
func (w *Swapper) Health() error {
	r := w.acquire()
	if r == nil {
		return ErrClosed
	}
	defer w.release(r)
	if hc, ok := r.s.(HealthChecker); ok {
		return hc.Health()
	}
	return nil
}

// Passage returns a passage by id from the current searcher, when it can
// (see [PassageGetter]).
func (w *Swapper) Passage(ctx context.Context, id string) (*search.Hit, error) {
	r := w.acquire()
	if r == nil {
		return nil, ErrClosed
	}
	defer w.release(r)
	if pg, ok := r.s.(PassageGetter); ok {
		return pg.Passage(ctx, id)
	}
	return nil, fmt.Errorf("%w: this searcher returns no passages by id", search.ErrNotFound)
}
