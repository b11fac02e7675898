// Package corpus turns documents into passages, the unit kensaku indexes
// and shows: one paragraph, heading, caption or cross-reference each, with
// a stable id, the document title, the printed page, the section path and
// the repaired text.
//
// # Where to start
//
// [Read] walks files and directories (.txt, .md, .jsonl, .pdf, .html, and
// any of them in .gz; UTF-8, Shift_JIS or EUC-JP) and streams their
// passages to a callback; per-file and
// per-line problems are collected in its [Summary] instead of stopping the
// run. [ReadJSONL] reads one JSONL stream, [ParseText], [ParseMarkdown] and
// [ParseHTML] one document held in memory, [ReadPDF] one PDF file with
// Poppler's command-line tools (Debian poppler-utils). [Builtin] returns the built-in corpus, a page
// of the 2020 Japanese defense white paper embedded in the binary; show
// [BuiltinSource] with it.
//
// # PDF-extracted text
//
// Text extracted from PDF white papers comes with hard line wraps inside
// words, blank lines inside paragraphs, acronyms split around their English
// reading set as ruby, and page furniture (page number, running title, part
// header) mixed into the text. [ParseText] repairs this with general rules,
// not rules for one page: see its documentation. The repaired text reads as
// printed: 宇宙状況監視（SSA: Space Situational Awareness）や…, with no stray
// spaces or line breaks.
//
// It does not import Bleve; the indexer consumes its [Passage] values.
package corpus
