package query

import "strings"

// WithLiteral returns the query s, in canonical form ([Query.String]),
// with term made literal (=term) wherever it stands: a word equal to term
// becomes =term; words in a row that spell term (joined by single spaces,
// as [Query.Runs] joins them) become the literal phrase ="term"; a word
// or phrase with term inside it is split around it, so that the rest of
// it is still searched and expanded. Excluded and literal terms are left
// as they are. ok is false when s does not parse or has no such place:
// it is how the search page offers to undo an expansion of term.
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
			for _, part := range []Clause{{Text: before}, {Text: term, Literal: true}, {Text: after}} {
				if strings.TrimSpace(part.Text) != "" {
					part.Occur, part.Offset = c.Occur, c.Offset
					ng = append(ng, part)
				}
			}
			changed = true
		}
		q.Groups[gi] = ng
	}
	if !changed {
		return "", false
	}
	return q.String(), true
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
