package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

var discard = slog.New(slog.DiscardHandler)

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

func filters(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "&filter=page:%d", i+1)
	}
	return b.String()
}

const (
	ctJSON = "application/json; charset=utf-8"
	ctHTML = "text/html; charset=utf-8"
)

func TestHandlerStatus(t *testing.T) {
	h := httpapi.New(httpapitest.Fake(), httpapi.Options{Logger: discard})
	tests := []struct {
		name, method, target string
		status               int
		ct                   string
		errSubstr            string // in the JSON error, or in the page
	}{
		{"health", "GET", "/healthz", 200, ctJSON, ""},
		{"search", "GET", "/search?q=SSA", 200, ctJSON, ""},
		{"search head", "HEAD", "/search?q=SSA", 200, ctJSON, ""},
		{"search no hits", "GET", "/search?q=zzz", 200, ctJSON, ""},
		{"missing q", "GET", "/search", 400, ctJSON, "q is required"},
		{"blank q", "GET", "/search?q=+++", 400, ctJSON, "q is required"},
		{"repeated q", "GET", "/search?q=a&q=b", 400, ctJSON, "given 2 times"},
		{"query at limit", "GET", "/search?q=" + repeat("字", 1000), 200, ctJSON, ""},
		{"query over limit", "GET", "/search?q=" + repeat("字", 1001), 400, ctJSON, "1001 characters"},
		{"size at limit", "GET", "/search?q=SSA&size=100", 200, ctJSON, ""},
		{"size over limit", "GET", "/search?q=SSA&size=101", 400, ctJSON, "size=101 exceeds"},
		{"size negative", "GET", "/search?q=SSA&size=-1", 400, ctJSON, "non-negative integer"},
		{"size not a number", "GET", "/search?q=SSA&size=ten", 400, ctJSON, "non-negative integer"},
		{"size huge", "GET", "/search?q=SSA&size=99999999999999999999999", 400, ctJSON, "non-negative integer"},
		{"highlight not a boolean", "GET", "/search?q=SSA&highlight=maybe", 400, ctJSON, "highlight=\"maybe\" is not true or false"},
		{"facets twice", "GET", "/search?q=SSA&facets=0&facets=1", 400, ctJSON, "facets given 2 times"},
		{"ids_only not a boolean", "GET", "/search?q=SSA&ids_only=ids", 400, ctJSON, "ids_only=\"ids\" is not true or false"},
		{"explain not a boolean", "GET", "/search?q=SSA&explain=yes", 400, ctJSON, "explain=\"yes\" is not true or false"},
		{"from at limit", "GET", "/search?q=SSA&from=10000", 200, ctJSON, ""},
		{"from over limit", "GET", "/search?q=SSA&from=10001", 400, ctJSON, "from=10001 exceeds"},
		{"filters at limit", "GET", "/search?q=SSA" + filters(20), 200, ctJSON, ""},
		{"filters over limit", "GET", "/search?q=SSA" + filters(21), 400, ctJSON, "21 filters"},
		{"filter unknown field", "GET", "/search?q=SSA&filter=source:/etc/passwd", 400, ctJSON, "unknown filter field"},
		{"filter without colon", "GET", "/search?q=SSA&filter=body", 400, ctJSON, "want field:value"},
		{"filter empty value", "GET", "/search?q=SSA&filter=kind:", 400, ctJSON, "empty value"},
		{"filter page not a number", "GET", "/search?q=SSA&filter=page:x", 400, ctJSON, "want a page number or a range"},
		{"filter page range", "GET", "/search?q=SSA&filter=page:380-390", 200, ctJSON, ""},
		{"filter page range backwards", "GET", "/search?q=SSA&filter=page:390-380", 400, ctJSON, "range ends before it starts"},
		{"filter page full-width", "GET", "/search?q=SSA&filter=page:%EF%BC%93%EF%BC%98%EF%BC%99", 200, ctJSON, ""},
		{"filter kind unknown", "GET", "/search?q=SSA&filter=kind:novel", 400, ctJSON, "unknown kind"},
		{"filter value with colon", "GET", "/search?q=SSA&filter=section:a:b", 200, ctJSON, ""},
		{"invalid UTF-8 in q", "GET", "/search?q=%ff%fe", 400, ctJSON, "not valid UTF-8"},
		{"invalid UTF-8 in filter", "GET", "/search?q=SSA&filter=kind:%ff", 400, ctJSON, "not valid UTF-8"},
		{"bad escape", "GET", "/search?q=%zz", 400, ctJSON, "malformed query string"},
		{"semicolon", "GET", "/search?q=a;b", 400, ctJSON, "malformed query string"},
		{"many parameters", "GET", "/search?q=SSA" + repeat("&x=1", 1900), 200, ctJSON, ""},
		{"1,000 Japanese characters", "GET", "/search?q=" + url.QueryEscape(repeat("監", 1000)) + "&filter=kind:body", 200, ctJSON, ""},
		{"1,000 Japanese characters page", "GET", "/?q=" + url.QueryEscape(repeat("監", 1000)), 200, ctHTML, ""},
		{"URL too long", "GET", "/search?q=" + repeat("a", httpapi.MaxURLBytes), 414, ctJSON, "URL too long"},
		{"URL too long page", "GET", "/?q=" + repeat("a", httpapi.MaxURLBytes), 414, ctHTML, "URL too long"},
		{"syntax error", "GET", "/search?q=!fail", 400, ctJSON, "at offset 0"},
		{"post search", "POST", "/search?q=SSA", 405, ctJSON, "method POST not allowed"},
		{"delete health", "DELETE", "/healthz", 405, ctJSON, "not allowed"},
		{"post page", "POST", "/", 405, ctHTML, "not allowed"},
		{"unknown API path", "GET", "/search/extra", 404, ctJSON, "not found"},
		{"unknown health path", "GET", "/healthz/x", 404, ctJSON, "not found"},
		{"unknown page path", "GET", "/etc/passwd", 404, ctHTML, "Page not found"},
		{"dot dot", "GET", "/static/..%2f..%2fetc%2fpasswd", 404, ctHTML, "Page not found"},
		{"page empty", "GET", "/", 200, ctHTML, ""},
		{"page results", "GET", "/?q=%E5%AE%87%E5%AE%99%E7%8A%B6%E6%B3%81%E7%9B%A3%E8%A6%96", 200, ctHTML, ""},
		{"page head", "HEAD", "/?q=SSA", 200, ctHTML, ""},
		{"page bad size", "GET", "/?q=SSA&size=500", 400, ctHTML, "size=500 exceeds"},
		{"page syntax error", "GET", "/?q=!fail", 400, ctHTML, `<mark class="at">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, h, tt.method, tt.target)
			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d; body %.300s", rec.Code, tt.status, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.ct {
				t.Errorf("Content-Type = %q, want %q", got, tt.ct)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
			if tt.status == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q, want GET, HEAD", rec.Header().Get("Allow"))
			}
			if tt.method == "HEAD" {
				return
			}
			body := rec.Body.String()
			if tt.ct == ctJSON && tt.status != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
					t.Fatalf("error body %q is not JSON: %v", body, err)
				}
				if !strings.Contains(e.Error, tt.errSubstr) {
					t.Errorf("error = %q, want it to contain %q", e.Error, tt.errSubstr)
				}
			}
			if tt.ct == ctHTML {
				if !strings.Contains(html.UnescapeString(body), tt.errSubstr) {
					t.Errorf("page does not contain %q:\n%.500s", tt.errSubstr, body)
				}
				if !strings.Contains(body, `<form method="get" action="/"`) {
					t.Errorf("page has no search form")
				}
				if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
					t.Errorf("Content-Security-Policy = %q", csp)
				}
				if rp := rec.Header().Get("Referrer-Policy"); rp != "no-referrer" {
					t.Errorf("Referrer-Policy = %q", rp)
				}
			}
		})
	}
}

func TestSearchJSONShape(t *testing.T) {
	h := httpapi.New(httpapitest.Fake(), httpapi.Options{})
	rec := get(t, h, "GET", "/search?q=SSA&size=2&from=1&filter=kind:body")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if diff := cmp.Diff([]string{"expansions", "facets", "hits", "partial", "query", "took_ms", "total"}, keys); diff != "" {
		t.Errorf("top-level keys (-want +got):\n%s", diff)
	}
	var res search.Result
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("decode into search.Result: %v", err)
	}
	// The body must be exactly what the searcher returned.
	want, err := httpapitest.Fake().Search(context.Background(), search.Request{Query: "SSA", Size: 2, From: 1, Filters: []search.Filter{{Field: "kind", Value: "body"}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, &res, cmpIgnoreTook); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if len(res.Hits) != 2 || res.Total <= 2 {
		t.Errorf("hits = %d of %d, want 2 of more", len(res.Hits), res.Total)
	}
	if !strings.Contains(rec.Body.String(), "<mark>") {
		t.Errorf("highlights are not written with literal <mark>: %.300s", rec.Body)
	}
}

var cmpIgnoreTook = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".TookMS" }, cmp.Ignore())

// TestSearchEmptyCollections checks that nil slices and maps from a searcher
// are written as [] and {}, never null.
func TestSearchEmptyCollections(t *testing.T) {
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		return &search.Result{Query: req.Query}, nil
	})
	rec := get(t, httpapi.New(s, httpapi.Options{}), "GET", "/search?q=x")
	want := `{"query":"x","total":0,"partial":0,"took_ms":0,"expansions":[],"hits":[],"facets":{}}` + "\n"
	if got := rec.Body.String(); got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}

// TestSearchRequest checks the request the searcher receives.
func TestSearchRequest(t *testing.T) {
	var got search.Request
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		got = req
		if _, ok := ctx.Deadline(); !ok {
			t.Errorf("search context has no deadline")
		}
		return &search.Result{}, nil
	})
	h := httpapi.New(s, httpapi.Options{})
	rec := get(t, h, "GET", "/search?q=%E5%AE%87%E5%AE%99+SSA&size=5&from=20&filter=document:%E4%BB%A4%E5%92%8C2%E5%B9%B4&filter=page:389")
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	want := search.Request{Query: "宇宙 SSA", Size: 5, From: 20, Filters: []search.Filter{{Field: "document", Value: "令和2年"}, {Field: "page", Value: "389"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}

	// Highlights, facets and expansion can be turned off.
	rec = get(t, h, "GET", "/search?q=SSA&highlight=false&facets=0&expand=false")
	want = search.Request{Query: "SSA", NoHighlight: true, NoFacets: true, NoExpand: true}
	if diff := cmp.Diff(want, got); rec.Code != 200 || diff != "" {
		t.Errorf("status %d, request (-want +got):\n%s", rec.Code, diff)
	}
	rec = get(t, h, "GET", "/search?q=SSA&ids_only=true")
	want = search.Request{Query: "SSA", IDsOnly: true}
	if diff := cmp.Diff(want, got); rec.Code != 200 || diff != "" {
		t.Errorf("status %d, request (-want +got):\n%s", rec.Code, diff)
	}
	rec = get(t, h, "GET", "/search?q=SSA&explain=true")
	want = search.Request{Query: "SSA", Explain: true}
	if diff := cmp.Diff(want, got); rec.Code != 200 || diff != "" {
		t.Errorf("status %d, request (-want +got):\n%s", rec.Code, diff)
	}
	rec = get(t, h, "GET", "/search?q=SSA&highlight=true&facets=1")
	want = search.Request{Query: "SSA"}
	if diff := cmp.Diff(want, got); rec.Code != 200 || diff != "" {
		t.Errorf("status %d, request (-want +got):\n%s", rec.Code, diff)
	}
}

func TestSearchErrors(t *testing.T) {
	syntax := &search.SyntaxError{Offset: 3, Msg: `unclosed "`}
	tests := []struct {
		name    string
		err     error
		panics  bool
		slow    bool
		status  int
		want    string // the whole client message
		logWant string // in the log
	}{
		{name: "syntax", err: fmt.Errorf("parse: %w", syntax), status: 400, want: syntax.Error()},
		{name: "invalid", err: fmt.Errorf("%w: unknown field", search.ErrInvalidRequest), status: 400, want: "search: invalid request: unknown field"},
		{name: "deadline", slow: true, status: 504, want: "search timed out", logWant: "search timed out"},
		{name: "canceled", err: context.Canceled, status: 503, want: "request canceled"},
		{name: "closed", err: httpapi.ErrClosed, status: 503, want: "server is shutting down"},
		{name: "internal", err: errors.New("open /var/secret/index: disk on fire"), status: 500, want: "internal error", logWant: "disk on fire"},
		{name: "damaged", err: fmt.Errorf("search: %w: /srv/ix changed under the process", search.ErrIndexDamaged), status: 500,
			want: "the index is damaged: searches fail until it is rebuilt (kensaku check names the damaged files)", logWant: "changed under the process"},
		{name: "nil result", status: 500, want: "internal error", logWant: "no result"},
		{name: "panic", panics: true, status: 500, want: "internal error", logWant: "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
				if tt.panics {
					panic("boom")
				}
				if tt.slow {
					<-ctx.Done()
					return nil, fmt.Errorf("search: %w", ctx.Err())
				}
				return nil, tt.err
			})
			var log bytes.Buffer
			h := httpapi.New(s, httpapi.Options{Logger: slog.New(slog.NewTextHandler(&log, nil)), Timeout: 20 * time.Millisecond})
			rec := get(t, h, "GET", "/search?q=x")
			if rec.Code != tt.status {
				t.Errorf("status = %d, want %d", rec.Code, tt.status)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			if e.Error != tt.want {
				t.Errorf("error = %q, want %q", e.Error, tt.want)
			}
			if !strings.Contains(log.String(), tt.logWant) {
				t.Errorf("log does not contain %q:\n%s", tt.logWant, log.String())
			}
			if !strings.Contains(log.String(), "status="+fmt.Sprint(tt.status)) || !strings.Contains(log.String(), "duration_ms=") {
				t.Errorf("no access log line with status %d:\n%s", tt.status, log.String())
			}
			// The same error on the page is a readable message; a syntax
			// error is shown in the query rather than at a byte offset.
			pageWant := tt.want
			if rest, ok := strings.CutPrefix(pageWant, "query: "); ok {
				if i := strings.LastIndex(rest, " at offset"); i >= 0 {
					pageWant = rest[:i]
				}
			}
			rec = get(t, h, "GET", "/?q=x")
			if rec.Code != tt.status || !strings.Contains(html.UnescapeString(rec.Body.String()), pageWant) {
				t.Errorf("page: status %d, want %d with %q", rec.Code, tt.status, pageWant)
			}
		})
	}
}

