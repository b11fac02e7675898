package corpus

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Pages of pdftotext output: running headers and footers, page numbers,
// tables of contents read in layout mode, URLs broken at a line end.

var (
	// a page number alone or at either end of a furniture line
	reEdgeNumStart = regexp.MustCompile(`^(\d{1,4})(?:\s|$)`)
	reEdgeNumEnd   = regexp.MustCompile(`(?:^|\s)(\d{1,4})$`)
	reDigits       = regexp.MustCompile(`\d+`)
	reRomanToken   = regexp.MustCompile(`(?i)(?:^|\s)[ivxlcdm]{1,7}(?:\s|$)`)
	reRomanAlone   = regexp.MustCompile(`(?i)^[ivxlcdm]{1,7}$`)

	// a table-of-contents line: a title, dot leaders, a page number
	reTOC = regexp.MustCompile(`^(.*?\S)[ \t\x{3000}]*(?:[.．・…‥·][ \t\x{3000}]*){4,}([0-9０-９]{1,4}|[ivxlcdmIVXLCDM]{1,7})$`)
	// a table-of-contents line in layout mode without leaders: a title,
	// a gap of three spaces or more, a page number
	reTOCGap = regexp.MustCompile(`^(.*?\S)[ \t\x{3000}]{3,}([0-9０-９]{1,4}|[ivxlcdmIVXLCDM]{1,7})$`)
	// a section label on a line of its own before a heading or TOC line:
	// 1.2, Chapter 3, 第2章, 付録 A
	reLabel = regexp.MustCompile(`^(?:(?i:chapter|part|appendix|section)[ \t]*|付録[ \t\x{3000}]*|第[ \t\x{3000}]*)?(?:[0-9０-９]{1,3}|[A-Za-z]|[IVXivxⅠ-Ⅻ]{1,4})(?:\.[0-9０-９]{1,3})*\.?[ \t\x{3000}]*[章節部項]?$`)
	// a URL at the end of a line, and what may continue it on the next
	reURLEnd  = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9/%._~?#=&+:;@!$,*'()\-]*$`)
	reURLCont = regexp.MustCompile(`^[A-Za-z0-9/%._~?#=&+:;@!$,*'\-]+`)
)

// edgeKey is a furniture candidate line with its numbers blanked out, and
// where on the page it is: t0 the first non-blank line, b0 the last.
func edgeKey(pos, t string) string {
	t = collapseSpace(t)
	t = reDigits.ReplaceAllString(t, "#")
	t = reRomanToken.ReplaceAllStringFunc(t, func(s string) string {
		return strings.Replace(s, strings.TrimSpace(s), "#", 1)
	})
	// raw and layout mode space the same line differently: - 1 - and -1-
	t = strings.ReplaceAll(t, " ", "")
	return pos + "\x00" + t
}

