package indexer

import "fmt"

// Terms returns the terms of field's dictionary from first to last (both
// included; "" leaves that end open) for which keep returns true (nil
// keeps all), in byte order. Terms are read from the term dictionary
// only, without postings, so a range such as the katakana block
// (Terms(FieldText, "ァ", "ヺ\uffff", isKatakana)) reads only that part of
// the dictionary. It works alike on an index on disk and in memory.
func (ix *Index) Terms(field, first, last string, keep func(string) bool) ([]string, error) {
	var lo, hi []byte
	if first != "" {
		lo = []byte(first)
	}
	if last != "" {
		hi = []byte(last)
	}
	d, err := ix.bix.FieldDictRange(field, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("indexer: terms of %s: %w", field, err)
	}
	// Closed however the loop ends, a panic on damaged data included: the
	// dictionary holds Bleve's index lock, which Close waits for.
	closed := false
	defer func() {
		if !closed {
			d.Close()
		}
	}()
	var out []string
	for {
		en, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("indexer: terms of %s: %w", field, err)
		}
		if en == nil {
			break
		}
		if keep == nil || keep(en.Term) {
			out = append(out, en.Term)
		}
	}
	closed = true
	if err := d.Close(); err != nil {
		return nil, fmt.Errorf("indexer: terms of %s: %w", field, err)
	}
	if out, err = ix.liveTerms(field, out); err != nil {
		return nil, fmt.Errorf("indexer: terms of %s: %w", field, err)
	}
	return out, nil
}
