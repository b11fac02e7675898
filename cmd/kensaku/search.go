package main

import (
	"context"
	"errors"
)

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "search")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("search: not built yet")
}