// hostile is a result whose passages and facet values try to inject HTML.
var hostile = &search.Result{
	Query: "x", Total: 25, TookMS: 1.25,
	Expansions: []search.Expansion{{Term: "<i>x</i>", Equivalents: []string{"<u>y</u>"}, Source: "user:<s>"}},
	Hits: []search.Hit{
		{ID: "1", Document: "<b>doc</b>", Section: "<em>sec</em>", Page: 7, Kind: "body",
			Text:       "<script>alert(1)</script>",
			Highlights: []string{`&lt;safe&gt; <mark>x</mark> <img src=x onerror=alert(1)> <mark><script>alert(2)</script></mark> &amp; "q"`}},
		{ID: "2", Document: "d", Kind: "body", Text: `<script>alert(3)</script> plain`},
	},
	Facets: map[string][]search.Facet{
		"document": {{Value: `A&B ?#=x/y<z>"'`, Count: 2}},
		"kind":     {{Value: "body", Count: 2}},
	},
}

func TestPageEscapes(t *testing.T) {
	var got search.Request
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		got = req
		return hostile, nil
	})
	h := httpapi.New(s, httpapi.Options{})
	rec := get(t, h, "GET", "/?q=x&size=2&from=10&filter=kind:body")
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	for _, bad := range []string{"<script", "<img", "<b>", "<em>", "<i>", "<u>", "<s>", "onerror=alert(1)>"} {
		if strings.Contains(body, bad) {
			t.Errorf("page contains raw %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;safe&gt; <mark>x</mark> &lt;img src=x onerror=alert(1)&gt; <mark>&lt;script&gt;alert(2)&lt;/script&gt;</mark> &amp; &#34;q&#34;",
		"&lt;script&gt;alert(3)&lt;/script&gt; plain", // no highlights: the escaped text
		"&lt;b&gt;doc&lt;/b&gt;",
		"11–12",
		`id="total">25<`,
		"1.2 ms",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if got.Size != 2 || got.From != 10 {
		t.Errorf("request size %d from %d, want 2 and 10", got.Size, got.From)
	}

	links := map[string]url.Values{} // link text → query
	for _, m := range regexp.MustCompile(`<a (?:rel="\w+" )?href="([^"]*)"[^>]*>([^<]*)</a>`).FindAllStringSubmatch(body, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil {
			t.Fatalf("link %q: %v", m[1], err)
		}
		if u.Path != "/" || u.Host != "" || u.Scheme != "" {
			t.Errorf("link %q leaves the page", m[1])
		}
		links[html.UnescapeString(m[2])] = u.Query()
	}
	for text, want := range map[string]url.Values{
		`A&B ?#=x/y<z>"'`: {"q": {"x"}, "size": {"2"}, "filter": {"kind:body", `document:A&B ?#=x/y<z>"'`}}, // adds the facet
		"✓ body":          {"q": {"x"}, "size": {"2"}},                                                      // active facet removes it
		"×":               {"q": {"x"}, "size": {"2"}},                                                      // filter chip removes it
		"← 前へ Previous":   {"q": {"x"}, "size": {"2"}, "from": {"8"}, "filter": {"kind:body"}},
		"次へ Next →":       {"q": {"x"}, "size": {"2"}, "from": {"12"}, "filter": {"kind:body"}},
	} {
		if diff := cmp.Diff(want, links[text]); diff != "" {
			t.Errorf("link %q query (-want +got):\n%s", text, diff)
		}
	}
}

func TestPagePagination(t *testing.T) {
	h := httpapi.New(httpapitest.Fake(), httpapi.Options{})
	tests := []struct {
		target         string
		wantPrev, next bool
	}{
		{"/?q=SSA", false, true},
		{"/?q=SSA&from=10", true, false},
		{"/?q=SSA&size=100", false, false},
		{"/?q=zzz", false, false},
	}
	for _, tt := range tests {
		body := get(t, h, "GET", tt.target).Body.String()
		if got := strings.Contains(body, `rel="prev"`); got != tt.wantPrev {
			t.Errorf("%s: previous link = %v, want %v", tt.target, got, tt.wantPrev)
		}
		if got := strings.Contains(body, `rel="next"`); got != tt.next {
			t.Errorf("%s: next link = %v, want %v", tt.target, got, tt.next)
		}
	}
}

func TestPageLabels(t *testing.T) {
	h := httpapi.New(httpapitest.Fake(), httpapi.Options{})
	body := get(t, h, "GET", "/?q=SSA").Body.String()
	for _, want := range []string{"検索 Search", "件 hits", "展開 Expansions", "絞り込み Filters", "<mark>SSA</mark>", `lang="ja"`, "宇宙状況監視"} {
		if !strings.Contains(body, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "http://") || strings.Contains(body, "https://") {
		t.Errorf("page has scripts or external references")
	}
}
