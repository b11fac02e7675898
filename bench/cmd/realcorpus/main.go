// Command realcorpus converts Debian's Japanese documentation into the
// passages of the bilingual retrieval set in bench/data/bilingual-real:
// one {"id","title","text","document","section"} JSON object a line.
//
// It reads the plain-text renderings that Debian's packages ship:
//
//	debian-reference-ja  /usr/share/debian-reference/debian-reference.ja.txt.gz
//	debian-faq-ja        /usr/share/doc/debian/FAQ/debian-faq.ja.txt.gz
//
// Install them with apt-get install debian-reference-ja debian-faq-ja, then,
// from the repository root:
//
//	go run ./bench/cmd/realcorpus -out bench/data/bilingual-real/debian.jsonl
//
// With -set debian2 it converts two further documents into debian2.jsonl:
//
//	maint-guide-ja   /usr/share/doc/maint-guide-ja/maint-guide.ja.txt.gz
//	debian-handbook  /usr/share/doc/debian-handbook/html/ja-JP/*.html
//
// (apt-get install maint-guide-ja debian-handbook):
//
//	go run ./bench/cmd/realcorpus -set debian2 -out bench/data/bilingual-real/debian2.jsonl
//
// With -set debian3 it converts the Japanese parts of five more documents
// into debian3.jsonl:
//
//	developers-reference-ja   /usr/share/developers-reference/ja/*.html
//	debian-policy-ja          /usr/share/doc/debian-policy/ja/policy.html/*.html
//	debian-edu-doc-ja         /usr/share/doc/debian-edu-doc-ja/debian-edu-bookworm-manual.html
//	aptitude-doc-ja           /usr/share/doc/aptitude/html/ja/*.html
//	installation-guide-amd64  /usr/share/doc/installation-guide-amd64/ja/*.html
//
//	go run ./bench/cmd/realcorpus -set debian3 -out bench/data/bilingual-real/debian3.jsonl
//
// With -set apps it converts the Japanese paragraphs of two applications'
// manuals into apps.jsonl:
//
//	gimp-help-ja  /usr/share/gimp/2.0/help/ja/*.html (its pages number their
//	              sections afresh, so each page's name goes into its ids)
//	kicad-doc-ja  /usr/share/doc/kicad/help/ja/*.html
//
//	go run ./bench/cmd/realcorpus -set apps -out bench/data/bilingual-real/apps.jsonl
//
// Their translations leave parts in English (most of the Policy Manual,
// some sections of the others): only the Japanese paragraphs are kept
// (see japanese), a paragraph under an unnumbered heading (a note) goes
// with the numbered section around it, and aptitude's manual, whose
// headings carry no numbers, is numbered from its page names.
//
// The handbook is HTML, one page a section, read with kensaku's HTML reader
// (corpus.ParseHTML) in the order of its table of contents; its paragraphs
// are grouped by their innermost numbered heading and packed as the text
// documents' are. Program listings (<pre>) are left out.
//
// The body of each document (from its first chapter on) is cut at its
// numbered headings; the paragraphs of a section are joined into passages of
// at most about maxRunes characters. Lines wrapped by the text renderer are
// joined back (without a space between two Japanese characters, with one
// otherwise). ASCII-art tables are left out: their wrapped cells cannot be
// put back together reliably.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxRunes bounds a passage; a paragraph longer than that stays whole.
const maxRunes = 900

// source is one document to convert.
type source struct {
	prefix   string // id prefix
	document string // document title
	path     string // gzipped plain text, or a directory of HTML pages (or one HTML page) when html
	html     bool
	// japanese keeps only the Japanese paragraphs (see japanese): for a
	// translation that leaves parts in English.
	japanese bool
	// nested files a paragraph under an unnumbered heading (a note, an
	// unnumbered subsection) in the numbered section around it.
	nested bool
	// pageNumbers numbers the sections of a DocBook book whose headings
	// carry no numbers from its page names (ch02s01s03.html is 2.1.3).
	pageNumbers bool
	// pagePrefix puts each page's name into its passages' ids: for a book
	// whose section numbers start again on each page (GIMP's help).
	pagePrefix bool
}

