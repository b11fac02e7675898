package analyzers

import (
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestIndexPhrasesAndHighlights indexes the seed page with both analyzers
// in an in-memory Bleve index and checks phrase matching and highlight
// offsets end to end.
func TestIndexPhrasesAndHighlights(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	dict, err := os.ReadFile("../corpus/data/userdict.txt")
	if err != nil {
		t.Fatal(err)
	}
	m := bleve.NewIndexMapping()
	morph, bigram, err := DefineAnalyzers(m, dict)
	if err != nil {
		t.Fatal(err)
	}
	body := bleve.NewTextFieldMapping()
	body.Analyzer = morph
	recall := bleve.NewTextFieldMapping()
	recall.Analyzer = bigram
	m.DefaultMapping.AddFieldMappingsAt("body", body)
	m.DefaultMapping.AddFieldMappingsAt("recall", recall)
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"seed":   string(seed),
		"spaced": "宇宙の状況を監視する。ＳＳＡではない。",
		"server": "ｻｰﾊﾞｰ室とサイバーセキュリティ",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]any{"body": text, "recall": text}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		field, phrase string
		want          []string // hit IDs, sorted
		highlight     string   // a highlighted fragment of the first hit must contain it
	}{
		{"body", "宇宙状況監視", []string{"seed"}, "<mark>宇宙</mark><mark>状況</mark><mark>監視</mark>"},
		{"body", "グローバルセンチネル", []string{"seed"}, "<mark>グローバル</mark>・<mark>センチネル</mark>"},
		{"body", "サイバーコアリション", []string{"seed"}, "<mark>サイバー</mark>・<mark>コアリション</mark>"},
		{"body", "SSA", []string{"seed", "spaced"}, ""},
		{"body", "ＳＳＡ多国間", []string{"seed"}, "<mark>SSA</mark><mark>多国</mark><mark>間</mark>"},
		{"body", "サーバー", []string{"server"}, "<mark>ｻｰﾊﾞｰ</mark>"},
		{"body", "サイバー", []string{"seed", "server"}, ""},
		{"body", "自衛隊", []string{"seed"}, "<mark>自衛\n\n隊</mark>"},
		{"body", "宇宙の状況", []string{"spaced"}, ""},
		{"recall", "状況監視", []string{"seed"}, ""},
		{"recall", "センチネル", []string{"seed"}, ""},
		{"recall", "イバーセキュ", []string{"seed", "server"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.field+":"+tt.phrase, func(t *testing.T) {
			q := query.NewMatchPhraseQuery(tt.phrase)
			q.SetField(tt.field)
			req := bleve.NewSearchRequest(q)
			req.Highlight = bleve.NewHighlightWithStyle("html")
			req.Highlight.AddField(tt.field)
			req.Fields = []string{tt.field}
			req.SortBy([]string{"_id"})
			res, err := idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("hits = %v, want %v", got, tt.want)
			}
			if tt.highlight == "" {
				return
			}
			frags := strings.Join(res.Hits[0].Fragments[tt.field], "\n…\n")
			if !strings.Contains(frags, tt.highlight) {
				t.Errorf("fragments lack %q:\n%s", tt.highlight, frags)
			}
		})
	}
}
