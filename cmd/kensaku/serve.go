package main

import (
	"context"
	"errors"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("serve: not built yet")
}
