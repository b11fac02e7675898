package corpus

import (
	"context"
	"os"
	"strings"
	"testing"
)

// debianPDFs are real Japanese PDFs from Debian packages, with their title
// and running header: debian-reference-ja, maint-guide-ja and
// developers-reference-ja (apt-get install them to run the test).
var debianPDFs = []struct {
	path, title, header string
}{
	{"/usr/share/debian-reference/debian-reference.ja.pdf", "Debian リファレンス", "Debian リファレンス"},
	{"/usr/share/doc/maint-guide-ja/maint-guide.ja.pdf", "Debian 新メンテナーガイド", "Debian 新メンテナーガイド"},
	{"/usr/share/developers-reference/ja/developers-reference.pdf", "Debian Developer's Reference", "Debian Developer’s Reference, リリース"},
}

// TestPDFDebianManuals measures PDF reading on the Debian manuals that are
// installed: every passage has its PDF page, the document title is the
// manual's, no passage starts with the running header, and at least 80%
// of the passages have a section. It logs the figures (go test -v -run
// TestPDFDebianManuals ./corpus).
func TestPDFDebianManuals(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow: reads up to 272-page PDFs")
	}
	needPoppler(t)
	for _, m := range debianPDFs {
		if _, err := os.Stat(m.path); err != nil {
			t.Logf("%s: not installed", m.path)
			continue
		}
		ps, err := ReadPDF(context.Background(), m.path)
		if err != nil {
			t.Errorf("%s: %v", m.path, err)
			continue
		}
		var noPage, printed, section, header, mention, toc, heading int
		offsets := map[int]int{}
		for _, p := range ps {
			if p.PDFPage == 0 {
				noPage++
			}
			if p.Page > 0 {
				printed++
				offsets[p.Page-p.PDFPage]++
			}
			if len(p.Section) > 0 {
				section++
			}
			if strings.HasPrefix(p.Text, m.header) && p.Kind != KindHeading {
				header++
				t.Logf("%s: %s starts with the running header: %.80s", m.path, p.ID, p.Text)
			}
			if strings.Contains(strings.ReplaceAll(p.Text, " ", ""), strings.ReplaceAll(m.header, " ", "")) {
				mention++
			}
			switch p.Kind {
			case KindTOC:
				toc++
			case KindHeading:
				heading++
			}
			if p.Document != m.title {
				t.Errorf("%s: %s: document %q, want %q", m.path, p.ID, p.Document, m.title)
				break
			}
		}
		n := len(ps)
		share := float64(section) / float64(max(n, 1))
		t.Logf("%s: %d passages (%d headings, %d toc); without PDF page %d; with printed page %.1f%% (page offsets %v); with section %.1f%%; starting with the running header %d; containing its words %d",
			m.path, n, heading, toc, noPage, 100*float64(printed)/float64(max(n, 1)), offsets, 100*share, header, mention)
		if noPage > 0 || header > 0 || share < 0.8 || n == 0 {
			t.Errorf("%s: %d without a page, %d with the running header, %.1f%% with a section (want ≥ 80%%)", m.path, noPage, header, 100*share)
		}
	}
}
