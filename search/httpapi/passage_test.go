package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
)

// passageSearcher answers every search with one very long passage and
// returns passages by id.
type passageSearcher struct{ text string }

func (p passageSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	return &search.Result{Query: req.Query, Total: 1, Hits: []search.Hit{{ID: "long", Text: p.text}}}, nil
}

func (p passageSearcher) Passage(ctx context.Context, id string) (*search.Hit, error) {
	if id != "long" {
		return nil, fmt.Errorf("%w: %q", search.ErrNotFound, id)
	}
	return &search.Hit{ID: id, Text: p.text}, nil
}

// A hit's text over MaxTextBytes is cut at a character boundary and
// marked; GET /passage?id= returns it whole, and 404 for an unknown id.
func TestLongPassages(t *testing.T) {
	long := strings.Repeat("宇宙状況監視", MaxTextBytes/9)
	h := New(passageSearcher{text: long}, Options{})
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	w := get("/search?q=SSA")
	var res search.Result
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %s", err, w.Body)
	}
	hit := res.Hits[0]
	if !hit.TextTruncated || len(hit.Text) > MaxTextBytes || !utf8.ValidString(hit.Text) || !strings.HasPrefix(long, hit.Text) {
		t.Errorf("hit text: %d bytes, truncated %v, valid %v", len(hit.Text), hit.TextTruncated, utf8.ValidString(hit.Text))
	}
	w = get("/passage?id=long")
	var whole search.Hit
	if err := json.Unmarshal(w.Body.Bytes(), &whole); err != nil || w.Code != 200 || whole.Text != long || whole.TextTruncated {
		t.Errorf("passage: %d, %v, %d bytes", w.Code, err, len(whole.Text))
	}
	for path, code := range map[string]int{
		"/passage?id=" + url.QueryEscape("nope"): 404,
		"/passage":                               400,
		"/passage?id=%ff":                        400,
	} {
		if w := get(path); w.Code != code || !strings.Contains(w.Header().Get("Content-Type"), "json") {
			t.Errorf("%s: %d %s, want %d", path, w.Code, w.Body, code)
		}
	}
}

// The search page says what it searches and how to write a query.
func TestPageSaysWhatItSearches(t *testing.T) {
	h := New(passageSearcher{text: "宇宙状況監視"}, Options{Corpus: "the index /srv/hakusho"})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	body := w.Body.String()
	for _, want := range []string{"Searching: the index /srv/hakusho", "Query syntax", "<code>=SSA</code>", "page:380-390"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// A malformed query on the page is shown with the place of the problem
// marked, not as a bare status and a byte offset.
func TestPageShowsSyntaxErrorInPlace(t *testing.T) {
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		return nil, &search.SyntaxError{Offset: len("宇宙 "), Msg: "unterminated quoted phrase"}
	})
	h := New(s, Options{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?q="+url.QueryEscape(`宇宙 "状況`), nil))
	body := w.Body.String()
	for _, want := range []string{"Query syntax:", "unterminated quoted phrase", `宇宙 <mark class="at">&#34;</mark>状況`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(body, "at offset") {
		t.Errorf("the page shows a byte offset")
	}
}

// GET /passage returns the hit's fields without score and highlights (a
// passage fetched by id has no score), and says why a bad id is refused.
func TestPassageResponse(t *testing.T) {
	h := New(passageSearcher{text: "宇宙状況監視"}, Options{})
	tests := []struct {
		path        string
		code        int
		want, avoid []string // substrings the body must and must not have
	}{
		{path: "/passage?id=long", code: 200, want: []string{`"id":"long"`, `"text":"宇宙状況監視"`}, avoid: []string{`"score"`, `"highlights"`}},
		{path: "/passage", code: 400, want: []string{"parameter id is required"}},
		{path: "/passage?id=", code: 400, want: []string{"parameter id is required"}},
		{path: "/passage?id=%ff", code: 400, want: []string{"parameter id is not valid UTF-8"}},
		{path: "/passage?id=" + strings.Repeat("a", 1025), code: 400, want: []string{"parameter id is longer than 1,024 bytes"}},
		{path: "/passage?id=long&id=other", code: 400, want: []string{"parameter id given 2 times"}},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		body := w.Body.String()
		if w.Code != tt.code {
			t.Errorf("%.40s: status %d, want %d: %s", tt.path, w.Code, tt.code, body)
		}
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%.40s: body lacks %q: %s", tt.path, s, body)
			}
		}
		for _, s := range tt.avoid {
			if strings.Contains(body, s) {
				t.Errorf("%.40s: body has %q: %s", tt.path, s, body)
			}
		}
	}
}
