package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Parse parses a query written in the syntax described in the package
// documentation. Errors are of type *[SyntaxError].
func Parse(s string) (*Query, error) {
	n := 0
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return nil, &SyntaxError{Offset: i, Msg: "invalid UTF-8"}
			}
		}
		n++
		if n > MaxRunes {
			return nil, &SyntaxError{Offset: i, Msg: fmt.Sprintf("query longer than %d characters", MaxRunes)}
		}
	}
	return parse(s)
}

// itemKind tells the items of a query apart.
type itemKind int

const (
	itemClause itemKind = iota
	itemFilter
	itemAnd
	itemOr
)

// item is a clause, a filter or an AND/OR operator, as scanned.
type item struct {
	kind   itemKind
	clause Clause
	filter Filter
	off    int // byte offset of the item
}

func (it item) name() string {
	if it.kind == itemAnd {
		return "AND"
	}
	return "OR"
}

// parse parses s, which must be valid UTF-8, without a length limit.
func parse(s string) (*Query, error) {
	items, err := scan(s)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, &SyntaxError{Offset: 0, Msg: "empty query"}
	}
	isOp := func(i int) bool { return items[i].kind == itemAnd || items[i].kind == itemOr }
	for i, it := range items {
		if !isOp(i) {
			continue
		}
		switch {
		case i == 0:
			return nil, &SyntaxError{Offset: it.off, Msg: "expected a term before " + it.name()}
		case i == len(items)-1:
			return nil, &SyntaxError{Offset: it.off, Msg: "expected a term after " + it.name()}
		case isOp(i + 1):
			return nil, &SyntaxError{Offset: items[i+1].off, Msg: fmt.Sprintf("expected a term after %s, found %s", it.name(), items[i+1].name())}
		case it.kind == itemOr && (items[i-1].kind == itemFilter || items[i+1].kind == itemFilter):
			return nil, &SyntaxError{Offset: it.off, Msg: "OR cannot join a filter: filters apply to the whole query"}
		}
	}
	// AND makes its clause operands required; an excluded operand stays
	// excluded, and a filter operand is required anyway.
	for i, it := range items {
		if it.kind != itemAnd {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if c := &items[j].clause; items[j].kind == itemClause && c.Occur == Should {
				c.Occur = Must
			}
		}
	}
	q := &Query{}
	var group []Clause
	for _, it := range items {
		switch it.kind {
		case itemClause:
			group = append(group, it.clause)
		case itemFilter:
			q.Filters = append(q.Filters, it.filter)
		case itemOr:
			q.Groups = append(q.Groups, group)
			group = nil
		}
	}
	if group != nil {
		q.Groups = append(q.Groups, group)
	}
	return q, nil
}

// scan splits s into items.
func scan(s string) ([]item, error) {
	var items []item
	pos := 0
	for {
		for pos < len(s) {
			r, size := utf8.DecodeRuneInString(s[pos:])
			if !isSpace(r) {
				break
			}
			pos += size
		}
		if pos == len(s) {
			return items, nil
		}
		start := pos
		occur := Should
		r, size := utf8.DecodeRuneInString(s[pos:])
		if op := syntaxRune(r); op == '+' || op == '-' {
			if op == '+' {
				occur = Must
			} else {
				occur = MustNot
			}
			pos += size
			if pos == len(s) {
				return nil, &SyntaxError{Offset: pos, Msg: fmt.Sprintf("expected a term after %c", op)}
			}
			r, size = utf8.DecodeRuneInString(s[pos:])
			if isSpace(r) {
				// A + or - standing alone between words is punctuation, as
				// in "1992年 - 2010年": it has nothing to search, so it
				// is passed over.
				continue
			}
			if next := syntaxRune(r); next == '+' || next == '-' {
				return nil, &SyntaxError{Offset: pos, Msg: fmt.Sprintf("expected a term after %c, found %c", op, next)}
			}
		}
		// = before a term makes it literal; = alone is a word.
		literal := false
		if syntaxRune(r) == '=' && pos+size < len(s) {
			if next, nsize := utf8.DecodeRuneInString(s[pos+size:]); !isSpace(next) {
				literal = true
				pos += size
				r, size = next, nsize
			}
		}
		if syntaxRune(r) == '"' {
			text, end, err := scanQuoted(s, pos, "phrase")
			if err != nil {
				return nil, err
			}
			items = append(items, item{kind: itemClause, off: start, clause: Clause{Occur: occur, Text: text, Phrase: true, Literal: literal, Offset: start}})
			pos = end
			continue
		}
		wordEnd := pos
		for wordEnd < len(s) {
			r, size := utf8.DecodeRuneInString(s[wordEnd:])
			if isSpace(r) {
				break
			}
			wordEnd += size
		}
		word := s[pos:wordEnd]
		if literal {
			items = append(items, item{kind: itemClause, off: start, clause: Clause{Occur: occur, Text: word, Literal: true, Offset: start}})
			pos = wordEnd
			continue
		}
		if occur == Should {
			if op := operator(word); op != itemClause {
				items = append(items, item{kind: op, off: start})
				pos = wordEnd
				continue
			}
		}
		if field, valStart, ok := fieldPrefix(s, pos, wordEnd); ok {
			f := Filter{Field: field, Exclude: occur == MustNot, Offset: start}
			if valStart < len(s) {
				if r, _ := utf8.DecodeRuneInString(s[valStart:]); syntaxRune(r) == '"' {
					text, end, err := scanQuoted(s, valStart, field+" value")
					if err != nil {
						return nil, err
					}
					f.Value = text
					wordEnd = end
				} else {
					f.Value = s[valStart:wordEnd]
				}
			}
			if f.Value == "" {
				return nil, &SyntaxError{Offset: valStart, Msg: fmt.Sprintf("expected a value after %s:", field)}
			}
			v, err := checkValue(field, f.Value)
			if err != nil {
				return nil, &SyntaxError{Offset: valStart, Msg: err.Error()}
			}
			f.Value = v
			items = append(items, item{kind: itemFilter, off: start, filter: f})
			pos = wordEnd
			continue
		}
		items = append(items, item{kind: itemClause, off: start, clause: Clause{Occur: occur, Text: word, Offset: start}})
		pos = wordEnd
	}
}

