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
// Errors are JSON objects {"error":"..."} on the API paths and readable
// messages on the page: 400 for requests that break a limit (see [Limits])
// or have a malformed query, 404 for unknown paths, 405 for methods other
// than GET and HEAD, 414 for over-long URLs, 504 when a search takes longer
// than [Options.Timeout], 500 for anything else (the detail goes only to the
// log).
//
// [NewServer] wraps a handler in an [http.Server] with timeouts and limits
// set, and [Serve] runs it on a listener until its context ends, then shuts
// down gracefully. [Swapper] is a [search.Searcher] whose underlying
// searcher can be replaced while requests are in flight, for reloading an
// index without a restart.
package httpapi
