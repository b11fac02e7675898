package textnorm

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchPassages returns the JSQuAD passages the analyzers benchmark on,
// one a line (about 300 KB of Japanese).
func benchPassages(b *testing.B) []string {
	b.Helper()
	data, err := os.ReadFile("../analyzers/testdata/jsquad.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// BenchmarkNormalize is the character-level normalisation of the
// passages, as both analyzers run it.
func BenchmarkNormalize(b *testing.B) {
	ps := benchPassages(b)
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	in := make([][]byte, len(ps))
	for i, p := range ps {
		in[i] = []byte(p)
	}
	var t Text
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range in {
			Normalize(&t, p)
		}
	}
}

// BenchmarkFoldKatakana folds every katakana word of the passages.
func BenchmarkFoldKatakana(b *testing.B) {
	var words [][]byte
	for _, p := range benchPassages(b) {
		text := []byte(p)
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRune(text[i:])
			if IsKatakanaLetter(r) {
				end := KatakanaRunEnd(text, i)
				words = append(words, text[i:end])
				i = end
				continue
			}
			i += size
		}
	}
	dst := make([]byte, 0, 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		dst = dst[:0]
		for _, w := range words {
			dst = FoldKatakana(dst, w)
		}
	}
	b.ReportMetric(float64(len(words)), "words/op")
}

// BenchmarkKey computes the key of query-sized pieces of the passages.
func BenchmarkKey(b *testing.B) {
	var pieces []string
	for _, p := range benchPassages(b) {
		rs := []rune(p)
		for i := 0; i+8 <= len(rs); i += 40 {
			pieces = append(pieces, string(rs[i:i+8]))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range pieces {
			Key(s)
		}
	}
	b.ReportMetric(float64(len(pieces)), "keys/op")
}
