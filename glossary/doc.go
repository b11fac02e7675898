// Package glossary relates acronyms, their English expansions and their
// Japanese terms, so that a query for SSA, ＳＳＡ, ssa, 宇宙状況監視 or
// "Space Situational Awareness" can be expanded into all of them.
//
// # Sources
//
// An [Entry] records one relation and where it came from ([Entry.Source]):
//
//   - "corpus": definitions mined from passages at index time by [Mine]
//     (宇宙状況監視（SSA: Space Situational Awareness）, 日本語（ABC）,
//     English words (ABC), Wikipedia-style 日本語（よみ、英: …、略称: ABC）,
//     「quoted term」（ABC: …）), stored with the index by [WriteFile];
//   - "curated": the hand-checked glossary embedded in the binary, [Curated];
//   - "user:FILE": glossaries given on the command line, read by [ParseTSV];
//   - "edict": the general acronym lexicon derived from JMdict/EDICT,
//     [Edict].
//
// Every entry has a [Entry.Confidence] in 0..1 so that the search layer can
// weight expansions: user and curated entries are trusted most, corpus
// definitions with letter evidence (Schwartz & Hearst matching, [MatchLetters])
// next, EDICT entries less, and acronyms with many EDICT meanings least.
//
// # Where to start
//
// At index time, [MinePassages] mines the passages and [WriteFile] stores
// the result in the index directory as [FileName]. At search time, [Load]
// builds the [Glossary] from the curated and EDICT data, user files and the
// mined entries read back with [ReadFile] ([New] does the same from any
// entries). Then call
// [Glossary.Find] on query text: it returns the longest non-overlapping
// glossary forms in the text, with byte offsets, matched case-, width- and
// space-insensitively; [Glossary.Expand] turns a match into the
// equivalents to search for, following equivalences from entry to entry
// (at falling confidence) and grouping them by sense.
//
// # TSV format
//
// One entry per line, fields separated by a tab:
//
//	acronym <TAB> english <TAB> japanese [<TAB> note [<TAB> confidence]]
//
// english and japanese hold alternatives separated by "|"
// (宇宙状況監視|宇宙状況把握). Fields may be empty, but a row needs at
// least two forms in all. note is free text kept as [Entry.Evidence] (the
// curated file cites its source there); confidence, when present, is a
// number in 0..1 that overrides the source's default. Lines starting with
// "#" and blank lines are ignored; a first row (after comments) whose first field is
// "acronym" is a header. Malformed rows are reported with their line
// number and skipped.
package glossary
