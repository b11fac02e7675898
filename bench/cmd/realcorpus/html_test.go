package main

import (
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
		{"序文", "", ""},
	} {
		num, title, ok := numbered(tc.in)
		if num != tc.num || title != tc.title || ok != (tc.num != "") {
			t.Errorf("numbered(%q) = %q, %q, %v", tc.in, num, title, ok)
		}
	}
}
