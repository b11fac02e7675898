package httpapi

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// Defaults of the admission limits, for Options fields left zero.
const (
	// DefaultQueueWait bounds how long an admitted request waits for a
	// search slot before it is answered 503.
	DefaultQueueWait = 2 * time.Second
	// RetryAfterSeconds is the Retry-After of a 503 for overload.
	RetryAfterSeconds = 1
)

// DefaultMaxConcurrent is the number of searches run at once when
// Options.MaxConcurrent is zero: two per CPU, so that a search waiting
// for the disk does not leave a core idle.
func DefaultMaxConcurrent() int { return 2 * runtime.GOMAXPROCS(0) }

// DefaultMaxQueue is the number of requests that may wait for a search
// slot when Options.MaxQueue is zero.
func DefaultMaxQueue() int { return 16 * DefaultMaxConcurrent() }

// errOverloaded is answered with 503 and Retry-After.
var errOverloaded = errors.New("server overloaded")

// admission bounds the searches that run at once and the requests that
// wait for one. A request beyond both, or one that waits longer than
// wait, is shed at once: under overload a fast 503 serves clients better
// than a slow answer that times out anyway (a 250-term query must not
// make every other client wait).
type admission struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	wait    time.Duration
}

func newAdmission(concurrent, queue int, wait time.Duration) *admission {
	return &admission{slots: make(chan struct{}, concurrent), queue: int64(queue), wait: wait}
}

// acquire takes a search slot, waiting in the queue if need be. It returns
// the function that gives the slot back, or errOverloaded, or ctx.Err().
func (a *admission) acquire(ctx context.Context) (release func(), err error) {
	select {
	case a.slots <- struct{}{}:
		return a.release, nil
	default:
	}
	if a.waiting.Add(1) > a.queue {
		a.waiting.Add(-1)
		return nil, errOverloaded
	}
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return a.release, nil
	case <-t.C:
		return nil, errOverloaded
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (a *admission) release() { <-a.slots }