// sets are the outputs -set chooses from, each a list of documents.
var sets = map[string][]source{
	"debian": {
		{prefix: "debref", document: "Debian リファレンス", path: "/usr/share/debian-reference/debian-reference.ja.txt.gz"},
		{prefix: "debfaq", document: "Debian GNU/Linux FAQ", path: "/usr/share/doc/debian/FAQ/debian-faq.ja.txt.gz"},
	},
	"debian2": {
		{prefix: "debmg", document: "Debian 新メンテナーガイド", path: "/usr/share/doc/maint-guide-ja/maint-guide.ja.txt.gz"},
		{prefix: "debhb", document: "Debian 管理者ハンドブック", path: "/usr/share/doc/debian-handbook/html/ja-JP", html: true},
	},
	"debian3": {
		{prefix: "debdev", document: "Debian デベロッパーズリファレンス", path: "/usr/share/developers-reference/ja",
			html: true, japanese: true, nested: true},
		{prefix: "debpol", document: "Debian ポリシーマニュアル", path: "/usr/share/doc/debian-policy/ja/policy.html",
			html: true, japanese: true, nested: true},
		{prefix: "debedu", document: "Debian Edu / Skolelinux マニュアル",
			path: "/usr/share/doc/debian-edu-doc-ja/debian-edu-bookworm-manual.html", html: true, japanese: true, nested: true},
		{prefix: "debapt", document: "aptitude ユーザーズマニュアル", path: "/usr/share/doc/aptitude/html/ja",
			html: true, japanese: true, nested: true, pageNumbers: true},
		{prefix: "debinst", document: "Debian GNU/Linux インストールガイド", path: "/usr/share/doc/installation-guide-amd64/ja",
			html: true, japanese: true, nested: true},
	},
	"apps": {
		{prefix: "gimp", document: "GIMP ユーザーマニュアル", path: "/usr/share/gimp/2.0/help/ja",
			html: true, japanese: true, nested: true, pagePrefix: true},
		{prefix: "kicad-gs", document: "KiCad ことはじめ", path: "/usr/share/doc/kicad/help/ja/getting_started_in_kicad.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad", document: "KiCad", path: "/usr/share/doc/kicad/help/ja/kicad.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad-sch", document: "KiCad 回路図エディター", path: "/usr/share/doc/kicad/help/ja/eeschema.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad-pcb", document: "KiCad PCBエディター", path: "/usr/share/doc/kicad/help/ja/pcbnew.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad-gerb", document: "KiCad ガーバービューアー", path: "/usr/share/doc/kicad/help/ja/gerbview.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad-calc", document: "KiCad PCB電卓", path: "/usr/share/doc/kicad/help/ja/pcb_calculator.html",
			html: true, japanese: true, nested: true},
		{prefix: "kicad-pl", document: "KiCad 図枠エディター", path: "/usr/share/doc/kicad/help/ja/pl_editor.html",
			html: true, japanese: true, nested: true},
	},
}

// passage is one output line.
type passage struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Document string `json:"document"`
	Section  string `json:"section"`
}

func main() {
	out := flag.String("out", "bench/data/bilingual-real/debian.jsonl", "output `file`")
	set := flag.String("set", "debian", "documents to convert: debian (debian.jsonl), debian2 (debian2.jsonl), debian3 (debian3.jsonl) or apps (apps.jsonl)")
	flag.Parse()
	sources, ok := sets[*set]
	if !ok {
		fmt.Fprintf(os.Stderr, "realcorpus: unknown -set %q\n", *set)
		os.Exit(2)
	}
	if err := run(sources, *out); err != nil {
		fmt.Fprintf(os.Stderr, "realcorpus: %v\n", err)
		os.Exit(1)
	}
}

