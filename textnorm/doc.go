// Package textnorm is kensaku's text model: the character classes
// (Japanese, kana, katakana, kanji, CJK, word letters and digits, white
// space) and the normalisation that the corpus readers, the analyzers and
// the glossary share, so that what the analyzers index, what a query is
// analysed into and what a glossary key holds cannot disagree.
//
// It is a leaf package: it imports only the standard library and
// golang.org/x/text, never Bleve, so that corpus may use it too.
//
// # Where to start
//
// [Normalize] is the character-level normalisation applied to all text
// before tokens are cut (NFKC, kana iteration marks, format and control
// characters, white space between Japanese characters). It writes a
// [Text]: the normalised bytes with, for each byte, the range of the
// original bytes it came from, so that tokens and matches report exact
// offsets into the original text. It is on the hot path of index builds.
//
// [Key] adds the term-level folds (lower case, katakana words folded by
// [FoldKatakana], newlines as spaces): it is the form in which the
// analyzers see a word, and the key under which the glossary stores and
// finds its forms. [KeyText] computes the same key with its offset map.
//
// The classes ([IsJapanese], [IsCJK], [IsKatakanaLetter], [IsWordRune],
// ...) apply to normalised text unless their name says otherwise
// ([IsJapaneseRaw] is for text before normalisation, as the corpus
// readers see it).
package textnorm
