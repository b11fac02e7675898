package glossary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the name of the mined-glossary file in an index directory.
const FileName = "glossary.json"

// fileFormat is the JSON document written by WriteFile.
type fileFormat struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// fileVersion is the version of the JSON format written by WriteFile.
const fileVersion = 1

// WriteFile writes entries to path as JSON, atomically: it writes a
// temporary file beside path and renames it into place.
func WriteFile(path string, entries []Entry) error {
	if entries == nil {
		entries = []Entry{}
	}
	data, err := json.MarshalIndent(fileFormat{Version: fileVersion, Entries: entries}, "", "  ")
	if err != nil {
		return fmt.Errorf("glossary: encode %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("glossary: write %s: %w", path, err)
	}
	_, werr := f.Write(append(data, '\n'))
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("glossary: write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("glossary: write %s: %w", path, err)
	}
	return nil
}

// ReadFile reads entries written by [WriteFile]. It also accepts a bare
// JSON array of entries.
func ReadFile(path string) ([]Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("glossary: read %s: %w", path, err)
	}
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var entries []Entry
		if err := json.Unmarshal(data, &entries); err != nil {
			return nil, fmt.Errorf("glossary: decode %s: %w", path, err)
		}
		return entries, nil
	}
	var ff fileFormat
	if err := json.Unmarshal(data, &ff); err != nil {
		return nil, fmt.Errorf("glossary: decode %s: %w", path, err)
	}
	if ff.Version > fileVersion {
		return nil, fmt.Errorf("glossary: decode %s: version %d, want at most %d", path, ff.Version, fileVersion)
	}
	return ff.Entries, nil
}
