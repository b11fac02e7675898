package groonga

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestQuoteTerm(t *testing.T) {
	for in, want := range map[string]string{"梅雨": `"梅雨"`, `a"b`: `"a\"b"`, `c\`: `"c\\"`, "OR": `"OR"`} {
		if got := QuoteTerm(in); got != want {
			t.Errorf("QuoteTerm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSelectCommand(t *testing.T) {
	cmd := selectCommand([]string{"梅雨", "ssa"}, 10)
	u, err := url.Parse(strings.TrimSpace(cmd))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Query().Get("query"), `"梅雨" OR "ssa"`; got != want {
		t.Errorf("query = %q, want %q", got, want)
	}
	if u.Path != "/d/select" || u.Query().Get("limit") != "10" {
		t.Errorf("command %q", cmd)
	}
}

func TestDecodeResponses(t *testing.T) {
	out := `[[0,1.7e9,0.0005],[[[2],[["_key","ShortText"],["_score","Int32"]],["p1",3],["p2",1]]]]
[[-22,1.7e9,0.001,"syntax error",[]]]
[[0,1.7e9,0.002],true]`
	rs, err := decodeResponses(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d responses, want 3", len(rs))
	}
	ids, err := rs[0].selectKeys()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"p1", "p2"}, ids); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	if rs[0].elapsed != 500*time.Microsecond {
		t.Errorf("elapsed %v, want 500µs", rs[0].elapsed)
	}
	if err := rs[1].err(); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("err() = %v, want the syntax error", err)
	}
	if _, err := decodeResponses(strings.NewReader(`[[0,1]]`)); err == nil {
		t.Error("short header: no error")
	}
	if _, err := decodeResponses(strings.NewReader(`[[0,1,2],`)); err == nil {
		t.Error("truncated reply: no error")
	}
}

// FuzzDecodeResponses checks that no reply stream makes the decoder or the
// select reader panic. Run with: go test -fuzz FuzzDecodeResponses ./bench/engines/groonga
func FuzzDecodeResponses(f *testing.F) {
	f.Add(`[[0,1.7e9,0.0005],[[[2],[["_key","ShortText"]],["p1",3]]]]`)
	f.Add(`[[-22,1.7e9,0.001,"syntax error",[]]]`)
	f.Add(`[[0,1,2],[[[1]]]]`)
	f.Add(`[[0,1,2],[[]]]`)
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := decodeResponses(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rs {
			r.err()
			r.selectKeys()
		}
	})
}
