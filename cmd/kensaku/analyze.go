package main

import (
	"context"
	"errors"
)

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "analyze")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return errors.New("analyze: not built yet")
}
