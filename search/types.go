package search

import (
	"context"
	"time"
)

// Searcher answers search requests. Implementations are safe for
// concurrent use.
type Searcher interface {
	// Search runs req. It returns a *SyntaxError when req.Query is
	// malformed, an error wrapping ErrInvalidRequest when a limit is
	// exceeded, and ctx.Err() when ctx ends first.
	Search(ctx context.Context, req Request) (*Result, error)
}

// SearcherFunc adapts a function to the Searcher interface.
type SearcherFunc func(ctx context.Context, req Request) (*Result, error)

// Search calls f.
func (f SearcherFunc) Search(ctx context.Context, req Request) (*Result, error) { return f(ctx, req) }

// Limits on requests.
const (
	MaxQueryRunes = 1000 // longest query accepted, in characters
	MaxSize       = 100  // most hits one request may ask for
	DefaultSize   = 10   // hits returned when Request.Size is 0
)

// Request is one search.
type Request struct {
	Query   string   // query text; see the package documentation for its syntax
	Size    int      // hits to return; 0 means DefaultSize; at most MaxSize
	From    int      // hits to skip, for pagination
	Filters []Filter // restrict hits to passages whose field has the value (all must hold)
	// NoHighlight skips highlighting (hits then have no Highlights).
	NoHighlight bool
	// NoExpand disables glossary expansion: only the literal query is searched.
	NoExpand bool
	// NoFacets skips counting facets (Result.Facets is then empty), which
	// saves a pass over every matching passage.
	NoFacets bool
	// IDsOnly returns hits with their ID and Score only: no stored field
	// of a passage is read and nothing is highlighted. It is what an
	// evaluation or an id lookup needs.
	IDsOnly bool
	// Explain gives every hit an Explanation: the features of the
	// ranking model that scored it, with their values.
	Explain bool
}

// Filter restricts hits to passages whose Field has Value. Field is one of
// "document", "section", "kind", "page".
type Filter struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// Result is the answer to one Request. Its JSON form is the public contract
// of the CLI's --json output and of the HTTP endpoint.
type Result struct {
	Query      string             `json:"query"`
	Total      uint64             `json:"total"`   // hits: passages with every word of the query or an equivalent (see Hit.Partial)
	Partial    uint64             `json:"partial"` // passages that match the query only in part
	TookMS     float64            `json:"took_ms"` // time spent searching, in milliseconds
	Expansions []Expansion        `json:"expansions"`
	Hits       []Hit              `json:"hits"`
	Facets     map[string][]Facet `json:"facets"`
}

// Took returns TookMS as a duration.
func (r *Result) Took() time.Duration { return time.Duration(r.TookMS * float64(time.Millisecond)) }

// Expansion records that a term of the query was searched together with its
// equivalents from the glossary.
type Expansion struct {
	Term        string   `json:"term"`        // the form found in the query
	Equivalents []string `json:"equivalents"` // the other forms searched
	Source      string   `json:"source"`      // where the equivalence comes from: corpus, curated, user:FILE, edict, sudachi, enamdict, era, composed, initials, translit
	// Sense is the meaning the term was searched in when the glossary
	// knows several and the index and the rest of the query chose one of
	// them; empty otherwise. OtherSenses are the senses left out.
	Sense       string   `json:"sense,omitempty"`
	OtherSenses []string `json:"other_senses,omitempty"`
	// Coverage is the term's share of the characters of the query text it
	// was found in: 1 for a keyword, less for a term inside a longer
	// phrase or sentence. Equivalents weigh Confidence × Coverage².
	Coverage float64 `json:"coverage"`
	// Confidence is the transliteration model's confidence (0–1) in the
	// best equivalent, for Source "translit" only.
	Confidence float64 `json:"confidence,omitempty"`
	// Forms details Equivalents, in the same order.
	Forms []EquivalentForm `json:"forms"`
}

// EquivalentForm is one equivalent searched for a term of the query.
type EquivalentForm struct {
	Form       string  `json:"form"`
	Kind       string  `json:"kind"`   // acronym, english, katakana, japanese or alias
	Source     string  `json:"source"` // the source of the glossary entry it comes from
	Sense      string  `json:"sense"`  // the meaning of the term it belongs to, named by one of its forms
	Confidence float64 `json:"confidence"`
	// Hops is 0 for a form of an entry that holds the term, 1 or 2 for a
	// form reached through another entry (Confidence then fell by
	// glossary.HopFactor a hop).
	Hops int `json:"hops,omitempty"`
	// InIndex reports whether the form occurs in the index: every
	// bigram-index term of it in one passage at least (a Latin word is a
	// whole term), or, for a form with no such term, every word the text
	// analyzer makes of it a word of the index. A form that does not
	// occur is still part of the query but matches nothing.
	InIndex bool `json:"in_index"`
}

// InIndexForms returns the equivalents of x that occur in the index, in
// order, and how many do not. An equivalent with no Forms entry counts
// as occurring.
func (x Expansion) InIndexForms() (forms []string, missing int) {
	for i, f := range x.Equivalents {
		if i < len(x.Forms) && x.Forms[i].Form == f && !x.Forms[i].InIndex {
			missing++
			continue
		}
		forms = append(forms, f)
	}
	return forms, missing
}

// Hit is one passage in a result.
type Hit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	// Partial marks a passage that matches the query only in part: it
	// lacks some word of the query and every equivalent of it. Partial
	// matches rank below the hits.
	Partial  bool   `json:"partial,omitempty"`
	Document string `json:"document,omitempty"` // absent, as Kind and Text, in an IDsOnly result
	Title    string `json:"title,omitempty"`
	Page     int    `json:"page,omitempty"` // absent when unknown
	Section  string `json:"section,omitempty"`
	// PDFPage is the 1-based page of the PDF file the passage starts on
	// (Page is the printed page number), absent when not from a PDF.
	PDFPage int `json:"pdf_page,omitempty"`
	// Source is the file the passage was read from; Meta holds the other
	// fields of its JSONL record (a URL, a date), as given.
	Source string         `json:"source,omitempty"`
	Meta   map[string]any `json:"meta,omitempty"`
	Kind   string         `json:"kind,omitempty"`
	// Text is the whole passage, except over HTTP, where a passage longer
	// than httpapi.MaxTextBytes is cut and TextTruncated set (GET
	// /passage?id= returns it whole).
	Text          string   `json:"text,omitempty"`
	TextTruncated bool     `json:"text_truncated,omitempty"`
	Highlights    []string `json:"highlights,omitempty"` // fragments, HTML-escaped, matches in <mark>…</mark>
	// Explanation is set when the request asked for it (Request.Explain).
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Facet is the number of matching passages with one value of a field.
type Facet struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}
