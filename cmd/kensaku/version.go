package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	version := "(devel)"
	goVersion := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		goVersion = info.GoVersion
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				version += " " + s.Value
			}
		}
	}
	fmt.Fprintf(e.stdout, "kensaku %s %s\n", version, goVersion)
	return nil
}
