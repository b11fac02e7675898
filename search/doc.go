// Package search parses queries, expands acronyms and their equivalents,
// ranks, highlights and returns results. It is the library API of kensaku.
package search
