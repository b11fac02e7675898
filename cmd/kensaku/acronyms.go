package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/kensaku/kensaku/glossary"
)

// runAcronyms lists the glossary in use: curated, EDICT, Sudachi, user glossaries
// and the entries mined from the corpus (those stored with --index, or
// mined from the built-in corpus). With TEXT arguments it lists only the
// entries of the glossary forms found in the text.
func runAcronyms(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "acronyms")
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
		fmt.Fprintf(e.stderr, "acronyms: unknown --source %q, want corpus, curated, user, edict or sudachi\n", *source)
		return errUsage
	}
	// The glossary in use is the one search uses: the index's own (mined
	// and stored at build time), curated, EDICT, Sudachi and the user glossaries.
	eng, err := openEngine(e, *index, userFiles)
	if err != nil {
		return fmt.Errorf("acronyms: %w", err)
	}
	defer eng.Close()
	g := eng.Glossary()
	if err := ctx.Err(); err != nil {
		return err
	}
	entries := g.Entries()
	if text := strings.Join(fs.Args(), " "); text != "" {
		entries = entries[:0]
		seen := map[string]bool{}
		for _, m := range g.Find(text) {
			for _, en := range m.Entries {
				k := entryKey(en)
				if !seen[k] {
					seen[k] = true
					entries = append(entries, en)
				}
			}
		}
	}
	if *source != "" {
		kept := entries[:0]
		for _, en := range entries {
			if glossary.SourceKind(en.Source) == *source {
				kept = append(kept, en)
			}
		}
		entries = kept
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, en := range entries {
			if err := enc.Encode(en); err != nil {
				return fmt.Errorf("acronyms: write: %w", err)
			}
		}
		return nil
	}
	// Tab-separated columns; "|" separates alternatives, "-" marks an empty field.
	w := bufio.NewWriter(e.stdout)
	fmt.Fprintln(w, "acronym\tenglish\tjapanese\tsource\tconfidence")
	for _, en := range entries {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", orDash(en.Acronym), orDash(strings.Join(en.English, "|")),
			orDash(strings.Join(en.Japanese, "|")), en.Source, strconv.FormatFloat(en.Confidence, 'f', 2, 64))
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("acronyms: write: %w", err)
	}
	return nil
}

func entryKey(e glossary.Entry) string {
	return e.Source + "\x00" + e.Acronym + "\x00" + strings.Join(e.English, "|") + "\x00" + strings.Join(e.Japanese, "|")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