func run(sources []source, out string) error {
	var all []passage
	for _, s := range sources {
		convertFn := convertFile
		if s.html {
			convertFn = convertHTMLDir
		}
		ps, err := convertFn(s)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d passages\n", s.path, len(ps))
		all = append(all, ps...)
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range all {
		if err := enc.Encode(p); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", p.ID, err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	return f.Close()
}

func convertFile(s source) ([]passage, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("open %s (apt-get install debian-reference-ja debian-faq-ja maint-guide-ja): %w", s.path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.path, err)
	}
	return convert(s, string(b)), nil
}

var (
	chapterRE  = regexp.MustCompile(`^第(\d+)章\s*(.*)$`)
	appendixRE = regexp.MustCompile(`^付録([A-Z])\s*(.*)$`)
	sectionRE  = regexp.MustCompile(`^((?:\d+|[A-Z])(?:\.\d+)+)\.\s+(.*)$`)
)

// heading reports whether line (not indented) is a numbered heading, and
// returns its number and title.
func heading(line string) (num, title string, ok bool) {
	if line == "" || unicode.IsSpace([]rune(line)[0]) {
		return "", "", false
	}
	for _, re := range []*regexp.Regexp{chapterRE, appendixRE, sectionRE} {
		if m := re.FindStringSubmatch(line); m != nil {
			return m[1], strings.TrimSpace(m[2]), true
		}
	}
	return "", "", false
}

// sectionPassages packs the paragraphs of section num of s, titled
// title, into passages numbered from 1.
func sectionPassages(s source, num, title string, paras []string) []passage {
	var out []passage
	for i, t := range pack(paras) {
		out = append(out, passage{
			ID:       fmt.Sprintf("%s-%s-%d", s.prefix, num, i+1),
			Title:    title,
			Text:     t,
			Document: s.document,
			Section:  num + " " + title,
		})
	}
	return out
}

// convert cuts the text of one document into passages.
func convert(s source, text string) []passage {
	text = strings.ReplaceAll(text, "\u00a0", " ")
	lines := strings.Split(text, "\n")
	var (
		out     []passage
		started bool
		num     string
		title   string
		paras   []string
		cur     []string
	)
	flushPara := func() {
		if p := joinWrapped(cur); p != "" {
			paras = append(paras, p)
		}
		cur = nil
	}
	flushSection := func() {
		flushPara()
		if num == "" {
			paras = nil
			return
		}
		out = append(out, sectionPassages(s, num, title, paras)...)
		paras = nil
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		if n, t, ok := heading(line); ok && (started || chapterRE.MatchString(line)) {
			started = true
			flushSection()
			num, title = n, t
			// A heading may wrap onto an indented line.
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && strings.HasPrefix(lines[i+1], "    ") == false && !isHeadingLine(lines[i+1]) {
				i++
				title = joinWrapped([]string{title, strings.TrimSpace(lines[i])})
			}
			continue
		}
		if !started {
			continue
		}
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
			flushPara()
		case strings.HasPrefix(trim, "|") || strings.HasPrefix(trim, "+-"):
			flushPara() // table rows and borders are left out
		case strings.HasPrefix(trim, "-----"):
			flushPara()
		default:
			cur = append(cur, trim)
		}
	}
	flushSection()
	return out
}

func isHeadingLine(l string) bool {
	_, _, ok := heading(strings.TrimRight(l, " \t\r"))
	return ok
}

// pack groups paragraphs into passages of at most maxRunes runes (a longer
// paragraph stays whole), separated by newlines.
func pack(paras []string) []string {
	var out []string
	var b strings.Builder
	n := 0
	for _, p := range paras {
		pn := utf8.RuneCountInString(p)
		if n > 0 && n+pn > maxRunes {
			out = append(out, b.String())
			b.Reset()
			n = 0
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p)
		n += pn
	}
	if n > 0 {
		out = append(out, b.String())
	}
	return out
}

// joinWrapped joins the lines of one wrapped paragraph: without a space when
// both sides of the break are wide (Japanese) characters, with one otherwise.
func joinWrapped(lines []string) string {
	var b strings.Builder
	var last rune
	for _, l := range lines {
		if l == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(l)
		if b.Len() > 0 && !(wide(last) && wide(first)) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
		last, _ = utf8.DecodeLastRuneInString(l)
	}
	return b.String()
}

// wide reports whether r is a Japanese character or full-width punctuation,
// which the text renderer breaks lines between without a space.
func wide(r rune) bool {
	return r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef || r >= 0xf900 && r <= 0xfaff
}
