package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseHTML reads the same page in UTF-8, Shift_JIS (declared and
// not) and EUC-JP (http-equiv), and in .gz: the passages are the same.
func TestParseHTML(t *testing.T) {
	want := []string{
		"heading:防衛白書:防衛白書",
		"heading:第1章 宇宙領域:防衛白書|第1章 宇宙領域",
		"body:宇宙状況監視（SSA）は、宇宙空間の状況を把握する取組である。:防衛白書|第1章 宇宙領域",
		"body:漢字を読む。:防衛白書|第1章 宇宙領域",
		"heading:1 概要:防衛白書|第1章 宇宙領域|1 概要",
		"body:一つ目の項目:防衛白書|第1章 宇宙領域|1 概要",
		"body:二つ目の項目:防衛白書|第1章 宇宙領域|1 概要",
		"caption:図表1宇宙の利用:防衛白書|第1章 宇宙領域|1 概要",
		"heading:第2章 サイバー領域:防衛白書|第2章 サイバー領域",
		"body:English text and spaces.:防衛白書|第2章 サイバー領域",
	}
	for _, name := range []string{"utf8.html", "sjis.html", "eucjp.html", "nocharset-sjis.html", "page.html.gz"} {
		t.Run(name, func(t *testing.T) {
			sum, ps := readAll(t, filepath.Join("testdata/html", name))
			if len(sum.Problems) > 0 {
				t.Fatalf("problems %v", problems(sum))
			}
			var got []string
			for _, p := range ps {
				got = append(got, string(p.Kind)+":"+p.Text+":"+strings.Join(p.Section, "|"))
				if p.Document != "令和2年版 防衛白書" {
					t.Errorf("%s: document %q, want the <title>", p.ID, p.Document)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestParseHTMLCases(t *testing.T) {
	tests := []struct {
		name, html string
		title      string
		want       []string
	}{
		{"no title: first h1", `<h1>見出し</h1><p>本文</p>`, "見出し", []string{"見出し", "本文"}},
		{"no title, no h1: file name", `<p>本文</p>`, "page", []string{"本文"}},
		{"pre keeps lines", "<pre>a\n  b\n</pre>", "page", []string{"a\n  b"}},
		{"br between Japanese", `<p>一行目<br>二行目</p>`, "page", []string{"一行目二行目"}},
		{"nested blocks", `<li>項目<p>段落</p>続き</li>`, "page", []string{"項目", "段落", "続き"}},
		{"table of contents", `<div class="toc"><dl><dt>1. はじめに</dt><dt>2. 設定</dt></dl></div><p>本文</p>`, "page", []string{"toc:1.はじめに", "toc:2.設定", "body:本文"}},
		{"parts named by class, id, role", `<div class="navheader"><table><tr><th>第1章</th></tr></table></div><div id="Header"><p>ロゴ</p><h1>題</h1></div><div role="navigation">メニュー</div><p>本文</p><div class="footer main">著作権</div>`, "題", []string{"題", "本文"}},
		{"skipped elements", `<p>本文<script>x()</script><noscript>n</noscript></p><aside>横</aside>`, "page", []string{"本文"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ParseHTML("dir/page.html", []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				if strings.Contains(tt.want[0], ":") {
					got = append(got, string(p.Kind)+":"+p.Text)
				} else {
					got = append(got, p.Text)
				}
				if p.Document != tt.title {
					t.Errorf("document %q, want %q", p.Document, tt.title)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, name := range []string{"utf8.html", "sjis.html", "eucjp.html"} {
		b, err := os.ReadFile(filepath.Join("testdata/html", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<meta charset="x-unknown"><h7><ruby>a<rt>b</ruby><pre><p>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParseHTML("f.html", b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if p.Text == "" || seen[p.ID] || p.Document == "" {
				t.Fatalf("bad passage %+v", p)
			}
			seen[p.ID] = true
			if len(p.Text) > maxParagraphBytes+4 {
				t.Fatalf("passage of %d bytes", len(p.Text))
			}
		}
	})
}
