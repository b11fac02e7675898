package search

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search/query"
)

// ErrInvalidRequest is wrapped by errors about requests that break a limit
// or name an unknown filter field.
var ErrInvalidRequest = errors.New("search: invalid request")

// SyntaxError reports a malformed query: the byte offset where the problem
// was found and what was expected.
type SyntaxError = query.SyntaxError

// ErrIndexDamaged is wrapped by the errors of searches that failed
// reading the index: a damaged file, or a file changed under the process.
var ErrIndexDamaged = indexer.ErrDamaged

// guard makes a failure reading the index on this goroutine an error
// wrapping ErrIndexDamaged, set in *err, rather than the end of the
// process: a panic in Bleve's reader, or a memory fault, which
// debug.SetPanicOnFault turns into a panic (Bleve reads segments through
// mmap(2), and a segment truncated under the process raised SIGBUS, which
// killed a running server). The index records the failure for Health.
// Use it as defer e.guard(&err)().
func (e *Engine) guard(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*err = fmt.Errorf("search: %w", e.ix.Fault(r))
			e.log.Error("reading the index failed", "err", *err)
		}
	}
}
