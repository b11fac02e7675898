package query

import (
	"fmt"
	"strings"
)

// MaxRunes is the longest query [Parse] accepts, in characters (runes).
const MaxRunes = 1000

// The filter fields. Field names are matched without regard to case or
// width, and stored in these lower-case forms.
const (
	FieldDocument = "document" // title of the document
	FieldSection  = "section"  // section heading (any part of the section path)
	FieldKind     = "kind"     // passage kind: one of [Kinds]
	FieldPage     = "page"     // printed page number, or a range of pages
	// MetaPrefix starts the name of a metadata filter, meta.KEY: a
	// document's metadata (an HTML page's url, date, lang and author, a
	// PDF's author and date, the extra fields of a JSONL record).
	MetaPrefix = "meta."
)

// MaxMetaKey is the longest metadata key a filter may name, in bytes.
const MaxMetaKey = 40

// MetaKey returns the key of a metadata filter field (meta.url → url) and
// whether field is one: a key of 1 to [MaxMetaKey] ASCII letters, digits,
// '_' or '-', in lower case.
func MetaKey(field string) (string, bool) {
	key, ok := strings.CutPrefix(field, MetaPrefix)
	if !ok || key == "" || len(key) > MaxMetaKey {
		return "", false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return "", false
		}
	}
	return key, true
}

// Kinds lists the values a kind: filter accepts. They mirror the passage
// kinds of package corpus (corpus.KindBody and the others).
var Kinds = []string{"body", "heading", "caption", "reference", "toc"}

// Occur says how a clause takes part in its group.
type Occur int

// The occurrences of a clause.
const (
	Should  Occur = iota // may match: passages matching more Should clauses rank higher
	Must                 // must match: written +word, or joined by AND
	MustNot              // must not match: written -word
)

// String returns "should", "must" or "must_not".
func (o Occur) String() string {
	switch o {
	case Should:
		return "should"
	case Must:
		return "must"
	case MustNot:
		return "must_not"
	}
	return fmt.Sprintf("Occur(%d)", int(o))
}

// Clause is one search term of a query: a bare word or a quoted phrase.
type Clause struct {
	Occur Occur
	// Text is the word or the phrase as typed, without its quotes and its
	// + or - prefix. Width and case are untouched: the search layer
	// normalises terms. It is never empty.
	Text   string
	Phrase bool // written in quotes
	// Literal is set for a term written =word or ="a phrase": it is
	// searched as typed, without glossary expansion.
	Literal bool
	Offset  int // byte offset in the query of the clause, its + or - prefix included
}

// String returns the clause in query syntax: an optional + or -, = for
// a literal term, and the word, or the phrase in ASCII double quotes.
func (c Clause) String() string {
	var b strings.Builder
	switch c.Occur {
	case Must:
		b.WriteByte('+')
	case MustNot:
		b.WriteByte('-')
	}
	if c.Literal {
		b.WriteByte('=')
	}
	if c.Phrase {
		b.WriteByte('"')
		b.WriteString(c.Text)
		b.WriteByte('"')
	} else {
		b.WriteString(c.Text)
	}
	return b.String()
}

// Filter restricts a query to passages whose Field has Value (or, when
// Exclude is set, to passages whose Field does not have it).
type Filter struct {
	// Field is one of FieldDocument, FieldSection, FieldKind, FieldPage,
	// or MetaPrefix and a metadata key (see [MetaKey]).
	Field string
	// Value is the value as typed (quotes removed) for document and
	// section; one of [Kinds] for kind; for page, a decimal page number
	// such as "12" or an inclusive range such as "10-20" (see
	// [Filter.Pages]).
	Value   string
	Exclude bool // written -field:value
	Offset  int  // byte offset in the query of the filter, its - prefix included
}

// String returns the filter in query syntax; the value is quoted when it
// contains white space.
func (f Filter) String() string {
	var b strings.Builder
	if f.Exclude {
		b.WriteByte('-')
	}
	b.WriteString(f.Field)
	b.WriteByte(':')
	if f.Value == "" || strings.IndexFunc(f.Value, isSpace) >= 0 {
		b.WriteByte('"')
		b.WriteString(f.Value)
		b.WriteByte('"')
	} else {
		b.WriteString(f.Value)
	}
	return b.String()
}

// Pages returns the inclusive page range of a page filter: first == last
// for a single page. ok is false when f is not a valid page filter.
func (f Filter) Pages() (first, last int, ok bool) {
	if f.Field != FieldPage {
		return 0, 0, false
	}
	first, last, err := parsePages(f.Value)
	if err != nil {
		return 0, 0, false
	}
	return first, last, true
}

// Query is a parsed query: an OR of groups of clauses, and filters that
// apply to the whole query.
type Query struct {
	// Groups are alternatives: a passage matches the query when it matches
	// any group. Within a group, clauses combine as their Occur says. The
	// groups were separated by OR in the query; there is one group when the
	// query has no OR, and none when it has only filters. No group is
	// empty, but a group may hold only MustNot clauses (it then matches
	// every passage without those terms).
	Groups [][]Clause
	// Filters all hold for every hit, whatever group it matches.
	Filters []Filter
}

// String returns the query in canonical syntax: filters first, then the
// groups separated by " OR ", clauses separated by single spaces, required
// and excluded clauses with + and - (AND is written as +), phrases in ASCII
// double quotes. For any Query returned by [Parse], parsing the result gives
// an equal Query except for offsets.
func (q *Query) String() string {
	var parts []string
	for _, f := range q.Filters {
		parts = append(parts, f.String())
	}
	for i, g := range q.Groups {
		if i > 0 {
			parts = append(parts, "OR")
		}
		for _, c := range g {
			parts = append(parts, c.String())
		}
	}
	return strings.Join(parts, " ")
}

// Run is a maximal sequence of adjacent bare Should words in one group:
// the place to look for multi-word terms such as "Space Situational
// Awareness" written without quotes. A single word is a run of length one.
type Run struct {
	Group      int    // index in Query.Groups
	Start, End int    // the run is Query.Groups[Group][Start:End]
	Text       string // the words joined by single spaces
	Offset     int    // byte offset in the query of the first word
}

// Runs returns the runs of adjacent bare Should words of q, in query
// order. Phrases, literal terms, required and excluded clauses, and OR end
// a run; filters do not, since they are not part of the text searched.
func (q *Query) Runs() []Run {
	var runs []Run
	for gi, g := range q.Groups {
		for i := 0; i < len(g); {
			if !bare(g[i]) {
				i++
				continue
			}
			j := i
			words := []string{}
			for j < len(g) && bare(g[j]) {
				words = append(words, g[j].Text)
				j++
			}
			runs = append(runs, Run{Group: gi, Start: i, End: j, Text: strings.Join(words, " "), Offset: g[i].Offset})
			i = j
		}
	}
	return runs
}

// bare reports whether c is a bare Should word.
func bare(c Clause) bool { return c.Occur == Should && !c.Phrase && !c.Literal }

// SyntaxError reports a malformed query.
type SyntaxError struct {
	Offset int    // byte offset in the query where the problem was found; may equal its length
	Msg    string // what is wrong or was expected
}

// Error returns "query: <msg> at offset <n>".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query: %s at offset %d", e.Msg, e.Offset)
}
