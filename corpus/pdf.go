package corpus

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// PDF files are read with Poppler's command-line tools, from the Debian
// package poppler-utils: pdfinfo for the title, pdftohtml -xml for the
// outline (bookmarks), pdftotext for the text. pdftotext runs in -raw
// mode, which keeps the text in the order the PDF draws it: typesetters
// (TeX, groff, word processors) draw a column to its end before the next.
// -layout keeps the physical layout, so two columns side by side come out
// interleaved on each line; the default mode guesses the reading order
// from positions, and on the two-column fixture testdata/pdf/twocol.pdf
// (groff -ms) it puts paragraphs of the second column between those of
// the first (TestPDFTwoColumns). Pages that are a table of contents are
// read in -layout mode, where an entry is one line.

// PDFPackage is the Debian package that has the tools PDF reading needs.
const PDFPackage = "poppler-utils"

// pdfTools are the tools PDF reading runs.
var pdfTools = []string{"pdftotext", "pdfinfo", "pdftohtml"}

// pdfTimeout bounds one run of a tool on one document.
const pdfTimeout = 5 * time.Minute

// MissingToolError says that a program that reading some input needs is
// not installed, and which Debian package has it.
type MissingToolError struct {
	Tool    string // the program
	Package string // the Debian package that has it
}

func (e *MissingToolError) Error() string {
	return fmt.Sprintf("%s not found: reading PDF files needs the Debian package %s (apt-get install %s)", e.Tool, e.Package, e.Package)
}

// missingPDFTool returns an error for the first PDF tool not on PATH, or nil.
func missingPDFTool() error {
	for _, t := range pdfTools {
		if _, err := exec.LookPath(t); err != nil {
			return &MissingToolError{Tool: t, Package: PDFPackage}
		}
	}
	return nil
}

// CheckTools returns a [*MissingToolError] when inputs, files or
// directories as [Read] takes them, hold a PDF file (.pdf or .pdf.gz) and a
// tool that reads PDF is not installed; else nil. [Read] calls it first, so
// that it fails before it passes on any passage; a caller may call it
// earlier still. It walks the directories only when a tool is missing.
func CheckTools(inputs []string) error {
	missing := missingPDFTool()
	if missing == nil {
		return nil
	}
	isPDF := func(name string) bool {
		t := fileType(name)
		return t == "pdf" || t == "gz" && fileType(strings.TrimSuffix(name, filepath.Ext(name))) == "pdf"
	}
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			if isPDF(in) {
				return missing
			}
			continue
		}
		found := errors.New("found")
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != in && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && isPDF(d.Name()) {
				return found
			}
			return nil
		})
		if err == found {
			return missing
		}
	}
	return nil
}

// runTool runs a PDF tool and returns its standard output, at most
// [MaxTextFileSize] bytes.
func runTool(ctx context.Context, name string, args ...string) ([]byte, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, &MissingToolError{Tool: name, Package: PDFPackage}
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	var out limitBuffer
	out.max = MaxTextFileSize
	var stderr limitBuffer
	stderr.max = 4096
	cmd.Stdout = &out
	cmd.Stderr = &stderr
	cmd.Dir = os.TempDir()
	err = cmd.Run()
	if out.over {
		return nil, fmt.Errorf("%s: output larger than %d MiB", name, MaxTextFileSize>>20)
	}
	if err != nil {
		if ctx.Err() != nil {
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, fmt.Errorf("%s: took longer than %s", name, pdfTimeout)
			}
			return nil, ctx.Err()
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg != "" {
			return nil, fmt.Errorf("%s: %w: %s", name, err, msg)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out.Bytes(), nil
}

// limitBuffer keeps the first max bytes written to it.
type limitBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		p = p[:max(b.max-b.Len(), 0)]
	}
	b.Buffer.Write(p)
	return len(p), nil
}

