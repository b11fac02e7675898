package glossary

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/edict-words.tsv
var edictWordsTSV []byte

// edictWordsFields are the columns of data/edict-words.tsv.
const edictWordsFields = 3

// EdictWords returns the vocabulary lexicon derived from JMdict/EDICT
// (data/edict-words.tsv, written by internal/gen-edict -words), with
// Source "edict" like [Edict]: one entry per English gloss that names a
// thing, relating it to the Japanese nouns it glosses (public key ↔
// 公開鍵, typhoon ↔ 台風, key ↔ キー|鍵). Each entry's Sense is its
// gloss, so that entries sharing a Japanese word (鍵: key, lock) stay
// apart and are not one sense. The data is parsed on the first call; each
// call returns a fresh copy of the slice.
func EdictWords() ([]Entry, error) {
	e, err := edictWords()
	return cloneEntries(e), err
}

var edictWords = sync.OnceValues(func() ([]Entry, error) {
	entries, errs := parseEdictWords(edictWordsTSV)
	if len(errs) > 0 {
		return entries, fmt.Errorf("glossary: embedded EDICT vocabulary: %w", errors.Join(errs...))
	}
	return entries, nil
})

// parseEdictWords reads the format of data/edict-words.tsv: one entry a
// line,
//
//	english <TAB> japanese <TAB> confidence
//
// with the Japanese forms separated by "|", "#" comments and a header
// line. Malformed lines are reported as [*LineError] and skipped.
func parseEdictWords(data []byte) ([]Entry, []error) {
	entries := make([]Entry, 0, bytes.Count(data, []byte{'\n'}))
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &LineError{SourceEdict, line, fmt.Sprintf(format, args...)})
	}
	for line := 1; len(data) > 0; line++ {
		var text []byte
		text, data, _ = bytes.Cut(data, []byte{'\n'})
		if len(text) == 0 || text[0] == '#' || bytes.HasPrefix(text, []byte("english\t")) {
			continue
		}
		if !utf8.Valid(text) {
			fail(line, "invalid UTF-8")
			continue
		}
		s := string(text) // one allocation a line; the forms share it
		en, rest, ok1 := strings.Cut(s, "\t")
		ja, conf, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || strings.Contains(conf, "\t") {
			fail(line, "want %d tab-separated fields", edictWordsFields)
			continue
		}
		c, err := strconv.ParseFloat(conf, 64)
		if err != nil || !(c >= 0 && c <= 1) {
			fail(line, "confidence %q: want a number in 0..1", conf)
			continue
		}
		e := Entry{
			Sense:      en,
			English:    []string{en},
			Japanese:   splitForms(ja),
			Source:     SourceEdict,
			Confidence: c,
			Evidence:   "EDICT",
		}
		if en == "" || len(e.Japanese) == 0 || len(e.Forms()) < 2 {
			fail(line, "want an English gloss and a Japanese form")
			continue
		}
		entries = append(entries, e)
	}
	return entries, errs
}

// edictWordsData returns the embedded data (for benchmarks).
func edictWordsData() []byte { return edictWordsTSV }
