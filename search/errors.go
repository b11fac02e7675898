package search

import (
	"errors"
	"fmt"
)

// ErrInvalidRequest is wrapped by errors about requests that break a limit
// or name an unknown filter field.
var ErrInvalidRequest = errors.New("search: invalid request")

// SyntaxError reports a malformed query.
type SyntaxError struct {
	Offset int    // byte offset in the query where the problem was found
	Msg    string // what was expected
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("search: query syntax: %s at offset %d", e.Msg, e.Offset)
}
