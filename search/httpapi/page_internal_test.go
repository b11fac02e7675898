package httpapi

import (
	"html"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
)

func TestSanitizeHighlight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"<mark>宇宙状況監視</mark>（<mark>SSA</mark>: …", "<mark>宇宙状況監視</mark>（<mark>SSA</mark>: …"},
		{"a &amp; b &lt;c&gt; &#34;d&#34; &#39;e&#39;", "a &amp; b &lt;c&gt; &#34;d&#34; &#39;e&#39;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<mark onclick=x>a</mark>", "&lt;mark onclick=x&gt;a"},
		{"<MARK>a</MARK>", "&lt;MARK&gt;a&lt;/MARK&gt;"},
		{"<mark>a", "<mark>a</mark>"},                     // unclosed: closed
		{"a</mark>b", "ab"},                               // stray close: dropped
		{"<mark><mark>a</mark></mark>", "<mark>a</mark>"}, // nested: flattened
		{"<<mark>a</mark>>", "&lt;<mark>a</mark>&gt;"},    // stray brackets around tags
		{"x<mark>a<b>c</b></mark>", "x<mark>a&lt;b&gt;c&lt;/b&gt;</mark>"},
		{"&lt;mark&gt;a&lt;/mark&gt;", "&lt;mark&gt;a&lt;/mark&gt;"}, // escaped tags stay text
		{"&amp;lt;", "&amp;lt;"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		if got := string(sanitizeHighlight(tt.in)); got != tt.want {
			t.Errorf("sanitizeHighlight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimTitle(t *testing.T) {
	tests := []struct{ section, title, want string }{
		{"第3節 協力 › ❶ 宇宙領域", "❶ 宇宙領域", "第3節 協力"},
		{"❶ 宇宙領域", "❶ 宇宙領域", ""},
		{"第3節 協力 › 宇宙領域", "領域", "第3節 協力 › 宇宙領域"},
		{"第3節 協力", "", "第3節 協力"},
		{"第3節 協力", "別の題", "第3節 協力"},
	}
	for _, tt := range tests {
		if got := trimTitle(tt.section, tt.title); got != tt.want {
			t.Errorf("trimTitle(%q, %q) = %q, want %q", tt.section, tt.title, got, tt.want)
		}
	}
}

// checkSafe reports why out is not escaped text with balanced, unnested
// <mark> tags, or "".
func checkSafe(out string) string {
	open := false
	for s := out; s != ""; {
		i := strings.IndexAny(s, "<>")
		if i < 0 {
			break
		}
		if s[i] == '>' {
			return "stray >"
		}
		switch {
		case strings.HasPrefix(s[i:], markOpen) && !open:
			open, s = true, s[i+len(markOpen):]
		case strings.HasPrefix(s[i:], markClose) && open:
			open, s = false, s[i+len(markClose):]
		default:
			return "unexpected tag at " + s[i:min(len(s), i+10)]
		}
	}
	if open {
		return "unclosed <mark>"
	}
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	return ""
}

// FuzzSanitizeHighlight checks that any input comes out as escaped text
// with balanced mark tags, and that sanitising is idempotent. Run it with
// go test -fuzz=FuzzSanitizeHighlight ./search/httpapi.
func FuzzSanitizeHighlight(f *testing.F) {
	for _, s := range []string{"<mark>宇宙状況監視</mark>（<mark>SSA</mark>", "<script>x</script>", "<mark>a", "&lt;&amp;&#x3c;", "</mark><mark><", "\xff<mark>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := string(sanitizeHighlight(in))
		if why := checkSafe(out); why != "" {
			t.Fatalf("sanitizeHighlight(%q) = %q: %s", in, out, why)
		}
		if again := string(sanitizeHighlight(out)); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
		// The visible text is kept: only tags other than mark become text.
		if utf8.ValidString(in) && !strings.ContainsAny(in, "<>&") && html.UnescapeString(out) != in {
			t.Fatalf("plain text %q changed to %q", in, out)
		}
	})
}

// FuzzParseRequest checks that no query string makes parseRequest panic or
// accept a request beyond the limits. Run it with
// go test -fuzz=FuzzParseRequest ./search/httpapi.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{"q=SSA", "q=%E5%AE%87&size=10&from=5&filter=kind:body", "q=%ff", "size=-1", "filter=page:0", "q=a;b", "filter=:", "from=10001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		req, _, err := parseRequest(raw)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error for %q", raw)
			}
			return
		}
		if utf8.RuneCountInString(req.Query) > MaxQueryRunes || !utf8.ValidString(req.Query) {
			t.Fatalf("accepted query %q", req.Query)
		}
		if req.Size < 0 || req.Size > MaxSize || req.From < 0 || req.From > MaxFrom || len(req.Filters) > MaxFilters {
			t.Fatalf("accepted size %d from %d filters %d", req.Size, req.From, len(req.Filters))
		}
		for _, fl := range req.Filters {
			if fl.Value == "" || !utf8.ValidString(fl.Value) {
				t.Fatalf("accepted filter %+v", fl)
			}
		}
	})
}

