package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// needPoppler skips a test when the Poppler tools are not installed (CI
// installs them: see .ci/run).
func needPoppler(t *testing.T) {
	t.Helper()
	if err := missingPDFTool(); err != nil {
		t.Skip(err)
	}
}

const twocolPDF = "testdata/pdf/twocol.pdf"

// TestPDFTwoColumns reads a two-column PDF typeset by groff: columns are
// read one after the other, the running header is gone, every passage
// has its PDF page and printed page, sections come from the outline.
func TestPDFTwoColumns(t *testing.T) {
	needPoppler(t)
	ps, err := ReadPDF(context.Background(), twocolPDF)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	tocs := 0
	for _, p := range ps {
		if p.Document != "Kensaku Fixture Report" {
			t.Errorf("%s: document %q, want the Title metadata", p.ID, p.Document)
		}
		if p.PDFPage < 1 || p.PDFPage > 4 {
			t.Errorf("%s: pdf page %d", p.ID, p.PDFPage)
		}
		// the footer says - N -; ms numbers the table of contents, on the
		// last page, from 1 again
		if want := map[int]int{1: 1, 2: 2, 3: 3, 4: 1}[p.PDFPage]; p.Page != want {
			t.Errorf("%s: printed page %d on PDF page %d, want %d", p.ID, p.Page, p.PDFPage, want)
		}
		if p.PDFPage > 1 && strings.Contains(p.Text, "Kensaku Fixture Report") {
			t.Errorf("%s: running header left in %q", p.ID, p.Text)
		}
		if len(p.Section) == 0 && p.PDFPage > 1 {
			t.Errorf("%s: no section", p.ID)
		}
		if p.Kind == KindTOC {
			tocs++
		}
		if m := regexp.MustCompile(`S(\d)P(\d)K\d`).FindStringSubmatch(p.Text); m != nil && p.Kind == KindBody {
			want := []string{"Section " + m[1] + " Topic", "Part " + m[1] + "." + m[2] + " detail"}
			if strings.Join(p.Section, "|") != strings.Join(want, "|") {
				t.Errorf("%s: section %q, want %q", p.ID, p.Section, want)
			}
		}
		all.WriteString(p.Text + "\n")
	}
	markers := regexp.MustCompile(`S\dP\dK\d`).FindAllString(all.String(), -1)
	var want []string
	for s := '1'; s <= '4'; s++ {
		for sub := '1'; sub <= '2'; sub++ {
			for k := '0'; k <= '2'; k++ {
				want = append(want, "S"+string(s)+"P"+string(sub)+"K"+string(k))
			}
		}
	}
	if strings.Join(markers, " ") != strings.Join(want, " ") {
		t.Errorf("paragraphs out of reading order:\n got %v\nwant %v", markers, want)
	}
	if tocs != 4 {
		t.Errorf("%d toc passages, want 4 (the table of contents)", tocs)
	}
	if !strings.Contains(all.String(), "https://www.debian.org/doc/manuals/debian-reference/ch01.en.html") {
		t.Errorf("the URL wrapped at a line end is not joined")
	}
}

// TestPDFGzipAndDirectory reads the fixture through Read, plain and in .gz.
func TestPDFGzipAndDirectory(t *testing.T) {
	needPoppler(t)
	b, err := os.ReadFile(twocolPDF)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, map[string][]byte{"a/report.pdf": b, "b/report.pdf.gz": gzipBytes(b), "c/broken.pdf": []byte("%PDF-1.7")})
	sum, ps := readAll(t, dir)
	n := map[string]int{}
	for _, p := range ps {
		n[filepath.Base(filepath.Dir(p.Source))]++
		if !strings.HasPrefix(p.ID, "a/report#") && !strings.HasPrefix(p.ID, "b/report#") {
			t.Errorf("id %q", p.ID)
		}
	}
	if n["a"] == 0 || n["a"] != n["b"] {
		t.Errorf("passages by folder %v, want the same from .pdf and .pdf.gz", n)
	}
	if len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0].Error(), "broken.pdf: pdfinfo: exit status 1") {
		t.Errorf("problems %v, want one for broken.pdf", problems(sum))
	}
}

// TestPDFMissingTool checks that a missing tool stops Read before any
// passage, with an error naming the package.
func TestPDFMissingTool(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string][]byte{"a.txt": []byte(sampleJA), "sub/b.pdf": []byte("%PDF-1.7")})
	t.Setenv("PATH", t.TempDir())
	n := 0
	_, err := Read(context.Background(), []string{dir}, func(Passage) error { n++; return nil })
	var missing *MissingToolError
	if !errors.As(err, &missing) || !strings.Contains(err.Error(), "poppler-utils") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line naming poppler-utils", err)
	}
	if n != 0 {
		t.Errorf("%d passages passed on before the error", n)
	}
	// without a PDF, nothing is needed
	if err := CheckTools([]string{filepath.Join(dir, "a.txt")}); err != nil {
		t.Errorf("CheckTools without a PDF: %v", err)
	}
}

