package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/kensaku/kensaku/indexer"
)

// printChanges writes what an update replaced and deleted.
func printChanges(w io.Writer, rep *indexer.Report) {
	fmt.Fprintf(w, "%d passages replaced, %d deleted\n", rep.Replaced, rep.Deleted)
}

func runDelete(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "delete")
	dir := fs.String("index", "", "index `directory` to update (required)")
	quiet := fs.Bool("quiet", false, "no summary on stderr")
	var docs, ids stringList
	fs.Var(&docs, "document", "delete the passages of the document `NAME` (as search results name it); repeatable")
	fs.Var(&ids, "id", "delete the passage `ID`; repeatable")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || len(docs)+len(ids) == 0 || fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "kensaku delete: --index DIR and at least one --document or --id are required\n")
		fs.Usage()
		return errUsage
	}
	rep, err := indexer.Update(ctx, *dir, indexer.Change{Delete: ids, DeleteDocuments: docs}, indexer.Options{})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("delete: interrupted; the index is unchanged")
		}
		return fmt.Errorf("delete: %w", err)
	}
	if !*quiet {
		fmt.Fprintf(e.stderr, "deleted %d passages from %s in %.1f s\n", rep.Deleted, *dir, rep.Elapsed.Seconds())
	}
	return nil
}

func runOptimize(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "optimize")
	dir := fs.String("index", "", "index `directory` to optimize (required)")
	quiet := fs.Bool("quiet", false, "no summary on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "kensaku optimize: --index DIR is required\n")
		fs.Usage()
		return errUsage
	}
	rep, err := indexer.Optimize(ctx, *dir, indexer.Options{})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("optimize: interrupted; the index is unchanged")
		}
		return fmt.Errorf("optimize: %w", err)
	}
	if !*quiet {
		if rep.Indexed == 0 {
			fmt.Fprintf(e.stderr, "%s is one segment without deletions already; nothing to do\n", *dir)
		} else {
			fmt.Fprintf(e.stderr, "merged %d passages of %s into one segment in %.1f s\n", rep.Indexed, *dir, rep.Elapsed.Seconds())
		}
	}
	return nil
}
