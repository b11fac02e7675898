package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ParseHTML reads an HTML document into passages: one per paragraph, list
// item, table cell, block quote, preformatted block and other block of
// text, one per heading (h1–h6, which make the section path) and one per
// figure or table caption (kind caption). The document title is the
// <title>, else the first h1, else name without directory and extension.
// <ruby> is read without its reading (<rt>, <rp>); script, style,
// noscript, template, nav, footer, aside and header are left out (but for
// the headings in a header), and so are the elements whose id, class or
// ARIA role names such a part (navigation, breadcrumb, navheader, footer,
// contentinfo, banner; see pageRoles). The entries of a table of contents (an
// element with id or class toc) are passages of kind toc. Text is decoded as the document declares
// (<meta charset>, <meta http-equiv="Content-Type">, a byte-order mark),
// else as [Read] detects it: UTF-8, Shift_JIS or EUC-JP. Ids are name#n,
// n counting passages from 1.
func ParseHTML(name string, content []byte) ([]Passage, error) {
	return parseHTML(keyOf(baseName(name)), name, strings.TrimSuffix(baseName(name), extOf(name)), content)
}

// reMetaCharset finds the charset a document declares in its first bytes:
// <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">.
var reMetaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)`)

// decodeHTML decodes an HTML document to UTF-8.
func decodeHTML(b []byte) (string, error) {
	if bytes.HasPrefix(b, bomUTF8) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return decodeText(b)
	}
	head := b[:min(len(b), 4096)]
	if m := reMetaCharset.FindSubmatch(head); m != nil {
		enc, name := charset.Lookup(string(m[1]))
		switch {
		case enc == nil:
			// an unknown name: detect
		case name == "utf-8":
			if utf8.Valid(b) {
				return string(b), nil
			}
			// declared UTF-8 but is not: detect
		default:
			out, err := enc.NewDecoder().Bytes(b)
			if err != nil {
				return "", fmt.Errorf("decode %s: %w", name, err)
			}
			return strings.ToValidUTF8(string(out), "\uFFFD"), nil
		}
	}
	return decodeText(b)
}

// htmlSkip are the elements whose content is not read.
var htmlSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Rt: true, atom.Rp: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Head: true,
}

// htmlBlock are the elements that start and end a passage.
var htmlBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Dd: true, atom.Dt: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Figure: true, atom.Figcaption: true,
	atom.Caption: true, atom.Form: true, atom.Address: true, atom.Hr: true,
	atom.Body: true, atom.Details: true, atom.Summary: true, atom.Fieldset: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Center: true,
}

func headingLevelHTML(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// htmlDoc collects the passages of an HTML document.
type htmlDoc struct {
	key, source string
	out         []Passage
	section     []heading
	buf         strings.Builder
	kind        Kind
	pre         bool // inside <pre>: keep line breaks
	firstH1     string
}

func parseHTML(key, source, fallback string, b []byte) ([]Passage, error) {
	text, err := decodeHTML(b)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	d := &htmlDoc{key: key, source: source, kind: KindBody}
	title := ""
	if t := findElement(root, atom.Title); t != nil {
		title = collapseSpace(textOf(t))
	}
	d.walk(root, false)
	d.flush()
	if title == "" {
		title = d.firstH1
	}
	if title == "" {
		title = fallback
	}
	for i := range d.out {
		d.out[i].Document = title
	}
	withMeta(d.out, htmlMeta(root))
	return d.out, nil
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// textOf returns the text of n's subtree, without ruby readings and
// skipped elements.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Rt || n.DataAtom == atom.Rp || n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// walk reads the subtree of n; inHeader is set inside <header>, where only
// headings are read.
func (d *htmlDoc) walk(n *html.Node, inHeader bool) {
	switch n.Type {
	case html.TextNode:
		if !inHeader {
			d.write(n.Data)
		}
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			d.walk(c, inHeader)
		}
		return
	default:
		return // comments, doctype
	}
	a := n.DataAtom
	if htmlSkip[a] {
		return
	}
	role := pageRole(n)
	if role == atom.Nav || role == atom.Footer {
		return
	}
	if level := headingLevelHTML(a); level > 0 {
		d.flush()
		text := collapseSpace(textOf(n)) // as printed, spaces kept
		if text == "" {
			return
		}
		if level == 1 && d.firstH1 == "" {
			d.firstH1 = text
		}
		for len(d.section) > 0 && d.section[len(d.section)-1].level >= level {
			d.section = d.section[:len(d.section)-1]
		}
		d.section = append(d.section, heading{level, text})
		d.emit(KindHeading, text)
		return
	}
	if a == atom.Header || role == atom.Header {
		inHeader = true
	}
	if a == atom.Br {
		d.write("\n")
		return
	}
	block := htmlBlock[a]
	if block {
		d.flush()
	}
	kind, pre := d.kind, d.pre
	switch {
	case isTOC(n):
		d.kind = KindTOC
	case a == atom.Figcaption || a == atom.Caption:
		d.kind = KindCaption
	case a == atom.Pre:
		d.pre = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		d.walk(c, inHeader)
	}
	if block {
		d.flush()
	}
	d.kind, d.pre = kind, pre
}

// pageRoles are ids, classes and ARIA roles that pages built before
// <nav>, <header> and <footer> use for the same parts (government sites,
// DocBook's navigation bars): atom.Nav and atom.Footer are left out,
// atom.Header is read for its headings only.
var pageRoles = map[string]atom.Atom{
	"navigation": atom.Nav, "nav": atom.Nav, "navi": atom.Nav, "gnav": atom.Nav, "globalnav": atom.Nav,
	"navbar": atom.Nav, "navheader": atom.Nav, "navfooter": atom.Nav, "breadcrumb": atom.Nav,
	"breadcrumbs": atom.Nav, "topicpath": atom.Nav, "pankuzu": atom.Nav, "skip": atom.Nav, "pagetop": atom.Nav,
	"footer": atom.Footer, "contentinfo": atom.Footer,
	"header": atom.Header, "banner": atom.Header,
}

// pageRole returns the part of the page n's id, classes or ARIA role
// say it is, or 0.
func pageRole(n *html.Node) atom.Atom {
	for _, a := range n.Attr {
		var words []string
		switch a.Key {
		case "id", "role":
			words = []string{a.Val}
		case "class":
			words = strings.Fields(a.Val)
		}
		for _, w := range words {
			if r, ok := pageRoles[strings.ToLower(w)]; ok {
				return r
			}
		}
	}
	return 0
}

// isTOC reports whether n is a table of contents: its id is toc, or toc
// is one of its classes (as DocBook and Sphinx write them).
func isTOC(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			if strings.EqualFold(a.Val, "toc") {
				return true
			}
		case "class":
			for _, c := range strings.Fields(a.Val) {
				if strings.EqualFold(c, "toc") || strings.EqualFold(c, "toctree-wrapper") {
					return true
				}
			}
		}
	}
	return false
}

func (d *htmlDoc) write(s string) {
	if d.buf.Len()+len(s) > maxParagraphBytes {
		d.flush()
		for len(s) > maxParagraphBytes {
			cut := maxParagraphBytes
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			d.buf.WriteString(s[:cut])
			d.flush()
			s = s[cut:]
		}
	}
	d.buf.WriteString(s)
}

func (d *htmlDoc) flush() {
	s := d.buf.String()
	d.buf.Reset()
	if d.pre {
		s = strings.Trim(s, "\n")
		if trimSpace(s) == "" {
			return
		}
	} else {
		s = normalizeSpace(s)
	}
	if s == "" {
		return
	}
	d.emit(d.kind, s)
}

func (d *htmlDoc) emit(kind Kind, text string) {
	p := Passage{
		ID:     fmt.Sprintf("%s#%d", d.key, len(d.out)+1),
		Kind:   kind,
		Text:   text,
		Source: d.source,
	}
	for _, h := range d.section {
		p.Section = append(p.Section, h.text)
	}
	if len(d.section) > 0 {
		p.Title = d.section[len(d.section)-1].text
	}
	d.out = append(d.out, p)
}
