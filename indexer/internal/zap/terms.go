package zap

import (
	index "github.com/blevesearch/bleve_index_api"
)

// Term is one distinct term of an analysed field as a TermsField hands it
// to a new segment.
type Term struct {
	Term []byte
	// Freq is the number of the term's tokens in the field; 0 when the
	// field skips frequencies and norms.
	Freq int
	// Positions are the 1-based positions of the term's tokens, in the
	// order of the tokens; nil when the field keeps no term vectors.
	Positions []uint64
}

// TermsField is a field that gives a new segment its distinct terms as a
// slice sorted by term, in place of the map of AnalyzedTokenFrequencies:
// Bleve's map costs a map, a string and a TokenFreq per distinct term and
// a location per token for every field of every document, and the
// segment only walks it. The segment reads Terms once the field is
// analysed, and only reads it.
type TermsField interface {
	index.Field
	Terms() []Term
}

// TokenFrequencies returns terms as Bleve's map, for a field that takes
// the map's path (a second value of a field in one document merges into
// the first's) and for AnalyzedTokenFrequencies.
func TokenFrequencies(terms []Term) index.TokenFrequencies {
	tfs := make(index.TokenFrequencies, len(terms))
	for _, t := range terms {
		tf := &index.TokenFreq{Term: t.Term}
		tf.SetFrequency(t.Freq)
		if len(t.Positions) > 0 {
			locs := make([]index.TokenLocation, len(t.Positions))
			tf.Locations = make([]*index.TokenLocation, len(t.Positions))
			for i, p := range t.Positions {
				locs[i] = index.TokenLocation{Position: int(p)}
				tf.Locations[i] = &locs[i]
			}
		}
		tfs[string(t.Term)] = tf
	}
	return tfs
}
