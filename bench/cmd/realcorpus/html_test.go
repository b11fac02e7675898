package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kensaku/kensaku/corpus"
)

// page imitates a page of the Debian handbook: navigation, a numbered
// section with a subsection, a program listing.
const page = `<html><head><title>14.2. ファイアウォール</title></head><body>
<div class="navheader"><a href="x.html">戻る</a></div>
<p>前書き</p>
<div class="section"><h2 class="title">14.2. ファイアウォールとパケットフィルタリング</h2>
<p>ファイアウォールは
 ネットワークの部品です。</p>
<p>The Linux kernel embeds the netfilter firewall.</p>
<pre class="screen"># apt install -y nftables
Reading package lists... Done</pre>
<div class="section"><h3 class="title">14.2.1. nftables Behavior</h3>
<p>As the kernel is processing a network packet, it pauses.</p>
</div></div>
<ul class="docnav"><li class="previous"><a href="a.html"><strong>戻る</strong>14.1. 序論</a></li><li class="up"><strong>上に戻る</strong></li></ul>
</body></html>`

func TestConvertHTML(t *testing.T) {
	ps, err := corpus.ParseHTML("page.html", docnavRE.ReplaceAll([]byte(page), nil))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	got := convertHTML(source{prefix: "x", document: "Doc"}, ps, used)
	want := []passage{
		{ID: "x-14.2-1", Title: "ファイアウォールとパケットフィルタリング", Document: "Doc",
			Section: "14.2 ファイアウォールとパケットフィルタリング",
			Text:    "ファイアウォールはネットワークの部品です。\nThe Linux kernel embeds the netfilter firewall."},
		{ID: "x-14.2.1-1", Title: "nftables Behavior", Document: "Doc", Section: "14.2.1 nftables Behavior",
			Text: "As the kernel is processing a network packet, it pauses."},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("convertHTML (-want +got):\n%s", d)
	}
	// A section already written (a page linked twice) is not written again.
	if again := convertHTML(source{prefix: "x", document: "Doc"}, ps, used); len(again) != 0 {
		t.Errorf("second conversion wrote %d passages, want 0", len(again))
	}
}

func TestNumbered(t *testing.T) {
	for _, tc := range []struct{ in, num, title string }{
		{"14.2.1. nftables Behavior", "14.2.1", "nftables Behavior"},
		{"第6章 メンテナンスと更新", "6", "メンテナンスと更新"},
		{"付録A 派生ディストリビューション", "A", "派生ディストリビューション"},
		{"A.1. 国勢調査と協力", "A.1", "国勢調査と協力"},
		{"10.1. Binaries¶", "10.1", "Binaries"},
		{"序文", "", ""},
	} {
		num, title, ok := numbered(tc.in)
		if num != tc.num || title != tc.title || ok != (tc.num != "") {
			t.Errorf("numbered(%q) = %q, %q, %v", tc.in, num, title, ok)
		}
	}
}

// sphinxPage imitates a page of a partly translated Sphinx book (the
// Developer's Reference, the Policy Manual): permalink marks after the
// headings, an untranslated paragraph, a note under an unnumbered heading.
const sphinxPage = `<html><head><title>5. パッケージの取扱い方</title></head><body>
<div class="related" role="navigation"><h3>ナビゲーション</h3><a href="index.html">目次</a></div>
<section id="managing-packages">
<h1><span class="section-number">5. </span>パッケージの取扱い方<a class="headerlink" href="#managing-packages">¶</a></h1>
<p>この章は、パッケージの作成、アップロード、メンテナンスについて記述しています。</p>
<section id="new-packages">
<h2><span class="section-number">5.1. </span>新規パッケージ<a class="headerlink" href="#new-packages">¶</a></h2>
<p>If you want to create a new package for the Debian distribution, you should first check the WNPP list.</p>
<p><code>debian/control</code> ファイルの Maintainer フィールドに名前を書きます。</p>
<div class="admonition note"><p class="admonition-title">注釈</p><h3>ITP を送る前に</h3>
<p>まず <code>wnpp</code> 疑似パッケージにバグを報告してください。</p></div>
</section></section>
<div class="sphinxsidebar" role="navigation"><h3>目次</h3><p>検索ページ</p></div>
</body></html>`

