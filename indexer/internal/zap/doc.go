// Package zap is kensaku's copy of Bleve's zap segment format
// (github.com/blevesearch/zapx/v17 v17.2.5, Copyright Couchbase, Inc.,
// Apache License 2.0, see LICENSE in this directory), registered with
// Scorch under its own segment type name (see Type) so that Bleve's zap
// never reads its segments, nor it Bleve's.
//
// kensaku keeps a copy so that it can change how a segment stores term
// locations; the files zapx builds only with the vectors tag (FAISS vector
// indexes) and the tests are left out: kensaku indexes no vectors.
package zap
