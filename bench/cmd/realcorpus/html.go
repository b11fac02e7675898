package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

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

// numbered splits a heading into its number and title.
func numbered(h string) (num, title string, ok bool) {
	h = strings.TrimSpace(h)
	for _, re := range numberedRE {
		if m := re.FindStringSubmatch(h); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", "", false
}

// convertHTMLDir converts a book of HTML pages: the pages index.html links
// to, in that order.
func convertHTMLDir(s source) ([]passage, error) {
	idx, err := os.ReadFile(filepath.Join(s.path, "index.html"))
	if err != nil {
		return nil, fmt.Errorf("read %s (apt-get install debian-handbook): %w", s.path, err)
	}
	var pages []string
	seen := map[string]bool{}
	for _, m := range hrefRE.FindAllStringSubmatch(string(idx), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			pages = append(pages, m[1])
		}
	}
	var out []passage
	used := map[string]bool{}
	for _, page := range pages {
		b, err := os.ReadFile(filepath.Join(s.path, page))
		if err != nil {
			return nil, err
		}
		ps, err := corpus.ParseHTML(page, docnavRE.ReplaceAll(b, nil))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", page, err)
		}
		out = append(out, convertHTML(s, ps, used)...)
	}
	return out, nil
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
		if n, t, ok := numbered(p.Section[len(p.Section)-1]); ok && n != num {
			flush()
			num, title = n, t
		} else if !ok {
			continue
		}
		if p.Kind != corpus.KindBody {
			continue
		}
		text := strings.TrimSpace(p.Text)
		if text == "" || strings.Contains(text, "\n") {
			continue // a listing: its lines are commands and output
		}
		paras = append(paras, strings.Join(strings.Fields(text), " "))
	}
	flush()
	return out
}
