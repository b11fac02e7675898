package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// TestSearchInIndex checks on the built-in corpus that /search keeps
// every form of an expansion with in_index, and that the page lists only
// the forms the index has.
func TestSearchInIndex(t *testing.T) {
	e, err := search.OpenBuiltin(search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	h := httpapi.New(e, httpapi.Options{})
	tests := []struct {
		query     string
		in, notIn []string // forms and their in_index in /search
		page      string   // in the page
		pageLacks []string // not in the page
	}{
		{"space debris", nil, []string{"宇宙ゴミ", "星間塵"}, "索引になし no form in the index (4)", []string{"宇宙ゴミ", "星間塵"}},
		{"SSA", []string{"宇宙状況監視", "Space Situational Awareness"}, nil, "宇宙状況監視", []string{"not in the index"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := get(t, h, "GET", "/search?q="+url.QueryEscape(tt.query))
			if rec.Code != http.StatusOK {
				t.Fatalf("/search: %d %s", rec.Code, rec.Body)
			}
			var res struct {
				Expansions []struct {
					Forms []map[string]any `json:"forms"`
				} `json:"expansions"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			in := map[string]any{}
			for _, x := range res.Expansions {
				for _, f := range x.Forms {
					v, ok := f["in_index"]
					if !ok {
						t.Errorf("form %v has no in_index", f)
					}
					in[f["form"].(string)] = v
				}
			}
			for _, f := range tt.in {
				if in[f] != true {
					t.Errorf("%s: in_index %v, want true", f, in[f])
				}
			}
			for _, f := range tt.notIn {
				if in[f] != false {
					t.Errorf("%s: in_index %v, want false", f, in[f])
				}
			}
			rec = get(t, h, "GET", "/?q="+url.QueryEscape(tt.query))
			if rec.Code != http.StatusOK {
				t.Fatalf("page: %d", rec.Code)
			}
			page := rec.Body.String()
			i := strings.Index(page, `<div class="expansions">`)
			if i < 0 {
				t.Fatalf("no expansions in the page")
			}
			exp := page[i:]
			exp = exp[:strings.Index(exp, "</div>")]
			if !strings.Contains(exp, tt.page) {
				t.Errorf("expansions lack %q:\n%s", tt.page, exp)
			}
			for _, s := range tt.pageLacks {
				if strings.Contains(exp, s) {
					t.Errorf("expansions have %q:\n%s", s, exp)
				}
			}
		})
	}
}
