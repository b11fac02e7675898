package search

import (
	"errors"

	"github.com/kensaku/kensaku/search/query"
)

// ErrInvalidRequest is wrapped by errors about requests that break a limit
// or name an unknown filter field.
var ErrInvalidRequest = errors.New("search: invalid request")

// SyntaxError reports a malformed query: the byte offset where the problem
// was found and what was expected.
type SyntaxError = query.SyntaxError
