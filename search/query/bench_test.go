package query

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// loadQueries reads the benchmark queries, one a line.
func loadQueries(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			qs = append(qs, line)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return qs
}

func TestBenchmarkQueriesParse(t *testing.T) {
	for _, s := range loadQueries(t) {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q): %v", s, err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	qs := loadQueries(b)
	all := strings.Join(qs, " ")
	long := strings.Repeat(all+" ", MaxRunes/utf8.RuneCountInString(all+" "))
	for _, bc := range []struct {
		name string
		in   string
	}{
		{"word", qs[0]},
		{"question", qs[3]},
		{"filters", qs[4]},
		{"max", long},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(bc.in)), "input-bytes/op")
			for b.Loop() {
				if _, err := Parse(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
