package main

import (
	"strings"
	"testing"
)

func TestPrintSkippedTypes(t *testing.T) {
	tests := []struct {
		in   map[string]int
		want string
	}{
		{nil, ""},
		{map[string]int{".png": 20, ".xlsx": 6}, "skipped 26 files: 20 .png, 6 .xlsx\n"},
		{map[string]int{".b": 1, ".a": 1, ".csv.gz": 3}, "skipped 5 files: 3 .csv.gz, 1 .a, 1 .b\n"},
		{map[string]int{"(none)": 1}, "skipped 1 file: 1 (none)\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		printSkippedTypes(&b, tt.in)
		if b.String() != tt.want {
			t.Errorf("printSkippedTypes(%v) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}
