// Package corpus turns documents into passages: readers for .txt (text
// extracted from PDFs), .md and .jsonl files, repair of PDF-extracted text,
// and the built-in corpus embedded in the binary.
//
// It does not import Bleve; the indexer consumes its [Passage] values.
package corpus
