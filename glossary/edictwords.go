package glossary

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"
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
	return parseDataLines(data, SourceEdict, "english\t", edictWordsFields, func(f []string) (Entry, error) {
		c, err := parseConfidence(f[2])
		if err != nil {
			return Entry{}, err
		}
		e := Entry{
			Sense:      f[0],
			English:    []string{f[0]},
			Japanese:   splitForms(f[1]),
			Source:     SourceEdict,
			Confidence: c,
			Evidence:   "EDICT",
		}
		if f[0] == "" || len(e.Japanese) == 0 || len(e.Forms()) < 2 {
			return Entry{}, errors.New("want an English gloss and a Japanese form")
		}
		return e, nil
	})
}

// edictWordsData returns the embedded data (for benchmarks).
func edictWordsData() []byte { return edictWordsTSV }
