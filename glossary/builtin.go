package glossary

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/kensaku/kensaku/corpus"
)

//go:embed data/curated.tsv
var curatedTSV []byte

//go:embed data/edict.tsv
var edictTSV []byte

//go:generate go run ./internal/gen-edict -o data/edict.tsv
//go:generate go run ./internal/gen-edict -words -o data/edict-words.tsv
//go:generate go run ./internal/gen-edict -phrases -o data/phrasebook.tsv
//go:generate go run ./internal/gen-edict -parts -o data/edict-parts.tsv
//go:generate go run ./internal/gen-sudachi -in /tmp/package/sudachi-synonyms-dictionary.json -o data/sudachi.tsv

// Curated returns the entries of the curated glossary embedded in the
// binary (data/curated.tsv), with Source "curated". The data is parsed
// once; each call returns a fresh copy of the slice.
func Curated() ([]Entry, error) {
	e, err := curated()
	return cloneEntries(e), err
}

// Edict returns the entries of the acronym lexicon derived from JMdict/EDICT
// (data/edict.tsv), with Source "edict". The data is parsed once; each
// call returns a fresh copy of the slice.
func Edict() ([]Entry, error) {
	e, err := edict()
	return cloneEntries(e), err
}

var (
	curated = sync.OnceValues(func() ([]Entry, error) {
		return parseEmbedded(curatedTSV, SourceCurated)
	})
	edict = sync.OnceValues(func() ([]Entry, error) {
		return parseEmbedded(edictTSV, SourceEdict)
	})
)

func parseEmbedded(data []byte, source string) ([]Entry, error) {
	entries, errs := ParseTSV(bytes.NewReader(data), source)
	if len(errs) > 0 {
		return entries, fmt.Errorf("glossary: embedded %s glossary: %w", source, errors.Join(errs...))
	}
	return entries, nil
}

// cloneEntries copies entries deeply enough that callers may modify them.
func cloneEntries(in []Entry) []Entry {
	out := make([]Entry, len(in))
	for i, e := range in {
		e.English = append([]string(nil), e.English...)
		e.Japanese = append([]string(nil), e.Japanese...)
		e.Aliases = append([]string(nil), e.Aliases...)
		e.NoTrigger = append([]string(nil), e.NoTrigger...)
		out[i] = e
	}
	return out
}

// ReadTSVFile reads a user glossary file (see [ParseTSV]) with Source
// "user:" + path. Malformed rows are returned as errors beside the entries
// of the other rows; failing to open the file is returned alone.
func ReadTSVFile(path string) ([]Entry, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{fmt.Errorf("glossary: open %s: %w", path, err)}
	}
	defer f.Close()
	return ParseTSV(f, UserSource(path))
}

// curatedData and edictData return the embedded TSV (for benchmarks).
func curatedData() []byte { return curatedTSV }
func edictData() []byte   { return edictTSV }

// MinePassages mines every passage (see [Mine]) and returns the entries
// merged as [New] merges them: one entry per definition, with the evidence
// of the passages that give it and more confidence when several do. This
// is what the indexer stores with an index by [WriteFile].
func MinePassages(passages []corpus.Passage) []Entry {
	var raw []Entry
	for _, p := range passages {
		raw = append(raw, Mine(p.ID, p.Text)...)
	}
	return New(raw).Entries()
}

// Load builds the glossary used at search time: the curated glossary, the
// EDICT and Sudachi lexicons, the user glossaries in userFiles (TSV, see [ParseTSV]) and
// the mined entries (from [ReadFile] of the index's [FileName]). The
// returned errors are warnings: malformed user rows (skipped) and user
// files that cannot be read; the glossary holds everything else. An error
// in the embedded data is reported the same way and cannot happen in a
// tested build.
func Load(userFiles []string, mined []Entry) (*Glossary, []error) {
	var all []Entry
	var errs []error
	cur, err := Curated()
	if err != nil {
		errs = append(errs, err)
	}
	all = append(all, cur...)
	ed, err := Edict()
	if err != nil {
		errs = append(errs, err)
	}
	all = append(all, ed...)
	words, err := EdictWords()
	if err != nil {
		errs = append(errs, err)
	}
	all = append(all, words...)
	syn, err := Sudachi()
	if err != nil {
		errs = append(errs, err)
	}
	all = append(all, syn...)
	for _, f := range userFiles {
		entries, ferrs := ReadTSVFile(f)
		all = append(all, entries...)
		errs = append(errs, ferrs...)
	}
	all = append(all, mined...)
	return New(all), errs
}
