package query

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Shorthands for the table.
func should(off int, text string) Clause  { return Clause{Occur: Should, Text: text, Offset: off} }
func must(off int, text string) Clause    { return Clause{Occur: Must, Text: text, Offset: off} }
func mustNot(off int, text string) Clause { return Clause{Occur: MustNot, Text: text, Offset: off} }
func phrase(c Clause) Clause              { c.Phrase = true; return c }
func literal(c Clause) Clause             { c.Literal = true; return c }
func group(cs ...Clause) [][]Clause       { return [][]Clause{cs} }

var parseTests = []struct {
	name string
	in   string
	want *Query
	err  *SyntaxError
}{
	// Bare words, Japanese and English.
	{name: "one word", in: "宇宙状況監視", want: &Query{Groups: group(should(0, "宇宙状況監視"))}},
	{name: "acronym", in: "SSA", want: &Query{Groups: group(should(0, "SSA"))}},
	{name: "full-width acronym kept", in: "ＳＳＡ", want: &Query{Groups: group(should(0, "ＳＳＡ"))}},
	{name: "english words", in: "Space Situational Awareness", want: &Query{Groups: group(
		should(0, "Space"), should(6, "Situational"), should(18, "Awareness"))}},
	{name: "surrounding space", in: "  a\tb\n", want: &Query{Groups: group(should(2, "a"), should(4, "b"))}},
	{name: "ideographic space separates", in: "宇宙\u3000防衛", want: &Query{Groups: group(
		should(0, "宇宙"), should(9, "防衛"))}},
	{name: "question", in: "日本で梅雨がないのは北海道とどこか。", want: &Query{Groups: group(
		should(0, "日本で梅雨がないのは北海道とどこか。"))}},
	{name: "punctuation is text", in: "(SSA)とは？ 何!", want: &Query{Groups: group(
		should(0, "(SSA)とは？"), should(15, "何!"))}},
	{name: "brackets are text", in: "「宇宙 状況」", want: &Query{Groups: group(
		should(0, "「宇宙"), should(10, "状況」"))}},
	{name: "hyphen inside words", in: "COVID-19 F-35 2-3", want: &Query{Groups: group(
		should(0, "COVID-19"), should(9, "F-35"), should(14, "2-3"))}},
	{name: "plus inside word", in: "C++", want: &Query{Groups: group(should(0, "C++"))}},
	{name: "lower-case and or are words", in: "black and white or grey", want: &Query{Groups: group(
		should(0, "black"), should(6, "and"), should(10, "white"), should(16, "or"), should(19, "grey"))}},
	{name: "mixed-case And is a word", in: "a And b", want: &Query{Groups: group(
		should(0, "a"), should(2, "And"), should(6, "b"))}},
	{name: "unknown field is a word", in: "時刻:12 https://example.org/a", want: &Query{Groups: group(
		should(0, "時刻:12"), should(10, "https://example.org/a"))}},
	{name: "colon first is a word", in: ":kind", want: &Query{Groups: group(should(0, ":kind"))}},
	{name: "field name inside word", in: "xkind:body", want: &Query{Groups: group(should(0, "xkind:body"))}},
	{name: "quote inside word is text", in: `日本の"SSA"とは`, want: &Query{Groups: group(should(0, `日本の"SSA"とは`))}},

	// Phrases.
	{name: "phrase", in: `"Space Situational Awareness"`, want: &Query{Groups: group(
		phrase(should(0, "Space Situational Awareness")))}},
	{name: "curly quotes", in: "“宇宙 状況”", want: &Query{Groups: group(phrase(should(0, "宇宙 状況")))}},
	{name: "IME quotes", in: "”宇宙 状況”", want: &Query{Groups: group(phrase(should(0, "宇宙 状況")))}},
	{name: "full-width quotes", in: "＂宇宙 状況＂", want: &Query{Groups: group(phrase(should(0, "宇宙 状況")))}},
	{name: "phrase keeps inner space", in: `" a  b "`, want: &Query{Groups: group(phrase(should(0, " a  b ")))}},
	{name: "text after phrase is a new clause", in: `"宇宙"とは`, want: &Query{Groups: group(
		phrase(should(0, "宇宙")), should(8, "とは"))}},
	{name: "adjacent phrases", in: `"a""b"`, want: &Query{Groups: group(phrase(should(0, "a")), phrase(should(3, "b")))}},
	{name: "operator after phrase", in: `"a"-b`, want: &Query{Groups: group(phrase(should(0, "a")), mustNot(3, "b"))}},
	{name: "phrase holds syntax", in: `"a OR kind:body -c"`, want: &Query{Groups: group(phrase(should(0, "a OR kind:body -c")))}},

	// Required and excluded.
	{name: "required and excluded", in: "+宇宙 -防衛 監視", want: &Query{Groups: group(
		must(0, "宇宙"), mustNot(8, "防衛"), should(16, "監視"))}},
	{name: "full-width operators", in: "＋宇宙 －防衛", want: &Query{Groups: group(
		must(0, "宇宙"), mustNot(10, "防衛"))}},
	{name: "required phrase", in: `+"a b" -“c d”`, want: &Query{Groups: group(
		phrase(must(0, "a b")), phrase(mustNot(7, "c d")))}},
	{name: "required AND is a word", in: "+AND -OR", want: &Query{Groups: group(must(0, "AND"), mustNot(5, "OR"))}},
	{name: "excluded number", in: "-5", want: &Query{Groups: group(mustNot(0, "5"))}},
	{name: "only excluded", in: "-a -b", want: &Query{Groups: group(mustNot(0, "a"), mustNot(3, "b"))}},

	// AND and OR.
	{name: "AND", in: "a AND b", want: &Query{Groups: group(must(0, "a"), must(6, "b"))}},
	{name: "AND binds neighbours only", in: "a b AND c d", want: &Query{Groups: group(
		should(0, "a"), must(2, "b"), must(8, "c"), should(10, "d"))}},
	{name: "AND chain", in: "a AND b AND c", want: &Query{Groups: group(must(0, "a"), must(6, "b"), must(12, "c"))}},
	{name: "AND keeps exclusion", in: "a AND -b", want: &Query{Groups: group(must(0, "a"), mustNot(6, "b"))}},
	{name: "full-width AND", in: "a ＡＮＤ b", want: &Query{Groups: group(must(0, "a"), must(12, "b"))}},
	{name: "OR", in: "a OR b", want: &Query{Groups: [][]Clause{{should(0, "a")}, {should(5, "b")}}}},
	{name: "OR splits groups", in: "a b OR c d", want: &Query{Groups: [][]Clause{
		{should(0, "a"), should(2, "b")}, {should(7, "c"), should(9, "d")}}}},
	{name: "AND binds tighter than OR", in: "a AND b OR c", want: &Query{Groups: [][]Clause{
		{must(0, "a"), must(6, "b")}, {should(11, "c")}}}},
	{name: "full-width OR", in: "a ＯＲ b", want: &Query{Groups: [][]Clause{{should(0, "a")}, {should(9, "b")}}}},
	{name: "OR of phrases", in: `"a b" OR "c d"`, want: &Query{Groups: [][]Clause{
		{phrase(should(0, "a b"))}, {phrase(should(9, "c d"))}}}},

	// Filters.
	{name: "filter", in: "宇宙 kind:caption", want: &Query{
		Groups:  group(should(0, "宇宙")),
		Filters: []Filter{{Field: "kind", Value: "caption", Offset: 7}}}},
	{name: "filters only", in: "document:防衛白書 page:12", want: &Query{Filters: []Filter{
		{Field: "document", Value: "防衛白書", Offset: 0},
		{Field: "page", Value: "12", Offset: 22}}}},
	{name: "field case and width", in: "KIND:Body Ｓｅｃｔｉｏｎ：宇宙", want: &Query{Filters: []Filter{
		{Field: "kind", Value: "body", Offset: 0},
		{Field: "section", Value: "宇宙", Offset: 10}}}},
	{name: "quoted filter value", in: `section:"宇宙 政策" a`, want: &Query{
		Groups:  group(should(24, "a")),
		Filters: []Filter{{Field: "section", Value: "宇宙 政策", Offset: 0}}}},
	{name: "value keeps colons", in: "document:a:b", want: &Query{Filters: []Filter{{Field: "document", Value: "a:b"}}}},
	{name: "excluded filter", in: "a -kind:heading +kind:body", want: &Query{
		Groups: group(should(0, "a")),
		Filters: []Filter{
			{Field: "kind", Value: "heading", Exclude: true, Offset: 2},
			{Field: "kind", Value: "body", Offset: 16}}}},
	{name: "page range", in: "page:10-20", want: &Query{Filters: []Filter{{Field: "page", Value: "10-20"}}}},
	{name: "full-width page", in: "page:０１２－１５", want: &Query{Filters: []Filter{{Field: "page", Value: "12-15"}}}},
	{name: "one-page range", in: "page:7-7", want: &Query{Filters: []Filter{{Field: "page", Value: "7"}}}},
	{name: "AND with filter", in: "宇宙 AND kind:caption", want: &Query{
		Groups:  group(must(0, "宇宙")),
		Filters: []Filter{{Field: "kind", Value: "caption", Offset: 11}}}},
	{name: "AND between filters", in: "kind:body AND page:3", want: &Query{Filters: []Filter{
		{Field: "kind", Value: "body", Offset: 0},
		{Field: "page", Value: "3", Offset: 14}}}},
	{name: "filters between OR groups", in: "kind:body a OR b page:3", want: &Query{
		Groups: [][]Clause{{should(10, "a")}, {should(15, "b")}},
		Filters: []Filter{
			{Field: "kind", Value: "body", Offset: 0},
			{Field: "page", Value: "3", Offset: 17}}}},

	// Literal terms.
	{name: "literal word", in: "=SSA 協力", want: &Query{Groups: group(literal(should(0, "SSA")), should(5, "協力"))}},
	{name: "literal phrase", in: `="Space Situational Awareness"`, want: &Query{Groups: group(
		literal(phrase(should(0, "Space Situational Awareness"))))}},
	{name: "required and excluded literal", in: "+=SSA -=ＳＳＡ", want: &Query{Groups: group(
		literal(must(0, "SSA")), literal(mustNot(6, "ＳＳＡ")))}},
	{name: "full-width equals", in: "＝ＳＳＡ", want: &Query{Groups: group(literal(should(0, "ＳＳＡ")))}},
	{name: "literal operator and field are words", in: "=AND =kind:body", want: &Query{Groups: group(
		literal(should(0, "AND")), literal(should(5, "kind:body")))}},
	{name: "equals alone is a word", in: "a = b =", want: &Query{Groups: group(
		should(0, "a"), should(2, "="), should(4, "b"), should(6, "="))}},
	{name: "literal equals", in: "==", want: &Query{Groups: group(literal(should(0, "=")))}},
	{name: "equals inside a word is text", in: "a=b", want: &Query{Groups: group(should(0, "a=b"))}},
	{name: "unterminated literal phrase", in: `="a`, err: &SyntaxError{1, "unterminated quoted phrase"}},

	// Errors.
	{name: "empty", in: "", err: &SyntaxError{0, "empty query"}},
	{name: "blank", in: " \u3000\t", err: &SyntaxError{0, "empty query"}},
	{name: "unterminated quote", in: `a "宇宙 状況`, err: &SyntaxError{2, "unterminated quoted phrase"}},
	{name: "unterminated curly quote", in: "“宇宙", err: &SyntaxError{0, "unterminated quoted phrase"}},
	{name: "empty phrase", in: `a "" b`, err: &SyntaxError{2, "empty quoted phrase"}},
	{name: "blank phrase", in: "“\u3000”", err: &SyntaxError{0, "empty quoted phrase"}},
	{name: "plus at end", in: "a +", err: &SyntaxError{3, "expected a term after +"}},
	{name: "dash between words is punctuation", in: "東京 - 大阪", want: &Query{Groups: group(
		should(0, "東京"), should(9, "大阪"))}},
	{name: "plus before space at the end", in: "東京 +", err: &SyntaxError{8, "expected a term after +"}},
	{name: "full-width minus alone", in: "－", err: &SyntaxError{3, "expected a term after -"}},
	{name: "doubled operator", in: "+-a", err: &SyntaxError{1, "expected a term after +, found -"}},
	{name: "double minus", in: "--verbose", err: &SyntaxError{1, "expected a term after -, found -"}},
	{name: "field without value", in: "a kind:", err: &SyntaxError{7, "expected a value after kind:"}},
	{name: "field before space", in: "document: 白書", err: &SyntaxError{9, "expected a value after document:"}},
	{name: "excluded field without value", in: "-page：", err: &SyntaxError{8, "expected a value after page:"}},
	{name: "unterminated filter value", in: `section:"宇宙`, err: &SyntaxError{8, "unterminated quoted section value"}},
	{name: "empty filter value", in: `document:""`, err: &SyntaxError{9, "empty quoted document value"}},
	{name: "unknown kind", in: "kind:table", err: &SyntaxError{5, `unknown kind "table", want one of body, heading, caption, reference, toc`}},
	{name: "page not a number", in: "page:12a", err: &SyntaxError{5, `page "12a": want a page number or a range like 10-20`}},
	{name: "page negative", in: "page:-3", err: &SyntaxError{5, `page "-3": want a page number or a range like 10-20`}},
	{name: "page open range", in: "page:3-", err: &SyntaxError{5, `page "3-": want a page number or a range like 10-20`}},
	{name: "page zero", in: "page:0", err: &SyntaxError{5, `page "0": pages are numbered from 1`}},
	{name: "page reversed", in: "page:20-10", err: &SyntaxError{5, `page "20-10": range ends before it starts`}},
	{name: "page huge", in: "page:99999999999999999999", err: &SyntaxError{5, `page "99999999999999999999": page number too large`}},
	{name: "AND at start", in: "AND a", err: &SyntaxError{0, "expected a term before AND"}},
	{name: "OR at end", in: "a OR", err: &SyntaxError{2, "expected a term after OR"}},
	{name: "only operator", in: " OR ", err: &SyntaxError{1, "expected a term before OR"}},
	{name: "AND OR", in: "a AND OR b", err: &SyntaxError{6, "expected a term after AND, found OR"}},
	{name: "OR OR", in: "a OR ＯＲ b", err: &SyntaxError{5, "expected a term after OR, found OR"}},
	{name: "OR before filter", in: "a OR kind:body", err: &SyntaxError{2, "OR cannot join a filter: filters apply to the whole query"}},
	{name: "OR after filter", in: "kind:body OR a", err: &SyntaxError{10, "OR cannot join a filter: filters apply to the whole query"}},
	{name: "invalid UTF-8", in: "宇宙\xff", err: &SyntaxError{6, "invalid UTF-8"}},
	{name: "too long", in: strings.Repeat("宇", MaxRunes) + "a", err: &SyntaxError{3 * MaxRunes, "query longer than 1000 characters"}},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err != nil {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got, err, tt.err)
				}
				if diff := cmp.Diff(tt.err, se); diff != "" {
					t.Errorf("Parse(%q) error mismatch (-want +got):\n%s", tt.in, diff)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseMaxRunes(t *testing.T) {
	in := strings.Repeat("宇", MaxRunes)
	if _, err := Parse(in); err != nil {
		t.Errorf("Parse of %d runes: %v", MaxRunes, err)
	}
}

// ignoreOffsets compares queries without their offsets, which change when
// a query is rewritten.
var ignoreOffsets = cmp.Options{
	cmpopts.IgnoreFields(Clause{}, "Offset"),
	cmpopts.IgnoreFields(Filter{}, "Offset"),
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"宇宙状況監視", "宇宙状況監視"},
		{"  a \u3000 b  ", "a b"},
		{"a AND b OR -c", "+a +b OR -c"},
		{"“宇宙 状況”とは", `"宇宙 状況" とは`},
		{"a KIND:Caption section:\"宇宙 政策\" -document:\"白書\" ｐａｇｅ：１０－２０", `kind:caption section:"宇宙 政策" -document:白書 page:10-20 a`},
		{"+AND", "+AND"},
		{`＋”a”`, `+"a"`},
		{`＋＝”a” ＝b`, `+="a" =b`},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRoundTrip checks that Parse → String → Parse gives an equal query
// and that String is idempotent, for every valid query of the table.
func TestRoundTrip(t *testing.T) {
	for _, tt := range parseTests {
		if tt.err != nil {
			continue
		}
		t.Run(tt.name, func(t *testing.T) { checkRoundTrip(t, tt.in) })
	}
}

// checkRoundTrip checks that s, when it parses, parses back to the same
// query from its String form.
func checkRoundTrip(t *testing.T, s string) {
	t.Helper()
	q, err := parse(s)
	if err != nil {
		return
	}
	out := q.String()
	q2, err := parse(out)
	if err != nil {
		t.Fatalf("Parse(%q).String() = %q, which does not parse: %v", s, out, err)
	}
	if diff := cmp.Diff(q, q2, ignoreOffsets); diff != "" {
		t.Errorf("Parse(%q) and Parse(%q) differ (-first +second):\n%s", s, out, diff)
	}
	if out2 := q2.String(); out2 != out {
		t.Errorf("String not idempotent for %q: %q then %q", s, out, out2)
	}
}

func TestRuns(t *testing.T) {
	tests := []struct {
		in   string
		want []Run
	}{
		{"Space Situational Awareness", []Run{{Group: 0, Start: 0, End: 3, Text: "Space Situational Awareness", Offset: 0}}},
		{"宇宙 状況 kind:body 監視", []Run{{Group: 0, Start: 0, End: 3, Text: "宇宙 状況 監視", Offset: 0}}},
		{`a b "c" d +e f -g h i`, []Run{
			{Group: 0, Start: 0, End: 2, Text: "a b", Offset: 0},
			{Group: 0, Start: 3, End: 4, Text: "d", Offset: 8},
			{Group: 0, Start: 5, End: 6, Text: "f", Offset: 13},
			{Group: 0, Start: 7, End: 9, Text: "h i", Offset: 18}}},
		{"a b OR c d", []Run{
			{Group: 0, Start: 0, End: 2, Text: "a b", Offset: 0},
			{Group: 1, Start: 0, End: 2, Text: "c d", Offset: 7}}},
		{"a AND b", nil},
		{"kind:body", nil},
		{"a =b c", []Run{
			{Group: 0, Start: 0, End: 1, Text: "a", Offset: 0},
			{Group: 0, Start: 2, End: 3, Text: "c", Offset: 5}}},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if diff := cmp.Diff(tt.want, q.Runs()); diff != "" {
			t.Errorf("Parse(%q).Runs() mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFilterPages(t *testing.T) {
	tests := []struct {
		f                   Filter
		wantFirst, wantLast int
		wantOK              bool
	}{
		{Filter{Field: "page", Value: "12"}, 12, 12, true},
		{Filter{Field: "page", Value: "10-20"}, 10, 20, true},
		{Filter{Field: "page", Value: "20-10"}, 0, 0, false},
		{Filter{Field: "page", Value: "x"}, 0, 0, false},
		{Filter{Field: "kind", Value: "12"}, 0, 0, false},
	}
	for _, tt := range tests {
		first, last, ok := tt.f.Pages()
		if first != tt.wantFirst || last != tt.wantLast || ok != tt.wantOK {
			t.Errorf("%+v.Pages() = %d, %d, %v; want %d, %d, %v", tt.f, first, last, ok, tt.wantFirst, tt.wantLast, tt.wantOK)
		}
	}
}

func TestOccurString(t *testing.T) {
	for o, want := range map[Occur]string{Should: "should", Must: "must", MustNot: "must_not", Occur(7): "Occur(7)"} {
		if got := o.String(); got != want {
			t.Errorf("Occur(%d).String() = %q, want %q", int(o), got, want)
		}
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := Parse(`a "b`)
	if got, want := err.Error(), "query: unterminated quoted phrase at offset 2"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestWithLiteral(t *testing.T) {
	tests := []struct {
		in, term, want string
		ok             bool
	}{
		{"SSA 協力", "SSA", "=SSA 協力", true},
		{"+SSA OR SSA", "SSA", "+=SSA OR =SSA", true},
		{"space situational awareness 協力", "space situational awareness", `="space situational awareness" 協力`, true},
		{"日米SSA協力", "SSA", "日米 =SSA 協力", true},
		{"ＳＳＡ多国間", "ＳＳＡ", "=ＳＳＡ 多国間", true},
		{`"SSA 協力" kind:body`, "SSA", `kind:body ="SSA 協力"`, true},
		{"-SSA 協力", "SSA", "", false},
		{"=SSA", "SSA", "", false},
		{"宇宙", "SSA", "", false},
		{"a b", "b c", "", false},
		{`"a`, "a", "", false},
		{`a" a`, "a", `=a" =a`, true},
		{"xOR", "x", "=xOR", true},                     // OR alone would be an operator
		{"SSAkind:body", "SSA", "=SSAkind:body", true}, // kind:body alone would be a filter
	}
	for _, tt := range tests {
		got, ok := WithLiteral(tt.in, tt.term)
		if got != tt.want || ok != tt.ok {
			t.Errorf("WithLiteral(%q, %q) = %q, %v; want %q, %v", tt.in, tt.term, got, ok, tt.want, tt.ok)
		}
		if ok {
			q, err := Parse(got)
			if err != nil {
				t.Errorf("WithLiteral(%q, %q) = %q does not parse: %v", tt.in, tt.term, got, err)
				continue
			}
			if again, ok := WithLiteral(got, tt.term); ok && again != got {
				t.Errorf("WithLiteral twice on %q: %q", q, again)
			}
		}
	}
}
