package corpus

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJoinLines(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"japanese", "防衛省・自衛", "隊は、", "防衛省・自衛隊は、"},
		{"english words", "Space Situational", "Awareness", "Space Situational Awareness"},
		{"english comma", "allies,", "and partners", "allies, and partners"},
		{"de-hyphenation", "the coopera-", "tion of", "the cooperation of"},
		{"compound before capital kept", "the Indo-", "Pacific", "the Indo-Pacific"},
		{"number after hyphen kept", "COVID-", "19 response", "COVID-19 response"},
		{"japanese then latin", "米軍が主催する", "SSA多国間", "米軍が主催するSSA多国間"},
		{"latin then japanese", "「日NATO", "サイバー防衛", "「日NATOサイバー防衛"},
		{"acronym split in japanese", "監視（S", "SA）や", "監視（SSA）や"},
		{"english in brackets keeps space", "演習「Locked", "Shields」への", "演習「Locked Shields」への"},
		{"white space trimmed", "  る。また、 ", " 同センター", "る。また、同センター"},
		{"empty first", "", "text", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinLines(tt.a, tt.b, nil); got != tt.want {
				t.Errorf("joinLines(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// brief is the part of a passage the repair tables check.
type brief struct {
	Kind    Kind
	Page    int
	Section string
	Text    string
}

func briefs(ps []Passage) []brief {
	var out []brief
	for _, p := range ps {
		out = append(out, brief{p.Kind, p.Page, p.SectionPath(), p.Text})
	}
	return out
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  []brief
		title string
	}{
		{
			name: "english paragraph wrapped mid-word",
			text: "The Ministry of Defense promotes defense coopera-\ntion and exchanges with\nother countries. It also takes part in multi-\nlateral exercises.\n",
			want: []brief{{KindBody, 0, "", "The Ministry of Defense promotes defense cooperation and exchanges with other countries. It also takes part in multilateral exercises."}},
		},
		{
			name: "blank line inside an unfinished sentence",
			text: "宇宙政策にかかる意見交換を実施してい\n\nる。また、フランスとは\n協議した。\n\n次の段落である。\n",
			want: []brief{
				{KindBody, 0, "", "宇宙政策にかかる意見交換を実施している。また、フランスとは協議した。"},
				{KindBody, 0, "", "次の段落である。"},
			},
		},
		{
			name: "ruby-split acronym with the parenthesis at a line start",
			text: "我が国は宇宙状況監視\n（S\nSpace Situational Awareness\n\nSA）の能力を高めている。\n",
			want: []brief{{KindBody, 0, "", "我が国は宇宙状況監視（SSA: Space Situational Awareness）の能力を高めている。"}},
		},
		{
			name: "ruby-split acronym in ASCII parentheses",
			text: "北大西洋条約機構(N\n\nNorth Atlantic Treaty Organization\nATO)と協力している。\n",
			want: []brief{{KindBody, 0, "", "北大西洋条約機構(NATO: North Atlantic Treaty Organization)と協力している。"}},
		},
		{
			name: "reading that does not spell the acronym is left in place",
			text: "会議（X\nSpace Situational Awareness\nYZ）に参加した。\n",
			want: []brief{{KindBody, 0, "", "会議（X Space Situational Awareness YZ）に参加した。"}},
		},
		{
			name: "two columns of short lines",
			text: "防衛省は、関係\n国との協力を強\n化している。\n\nまた、多国間の\n演習に参加し、\n\n知見を蓄積して\nいる。\n防衛交流も進め\nている。\n",
			want: []brief{
				{KindBody, 0, "", "防衛省は、関係国との協力を強化している。"},
				{KindBody, 0, "", "また、多国間の演習に参加し、知見を蓄積している。"},
				{KindBody, 0, "", "防衛交流も進めている。"},
			},
		},
		{
			name:  "furniture, form feeds and a paragraph running on to the next page",
			text:  "第1章 概要\n本文は次のページに続\nく文章であり、\n\n12 令和2年版 防衛白書\f令和2年版 防衛白書 13\nここで終わる。\n\n写真1 演習の様子\n\n",
			title: "令和2年版 防衛白書",
			want: []brief{
				{KindHeading, 12, "第1章 概要", "第1章 概要"},
				{KindBody, 12, "第1章 概要", "本文は次のページに続く文章であり、ここで終わる。"},
				{KindCaption, 13, "第1章 概要", "写真1 演習の様子"},
			},
		},
		{
			name: "headings nest by level",
			text: "第2章 防衛協力\n\n第1節 総論\n\n❶ 概要 ●\n\n本文。\n\n第2節 各論\n\n（1）米国\n\n本文２。\n",
			want: []brief{
				{KindHeading, 0, "第2章 防衛協力", "第2章 防衛協力"},
				{KindHeading, 0, "第2章 防衛協力 › 第1節 総論", "第1節 総論"},
				{KindHeading, 0, "第2章 防衛協力 › 第1節 総論 › ❶ 概要", "❶ 概要"},
				{KindBody, 0, "第2章 防衛協力 › 第1節 総論 › ❶ 概要", "本文。"},
				{KindHeading, 0, "第2章 防衛協力 › 第2節 各論", "第2節 各論"},
				{KindHeading, 0, "第2章 防衛協力 › 第2節 各論 › （1）米国", "（1）米国"},
				{KindBody, 0, "第2章 防衛協力 › 第2節 各論 › （1）米国", "本文２。"},
			},
		},
		{
			name: "wrapped cross-reference and a float inside an unfinished paragraph",
			text: "協力を進めて\n\n本章1節4項（能力構築支援への積極的かつ戦略的な\n取組）\n\nいる。\n",
			want: []brief{
				{KindBody, 0, "", "協力を進めている。"},
				{KindReference, 0, "", "本章1節4項（能力構築支援への積極的かつ戦略的な取組）"},
			},
		},
		{
			name: "running text with numbers and parentheses is not a reference",
			text: "防衛省は、17（平成29）年12月、19\n（平成31）年3月及び19（令和元）年8月に実施した。\n",
			want: []brief{{KindBody, 0, "", "防衛省は、17（平成29）年12月、19（平成31）年3月及び19（令和元）年8月に実施した。"}},
		},
		{
			name: "a page number alone and a part header at the top",
			text: "わが国防衛の三つの柱第Ⅲ部\n\n本文である。\n\n- 7 -\n",
			want: []brief{{KindBody, 7, "", "本文である。"}},
		},
		{name: "only furniture", text: "389 令和2年版 防衛白書\n", title: "令和2年版 防衛白書"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := repairText("doc", "doc.txt", "doc", tt.text)
			if diff := cmp.Diff(tt.want, briefs(doc.passages)); diff != "" {
				t.Errorf("passages (-want +got):\n%s", diff)
			}
			if doc.title != tt.title {
				t.Errorf("title = %q, want %q", doc.title, tt.title)
			}
			checkNoTextLost(t, tt.text, doc)
		})
	}
}

func TestParseTextIDsAndMeta(t *testing.T) {
	text := "わが国防衛の三つの柱第Ⅲ部\n第1節 概要\n本文。\n\n本文２。\n\n389 令和2年版 防衛白書\f本文３。\n"
	ps := ParseText("dir/hakusho.txt", text)
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	want := []string{"hakusho#p389.1", "hakusho#p389.2", "hakusho#p389.3", "hakusho#2.1"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if got := ps[0].Meta["part"]; got != "第Ⅲ部 わが国防衛の三つの柱" {
		t.Errorf("part = %v", got)
	}
	for _, p := range ps {
		if p.Document != "令和2年版 防衛白書" || p.Source != "dir/hakusho.txt" {
			t.Errorf("%s: document %q, source %q", p.ID, p.Document, p.Source)
		}
	}
	if again := ParseText("dir/hakusho.txt", text); !cmp.Equal(ps, again) {
		t.Error("ParseText is not deterministic")
	}
	if ps := ParseText("notes.txt", "本文。\n"); ps[0].Document != "notes" {
		t.Errorf("fallback document = %q, want notes", ps[0].Document)
	}
}

// checkNoTextLost fails if a non-space rune of text appears in neither the
// passages nor the dropped furniture as often as in the text.
func checkNoTextLost(t *testing.T, text string, doc textDoc) {
	t.Helper()
	have := map[rune]int{}
	for _, p := range doc.passages {
		for _, r := range p.Text {
			have[r]++
		}
	}
	for _, d := range doc.dropped {
		for _, r := range d {
			have[r]++
		}
	}
	need := map[rune]int{}
	for _, r := range strings.ToValidUTF8(text, "\uFFFD") {
		if !isSpace(r) {
			need[r]++
		}
	}
	for r, n := range need {
		if have[r] < n {
			t.Errorf("text lost: %q occurs %d times in the input, %d in the output", r, n, have[r])
		}
	}
}

func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		"防衛省・自衛\n\n隊は、関係国と\n",
		"じ、宇宙状況監視（S\n\nSpace Situational Awareness\nSA）や宇宙システム全体の\n",
		"coopera-\ntion\f12 Title\n",
		"本章1節4項（能力構築支援への積極的かつ戦略的な\n取組）\n",
		"❶\t宇宙領域の利用にかかる協力 \t ●\n\n（1）概要\n",
		" NATOが主催するサイバー防衛演習「サイバー・コアリション2019」に \n参加する隊員（19（令和元）年12月）\n\n389 令和2年版 防衛白書\n\nわが国防衛の三つの柱第Ⅲ部\n",
	} {
		f.Add(s)
	}
	if b, err := builtinFS.ReadFile("data/builtin/boei-hakusho-r2.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := repairText("k", "k.txt", "k", text)
		for _, p := range doc.passages {
			if p.ID == "" || p.Text == "" || p.Kind == "" {
				t.Fatalf("incomplete passage %+v", p)
			}
		}
		checkNoTextLost(t, text, doc)
	})
}

// BenchmarkParseText measures the repair on the seed page and on a long
// synthetic document (many pages of it).
func BenchmarkParseText(b *testing.B) {
	seed, err := builtinFS.ReadFile("data/builtin/boei-hakusho-r2.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 100} {
		text := strings.Repeat(string(seed)+"\f", n)
		b.Run(strconv.Itoa(n)+"pages", func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(text)), "input-bytes/op")
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ParseText("seed.txt", text)
			}
		})
	}
}
