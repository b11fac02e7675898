package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MaxTextFileSize bounds the size of a .txt or .md file, which is read
// whole; larger files are reported as problems. JSONL files are streamed and
// have no size limit, only [MaxLineSize].
const MaxTextFileSize = 256 << 20

// MaxTextLineSize bounds a line of a .txt or .md file, in bytes of UTF-8.
// Text extracted from PDF pages has short lines, and a Markdown paragraph
// of a megabyte is no usable passage: a file with a longer line (say 100 MB
// with no line break) is reported as a problem and skipped whole, quickly,
// rather than made into one huge passage that takes minutes to analyse.
const MaxTextLineSize = 1 << 20

// ErrNoInputs is returned by [Read] when it is given no inputs.
var ErrNoInputs = errors.New("corpus: no inputs")

// Problem is a per-file or per-line problem met while reading: the file or
// the line was skipped, and the run went on.
type Problem struct {
	Path string // file the problem is in
	Line int    // 1-based line of a JSONL file; 0 for the whole file
	Err  error
}

// Error formats the problem as path:line: message.
func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", p.Path, p.Line, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.Path, p.Err)
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// Summary counts what a [Read] did.
type Summary struct {
	Files   int // files read, with or without problems
	Skipped int // files in directories skipped: hidden, not regular, or of a type not read; and files already read
	// SkippedByExt counts the files of Skipped that are of a type not read,
	// by lower-case extension (".png", ".csv.gz", "(none)"), and those that
	// are not regular files (".md (not a regular file)") or were already
	// read (".txt (already read)"); nil if none.
	SkippedByExt map[string]int
	Documents    int       // documents passages were read from
	Passages     int       // passages passed on
	Bytes        int64     // bytes of the files read
	Problems     []Problem // files and lines skipped, with why
}

// String returns a one-line summary.
func (s Summary) String() string {
	return fmt.Sprintf("%d files (%s), %d documents, %d passages, %d skipped, %d problems",
		s.Files, byteSize(s.Bytes), s.Documents, s.Passages, s.Skipped, len(s.Problems))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// reader carries the state of one Read.
type reader struct {
	ctx  context.Context
	fn   func(Passage) error
	sum  Summary
	seen map[string]origin // passage id → where it was first seen
	// files holds the files read, by absolute path with links resolved.
	files map[string]bool
	dirs  []os.FileInfo // directories entered, against symlink loops
}

// Read reads passages from inputs, files and directories, and calls fn for
// each passage in order. Directories are walked recursively in name order,
// following symbolic links (each directory and each file is read once, so
// links that make loops, overlapping inputs and a file named twice are
// harmless; a file reached again is counted as ".txt (already read)");
// hidden files and files of other types in them are skipped (counted in
// Summary.Skipped, and by extension in Summary.SkippedByExt), and so are
// FIFOs, devices and sockets, which are not opened (counted as
// ".md (not a regular file)"). A named file of
// another type, or one that is not a regular file, is a problem.
//
//   - .txt is text extracted from PDF pages (form feed between pages, as
//     pdftotext writes it), repaired into paragraphs: see [ParseText].
//   - .md is Markdown; headings give the section path: see [ParseMarkdown].
//   - .jsonl has one JSON record a line: see [ReadJSONL].
//   - .pdf is read with Poppler's tools: see [ReadPDF].
//   - .html, .htm and .xhtml are web pages: see [ParseHTML].
//   - .gz holds one of these, by the name inside (a.pdf.gz); one that
//     decompresses to more than [MaxGzipSize] is a problem.
//
// When inputs hold a PDF and a Poppler tool is missing, Read returns a
// [*MissingToolError] before it passes on any passage (see [CheckTools]).
//
// UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark,
// Shift_JIS (CP932), EUC-JP and ISO-2022-JP are detected and decoded.
//
// Ids of passages of files other than .jsonl are made of the file's path
// below the input named (without extension, nor .gz), the page and a
// counter: see [ParseText] and [ParseMarkdown]. Two
// passages with the same id are a problem, and the second is skipped.
//
// A file that cannot be read, decoded or parsed, an empty file, a binary
// file, a .txt or .md file with a line over [MaxTextLineSize], or a bad
// JSONL line is recorded in Summary.Problems and the run goes
// on. Read returns an error only when ctx is done, fn fails, inputs is
// empty or a PDF tool is missing; the summary is valid then too.
func Read(ctx context.Context, inputs []string, fn func(Passage) error) (Summary, error) {
	r := &reader{ctx: ctx, fn: fn, seen: map[string]origin{}, files: map[string]bool{}}
	if len(inputs) == 0 {
		return r.sum, ErrNoInputs
	}
	if err := CheckTools(inputs); err != nil {
		return r.sum, err
	}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return r.sum, err
		}
		fi, err := os.Stat(in)
		if err != nil {
			r.problem(in, 0, err)
			continue
		}
		switch {
		case fi.IsDir():
			err = r.dir(in, in, fi)
		case !fi.Mode().IsRegular():
			// a FIFO or a device: opening one may block forever
			r.problem(in, 0, fmt.Errorf("not a regular file (%s)", fi.Mode().Type()))
		default:
			err = r.file(in, keyOf(filepath.Base(in)))
		}
		if err != nil {
			return r.sum, err
		}
	}
	return r.sum, nil
}

