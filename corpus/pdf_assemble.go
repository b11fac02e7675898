package corpus

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normKey is s in NFKC, lower case, without white space: for matching
// outline titles to the lines that print them.
func normKey(s string) string {
	s = norm.NFKC.String(s)
	return strings.ToLower(strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s))
}

// passages assembles the pages of text into passages: the repair of
// [ParseText], with the PDF's outline for sections, its table of contents
// as passages of kind toc, and its title.
func (d pdfDoc) passages(key, source, fallback, text string) []Passage {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var dropped []string
	pages, tocPages := pdfPages(text, d.layout, d.outline, &dropped)
	a := &assembler{key: key, source: source, dropped: &dropped, counts: map[string]int{}, pdfPage: true}

	byPage := map[int][]outlineItem{}
	depth := 0
	for _, it := range d.outline {
		byPage[it.page] = append(byPage[it.page], it)
		depth = max(depth, it.level)
	}
	a.levelBase = depth
	var pending []outlineItem
	cur := 0
	// label takes the open paragraph when it is a lone section label
	// (1.2, Chapter 3) printed on its own line before a heading.
	label := func() string {
		if len(a.para) != 1 || !reLabel.MatchString(a.para[0]) {
			return ""
		}
		s := a.para[0]
		a.para = nil
		a.afterPara = false
		return s + " "
	}
	front := map[int]bool{} // front-matter headings (Contents), by index in a.out
	firstOutline := 0       // the first page the outline points to
	for _, it := range d.outline {
		if firstOutline == 0 || it.page < firstOutline {
			firstOutline = it.page
		}
	}
	a.hook = func(p *page, lines []pline, i int) int {
		top := false // at the first line of the page
		if p.index != cur {
			cur = p.index
			pending = byPage[p.index]
			top = true
		}
		standalone := i+1 >= len(lines) || lines[i+1].blank
		t := lines[i].text
		switch {
		case top && p.index < firstOutline && frontHeading(t):
			// front matter before the outline starts: a short line at the
			// top of a page (Contents, 序章) is a heading
			a.flush()
			a.push(1, t)
			a.emit(p, KindHeading, t, t)
			front[len(a.out)-1] = true
			return 1
		case firstOutline == 0 && standalone:
			if m := reNumHeading.FindStringSubmatch(t); m != nil && runeLen(t) <= maxHeadingRunes && !endsSentence(t) && !strings.ContainsAny(t, "、。，") {
				a.flush()
				a.push(strings.Count(strings.TrimSuffix(m[1], "."), ".")+1, t)
				a.emit(p, KindHeading, t, t)
				return 1
			}
		}
		n, j, text := matchOutline(pending, lines, i)
		lab := ""
		if n == 0 && len(pending) > 0 && reLabel.MatchString(lines[i].text) {
			// a label on a line of its own, the heading after blank lines
			k := i + 1
			for k < len(lines) && lines[k].blank {
				k++
			}
			if k < len(lines) {
				if n, j, text = matchOutline(pending, lines, k); n > 0 {
					lab = lines[i].text + " "
					n += k - i
				}
			}
		}
		if n > 0 {
			for _, it := range pending[:j] {
				a.flush()
				a.push(it.level, it.title)
			}
			it := pending[j]
			pending = pending[j+1:]
			text = label() + lab + text
			a.flush()
			a.push(it.level, it.title)
			a.emit(p, KindHeading, text, it.title)
			return n
		}
		m := reTOC.FindStringSubmatch(t)
		if m == nil && tocPages[p.index] {
			// in layout mode, an entry without leaders: title, a gap, page
			m = reTOCGap.FindStringSubmatch(t)
		}
		if m != nil {
			prefix := ""
			// a title wrapped before its leaders, or a label on its own line
			if len(a.para) > 0 && len(a.para) <= 3 && !endsSentence(a.paraLast.text) {
				prefix = joinAll(a.para, nil, collapseSpace) + " "
				a.para = nil
				a.afterPara = false
			}
			a.flush()
			a.emit(p, KindTOC, collapseSpace(prefix+m[1])+" … "+m[2], "")
			return 1
		}
		return 0
	}
	a.pageDone = func(p *page) {
		if p.index != cur {
			cur = p.index
			pending = byPage[p.index]
		}
		// outline entries whose heading was not found in the text start
		// their section on their page all the same
		for _, it := range pending {
			a.push(it.level, it.title)
		}
		pending = nil
	}
	for _, p := range pages {
		a.page(p)
	}
	a.flush()

	title := d.title
	if title == "" {
		for i, p := range a.out {
			if p.Kind == KindHeading && !front[i] {
				title = p.Text
				break
			}
		}
	}
	if title == "" {
		title = fallback
	}
	for i := range a.out {
		a.out[i].Document = title
	}
	return a.out
}

// reNumHeading is a numbered heading of a document without an outline:
// 1 はじめに, 2.3 設定の方法.
var reNumHeading = regexp.MustCompile(`^([0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.?)[ \t\x{3000}]+[^ \t\x{3000}.．0-9]`)

// frontHeading reports whether t, the first line of a page of front
// matter, is a heading: short, with a letter, not a sentence, a label or a
// table-of-contents line.
func frontHeading(t string) bool {
	return runeLen(t) <= 20 && !endsSentence(t) && !strings.ContainsAny(t, "、。，,:：$#/<>{}[]=;\"”“'`|*") &&
		strings.IndexFunc(t, unicode.IsLetter) >= 0 && !reLabel.MatchString(t) && !reTOC.MatchString(t) &&
		!reRomanAlone.MatchString(t)
}

// matchOutline finds the first of items that lines[i:] prints: the line
// (or up to three lines of a wrapped heading) is the item's title,
// perhaps after a section label. It returns how many lines the heading
// takes, the item's index and the heading as printed, or 0.
func matchOutline(items []outlineItem, lines []pline, i int) (n, j int, text string) {
	if len(items) == 0 {
		return 0, 0, ""
	}
	line := normKey(lines[i].text)
	if line == "" || runeLen(line) > 2*maxHeadingRunes {
		return 0, 0, ""
	}
	for j, it := range items {
		k := normKey(it.title)
		if k == "" {
			continue
		}
		acc, parts := line, []string{lines[i].text}
		for n := 1; n <= 3; n++ {
			if lab, ok := strings.CutSuffix(acc, k); ok && (lab == "" || reLabel.MatchString(lab)) {
				return n, j, joinAll(parts, nil, collapseSpace)
			}
			// a heading wrapped: what the lines have so far must end in
			// the start of the title, after a label if any
			ll := labelLen(acc, k)
			if i+n >= len(lines) || lines[i+n].blank || ll >= len(acc) || ll > 0 && !reLabel.MatchString(acc[:ll]) {
				break
			}
			acc += normKey(lines[i+n].text)
			parts = append(parts, lines[i+n].text)
		}
	}
	return 0, 0, ""
}

// labelLen returns the length of the part of acc before where title key k
// starts in it, or 0 when k's start is not in acc.
func labelLen(acc, k string) int {
	for n := len(k); n > 0; n-- {
		if strings.HasSuffix(acc, k[:n]) {
			return len(acc) - n
		}
	}
	return len(acc)
}
