package glossary

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindEras(t *testing.T) {
	type found struct {
		form  string
		forms []string // every rendering, in order
	}
	// The renderings of 2019 (both eras), for several cases.
	y2019 := []string{"2019年", "平成31年", "平成三十一年", "2019（平成31）年", "19（平成31）年", "平成31（2019）年",
		"令和元年", "令和1年", "2019（令和元）年", "19（令和元）年", "令和元（2019）年", "二〇一九年"}
	r1 := []string{"2019年", "令和元年", "令和1年", "2019（令和元）年", "19（令和元）年", "令和元（2019）年", "二〇一九年"}
	r1dec := []string{"2019年12月", "令和元年12月", "令和1年12月", "2019（令和元）年12月", "19（令和元）年12月", "令和元（2019）年12月", "二〇一九年十二月"}
	r3 := []string{"2021年", "令和3年", "令和三年", "2021（令和3）年", "21（令和3）年", "令和3（2021）年", "二〇二一年"}
	h29 := []string{"2017年", "平成29年", "平成二十九年", "2017（平成29）年", "17（平成29）年", "平成29（2017）年", "二〇一七年"}
	fy2019 := []string{"2019年度", "平成31年度", "平成三十一年度", "2019（平成31）年度", "19（平成31）年度", "平成31（2019）年度",
		"令和元年度", "令和1年度", "2019（令和元）年度", "19（令和元）年度", "令和元（2019）年度", "二〇一九年度"}
	tests := []struct {
		text string
		want []found
	}{
		// Era years in every notation.
		{"令和元年", []found{{"令和元年", r1}}},
		{"令和1年", []found{{"令和1年", r1}}},
		{"令和３年", []found{{"令和３年", r3}}},
		{"令和三年", []found{{"令和三年", r3}}},
		{"令和3年", []found{{"令和3年", r3}}},
		{"平成29年", []found{{"平成29年", h29}}},
		{"平成二十九年", []found{{"平成二十九年", h29}}},
		{"平成二九年", []found{{"平成二九年", h29}}},
		{"平成31年", []found{{"平成31年", []string{"2019年", "平成31年", "平成三十一年", "2019（平成31）年", "19（平成31）年", "平成31（2019）年", "二〇一九年"}}}},
		{"昭和64年", []found{{"昭和64年", []string{"1989年", "昭和64年", "昭和六十四年", "1989（昭和64）年", "89（昭和64）年", "昭和64（1989）年", "一九八九年"}}}},
		{"㍻29年", []found{{"㍻29年", h29}}},
		{"㋿3年", []found{{"㋿3年", r3}}},
		{"平成三〇年", []found{{"平成三〇年", []string{"2018年", "平成30年", "平成三十年", "2018（平成30）年", "18（平成30）年", "平成30（2018）年", "二〇一八年"}}}},
		{"大正十年", []found{{"大正十年", []string{"1921年", "大正10年", "大正十年", "1921（大正10）年", "21（大正10）年", "大正10（1921）年", "一九二一年"}}}},
		// A year named after an era that had ended is the reigning era's.
		{"平成32年", []found{{"平成32年", []string{"2020年", "令和2年", "令和二年", "2020（令和2）年", "20（令和2）年", "令和2（2020）年", "二〇二〇年"}}}},
		// Western years: every era of the year.
		{"2019年", []found{{"2019年", y2019}}},
		{"２０１９年", []found{{"２０１９年", y2019}}},
		{"2021年", []found{{"2021年", r3}}},
		{"2017年", []found{{"2017年", h29}}},
		{"1868年", []found{{"1868年", []string{"1868年", "明治元年", "明治1年", "1868（明治元）年", "68（明治元）年", "明治元（1868）年", "一八六八年"}}}},
		{"1912年", []found{{"1912年", []string{"1912年", "明治45年", "明治四十五年", "1912（明治45）年", "12（明治45）年", "明治45（1912）年",
			"大正元年", "大正1年", "1912（大正元）年", "12（大正元）年", "大正元（1912）年", "一九一二年"}}}},
		{"1926年", []found{{"1926年", []string{"1926年", "大正15年", "大正十五年", "1926（大正15）年", "26（大正15）年", "大正15（1926）年",
			"昭和元年", "昭和1年", "1926（昭和元）年", "26（昭和元）年", "昭和元（1926）年", "一九二六年"}}}},
		// Government style, brackets full or half width.
		{"2019（令和元）年", []found{{"2019（令和元）年", r1}}},
		{"2019(令和元)年", []found{{"2019(令和元)年", r1}}},
		{"令和元（2019）年", []found{{"令和元（2019）年", r1}}},
		{"19（令和元）年", []found{{"19（令和元）年", r1}}},
		{"2021（令和3）年", []found{{"2021（令和3）年", r3}}},
		// Months: the era of the month.
		{"令和元年12月", []found{{"令和元年12月", r1dec}}},
		{"2019年12月", []found{{"2019年12月", r1dec}}},
		{"2019（令和元）年12月", []found{{"2019（令和元）年12月", r1dec}}},
		{"2019年4月", []found{{"2019年4月", []string{"2019年4月", "平成31年4月", "平成三十一年四月", "2019（平成31）年4月", "19（平成31）年4月", "平成31（2019）年4月", "二〇一九年四月"}}}},
		{"2019年5月", []found{{"2019年5月", []string{"2019年5月", "令和元年5月", "令和1年5月", "2019（令和元）年5月", "19（令和元）年5月", "令和元（2019）年5月", "二〇一九年五月"}}}},
		{"2019年１２月", []found{{"2019年１２月", r1dec}}},
		{"1989年1月", []found{{"1989年1月", []string{"1989年1月", "昭和64年1月", "昭和六十四年一月", "1989（昭和64）年1月", "89（昭和64）年1月", "昭和64（1989）年1月",
			"平成元年1月", "平成1年1月", "1989（平成元）年1月", "89（平成元）年1月", "平成元（1989）年1月", "一九八九年一月"}}}},
		{"1989年2月", []found{{"1989年2月", []string{"1989年2月", "平成元年2月", "平成1年2月", "1989（平成元）年2月", "89（平成元）年2月", "平成元（1989）年2月", "一九八九年二月"}}}},
		{"大正十五年十二月", []found{{"大正十五年十二月", []string{"1926年12月", "大正15年12月", "大正十五年十二月", "1926（大正15）年12月", "26（大正15）年12月", "大正15（1926）年12月", "一九二六年十二月"}}}},
		{"2019年13月", []found{{"2019年", y2019}}},
		// 頃 and 末 stay with the year or month.
		{"2019年末", []found{{"2019年末", []string{"2019年末", "平成31年末", "平成三十一年末", "2019（平成31）年末", "19（平成31）年末", "平成31（2019）年末",
			"令和元年末", "令和1年末", "2019（令和元）年末", "19（令和元）年末", "令和元（2019）年末", "二〇一九年末"}}}},
		{"令和3年頃", []found{{"令和3年頃", []string{"2021年頃", "令和3年頃", "令和三年頃", "2021（令和3）年頃", "21（令和3）年頃", "令和3（2021）年頃", "二〇二一年頃"}}}},
		{"令和元年12月末", []found{{"令和元年12月末", []string{"2019年12月末", "令和元年12月末", "令和1年12月末", "2019（令和元）年12月末", "19（令和元）年12月末", "令和元（2019）年12月末", "二〇一九年十二月末"}}}},
		{"令和3年度末", []found{{"令和3年度末", []string{"2021年度末", "令和3年度末", "令和三年度末", "2021（令和3）年度末", "21（令和3）年度末", "令和3（2021）年度末", "二〇二一年度末"}}}},
		// Days: the era of the day.
		{"令和元年12月1日", []found{{"令和元年12月1日", []string{"2019年12月1日", "令和元年12月1日", "令和1年12月1日", "2019（令和元）年12月1日", "19（令和元）年12月1日", "令和元（2019）年12月1日", "二〇一九年十二月一日"}}}},
		{"2019年12月1日", []found{{"2019年12月1日", []string{"2019年12月1日", "令和元年12月1日", "令和1年12月1日", "2019（令和元）年12月1日", "19（令和元）年12月1日", "令和元（2019）年12月1日", "二〇一九年十二月一日"}}}},
		{"2019年4月30日", []found{{"2019年4月30日", []string{"2019年4月30日", "平成31年4月30日", "平成三十一年四月三十日", "2019（平成31）年4月30日", "19（平成31）年4月30日", "平成31（2019）年4月30日", "二〇一九年四月三十日"}}}},
		{"1989年1月7日", []found{{"1989年1月7日", []string{"1989年1月7日", "昭和64年1月7日", "昭和六十四年一月七日", "1989（昭和64）年1月7日", "89（昭和64）年1月7日", "昭和64（1989）年1月7日", "一九八九年一月七日"}}}},
		{"平成元年1月8日", []found{{"平成元年1月8日", []string{"1989年1月8日", "平成元年1月8日", "平成1年1月8日", "1989（平成元）年1月8日", "89（平成元）年1月8日", "平成元（1989）年1月8日", "一九八九年一月八日"}}}},
		{"昭和二十年八月十五日", []found{{"昭和二十年八月十五日", []string{"1945年8月15日", "昭和20年8月15日", "昭和二十年八月十五日", "1945（昭和20）年8月15日", "45（昭和20）年8月15日", "昭和20（1945）年8月15日", "一九四五年八月十五日"}}}},
		{"令和元年１２月１日", []found{{"令和元年１２月１日", []string{"2019年12月1日", "令和元年12月1日", "令和1年12月1日", "2019（令和元）年12月1日", "19（令和元）年12月1日", "令和元（2019）年12月1日", "二〇一九年十二月一日"}}}},
		{"令和元年十二月一日", []found{{"令和元年十二月一日", []string{"2019年12月1日", "令和元年12月1日", "令和1年12月1日", "2019（令和元）年12月1日", "19（令和元）年12月1日", "令和元（2019）年12月1日", "二〇一九年十二月一日"}}}},
		{"19（令和元）年12月1日", []found{{"19（令和元）年12月1日", []string{"2019年12月1日", "令和元年12月1日", "令和1年12月1日", "2019（令和元）年12月1日", "19（令和元）年12月1日", "令和元（2019）年12月1日", "二〇一九年十二月一日"}}}},
		{"2020年2月29日", []found{{"2020年2月29日", []string{"2020年2月29日", "令和2年2月29日", "令和二年二月二十九日", "2020（令和2）年2月29日", "20（令和2）年2月29日", "令和2（2020）年2月29日", "二〇二〇年二月二十九日"}}}},
		{"2019年2月30日", []found{{"2019年2月", []string{"2019年2月", "平成31年2月", "平成三十一年二月", "2019（平成31）年2月", "19（平成31）年2月", "平成31（2019）年2月", "二〇一九年二月"}}}},
		// Western years in kanji digits.
		{"二〇一九年", []found{{"二〇一九年", y2019}}},
		{"一九四八年", []found{{"一九四八年", []string{"1948年", "昭和23年", "昭和二十三年", "1948（昭和23）年", "48（昭和23）年", "昭和23（1948）年", "一九四八年"}}}},
		{"二〇一九年十二月", []found{{"二〇一九年十二月", r1dec}}},
		// Months before 1873 were lunisolar: the year only.
		{"明治3年5月", []found{{"明治3年", []string{"1870年", "明治3年", "明治三年", "1870（明治3）年", "70（明治3）年", "明治3（1870）年", "一八七〇年"}}}},
		// Fiscal years, named after every era of April to December.
		{"令和元年度", []found{{"令和元年度", fy2019}}},
		{"2019年度", []found{{"2019年度", fy2019}}},
		{"平成31年度", []found{{"平成31年度", fy2019}}},
		{"令和元（2019）年度", []found{{"令和元（2019）年度", fy2019}}},
		{"1989年度", []found{{"1989年度", []string{"1989年度", "平成元年度", "平成1年度", "1989（平成元）年度", "89（平成元）年度", "平成元（1989）年度", "一九八九年度"}}}},
		// In a sentence, and several.
		{"令和元年12月に開館した図書館", []found{{"令和元年12月", r1dec}}},
		{"2017年から2021年まで", []found{{"2017年", h29}, {"2021年", r3}}},
		{"2019年（令和元年）", []found{{"2019年", y2019}, {"令和元年", r1}}},
		{"2019年前半", []found{{"2019年", y2019}}},
		{"2019年前後", []found{{"2019年", y2019}}},
		// Not years.
		{"2019", nil},
		{"令和", nil},
		{"令和元", nil},
		{"12019年", nil},
		{"3.2019年", nil},
		{"TEL 03-2019-1234", nil},
		{"19年", nil},
		{"201年", nil},
		{"1867年", nil},
		{"2118年", nil},
		{"令和100年", nil},
		{"令和0年", nil},
		{"令和一十年", nil},
		{"1990年代", nil},
		{"2000年前", nil},
		{"100年後", nil},
		{"平成30年間", nil},
		{"令和3年目", nil},
		{"2020（令和元）年", nil},
		{"令和元（2020）年", nil},
		{"明治大学", nil},
		{"一二〇一九年", nil},
		{"二〇一九九年", nil},
		{"〇一九九年", nil},
		{"一八〇〇年", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := FindEras(tt.text)
			var got []found
			for _, m := range ms {
				if m.Form != tt.text[m.Start:m.End] {
					t.Errorf("match %q at [%d,%d) of %q", m.Form, m.Start, m.End, tt.text)
				}
				// A plain year (no month, fiscal year, 頃 or 末) has
				// its less exact renderings too.
				plain := !strings.ContainsAny(m.Form, "月度頃末")
				if n := 1 + btoi(plain); len(m.Entries) != n || m.Entries[0].Source != SourceEra || m.Entries[0].Confidence != 1 ||
					plain && (m.Entries[1].Source != SourceEra || m.Entries[1].Confidence != ApproximateConfidence) {
					t.Errorf("%q: entries %+v, want %d of source era", m.Form, m.Entries, n)
					continue
				}
				got = append(got, found{m.Form, m.Entries[0].Japanese})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("FindEras(%q) = %q, want %q", tt.text, got, tt.want)
			}
			for i := range got {
				if got[i].form != tt.want[i].form || !slices.Equal(got[i].forms, tt.want[i].forms) {
					t.Errorf("FindEras(%q)[%d] = %q %q, want %q %q", tt.text, i, got[i].form, got[i].forms, tt.want[i].form, tt.want[i].forms)
				}
			}
		})
	}
}

