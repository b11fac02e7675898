package main

import (
	"context"
	"fmt"

	"github.com/kensaku/kensaku/indexer"
)

// runCheck verifies an index in full: every file's checksum, the passage
// counts and the bigram numbering.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "check")
	dir := fs.String("index", "", "index `directory` to check (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "kensaku check: --index DIR is required, and nothing else\n")
		fs.Usage()
		return errUsage
	}
	if err := indexer.Check(*dir); err != nil {
		return err
	}
	ix, err := indexer.Open(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Fprintf(e.stdout, "%s: ok: %d passages from %d documents, %d files verified\n",
		*dir, ix.Meta.Passages, ix.Meta.Documents, len(ix.Meta.Files)+1)
	return nil
}
