package indexer

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
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

// AnyTerm reports whether Terms(field, first, last, nil) would return
// a term. On an index snapshot it stops at the first term of each
// segment's dictionary in the range, without Bleve's merged dictionary
// (a goroutine and a channel per segment, and every term of the range
// read); a range of one term, Terms(field, t, t, nil), is t and the terms
// that start with t, as Bleve reads an inclusive end. With passages
// deleted it reads the terms as Terms does.
func (ix *Index) AnyTerm(field, first, last string) (bool, error) {
	if ix.Bigrams == nil || ix.Bigrams.set == nil || ix.Bigrams.set.deleted.IsEmpty() {
		adv, err := ix.bix.Advanced()
		if err != nil {
			return false, fmt.Errorf("indexer: terms of %s: %w", field, err)
		}
		r, err := adv.Reader()
		if err != nil {
			return false, fmt.Errorf("indexer: terms of %s: %w", field, err)
		}
		defer r.Close()
		if snap, ok := r.(*scorch.IndexSnapshot); ok {
			found, err := anyTerm(snap, field, first, last)
			if err != nil {
				return false, fmt.Errorf("indexer: terms of %s: %w", field, err)
			}
			return found, nil
		}
	}
	terms, err := ix.Terms(field, first, last, nil)
	return len(terms) > 0, err
}

// anyTerm reports whether a segment of snap has a term of field from
// first to last, both included ("" leaves that end open), with the
// bounds Bleve's FieldDictRange gives the segments' dictionaries.
func anyTerm(snap *scorch.IndexSnapshot, field, first, last string) (bool, error) {
	var lo, hi []byte
	if first != "" {
		lo = []byte(first)
	}
	if last != "" {
		// The exclusive end after an inclusive one, as Bleve computes it.
		hi = []byte(last)
		if hi[len(hi)-1] < 0xff {
			hi[len(hi)-1]++
		} else {
			hi = append(hi, 0)
		}
	}
	for _, ss := range snap.Segments() {
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return false, err
		}
		it := d.AutomatonIterator(nil, lo, hi)
		en, err := it.Next()
		if err != nil {
			return false, err
		}
		if en != nil {
			return true, nil
		}
	}
	return false, nil
}
