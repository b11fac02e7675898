// Package indexer defines the index schema and builds and opens kensaku
// indexes: Bleve scorch indexes with BM25 scoring, built beside their target
// and renamed into place, with the glossary stored alongside.
package indexer
