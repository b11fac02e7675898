package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/kensaku/kensaku/glossary"
)

// runGlossary lists the glossary in use: curated, EDICT, Sudachi, user glossaries
// and the entries mined from the corpus (those stored with --index, or
// mined from the built-in corpus). With TEXT arguments it shows, for each
// glossary form found in the text, what a query would expand it into: its
// equivalents by sense, with their kinds, sources and confidences (before
// the index chooses among the senses, see the README). It is also
// "kensaku acronyms", its former name.
func runGlossary(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "glossary")
	index := fs.String("index", "", "list the glossary of the index in `directory` (default: the built-in corpus)")
	var userFiles stringList
	fs.Var(&userFiles, "glossary", "user glossary TSV `file` (acronym, english, japanese[|japanese…]); repeatable")
	source := fs.String("source", "", "list only entries from `source`: corpus, curated, user, edict or sudachi")
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch *source {
	case "", glossary.SourceCorpus, glossary.SourceCurated, glossary.SourceUser, glossary.SourceEdict, glossary.SourceSudachi:
	default:
		fmt.Fprintf(e.stderr, "glossary: unknown --source %q, want corpus, curated, user, edict or sudachi\n", *source)
		return errUsage
	}
	// The glossary in use is the one search uses: the index's own (mined
	// and stored at build time), curated, EDICT, Sudachi and the user glossaries.
	eng, err := openEngine(e, *index, userFiles)
	if err != nil {
		return fmt.Errorf("glossary: %w", err)
	}
	defer eng.Close()
	g := eng.Glossary()
	if err := ctx.Err(); err != nil {
		return err
	}
	fromSource := func(src string) bool { return *source == "" || glossary.SourceKind(src) == *source }
	w := bufio.NewWriter(e.stdout)
	if text := strings.Join(fs.Args(), " "); text != "" {
		err = writeTerms(w, g, text, fromSource, *asJSON)
	} else {
		var entries []glossary.Entry
		for _, en := range g.Entries() {
			if fromSource(en.Source) {
				entries = append(entries, en)
			}
		}
		err = writeEntries(w, entries, *asJSON)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return fmt.Errorf("glossary: write: %w", err)
	}
	return nil
}

// entryJSON is an entry with the kind of each of its forms.
type entryJSON struct {
	glossary.Entry
	Forms []formJSON `json:"forms"`
}

type formJSON struct {
	Form string            `json:"form"`
	Kind glossary.FormKind `json:"kind"`
	// NoTrigger is set for a form that is searched but does not expand a
	// query by itself.
	NoTrigger bool `json:"no_trigger,omitempty"`
}

func newEntryJSON(en glossary.Entry) entryJSON {
	out := entryJSON{Entry: en}
	for _, f := range en.Forms() {
		out.Forms = append(out.Forms, formJSON{Form: f, Kind: en.KindOf(f), NoTrigger: slices.Contains(en.NoTrigger, f)})
	}
	return out
}

// writeEntries lists entries: as JSON, one a line, or as tab-separated
// columns where "|" separates alternatives and "-" marks an empty field;
// the last column is the evidence (for a mined entry, the passage id and
// the defining text). An untrusted mined entry, which expands no query,
// has " (untrusted)" after its source.
func writeEntries(w io.Writer, entries []glossary.Entry, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, en := range entries {
			if err := enc.Encode(newEntryJSON(en)); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintln(w, "acronym\tenglish\tjapanese\tsource\tconfidence\taliases\tsense\tevidence")
	for _, en := range entries {
		source := en.Source
		if en.Untrusted {
			source += " (untrusted)"
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", orDash(en.Acronym), orDash(strings.Join(en.English, "|")),
			orDash(strings.Join(en.Japanese, "|")), source, confidence(en.Confidence),
			orDash(strings.Join(en.Aliases, "|")), orDash(en.Sense), orDash(oneLine(en.Evidence))); err != nil {
			return err
		}
	}
	return nil
}

// termJSON is a glossary form found in the text, with its entries and
// its equivalents.
type termJSON struct {
	Term        string                `json:"term"`
	Start       int                   `json:"start"` // byte offsets in the text
	End         int                   `json:"end"`
	Entries     []entryJSON           `json:"entries"`
	Equivalents []glossary.Equivalent `json:"equivalents"`
}

// writeTerms shows the glossary forms and the years (glossary.FindEras)
// found in text and their equivalents, grouped by sense; a year's sense
// is the year as written, and its renderings are at their entries'
// confidence (the less exact ones, 2016年度, at
// glossary.ApproximateConfidence), as a search expands them.
func writeTerms(w io.Writer, g *glossary.Glossary, text string, fromSource func(string) bool, asJSON bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	years := glossary.FindEras(text)
	matches := slices.DeleteFunc(g.Find(text), func(m glossary.Match) bool {
		return slices.ContainsFunc(years, func(y glossary.Match) bool { return m.Start < y.End && y.Start < m.End })
	})
	matches = append(matches, years...)
	slices.SortStableFunc(matches, func(a, b glossary.Match) int { return a.Start - b.Start })
	for _, m := range matches {
		t := termJSON{Term: m.Form, Start: m.Start, End: m.End, Entries: []entryJSON{}, Equivalents: []glossary.Equivalent{}}
		for _, en := range m.Entries {
			if fromSource(en.Source) {
				t.Entries = append(t.Entries, newEntryJSON(en))
			}
		}
		for _, eq := range expand(g, m) {
			if fromSource(eq.Source) {
				t.Equivalents = append(t.Equivalents, eq)
			}
		}
		if len(t.Entries) == 0 && len(t.Equivalents) == 0 {
			continue
		}
		if asJSON {
			if err := enc.Encode(t); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(w, "%s\n", t.Term)
		var senses []string
		for _, eq := range t.Equivalents {
			if !slices.Contains(senses, eq.Sense) {
				senses = append(senses, eq.Sense)
			}
		}
		for _, s := range senses {
			fmt.Fprintf(w, "  sense %s\n", s)
			for _, eq := range t.Equivalents {
				if eq.Sense != s {
					continue
				}
				hops := ""
				if eq.Hops > 0 {
					hops = "\t" + strconv.Itoa(eq.Hops) + " hop" + map[bool]string{true: "s"}[eq.Hops > 1]
				}
				if _, err := fmt.Fprintf(w, "    %s\t%s\t%s\t%s%s\n", eq.Form, eq.Kind, eq.Source, confidence(eq.Confidence), hops); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// expand returns the equivalents of a match: a year's renderings, or
// the glossary's expansion of a form.
func expand(g *glossary.Glossary, m glossary.Match) []glossary.Equivalent {
	if len(m.Entries) == 0 || m.Entries[0].Source != glossary.SourceEra {
		return g.Expand(m.Form, m.Entries)
	}
	key := glossary.Normalize(m.Form)
	seen := map[string]bool{key: true}
	var out []glossary.Equivalent
	for _, en := range m.Entries {
		for _, f := range en.Japanese {
			if k := glossary.Normalize(f); !seen[k] {
				seen[k] = true
				out = append(out, glossary.Equivalent{Form: f, Kind: en.KindOf(f), Source: en.Source, Sense: m.Form, Confidence: en.Confidence})
			}
		}
	}
	return out
}

// oneLine keeps a text to one column: tabs and line breaks become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func confidence(c float64) string { return strconv.FormatFloat(c, 'f', 2, 64) }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
