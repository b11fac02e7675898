package glossary

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SourceEra is the source of the entries [FindEras] makes: the renderings
// of a year in the Western calendar and in Japanese eras.
const SourceEra = "era"

// An era of the Japanese calendar. Its first year is the Western year of
// its start; its year n is start year + n - 1.
type era struct {
	name     string
	symbol   string // the one-character square form: ㍻ for 平成
	year, md int    // the day it began: year, and month*100 + day
}

// eras are the eras since 明治, oldest first, with the day each began
// (Gregorian). 明治 was proclaimed on 1868-10-23 and applied from the first
// day of 慶応4年 (1868-01-25), so 1868 is 明治元年 throughout; until 明治5年
// Japan counted lunisolar months, so months are converted from 1873 (明治6年)
// on only.
var eras = []era{
	{name: "明治", symbol: "㍾", year: 1868, md: 1023},
	{name: "大正", symbol: "㍽", year: 1912, md: 730},
	{name: "昭和", symbol: "㍼", year: 1926, md: 1225},
	{name: "平成", symbol: "㍻", year: 1989, md: 108},
	{name: "令和", symbol: "㋿", year: 2019, md: 501},
}

const (
	firstGregorianYear = 1873 // months before it are lunisolar
	maxEraYear         = 99   // the longest era year read or written
)

// lastWesternYear is the last Western year converted: year 99 of the
// latest era.
var lastWesternYear = eras[len(eras)-1].year + maxEraYear - 1

// date is a Gregorian date as year*10000 + month*100 + day.
type date int

func mkdate(y, m, d int) date { return date(y*10000 + m*100 + d) }

// start returns the day the era began.
func (e era) start() date { return date(e.year*10000 + e.md) }

// erasDuring returns the indices of the eras in effect on some day from
// from to to, inclusive.
func erasDuring(from, to date) []int {
	var out []int
	for i, e := range eras {
		if e.start() > to {
			break
		}
		if i+1 < len(eras) && eras[i+1].start() <= from {
			continue
		}
		out = append(out, i)
	}
	return out
}

// eraYear is a year found in text: Western year, era (index in eras, or -1
// when written in the Western calendar), month (0 when none) and whether
// it is a fiscal year (年度).
type eraYear struct {
	western int
	era     int
	month   int
	day     int // 0 when none; only with a month
	fiscal  bool
	tail    string // 頃 or 末 after the year or month, kept in every rendering
}

// period returns the days the year (or month, or fiscal year) spans, as
// far as era names go: a fiscal year N begins on April 1st and is named
// after the era of that day or of a later day of year N (2019年度 is
// 平成31年度 and 令和元年度).
func (y eraYear) period() (date, date) {
	switch {
	case y.fiscal:
		return mkdate(y.western, 4, 1), mkdate(y.western, 12, 31)
	case y.day > 0:
		return mkdate(y.western, y.month, y.day), mkdate(y.western, y.month, y.day)
	case y.month > 0:
		return mkdate(y.western, y.month, 1), mkdate(y.western, y.month, 31)
	default:
		return mkdate(y.western, 1, 1), mkdate(y.western, 12, 31)
	}
}

// renderEras returns the eras to render y in. A fiscal year is named in
// every era in effect during it. A year written in an era is rendered in
// that era, when the era was in effect then (平成31年 is not 令和元年 even
// though both are 2019), otherwise in the eras in effect (平成32年, written
// before the change, is 令和2年). A Western year is rendered in every era
// in effect during it.
func (y eraYear) renderEras() []int {
	during := erasDuring(y.period())
	if y.era < 0 || y.fiscal {
		return during
	}
	for _, i := range during {
		if i == y.era {
			return []int{i}
		}
	}
	return during
}

