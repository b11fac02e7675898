package glossary

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/kensaku/kensaku/corpus"
)

//go:generate go run ./internal/gen-edict -o ../../corpus/data/glossary/edict.tsv

// Curated returns the entries of the curated glossary embedded in the
// binary (corpus.CuratedGlossary), with Source "curated". The data is parsed
// once; each call returns a fresh copy of the slice.
func Curated() ([]Entry, error) {
	e, err := curated()
	return cloneEntries(e), err
}

// Edict returns the entries of the acronym lexicon derived from JMdict/EDICT
// (corpus.EdictGlossary), with Source "edict". The data is parsed once; each
// call returns a fresh copy of the slice.
func Edict() ([]Entry, error) {
	e, err := edict()
	return cloneEntries(e), err
}

var (
	curated = sync.OnceValues(func() ([]Entry, error) {
		return parseEmbedded(corpus.CuratedGlossary(), SourceCurated)
	})
	edict = sync.OnceValues(func() ([]Entry, error) {
		return parseEmbedded(corpus.EdictGlossary(), SourceEdict)
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
func curatedData() []byte { return corpus.CuratedGlossary() }
func edictData() []byte   { return corpus.EdictGlossary() }
