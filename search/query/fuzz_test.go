package query

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that errors are *SyntaxError
// with an offset inside the input, that clauses and filters lie inside the
// input in order with valid non-empty text, that Parse → String → Parse
// is stable, and that WithLiteral gives queries that parse. Run it with
//
//	go test -run=^$ -fuzz=FuzzParse ./search/query
//
// Crashers found are kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, s := range []string{
		"宇宙状況監視 SSA ＳＳＡ \"Space Situational Awareness\"",
		"日本で梅雨がないのは北海道とどこか。",
		"“防衛白書”　＋ミサイル　－訓練 ＫＩＮＤ：ｂｏｄｙ",
		"令和5年版 AND 防衛 OR 安全保障 -document:\"白書 2023\" page:10-20",
		"=SSA ＝\"宇宙 状況\" +=a -=b = == a=b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %v (%T) is not a *SyntaxError", s, err, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d outside [0, %d]", s, se.Offset, len(s))
			}
			if se.Msg == "" {
				t.Fatalf("Parse(%q) returned an empty error message", s)
			}
			return
		}
		if len(q.Groups) == 0 && len(q.Filters) == 0 {
			t.Fatalf("Parse(%q) returned an empty query", s)
		}
		last := -1
		for _, g := range q.Groups {
			if len(g) == 0 {
				t.Fatalf("Parse(%q) returned an empty group", s)
			}
			for _, c := range g {
				if c.Offset <= last || c.Offset >= len(s) {
					t.Fatalf("Parse(%q): clause %+v offset out of order or outside the input", s, c)
				}
				last = c.Offset
				if c.Text == "" || !utf8.ValidString(c.Text) {
					t.Fatalf("Parse(%q): clause %+v has empty or invalid text", s, c)
				}
			}
		}
		last = -1
		for _, fl := range q.Filters {
			if fl.Offset <= last || fl.Offset >= len(s) {
				t.Fatalf("Parse(%q): filter %+v offset out of order or outside the input", s, fl)
			}
			last = fl.Offset
			if fl.Value == "" || !utf8.ValidString(fl.Value) {
				t.Fatalf("Parse(%q): filter %+v has empty or invalid value", s, fl)
			}
		}
		checkRoundTrip(t, s)
		// Making any term literal gives a valid query.
		if g := q.Groups; len(g) > 0 {
			term := g[0][len(g[0])-1].Text
			if out, ok := WithLiteral(s, term); ok {
				if _, err := Parse(out); err != nil {
					t.Fatalf("WithLiteral(%q, %q) = %q, which does not parse: %v", s, term, out, err)
				}
			}
		}
	})
}