// pdfPages splits pdftotext output into pages and takes the running
// headers and footers out: lines among the first and last [edgeLines] of a
// page that recur, numbers aside, at the same place on at least three
// pages (or on every page of a two-page document). A number at either end
// of such a line is the printed page number. A recurring line with a
// number (13 / 244) is also looked for elsewhere on the pages it was not
// found at an edge of, since pdftotext may read it before a table. A
// document of one or two pages gets the furniture rules of [ParseText].
// layout, if not nil, is the same document in pdftotext -layout mode; its
// pages are used for pages that are tables of contents.
func pdfPages(text string, layout []string, outline []outlineItem, dropped *[]string) (pages []*page, toc map[int]bool) {
	raw := splitFF(text)
	toc = map[int]bool{}
	if len(layout) == len(raw) {
		for i, l := range layout {
			if tocPage(l) {
				toc[i+1] = true
			}
		}
	}
	pages = make([]*page, len(raw))
	edges := make([]map[string]int, len(raw)) // key → line index
	count := map[string]int{}
	for i, r := range raw {
		p := &page{index: i + 1}
		for _, l := range strings.Split(r, "\n") {
			t := trimSpace(l)
			p.lines = append(p.lines, pline{text: t, blank: t == "", indent: t != "" && isSpace(firstRune(l)), width: runeLen(t)})
		}
		pages[i] = p
		edges[i] = map[string]int{}
		n := 0
		for j := 0; j < len(p.lines) && n < edgeLines; j++ {
			if !p.lines[j].blank {
				edges[i][edgeKey("t", p.lines[j].text)] = j
				n++
			}
		}
		n = 0
		for j := len(p.lines) - 1; j >= 0 && n < edgeLines; j-- {
			if !p.lines[j].blank {
				edges[i][edgeKey("b", p.lines[j].text)] = j
				n++
			}
		}
		for k := range edges[i] {
			count[k]++
		}
	}
	// a running header that names the chapter (第 3 章 Debian 開発者の
	// 責務) recurs on as few pages as the chapter has
	var titles []string
	for _, it := range outline {
		if k := normKey(it.title); it.level <= 2 && k != "" {
			titles = append(titles, k)
		}
	}
	titled := func(k string) bool {
		t := normKey(k[strings.IndexByte(k, 0)+1:])
		for _, title := range titles {
			if strings.HasSuffix(t, title) {
				return true
			}
		}
		return false
	}
	recurs := func(k string) bool {
		c := count[k]
		return c >= 3 || c >= 2 && (c == len(pages) || titled(k))
	}
	// numbered furniture, wherever it is on the page
	numbered := map[string]bool{}
	for k := range count {
		if recurs(k) && strings.Contains(k, "#") {
			numbered[k[strings.IndexByte(k, 0)+1:]] = true
		}
	}
	// The page number is the number that changes from page to page in a
	// recurring line: 3 in "Debian リファレンス 3 / 244".
	slots := map[string][]map[string]bool{} // bare key → numbers seen at each place
	for i, p := range pages {
		for k, j := range edges[i] {
			bare := k[strings.IndexByte(k, 0)+1:]
			nums := reDigits.FindAllString(p.lines[j].text, -1)
			for len(slots[bare]) < len(nums) {
				slots[bare] = append(slots[bare], map[string]bool{})
			}
			for n, v := range nums {
				slots[bare][n][v] = true
			}
		}
	}
	take := func(p *page, j int) {
		l := p.lines[j]
		if p.number == 0 {
			best, most := -1, 1
			for n, seen := range slots[edgeKey("", l.text)[1:]] {
				if len(seen) > most {
					best, most = n, len(seen)
				}
			}
			nums := reDigits.FindAllString(l.text, -1)
			if best >= 0 && best < len(nums) && len(nums[best]) <= 4 {
				p.number, _ = strconv.Atoi(nums[best])
			} else if m := reEdgeNumStart.FindStringSubmatch(l.text); m != nil {
				p.number, _ = strconv.Atoi(m[1])
			} else if m := reEdgeNumEnd.FindStringSubmatch(l.text); m != nil {
				p.number, _ = strconv.Atoi(m[1])
			} else if m := reLoneNum.FindStringSubmatch(l.text); m != nil {
				p.number, _ = strconv.Atoi(m[1])
			}
		}
		*dropped = append(*dropped, l.text)
		p.lines[j] = pline{blank: true}
	}
	for i, p := range pages {
		// the line that recurs on most pages gives the page number first:
		// "Debian リファレンス 3 / 244" on every page before "Chapter 9" on
		// the first page of each chapter
		type cand struct {
			key  string
			line int
		}
		var cands []cand
		for k, j := range edges[i] {
			if recurs(k) {
				cands = append(cands, cand{k, j})
			}
		}
		sort.Slice(cands, func(a, b int) bool {
			if count[cands[a].key] != count[cands[b].key] {
				return count[cands[a].key] > count[cands[b].key]
			}
			return cands[a].line < cands[b].line
		})
		found := false
		for _, c := range cands {
			if p.lines[c.line].blank {
				continue // taken already under another key
			}
			found = found || strings.Contains(c.key, "#")
			take(p, c.line)
		}
		if !found && len(numbered) > 0 {
			for j, l := range p.lines {
				if !l.blank && runeLen(l.text) <= maxHeadingRunes && numbered[edgeKey("", l.text)[1:]] {
					take(p, j)
					break
				}
			}
		}
	}
	numberByOffset(pages, dropped)
	for _, p := range pages {
		if toc[p.index] {
			// the table of contents in layout mode, less the furniture
			// found in the raw text of the page (spaced differently)
			p.lines = layoutLines(layout[p.index-1], raw[p.index-1], p.lines)
		}
		if len(pages) < 3 {
			// too few pages to see repetition: the rules of ParseText
			p.takeFurniture(dropped)
		}
		p.lines = joinURLs(p.lines)
		p.median = medianWidth(p.lines)
		for _, l := range p.lines {
			if !l.blank {
				p.count++
			}
		}
	}
	return pages, toc
}