// pdf reads the PDF document at path, or, when content is not nil, the
// PDF document content (from a .gz file), into passages.
func (r *reader) pdf(path, key, fallback string, content []byte) ([]Passage, error) {
	file := path
	if content != nil {
		f, err := os.CreateTemp("", "kensaku-*.pdf")
		if err != nil {
			return nil, err
		}
		defer os.Remove(f.Name())
		_, err = f.Write(content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		file = f.Name()
	}
	return readPDF(r.ctx, file, key, path, fallback)
}

// ReadPDF reads the PDF file at path into passages with Poppler's tools.
// Ids are made of the file name without directory and extension, the page
// and a counter, as in [ParseText]. The document title is the PDF's Title
// metadata, else its first heading, else the file name; PDFPage is the
// page of the PDF, Page the printed page number where the running header
// or footer shows one. It returns a [*MissingToolError] when a tool is
// not installed.
func ReadPDF(ctx context.Context, path string) ([]Passage, error) {
	base := filepath.Base(path)
	return readPDF(ctx, path, keyOf(base), path, strings.TrimSuffix(base, filepath.Ext(base)))
}

func readPDF(ctx context.Context, file, key, source, fallback string) ([]Passage, error) {
	if err := missingPDFTool(); err != nil {
		return nil, err
	}
	// the tools run in the temporary directory; a name starting with "-"
	// must not be taken for an option
	file, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	info, err := runTool(ctx, "pdfinfo", "-enc", "UTF-8", file)
	if err != nil {
		return nil, err
	}
	xmlOut, err := runTool(ctx, "pdftohtml", "-xml", "-i", "-q", "-stdout", "-enc", "UTF-8", "-f", "1", "-l", "1", file)
	if err != nil {
		var missing *MissingToolError
		if errors.As(err, &missing) || ctx.Err() != nil {
			return nil, err
		}
		xmlOut = nil // no outline: sections come from headings
	}
	text, err := runTool(ctx, "pdftotext", "-raw", "-enc", "UTF-8", "-eol", "unix", file, "-")
	if err != nil {
		return nil, err
	}
	if line, n := longLine(string(text), MaxTextLineSize); line > 0 {
		return nil, fmt.Errorf("pdftotext: line %d is longer than %d MiB (%s at least): no text with paragraphs", line, MaxTextLineSize>>20, byteSize(int64(n)))
	}
	var layout []string
	if bytes.Contains(text, []byte(". . .")) || bytes.Contains(text, []byte("....")) || bytes.Contains(text, []byte("…")) || bytes.Contains(text, []byte("・・・")) {
		// there may be a table of contents: read its pages in layout mode
		lt, err := runTool(ctx, "pdftotext", "-layout", "-enc", "UTF-8", "-eol", "unix", file, "-")
		if err != nil {
			return nil, err
		}
		layout = splitFF(string(lt))
	}
	doc := pdfDoc{
		title:   pdfTitle(info),
		outline: parseOutline(xmlOut),
		layout:  layout,
	}
	return doc.passages(key, source, fallback, string(text)), nil
}

// pdfDoc is what the tools say about a PDF document besides its text.
type pdfDoc struct {
	title   string        // from the Title metadata; "" if none
	outline []outlineItem // bookmarks, in order
	layout  []string      // pages in pdftotext -layout mode, or nil
}

// outlineItem is one entry of a PDF outline.
type outlineItem struct {
	page  int // 1-based page it points to
	level int // 1 for the outermost
	title string
}

var reFileTitle = regexp.MustCompile(`(?i)\.(docx?|rtf|odt|pdf|p?ps|indd|tex|dvi|xlsx?|pptx?|jtd|txt|html?)$|^(untitled|無題)`)

// pdfTitle returns the Title field of pdfinfo's output, "" if there is
// none or it is a file name (Microsoft Word - x.docx).
func pdfTitle(info []byte) string {
	for _, l := range strings.Split(string(info), "\n") {
		if t, ok := strings.CutPrefix(l, "Title:"); ok {
			t = collapseSpace(strings.ToValidUTF8(t, ""))
			if t == "" || reFileTitle.MatchString(t) {
				return ""
			}
			return t
		}
	}
	return ""
}

// parseOutline reads the <outline> of pdftohtml -xml output: nested
// <outline> elements of <item page="N">title</item>.
func parseOutline(b []byte) []outlineItem {
	i := bytes.Index(b, []byte("<outline"))
	if i < 0 {
		return nil
	}
	d := xml.NewDecoder(bytes.NewReader(b[i:]))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var (
		out   []outlineItem
		depth int
		item  *outlineItem
		text  strings.Builder
	)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "outline":
				depth++
			case "item":
				item = &outlineItem{level: depth}
				text.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "page" {
						item.page, _ = strconv.Atoi(a.Value)
					}
				}
			}
		case xml.CharData:
			if item != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "outline":
				depth--
			case "item":
				if item != nil {
					item.title = collapseSpace(text.String())
					if item.title != "" && item.page > 0 && item.level > 0 {
						out = append(out, *item)
					}
					item = nil
				}
			}
		}
		if depth <= 0 && item == nil && len(out) > 0 {
			break
		}
	}
	return out
}

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
				raw[i] = l
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
	firstOutline := 0
	if len(d.outline) > 0 {
		firstOutline = d.outline[0].page
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
