package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// search --queries reads files as editors save them: a UTF-8 byte-order
// mark before the first line and CRLF line ends are not part of the JSON,
// and a line that is not valid UTF-8 gets an error, as an HTTP query does,
// rather than a search for U+FFFD.
func TestSearchBatchInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // per output line: the id and "" or the error's substring
	}{
		{name: "byte-order mark and CRLF", in: "\uFEFF{\"id\":\"1\",\"query\":\"SSA\"}\r\n{\"id\":\"2\",\"query\":\"宇宙\"}\r\n",
			want: []string{"1", "", "2", ""}},
		{name: "byte-order mark alone on the first line", in: "\uFEFF\n{\"id\":\"1\",\"query\":\"SSA\"}\n",
			want: []string{"1", ""}},
		{name: "invalid UTF-8", in: "{\"id\":\"bad\",\"query\":\"SSA \xff\"}\n{\"id\":\"ok\",\"query\":\"SSA\"}\n",
			want: []string{"", "line 1: not valid UTF-8", "ok", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, err := runCmd(t, tt.in, "search", "--json", "--ids-only", "--queries", "-")
			if err != nil {
				t.Fatalf("search --queries: %v\n%s", err, stderr)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(tt.want)/2 {
				t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(tt.want)/2, out)
			}
			for i, line := range lines {
				var res struct {
					ID    string `json:"id"`
					Total int    `json:"total"`
					Error string `json:"error"`
				}
				if err := json.Unmarshal([]byte(line), &res); err != nil {
					t.Fatalf("line %d: %v: %s", i+1, err, line)
				}
				id, wantErr := tt.want[2*i], tt.want[2*i+1]
				if res.ID != id || wantErr == "" && (res.Error != "" || res.Total == 0) || wantErr != "" && !strings.Contains(res.Error, wantErr) {
					t.Errorf("line %d: %s; want id %q, error %q", i+1, line, id, wantErr)
				}
			}
		})
	}
}

// search --queries gives every result line the expansions the query was
// searched with, as the single-query output does, and none with
// --no-expand.
func TestSearchBatchExpansions(t *testing.T) {
	in := "{\"id\":\"acronym\",\"query\":\"SSA\"}\n{\"id\":\"japanese\",\"query\":\"宇宙状況監視\"}\n"
	tests := []struct {
		name  string
		flags []string
		want  map[string][]string // per id: equivalents of its term that must be listed
	}{
		{name: "expanded", want: map[string][]string{"acronym": {"宇宙状況監視", "Space Situational Awareness"}, "japanese": {"SSA"}}},
		{name: "no-expand", flags: []string{"--no-expand"}, want: map[string][]string{"acronym": nil, "japanese": nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"search", "--json", "--ids-only", "--queries", "-"}, tt.flags...)
			out, stderr, err := runCmd(t, in, args...)
			if err != nil {
				t.Fatalf("search --queries: %v\n%s", err, stderr)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("%d output lines, want %d:\n%s", len(lines), len(tt.want), out)
			}
			for _, line := range lines {
				var res struct {
					ID         string             `json:"id"`
					Expansions *[]json.RawMessage `json:"expansions"`
				}
				if err := json.Unmarshal([]byte(line), &res); err != nil {
					t.Fatalf("%v: %s", err, line)
				}
				if res.Expansions == nil {
					t.Errorf("%s: no expansions field: %s", res.ID, line)
					continue
				}
				want := tt.want[res.ID]
				if len(want) == 0 && len(*res.Expansions) > 0 {
					t.Errorf("%s: expansions %s, want none", res.ID, line)
				}
				for _, f := range want {
					if !strings.Contains(line, `"`+f+`"`) {
						t.Errorf("%s: expansions lack %q: %s", res.ID, f, line)
					}
				}
			}
		})
	}
}
