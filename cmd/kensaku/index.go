package main

import (
	"context"
	"errors"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "index")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("index: not built yet")
}
