// Command extract collects candidate definition contexts for the mining
// evaluation set in glossary/testdata/mining: sentences of real text that
// hold a parenthesis with Latin letters inside or just before it (宇宙状況監視
// （SSA）, SSA（宇宙状況監視）, スターリンク（Starlink）, Space Situational
// Awareness (SSA)). The labels (labels.tsv) are written by hand; this
// command only chooses and copies the text.
//
// Sources: JSQuAD passages (bench/data/jsquad-valid/passages.jsonl) and the
// Debian packages manpages-ja, debian-reference-ja, developers-reference-ja
// and debian-faq-ja as installed by apt-get. Run from the repository root:
//
//	go run ./glossary/testdata/mining/extract > glossary/testdata/mining/candidates.jsonl
//	go run ./glossary/testdata/mining/extract -skip 40 -n-jsquad 0 -n-debian 25 > glossary/testdata/mining/heldout.jsonl
//
// A third sample (blind.jsonl) draws on sources neither sample above used
// and on the next candidates of the old ones, leaving out the sentences
// already chosen:
//
//	go run ./glossary/testdata/mining/extract -jsquad-test /path/to/JGLUE/datasets/jsquad-v1.3/test-v1.3.json \
//		-exclude glossary/testdata/mining/candidates.jsonl,glossary/testdata/mining/heldout.jsonl \
//		-take jsquad-test=100,manpages-ja-dev=12,maint-guide-ja=12,debian-policy-ja=12,aptitude-doc-ja=12,debian-edu-doc-ja=12,manpages-ja=8,debian-reference-ja=8,developers-reference-ja=8,debian-faq-ja=8 \
//		> glossary/testdata/mining/blind.jsonl
//
// and a fourth (blind2.jsonl), leaving out the first three and the
// sentences listed in seen.jsonl (ids only) too:
//
//	go run ./glossary/testdata/mining/extract -jsquad-test /path/to/JGLUE/datasets/jsquad-v1.3/test-v1.3.json \
//		-exclude glossary/testdata/mining/candidates.jsonl,glossary/testdata/mining/heldout.jsonl,glossary/testdata/mining/blind.jsonl,glossary/testdata/mining/seen.jsonl \
//		-take jsquad-test=52,manpages-ja-dev=15,maint-guide-ja=15,debian-policy-ja=15,aptitude-doc-ja=10,debian-edu-doc-ja=10,manpages-ja=10,debian-reference-ja=10,developers-reference-ja=10,debian-faq-ja=8 \
//		> glossary/testdata/mining/blind2.jsonl
//
// and a fifth (blind3.jsonl) from documentation none of the samples above
// drew on, unpacked with apt-get download and dpkg-deb -x under a root
// directory (their dependencies are not needed to read them):
//
//	go run ./glossary/testdata/mining/extract -root /tmp/mdocs/root \
//		-take gimp-help-ja=40,libreoffice-help-ja=40,kicad-doc-ja=30,lilypond-doc-html-ja=30\
//		> glossary/testdata/mining/blind3.jsonl
//
// and a sixth (blind4.jsonl) from four more sources none of the samples
// above drew on (debian-handbook, gnome-user-docs, scilab-doc-ja and
// installation-guide-amd64, unpacked the same way; Scilab's help jar
// unzipped into scilab/ under the root):
//
//	go run ./glossary/testdata/mining/extract -root /tmp/b4/root \
//		-take debian-handbook-ja=90,gnome-user-docs-ja=30,scilab-doc-ja=50,installation-guide-ja=110 \
//		> glossary/testdata/mining/blind4.jsonl
//
// and a seventh (blind5.jsonl) from the help of eleven GNOME applications
// (brasero, eog, evince, file-roller, five-or-more, gedit, gnome-calculator,
// gnome-mines, rhythmbox, simple-scan, totem; their packages, or -common or
// -data ones, unpacked the same way) and the Japanese documentation of
// ddskk, all the candidates of both:
//
//	go run ./glossary/testdata/mining/extract -root /tmp/b5/root \
//		-take gnome-apps-help-ja=30,ddskk-ja=300 \
//		> glossary/testdata/mining/blind5.jsonl
//
// and an eighth (blind6.jsonl) from the Japanese manuals of
// texlive-lang-japanese, LaTeX sources (the TeX Live guide, the e-pTeX
// report, the JFM and pBibTeX manuals), 220 of their 306 candidates:
//
//	go run ./glossary/testdata/mining/extract -root /tmp/b5/root \
//		-take texlive-ja=220 > glossary/testdata/mining/blind6.jsonl
//
// and a ninth (blind7.jsonl) from the Debian Administrator's Handbook and
// the New Maintainers' Guide again, the candidates of theirs that no sample
// above holds (both packages installed; the other samples excluded):
//
//	go run ./glossary/testdata/mining/extract \
//		-exclude glossary/testdata/mining/blind.jsonl,glossary/testdata/mining/blind2.jsonl,glossary/testdata/mining/blind3.jsonl,glossary/testdata/mining/blind4.jsonl,glossary/testdata/mining/blind5.jsonl,glossary/testdata/mining/blind6.jsonl,glossary/testdata/mining/candidates.jsonl,glossary/testdata/mining/heldout.jsonl,glossary/testdata/mining/seen.jsonl \
//		-take debian-handbook-ja=170,maint-guide-ja=37 > glossary/testdata/mining/blind7.jsonl
//
// and a tenth (blind8.jsonl) from the documents of the sixth blind retrieval
// set (bench/data/bilingual-real/debian3.jsonl), the candidates of theirs that
// no sample above holds (all the remaining ones of aptitude-doc-ja and
// debian-edu-doc-ja, 40 each of developers-reference-ja and the installation
// guide; debian-policy-ja has none left):
//
//	go run ./glossary/testdata/mining/extract \
//		-exclude glossary/testdata/mining/blind.jsonl,glossary/testdata/mining/blind2.jsonl,glossary/testdata/mining/blind3.jsonl,glossary/testdata/mining/blind4.jsonl,glossary/testdata/mining/blind5.jsonl,glossary/testdata/mining/blind6.jsonl,glossary/testdata/mining/blind7.jsonl,glossary/testdata/mining/candidates.jsonl,glossary/testdata/mining/heldout.jsonl,glossary/testdata/mining/seen.jsonl \
//		-take developers-reference-ja=40,aptitude-doc-ja=63,debian-edu-doc-ja=57,installation-guide-ja=40 > glossary/testdata/mining/blind8.jsonl
//
// and an eleventh (blind9.jsonl) from the passages of the seventh blind
// retrieval set's new text (bench/data/bilingual-real/apps.jsonl, GIMP's and
// KiCad's Japanese manuals), leaving out every sentence of the samples above
// (blind3 drew on the same manuals):
//
//	go run ./glossary/testdata/mining/extract \
//		-exclude glossary/testdata/mining/blind.jsonl,glossary/testdata/mining/blind2.jsonl,glossary/testdata/mining/blind3.jsonl,glossary/testdata/mining/blind4.jsonl,glossary/testdata/mining/blind5.jsonl,glossary/testdata/mining/blind6.jsonl,glossary/testdata/mining/blind7.jsonl,glossary/testdata/mining/blind8.jsonl,glossary/testdata/mining/candidates.jsonl,glossary/testdata/mining/heldout.jsonl,glossary/testdata/mining/seen.jsonl \
//		-take apps=160 > glossary/testdata/mining/blind9.jsonl
//
// The choice is deterministic: the candidates of each source are ordered by
// a hash of their id and the first -n of them kept.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Candidate is one line of candidates.jsonl.
type Candidate struct {
	ID     string `json:"id"`     // source:document#sentence
	Source string `json:"source"` // jsquad, manpages-ja, debian-reference-ja, …
	Text   string `json:"text"`
}

