package opensearch

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/query"
)

// FuzzQuery checks that any query text translates without a panic into
// JSON, or fails with a syntax error or ErrInvalidRequest. Run it with
//
//	go test ./search/opensearch -run '^$' -fuzz FuzzQuery -fuzztime 1m
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"SSA", "ＳＳＡ", "宇宙状況監視", `"Space Situational Awareness"`, "=SSA 低軌道",
		"+SSA -デブリ", "a OR b AND c", `section:"第3節 › x" page:3-9 -kind:toc`, `"宇宙`, "kind:", "-", "=", "OR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		body, err := Query(search.Request{Query: s}, QueryOptions{})
		if err != nil {
			var se *query.SyntaxError
			if !errors.As(err, &se) && !errors.Is(err, search.ErrInvalidRequest) {
				t.Fatalf("%q: %v is neither a syntax error nor ErrInvalidRequest", s, err)
			}
			return
		}
		if _, err := json.Marshal(body); err != nil {
			t.Fatalf("%q: body does not encode: %v", s, err)
		}
	})
}
