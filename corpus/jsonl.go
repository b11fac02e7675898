package corpus

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// MaxLineSize bounds a JSONL line; a longer line is a problem, and reading
// goes on at the next line.
const MaxLineSize = 16 << 20

// sniffSize is how much of a JSONL file is examined to detect its encoding.
const sniffSize = 64 << 10

// ReadJSONL reads passages from a JSONL stream, one JSON object a line, and
// calls fn for each in order; name is used in problems, as the passages'
// Source, and for the document title and generated ids. The stream is read
// line by line, never whole.
//
// Fields of a record:
//
//   - id: a string, or a number (kept as written); kept exactly. A record
//     without id gets one made of the file name and a hash of the line,
//     stable across runs.
//   - text (required), title, document: strings. The passage's Document is
//     document, else title, else the file name without extension.
//   - page: an integer, or a string holding one; another value goes to Meta.
//   - section: a string or an array of strings.
//   - kind: body, heading, caption or reference; another value goes to Meta.
//   - any other field goes to Meta as decoded by encoding/json.
//
// Blank lines are skipped. A line that is not a JSON object, has no text,
// repeats an earlier id, is not valid UTF-8 or is longer than
// [MaxLineSize] is recorded in Summary.Problems with its line number and
// skipped. ReadJSONL returns an error only when ctx is done or fn fails.
func ReadJSONL(ctx context.Context, rd io.Reader, name string, fn func(Passage) error) (Summary, error) {
	r := &reader{ctx: ctx, fn: fn, seen: map[string]origin{}}
	r.sum.Files = 1
	base := filepath.Base(name)
	err := r.jsonl(rd, name, keyOf(base))
	return r.sum, err
}

// jsonl reads one JSONL file; it returns only fatal errors.
func (r *reader) jsonl(rd io.Reader, path, key string) error {
	cr := &countReader{r: rd}
	defer func() { r.sum.Bytes += cr.n }()
	br := bufio.NewReaderSize(cr, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		r.problem(path, 0, fmt.Errorf("read: %w", err))
		return nil
	}
	enc, skip, err := detectEncoding(head, len(head) == sniffSize)
	if errors.Is(err, errEmpty) && len(head) == sniffSize {
		enc, err = encUTF8, nil // white space so far; lines will tell
	}
	if errors.As(err, new(unknownEncodingError)) {
		// JSON is UTF-8 by definition: a file that is neither UTF-8 nor a
		// Japanese legacy encoding is read as UTF-8, and each line with an
		// invalid byte is reported and skipped, not the whole file.
		enc, err = encUTF8, nil
	}
	if err != nil {
		r.problem(path, 0, err)
		return nil
	}
	if _, err := br.Discard(skip); err != nil {
		r.problem(path, 0, fmt.Errorf("read: %w", err))
		return nil
	}
	if d := decoderFor(enc); d != nil {
		br = bufio.NewReaderSize(transform.NewReader(br, d), sniffSize)
	}
	fallback := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	docs := map[string]bool{}
	defer func() { r.sum.Documents += len(docs) }()
	var buf []byte
	for line := 1; ; line++ {
		if line%1024 == 0 {
			if err := r.ctx.Err(); err != nil {
				return err
			}
		}
		b, long, rerr := readLine(br, buf[:0])
		buf = b
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			r.problem(path, line, fmt.Errorf("read: %w", rerr))
			return nil
		}
		if len(b) == 0 && !long && errors.Is(rerr, io.EOF) {
			if line == 1 {
				r.problem(path, 0, errEmpty)
			}
			return nil
		}
		switch {
		case long:
			r.problem(path, line, fmt.Errorf("line longer than %d MiB; skipped", MaxLineSize>>20))
		case len(bytes.TrimSpace(b)) == 0:
		case !utf8.Valid(b):
			r.problem(path, line, errors.New("invalid UTF-8"))
		default:
			p, err := parseRecord(b, key, fallback)
			if err != nil {
				r.problem(path, line, err)
				break
			}
			p.Source = path
			docs[p.Document] = true
			if err := r.emit(p, path, line, false); err != nil {
				return err
			}
		}
		if errors.Is(rerr, io.EOF) {
			return nil
		}
	}
}