// TestFindErasRoundTrip checks that every rendering of every year reads
// back as the same year: FindEras of a rendering matches all of it and
// gives the same renderings (eras in effect, so the era is kept).
func TestFindErasRoundTrip(t *testing.T) {
	for y := eras[0].year; y <= lastWesternYear; y++ {
		suffixes := []string{"年", "年度"}
		if y >= firstGregorianYear {
			suffixes = append(suffixes, "年6月")
		}
		for _, suffix := range suffixes {
			text := strconv.Itoa(y) + suffix
			ms := FindEras(text)
			if len(ms) != 1 || ms[0].Form != text {
				t.Fatalf("FindEras(%q) = %+v, want one match of all of it", text, ms)
			}
			for _, f := range ms[0].Entries[0].Japanese {
				back := FindEras(f)
				if len(back) != 1 || back[0].Form != f {
					t.Fatalf("rendering %q of %q: FindEras = %+v", f, text, back)
				}
				if !slices.Contains(back[0].Entries[0].Japanese, text) {
					t.Errorf("rendering %q of %q reads back as %q", f, text, back[0].Entries[0].Japanese)
				}
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestFindErasApproximate checks the less exact renderings given with a
// plain year: its fiscal year, end and about it, in every era of the
// period (a fiscal year in every era of April to December).
func TestFindErasApproximate(t *testing.T) {
	tests := []struct {
		text string
		want []string // nil: none
	}{
		{"2016年", []string{"2016年度", "平成28年度", "2016年末", "平成28年末", "2016年頃", "平成28年頃"}},
		{"平成28年", []string{"2016年度", "平成28年度", "2016年末", "平成28年末", "2016年頃", "平成28年頃"}},
		{"二〇一六年", []string{"2016年度", "平成28年度", "2016年末", "平成28年末", "2016年頃", "平成28年頃"}},
		{"2019年", []string{"2019年度", "平成31年度", "令和元年度", "2019年末", "令和元年末", "2019年頃", "平成31年頃", "令和元年頃"}},
		{"令和元年", []string{"2019年度", "平成31年度", "令和元年度", "2019年末", "令和元年末", "2019年頃", "令和元年頃"}},
		{"平成31年", []string{"2019年度", "平成31年度", "令和元年度", "2019年末", "令和元年末", "2019年頃", "平成31年頃"}},
		{"1989年", []string{"1989年度", "平成元年度", "1989年末", "平成元年末", "1989年頃", "昭和64年頃", "平成元年頃"}},
		{"2016年度", nil},
		{"2016年末", nil},
		{"2016年頃", nil},
		{"2016年3月", nil},
	}
	for _, tt := range tests {
		ms := FindEras(tt.text)
		if len(ms) != 1 || ms[0].Form != tt.text {
			t.Fatalf("FindEras(%q) = %+v, want one match of all of it", tt.text, ms)
		}
		var got []string
		if len(ms[0].Entries) > 1 {
			got = ms[0].Entries[1].Japanese
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("FindEras(%q): approximate renderings %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindErasRanges checks ranges of years: one match with an entry
// (the renderings) per year.
func TestFindErasRanges(t *testing.T) {
	tests := []struct {
		text  string
		form  string   // the match, "" for none
		years []string // the first rendering of each entry
	}{
		{"2016～2018年", "2016～2018年", []string{"2016年", "2017年", "2018年"}},
		{"2016〜2018年", "2016〜2018年", []string{"2016年", "2017年", "2018年"}},
		{"2016~18年", "2016~18年", []string{"2016年", "2017年", "2018年"}},
		{"２０１６～２０１８年", "２０１６～２０１８年", []string{"2016年", "2017年", "2018年"}},
		{"2016年～2018年に", "2016年～2018年", []string{"2016年", "2017年", "2018年"}},
		{"平成28～30年", "平成28～30年", []string{"2016年", "2017年", "2018年"}},
		{"平成28年～30年", "平成28年～30年", []string{"2016年", "2017年", "2018年"}},
		{"平成二十八～三十年", "平成二十八～三十年", []string{"2016年", "2017年", "2018年"}},
		{"平成30年～令和2年", "平成30年～令和2年", []string{"2018年", "2019年", "2020年"}},
		{"2018～2019年度", "2018～2019年度", []string{"2018年度", "2019年度"}},
		{"1988～1990年", "1988～1990年", []string{"1988年", "1989年", "1990年"}},
		// Not ranges: backwards, too long, a count, no 年.
		{"2018～2016年", "2016年", nil},
		{"2000～2020年", "2020年", nil},
		{"2016～2018年代", "", nil},
		{"2016～2018", "", nil},
		{"12016～2018年", "2018年", nil},
	}
	for _, tt := range tests {
		ms := FindEras(tt.text)
		if tt.years == nil {
			if tt.form == "" && len(ms) > 0 || tt.form != "" && (len(ms) != 1 || ms[0].Form != tt.form || len(ms[0].Entries) > 2) {
				t.Errorf("FindEras(%q) = %+v, want no range", tt.text, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Form != tt.form {
			t.Fatalf("FindEras(%q) = %+v, want one match %q", tt.text, ms, tt.form)
		}
		var got []string
		for _, en := range ms[0].Entries {
			if en.Source != SourceEra || en.Confidence != 1 {
				t.Errorf("FindEras(%q): entry %+v", tt.text, en)
			}
			got = append(got, en.Japanese[0])
		}
		if !slices.Equal(got, tt.years) {
			t.Errorf("FindEras(%q): years %q, want %q", tt.text, got, tt.years)
		}
	}
}

func TestKanjiNumbers(t *testing.T) {
	for n := 1; n <= 99; n++ {
		k := kanjiNumber(n)
		got, end := readKanjiNumber(k, 0)
		if got != n || end != len(k) {
			t.Errorf("readKanjiNumber(%q) = %d, %d; want %d, %d", k, got, end, n, len(k))
		}
	}
	for _, bad := range []string{"", "〇", "十十", "一十", "二十十", "十二三", "一二三", "〇五"} {
		if got, _ := readKanjiNumber(bad, 0); got != 0 {
			t.Errorf("readKanjiNumber(%q) = %d, want none", bad, got)
		}
	}
}

func FuzzFindEras(f *testing.F) {
	for _, s := range []string{"令和元年12月", "2019（令和元）年度", "19（令和元）年度", "19(令和元)年", "平成二十九年", "令和３年", "12019年",
		"1990年代", "明治3年5月", "令和元（2019）年", "2019年１２月", "平成三〇年", "令和"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, m := range FindEras(text) {
			if m.Start < end || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("FindEras(%q): match [%d,%d) after %d", text, m.Start, m.End, end)
			}
			if m.Form != text[m.Start:m.End] || !utf8.ValidString(m.Form) && utf8.ValidString(text) {
				t.Fatalf("FindEras(%q): form %q at [%d,%d)", text, m.Form, m.Start, m.End)
			}
			if len(m.Entries) < 1 || len(m.Entries) > maxRangeYears || len(m.Entries[0].Japanese) < 2 {
				t.Fatalf("FindEras(%q): %q has entries %+v", text, m.Form, m.Entries)
			}
			end = m.End
		}
	})
}
