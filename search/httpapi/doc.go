// Package httpapi serves kensaku over HTTP: a JSON search endpoint, a health
// check and a search page, all read-only.
//
// Start with [New], which returns the [http.Handler] for a
// [search.Searcher]:
//
//	GET /search?q=SSA&size=10&from=0&filter=kind:body   JSON: the encoding of search.Result
//	GET /healthz                                        JSON: {"status":"ok"}
//	GET /?q=SSA                                         the search page (HTML, no scripts)
//
// Parameters: q (required, at most [MaxQueryRunes] characters), size (at most
// [MaxSize]), from (at most [MaxFrom]) and filter, repeatable up to
// [MaxFilters] times, as field:value with field one of document, section,
// kind, page. Other parameters are ignored.
//
// Errors are JSON objects {"error":"..."} on the API paths and readable
// messages on the page: 400 for requests that break a limit or have a
// malformed query, 404 for unknown paths, 405 for methods other than GET
// and HEAD, 414 for URLs longer than [MaxURLBytes] (431 from net/http
// beyond [MaxHeaderBytes], before they are read whole), 503 when the
// request was canceled or the searcher closed, 504 when a search takes
// longer than [Options.Timeout], 500 for anything else (the detail goes
// only to the log).
//
// [NewServer] wraps a handler in an [http.Server] with timeouts and limits
// set, and [Serve] runs it on a listener until its context ends, then shuts
// down gracefully. [Swapper] is a [search.Searcher] whose underlying
// searcher can be replaced while requests are in flight, for reloading an
// index without a restart.
//
// The page carries a Content-Security-Policy that allows no scripts and no
// other origin. Highlights from the searcher are re-escaped, keeping only
// <mark> tags; all other text is escaped by html/template.
package httpapi