func TestConvertHTMLJapaneseNested(t *testing.T) {
	ps, err := corpus.ParseHTML("pkgs.html", []byte(sphinxPage))
	if err != nil {
		t.Fatal(err)
	}
	src := source{prefix: "x", document: "Doc", japanese: true, nested: true}
	got := convertHTML(src, ps, map[string]bool{})
	want := []passage{
		{ID: "x-5-1", Title: "パッケージの取扱い方", Document: "Doc", Section: "5 パッケージの取扱い方",
			Text: "この章は、パッケージの作成、アップロード、メンテナンスについて記述しています。"},
		{ID: "x-5.1-1", Title: "新規パッケージ", Document: "Doc", Section: "5.1 新規パッケージ",
			Text: "debian/controlファイルのMaintainerフィールドに名前を書きます。\n注釈\nまずwnpp疑似パッケージにバグを報告してください。"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("convertHTML (-want +got):\n%s", d)
	}
	// Without japanese and nested the English paragraph stays and the
	// note under its unnumbered heading is left out, as for the handbook.
	got = convertHTML(source{prefix: "x", document: "Doc"}, ps, map[string]bool{})
	if len(got) != 2 || !strings.HasPrefix(got[1].Text, "If you want") || strings.Contains(got[1].Text, "wnpp 疑似") {
		t.Errorf("convertHTML without japanese, nested = %+v", got)
	}
}

// docbookPage imitates a page of aptitude's manual: headings without
// numbers, navigation, an untranslated paragraph, a listing.
const docbookPage = `<html><head><title>パッケージ情報へのアクセス</title></head><body>
<div class="navheader"><table><tr><th>パッケージ情報へのアクセス</th></tr></table></div>
<div class="section"><div class="titlepage"><h3 class="title">パッケージ情報へのアクセス</h3></div>
<p>パッケージ一覧では、パッケージの状態が表示されます。</p>
<div class="section"><h4 class="title">The package list</h4>
<p>The package list is the main screen of aptitude.</p>
<pre class="screen">i A libc6   2.36-9</pre>
<p>バージョンは右端の列に表示されます。</p></div></div>
<div class="navfooter"><a href="ch02s02s03.html">次へ</a></div>
</body></html>`

func TestConvertPage(t *testing.T) {
	ps, err := corpus.ParseHTML("ch02s02s02.html", []byte(docbookPage))
	if err != nil {
		t.Fatal(err)
	}
	src := source{prefix: "x", document: "Doc", japanese: true, pageNumbers: true}
	used := map[string]bool{}
	got := convertPage(src, "ch02s02s02.html", ps, used)
	want := []passage{
		{ID: "x-2.2.2-1", Title: "パッケージ情報へのアクセス", Document: "Doc", Section: "2.2.2 パッケージ情報へのアクセス",
			Text: "パッケージ一覧では、パッケージの状態が表示されます。\nバージョンは右端の列に表示されます。"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("convertPage (-want +got):\n%s", d)
	}
	if again := convertPage(src, "ch02s02s02.html", ps, used); len(again) != 0 {
		t.Errorf("second conversion wrote %d passages, want 0", len(again))
	}
	if none := convertPage(src, "ld-idm276.html", ps, map[string]bool{}); len(none) != 0 {
		t.Errorf("a page with no number wrote %d passages, want 0", len(none))
	}
}

func TestPageNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ch02s01s03.html", "2.1.3"},
		{"ch01.html", "1"},
		{"pr01.html", "P"},
		{"pr01s04s02.html", "P.4.2"},
		{"rn01re02.html", "R.2"},
		{"ap02s01.html", "B.1"},
		{"ld-idm276.html", ""},
		{"index.html", ""},
	} {
		if got := pageNumber(tc.in); got != tc.want {
			t.Errorf("pageNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJapanese(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"パッケージをテストする", true},
		{"dpkg-buildpackage -rfakeroot -us -uc を実行します。", true},
		{"If you want to create a new package, check the WNPP list first.", false},
		{"See the Debian Policy Manual (ポリシー) for details on maintainer scripts and triggers.", false},
		{"12.18", false},
	} {
		if got := japanese(tc.in); got != tc.want {
			t.Errorf("japanese(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestConvertHTMLDirPagePrefix reads a book like GIMP's help, whose pages
// number their sections afresh (two pages with a section 4.4): with
// pagePrefix each page's passages carry its name and both are kept;
// without it the second section 4.4 is taken for the first and left out.
func TestConvertHTMLDirPagePrefix(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"index.html": `<html><body><a href="tool-crop.html">切り抜き</a> <a href="filter-blur.html#x">ぼかし</a></body></html>`,
		"tool-crop.html": `<html><body><h3 class="title">4.4. 切り抜き</h3>
<p>切り抜きツールは画像の端を切り落とします。</p><p>The crop tool.</p></body></html>`,
		"filter-blur.html": `<html><body><h3 class="title">4.4. ぼかし</h3>
<p>ぼかしフィルターは画像をぼやけさせます。</p></body></html>`,
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := source{prefix: "g", document: "GIMP", path: dir, html: true, japanese: true, nested: true, pagePrefix: true}
	got, err := convertHTMLDir(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []passage{
		{ID: "g-tool-crop-4.4-1", Title: "切り抜き", Document: "GIMP", Section: "4.4 切り抜き",
			Text: "切り抜きツールは画像の端を切り落とします。"},
		{ID: "g-filter-blur-4.4-1", Title: "ぼかし", Document: "GIMP", Section: "4.4 ぼかし",
			Text: "ぼかしフィルターは画像をぼやけさせます。"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("convertHTMLDir with pagePrefix (-want +got):\n%s", d)
	}
	src.pagePrefix = false
	if got, err := convertHTMLDir(src); err != nil || len(got) != 1 {
		t.Errorf("convertHTMLDir without pagePrefix = %+v, %v; want one passage", got, err)
	}
}
