// Package bench measures kensaku against peer full-text engines on the same
// Japanese corpora, side by side: index build time, throughput, index size,
// peak memory, query latency and retrieval quality (MRR@10, Recall@1,
// Recall@10).
//
// # Where to start
//
// [Engine] is what every engine adapter implements; the adapters live in the
// sub-packages of bench/engines (Bleve in-process, Lucene through a small
// Java program, Groonga and SQLite through their command-line tools, kensaku
// through its CLI). [Measure] runs one engine over one [Corpus] and returns a
// [Measurement]; [WriteReport] turns measurements into RESULTS.md and
// [WriteChart] into an SVG chart. The command bench/cmd/bench wires it all
// together; bench/README.md says how to run it.
//
// Every engine answers the same question the same way: a question is the
// OR of its analysed terms (what an Elasticsearch match query does), ranked
// by BM25 where the engine has it.
package bench
