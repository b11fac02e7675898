package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// sample imitates Debian's text renderings: a table of contents, numbered
// headings at the margin, indented paragraphs wrapped mid-word, a table.
const sample = `Debian リファレンス

目次

1. GNU/Linux チュートリアル
    1.1. コンソールの基礎

第1章 GNU/Linux チュートリアル

    コンピューターシステムを学ぶことは新しい外国語を学ぶことに似
    ていると考えます。Debian
    システムです。

1.1. コンソールの基礎

    Upon starting the system, you are presented with the
    login screen.

    +-------------+
    |foo |bar     |
    +-------------+

1.1.1. とても長い見出しが次の行へ折り返され
ることもあります

    本文。
`

func TestConvert(t *testing.T) {
	got := convert(source{prefix: "x", document: "Doc"}, sample)
	want := []passage{
		{ID: "x-1-1", Title: "GNU/Linux チュートリアル", Document: "Doc", Section: "1 GNU/Linux チュートリアル",
			Text: "コンピューターシステムを学ぶことは新しい外国語を学ぶことに似ていると考えます。Debian システムです。"},
		{ID: "x-1.1-1", Title: "コンソールの基礎", Document: "Doc", Section: "1.1 コンソールの基礎",
			Text: "Upon starting the system, you are presented with the login screen."},
		{ID: "x-1.1.1-1", Title: "とても長い見出しが次の行へ折り返されることもあります", Document: "Doc",
			Section: "1.1.1 とても長い見出しが次の行へ折り返されることもあります", Text: "本文。"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("convert (-want +got):\n%s", d)
	}
}

func TestPack(t *testing.T) {
	long := strings.Repeat("あ", maxRunes)
	got := pack([]string{"a", long, "b", "c"})
	want := []string{"a", long, "b\nc"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("pack (-want +got):\n%s", d)
	}
}

func FuzzConvert(f *testing.F) {
	f.Add(sample)
	f.Add("第1章 x\n\n1.1. y\n    z\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range convert(source{prefix: "f", document: "D"}, text) {
			if strings.TrimSpace(p.Text) == "" || p.ID == "" {
				t.Fatalf("empty passage %+v", p)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p.Text) {
				t.Fatalf("invalid UTF-8 out of valid input: %q", p.Text)
			}
		}
	})
}
