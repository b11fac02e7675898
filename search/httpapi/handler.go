package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
)

// DefaultTimeout bounds one search when Options.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Options configures [New]. The zero value works.
type Options struct {
	// Logger receives access log lines (Info) and internal errors (Error).
	// Nil discards them.
	Logger *slog.Logger
	// Timeout bounds each search; 0 means DefaultTimeout.
	Timeout time.Duration
	// Corpus says, on the search page, what is searched (an index
	// directory, the built-in corpus); empty says nothing.
	Corpus string
	// MaxConcurrent bounds the searches run at once; 0 means
	// DefaultMaxConcurrent().
	MaxConcurrent int
	// MaxQueue bounds the requests waiting for a search slot, and
	// QueueWait how long each may wait; beyond either a request is
	// answered 503 with Retry-After. 0 means DefaultMaxQueue() and
	// DefaultQueueWait.
	MaxQueue  int
	QueueWait time.Duration
}

// SetDefaults fills in the zero fields of o.
func (o *Options) SetDefaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent()
	}
	if o.MaxQueue <= 0 {
		o.MaxQueue = DefaultMaxQueue()
	}
	if o.QueueWait <= 0 {
		o.QueueWait = DefaultQueueWait
	}
}

// handler serves the routes of [New].
type handler struct {
	s     search.Searcher
	opts  Options
	admit *admission
}

// New returns the HTTP handler for s: GET /search, GET /healthz and the
// search page at GET /. It is safe for concurrent use if s is.
func New(s search.Searcher, opts Options) http.Handler {
	_, hh := newHandler(s, opts)
	return hh
}

// newHandler returns the handler of New and its state.
func newHandler(s search.Searcher, opts Options) (*handler, http.Handler) {
	opts.SetDefaults()
	h := &handler{s: s, opts: opts, admit: newAdmission(opts.MaxConcurrent, opts.MaxQueue, opts.QueueWait)}
	mux := http.NewServeMux()
	mux.HandleFunc("/search", h.serveSearch)
	mux.HandleFunc("/healthz", h.serveHealth)
	mux.HandleFunc("/passage", h.servePassage)
	mux.HandleFunc("/{$}", h.servePage)
	mux.HandleFunc("/", h.serveNotFound)
	return h, h.middleware(mux)
}