// longLine returns the 1-based number and the length of the first line of
// text longer than max bytes, or 0, 0. Lines end at \n, \r or \f, as
// [ParseText] splits them (a form feed does not start a new line number).
func longLine(text string, max int) (line, n int) {
	line = 1
	for len(text) > 0 {
		// IndexByte is much faster than IndexAny on long text.
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			i = len(text)
		}
		seg := text[:i]
		if len(seg) > max {
			// \r ends lines too; \f ends pages, not line numbers
			start := 0
			for start < len(seg) {
				j := strings.IndexByte(seg[start:], '\r')
				if j < 0 {
					j = len(seg) - start
				}
				if l := longestPart(seg[start:start+j], max); l > 0 {
					return line, l
				}
				if start+j < len(seg)-1 || start+j == len(seg)-1 && i == len(text) {
					line++ // a lone \r, not the \r of \r\n
				}
				start += j + 1
			}
		}
		if i >= len(text) {
			break
		}
		line++
		text = text[i+1:]
	}
	return 0, 0
}

// longestPart returns the length of the first part of line between form
// feeds that is longer than max, or 0.
func longestPart(line string, max int) int {
	for len(line) > max {
		j := strings.IndexByte(line, '\f')
		if j < 0 {
			return len(line)
		}
		if j > max {
			return j
		}
		line = line[j+1:]
	}
	return 0
}

// keyOf turns a relative path into an id prefix: slashes, no extension
// (nor .gz and the extension inside it).
func keyOf(rel string) string {
	rel = filepath.ToSlash(rel)
	if strings.EqualFold(filepath.Ext(rel), ".gz") {
		rel = strings.TrimSuffix(rel, filepath.Ext(rel))
	}
	return strings.TrimSuffix(rel, filepath.Ext(rel))
}

func (r *reader) problem(path string, line int, err error) {
	r.sum.Problems = append(r.sum.Problems, Problem{Path: path, Line: line, Err: err})
}

func (r *reader) dir(root, dir string, fi os.FileInfo) error {
	for _, d := range r.dirs {
		if os.SameFile(d, fi) {
			return nil // already read: a symbolic link loop or a second link
		}
	}
	r.dirs = append(r.dirs, fi)
	entries, err := os.ReadDir(dir)
	if err != nil {
		r.problem(dir, 0, err)
	}
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		path := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") {
			r.sum.Skipped++
			continue
		}
		info, err := os.Stat(path) // follows links
		if err != nil {
			r.problem(path, 0, err)
			continue
		}
		if info.IsDir() {
			if err := r.dir(root, path, info); err != nil {
				return err
			}
			continue
		}
		if !info.Mode().IsRegular() {
			// not opened (a FIFO could block for ever), but counted
			r.skip(skipExt(name) + " (not a regular file)")
			continue
		}
		if fileType(name) == "" {
			r.skip(skipExt(name))
			continue
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = name
		}
		if err := r.file(path, keyOf(rel)); err != nil {
			return err
		}
	}
	return nil
}

// skip counts a file of a directory left unread, under key in
// Summary.SkippedByExt.
func (r *reader) skip(key string) {
	r.sum.Skipped++
	if r.sum.SkippedByExt == nil {
		r.sum.SkippedByExt = map[string]int{}
	}
	r.sum.SkippedByExt[key]++
}

func fileType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return "txt"
	case ".md", ".markdown":
		return "md"
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".pdf":
		return "pdf"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".gz":
		if fileType(strings.TrimSuffix(name, filepath.Ext(name))) == "" {
			return "" // .tar.gz, .png.gz: nothing inside to read
		}
		return "gz"
	}
	return ""
}

// skipExt returns the extension a skipped file is counted under in
// Summary.SkippedByExt: lower case with its dot, .gz with the inner
// extension (.csv.gz), or "(none)".
func skipExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		if inner := strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name)))); inner != "" {
			ext = inner + ext
		}
	}
	if ext == "" || ext == "." {
		return "(none)"
	}
	return ext
}