// numberByOffset finds the page number of pages that have none yet, when
// most numbered pages have theirs at the same offset from the PDF page: a
// number at either end of a short line at the top or bottom of the page
// that is the PDF page plus that offset is the page number, and the line
// (a running header that names the section, say, which recurs too little
// to be seen) is furniture.
func numberByOffset(pages []*page, dropped *[]string) {
	offsets := map[int]int{}
	numbered := 0
	for _, p := range pages {
		if p.number > 0 {
			offsets[p.number-p.index]++
			numbered++
		}
	}
	best, most := 0, 0
	for o, n := range offsets {
		if n > most || n == most && o < best {
			best, most = o, n
		}
	}
	if most < 3 || most*2 < numbered {
		return
	}
	for _, p := range pages {
		want := p.index + best
		if p.number > 0 || want <= 0 {
			continue
		}
		var edge []int
		for j := 0; j < len(p.lines) && len(edge) < edgeLines; j++ {
			if !p.lines[j].blank {
				edge = append(edge, j)
			}
		}
		for j, n := len(p.lines)-1, 0; j >= 0 && n < edgeLines; j-- {
			if !p.lines[j].blank {
				edge = append(edge, j)
				n++
			}
		}
		for _, j := range edge {
			t := p.lines[j].text
			if p.lines[j].blank || runeLen(t) > maxHeadingRunes || endsSentence(t) {
				continue
			}
			for _, re := range []*regexp.Regexp{reEdgeNumEnd, reEdgeNumStart, reLoneNum} {
				if m := re.FindStringSubmatch(t); m != nil && m[1] == strconv.Itoa(want) {
					p.number = want
					*dropped = append(*dropped, t)
					p.lines[j] = pline{blank: true}
					break
				}
			}
			if p.number > 0 {
				break
			}
		}
	}
}

// layoutLines returns the lines of a page in layout mode without those
// that were taken out of its lines in raw mode (rawText, kept) as furniture.
func layoutLines(layoutText, rawText string, kept []pline) []pline {
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	furniture := map[string]bool{}
	rawLines := strings.Split(rawText, "\n")
	for j, l := range rawLines {
		if j < len(kept) && kept[j].blank && trimSpace(l) != "" {
			furniture[squeeze(l)] = true
		}
	}
	var out []pline
	for _, l := range strings.Split(layoutText, "\n") {
		t := trimSpace(l)
		if t != "" && furniture[squeeze(t)] {
			out = append(out, pline{blank: true})
			continue
		}
		out = append(out, pline{text: t, blank: t == "", indent: t != "" && isSpace(firstRune(l)), width: runeLen(t)})
	}
	return out
}

// splitFF splits pdftotext output into pages at form feeds.
func splitFF(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(text, "\f")
	if len(raw) > 1 && trimSpace(raw[len(raw)-1]) == "" {
		raw = raw[:len(raw)-1]
	}
	return raw
}

// tocPage reports whether a page of pdftotext -layout output is a table of
// contents: at least three lines with dot leaders and a page number, and
// they are most of its lines. Such a page reads better in layout mode,
// where each entry is one line (in reading-order mode the page numbers
// form a column of their own).
func tocPage(text string) bool {
	toc, lines := 0, 0
	for _, l := range strings.Split(text, "\n") {
		t := trimSpace(l)
		if t == "" {
			continue
		}
		lines++
		if reTOC.MatchString(t) {
			toc++
		}
	}
	return toc >= 3 && toc*2 >= lines
}

// joinURLs joins a URL broken at the end of a line to its rest at the
// start of the next line, before the lines are joined as running text
// (which would put a space in it or drop a hyphen).
func joinURLs(lines []pline) []pline {
	for i := 0; i+1 < len(lines); i++ {
		if lines[i].blank || lines[i+1].blank {
			continue
		}
		url := reURLEnd.FindString(lines[i].text)
		if url == "" {
			continue
		}
		next := lines[i+1].text
		cont := reURLCont.FindString(next)
		if cont == "" {
			continue
		}
		// the URL must look cut: it ends with a separator, or what follows
		// is a path, a query or a host part rather than a word
		if !strings.ContainsAny(url[len(url)-1:], "/-._?=&#%~+:") && !strings.ContainsAny(cont, "/?=&#%_") {
			continue
		}
		lines[i].text += cont
		lines[i].width = runeLen(lines[i].text)
		rest := trimSpace(next[len(cont):])
		if rest == "" {
			lines = append(lines[:i+1], lines[i+2:]...)
			i-- // the joined URL may go on on the next line too
			continue
		}
		lines[i+1].text = rest
		lines[i+1].width = runeLen(rest)
	}
	return lines
}
