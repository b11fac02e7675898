package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kensaku/kensaku/corpus"
)

// errNothingRead reports a passages run whose inputs all had problems
// (exit status 1); the problems have already been printed.
var errNothingRead = errors.New("passages: no passage could be read (the problems are listed above)")

// runPassages prints the passages read from files and directories, after
// repair, or those of the built-in corpus when no input is given. Problems
// and a summary go to stderr; as for index, a run with problems exits with
// status 3 (errPartial), or 1 (errNothingRead) when no passage was read.
func runPassages(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "passages")
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	print := func(p corpus.Passage) error {
		if *asJSON {
			return enc.Encode(p)
		}
		return printPassage(e, p)
	}
	if fs.NArg() == 0 {
		ps := corpus.Builtin()
		for _, p := range ps {
			if err := print(p); err != nil {
				return fmt.Errorf("passages: write: %w", err)
			}
		}
		fmt.Fprintf(e.stderr, "passages: built-in corpus, %d passages; source: 防衛省「令和2年版 防衛白書」 (政府標準利用規約 第2.0版)\n", len(ps))
		return nil
	}
	sum, err := corpus.Read(ctx, fs.Args(), print)
	for _, p := range sum.Problems {
		fmt.Fprintf(e.stderr, "passages: %v\n", p)
	}
	fmt.Fprintf(e.stderr, "passages: %s\n", sum)
	switch {
	case err != nil:
		return fmt.Errorf("passages: %w", err)
	case len(sum.Problems) > 0 && sum.Passages == 0:
		return errNothingRead
	case len(sum.Problems) > 0:
		return errPartial
	}
	return nil
}

func printPassage(e *env, p corpus.Passage) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  [%s]", p.ID, p.Kind)
	if p.Page > 0 {
		fmt.Fprintf(&b, "  p.%d", p.Page)
	}
	fmt.Fprintf(&b, "  %s\n", p.Document)
	if len(p.Section) > 0 {
		fmt.Fprintf(&b, "  § %s\n", p.SectionPath())
	}
	fmt.Fprintf(&b, "  %s\n\n", p.Text)
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}