// readLine reads one line, without its end, appending to buf. long reports
// that the line exceeded MaxLineSize; its content is then dropped.
func readLine(br *bufio.Reader, buf []byte) (b []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(buf)+len(chunk) > MaxLineSize+2 {
				long, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if !long && len(buf) > MaxLineSize {
			long, buf = true, buf[:0]
		}
		return buf, long, err
	}
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// parseRecord turns one JSONL line, valid UTF-8, into a passage.
func parseRecord(line []byte, key, fallback string) (Passage, error) {
	if p, ok := parseFlat(line, key, fallback); ok {
		return p, nil
	}
	return parseGeneral(line, key, fallback)
}

// parseFlat is parseRecord for the common record, a flat object of string
// fields among id, text, title and document, each once: it reads the line
// once, where parseGeneral decodes it into a map and then each field
// again (reading JSON took 6% of a build's CPU time). It reports false for
// any other line, and for a record parseGeneral refuses, so that
// parseGeneral decodes or reports it; it returns what parseGeneral would
// (TestParseFlat).
func parseFlat(line []byte, key, fallback string) (Passage, bool) {
	var (
		p                   Passage
		seen                [4]bool // id, text, title, document
		i                   int
		hasID, ok, finished bool
	)
	i = skipJSONSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return p, false
	}
	for !finished {
		i = skipJSONSpace(line, i+1)
		var name string
		if name, i, ok = flatString(line, i); !ok {
			return p, false
		}
		f := -1
		switch name {
		case "id":
			f = 0
		case "text":
			f = 1
		case "title":
			f = 2
		case "document":
			f = 3
		}
		if f < 0 || seen[f] {
			return p, false
		}
		seen[f] = true
		if i = skipJSONSpace(line, i); i >= len(line) || line[i] != ':' {
			return p, false
		}
		var v string
		if v, i, ok = flatString(line, skipJSONSpace(line, i+1)); !ok {
			return p, false
		}
		switch f {
		case 0:
			p.ID, hasID = v, true
		case 1:
			p.Text = v
		case 2:
			p.Title = v
		case 3:
			p.Document = v
		}
		if i = skipJSONSpace(line, i); i >= len(line) {
			return p, false
		}
		switch line[i] {
		case ',':
		case '}':
			finished = true
		default:
			return p, false
		}
	}
	if skipJSONSpace(line, i+1) != len(line) || !seen[1] || hasID && p.ID == "" ||
		trimSpace(p.Text) == "" && trimSpace(p.Title) == "" {
		return p, false
	}
	if !hasID {
		h := sha256.Sum256(bytes.TrimSpace(line))
		p.ID = key + "#" + hex.EncodeToString(h[:6])
	}
	p.Document = documentOf(p, fallback)
	p.Kind = KindBody
	return p, true
}

// skipJSONSpace returns the index of the first byte of b from i on that
// is not JSON white space.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// flatString decodes the JSON string at b[i] and returns it with the index
// just past it; false when b[i] starts no valid string. A string with an
// escape is decoded by encoding/json.
func flatString(b []byte, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			if !escaped {
				return string(b[i+1 : j]), j + 1, true
			}
			var s string
			if json.Unmarshal(b[i:j+1], &s) != nil {
				return "", j, false
			}
			return s, j + 1, true
		case c == '\\':
			escaped = true
			j++ // the escaped byte: an escape's own bytes are ASCII, none a quote but \"
		case c < 0x20:
			return "", j, false
		}
	}
	return "", len(b), false
}

// parseGeneral is parseRecord for any line.
func parseGeneral(line []byte, key, fallback string) (Passage, error) {
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(line, &rec); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return Passage{}, errors.New("not a JSON object")
		}
		return Passage{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if rec == nil {
		return Passage{}, errors.New("not a JSON object")
	}
	var p Passage
	str := func(field string) (string, error) {
		raw, ok := rec[field]
		delete(rec, field)
		if !ok || string(raw) == "null" {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("field %q must be a string", field)
		}
		return s, nil
	}
	var err error
	if raw, ok := rec["id"]; ok && string(raw) != "null" {
		delete(rec, "id")
		var s string
		var n json.Number
		switch {
		case json.Unmarshal(raw, &s) == nil:
			p.ID = s
		case json.Unmarshal(raw, &n) == nil:
			p.ID = n.String()
		default:
			return Passage{}, errors.New(`field "id" must be a string or a number`)
		}
		if p.ID == "" {
			return Passage{}, errors.New(`field "id" is empty`)
		}
	} else {
		delete(rec, "id")
		h := sha256.Sum256(bytes.TrimSpace(line))
		p.ID = key + "#" + hex.EncodeToString(h[:6])
	}
	if _, ok := rec["text"]; !ok {
		return Passage{}, errors.New(`no "text" field`)
	}
	if p.Text, err = str("text"); err != nil {
		return Passage{}, err
	}
	if p.Title, err = str("title"); err != nil {
		return Passage{}, err
	}
	if p.Document, err = str("document"); err != nil {
		return Passage{}, err
	}
	if trimSpace(p.Text) == "" && trimSpace(p.Title) == "" {
		return Passage{}, errors.New("empty text")
	}
	p.Document = documentOf(p, fallback)
	if raw, ok := rec["page"]; ok {
		var n json.Number
		var s string
		if json.Unmarshal(raw, &n) == nil || json.Unmarshal(raw, &s) == nil && s != "" {
			if s == "" {
				s = n.String()
			}
			if v, err := strconv.Atoi(s); err == nil && v >= 0 {
				p.Page = v
				delete(rec, "page")
			}
		}
	}
	if raw, ok := rec["section"]; ok && string(raw) != "null" {
		delete(rec, "section")
		var s string
		var ss []string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			if s != "" {
				p.Section = []string{s}
			}
		case json.Unmarshal(raw, &ss) == nil:
			p.Section = ss
		default:
			return Passage{}, errors.New(`field "section" must be a string or an array of strings`)
		}
	}
	p.Kind = KindBody
	if raw, ok := rec["kind"]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			switch k := Kind(s); k {
			case KindBody, KindHeading, KindCaption, KindReference:
				p.Kind = k
				delete(rec, "kind")
			}
		}
	}
	if len(rec) > 0 {
		p.Meta = make(map[string]any, len(rec))
		for k, raw := range rec {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				return Passage{}, fmt.Errorf("field %q: %w", k, err)
			}
			p.Meta[k] = v
		}
	}
	return p, nil
}

// documentOf returns the document a record names, else its title, else
// fallback (the file's).
func documentOf(p Passage, fallback string) string {
	switch {
	case p.Document != "":
		return p.Document
	case p.Title != "":
		return p.Title
	}
	return fallback
}
