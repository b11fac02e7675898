package glossary

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLineBytes bounds one TSV line; longer lines are reported and skipped.
const maxLineBytes = 64 << 10

// LineError reports a malformed glossary row.
type LineError struct {
	Source string // source name, such as "user:terms.tsv"
	Line   int    // 1-based line number
	Msg    string
}

func (e *LineError) Error() string {
	name := e.Source
	if k := SourceKind(name); k == SourceUser {
		name = strings.TrimPrefix(name, SourceUser+":")
	}
	return fmt.Sprintf("glossary: %s:%d: %s", name, e.Line, e.Msg)
}

// defaultConfidence returns the confidence of a source's rows that give none.
func defaultConfidence(source string) float64 {
	switch SourceKind(source) {
	case SourceCurated:
		return ConfidenceCurated
	case SourceEdict:
		return ConfidenceEdict
	case SourceCorpus:
		return ConfidenceLetters
	}
	return ConfidenceUser
}

// ParseTSV reads glossary rows in the TSV format described in the package
// documentation and returns the entries of the well-formed rows, with
// Source set to source. Each malformed row yields a [*LineError] naming its
// line and is skipped; a read error ends parsing and is returned last.
func ParseTSV(r io.Reader, source string) ([]Entry, []error) {
	var (
		entries []Entry
		errs    []error
	)
	conf := defaultConfidence(source)
	first := true // no row seen yet: a header may come
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		text, long, err := readLine(br)
		if long {
			errs = append(errs, &LineError{source, line, fmt.Sprintf("line longer than %d bytes", maxLineBytes)})
			text = ""
		}
		if text != "" {
			e, ok, perr := parseRow(text, first, source, conf)
			if t := strings.TrimSpace(strings.TrimPrefix(text, "\ufeff")); t != "" && !strings.HasPrefix(t, "#") {
				first = false
			}
			if perr != "" {
				errs = append(errs, &LineError{source, line, perr})
			} else if ok {
				entries = append(entries, e)
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				errs = append(errs, fmt.Errorf("glossary: read %s: %w", source, err))
			}
			break
		}
	}
	return entries, errs
}

// readLine reads one line with its newline. A line longer than
// maxLineBytes is read to its end but not kept (so a huge file without a
// line break takes no memory): long is set and text is empty.
func readLine(br *bufio.Reader) (text string, long bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(buf)+len(chunk) > maxLineBytes {
				long, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return string(buf), long, err
	}
}

// parseRow parses one line. ok is false for comments, blank lines and the
// header; msg is non-empty for malformed rows.
func parseRow(text string, first bool, source string, conf float64) (e Entry, ok bool, msg string) {
	text = strings.TrimRight(text, "\r\n")
	text = strings.TrimPrefix(text, "\ufeff")
	if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
		return e, false, ""
	}
	if !utf8.ValidString(text) {
		return e, false, "invalid UTF-8"
	}
	f := strings.Split(text, "\t")
	if first && strings.EqualFold(strings.TrimSpace(f[0]), "acronym") {
		return e, false, ""
	}
	if len(f) < 3 {
		return e, false, fmt.Sprintf("got %d tab-separated fields, want 3 to 5 (acronym, english, japanese[, note[, confidence]])", len(f))
	}
	if len(f) > 5 {
		return e, false, fmt.Sprintf("got %d tab-separated fields, want at most 5", len(f))
	}
	e = Entry{
		Acronym:    cleanForm(f[0]),
		English:    splitAlternatives(f[1]),
		Japanese:   splitAlternatives(f[2]),
		Source:     source,
		Confidence: conf,
	}
	if strings.Contains(e.Acronym, "|") {
		return e, false, fmt.Sprintf("acronym %q: one acronym per row (write one row per spelling)", e.Acronym)
	}
	if len(f) >= 4 {
		e.Evidence = strings.TrimSpace(f[3])
	}
	if len(f) == 5 && strings.TrimSpace(f[4]) != "" {
		c, err := parseConfidence(f[4])
		if err != nil {
			return e, false, err.Error()
		}
		e.Confidence = c
	}
	if len(e.Forms()) < 2 {
		return e, false, "need at least two forms (acronym, english, japanese)"
	}
	for _, s := range e.Forms() {
		if Normalize(s) == "" {
			return e, false, fmt.Sprintf("form %q is empty after normalisation", s)
		}
	}
	return e, true, ""
}

// splitAlternatives splits a field on "|" and drops empty alternatives.
func splitAlternatives(field string) []string {
	var out []string
	for _, s := range strings.Split(field, "|") {
		if s = cleanForm(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// WriteTSV writes entries in the TSV format read by [ParseTSV], with a
// header; the confidence column is written when withConfidence is set.
// Tabs, newlines and "|" inside forms are replaced by spaces.
func WriteTSV(w io.Writer, entries []Entry, withConfidence bool) error {
	bw := bufio.NewWriter(w)
	header := "acronym\tenglish\tjapanese\tnote"
	if withConfidence {
		header += "\tconfidence"
	}
	bw.WriteString(header + "\n")
	field := func(s string) string {
		return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "|", " ").Replace(s)
	}
	join := func(ss []string) string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = field(s)
		}
		return strings.Join(out, "|")
	}
	for _, e := range entries {
		row := field(e.Acronym) + "\t" + join(e.English) + "\t" + join(e.Japanese) + "\t" + field(e.Evidence)
		if withConfidence {
			row += "\t" + strconv.FormatFloat(e.Confidence, 'f', 2, 64)
		}
		bw.WriteString(row + "\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("glossary: write tsv: %w", err)
	}
	return nil
}