func TestPDFHelpers(t *testing.T) {
	tests := []struct {
		name, in string
		toc      bool
	}{
		{"leaders", "1.1 コンソールの基礎 . . . . . . . . . . 12", true},
		{"full-width leaders", "第1章 総論・・・・・・・・・3", true},
		{"ellipsis", "はじめに…………ii", true},
		{"sentence", "これは 1 . 2 . 3 . 4 の例です。", false},
		{"no page", "見出し . . . . . .", false},
	}
	for _, tt := range tests {
		if got := reTOC.MatchString(tt.in); got != tt.toc {
			t.Errorf("%s: toc(%q) = %v, want %v", tt.name, tt.in, got, tt.toc)
		}
	}
	if got := pdfTitle([]byte("Title:          Microsoft Word - 白書.docx\nPages: 3\n")); got != "" {
		t.Errorf("file-name title kept: %q", got)
	}
	if got := pdfTitle([]byte("Title:          令和2年版  防衛白書\n")); got != "令和2年版 防衛白書" {
		t.Errorf("title = %q", got)
	}
	out := parseOutline([]byte(`<pdf2xml><page/><outline><item page="3">第1章 総論</item><outline><item page="4">第1節 概要 &amp; 目的</item></outline><item page="9">第2章</item></outline></pdf2xml>`))
	want := []outlineItem{{3, 1, "第1章 総論"}, {4, 2, "第1節 概要 & 目的"}, {9, 1, "第2章"}}
	if len(out) != len(want) {
		t.Fatalf("outline %v, want %v", out, want)
	}
	for i := range want {
		if out[i] != want[i] {
			t.Errorf("outline[%d] = %v, want %v", i, out[i], want[i])
		}
	}
	lines := joinURLs([]pline{{text: "詳しくは https://www.example.go.jp/policy/"}, {text: "hakusho/2020.html を参照。"}})
	if len(lines) != 2 || lines[0].text != "詳しくは https://www.example.go.jp/policy/hakusho/2020.html" || lines[1].text != "を参照。" {
		t.Errorf("joinURLs: %+v", lines)
	}
}

// TestPDFRepetition checks running headers and footers found by repetition
// across pages, with the printed page number, in pdftotext output.
func TestPDFRepetition(t *testing.T) {
	page := func(n, body string) string {
		return "令和2年版 防衛白書\n\n" + body + "\n\n" + n + " / 4\n\f"
	}
	text := page("1", "第1章 総論\n\n本文の一段落目である。") +
		page("2", "本文の二段落目である。\n1") +
		page("3", "本文の三段落目である。") +
		page("4", "目次の行 . . . . . . . . 3\n本文の四段落目である。")
	d := pdfDoc{outline: []outlineItem{{page: 1, level: 1, title: "総論"}}}
	ps := d.passages("k", "k.pdf", "k", text)
	var got []string
	for _, p := range ps {
		got = append(got, string(p.Kind)+":"+p.Text)
		if p.Page != p.PDFPage || p.Page == 0 {
			t.Errorf("%s: printed page %d on PDF page %d", p.ID, p.Page, p.PDFPage)
		}
		if strings.Contains(p.Text, "防衛白書") {
			t.Errorf("%s: running header in %q", p.ID, p.Text)
		}
		if strings.Join(p.Section, "|") != "総論" {
			t.Errorf("%s: section %q", p.ID, p.Section)
		}
		if p.Document != "第1章 総論" {
			t.Errorf("%s: document %q, want the first heading", p.ID, p.Document)
		}
	}
	// the lone 1 at the foot of page 2 is text, not a page number: the
	// numbers are in the recurring "N / 4"
	want := []string{"heading:第1章 総論", "body:本文の一段落目である。", "body:本文の二段落目である。1本文の三段落目である。", "toc:目次の行 … 3", "body:本文の四段落目である。"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPDFHeadingsWithoutOutline checks sections from numbered headings in
// a PDF without an outline, and the front matter.
func TestPDFHeadingsWithoutOutline(t *testing.T) {
	text := "はじめに\n\nこの文書は試験のための文書である。\n\f" +
		"1 概要\n\n概要の本文である。\n\n1.1 目的\n\n目的の本文である。\n\f" +
		"2 方法\n\n方法の本文である。\n\f"
	ps := pdfDoc{}.passages("k", "k.pdf", "k", text)
	var got []string
	for _, p := range ps {
		got = append(got, string(p.Kind)+":"+p.Text+":"+strings.Join(p.Section, "|"))
		if p.Document != "1 概要" {
			t.Errorf("%s: document %q, want the first heading", p.ID, p.Document)
		}
	}
	want := []string{
		"body:はじめにこの文書は試験のための文書である。:",
		"heading:1 概要:1 概要",
		"body:概要の本文である。:1 概要",
		"heading:1.1 目的:1 概要|1.1 目的",
		"body:目的の本文である。:1 概要|1.1 目的",
		"heading:2 方法:2 方法",
		"body:方法の本文である。:2 方法",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("passages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPDFGolden checks the passages of three real pages of the Japanese
// Debian Reference (Title metadata, outline, running header "Debian
// リファレンス N / 244") against a golden file reviewed by eye; the
// checks below say what the review looked for.
func TestPDFGolden(t *testing.T) {
	needPoppler(t)
	const in = "testdata/pdf/debian-reference-ja-1-3.pdf"
	ps, err := ReadPDF(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		if p.Document != "Debian リファレンス" || p.Page != p.PDFPage || p.Page < 1 ||
			len(p.Section) < 1 || p.Section[0] != "GNU/Linux チュートリアル" ||
			strings.Contains(p.Text, "/ 244") {
			t.Errorf("%s: document %q, page %d, PDF page %d, section %q, text %.40q", p.ID, p.Document, p.Page, p.PDFPage, p.Section, p.Text)
		}
	}
	golden := strings.TrimSuffix(in, ".pdf") + ".golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("passages differ from %s (-want +got):\n%s", golden, diff)
	}
}