// file reads one regular file; it returns only fatal errors.
func (r *reader) file(path, key string) error {
	typ := fileType(path)
	if typ == "" {
		r.problem(path, 0, fmt.Errorf("unsupported file type %q, want .txt, .md, .jsonl, .pdf, .html or one of them in .gz", filepath.Ext(path)))
		return nil
	}
	// A file reached again (named twice, inputs that overlap, a symbolic
	// link) is read once; the directories' walk already reads each
	// directory once.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		if abs, err := filepath.Abs(real); err == nil {
			real = abs
		}
		if _, seen := r.files[real]; seen {
			r.skip(skipExt(path) + " (already read)")
			return nil
		}
		r.files[real] = true
	}
	r.sum.Files++
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, err)
		return nil
	}
	defer f.Close()
	switch typ {
	case "jsonl":
		return r.jsonl(f, path, key)
	case "gz":
		return r.gzip(f, path, key)
	case "pdf":
		if fi, err := f.Stat(); err == nil {
			r.sum.Bytes += fi.Size()
		}
		return r.document(typ, path, path, key, nil) // the tools read the file
	}
	b, err := readFile(f, MaxTextFileSize+1)
	r.sum.Bytes += int64(len(b))
	if err != nil {
		r.problem(path, 0, fmt.Errorf("read: %w", err))
		return nil
	}
	if len(b) > MaxTextFileSize {
		r.problem(path, 0, fmt.Errorf("file larger than %d MiB; split it or convert it to JSONL", MaxTextFileSize>>20))
		return nil
	}
	return r.document(typ, path, path, key, b)
}

// document parses the content b of a .txt, .md, .html or .pdf file and
// passes its passages on. name is the file name the type and title
// fallback come from (for a .gz file, the name inside it). b is nil for
// a PDF file read from path.
func (r *reader) document(typ, path, name, key string, b []byte) error {
	fallback := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	var ps []Passage
	switch typ {
	case "pdf":
		var err error
		ps, err = r.pdf(path, key, fallback, b)
		if err != nil {
			var missing *MissingToolError
			if errors.As(err, &missing) {
				return err // fatal: every PDF would fail the same way
			}
			r.problem(path, 0, err)
			return nil
		}
	case "html":
		var err error
		ps, err = parseHTML(key, path, fallback, b)
		if err != nil {
			r.problem(path, 0, err)
			return nil
		}
	default:
		// The text is b's bytes where they are UTF-8 already: b is
		// not used again.
		text, err := decodeOwned(b)
		if err != nil {
			r.problem(path, 0, err)
			return nil
		}
		b = nil
		if line, n := longLine(text, MaxTextLineSize); line > 0 {
			r.problem(path, 0, fmt.Errorf("line %d is longer than %d MiB (%s at least): not text with paragraphs; split it into lines or convert it to JSONL", line, MaxTextLineSize>>20, byteSize(int64(n))))
			return nil
		}
		if typ != "md" {
			// Plain text is passed on as it is repaired, a page at a
			// time (see eachRepaired).
			return r.repaired(key, path, fallback, text)
		}
		ps = parseMarkdown(key, path, fallback, text)
	}
	if len(ps) == 0 {
		r.problem(path, 0, errors.New("no text found"))
		return nil
	}
	r.sum.Documents++
	for _, p := range ps {
		if err := r.emit(p, path, 0, true); err != nil {
			return err
		}
	}
	return nil
}

// repaired passes on the passages of the plain text of the file at path
// as they are repaired.
func (r *reader) repaired(key, path, fallback, text string) error {
	n := 0
	var fatal error
	var ignored []string
	_, err := eachRepaired(key, path, fallback, text, &ignored, func(p Passage) error {
		if n == 0 {
			r.sum.Documents++
		}
		n++
		fatal = r.emit(p, path, 0, true)
		return fatal
	})
	if fatal != nil {
		return fatal
	}
	if err != nil {
		return err
	}
	if n == 0 {
		r.problem(path, 0, errors.New("no text found"))
	}
	return nil
}

// readFile reads f to its end, or to limit bytes, into a buffer of the
// file's size where it is known: io.ReadAll's doubling buffer held up to
// twice a large file.
func readFile(f *os.File, limit int64) ([]byte, error) {
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = min(fi.Size(), limit)
	}
	// One byte more than the size, to see the end without growing.
	b := make([]byte, 0, size+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF || int64(len(b)) >= limit {
			return b[:min(int64(len(b)), limit)], nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // a file that grew, or of unknown size
		}
	}
}

// origin is where a passage was read: a file and, for JSONL, a line. The
// reader keeps one per passage, where it kept a formatted string.
type origin struct {
	path string
	line int
}

func (o origin) String() string {
	if o.line > 0 {
		return fmt.Sprintf("%s:%d", o.path, o.line)
	}
	return o.path
}

// emit passes p on, after checking its id is new. generated ids that
// collide get a suffix; given ids that collide are a problem.
func (r *reader) emit(p Passage, path string, line int, generated bool) error {
	if first, dup := r.seen[p.ID]; dup {
		if !generated {
			r.problem(path, line, fmt.Errorf("duplicate id %q (first at %s); record skipped", p.ID, first))
			return nil
		}
		base := p.ID
		for i := 2; dup; i++ {
			p.ID = fmt.Sprintf("%s~%d", base, i)
			_, dup = r.seen[p.ID]
		}
	}
	r.seen[p.ID] = origin{path: path, line: line}
	r.sum.Passages++
	if err := r.fn(p); err != nil {
		return err
	}
	return nil
}
