package analyzers

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchText returns the JSQuAD passages of testdata/jsquad.txt, one a
// line (about 300 KB of Japanese).
func benchText(b testing.TB) []string {
	b.Helper()
	data, err := os.ReadFile("testdata/jsquad.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// reportCPU reports throughput per CPU second ("cpu-MB/s"), measured
// from start, the process CPU time before the benchmark loop.
func reportCPU(b *testing.B, start time.Duration, bytes int64) {
	cpu := processCPU() - start
	if cpu <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(bytes)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
}

func totalLen(ps []string) int64 {
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	return int64(n)
}

// BenchmarkKagome is raw Kagome (IPA, Search mode) over the passages, one
// Analyze call a passage, plus the part-of-speech lookup any analyzer
// needs: the baseline for the analyzers.
func BenchmarkKagome(b *testing.B) {
	ps := benchText(b)
	k, err := Kagome()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(totalLen(ps))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range ps {
			for _, t := range k.Analyze(p, kagomeMode) {
				_ = t.POS()
			}
		}
	}
	reportCPU(b, cpu, totalLen(ps))
}

// BenchmarkMorph is the full Japanese analyzer over the same passages.
func BenchmarkMorph(b *testing.B) {
	ps := benchText(b)
	m := testMorph(b, nil)
	b.SetBytes(totalLen(ps))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range ps {
			m.Tokenize([]byte(p))
		}
	}
	reportCPU(b, cpu, totalLen(ps))
}

// BenchmarkBigram is the bigram analyzer over the same passages.
func BenchmarkBigram(b *testing.B) {
	ps := benchText(b)
	b.SetBytes(totalLen(ps))
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		for _, p := range ps {
			BigramTok{}.Tokenize([]byte(p))
		}
	}
	reportCPU(b, cpu, totalLen(ps))
}

// BenchmarkMorphLong analyses the passages joined into one paragraph of
// about 1 MB without line breaks, and reports the heap in use at the end
// of the call (tokens included) in "heap-MB".
func BenchmarkMorphLong(b *testing.B) {
	text := []byte(longParagraph(b, 1<<20))
	m := testMorph(b, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		ts := m.Tokenize(text)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(ts)
	}
	b.ReportMetric(float64(after.HeapInuse-min(before.HeapInuse, after.HeapInuse))/(1<<20), "heap-MB")
}

// longParagraph returns at least n bytes of Japanese without a newline.
func longParagraph(t testing.TB, n int) string {
	ps := benchText(t)
	var b strings.Builder
	for b.Len() < n {
		for _, p := range ps {
			b.WriteString(p)
		}
	}
	return b.String()
}

// TestLongInputMemory checks that a long paragraph without a sentence
// break (256 KB here, to keep the test fast; BenchmarkMorphLong takes
// 1 MB) is cut into bounded lattices. It compares the bytes allocated
// (deterministic, unlike a timing or a sampled peak) by the analyzer with
// those of one Kagome lattice over the same text, whose nodes all live at
// once.
func TestLongInputMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 256 KB twice")
	}
	text := strings.NewReplacer("。", "", "、", "").Replace(longParagraph(t, 256<<10))
	m := testMorph(t, nil)
	m.Tokenize([]byte("warm up"))
	allocated := func(f func()) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	var n int
	ours := allocated(func() { n = len(m.Tokenize([]byte(text))) })
	k, err := Kagome()
	if err != nil {
		t.Fatal(err)
	}
	whole := allocated(func() { k.Analyze(text, kagomeMode) })
	t.Logf("%d bytes → %d tokens: analyzer allocated %.1f MB, one lattice %.1f MB", len(text), n, float64(ours)/(1<<20), float64(whole)/(1<<20))
	// The race detector makes sync.Pool drop what is put back, so the
	// analyzer's reused lattices are allocated again.
	if ours*2 > whole && !raceEnabled {
		t.Errorf("analyzer allocated %d bytes, more than half of one lattice over the text (%d)", ours, whole)
	}
	if n < len(text)/30 {
		t.Errorf("only %d tokens for %d bytes", n, len(text))
	}
}

// BenchmarkPathological analyses 256 KB inputs of one repeated character
// class, the worst cases for the lattice (a long run of ー or of symbols
// made Kagome's unknown-word grouping quadratic before such runs were cut).
func BenchmarkPathological(b *testing.B) {
	m := testMorph(b, nil)
	for _, c := range []struct{ name, unit string }{
		{"longvowel", "ー"}, {"symbols", "「"}, {"hiragana", "あ"}, {"kanji", "漢"},
		{"katakana", "カ"}, {"latin", "a"}, {"digits", "1,"}, {"mixed", "aカ漢1ー"},
	} {
		text := []byte(strings.Repeat(c.unit, (256<<10)/len(c.unit)))
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				m.Tokenize(text)
				BigramTok{}.Tokenize(text)
			}
		})
	}
}