// middleware bounds the URL, sets common headers, recovers panics and
// writes the access log.
func (h *handler) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		w = rec
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				h.opts.Logger.Error("panic serving request", "path", r.URL.Path, "panic", fmt.Sprint(p))
				if !rec.wrote {
					writeJSONError(w, http.StatusInternalServerError, "internal error")
				}
			}
			h.opts.Logger.Info("request",
				"method", r.Method, "path", r.URL.Path, "status", rec.status,
				"duration_ms", float64(time.Since(start).Microseconds())/1000)
		}()
		if len(r.RequestURI) > MaxURLBytes || len(r.URL.RawQuery) > MaxURLBytes {
			msg := fmt.Sprintf("URL too long: more than %d bytes", MaxURLBytes)
			if isAPIPath(r.URL.Path) {
				writeJSONError(w, http.StatusRequestURITooLong, msg)
			} else {
				h.writePageError(w, r, http.StatusRequestURITooLong, msg)
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status code written, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func isAPIPath(p string) bool {
	for _, prefix := range []string{"/search", "/healthz", "/passage", "/api"} {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// allowGet answers 405 unless r is GET or HEAD.
func allowGet(w http.ResponseWriter, r *http.Request, api bool, h *handler) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	msg := fmt.Sprintf("method %s not allowed, use GET", r.Method)
	if api {
		writeJSONError(w, http.StatusMethodNotAllowed, msg)
	} else {
		h.writePageError(w, r, http.StatusMethodNotAllowed, msg)
	}
	return false
}

func (h *handler) serveHealth(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r, true, h) {
		return
	}
	if hc, ok := h.s.(HealthChecker); ok {
		if err := hc.Health(); err != nil {
			h.opts.Logger.Error("unhealthy index", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unhealthy", "error": err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// HealthChecker is implemented by searchers that can tell whether their
// index is sound; GET /healthz reports its answer.
type HealthChecker interface {
	Health() error
}

func (h *handler) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if isAPIPath(r.URL.Path) {
		writeJSONError(w, http.StatusNotFound, "not found")
		return
	}
	h.writePageError(w, r, http.StatusNotFound, "ページが見つかりません Page not found")
}

func (h *handler) serveSearch(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r, true, h) {
		return
	}
	req, hasQuery, err := parseRequest(r.URL.RawQuery)
	if err == nil && (!hasQuery || strings.TrimSpace(req.Query) == "") {
		err = badRequest("parameter q is required")
	}
	if err != nil {
		status, msg := h.errorStatus(r, err)
		writeJSONError(w, status, msg)
		return
	}
	res, err := h.search(r.Context(), req)
	if err != nil {
		status, msg := h.errorStatus(r, err)
		writeJSONError(w, status, msg)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// search runs req with the per-request timeout and makes the result's
// slices and map non-nil, so the JSON has [] and {} rather than null.
func (h *handler) search(ctx context.Context, req search.Request) (*search.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	release, err := h.admit.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := h.s.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return nil, errors.New("searcher returned no result and no error")
	}
	if res.Expansions == nil {
		res.Expansions = []search.Expansion{}
	}
	if res.Hits == nil {
		res.Hits = []search.Hit{}
	}
	if res.Facets == nil {
		res.Facets = map[string][]search.Facet{}
	}
	for i := range res.Hits {
		cutText(&res.Hits[i])
	}
	return res, nil
}

// MaxTextBytes bounds the text of one hit in a response: a longer passage
// is cut at a character boundary, with TextTruncated set, so that a page
// of hits stays small (sixteen clients asking for a 15 MB passage once
// made 3.9 GB of responses). GET /passage?id= returns the whole text.
const MaxTextBytes = 64 << 10

func cutText(h *search.Hit) {
	if len(h.Text) <= MaxTextBytes {
		return
	}
	n := MaxTextBytes
	for n > 0 && !utf8.RuneStart(h.Text[n]) {
		n--
	}
	h.Text, h.TextTruncated = h.Text[:n], true
}

// PassageGetter is implemented by searchers that return a passage by id;
// GET /passage?id= serves it.
type PassageGetter interface {
	Passage(ctx context.Context, id string) (*search.Hit, error)
}

// maxPassageID bounds the id GET /passage accepts.
const maxPassageID = 1024

// passageJSON is a passage as GET /passage returns it: the hit's fields
// without score (a passage fetched by id has none; this field, zero and
// omitted, hides the hit's) and without highlights.
type passageJSON struct {
	*search.Hit
	Score float64 `json:"score,omitempty"`
}

func (h *handler) servePassage(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r, true, h) {
		return
	}
	pg, ok := h.s.(PassageGetter)
	if !ok {
		writeJSONError(w, http.StatusNotFound, "not found")
		return
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	id := q.Get("id")
	switch {
	case err != nil:
		writeJSONError(w, http.StatusBadRequest, "malformed query string")
		return
	case len(q["id"]) > 1:
		writeJSONError(w, http.StatusBadRequest, fmt.Sprintf("parameter id given %d times, want at most once", len(q["id"])))
		return
	case id == "":
		writeJSONError(w, http.StatusBadRequest, "parameter id is required: a passage id of at most 1,024 bytes")
		return
	case !utf8.ValidString(id):
		writeJSONError(w, http.StatusBadRequest, "parameter id is not valid UTF-8")
		return
	case len(id) > maxPassageID:
		writeJSONError(w, http.StatusBadRequest, "parameter id is longer than 1,024 bytes")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	release, err := h.admit.acquire(ctx)
	if err == nil {
		defer release()
		var hit *search.Hit
		if hit, err = pg.Passage(ctx, id); err == nil {
			writeJSON(w, http.StatusOK, passageJSON{Hit: hit})
			return
		}
	}
	if errors.Is(err, search.ErrNotFound) {
		writeJSONError(w, http.StatusNotFound, err.Error())
		return
	}
	status, msg := h.errorStatus(r, err)
	writeJSONError(w, status, msg)
}

// damagedMessage answers a request that failed because the index is
// damaged; the log has the details, /healthz reports it.
const damagedMessage = "the index is damaged: searches fail until it is rebuilt (kensaku check names the damaged files)"

// errorStatus maps err to a status code and a message for the client,
// logging internal errors.
func (h *handler) errorStatus(r *http.Request, err error) (int, string) {
	var re *requestError
	var se *search.SyntaxError
	switch {
	case errors.As(err, &re):
		return re.status, re.msg
	case errors.As(err, &se):
		return http.StatusBadRequest, se.Error()
	case errors.Is(err, search.ErrInvalidRequest):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		h.opts.Logger.Warn("search timed out", "path", r.URL.Path, "timeout", h.opts.Timeout.String())
		return http.StatusGatewayTimeout, "search timed out"
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "request canceled"
	case errors.Is(err, errOverloaded):
		return http.StatusServiceUnavailable, "too many searches at once; retry in a moment"
	case errors.Is(err, ErrClosed):
		return http.StatusServiceUnavailable, "server is shutting down"
	case errors.Is(err, search.ErrIndexDamaged):
		h.opts.Logger.Error("index damaged", "path", r.URL.Path, "err", err)
		return http.StatusInternalServerError, damagedMessage
	default:
		h.opts.Logger.Error("search failed", "path", r.URL.Path, "err", err)
		return http.StatusInternalServerError, "internal error"
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	setRetryAfter(w, status)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client may have gone; nothing to do about it
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error string `json:"error"`
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// setRetryAfter tells a client answered 503 (overload, shutdown) when to
// try again.
func setRetryAfter(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfterSeconds))
	}
}
