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
	for _, bad := range []string{"0\t1\n", "9\t1\ta\n", "0\tx\ta\n", "0\t1\ta\n"} {
		if _, err := parseOutput(strings.NewReader(bad), 2); err == nil {
			t.Errorf("parseOutput(%q): no error", bad)
		}
	}
}