// forms returns the renderings of y: the Western year, then in each era
// the year in Arabic numerals (元 for the first year, and 1), in kanji
// numerals, and in the government style with the other calendar in
// brackets, 2019（令和元）年, 19（令和元）年 (as the 防衛白書 writes years)
// and 令和元（2019）年, and last the Western year in kanji digits
// (二〇一九年).
func (y eraYear) forms() []string {
	suffix := "年"
	if y.fiscal {
		suffix = "年度"
	}
	month, kanjiMonth := "", ""
	if y.month > 0 {
		month = strconv.Itoa(y.month) + "月"
		kanjiMonth = kanjiNumber(y.month) + "月"
		if y.day > 0 {
			month += strconv.Itoa(y.day) + "日"
			kanjiMonth += kanjiNumber(y.day) + "日"
		}
		month += y.tail
		kanjiMonth += y.tail
	} else {
		suffix += y.tail
	}
	w := strconv.Itoa(y.western)
	forms := []string{w + suffix + month}
	for _, i := range y.renderEras() {
		name := eras[i].name
		n := y.western - eras[i].year + 1
		num := strconv.Itoa(n)
		if n == 1 {
			num = "元"
		}
		forms = append(forms, name+num+suffix+month)
		if n == 1 {
			forms = append(forms, name+"1"+suffix+month)
		} else {
			forms = append(forms, name+kanjiNumber(n)+suffix+kanjiMonth)
		}
		forms = append(forms,
			w+"（"+name+num+"）"+suffix+month,
			w[2:]+"（"+name+num+"）"+suffix+month,
			name+num+"（"+w+"）"+suffix+month)
	}
	return append(forms, kanjiWestern(y.western)+suffix+kanjiMonth)
}

// entry returns the glossary entry relating y's renderings.
func (y eraYear) entry() Entry {
	var ev []string
	for _, i := range y.renderEras() {
		ev = append(ev, fmt.Sprintf("%s began %d-%02d-%02d", eras[i].name, eras[i].year, eras[i].md/100, eras[i].md%100))
	}
	return Entry{
		Japanese:   y.forms(),
		Source:     SourceEra,
		Confidence: 1,
		Evidence:   strings.Join(ev, "; "),
	}
}

// ApproximateConfidence is the confidence of the renderings of a year
// that name it less exactly: its fiscal year (2016年度, 平成28年度), its
// end (2016年末) and about it (2016年頃), given with a plain year.
const ApproximateConfidence = 0.5

// approximate returns the entry of y's less exact renderings (see
// [ApproximateConfidence]), in the Western calendar and in each era of
// the period, and false when y is not a plain year.
func (y eraYear) approximate() (Entry, bool) {
	if y.month > 0 || y.fiscal || y.tail != "" {
		return Entry{}, false
	}
	var forms []string
	// The end of a year is named in the era of December (2019年末 is
	// 令和元年末).
	for _, v := range []eraYear{{western: y.western, era: y.era, fiscal: true}, {western: y.western, era: y.era, month: 12, tail: "末"}, {western: y.western, era: y.era, tail: "頃"}} {
		suffix := "年" + v.tail
		if v.fiscal {
			suffix = "年度"
		}
		forms = append(forms, strconv.Itoa(v.western)+suffix)
		for _, i := range v.renderEras() {
			n := v.western - eras[i].year + 1
			num := strconv.Itoa(n)
			if n == 1 {
				num = "元"
			}
			forms = append(forms, eras[i].name+num+suffix)
		}
	}
	return Entry{Japanese: forms, Source: SourceEra, Confidence: ApproximateConfidence, Evidence: "the fiscal year, end or about the year"}, true
}

// entries returns the entries of y: its renderings, then for a plain
// year the less exact ones.
func (y eraYear) entries() []Entry {
	out := []Entry{y.entry()}
	if a, ok := y.approximate(); ok {
		out = append(out, a)
	}
	return out
}

