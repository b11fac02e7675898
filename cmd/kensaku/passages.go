package main

import (
	"context"
	"errors"
)

func runPassages(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "passages")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("passages: not built yet")
}
