// Package analyzers provides the Bleve analysis components of kensaku: a
// Kagome (IPA dictionary) tokenizer whose tokens carry byte offsets into the
// original text, normalisation and filters for mixed Japanese/English text,
// the morphological analyzer and a character-bigram analyzer for recall.
//
// Importing the package registers the components in Bleve's registry, so
// that an index opened later finds them.
package analyzers