// FindEras returns the years written in text, in the Western calendar
// (2019年) or in an era since 明治 (令和元年, 令和3年, 令和３年, 平成二十九年),
// also in the government style that gives both (2019（令和元）年,
// 令和元（2019）年, 19（令和元）年), with a month (2019年12月) and a day
// (2019年12月1日) or as a fiscal year (2019年度), and with 頃 or 末 after
// it (2019年末); a Western year may be written in kanji digits
// (二〇一九年). Each match holds an entry of source [SourceEra] with the
// renderings of the year as Japanese forms: 2019年 is 平成31年 and
// 令和元年, 2019年4月 is 平成31年4月, 2019年5月 is 令和元年5月,
// 1989年1月7日 is 昭和64年1月7日. A plain year has a second entry, of
// [ApproximateConfidence], with its fiscal year, end and approximate
// renderings (2019年度, 令和元年末, 平成31年頃).
//
// A number must be followed by 年 (2019 alone is not a year). A Western
// year has four digits of its own: 12019年 and 3.2019年 are not years. In
// the government style the Western year must be the era year's, in four
// digits or its last two. A year followed by 代, 間, 目, ぶり or 前/後
// (but not 前半, 後半, 前期, 後期, 前後) counts years rather than naming
// one (1990年代, 2000年前). Months are kept from 1873 on only, since
// earlier months were lunisolar.
func FindEras(text string) []Match {
	var out []Match
	for i := 0; i < len(text); {
		if ys, end, ok := scanRange(text, i); ok {
			var entries []Entry
			for _, y := range ys {
				entries = append(entries, y.entry())
			}
			out = append(out, Match{Start: i, End: end, Form: text[i:end], Entries: entries})
			i = end
			continue
		}
		if y, end, ok := scanYear(text, i); ok {
			out = append(out, Match{Start: i, End: end, Form: text[i:end], Entries: y.entries()})
			i = end
			continue
		}
		if _, n := digitAt(text, i); n > 0 {
			// Skip the whole number: no year starts inside one.
			for _, n := digitAt(text, i); n > 0; _, n = digitAt(text, i) {
				i += n
			}
			continue
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return out
}

// maxRangeYears bounds the years of a range of years (2016～2018年).
const maxRangeYears = 10

// scanRange reads a range of years starting at text[i:]: two Western
// years (2016～2018年, 2016～18年, 2016年～2018年) or two years of an era
// (平成28～30年, 平成28年～30年, 平成30年～令和2年) joined by a wave dash or
// a tilde, followed by 年 or 年度, of at most maxRangeYears years. It
// returns each year of the range, in the era of its first when one is
// written.
func scanRange(text string, i int) ([]eraYear, int, bool) {
	if i > 0 && precedesNumber(text[:i]) {
		return nil, 0, false
	}
	var from, to, e int
	j := i
	if w, wlen, k := readDigits(text, i, 4); wlen == 4 {
		from, e, j = w, -1, k
	} else if era, n, k, ok := readEraYear(text, i); ok {
		from, e, j = eras[era].year+n-1, era, k
	} else {
		return nil, 0, false
	}
	year := strings.HasPrefix(text[j:], "年")
	if year {
		j += len("年")
	}
	k, ok := rangeDash(text, j)
	if !ok {
		return nil, 0, false
	}
	if era, n, k2, ok := readEraYear(text, k); ok && e >= 0 {
		to, k = eras[era].year+n-1, k2
	} else if w, wlen, k2 := readDigits(text, k, 4); e < 0 && wlen == 4 {
		to, k = w, k2
	} else if e < 0 && wlen == 2 && !year {
		to, k = from/100*100+w, k2
	} else if e >= 0 && wlen > 0 {
		to, k = eras[e].year+w-1, k2
	} else if n, k2 := readKanjiNumber(text, k); e >= 0 && n > 0 {
		to, k = eras[e].year+n-1, k2
	} else {
		return nil, 0, false
	}
	if to <= from || to-from >= maxRangeYears || from < eras[0].year || to > lastWesternYear || !strings.HasPrefix(text[k:], "年") {
		return nil, 0, false
	}
	k += len("年")
	fiscal := strings.HasPrefix(text[k:], "度")
	if fiscal {
		k += len("度")
	} else if countsYears(text[k:]) {
		return nil, 0, false
	}
	var out []eraYear
	for y := from; y <= to; y++ {
		out = append(out, eraYear{western: y, era: e, fiscal: fiscal})
	}
	return out, k, true
}

// rangeDash reads the dash of a range of years, a wave dash or a tilde,
// at text[i:].
func rangeDash(text string, i int) (int, bool) {
	return bracket(text, i, "～", "〜", "~")
}

// scanYear reads a year starting at text[i:].
func scanYear(text string, i int) (eraYear, int, bool) {
	if i > 0 && precedesNumber(text[:i]) {
		return eraYear{}, 0, false
	}
	if w, wlen, j := readDigits(text, i, 4); wlen == 2 || wlen == 4 {
		// 2019年, 2019（令和元）年 or 19（令和元）年.
		if k, ok := openBracket(text, j); ok {
			e, n, k, ok := readEraYear(text, k)
			if !ok {
				return eraYear{}, 0, false
			}
			k, ok = closeBracket(text, k)
			if !ok {
				return eraYear{}, 0, false
			}
			western := eras[e].year + n - 1
			if wlen == 4 && w != western || wlen == 2 && w != western%100 {
				return eraYear{}, 0, false
			}
			return yearSuffix(text, k, eraYear{western: western, era: e})
		}
		if wlen != 4 || w < eras[0].year || w > lastWesternYear {
			return eraYear{}, 0, false
		}
		return yearSuffix(text, j, eraYear{western: w, era: -1})
	}
	// 二〇一九年.
	if w, j, ok := readKanjiWestern(text, i); ok {
		if w < eras[0].year || w > lastWesternYear {
			return eraYear{}, 0, false
		}
		return yearSuffix(text, j, eraYear{western: w, era: -1})
	}
	// 令和元年, 令和3年, 令和三年 or 令和元（2019）年.
	e, n, k, ok := readEraYear(text, i)
	if !ok {
		return eraYear{}, 0, false
	}
	y := eraYear{western: eras[e].year + n - 1, era: e}
	if k2, ok := openBracket(text, k); ok {
		w, wlen, k3 := readDigits(text, k2, 4)
		if wlen != 4 || w != y.western {
			return eraYear{}, 0, false
		}
		if k, ok = closeBracket(text, k3); !ok {
			return eraYear{}, 0, false
		}
	}
	return yearSuffix(text, k, y)
}

// precedesNumber reports whether before ends in a digit or a decimal
// point or other joiner of numbers, so that a number after it is part of
// a longer one.
func precedesNumber(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if _, n := digitAt(string(r), 0); n > 0 {
		return true
	}
	switch r {
	case '.', '．', ',', '，':
		return true
	}
	return false
}

// yearSuffix reads 年 or 年度 at text[i:], and a month after 年, and
// returns y completed and the end of the match.
func yearSuffix(text string, i int, y eraYear) (eraYear, int, bool) {
	if !strings.HasPrefix(text[i:], "年") {
		return eraYear{}, 0, false
	}
	i += len("年")
	switch {
	case strings.HasPrefix(text[i:], "度"):
		y.fiscal = true
		i += len("度")
	case countsYears(text[i:]):
		return eraYear{}, 0, false
	case y.western >= firstGregorianYear:
		if m, j, ok := readMonth(text, i); ok {
			y.month, i = m, j
			if d, j, ok := readDay(text, i, y.western, m); ok {
				y.day, i = d, j
			}
		}
	}
	// 頃 and 末 join the year or month (2019年末, 令和元年12月頃): the
	// analyzer makes one word of 年末 or 月頃 in some renderings and not
	// in others, so every rendering keeps them.
	for _, tail := range []string{"頃", "末"} {
		if strings.HasPrefix(text[i:], tail) {
			y.tail = tail
			i += len(tail)
			break
		}
	}
	return y, i, true
}

// countsYears reports whether rest, the text after 年, makes the number a
// count of years (1990年代, 30年間, 3年目, 10年ぶり, 2000年前, 100年後).
func countsYears(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	switch r {
	case '代', '間', '目', 'ぶ', '振':
		return true
	case '前', '後':
		next, _ := utf8.DecodeRuneInString(rest[n:])
		return next != '半' && next != '期' && !(r == '前' && next == '後')
	}
	return false
}

// readMonth reads a month, 1 to 12 in Arabic or kanji numerals followed
// by 月, at text[i:].
func readMonth(text string, i int) (int, int, bool) {
	m, mlen, j := readDigits(text, i, 2)
	if mlen == 0 {
		m, j = readKanjiNumber(text, i)
	}
	if m < 1 || m > 12 || !strings.HasPrefix(text[j:], "月") {
		return 0, 0, false
	}
	return m, j + len("月"), true
}

// readDay reads a day of month m of year y, in Arabic or kanji numerals
// followed by 日, at text[i:].
func readDay(text string, i, y, m int) (int, int, bool) {
	d, dlen, j := readDigits(text, i, 2)
	if dlen == 0 {
		d, j = readKanjiNumber(text, i)
	}
	if d < 1 || d > daysIn(y, m) || !strings.HasPrefix(text[j:], "日") {
		return 0, 0, false
	}
	return d, j + len("日"), true
}

// daysIn returns the number of days of month m of year y (Gregorian).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// readKanjiWestern reads a Western year written in four kanji digits
// (二〇一九, 一九四八) at text[i:], neither preceded nor followed by a
// kanji numeral: its value and end.
func readKanjiWestern(text string, i int) (int, int, bool) {
	if before, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isKanjiNumeral(before) {
		return 0, 0, false
	}
	v, j := 0, i
	for k := 0; k < 4; k++ {
		r, n := utf8.DecodeRuneInString(text[j:])
		d, ok := kanjiDigits[r]
		if !ok || k == 0 && d == 0 {
			return 0, 0, false
		}
		v, j = v*10+d, j+n
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); isKanjiNumeral(r) {
		return 0, 0, false
	}
	return v, j, true
}

// isKanjiNumeral reports whether r is a kanji digit or 十, 百, 千.
func isKanjiNumeral(r rune) bool {
	_, ok := kanjiDigits[r]
	return ok || r == '十' || r == '百' || r == '千'
}

// kanjiWestern writes a Western year in kanji digits: 二〇一九.
func kanjiWestern(y int) string {
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range strconv.Itoa(y) {
		b.WriteRune(digits[c-'0'])
	}
	return b.String()
}

// readEraYear reads an era name (or its square symbol) and a year of it (元, 1 to 99 in Arabic
// or kanji numerals) at text[i:]: the era's index, the year and the end.
func readEraYear(text string, i int) (int, int, int, bool) {
	for e := range eras {
		var j int
		switch {
		case strings.HasPrefix(text[i:], eras[e].name):
			j = i + len(eras[e].name)
		case strings.HasPrefix(text[i:], eras[e].symbol):
			j = i + len(eras[e].symbol)
		default:
			continue
		}
		if strings.HasPrefix(text[j:], "元") {
			return e, 1, j + len("元"), true
		}
		n, nlen, k := readDigits(text, j, 2)
		if nlen == 0 {
			n, k = readKanjiNumber(text, j)
		}
		if n < 1 || n > maxEraYear {
			return 0, 0, 0, false
		}
		return e, n, k, true
	}
	return 0, 0, 0, false
}

// readDigits reads a number of at most max ASCII or full-width digits at
// text[i:]: its value, its number of digits and its end. A longer number
// reads as none (0 digits).
func readDigits(text string, i, max int) (value, digits, end int) {
	j := i
	for {
		d, n := digitAt(text, j)
		if n == 0 {
			break
		}
		if digits == max {
			return 0, 0, i
		}
		value = value*10 + d
		digits++
		j += n
	}
	return value, digits, j
}

// digitAt returns the value and byte length of the ASCII or full-width
// digit at text[i:], or a length of 0.
func digitAt(text string, i int) (int, int) {
	if i >= len(text) {
		return 0, 0
	}
	if c := text[i]; c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if r >= '０' && r <= '９' {
		return int(r - '０'), n
	}
	return 0, 0
}

var kanjiDigits = map[rune]int{'〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// readKanjiNumber reads a number from 1 to 99 in kanji numerals at
// text[i:], with 十 (二十九) or positional (二九, 三〇): its value and end,
// or 0 and i.
func readKanjiNumber(text string, i int) (int, int) {
	var runes []rune
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if _, ok := kanjiDigits[r]; !ok && r != '十' {
			break
		}
		runes = append(runes, r)
		j += n
	}
	v, ok := kanjiValue(runes)
	if !ok {
		return 0, i
	}
	return v, j
}

// kanjiValue returns the value of a kanji number of 1 to 99.
func kanjiValue(rs []rune) (int, bool) {
	digit := func(r rune, zero bool) (int, bool) {
		d, ok := kanjiDigits[r]
		return d, ok && (zero || d > 0)
	}
	switch ten := slices.Contains(rs, '十'); {
	case len(rs) == 0 || len(rs) > 3:
		return 0, false
	case !ten && len(rs) == 1: // 九
		return digit(rs[0], false)
	case !ten && len(rs) == 2: // 二九, 三〇
		t, ok1 := digit(rs[0], false)
		u, ok2 := digit(rs[1], true)
		return 10*t + u, ok1 && ok2
	case !ten:
		return 0, false
	}
	// With 十: 十, 十五, 二十, 二十九.
	k := 0
	tens := 1
	if rs[0] != '十' {
		t, ok := digit(rs[0], false)
		if !ok || t == 1 || len(rs) < 2 || rs[1] != '十' {
			return 0, false
		}
		tens, k = t, 1
	}
	k++ // past 十
	switch len(rs) - k {
	case 0:
		return 10 * tens, true
	case 1:
		u, ok := digit(rs[k], false)
		return 10*tens + u, ok
	}
	return 0, false
}

// kanjiNumber writes n, 1 to 99, in kanji numerals: 九, 十, 二十九.
func kanjiNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var b strings.Builder
	if n >= 10 {
		if n >= 20 {
			b.WriteString(digits[n/10])
		}
		b.WriteString("十")
	}
	b.WriteString(digits[n%10])
	return b.String()
}

// openBracket reads an opening bracket, ( or （, at text[i:].
func openBracket(text string, i int) (int, bool) {
	return bracket(text, i, "(", "（")
}

// closeBracket reads a closing bracket, ) or ）, at text[i:].
func closeBracket(text string, i int) (int, bool) {
	return bracket(text, i, ")", "）")
}

func bracket(text string, i int, forms ...string) (int, bool) {
	for _, f := range forms {
		if strings.HasPrefix(text[i:], f) {
			return i + len(f), true
		}
	}
	return i, false
}
