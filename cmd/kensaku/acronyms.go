package main

import (
	"context"
	"errors"
)

func runAcronyms(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "acronyms")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("acronyms: not built yet")
}
