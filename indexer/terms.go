package indexer

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

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

// HasTerm reports whether field's dictionary has term itself, in at least
// one live passage: an exact lookup, not a range. Terms(field, t, t, nil)
// would not do, as Bleve reads the end of a range inclusively and gives
// t with every term that starts with t (rock would be found in an index
// that has only rocket). On an index snapshot it asks each segment's
// term dictionary for the term (a lookup in its FST), without Bleve's
// merged dictionary (a goroutine and a channel per segment); a segment
// with deleted passages counts the term's live postings.
func (ix *Index) HasTerm(field, term string) (bool, error) {
	adv, err := ix.bix.Advanced()
	if err != nil {
		return false, fmt.Errorf("indexer: term of %s: %w", field, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return false, fmt.Errorf("indexer: term of %s: %w", field, err)
	}
	defer r.Close()
	var found bool
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		found, err = hasTerm(snap, field, []byte(term))
	} else {
		found, err = readerHasTerm(r, field, term)
	}
	if err != nil {
		return false, fmt.Errorf("indexer: term of %s: %w", field, err)
	}
	return found, nil
}

// hasTerm reports whether a segment of snap has term in field's
// dictionary, with a live passage.
func hasTerm(snap *scorch.IndexSnapshot, field string, term []byte) (bool, error) {
	for _, ss := range snap.Segments() {
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return false, err
		}
		ok, err := d.Contains(term)
		if err != nil {
			return false, err
		}
		if !ok {
			continue
		}
		deleted := ss.Deleted()
		if deleted == nil || deleted.IsEmpty() {
			return true, nil
		}
		pl, err := d.PostingsList(term, deleted, nil)
		if err != nil {
			return false, err
		}
		if pl.Count() > 0 {
			return true, nil
		}
	}
	return false, nil
}

// readerHasTerm reports whether r has a live passage with term in field.
func readerHasTerm(r index.IndexReader, field, term string) (bool, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return false, err
	}
	n := tfr.Count()
	if err := tfr.Close(); err != nil {
		return false, err
	}
	return n > 0, nil
}
