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
	"strconv"
	"strings"
	"time"
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
	info, err := runTool(ctx, "pdfinfo", "-isodates", "-enc", "UTF-8", file)
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
	ps := doc.passages(key, source, fallback, string(text))
	withMeta(ps, pdfMeta(info))
	return ps, nil
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