// scanQuoted scans the quoted text whose opening quote is at s[pos]. It
// returns the text between the quotes and the offset after the closing
// quote. what names the text in errors.
func scanQuoted(s string, pos int, what string) (text string, end int, err error) {
	_, size := utf8.DecodeRuneInString(s[pos:])
	inner := pos + size
	for i := inner; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if syntaxRune(r) == '"' {
			text = s[inner:i]
			if strings.TrimFunc(text, isSpace) == "" {
				return "", 0, &SyntaxError{Offset: pos, Msg: "empty quoted " + what}
			}
			return text, i + size, nil
		}
		i += size
	}
	return "", 0, &SyntaxError{Offset: pos, Msg: "unterminated quoted " + what}
}

// fieldPrefix reports whether s[pos:end] starts with a known field name and
// a colon, returning the canonical field name and the offset of the value.
func fieldPrefix(s string, pos, end int) (field string, valStart int, ok bool) {
	for i := pos; i < end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if syntaxRune(r) == ':' {
			name := s[pos:i]
			if name == "" || len(name) > 3*(len(MetaPrefix)+MaxMetaKey) {
				return "", 0, false
			}
			name = strings.ToLower(norm.NFKC.String(name))
			switch name {
			case FieldDocument, FieldSection, FieldKind, FieldPage:
				return name, i + size, true
			}
			if _, ok := MetaKey(name); ok {
				return name, i + size, true
			}
			return "", 0, false
		}
		i += size
	}
	return "", 0, false
}

// operator returns itemAnd or itemOr when word is AND or OR in any width,
// and itemClause otherwise.
func operator(word string) itemKind {
	if len(word) > 9 { // ＡＮＤ, the longest form, is 9 bytes
		return itemClause
	}
	switch norm.NFKC.String(word) {
	case "AND":
		return itemAnd
	case "OR":
		return itemOr
	}
	return itemClause
}

// FilterFields lists the fields a filter may name, in the order messages
// list them.
var FilterFields = []string{FieldDocument, FieldSection, FieldKind, FieldPage}

// CheckFilter validates a filter given outside the query syntax (a
// command-line flag, a URL parameter, a library Request) exactly as the
// query syntax validates field:value, and returns the value in canonical
// form: a kind in lower case, a page or page range in ASCII digits.
func CheckFilter(field, value string) (string, error) {
	known := false
	for _, f := range FilterFields {
		known = known || f == field
	}
	if _, ok := MetaKey(field); ok {
		known = true
	}
	if !known {
		return "", fmt.Errorf("unknown filter field %q, want one of %s or meta.KEY", field, strings.Join(FilterFields, ", "))
	}
	if value == "" {
		return "", fmt.Errorf("filter %s: empty value", field)
	}
	return checkValue(field, value)
}

// checkValue validates the value of a filter and returns it in canonical
// form.
func checkValue(field, value string) (string, error) {
	switch field {
	case FieldKind:
		k := strings.ToLower(norm.NFKC.String(value))
		for _, want := range Kinds {
			if k == want {
				return k, nil
			}
		}
		return "", fmt.Errorf("unknown kind %q, want one of %s", value, strings.Join(Kinds, ", "))
	case FieldPage:
		first, last, err := parsePages(norm.NFKC.String(value))
		if err != nil {
			return "", fmt.Errorf("page %q: %w", value, err)
		}
		if first == last {
			return strconv.Itoa(first), nil
		}
		return strconv.Itoa(first) + "-" + strconv.Itoa(last), nil
	}
	return value, nil
}

// maxPage bounds page numbers, to keep them far from overflow.
const maxPage = 999_999_999

// parsePages parses "12" or "10-20" (ASCII digits).
func parsePages(v string) (first, last int, err error) {
	lo, hi, isRange := strings.Cut(v, "-")
	if first, err = parsePage(lo); err != nil {
		return 0, 0, err
	}
	if !isRange {
		return first, first, nil
	}
	if last, err = parsePage(hi); err != nil {
		return 0, 0, err
	}
	if last < first {
		return 0, 0, fmt.Errorf("range ends before it starts")
	}
	return first, last, nil
}

func parsePage(v string) (int, error) {
	if v == "" || strings.TrimLeft(v, "0123456789") != "" {
		return 0, fmt.Errorf("want a page number or a range like 10-20")
	}
	n, err := strconv.Atoi(v)
	if err != nil || n > maxPage {
		return 0, fmt.Errorf("page number too large")
	}
	if n == 0 {
		return 0, fmt.Errorf("pages are numbered from 1")
	}
	return n, nil
}

// isSpace reports whether r separates clauses: ASCII white space, the
// ideographic space U+3000 and the other Unicode spaces.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// syntaxRune maps the characters that act as syntax to their ASCII forms:
// full-width ＋ － ： ＂ ＝, and the curly quotes “ ”. Other runes map to
// themselves.
func syntaxRune(r rune) rune {
	switch r {
	case '＋':
		return '+'
	case '－':
		return '-'
	case '：':
		return ':'
	case '＝':
		return '='
	case '＂', '“', '”':
		return '"'
	}
	return r
}
