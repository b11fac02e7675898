package glossary

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseDataLines reads a data file written by one of the generators
// (internal/gen-*): one entry a line of n tab-separated fields, "#"
// comment lines and a header line starting with header. row turns the
// fields of a line into an entry, or returns why it cannot; malformed
// lines are reported as [*LineError] of source and skipped.
func parseDataLines(data []byte, source, header string, n int, row func(f []string) (Entry, error)) ([]Entry, []error) {
	entries := make([]Entry, 0, bytes.Count(data, []byte{'\n'}))
	var errs []error
	fail := func(line int, msg string) {
		errs = append(errs, &LineError{source, line, msg})
	}
	f := make([]string, n)
	for line := 1; len(data) > 0; line++ {
		var text []byte
		text, data, _ = bytes.Cut(data, []byte{'\n'})
		if len(text) == 0 || text[0] == '#' || bytes.HasPrefix(text, []byte(header)) {
			continue
		}
		if !utf8.Valid(text) {
			fail(line, "invalid UTF-8")
			continue
		}
		s := string(text) // one allocation a line; the forms share it
		i := 0
		for ; i < n-1; i++ {
			var ok bool
			if f[i], s, ok = strings.Cut(s, "\t"); !ok {
				break
			}
		}
		if i != n-1 || strings.Contains(s, "\t") {
			fail(line, fmt.Sprintf("want %d tab-separated fields", n))
			continue
		}
		f[i] = s
		e, err := row(f)
		if err != nil {
			fail(line, err.Error())
			continue
		}
		entries = append(entries, e)
	}
	return entries, errs
}

// parseConfidence reads a confidence: a number in 0..1.
func parseConfidence(s string) (float64, error) {
	c, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(c >= 0 && c <= 1) {
		return 0, fmt.Errorf("confidence %q: want a number in 0..1", s)
	}
	return c, nil
}
