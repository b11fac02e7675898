package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/search"
)

// openSearcher opens the index at indexDir, or the built-in corpus when
// indexDir is empty, with the user glossaries added. Malformed glossary
// rows are reported on stderr and skipped.
func openSearcher(ctx context.Context, e *env, indexDir string, glossaries []string) (search.Searcher, io.Closer, error) {
	eng, err := openEngine(e, indexDir, glossaries)
	if err != nil {
		return nil, nil, err
	}
	return eng, eng, nil
}

func openEngine(e *env, indexDir string, glossaries []string) (*search.Engine, error) {
	entries, err := readGlossaries(e, glossaries)
	if err != nil {
		return nil, err
	}
	opts := search.Options{Glossary: entries}
	if indexDir == "" {
		return search.OpenBuiltin(opts)
	}
	return search.Open(indexDir, opts)
}

// readGlossaries reads user glossary files. A file that cannot be read is
// an error; its malformed rows are reported and skipped.
func readGlossaries(e *env, files []string) ([]glossary.Entry, error) {
	var all []glossary.Entry
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("glossary: %w", err)
		}
		// Shift_JIS, EUC-JP and a byte-order mark as in documents; bytes
		// in no encoding are parsed as they are and cost their rows.
		text, err := corpus.DecodeText(data)
		if err != nil {
			text = string(data)
		}
		entries, errs := glossary.ParseTSV(strings.NewReader(text), glossary.UserSource(name))
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "kensaku: %v (row skipped)\n", err)
		}
		all = append(all, entries...)
	}
	return all, nil
}

// readUserDict reads a user dictionary file, decoded to UTF-8 as
// documents are (Shift_JIS, EUC-JP, a byte-order mark); bytes in no such
// encoding are returned as they are, for the parser to name the line.
func readUserDict(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if text, err := corpus.DecodeText(data); err == nil {
		return []byte(text), nil
	}
	return data, nil
}

// startCPUProfile writes a CPU profile to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