const maxSentenceRunes = 240

func main() {
	jsquad := flag.String("jsquad", "bench/data/jsquad-valid/passages.jsonl", "JSQuAD passages")
	nJSQuAD := flag.Int("n-jsquad", 170, "candidates kept from JSQuAD")
	nDebian := flag.Int("n-debian", 40, "candidates kept from each Debian package")
	skip := flag.Int("skip", 0, "candidates skipped (in hash order) before those kept, for a second sample")
	jsquadTest := flag.String("jsquad-test", "", "JSQuAD test set in SQuAD JSON (JGLUE datasets/jsquad-v1.3/test-v1.3.json), source jsquad-test")
	take := flag.String("take", "", "source=n,… : the sources to read and the candidates kept from each, instead of -n-jsquad and -n-debian")
	exclude := flag.String("exclude", "", "candidates files (comma-separated) whose sentences are not chosen again")
	root := flag.String("root", "/", "directory the Debian packages are installed or unpacked under")
	apps := flag.String("apps", "bench/data/bilingual-real/apps.jsonl", "passages of GIMP's and KiCad's Japanese manuals (source apps)")
	flag.Parse()

	counts := map[string]int{"jsquad": *nJSQuAD}
	for _, d := range debianSources {
		if !d.extra {
			counts[d.source] = *nDebian
		}
	}
	if *take != "" {
		counts = map[string]int{}
		for _, kv := range strings.Split(*take, ",") {
			k, v, ok := strings.Cut(kv, "=")
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				log.Fatalf("-take: %q is not source=n", kv)
			}
			counts[k] = n
		}
	}
	excluded := map[string]bool{}
	for _, path := range strings.Split(*exclude, ",") {
		if path == "" {
			continue
		}
		if err := readExcluded(path, excluded); err != nil {
			log.Fatal(err)
		}
	}

	var out []Candidate
	if n, ok := counts["jsquad"]; ok {
		units, err := jsquadUnits(*jsquad)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, pick("jsquad", units, excluded, *skip, n)...)
	}
	if n, ok := counts["jsquad-test"]; ok {
		units, err := squadUnits(*jsquadTest)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, pick("jsquad-test", units, excluded, *skip, n)...)
	}
	if n, ok := counts["apps"]; ok {
		units, err := passageUnits(*apps)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, pick("apps", units, excluded, *skip, n)...)
	}
	for _, d := range debianSources {
		n, ok := counts[d.source]
		if !ok {
			continue
		}
		var files []string
		for _, g := range d.globs {
			m, err := filepath.Glob(filepath.Join(*root, g))
			if err != nil {
				log.Fatal(err)
			}
			files = append(files, m...)
		}
		if len(files) == 0 {
			log.Fatalf("%s: no files at %s (apt-get install %s)", d.source, d.globs, d.source)
		}
		var units []unit
		for _, f := range files {
			if strings.HasSuffix(f, "/index.html") || strings.HasSuffix(f, "/search.html") ||
				strings.HasSuffix(f, "/genindex.html") || strings.HasSuffix(f, "developers-reference.html") ||
				strings.Contains(f, "-big-page.") {
				continue
			}
			text, err := d.read(f)
			if err != nil {
				log.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(f), ".gz")
			if d.rel != "" {
				// Pages in several folders share names: keep the folders.
				name = strings.TrimPrefix(f, filepath.Join(*root, d.rel)+"/")
			}
			units = append(units, unit{name, text})
		}
		out = append(out, pick(d.source, units, excluded, *skip, n)...)
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range out {
		if err := enc.Encode(c); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}

// debianSources are the Debian packages read, by where they install their
// Japanese text; extra ones were added for the third sample.
var debianSources = []struct {
	source string
	globs  []string
	read   func(string) (string, error)
	extra  bool
	rel    string // when set, a page is named by its path under rel
}{
	{"manpages-ja", []string{"/usr/share/man/ja/man[145678]/*.gz"}, readRoff, false, ""},
	{"debian-reference-ja", []string{"/usr/share/debian-reference/*.ja.html"}, readHTML, false, ""},
	{"developers-reference-ja", []string{"/usr/share/developers-reference/ja/*.html"}, readHTML, false, ""},
	{"debian-faq-ja", []string{"/usr/share/doc/debian/FAQ/ja/*.ja.html"}, readHTML, false, ""},
	{"manpages-ja-dev", []string{"/usr/share/man/ja/man[23]/*.gz"}, readRoff, true, ""},
	{"maint-guide-ja", []string{"/usr/share/doc/maint-guide-ja/html/*.ja.html"}, readHTML, true, ""},
	{"debian-policy-ja", []string{"/usr/share/doc/debian-policy/ja/policy.html/*.html"}, readHTML, true, ""},
	{"aptitude-doc-ja", []string{"/usr/share/doc/aptitude/html/ja/*.html"}, readHTML, true, ""},
	{"debian-edu-doc-ja", []string{"/usr/share/doc/debian-edu-doc-ja/debian-edu-bookworm-manual.html"}, readHTML, true, ""},
	// Sources of the fifth sample (blind3.jsonl).
	{"gimp-help-ja", []string{"/usr/share/gimp/2.0/help/ja/*.html"}, readHTML, true, ""},
	{"libreoffice-help-ja", []string{"/usr/share/libreoffice/help/ja/text/*/*.html", "/usr/share/libreoffice/help/ja/text/*/*/*.html"}, readHTML, true, "/usr/share/libreoffice/help/ja/text"},
	{"kicad-doc-ja", []string{"/usr/share/doc/kicad/help/ja/*.html"}, readHTML, true, ""},
	{"lilypond-doc-html-ja", []string{"/usr/share/doc/lilypond/html/Documentation/*/*.ja.html"}, readHTML, true, "/usr/share/doc/lilypond/html/Documentation"},
	// Sources of the sixth sample (blind4.jsonl). Scilab's help ships in a
	// jar: unzip it into scilab/ under the root.
	{"debian-handbook-ja", []string{"/usr/share/doc/debian-handbook/html/ja-JP/*.html"}, readHTML, true, ""},
	{"gnome-user-docs-ja", []string{"/usr/share/help/ja/gnome-help/*.page"}, readHTML, true, ""},
	{"scilab-doc-ja", []string{"/scilab/scilab_ja_JP_help/*.html"}, readHTML, true, ""},
	{"installation-guide-ja", []string{"/usr/share/doc/installation-guide-amd64/ja/*.html"}, readHTML, true, ""},
	// Sources of the seventh sample (blind5.jsonl): the help of eleven GNOME
	// applications (not gnome-help, which blind4 drew on) and the Japanese
	// manual and notes of the Emacs input method DDSKK (reStructuredText and
	// plain text).
	{"gnome-apps-help-ja", []string{"/usr/share/help/ja/brasero/*.page", "/usr/share/help/ja/eog/*.page", "/usr/share/help/ja/evince/*.page", "/usr/share/help/ja/file-roller/*.page", "/usr/share/help/ja/five-or-more/*.page", "/usr/share/help/ja/gedit/*.page", "/usr/share/help/ja/gnome-calculator/*.page", "/usr/share/help/ja/gnome-mines/*.page", "/usr/share/help/ja/rhythmbox/*.page", "/usr/share/help/ja/simple-scan/*.page", "/usr/share/help/ja/totem/*.page"}, readHTML, true, "/usr/share/help/ja"},
	{"ddskk-ja", []string{"/usr/share/doc/ddskk/[0-9][0-9]_*.rst", "/usr/share/doc/ddskk/[0-9][0-9]_*.rst.gz", "/usr/share/doc/ddskk/*.ja", "/usr/share/doc/ddskk/*.ja.gz", "/usr/share/doc/ddskk/*.ja.md", "/usr/share/doc/ddskk/*.ja.org.gz"}, readRST, true, ""},
	// Sources of the eighth sample (blind6.jsonl): the Japanese manuals of
	// texlive-lang-japanese, in LaTeX (the TeX Live guide, e-pTeX, JFM and
	// pBibTeX manuals).
	{"texlive-ja", []string{"/usr/share/doc/texlive-doc/texlive/texlive-ja/texlive-ja.tex.gz", "/usr/share/doc/texlive-doc/ptex/ptex-manual/eptex_resume.tex.gz", "/usr/share/doc/texlive-doc/ptex/ptex-manual/jfm.tex.gz", "/usr/share/doc/texlive-doc/latex/pbibtex-manual/jbtxdoc.tex.gz"}, readTeX, true, ""},
}

// readExcluded adds the ids and texts of a candidates file to excluded.
func readExcluded(path string, excluded map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read excluded candidates: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c Candidate
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		excluded[c.ID] = true
		excluded[c.Text] = true
	}
	return sc.Err()
}

