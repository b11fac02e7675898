// Package analyzers provides the Bleve analysis components of kensaku: a
// Kagome (IPA dictionary) tokenizer whose tokens carry byte offsets into the
// original text, normalisation and filters for mixed Japanese/English text,
// the morphological analyzer and a character-bigram analyzer for recall.
//
// Importing the package registers the components in Bleve's registry, so
// that an index opened later finds them:
//
//   - analyzer [Japanese] ("kensaku_ja"): the morphological analyzer;
//   - analyzer [Bigram] ("kensaku_bigram"): character bigrams for a
//     secondary recall field;
//   - tokenizer types [MorphTokenizer] and [BigramTokenizer], which custom
//     analyzers of an index mapping refer to ([DefineAnalyzers]).
//
// # Analysis
//
// Both analyzers first normalise characters without losing track of the
// original bytes (NFKC: ＳＳＡ → SSA, ｻｰﾊﾞｰ → サーバー, full-width digits;
// kana iteration marks; white space inside Japanese text, such as the line
// breaks of PDF extraction, removed). Offsets always point into the
// original text, so Bleve's highlighter cuts it correctly; positions start
// at 1; a dropped word (particle, symbol, stop word) keeps its position, so
// that a phrase never matches across it: 宇宙状況監視 is at positions 1 2 3
// and 宇宙の状況を監視 at 1 3 5.
//
// The morphological analyzer ([Morph]) then cuts the text in three kinds of
// pieces:
//
//   - katakana words (letters, ー, and ・ between letters) become one term
//     each, with the ・ removed and a final ー removed from words of four
//     letters or more: グローバル・センチネル and グローバルセンチネル give
//     グローバルセンチネル, サーバー and サーバ give サーバ. IPADIC cuts
//     loanwords differently by context (サイバー alone → サイ|バー), so a
//     context-free rule keeps queries and documents consistent; substrings of
//     long katakana compounds are found through the bigram index, or split
//     for good by a user dictionary entry.
//   - Latin and numeric words (SSA, Awareness, 2019, 3.5) are lowercased;
//     words in capitals of two letters or more are acronyms and stay as they
//     are (IT stays "it" where the pronoun "it" is a stop word); other words
//     lose a possessive 's, English stop words are dropped, and the rest is
//     stemmed with Snowball English (exercises → exercis).
//   - the rest (kanji, hiragana, punctuation) goes through Kagome in Search
//     mode, one sentence (or at most about a kilobyte) at a time, which
//     bounds the lattice for long input. Verbs and adjectives become their
//     base form (派遣し → 派遣 する, 行われる → 行う); particles, auxiliaries,
//     conjunctions, symbols and fillers are dropped by part of speech, and a
//     short Japanese stop list removes demonstratives and formal nouns.
//
// The bigram analyzer ([BigramTok]) cuts every run of CJK characters into
// overlapping pairs (a single character alone stays a unigram), after the
// same katakana folding, and keeps Latin and numeric words whole exactly as
// the morphological analyzer does. Pairs of two hiragana (した, のは) are
// left out: they are mostly particles and endings, nearly every passage
// has them, and the morphological analyzer covers hiragana words.
//
// The character classes and the normalisation are package textnorm's,
// shared with the corpus readers and the glossary. [Normalize] applies the
// same term-level normalisation to a string ([textnorm.Key]), for keys that
// must agree with analysed text, such as the glossary's. [Terms] returns the terms an
// analyzer makes of a string; [Explain] adds offsets and parts of speech.
//
// # User dictionary
//
// Domain words the IPA dictionary cuts wrongly go in a user dictionary, one
// entry a line, in TSV or in Kagome's (Kuromoji's) CSV format:
//
//	# comment
//	立ち上げ
//	机上演習<TAB>机上 演習<TAB>名詞,一般
//	グローバル・センチネル,グローバル センチネル,グローバル センチネル,固有名詞
//
// The surface is required; the segmentation (terms separated by spaces)
// defaults to the whole surface; readings are ignored; the part of speech
// defaults to 名詞,固有名詞 and is only shown by [Explain]. An entry is
// either one katakana word, matched against whole katakana words (with or
// without ・, with or without a final ー) and used to split them, or a word
// without katakana or Latin letters, cut out of Japanese text before the
// lattice runs (longest entry first). Keep compounds splittable: an entry
// 宇宙状況監視 would stop 状況監視 from matching it.
//
// [ParseUserDict] parses a dictionary; [DefineAnalyzers] defines, in an
// index mapping, a morphological analyzer whose config carries the
// dictionary inline, so that the mapping saved with an index reproduces
// the same analysis when the index is reopened. The command "kensaku index
// --user-dict FILE" does this; "kensaku analyze --user-dict FILE TEXT"
// shows the effect of a dictionary. Package corpus ships a small one for
// the built-in corpus (corpus.UserDict).
//
// # Concurrency and cost
//
// The IPA dictionary is embedded in a form that loads without decoding
// (internal/ipadic: its tables are sliced out of the binary's read-only
// data, and only the pages an analysis touches are read), once per process
// and shared, by the analyzers and by [Segment] (Kagome's Normal-mode
// segmentation with readings, which the glossary's definition mining
// uses); Kagome's own dictionary (about 0.7 s and 90 MiB of heap to load)
// is read only by the tests, which check the lattice against Kagome's.
// Every tokenizer of this package is safe for concurrent use.
package analyzers
