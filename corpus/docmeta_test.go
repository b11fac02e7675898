package corpus

import (
	"reflect"
	"testing"
)

func TestHTMLMeta(t *testing.T) {
	tests := []struct {
		name, html string
		want       map[string]any
	}{
		{"none", `<p>本文</p>`, nil},
		{"head tags", `<html lang="ja"><head><title>t</title>
<meta name="Author" content=" 防衛省 "><meta name="description" content="令和2年版の白書">
<meta name="keywords" content="防衛,白書"><meta property="article:published_time" content="2020-08-26T10:00:00+09:00">
<link rel="canonical" href="https://www.mod.go.jp/j/wp/2020/"><meta property="og:url" content="https://example.org/other">
</head><body><p>本文</p><meta name="date" content="1999-01-01"></body></html>`,
			map[string]any{"lang": "ja", "author": "防衛省", "description": "令和2年版の白書", "keywords": "防衛,白書",
				"date": "2020-08-26", "url": "https://www.mod.go.jp/j/wp/2020/"}},
		{"first of several dates; og:url without canonical", `<head><meta name="DC.date" content="2021/7/3"><meta name="date" content="2022-01-01"><meta property="og:url" content="https://example.org/a"></head><p>本文</p>`,
			map[string]any{"date": "2021-07-03", "url": "https://example.org/a"}},
		{"date not understood is kept", `<head><meta name="date" content="Reiwa 2"></head><p>本文</p>`, map[string]any{"date": "Reiwa 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ParseHTML("page.html", []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) == 0 {
				t.Fatal("no passages")
			}
			for _, p := range ps {
				if !reflect.DeepEqual(p.Meta, tt.want) && !(len(p.Meta) == 0 && tt.want == nil) {
					t.Errorf("passage %s meta %v, want %v", p.ID, p.Meta, tt.want)
				}
			}
		})
	}
}

func TestPDFMeta(t *testing.T) {
	info := "Title:           Debian Reference\nSubject:         \nKeywords:        debian, ja\nAuthor:          Osamu Aoki\nCreator:         DBLaTeX\nCreationDate:    2023-02-04T12:00:00+09\nModDate:         2023-02-05T12:00:00+09\nPages:           3\n"
	want := map[string]any{"author": "Osamu Aoki", "keywords": "debian, ja", "date": "2023-02-04"}
	if got := pdfMeta([]byte(info)); !reflect.DeepEqual(got, want) {
		t.Errorf("pdfMeta = %v, want %v", got, want)
	}
}

func TestISODate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-08-26": "2020-08-26", "2020/8/6": "2020-08-06", "2020年8月26日": "2020-08-26",
		"2020-08-26T10:00:00Z": "2020-08-26", "令和2年8月26日": "令和2年8月26日", "": "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}