// unit is a document's text, its blocks separated by blank lines.
type unit struct {
	name string
	text string
}

// pick splits units into sentences, keeps the candidate ones, removes
// duplicates and keeps n by hash order after skipping skip, returned in
// document order.
func pick(source string, units []unit, excluded map[string]bool, skip, n int) []Candidate {
	type cand struct {
		Candidate
		hash  uint64
		order int
	}
	var all []cand
	seen := map[string]bool{}
	for _, u := range units {
		for i, s := range sentences(u.text) {
			id := fmt.Sprintf("%s:%s#%d", source, u.name, i)
			if !isCandidate(s) || seen[s] || excluded[s] || excluded[id] {
				continue
			}
			seen[s] = true
			h := fnv.New64a()
			h.Write([]byte(id))
			all = append(all, cand{Candidate{id, source, s}, h.Sum64(), len(all)})
		}
	}
	slices.SortFunc(all, func(a, b cand) int {
		switch {
		case a.hash < b.hash:
			return -1
		case a.hash > b.hash:
			return 1
		}
		return 0
	})
	all = all[min(skip, len(all)):]
	if len(all) > n {
		all = all[:n]
	}
	sort.Slice(all, func(i, j int) bool { return all[i].order < all[j].order })
	log.Printf("%s: %d candidates kept", source, len(all))
	out := make([]Candidate, len(all))
	for i, c := range all {
		out[i] = c.Candidate
	}
	return out
}

