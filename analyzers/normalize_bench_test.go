package analyzers

import "testing"

// BenchmarkNormalize is the character-level normalisation alone over the
// passages: the part of both analyzers that runs before any token is cut.
func BenchmarkNormalize(b *testing.B) {
	ps := benchText(b)
	in := make([][]byte, len(ps))
	for i, p := range ps {
		in[i] = []byte(p)
	}
	var n normText
	b.SetBytes(totalLen(ps))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range in {
			normalizeInto(&n, p)
		}
	}
	reportCPU(b, cpu, totalLen(ps))
}
