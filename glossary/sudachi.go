package glossary

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/sudachi.tsv
var sudachiTSV []byte

// SourceSudachi is the source of the entries of SudachiDict's synonym
// dictionary, [Sudachi].
const SourceSudachi = "sudachi"

// sudachiFields are the columns of data/sudachi.tsv.
const sudachiFields = 7

// Sudachi returns the entries derived from the synonym dictionary of
// SudachiDict (WorksApplications, Apache License 2.0; data/sudachi.tsv,
// written by internal/gen-sudachi), with Source "sudachi": one entry per
// sense of a synonym group (a word with its spellings, translations,
// abbreviations and old or other names: debris ↔ デブリ, UN ↔ 国連 ↔
// 国際連合 ↔ United Nations), Sense "group/number". Forms Sudachi marks
// as not expanding by themselves are in [Entry.NoTrigger]. The data is
// parsed on the first call; each call returns a fresh copy of the slice.
func Sudachi() ([]Entry, error) {
	e, err := sudachi()
	return cloneEntries(e), err
}

var sudachi = sync.OnceValues(func() ([]Entry, error) {
	entries, errs := parseSudachi(sudachiTSV)
	if len(errs) > 0 {
		return entries, fmt.Errorf("glossary: embedded %s lexicon: %w", SourceSudachi, errors.Join(errs...))
	}
	return entries, nil
})

// parseSudachi reads the format of data/sudachi.tsv (see
// internal/gen-sudachi): one entry a line,
//
//	sense <TAB> confidence <TAB> acronym <TAB> english <TAB> japanese <TAB> aliases <TAB> no_trigger
//
// with alternatives separated by "|", "#" comments and a header line.
// Malformed lines are reported as [*LineError] and skipped.
func parseSudachi(data []byte) ([]Entry, []error) {
	return parseDataLines(data, SourceSudachi, "sense\t", sudachiFields, func(f []string) (Entry, error) {
		c, err := parseConfidence(f[1])
		if err != nil {
			return Entry{}, err
		}
		e := Entry{
			Sense:      f[0],
			Acronym:    f[2],
			English:    splitForms(f[3]),
			Japanese:   splitForms(f[4]),
			Aliases:    splitForms(f[5]),
			NoTrigger:  splitForms(f[6]),
			Source:     SourceSudachi,
			Confidence: c,
			Evidence:   "SudachiDict synonyms",
		}
		if e.Sense == "" || len(e.Forms()) < 2 {
			return Entry{}, errors.New("want a sense and at least two forms")
		}
		return e, nil
	})
}

// splitForms splits a field on "|"; the forms are written clean by the
// generator.
func splitForms(field string) []string {
	if field == "" {
		return nil
	}
	return strings.Split(field, "|")
}

// sudachiData returns the embedded data (for benchmarks).
func sudachiData() []byte { return sudachiTSV }
