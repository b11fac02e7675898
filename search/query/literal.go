package query

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// WithLiteral returns the query s, in canonical form ([Query.String]),
// with term made literal (=term) wherever it stands: a word equal to term
// becomes =term; words in a row that spell term (joined by single spaces,
// as [Query.Runs] joins them) become the literal phrase ="term"; a word
// or phrase with term inside it is split around it, so that the rest of
// it is still searched and expanded. Excluded and literal terms are left
// as they are. ok is false when s does not parse or has no such place:
// it is how the search page offers to undo an expansion of term. The
// result is false, too, when it would be longer than [MaxRunes].
func WithLiteral(s, term string) (out string, ok bool) {
	term = strings.TrimSpace(term)
	q, err := Parse(s)
	if err != nil || term == "" {
		return "", false
	}
	changed := false
	for gi, g := range q.Groups {
		var ng []Clause
		for i := 0; i < len(g); i++ {
			c := g[i]
			if c.Occur == MustNot || c.Literal {
				ng = append(ng, c)
				continue
			}
			if c.Text == term {
				c.Literal = true
				ng, changed = append(ng, c), true
				continue
			}
			if n := spells(g[i:], term); n > 1 {
				ng = append(ng, Clause{Occur: Should, Text: term, Phrase: true, Literal: true, Offset: c.Offset})
				i += n - 1
				changed = true
				continue
			}
			before, after, found := strings.Cut(c.Text, term)
			if !found {
				ng = append(ng, c)
				continue
			}
			if c.Phrase {
				c.Literal = true // a phrase is one term: all of it goes literal
				ng, changed = append(ng, c), true
				continue
			}
			var parts []Clause
			for _, part := range []Clause{{Text: before}, {Text: term, Literal: true}, {Text: after}} {
				part.Occur, part.Offset = c.Occur, c.Offset
				if part.Text != "" {
					parts = append(parts, part)
				}
			}
			if !slices.ContainsFunc(parts, changesMeaning) {
				ng = append(ng, parts...)
			} else {
				// A piece would read as syntax ("a or -b): the word
				// goes literal whole.
				c.Literal = true
				ng = append(ng, c)
			}
			changed = true
		}
		q.Groups[gi] = ng
	}
	if !changed {
		return "", false
	}
	if out = q.String(); utf8.RuneCountInString(out) > MaxRunes {
		return "", false // the = and spaces made it too long
	}
	return out, true
}

// spells returns how many bare words at the start of g, joined by single
// spaces, are term, or 0.
func spells(g []Clause, term string) int {
	var b strings.Builder
	for i, c := range g {
		if !bare(c) {
			return 0
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.Text)
		switch {
		case b.String() == term:
			return i + 1
		case !strings.HasPrefix(term, b.String()+" "):
			return 0
		}
	}
	return 0
}

// changesMeaning reports whether c, written alone, would not parse back
// as itself.
func changesMeaning(c Clause) bool {
	q, err := Parse(c.String())
	if err != nil || len(q.Groups) != 1 || len(q.Groups[0]) != 1 || len(q.Filters) != 0 {
		return true
	}
	got := q.Groups[0][0]
	return got.Text != c.Text || got.Occur != c.Occur || got.Phrase != c.Phrase || got.Literal != c.Literal
}
