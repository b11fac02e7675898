package httpapi

import (
	"bytes"
	"embed"
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/query"
)

//go:embed page.html
var pageFS embed.FS

var pageTemplate = template.Must(template.ParseFS(pageFS, "page.html"))

// contentSecurityPolicy allows the page nothing but its inline style and
// forms submitted to itself: no scripts, images, frames or other origins.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// snippetRunes is how much of a passage the page shows when a hit has no
// highlights.
const snippetRunes = 240

// pageView is what page.html renders.
type pageView struct {
	Corpus string // what the page searches, from Options.Corpus
	Query  string
	Size   int // kept in a hidden field when not the default
	Status int
	Error  string
	// ErrorShown shows the query around a syntax error: ErrorAt is the
	// character where the problem was found (empty at the end).
	ErrorShown                       bool
	ErrorBefore, ErrorAt, ErrorAfter string
	Searched                         bool
	Total                            uint64 // hits
	Partial                          uint64 // partial matches
	First                            int    // 1-based number of the first hit shown
	Last                             int    // number of the last hit shown
	TookMS                           string
	Hits                             []hitView
	Expansions                       []expansionView
	Filters                          []filterView
	Facets                           []facetGroup
	PrevURL                          string
	NextURL                          string
}

type hitView struct {
	Document string
	Title    string
	Page     int
	Section  string
	Kind     string
	// FirstPartial marks the first partial match shown (search.Hit.Partial):
	// the page puts a separator above it.
	FirstPartial bool
	Fragments    []template.HTML // sanitised highlights
	Snippet      string          // plain text, escaped by the template, when there are no highlights
}

// expansionView is an expansion applied, with a link to the same search
// with its term literal (=term), not expanded. Shown are its equivalents
// that occur in the index, Missing the number of the others (see
// search.Expansion.InIndexForms).
type expansionView struct {
	search.Expansion
	Shown      []string
	Missing    int
	LiteralURL string
}

type filterView struct {
	Field, Label, Value string
	RemoveURL           string
}

type facetGroup struct {
	Field, Label string
	Values       []facetView
}

type facetView struct {
	Value  string
	Count  int
	URL    string // adds the filter, or removes it when Active
	Active bool
}

// fieldLabels are the headings of facet groups and filter chips.
var fieldLabels = map[string]string{
	"document": "文書 Document",
	"section":  "節 Section",
	"kind":     "種類 Kind",
	"page":     "ページ Page",
}

func fieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	return f
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r, false, h) {
		return
	}
	req, hasQuery, err := parseRequest(r.URL.RawQuery)
	if err != nil {
		status, msg := h.errorStatus(r, err)
		h.writePageError(w, r, status, msg)
		return
	}
	v := pageView{Query: req.Query, Size: req.Size, Status: http.StatusOK}
	if !hasQuery || strings.TrimSpace(req.Query) == "" {
		h.renderPage(w, v)
		return
	}
	res, err := h.search(r.Context(), req)
	if err != nil {
		status, msg := h.errorStatus(r, err)
		v.Status, v.Error = status, msg
		var se *search.SyntaxError
		if errors.As(err, &se) {
			v.Error = se.Msg
			v.ErrorBefore, v.ErrorAt, v.ErrorAfter = splitAt(req.Query, se.Offset)
			v.ErrorShown = true
		}
		h.renderPage(w, v)
		return
	}
	fillResults(&v, req, res)
	h.renderPage(w, v)
}

// writePageError renders the page with an error message, keeping the query
// in the form when it is readable.
func (h *handler) writePageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	v := pageView{Status: status, Error: msg}
	if len(r.URL.RawQuery) <= MaxURLBytes {
		if q := r.URL.Query().Get("q"); utf8.ValidString(q) && utf8.RuneCountInString(q) <= MaxQueryRunes {
			v.Query = q
		}
	}
	h.renderPage(w, v)
}

