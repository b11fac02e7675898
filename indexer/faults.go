package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A build hears of the failures of Bleve's background work through this
// file's watch, and calls Bleve through it.
//
// Bleve persists segments and merges them on goroutines of its own. On a
// full disk it retries a failed merge for ever, so a force merge waited
// for ever (more than ten minutes in a test); a loop that panics stops,
// leaving every call that waits for it blocked; and a segment closed after
// a failed write made Batch panic ("assignment to entry in nil map" inside
// zapx) on the caller's goroutine, which killed the process. Bleve
// reports these failures only to a callback registered by name in its
// configuration: the watch of the build receives them and stops the build.

// asyncErrorCallback is the name under which the callback is registered in
// Bleve's registry and given in a build's configuration.
const asyncErrorCallback = "kensaku-build"

// watches maps the Scorch path of an index being built to its *failWatch.
var watches sync.Map

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		if w, ok := watches.Load(path); ok {
			w.(*failWatch).asyncError(err)
		}
	}
}

// errBleveFailed marks a panic of Bleve turned into an error.
var errBleveFailed = errors.New("Bleve failed")

// failWatch records the first failure of a build's Bleve index and
// cancels the build's context with it.
type failWatch struct {
	path   string // the Scorch path, the key in watches
	cancel context.CancelCauseFunc
	log    *slog.Logger
	done   chan struct{} // closed on the first failure
	once   sync.Once
	err    error // the first failure; set before done is closed
}

// newFailWatch returns a watch that cancels a build with cancel on the
// first failure.
func newFailWatch(cancel context.CancelCauseFunc, log *slog.Logger) *failWatch {
	return &failWatch{cancel: cancel, log: log, done: make(chan struct{})}
}

// watch makes w receive the background failures of the Bleve index whose
// Scorch path is path. Call stop when the index is closed.
func (w *failWatch) watch(path string) {
	w.path = path
	watches.Store(path, w)
}

func (w *failWatch) stop() { watches.Delete(w.path) }

// asyncError receives a failure of Bleve's background work. A file Bleve
// could not delete wastes space but harms nothing; anything else (a
// segment not written, a merge failed, a loop that panicked) stops the
// build.
func (w *failWatch) asyncError(err error) {
	if errors.Is(err, scorch.ErrCleanup) {
		w.log.Warn("bleve cleanup", "err", err)
		return
	}
	var se *scorch.ScorchError
	if errors.As(err, &se) {
		// "merging err: write ...: no space left on device"
		err = fmt.Errorf("%w: %s", se.ErrType, se.ErrMsg)
	}
	w.fail(fmt.Errorf("indexer: bleve %w", err))
}

func (w *failWatch) fail(err error) {
	w.once.Do(func() {
		w.err = err
		close(w.done)
		w.cancel(err)
	})
}

// failure returns the first failure, or nil.
func (w *failWatch) failure() error {
	select {
	case <-w.done:
		return w.err
	default:
		return nil
	}
}

// call runs f, a call into Bleve, on a goroutine of its own, where a panic
// or a fault reading a memory-mapped file becomes an error that stops the
// build. It returns early with the build's failure when there is one:
// after a failure, calls such as Batch may wait for ever for loops that
// have stopped (their goroutine is then abandoned; the build is failing).
// It does not return early when the build is merely cancelled, so that a
// cancelled build closes its index cleanly.
func (w *failWatch) call(f func() error) error {
	res := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				err := fmt.Errorf("indexer: %w: %v", errBleveFailed, r)
				w.fail(err)
				res <- err
			}
		}()
		debug.SetPanicOnFault(true)
		res <- f()
	}()
	select {
	case err := <-res:
		return err
	case <-w.done:
		return w.err
	}
}

// closeTimeout bounds how long a failed build waits for Bleve to close its
// index: Close waits for batches that may never end.
const closeTimeout = 30 * time.Second

// close closes the index with closeIndex; after a failure it waits at most
// closeTimeout.
func (w *failWatch) close(closeIndex func() error) error {
	res := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				res <- fmt.Errorf("%w: %v", errBleveFailed, r)
			}
		}()
		res <- closeIndex()
	}()
	select {
	case err := <-res:
		return err
	case <-w.done:
	}
	select {
	case err := <-res:
		return err
	case <-time.After(closeTimeout):
		return fmt.Errorf("%w: the index did not close within %v", errBleveFailed, closeTimeout)
	}
}

// explainFailure returns the error a failed build of dir reports: the
// first failure of Bleve when the build stopped because of it, an
// ErrNoSpace naming dir and the space the build needs when a write failed
// for want of space. textBytes is the text the build read before it failed.
func explainFailure(dir string, w *failWatch, err error, textBytes, expectBytes int64) error {
	if err == nil {
		return nil
	}
	if f := w.failure(); f != nil && (errors.Is(err, f) || errors.Is(err, context.Canceled) || errors.Is(err, errBleveFailed)) {
		err = f
	}
	if !isNoSpace(err) {
		return err
	}
	space := ""
	// A build that failed part way needs at least SpaceFactor times the
	// text it read; say so when the disk has less than that.
	need := uint64(max(textBytes, expectBytes)) * SpaceFactor
	if free, ok := freeSpace(dir); ok && free < need {
		space = fmt.Sprintf(" (%s has %s free without the failed build; a build of %s of text needs about %s)",
			dir, mib(free), mib(uint64(max(textBytes, expectBytes))), mib(need))
	}
	return fmt.Errorf("%w: writing the index in %s failed%s: %w; the previous index, if any, is unchanged", ErrNoSpace, dir, space, err)
}

// noSpaceErrors are the errors of a write that found no space: a full
// disk, a quota, a file-size limit.
var noSpaceErrors = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG}

// isNoSpace reports whether err is a write that found no space. Bleve's
// background errors keep only the text of the system error, so the text
// is matched too.
func isNoSpace(err error) bool {
	for _, e := range noSpaceErrors {
		if errors.Is(err, e) || strings.Contains(err.Error(), e.Error()) {
			return true
		}
	}
	return false
}