// sentences splits text at blank lines and after 。！？.
func sentences(text string) []string {
	var out []string
	for _, block := range strings.Split(text, "\n\n") {
		block = joinLines(block)
		start := 0
		for i, r := range block {
			if r == '。' || r == '！' || r == '？' {
				end := i + utf8.RuneLen(r)
				out = append(out, strings.TrimSpace(block[start:end]))
				start = end
			}
		}
		if s := strings.TrimSpace(block[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var parenRE = regexp.MustCompile(`[（(]([^（）()]{1,160})[）)]`)

// isCandidate reports whether s is Japanese text of a sensible length with a
// parenthesis that holds Latin letters or follows one.
func isCandidate(s string) bool {
	if utf8.RuneCountInString(s) > maxSentenceRunes || !hasJapanese(s) {
		return false
	}
	for _, m := range parenRE.FindAllStringSubmatchIndex(s, -1) {
		content := norm.NFKC.String(s[m[2]:m[3]])
		if hasLatin(content) {
			return true
		}
		before := strings.TrimRightFunc(s[:m[0]], unicode.IsSpace)
		if r, _ := utf8.DecodeLastRuneInString(norm.NFKC.String(before)); r < utf8.RuneSelf && unicode.IsLetter(r) && hasJapanese(content) {
			return true
		}
	}
	return false
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// joinLines joins the lines of a block: without a space between two
// Japanese characters, with one otherwise.
func joinLines(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(f[0])
	for _, w := range f[1:] {
		prev, _ := utf8.DecodeLastRuneInString(b.String())
		next, _ := utf8.DecodeRuneInString(w)
		if prev >= utf8.RuneSelf && next >= utf8.RuneSelf {
			b.WriteString(w)
			continue
		}
		b.WriteByte(' ')
		b.WriteString(w)
	}
	return b.String()
}

func jsquadUnits(path string) ([]unit, error) {
	// A passage is one paragraph: no block breaks inside.
	return jsonlUnits(path, " ")
}

// passageUnits reads passages of the bilingual-real corpus files
// ({"id", "text", …} a line); each line of a passage's text is a block.
func passageUnits(path string) ([]unit, error) {
	return jsonlUnits(path, "\n\n")
}

// jsonlUnits reads {"id", "text", …} objects a line, the line breaks of a
// text replaced by lineBreak.
func jsonlUnits(path, lineBreak string) ([]unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open passages: %w", err)
	}
	defer f.Close()
	var out []unit
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var p struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		out = append(out, unit{p.ID, strings.ReplaceAll(p.Text, "\n", lineBreak)})
	}
	return out, sc.Err()
}

// squadUnits reads the paragraphs of a JSQuAD file in SQuAD JSON; a
// paragraph's id is its article's index and its own, a10p3, and its text
// the context without the "title [SEP] " before it.
func squadUnits(path string) ([]unit, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read jsquad json: %w", err)
	}
	var doc struct {
		Data []struct {
			Paragraphs []struct {
				Context string `json:"context"`
			} `json:"paragraphs"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var out []unit
	for i, a := range doc.Data {
		for j, p := range a.Paragraphs {
			_, text, ok := strings.Cut(p.Context, " [SEP] ")
			if !ok {
				text = p.Context
			}
			out = append(out, unit{fmt.Sprintf("a%dp%d", i, j), strings.ReplaceAll(text, "\n", " ")})
		}
	}
	return out, nil
}

var (
	preRE   = regexp.MustCompile(`(?is)<(pre|script|style|code|head)\b.*?</(pre|script|style|code|head)>`)
	blockRE = regexp.MustCompile(`(?i)</?(p|div|td|th|tr|li|dt|dd|h[1-6]|table|ul|ol|dl|br|title|section|blockquote)\b[^>]*>`)
	tagRE   = regexp.MustCompile(`<[^>]*>`)
)

// readHTML returns the text of an HTML file, blocks separated by blank
// lines, code left out.
func readHTML(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read html: %w", err)
	}
	s := preRE.ReplaceAllString(string(b), "\n\n")
	s = blockRE.ReplaceAllString(s, "\n\n")
	s = tagRE.ReplaceAllString(s, "")
	return html.UnescapeString(s), nil
}

var (
	rstRoleRE    = regexp.MustCompile("(:[a-z:]+:)?`([^`<]*?)\\s*(<[^>`]*>)?`+_?")
	rstHeadingRE = regexp.MustCompile(`^[#*=\-~^"+]{3,}$`)
)

// readRST returns the text of a reStructuredText file, gzipped or not:
// paragraphs as blocks, directives and their indented bodies (code,
// index entries) left out except notes, headings kept, roles and literals
// replaced by their text.
func readRST(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read rst: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("read rst %s: %w", path, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("read rst %s: %w", path, err)
	}
	var out strings.Builder
	skipIndent := -1 // indentation of a skipped directive, -1 when none
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if skipIndent >= 0 {
			if trimmed == "" || indent > skipIndent {
				continue
			}
			skipIndent = -1
		}
		if strings.HasPrefix(trimmed, ".. ") || trimmed == ".." || strings.HasSuffix(trimmed, "::") && !strings.HasPrefix(trimmed, ".. note::") {
			if !strings.HasPrefix(trimmed, ".. note::") && !strings.HasPrefix(trimmed, ".. el:") {
				skipIndent = indent
			}
			out.WriteString("\n\n")
			continue
		}
		if trimmed == "" || rstHeadingRE.MatchString(trimmed) {
			out.WriteString("\n\n")
			continue
		}
		line = rstRoleRE.ReplaceAllString(line, "$2")
		line = strings.ReplaceAll(line, "**", "")
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.String(), nil
}

var (
	texVerbatimRE = regexp.MustCompile(`(?s)\\begin\{(verbatim|verbatim\*|lstlisting|alltt|Verbatim|screen|code)\}.*?\\end\{(verbatim|verbatim\*|lstlisting|alltt|Verbatim|screen|code)\}`)
	texVerbRE     = regexp.MustCompile(`\\verb\*?(\|[^|\n]*\||\+[^+\n]*\+|![^!\n]*!|"[^"\n]*"|/[^/\n]*/|=[^=\n]*=)`)
	texCommentRE  = regexp.MustCompile(`(?m)(^|[^\\])%.*$`)
	texEnvRE      = regexp.MustCompile(`\\(begin|end)\{[^}]*\}(\[[^\]]*\])?`)
	texDropRE     = regexp.MustCompile(`\\(label|ref|pageref|cite|index|url|email|includegraphics|vspace|hspace|footnote|cs|input|include)\{[^{}]*\}`)
	texSpaceRE    = regexp.MustCompile(`\\[ ,;:]`)
	texItemRE     = regexp.MustCompile(`\\item\[([^\]]*)\]`)
	texCmdRE      = regexp.MustCompile(`\\[A-Za-z@]+\*?(\[[^\]]*\])?`)
	texNames      = strings.NewReplacer(`\TL`, "TeX Live", `\TeX`, "TeX", `\LaTeX`, "LaTeX", `\MacTeX`, "MacTeX",
		`\ConTeXt`, "ConTeXt", `\pTeX`, "pTeX", `\epTeX`, "e-pTeX", `\upTeX`, "upTeX", `\BibTeX`, "BibTeX",
		`\pBibTeX`, "pBibTeX", `\eTeX`, "e-TeX", `\&`, "&", `\_`, "_", `\%`, "%", `\#`, "#", `\$`, "$", `~`, " ")
)

// readTeX returns the text of a LaTeX source, gzipped or not: comments,
// verbatim environments, \verb, references, URLs and footnotes left out,
// the names of TeX systems written out, other commands dropped keeping
// their arguments, explicit spaces (\ , \,) written as spaces; the full-width period and comma of Japanese technical
// writing (．，) become 。 and 、 so that sentences split as elsewhere.
func readTeX(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read tex: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("read tex %s: %w", path, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("read tex %s: %w", path, err)
	}
	s := texCommentRE.ReplaceAllString(string(b), "$1")
	s = texVerbatimRE.ReplaceAllString(s, "\n\n")
	s = texVerbRE.ReplaceAllString(s, "")
	s = texEnvRE.ReplaceAllString(s, "\n\n")
	s = texItemRE.ReplaceAllString(s, "\n\n$1\n\n")
	s = strings.ReplaceAll(s, `\item`, "\n\n")
	s = texDropRE.ReplaceAllString(s, "")
	s = texSpaceRE.ReplaceAllString(s, " ")
	s = strings.NewReplacer(`\-`, "", `\!`, "", `\/`, "").Replace(s)
	s = texNames.Replace(s)
	s = texCmdRE.ReplaceAllString(s, "")
	s = strings.NewReplacer("{", "", "}", "", "．", "。", "，", "、", `\\`, "\n").Replace(s)
	return s, nil
}

var (
	fontRE   = regexp.MustCompile(`\\f(\[[^\]]*\]|\(..|.)`)
	sizeRE   = regexp.MustCompile(`\\s[+-]?\d`)
	stringRE = regexp.MustCompile(`\\\*(\[[^\]]*\]|\(..|.)`)
	charRE   = regexp.MustCompile(`\\\((..)`)
)

// readRoff returns the text of a gzipped man page: text lines and the
// arguments of font macros; paragraph macros and blank lines end blocks.
func readRoff(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read man page: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("read man page %s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return "", fmt.Errorf("read man page %s: %w", path, err)
	}
	var out strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			macro, args, _ := strings.Cut(strings.TrimSpace(line[1:]), " ")
			switch macro {
			case "B", "I", "BI", "BR", "IR", "RB", "IB", "RI", "SM", "SB":
				line = strings.ReplaceAll(args, `"`, "")
			case "SH", "SS", "TP", "PP", "P", "LP", "IP", "HP", "sp", "br":
				out.WriteString("\n\n")
				continue
			default:
				continue
			}
		}
		if strings.TrimSpace(line) == "" {
			out.WriteString("\n\n")
			continue
		}
		line = fontRE.ReplaceAllString(line, "")
		line = sizeRE.ReplaceAllString(line, "")
		line = stringRE.ReplaceAllString(line, "")
		line = charRE.ReplaceAllStringFunc(line, func(m string) string {
			switch m[2:] {
			case "em", "en":
				return "—"
			case "aq":
				return "'"
			case "lq", "rq", "dq":
				return `"`
			}
			return ""
		})
		line = strings.NewReplacer(`\-`, "-", `\&`, "", `\e`, `\`, `\ `, " ", `\c`, "", `\|`, "", `\^`, "").Replace(line)
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.String(), nil
}
