package sqlite

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestMatchExpr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"梅雨", ""},
		{"梅雨は", `"梅雨は"`},
		{"梅雨とは", `"梅雨と" OR "雨とは"`},
		{`a"bc`, `"a""b" OR """bc"`},
	}
	for _, tt := range tests {
		if got := MatchExpr(tt.in); got != tt.want {
			t.Errorf("MatchExpr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzMatchExpr(f *testing.F) {
	for _, s := range []string{"梅雨とは何季の一種か?", `"'"`, "SSA ＳＳＡ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := MatchExpr(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("MatchExpr(%q) = %q: invalid UTF-8", s, got)
		}
		if got != "" && (!strings.HasPrefix(got, `"`) || !strings.HasSuffix(got, `"`)) {
			t.Errorf("MatchExpr(%q) = %q: terms not quoted", s, got)
		}
	})
}

func TestParseOutput(t *testing.T) {
	out := "0|w\n1|a b\nRun Time: real 0.001 user 0.000250 sys 0.000050\n0|\nRun Time: real 0.000 user 0.000100 sys 0.000000\n"
	as, err := parseOutput(strings.NewReader(out), 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, as[1].IDs); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if as[1].Took != 300*time.Microsecond || as[0].Took != 100*time.Microsecond || len(as[0].IDs) != 0 {
		t.Errorf("answers %+v, want 300µs with a b, 100µs with none", as)
	}
	for _, bad := range []string{"0|w\n", "x|a\n", "0|w\n1|a\nRun Time: real x\n", "0|w\nhello\n"} {
		if _, err := parseOutput(strings.NewReader(bad), 1, 1); err == nil {
			t.Errorf("parseOutput(%q): no error", bad)
		}
	}
}
