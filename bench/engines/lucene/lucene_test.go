package lucene

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseOutput(t *testing.T) {
	as, err := parseOutput(strings.NewReader("1\t2500\t\n0\t1000000\ta b c\n"), 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, as[0].IDs); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if as[0].Took != time.Millisecond || as[1].Took != 2500*time.Nanosecond || len(as[1].IDs) != 0 {
		t.Errorf("answers %+v", as)
	}
	for _, bad := range []string{"0\t1\n", "9\t1\ta\n", "0\tx\ta\n", "0\t1\ta\n", "0\t-5\ta\n1\t1\tb\n"} {
		if _, err := parseOutput(strings.NewReader(bad), 2); err == nil {
			t.Errorf("parseOutput(%q): no error", bad)
		}
	}
}

// FuzzParseOutput: no input makes the parser panic, and every answer it
// accepts has a non-negative time. Run with: go test -fuzz FuzzParseOutput ./bench/engines/lucene
func FuzzParseOutput(f *testing.F) {
	f.Add("0\t1000\ta b\n", 1)
	f.Add("1\t2500\t\n0\t1\tx\n", 2)
	f.Add("\t\t\n", 0)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 1000 {
			return
		}
		as, err := parseOutput(strings.NewReader(s), n)
		if err != nil {
			return
		}
		if len(as) != n {
			t.Fatalf("%d answers, want %d", len(as), n)
		}
		for _, a := range as {
			if a.Took < 0 {
				t.Errorf("negative time %v from %q", a.Took, s)
			}
		}
	})
}
