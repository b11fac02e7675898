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
