// Package indexer defines the index schema and builds and opens kensaku
// indexes: Bleve scorch indexes with BM25 scoring, built beside their target
// and renamed into place, with the glossary stored alongside.
//
// An index changes without a rebuild through Update, Optimize and Writer
// (update.go, living.go): a commit publishes a new generation that shares
// the unchanged segments with the previous one, each with its bigram table
// and passage store (storeset.go), and searches over it give what a build
// of the same passages gives.
package indexer
