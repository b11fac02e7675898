package main

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

// A flag error is one line on stderr, with the command's name and where to
// find its flags, and exit status 2; --help prints the whole usage.
func TestFlagErrors(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr error
		stderr  string // the whole of stderr, or with help, a part of it
	}{
		{args: []string{"search", "--size", "abc", "SSA"}, wantErr: errUsage,
			stderr: "kensaku search: invalid value \"abc\" for flag -size: parse error (run \"kensaku search --help\" for the flags)\n"},
		{args: []string{"index", "--bogus"}, wantErr: errUsage,
			stderr: "kensaku index: flag provided but not defined: -bogus (run \"kensaku index --help\" for the flags)\n"},
		{args: []string{"serve", "--watch", "soon"}, wantErr: errUsage,
			stderr: "kensaku serve: invalid value \"soon\" for flag -watch: parse error (run \"kensaku serve --help\" for the flags)\n"},
		{args: []string{"analyze", "--json=maybe", "x"}, wantErr: errUsage,
			stderr: "kensaku analyze: invalid boolean value \"maybe\" for -json: parse error (run \"kensaku analyze --help\" for the flags)\n"},
		{args: []string{"search", "--help"}, wantErr: flag.ErrHelp, stderr: "Usage: kensaku search"},
		{args: []string{"check", "-h"}, wantErr: flag.ErrHelp, stderr: "Flags:\n  -index directory"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, err := runCmd(t, "", tt.args...)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == errUsage && stderr != tt.stderr || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, tt.stderr)
			}
		})
	}
}
