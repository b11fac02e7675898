package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/kensaku/kensaku/analyzers"
)

// Format names the kind of directory kensaku writes, in its meta file.
const Format = "kensaku-index"

// metaFile is the name of the file, in an index generation, that describes it.
const metaFile = "kensaku.json"

// Meta describes an index. It is stored with the index as kensaku.json.
type Meta struct {
	Format        string `json:"format"`         // always Format
	SchemaVersion int    `json:"schema_version"` // SchemaVersion when built
	// AnalyzerVersion is analyzers.Version when built: the analysis of
	// queries must match the analysis of the indexed text.
	AnalyzerVersion int       `json:"analyzer_version"`
	Created         time.Time `json:"created"`
	Documents       int       `json:"documents"`
	Passages        int       `json:"passages"`
	Bytes           int64     `json:"bytes"` // bytes of passage text indexed
	// Lengths is, per analysed field, the total number of tokens over all
	// passages. BM25 needs the mean field length; Bleve only approximates it
	// from term-dictionary sizes, so kensaku records its own.
	Lengths map[string]float64 `json:"lengths"`
	Inputs  []string           `json:"inputs,omitempty"`
	// Glossaries are the user glossary files given at build time.
	Glossaries []string `json:"glossaries,omitempty"`
	// Files lists every other file of the generation with its size and
	// checksum, by slash-separated path (see [FileSum]).
	Files map[string]FileSum `json:"files"`
}

// Sentinel errors of Open and Build.
var (
	ErrNoIndex       = errors.New("indexer: no index at path")
	ErrIncompatible  = errors.New("indexer: index built by an incompatible version")
	ErrNotIndex      = errors.New("indexer: directory is not a kensaku index")
	ErrLocked        = errors.New("indexer: another process is writing this index")
	ErrNoInputPassed = errors.New("indexer: no passages to index")
	ErrDamaged       = errors.New("indexer: damaged index")
	ErrNoSpace       = errors.New("indexer: not enough disk space")
	ErrShrink        = errors.New("indexer: refusing to replace an index with a much smaller one (--allow-shrink allows it)")
)

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", filepath.Base(path), err)
	}
	return writeFileSync(path, append(b, '\n'))
}

// writeFileSync writes data to path and syncs it, so that a rename that
// follows publishes complete contents.
func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Close())
	}
	if err := f.Sync(); err != nil {
		return errors.Join(err, f.Close())
	}
	return f.Close()
}

func readMeta(genDir string) (Meta, error) {
	var m Meta
	b, err := os.ReadFile(filepath.Join(genDir, metaFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%w: %s: %v", ErrNotIndex, metaFile, err)
	}
	if m.Format != Format {
		return m, fmt.Errorf("%w: %s has format %q", ErrNotIndex, metaFile, m.Format)
	}
	if m.SchemaVersion != SchemaVersion {
		return m, fmt.Errorf("%w: schema version %d, this kensaku reads %d; rebuild the index with kensaku index",
			ErrIncompatible, m.SchemaVersion, SchemaVersion)
	}
	if m.AnalyzerVersion != analyzers.Version {
		return m, fmt.Errorf("%w: analyzer version %d, this kensaku analyses text with version %d; rebuild the index with kensaku index",
			ErrIncompatible, m.AnalyzerVersion, analyzers.Version)
	}
	if m.Passages <= 0 || m.Documents <= 0 || m.Bytes <= 0 {
		return m, fmt.Errorf("%w: %s counts %d passages, %d documents, %d bytes; the index is damaged, rebuild it",
			ErrDamaged, metaFile, m.Passages, m.Documents, m.Bytes)
	}
	for f, n := range m.Lengths {
		if !(n >= 0) || math.IsInf(n, 0) {
			return m, fmt.Errorf("%w: %s gives field %s the length %v; the index is damaged, rebuild it", ErrDamaged, metaFile, f, n)
		}
	}
	return m, nil
}