func TestExpansionLiteralLinks(t *testing.T) {
	req := search.Request{Query: "日米SSA協力 宇宙", Size: 20, Filters: []search.Filter{{Field: "kind", Value: "body"}}}
	res := &search.Result{Expansions: []search.Expansion{
		{Term: "SSA", Equivalents: []string{"宇宙状況監視"}, Sense: "宇宙状況監視"},
		{Term: "elsewhere", Equivalents: []string{"x"}}, // not in the query: no link
	}}
	var v pageView
	fillResults(&v, req, res)
	if len(v.Expansions) != 2 {
		t.Fatalf("expansions %+v", v.Expansions)
	}
	want := pageURL("日米 =SSA 協力 宇宙", 20, 0, req.Filters)
	if got := v.Expansions[0].LiteralURL; got != want {
		t.Errorf("literal link %q, want %q", got, want)
	}
	if v.Expansions[0].Sense != "宇宙状況監視" || v.Expansions[1].LiteralURL != "" {
		t.Errorf("views %+v", v.Expansions)
	}
	var b strings.Builder
	v.Query, v.Searched = req.Query, true
	if err := pageTemplate.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.UnescapeString(b.String()), `class="literal" href="`+want+`"`) || !strings.Contains(b.String(), "[宇宙状況監視]") {
		t.Errorf("page lacks the literal link %s or the sense:\n%s", want, b.String())
	}
}

// TestPartialSeparator checks that the page counts hits and partial
// matches and puts a separator above the first partial match, and that
// paging goes on into the partial matches.
func TestPartialSeparator(t *testing.T) {
	req := search.Request{Query: "宇宙状況監視", Size: 3}
	res := &search.Result{Total: 2, Partial: 5, Hits: []search.Hit{
		{ID: "a", Text: "宇宙状況監視"}, {ID: "b", Text: "SSA"}, {ID: "c", Text: "宇宙", Partial: true},
	}}
	var v pageView
	fillResults(&v, req, res)
	if v.Hits[0].FirstPartial || v.Hits[1].FirstPartial || !v.Hits[2].FirstPartial {
		t.Errorf("separator flags %v %v %v, want only above the third hit", v.Hits[0].FirstPartial, v.Hits[1].FirstPartial, v.Hits[2].FirstPartial)
	}
	if v.NextURL == "" {
		t.Error("no link to the partial matches after the first page")
	}
	var b strings.Builder
	v.Query, v.Searched = req.Query, true
	if err := pageTemplate.Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Count(page, `class="partial-sep"`) != 1 || !strings.Contains(page, `<span id="partial">5</span>`) {
		t.Errorf("page lacks the separator or the partial count:\n%s", page)
	}
	if strings.Index(page, `class="partial-sep"`) > strings.Index(page, "宇宙</p>") {
		t.Error("separator below the partial match")
	}
}

// TestExpansionInIndexShown checks that the page lists only the forms of
// an expansion that occur in the index, and counts the others.
func TestExpansionInIndexShown(t *testing.T) {
	form := func(f string, in bool) search.EquivalentForm { return search.EquivalentForm{Form: f, InIndex: in} }
	tests := []struct {
		name       string
		x          search.Expansion
		shown      []string
		missing    int
		has, lacks []string // in the page's expansion item
	}{
		{"all occur", search.Expansion{Term: "SSA", Equivalents: []string{"宇宙状況監視", "Space Situational Awareness"},
			Forms: []search.EquivalentForm{form("宇宙状況監視", true), form("Space Situational Awareness", true)}},
			[]string{"宇宙状況監視", "Space Situational Awareness"}, 0, []string{"宇宙状況監視, Space Situational Awareness"}, []string{"not in the index"}},
		{"some missing", search.Expansion{Term: "デブリ", Equivalents: []string{"debris", "宇宙ゴミ", "星間塵"},
			Forms: []search.EquivalentForm{form("debris", true), form("宇宙ゴミ", false), form("星間塵", false)}},
			[]string{"debris"}, 2, []string{"debris", "(+2 索引になし not in the index)"}, []string{"宇宙ゴミ", "星間塵"}},
		{"none occurs", search.Expansion{Term: "space debris", Equivalents: []string{"宇宙ゴミ", "星間塵"},
			Forms: []search.EquivalentForm{form("宇宙ゴミ", false), form("星間塵", false)}},
			nil, 2, []string{"索引になし no form in the index (2)"}, []string{"宇宙ゴミ", "星間塵"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := search.Request{Query: tt.x.Term, Size: 10}
			var v pageView
			fillResults(&v, req, &search.Result{Expansions: []search.Expansion{tt.x}})
			if len(v.Expansions) != 1 || !slices.Equal(v.Expansions[0].Shown, tt.shown) || v.Expansions[0].Missing != tt.missing {
				t.Fatalf("views %+v, want shown %q missing %d", v.Expansions, tt.shown, tt.missing)
			}
			var b strings.Builder
			v.Query, v.Searched = req.Query, true
			if err := pageTemplate.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			i := strings.Index(page, `<div class="expansions">`)
			if i < 0 {
				t.Fatalf("no expansions in\n%s", page)
			}
			item := page[i:]
			item = item[:strings.Index(item, "</div>")]
			for _, s := range tt.has {
				if !strings.Contains(item, s) {
					t.Errorf("expansions lack %q:\n%s", s, item)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(item, s) {
					t.Errorf("expansions have %q:\n%s", s, item)
				}
			}
		})
	}
}