func (h *handler) renderPage(w http.ResponseWriter, v pageView) {
	v.Corpus = h.opts.Corpus
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		h.opts.Logger.Error("render search page", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", contentSecurityPolicy)
	hd.Set("Cache-Control", "no-store")
	setRetryAfter(w, v.Status)
	w.WriteHeader(v.Status)
	_, _ = w.Write(buf.Bytes())
}

// fillResults turns res, the answer to req, into the view.
func fillResults(v *pageView, req search.Request, res *search.Result) {
	v.Searched = true
	v.Total, v.Partial = res.Total, res.Partial
	v.TookMS = strconv.FormatFloat(res.TookMS, 'f', 1, 64)
	for _, x := range res.Expansions {
		xv := expansionView{Expansion: x}
		xv.Shown, xv.Missing = x.InIndexForms()
		if q, ok := query.WithLiteral(req.Query, x.Term); ok {
			xv.LiteralURL = pageURL(q, req.Size, 0, req.Filters)
		}
		v.Expansions = append(v.Expansions, xv)
	}
	if len(res.Hits) > 0 {
		v.First = req.From + 1
		v.Last = req.From + len(res.Hits)
	}
	for _, hit := range res.Hits {
		hv := hitView{Document: hit.Document, Title: hit.Title, Page: hit.Page, Section: trimTitle(hit.Section, hit.Title), Kind: hit.Kind}
		hv.FirstPartial = hit.Partial && (len(v.Hits) == 0 || !res.Hits[len(v.Hits)-1].Partial)
		for _, f := range hit.Highlights {
			hv.Fragments = append(hv.Fragments, sanitizeHighlight(f))
		}
		if len(hv.Fragments) == 0 {
			hv.Snippet = truncate(strings.ToValidUTF8(hit.Text, "\uFFFD"), snippetRunes)
		}
		v.Hits = append(v.Hits, hv)
	}

	link := func(filters []search.Filter, from int) string {
		return pageURL(req.Query, req.Size, from, filters)
	}
	for i, f := range req.Filters {
		rest := slices.Delete(slices.Clone(req.Filters), i, i+1)
		v.Filters = append(v.Filters, filterView{Field: f.Field, Label: fieldLabel(f.Field), Value: f.Value, RemoveURL: link(rest, 0)})
	}
	for _, field := range facetOrder(res.Facets) {
		g := facetGroup{Field: field, Label: fieldLabel(field)}
		for _, fc := range res.Facets[field] {
			flt := search.Filter{Field: field, Value: fc.Value}
			fv := facetView{Value: fc.Value, Count: fc.Count}
			if i := slices.Index(req.Filters, flt); i >= 0 {
				fv.Active = true
				fv.URL = link(slices.Delete(slices.Clone(req.Filters), i, i+1), 0)
			} else {
				fv.URL = link(append(slices.Clone(req.Filters), flt), 0)
			}
			g.Values = append(g.Values, fv)
		}
		if len(g.Values) > 0 {
			v.Facets = append(v.Facets, g)
		}
	}

	size := req.Size
	if size == 0 {
		size = search.DefaultSize
	}
	if req.From > 0 {
		v.PrevURL = link(req.Filters, max(0, req.From-size))
	}
	if next := req.From + len(res.Hits); len(res.Hits) > 0 && uint64(next) < res.Total+res.Partial && next <= MaxFrom {
		v.NextURL = link(req.Filters, next)
	}
}

// trimTitle drops the last part of a section path when it is the title,
// which the page shows on its own line.
func trimTitle(section, title string) string {
	if title == "" || !strings.HasSuffix(section, title) {
		return section
	}
	rest := strings.TrimSuffix(section, title)
	if rest != "" && !strings.HasSuffix(rest, sectionSeparator) {
		return section // the title is only the end of the last part
	}
	return strings.TrimSuffix(rest, sectionSeparator)
}

// sectionSeparator joins the parts of section paths (corpus.SectionSeparator).
const sectionSeparator = " › "

// facetOrder lists the fields of facets: the known fields first, in the
// order of query.FilterFields, then any others sorted.
func facetOrder(facets map[string][]search.Facet) []string {
	var order, others []string
	for _, f := range query.FilterFields {
		if _, ok := facets[f]; ok {
			order = append(order, f)
		}
	}
	for f := range facets {
		if !slices.Contains(query.FilterFields, f) {
			others = append(others, f)
		}
	}
	slices.Sort(others)
	return append(order, others...)
}

// pageURL is the page's own URL for a search.
func pageURL(q string, size, from int, filters []search.Filter) string {
	vals := url.Values{"q": {q}}
	if size > 0 {
		vals.Set("size", strconv.Itoa(size))
	}
	if from > 0 {
		vals.Set("from", strconv.Itoa(from))
	}
	for _, f := range filters {
		vals.Add("filter", f.Field+":"+f.Value)
	}
	return "/?" + vals.Encode()
}

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// sanitizeHighlight makes a highlight fragment safe to insert as HTML. The
// engine's fragments are HTML-escaped text with <mark> and </mark> tags, but
// the page does not rely on it: the text between the tags is unescaped and
// escaped again, so any other markup is shown as text, and the mark tags are
// rebuilt balanced.
func sanitizeHighlight(s string) template.HTML {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	open := false
	for len(s) > 0 {
		i := strings.Index(s, "<")
		var tag string
		for i >= 0 {
			if strings.HasPrefix(s[i:], markOpen) {
				tag = markOpen
				break
			}
			if strings.HasPrefix(s[i:], markClose) {
				tag = markClose
				break
			}
			j := strings.Index(s[i+1:], "<")
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			b.WriteString(html.EscapeString(html.UnescapeString(s)))
			break
		}
		b.WriteString(html.EscapeString(html.UnescapeString(s[:i])))
		switch {
		case tag == markOpen && !open:
			b.WriteString(markOpen)
			open = true
		case tag == markClose && open:
			b.WriteString(markClose)
			open = false
		}
		s = s[i+len(tag):]
	}
	if open {
		b.WriteString(markClose)
	}
	return template.HTML(b.String())
}

// splitAt cuts q around the character at byte offset off, for showing
// where a syntax error is: the text before, the character (or "" at the
// end) and the rest.
func splitAt(q string, off int) (before, at, after string) {
	off = max(0, min(off, len(q)))
	for off > 0 && off < len(q) && !utf8.RuneStart(q[off]) {
		off--
	}
	_, n := utf8.DecodeRuneInString(q[off:])
	return q[:off], q[off : off+n], q[off+n:]
}
