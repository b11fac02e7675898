package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/kensaku/kensaku/corpus"
)

// hrefRE finds the pages a table of contents links to.
var hrefRE = regexp.MustCompile(`href="([a-z0-9.\-]+\.html)(?:#[^"]*)?"`)

// docnavRE finds the navigation list at the foot of each page (戻る, 上に戻る,
// ホーム, 次へ with the neighbouring pages' titles), which is not text.
var docnavRE = regexp.MustCompile(`(?s)<ul class="docnav">.*?</ul>`)

// numberedRE reads a numbered heading of the handbook: "14.2.1. nftables
// Behavior", "第6章 メンテナンスと…", "付録A 派生ディストリビューション".
var numberedRE = []*regexp.Regexp{
	regexp.MustCompile(`^((?:\d+|[A-Z])(?:\.\d+)*)\.\s*(.*)$`),
	regexp.MustCompile(`^第(\d+)章\s*(.*)$`),
	regexp.MustCompile(`^付録\s*([A-Z])\.?\s*(.*)$`),
}

// numbered splits a heading into its number and title. A trailing
// permalink mark (Sphinx's ¶) is not part of the title.
func numbered(h string) (num, title string, ok bool) {
	h = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(h), "¶"))
	for _, re := range numberedRE {
		if m := re.FindStringSubmatch(h); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", "", false
}

// convertHTMLDir converts a book of HTML pages: the pages index.html links
// to, in that order, or the one page s.path names when it is a file.
func convertHTMLDir(s source) ([]passage, error) {
	dir := s.path
	var pages []string
	if fi, err := os.Stat(s.path); err == nil && !fi.IsDir() {
		dir, pages = filepath.Dir(s.path), []string{filepath.Base(s.path)}
	} else {
		idx, err := os.ReadFile(filepath.Join(s.path, "index.html"))
		if err != nil {
			return nil, fmt.Errorf("read %s (apt-get install debian-handbook developers-reference-ja debian-policy-ja aptitude-doc-ja): %w", s.path, err)
		}
		seen := map[string]bool{}
		for _, m := range hrefRE.FindAllStringSubmatch(string(idx), -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				pages = append(pages, m[1])
			}
		}
	}
	var out []passage
	used := map[string]bool{}
	for _, page := range pages {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			return nil, fmt.Errorf("read %s (apt-get install debian-edu-doc-ja): %w", page, err)
		}
		ps, err := corpus.ParseHTML(page, docnavRE.ReplaceAll(b, nil))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", page, err)
		}
		if s.pageNumbers {
			out = append(out, convertPage(s, page, ps, used)...)
			continue
		}
		if s.pagePrefix {
			ps2 := s
			ps2.prefix = s.prefix + "-" + strings.TrimSuffix(page, ".html")
			out = append(out, convertHTML(ps2, ps, map[string]bool{})...)
			continue
		}
		out = append(out, convertHTML(s, ps, used)...)
	}
	return out, nil
}

// pageRE reads the name of a DocBook page: pr01s04s02.html (the preface),
// ch02s01s03.html (a chapter's sections), rn01re02.html (a reference entry).
var pageRE = regexp.MustCompile(`^(pr|ch|ap|rn)(\d+)((?:(?:s|re)\d+)*)\.html$`)

// pageNumber gives the section number of a DocBook page from its name:
// ch02s01s03.html is 2.1.3, appendix ap01s02.html A.2, preface
// pr01s04.html P.4, reference entry rn01re02.html R.2; "" for another name.
func pageNumber(page string) string {
	m := pageRE.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[2])
	var num string
	switch m[1] {
	case "ch":
		num = strconv.Itoa(n)
	case "ap":
		num = string(rune('A' + n - 1))
	case "pr":
		num = "P"
	case "rn":
		num = "R"
	}
	for _, part := range regexp.MustCompile(`\d+`).FindAllString(m[3], -1) {
		k, _ := strconv.Atoi(part)
		num += "." + strconv.Itoa(k)
	}
	return num
}

// convertPage converts one page of a DocBook book whose headings carry no
// numbers: its body paragraphs make one section, numbered from the page's
// name and titled with its first heading.
func convertPage(s source, page string, ps []corpus.Passage, used map[string]bool) []passage {
	num := pageNumber(page)
	if num == "" || used[num] {
		return nil
	}
	var title string
	var paras []string
	for _, p := range ps {
		switch {
		case p.Kind == corpus.KindHeading && title == "":
			title = strings.Join(strings.Fields(p.Text), " ")
			if _, t, ok := numbered(title); ok {
				title = t
			}
		case p.Kind == corpus.KindBody && title != "":
			if t, ok := paragraph(s, p.Text); ok {
				paras = append(paras, t)
			}
		}
	}
	if len(paras) > 0 {
		used[num] = true
	}
	return sectionPassages(s, num, title, paras)
}

// paragraph returns the text of a body passage as one line, and whether
// it is kept: a program listing (text of several lines) is not, nor an
// English paragraph when s keeps only Japanese ones.
func paragraph(s source, text string) (string, bool) {
	text = strings.TrimSpace(text)
	if text == "" || strings.Contains(text, "\n") {
		return "", false // a listing: its lines are commands and output
	}
	if s.japanese && !japanese(text) {
		return "", false
	}
	return strings.Join(strings.Fields(text), " "), true
}

// japanese reports whether text is a Japanese paragraph: at least two kana
// or kanji, making at least a tenth of its letters (Japanese text quotes
// commands, names and English terms; an untranslated paragraph has no
// Japanese, or a word or two).
func japanese(text string) bool {
	ja, latin := 0, 0
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			ja++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	return ja >= 2 && ja*10 >= ja+latin
}

// section finds the section a body passage belongs to: its innermost
// heading when numbered, else (when s.nested) the innermost numbered
// heading around it.
func section(s source, path []string) (num, title string, ok bool) {
	for i := len(path) - 1; i >= 0; i-- {
		if num, title, ok = numbered(path[i]); ok || !s.nested {
			return num, title, ok
		}
	}
	return "", "", false
}

// convertHTML groups the body passages of one page by their innermost
// numbered heading and packs them; passages outside a numbered section
// (navigation, unnumbered front matter) and program listings are left out.
// used holds the section numbers already written, so that a section is
// written once.
func convertHTML(s source, ps []corpus.Passage, used map[string]bool) []passage {
	var (
		out   []passage
		num   string
		title string
		paras []string
	)
	flush := func() {
		if num != "" && !used[num] {
			out = append(out, sectionPassages(s, num, title, paras)...)
			if len(paras) > 0 {
				used[num] = true
			}
		}
		paras = nil
	}
	for _, p := range ps {
		if len(p.Section) == 0 {
			continue
		}
		if n, t, ok := section(s, p.Section); ok && n != num {
			flush()
			num, title = n, t
		} else if !ok {
			continue
		}
		if p.Kind != corpus.KindBody {
			continue
		}
		if text, ok := paragraph(s, p.Text); ok {
			paras = append(paras, text)
		}
	}
	flush()
	return out
}
