package httpapi

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/query"
)

// Limits on requests, checked before the searcher is called.
const (
	MaxQueryRunes = search.MaxQueryRunes // longest q, in characters
	MaxSize       = search.MaxSize       // largest size
	MaxFrom       = 10000                // largest from
	MaxFilters    = 20                   // most filter parameters
	MaxURLBytes   = 16 << 10             // longest request URI, in bytes (a query of MaxQueryRunes Japanese characters, percent-encoded, is 9 KB); longer gets 414
)

// requestError is a problem with the client's request, answered with its
// status code and message.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &requestError{status: 400, msg: fmt.Sprintf(format, args...)}
}

// parseRequest reads a search.Request from the query string of a URL. It
// reports whether q was present, so that the page can show an empty form.
func parseRequest(rawQuery string) (req search.Request, hasQuery bool, err error) {
	if len(rawQuery) > MaxURLBytes {
		return req, false, &requestError{status: 414, msg: fmt.Sprintf("URL too long: more than %d bytes", MaxURLBytes)}
	}
	vals, err := url.ParseQuery(rawQuery)
	if err != nil {
		return req, false, badRequest("malformed query string: %v", err)
	}
	single := func(name string) (string, bool, error) {
		vs, ok := vals[name]
		if !ok {
			return "", false, nil
		}
		if len(vs) > 1 {
			return "", true, badRequest("parameter %s given %d times, want at most once", name, len(vs))
		}
		if !utf8.ValidString(vs[0]) {
			return "", true, badRequest("parameter %s is not valid UTF-8", name)
		}
		return vs[0], true, nil
	}
	number := func(name string, max int) (int, error) {
		s, ok, err := single(name)
		if err != nil || !ok || s == "" {
			return 0, err
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, badRequest("parameter %s=%q is not a non-negative integer", name, truncate(s, 20))
		}
		if n > max {
			return 0, badRequest("parameter %s=%d exceeds the limit of %d", name, n, max)
		}
		return n, nil
	}

	q, hasQuery, err := single("q")
	if err != nil {
		return req, hasQuery, err
	}
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return req, hasQuery, badRequest("query is %d characters long, the limit is %d", n, MaxQueryRunes)
	}
	req.Query = q
	if req.Size, err = number("size", MaxSize); err != nil {
		return req, hasQuery, err
	}
	if req.From, err = number("from", MaxFrom); err != nil {
		return req, hasQuery, err
	}
	flag := func(name string) (bool, error) {
		s, ok, err := single(name)
		if err != nil || !ok {
			return true, err
		}
		b, err := strconv.ParseBool(s)
		if err != nil {
			return true, badRequest("parameter %s=%q is not true or false", name, truncate(s, 20))
		}
		return b, nil
	}
	for _, f := range []struct {
		name string
		off  *bool
	}{{"highlight", &req.NoHighlight}, {"facets", &req.NoFacets}, {"expand", &req.NoExpand}} {
		on, err := flag(f.name)
		if err != nil {
			return req, hasQuery, err
		}
		*f.off = !on
	}
	ids, ok, err := single("ids_only")
	if err != nil {
		return req, hasQuery, err
	}
	if ok {
		if req.IDsOnly, err = strconv.ParseBool(ids); err != nil {
			return req, hasQuery, badRequest("parameter ids_only=%q is not true or false", truncate(ids, 20))
		}
	}
	explain, ok, err := single("explain")
	if err != nil {
		return req, hasQuery, err
	}
	if ok {
		if req.Explain, err = strconv.ParseBool(explain); err != nil {
			return req, hasQuery, badRequest("parameter explain=%q is not true or false", truncate(explain, 20))
		}
	}
	fs := vals["filter"]
	if len(fs) > MaxFilters {
		return req, hasQuery, badRequest("%d filters given, the limit is %d", len(fs), MaxFilters)
	}
	for _, f := range fs {
		flt, err := parseFilter(f)
		if err != nil {
			return req, hasQuery, err
		}
		req.Filters = append(req.Filters, flt)
	}
	return req, hasQuery, nil
}

// parseFilter parses "field:value".
func parseFilter(s string) (search.Filter, error) {
	if !utf8.ValidString(s) {
		return search.Filter{}, badRequest("filter is not valid UTF-8")
	}
	field, value, ok := strings.Cut(s, ":")
	if !ok {
		return search.Filter{}, badRequest("filter %q: want field:value", truncate(s, 40))
	}
	if utf8.RuneCountInString(value) > MaxQueryRunes {
		return search.Filter{}, badRequest("filter %s: value longer than %d characters", truncate(field, 20), MaxQueryRunes)
	}
	// The same rules and canonical values as field:value in the query.
	v, err := query.CheckFilter(field, value)
	if err != nil {
		return search.Filter{}, badRequest("filter %q: %v", truncate(s, 40), err)
	}
	return search.Filter{Field: field, Value: v}, nil
}

// truncate shortens s to at most n runes for quoting in messages.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
