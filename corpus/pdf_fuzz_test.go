package corpus

import (
	"strings"
	"testing"
)

// FuzzPDFText fuzzes what is made of the tools' output: the outline of
// pdftohtml -xml and the pages of pdftotext, in both modes.
func FuzzPDFText(f *testing.F) {
	f.Add([]byte(`<outline><item page="1">総論</item><outline><item page="2">目的</item></outline></outline>`),
		"令和2年版 防衛白書\n第1章 総論\n本文である。\n1 / 3\n\f令和2年版 防衛白書\n目的\nhttps://example.jp/a/\nb.html\n2 / 3\n\f令和2年版 防衛白書\n目次 . . . . . 3\n3 / 3\n\f",
		"目次 . . . . . 3\n\f")
	f.Add([]byte(`<outline><item page="x">`), "- 1 -\n\f\f\fxiv\n", "")
	f.Fuzz(func(t *testing.T, xml []byte, text, layout string) {
		d := pdfDoc{outline: parseOutline(xml), layout: splitFF(layout)}
		pages := len(splitFF(text))
		seen := map[string]bool{}
		for _, p := range d.passages("k", "k.pdf", "k", text) {
			if p.PDFPage < 1 || p.PDFPage > pages {
				t.Fatalf("%s: PDF page %d of %d", p.ID, p.PDFPage, pages)
			}
			if seen[p.ID] || !strings.HasPrefix(p.ID, "k#") {
				t.Fatalf("id %q repeated or malformed", p.ID)
			}
			seen[p.ID] = true
			if strings.TrimSpace(p.Text) == "" || p.Document == "" {
				t.Fatalf("%s: empty text or document: %+v", p.ID, p)
			}
		}
	})
}
