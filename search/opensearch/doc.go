// Package opensearch takes a kensaku index to OpenSearch or Elasticsearch:
// it writes the index settings and mappings, the glossary as synonym rules
// and the passages as _bulk files ([Export]), and translates kensaku queries
// into the Query DSL ([Query]).
//
// # Analysis
//
// The exported settings define, from the analysis-kuromoji and common
// Lucene components that both engines ship:
//
//   - "kensaku_ja", as close to kensaku's morphological analyzer as those
//     components allow: width folding (full-width ASCII, half-width
//     katakana) and white space between Japanese characters removed by char
//     filters, kana iteration marks expanded, the kuromoji tokenizer in
//     search mode with kensaku's user dictionary as user-dictionary rules,
//     base forms, kensaku's part-of-speech and Japanese stop lists, CJK
//     width, the katakana stemmer (final ー of words of four letters or
//     more), lowercase, English stop words, possessives and Snowball
//     English stemming, words in capitals kept from the stemmer;
//   - "kensaku_bigram", for the text.bigram sub-field: character bigrams of
//     CJK runs (CJKBigramFilter), the pairs of two hiragana left out, Latin
//     words as in kensaku_ja;
//   - one search analyzer per confidence tier, "kensaku_ja_syn_strong" and
//     so on: kensaku_ja followed by a synonym_graph filter whose rules (Solr
//     format) are the glossary's entries of that tier.
//
// # Glossary
//
// Every entry of the glossary in use (mined from the index, curated, user,
// EDICT, Sudachi) becomes one rule: its forms, equivalent to each other. A
// form that must not expand a query (Sudachi's expandControl, an acronym
// that is a common word or has two letters, which kensaku expands only
// when written in capitals) is only on the right of an explicit mapping.
// synonym_graph has no weights, so confidence is approximated by tiers:
// an entry goes to the tier of its confidence ([Tiers]), and a query
// searches each tier's analyzer at a boost of kensaku's equivalent weight
// times the tier's confidence. Hops from entry to entry (kensaku's
// transitive expansion) are one level only: an input form expands into
// the forms of every rule that holds it, not further.
//
// # Queries
//
// [Query] translates a [search.Request] as kensaku plans it: for each
// chunk of the query a phrase (weight 2) above all its words (1) above
// any word (1) with the bigram sub-field at 0.5, the title field, and the
// synonym clauses at the tier weights scaled by the square of the share
// of the chunk that the glossary term covers; filters as filter clauses;
// highlighting of the text field with <mark>; facets as terms
// aggregations. What cannot be reproduced is listed in docs/opensearch.md.
package opensearch
