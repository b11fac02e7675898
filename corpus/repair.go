package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// This file repairs text extracted from PDF pages (pdftotext output): it
// takes page furniture out, rebuilds ruby-split acronyms, joins wrapped lines
// into paragraphs, and classifies headings, cross-references and captions.

// Maximal sizes that keep the line classifiers from matching running text.
const (
	maxHeadingRunes   = 60
	maxReferenceRunes = 80
	maxCaptionLines   = 4
	edgeLines         = 3 // lines at the top and bottom of a page examined for furniture

	// maxParagraphBytes bounds a passage made of many lines: a paragraph
	// that grows longer (text with no blank line and no sentence end, say)
	// is cut at the line boundary before the bound, so that no passage is
	// too long to analyse, rank and highlight. Real paragraphs are a few
	// kilobytes.
	maxParagraphBytes = 64 << 10
)

var (
	// 389 令和2年版 防衛白書  /  令和2年版 防衛白書 389  /  - 12 -
	reNumTitle  = regexp.MustCompile(`^(\d{1,4})[ \t\x{3000}]+(\S.{0,40})$`)
	reTitleNum  = regexp.MustCompile(`^(\S.{0,40}?)[ \t\x{3000}]+(\d{1,4})$`)
	reLoneNum   = regexp.MustCompile(`^[-–—‐－]?[ \t]*(\d{1,4})[ \t]*[-–—‐－]?$`)
	rePartTrail = regexp.MustCompile(`^(\S.{1,60}?)[ \t\x{3000}]*(第[0-9０-９ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX]+部)$`)

	// 宇宙領域及びサイバー領域の利用にかかる協力第3節 (number after the title)
	reHeadTrail = regexp.MustCompile(`^(\S.{1,58}?)[ \t\x{3000}]*(第[0-9０-９一二三四五六七八九十百ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+([部章節項]))$`)
	// 第3節 宇宙領域… (number before the title)
	reHeadLead = regexp.MustCompile(`^(第[0-9０-９一二三四五六七八九十百ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+([部章節項]))[ \t\x{3000}]*(\S.{0,58})$`)
	// ❶ 宇宙領域の利用にかかる協力 ●
	reHeadCircled = regexp.MustCompile(`^([\x{2776}-\x{277F}\x{278A}-\x{2793}\x{24EB}-\x{24F4}]|[\x{2460}-\x{2473}])[ \t\x{3000}]*(\S.*)$`)
	// （1）概要
	reHeadParen = regexp.MustCompile(`^([（(][0-9０-９]{1,2}[）)])[ \t\x{3000}]*(\S.*)$`)
	// decorations after a heading
	reDecoration = regexp.MustCompile(`[ \t\x{3000}]*[●○■□◆◇▲△▼▽★☆◎]+[ \t\x{3000}●○■□◆◇▲△▼▽★☆◎]*$`)

	// 1章3節（…）, 本章1節2項（…）, → Ⅲ部2章（…）, 資料12（…)
	reReference = regexp.MustCompile(`^[→⇒☞▶►＞>]?[ \t\x{3000}]*(?:(?:本編|本部|本章|本節|第?[0-9０-９ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+部)?(?:第?[0-9０-９]+章)?(?:第?[0-9０-９]+節)?(?:第?[0-9０-９]+項)?|資料[0-9０-９]+|参考[0-9０-９]+)[ \t\x{3000}]*[（(]`)
	reRefUnit   = regexp.MustCompile(`[章節項部]|^[→⇒☞▶►＞>]?[ \t\x{3000}]*(?:資料|参考)`)

	// 写真1 …, 図表Ⅲ-1-2 …, 出典：…
	reCaptionLead = regexp.MustCompile(`^(?:(?:写真|図表|図|表)[ \t\x{3000}]*[0-9０-９ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:出典|注|資料)[ \t\x{3000}]*[：:])`)

	// ruby-split acronyms: 宇宙状況監視（S / Space Situational Awareness / SA）
	reRubyOpen  = regexp.MustCompile(`([（(])([A-Za-z][A-Za-z0-9&]{0,5})$`)
	reRubyRead  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9,.'&/\-]*(?: [A-Za-z0-9,.'&/\-]+)+$`)
	reRubyClose = regexp.MustCompile(`^([A-Za-z0-9&\-]{1,10})([）)])`)
)

// headingLevel orders heading kinds from outermost to innermost.
func headingLevel(mark string) int {
	switch {
	case strings.HasSuffix(mark, "部"):
		return 1
	case strings.HasSuffix(mark, "章"):
		return 2
	case strings.HasSuffix(mark, "節"):
		return 3
	case strings.HasSuffix(mark, "項"):
		return 4
	}
	r := firstRune(mark)
	switch {
	case r >= 0x2776 && r <= 0x277F, r >= 0x278A && r <= 0x2793, r >= 0x24EB && r <= 0x24F4:
		return 5
	case r >= 0x2460 && r <= 0x2473:
		return 6
	}
	return 7 // （1）
}

// pline is one line of a page.
type pline struct {
	text   string // trimmed
	blank  bool
	indent bool // started with white space
	width  int  // runes of the original line, trimmed
}

// page is one page of extracted text, its furniture taken out.
type page struct {
	index  int // 1-based physical page
	number int // printed page number, 0 if not found
	title  string
	part   string
	lines  []pline
	median int // median width of the non-blank lines
	count  int // non-blank lines
}

// textDoc is the result of repairing one document.
type textDoc struct {
	title    string // running title, "" if none was found
	passages []Passage
	dropped  []string // furniture and other text deliberately left out of the passages
}

// eachPage splits extracted text into pages at form feeds, takes the
// furniture out of each and passes it to f, one page at a time: the
// lines of a long text are not all held at once. A last page of white
// space only is left out.
func eachPage(text string, dropped *[]string, f func(*page)) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	for i, rest := 1, text; ; i++ {
		r, next, more := strings.Cut(rest, "\f")
		if !more && i > 1 && trimSpace(r) == "" {
			return
		}
		f(newPage(i, r, dropped))
		if !more {
			return
		}
		rest = next
	}
}

// newPage returns page index (1-based) of text r, its furniture taken out.
func newPage(index int, r string, dropped *[]string) *page {
	p := &page{index: index}
	for _, l := range strings.Split(r, "\n") {
		t := trimSpace(l)
		p.lines = append(p.lines, pline{
			text:   t,
			blank:  t == "",
			indent: t != "" && isSpace(firstRune(l)),
			width:  runeLen(t),
		})
	}
	p.takeFurniture(dropped)
	p.median = medianWidth(p.lines)
	for _, l := range p.lines {
		if !l.blank {
			p.count++
		}
	}
	return p
}

func medianWidth(lines []pline) int {
	var w []int
	for _, l := range lines {
		if !l.blank {
			w = append(w, l.width)
		}
	}
	if len(w) == 0 {
		return 1
	}
	slices.Sort(w)
	return max(w[len(w)/2], 1)
}

// takeFurniture removes page numbers, running titles and running part
// headers from the first and last lines of the page.
func (p *page) takeFurniture(dropped *[]string) {
	var edge []int
	for i := 0; i < len(p.lines) && len(edge) < edgeLines; i++ {
		if !p.lines[i].blank {
			edge = append(edge, i)
		}
	}
	n := 0
	for i := len(p.lines) - 1; i >= 0 && n < edgeLines; i-- {
		if !p.lines[i].blank {
			if !slices.Contains(edge, i) {
				edge = append(edge, i)
			}
			n++
		}
	}
	for _, i := range edge {
		t := p.lines[i].text
		if !p.furniture(t) {
			continue
		}
		*dropped = append(*dropped, t)
		p.lines[i] = pline{blank: true}
	}
}

// furniture reports whether t is a furniture line and records what it says.
func (p *page) furniture(t string) bool {
	if m := reLoneNum.FindStringSubmatch(t); m != nil && p.number == 0 {
		p.number, _ = strconv.Atoi(m[1])
		return true
	}
	if m := reNumTitle.FindStringSubmatch(t); m != nil && p.number == 0 && runningTitle(m[2]) {
		p.number, _ = strconv.Atoi(m[1])
		p.title = collapseSpace(m[2])
		return true
	}
	if m := reTitleNum.FindStringSubmatch(t); m != nil && p.number == 0 && runningTitle(m[1]) {
		p.number, _ = strconv.Atoi(m[2])
		p.title = collapseSpace(m[1])
		return true
	}
	if m := rePartTrail.FindStringSubmatch(t); m != nil && p.part == "" && !strings.ContainsAny(m[1], "。") {
		p.part = m[2] + " " + collapseSpace(m[1])
		return true
	}
	return false
}

// runningTitle reports whether s looks like a running title rather than
// running text: short, no sentence punctuation.
func runningTitle(s string) bool {
	s = trimSpace(s)
	if runeLen(s) < 2 || strings.ContainsAny(s, "。、，,") || endsSentence(s) {
		return false
	}
	// at least one letter: "12 34" is not a title
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// collapseSpace collapses runs of white space into one ASCII space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// repairRuby rebuilds acronyms whose letters were split around their
// English reading set as ruby:
//
//	宇宙状況監視（S            宇宙状況監視（SSA: Space Situational Awareness）や
//	Space Situational Awareness
//	SA）や
//
// The acronym's letters must occur in order in the reading.
func repairRuby(lines []pline) []pline {
	out := make([]pline, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		m := reRubyOpen.FindStringSubmatchIndex(l.text)
		if m == nil {
			out = append(out, l)
			continue
		}
		head := l.text[m[4]:m[5]]
		var reading []string
		j := i + 1
		closeAt := -1
		for ; j < len(lines) && j <= i+6; j++ {
			t := lines[j].text
			if lines[j].blank {
				continue
			}
			if reRubyClose.MatchString(t) && len(reading) > 0 {
				closeAt = j
				break
			}
			if reRubyRead.MatchString(t) && len(reading) < 2 {
				reading = append(reading, t)
				continue
			}
			break
		}
		if closeAt < 0 {
			out = append(out, l)
			continue
		}
		t := lines[closeAt].text
		cm := reRubyClose.FindStringSubmatchIndex(t)
		tail := t[cm[2]:cm[3]]
		en := strings.Join(reading, " ")
		if !subsequenceFold(head+tail, en) {
			out = append(out, l)
			continue
		}
		merged := l.text[:m[4]] + head + tail + ": " + en + t[cm[4]:]
		out = append(out, pline{text: merged, indent: l.indent, width: lines[closeAt].width})
		i = closeAt
	}
	return out
}

// subsequenceFold reports whether the letters and digits of abbr occur in
// order in long, ignoring case.
func subsequenceFold(abbr, long string) bool {
	long = strings.ToLower(long)
	n := 0
	for _, r := range strings.ToLower(abbr) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		n++
		i := strings.IndexRune(long, r)
		if i < 0 {
			return false
		}
		long = long[i+1:]
	}
	return n >= 2
}

// assembler turns the lines of a document's pages into passages.
type assembler struct {
	key     string // id prefix
	source  string
	dropped *[]string

	section []heading
	counts  map[string]int // passages per page key, for ids
	out     []Passage

	para      []string // open paragraph
	paraBytes int      // bytes of para's lines, with one separator each
	paraPage  *page
	paraLast  pline
	floaters  []Passage // captions and references met inside an unfinished paragraph
	afterPara bool      // a blank line followed the open paragraph's last line

	// Set by readers of other formats (PDF): hook is offered every
	// non-blank line before the classifiers and returns how many lines it
	// consumed, 0 for none; pageDone is called after each page; levelBase
	// is added to the levels of headings recognised in the text.
	hook      func(p *page, lines []pline, i int) int
	pageDone  func(p *page)
	levelBase int
	pdfPage   bool // set Passage.PDFPage from the page's index
}

type heading struct {
	level int
	text  string
}

// repairText repairs PDF-extracted text and returns its passages.
// key prefixes the ids; fallback is the document title used when the text
// has no running title.
func repairText(key, source, fallback, text string) textDoc {
	var doc textDoc
	doc.title, _ = eachRepaired(key, source, fallback, text, &doc.dropped, func(p Passage) error {
		doc.passages = append(doc.passages, p)
		return nil
	})
	return doc
}

// eachRepaired is repairText passing the passages to yield as they are
// made, which stops at yield's first error and returns it, and returning
// the running title found ("" if none). The text is read twice, a page
// at a time: once for the running title, which is every passage's
// Document, and once for the passages; a long text is thus held once,
// beside a page's lines and a few passages, where its pages' lines and
// all its passages were held at once (a 200 MB text file peaked at 1.66
// GB of RSS).
func eachRepaired(key, source, fallback, text string, dropped *[]string, yield func(Passage) error) (string, error) {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	titles := newTitleCount()
	var ignored []string // the second pass records what is dropped
	eachPage(text, &ignored, func(p *page) { titles.add(p.title) })
	title := titles.best
	document := title
	if document == "" {
		document = fallback
	}
	a := &assembler{key: key, source: source, dropped: dropped, counts: map[string]int{}}
	var err error
	pass := func() {
		for _, p := range a.out {
			if err == nil {
				p.Document = document
				err = yield(p)
			}
		}
		clear(a.out)
		a.out = a.out[:0]
	}
	eachPage(text, dropped, func(p *page) {
		if err == nil {
			a.page(p)
			pass()
		}
	})
	if err == nil {
		a.flush()
		pass()
	}
	return title, err
}

// titleCount finds the most frequent running title of a document's
// pages; of those as frequent, the first to reach the count.
type titleCount struct {
	n    map[string]int
	best string
}

func newTitleCount() *titleCount { return &titleCount{n: map[string]int{}} }

func (c *titleCount) add(title string) {
	if title == "" {
		return
	}
	c.n[title]++
	if c.n[title] > c.n[c.best] {
		c.best = title
	}
}

func (a *assembler) page(p *page) {
	lines := repairRuby(p.lines)
	first := true // at the first non-blank line of the page
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.blank {
			if a.para != nil {
				a.afterPara = true
			}
			continue
		}
		atStart := a.para == nil || endsSentence(a.paraLast.text) || first
		standalone := i+1 >= len(lines) || lines[i+1].blank || first
		first = false

		if a.hook != nil {
			if n := a.hook(p, lines, i); n > 0 {
				i += n - 1
				continue
			}
		}
		if n, text := reference(lines[i:]); n > 0 {
			a.floater(p, KindReference, text)
			i += n - 1
			continue
		}
		if level, text, ok := a.heading(l, atStart, standalone); ok {
			a.flush()
			a.push(a.levelBase+level, text)
			a.emit(p, KindHeading, text, a.section[len(a.section)-1].text)
			continue
		}
		if atStart {
			if n := caption(lines[i:], p.median, p.count); n > 0 {
				var parts []string
				for _, c := range lines[i : i+n] {
					parts = append(parts, c.text)
				}
				a.floater(p, KindCaption, collapseSpace(joinAll(parts, a.dropped, collapseSpace)))
				i += n - 1
				continue
			}
		}
		a.body(p, l)
	}
	if a.pageDone != nil {
		a.pageDone(p)
	}
}

// body adds a body line to the open paragraph or starts a new one.
func (a *assembler) body(p *page, l pline) {
	if a.para != nil {
		ended := endsSentence(a.paraLast.text)
		breaks := false
		switch {
		case a.afterPara:
			breaks = ended
		case ended:
			// A sentence ending before the column's right edge ends the
			// paragraph; one ending at the edge may be followed by more.
			w, med := a.paraLast.width, a.paraPage.median
			breaks = l.indent || w*5 < med*4 || w*4 > med*5
		}
		if breaks {
			a.flush()
		}
	}
	if a.para != nil && a.paraBytes+len(l.text) > maxParagraphBytes {
		a.flush()
	}
	if a.para == nil {
		a.paraPage = p
		a.paraBytes = 0
	}
	a.paraBytes += len(l.text) + 1
	a.para = append(a.para, l.text)
	a.paraLast = l
	a.afterPara = false
}

// floater emits a caption or reference, after the open paragraph if that is
// unfinished (it may go on after the float).
func (a *assembler) floater(p *page, kind Kind, text string) {
	if a.para != nil && !endsSentence(a.paraLast.text) {
		a.floaters = append(a.floaters, a.passage(p, kind, text, ""))
		return
	}
	a.flush()
	a.emit(p, kind, text, "")
}

// flush emits the open paragraph and the floats held back for it.
func (a *assembler) flush() {
	if a.para != nil {
		a.emit(a.paraPage, KindBody, joinAll(a.para, a.dropped, normalizeSpace), "")
		a.para = nil
		a.afterPara = false
	}
	for _, f := range a.floaters {
		a.out = append(a.out, a.number(f))
	}
	a.floaters = nil
}

// joinAll joins wrapped lines and normalises the white space of the result
// with norm ([normalizeSpace] for running text).
func joinAll(lines []string, dropped *[]string, norm func(string) string) string {
	var buf []byte
	for _, l := range lines {
		buf = joinInto(buf, l, dropped)
	}
	return norm(string(buf))
}

func (a *assembler) emit(p *page, kind Kind, text, title string) {
	a.out = append(a.out, a.number(a.passage(p, kind, text, title)))
}

func (a *assembler) passage(p *page, kind Kind, text, title string) Passage {
	ps := Passage{
		Page:    p.number,
		Kind:    kind,
		Text:    text,
		Source:  a.source,
		Section: a.path(),
		Title:   title,
	}
	if ps.Title == "" && len(a.section) > 0 {
		ps.Title = a.section[len(a.section)-1].text
	}
	if p.part != "" {
		ps.Meta = map[string]any{"part": p.part}
	}
	if a.pdfPage {
		ps.PDFPage = p.index
	}
	// the id is given in number, in output order; keep the page for it
	ps.ID = pageKey(p)
	return ps
}

func pageKey(p *page) string {
	if p.number > 0 {
		return "p" + strconv.Itoa(p.number)
	}
	return strconv.Itoa(p.index)
}

// number gives p its id: key#page.n, n counting the page's passages in
// output order.
func (a *assembler) number(p Passage) Passage {
	pk := p.ID
	a.counts[pk]++
	p.ID = fmt.Sprintf("%s#%s.%d", a.key, pk, a.counts[pk])
	return p
}

func (a *assembler) path() []string {
	if len(a.section) == 0 {
		return nil
	}
	s := make([]string, len(a.section))
	for i, h := range a.section {
		s[i] = h.text
	}
	return s
}

func (a *assembler) push(level int, text string) {
	for len(a.section) > 0 && a.section[len(a.section)-1].level >= level {
		a.section = a.section[:len(a.section)-1]
	}
	a.section = append(a.section, heading{level, text})
}

// heading classifies l as a heading. It must start a block; a heading
// with a section number (第3節) or a white circled number (①) must also
// stand on its own line (or be the first line of its page), a black circled
// number (❶) need not.
func (a *assembler) heading(l pline, atStart, standalone bool) (int, string, bool) {
	t := l.text
	if !atStart || runeLen(t) > maxHeadingRunes || strings.Contains(t, "。") {
		return 0, "", false
	}
	stripped := t
	if loc := reDecoration.FindStringIndex(t); loc != nil && loc[0] > 0 {
		stripped = t[:loc[0]]
	}
	clean := func(s string) string { return collapseSpace(s) }
	if m := reHeadTrail.FindStringSubmatch(stripped); m != nil && standalone && !strings.ContainsAny(m[1], "、，") {
		a.drop(t, stripped)
		return headingLevel(m[2]), m[2] + " " + clean(m[1]), true
	}
	if m := reHeadLead.FindStringSubmatch(stripped); m != nil && standalone && !strings.ContainsAny(m[3], "、，") {
		a.drop(t, stripped)
		return headingLevel(m[1]), m[1] + " " + clean(m[3]), true
	}
	if m := reHeadCircled.FindStringSubmatch(stripped); m != nil && (standalone || headingLevel(m[1]) == 5) {
		a.drop(t, stripped)
		return headingLevel(m[1]), m[1] + " " + clean(m[2]), true
	}
	if m := reHeadParen.FindStringSubmatch(stripped); m != nil && standalone && !endsSentence(m[2]) && runeLen(m[2]) <= 30 {
		a.drop(t, stripped)
		return headingLevel(m[1]), m[1] + clean(m[2]), true
	}
	return 0, "", false
}

func (a *assembler) drop(full, kept string) {
	if d := trimSpace(full[len(kept):]); d != "" {
		*a.dropped = append(*a.dropped, d)
	}
}

// reference reports whether lines start with a cross-reference such as
// 本章1節4項（能力構築支援への積極的かつ戦略的な / 取組）: it returns the
// number of lines it spans and its text, or 0.
func reference(lines []pline) (int, string) {
	t := lines[0].text
	m := reReference.FindStringIndex(t)
	if m == nil || !reRefUnit.MatchString(t[:m[1]]) {
		return 0, ""
	}
	text := ""
	depth := 0
	for i, l := range lines {
		if l.blank || i >= 3 {
			return 0, ""
		}
		text = joinLines(text, l.text, nil)
		for _, r := range l.text {
			switch r {
			case '（', '(':
				depth++
			case '）', ')':
				depth--
			}
		}
		if depth <= 0 {
			last := lastRune(l.text)
			if depth < 0 || (last != '）' && last != ')') || runeLen(text) > maxReferenceRunes {
				return 0, ""
			}
			return i + 1, normalizeSpace(text)
		}
	}
	return 0, ""
}

// caption reports how many lines, from the first, form a caption: a
// block up to a blank line that starts with a caption label (写真1, 図表…,
// 出典：), or that has no full sentence, is set off from the text column
// (wider than it, indented or ending in a parenthesis such as a date), on a
// page with enough lines to know the column's width.
func caption(lines []pline, median, count int) int {
	n := 0
	for n < len(lines) && !lines[n].blank && n <= maxCaptionLines {
		n++
	}
	if n == 0 || n > maxCaptionLines {
		return 0
	}
	if reCaptionLead.MatchString(lines[0].text) {
		return n
	}
	if lines[0].width*10 <= median*13 || median < 8 || count < 6 {
		return 0
	}
	if last := lastRune(lines[n-1].text); !lines[0].indent && last != '）' && last != ')' {
		return 0
	}
	for _, l := range lines[:n] {
		if strings.ContainsAny(l.text, "。．") || endsSentence(l.text) {
			return 0
		}
	}
	return n
}
