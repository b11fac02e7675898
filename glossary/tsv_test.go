package glossary

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTSV(t *testing.T) {
	input := "\ufeffacronym\tenglish\tjapanese\tnote\tconfidence\n" + // 1 header
		"# comment\n" + // 2
		"\n" + // 3
		"SSA\tSpace Situational Awareness\t宇宙状況監視|宇宙状況把握\t防衛白書\n" + // 4
		"JAXA\t\t宇宙航空研究開発機構\n" + // 5
		"\tEuropean Union\t欧州連合\t\t0.7\n" + // 6
		"ONLY\t\t\n" + // 7: one form
		"too\tfew\n" + // 8
		"A\tB\tC\tD\tE\tF\n" + // 9: six fields
		"X|Y\tAlpha\t\n" + // 10: two acronyms
		"ROC\tRepublic of China\t中華民国\t\t1.5\n" + // 11: bad confidence
		"ROC\tRepublic of China\t中華民国\t\tx\n" + // 12: bad confidence
		"\xff\xfe\tbad\tutf8\n" + // 13
		"  QUAD \t  Quadrilateral   Security Dialogue \t日米豪印\r\n" // 14: spaces and CRLF
	got, errs := ParseTSV(strings.NewReader(input), "user:terms.tsv")
	want := []Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視", "宇宙状況把握"}, Source: "user:terms.tsv", Confidence: 1, Evidence: "防衛白書"},
		{Acronym: "JAXA", Japanese: []string{"宇宙航空研究開発機構"}, Source: "user:terms.tsv", Confidence: 1},
		{English: []string{"European Union"}, Japanese: []string{"欧州連合"}, Source: "user:terms.tsv", Confidence: 0.7},
		{Acronym: "QUAD", English: []string{"Quadrilateral Security Dialogue"}, Japanese: []string{"日米豪印"}, Source: "user:terms.tsv", Confidence: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	var lines []int
	for _, err := range errs {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("error %v is not a *LineError", err)
		}
		if !strings.HasPrefix(err.Error(), "glossary: terms.tsv:") {
			t.Errorf("error %q does not name the file and line", err)
		}
		lines = append(lines, le.Line)
	}
	if diff := cmp.Diff([]int{7, 8, 9, 10, 11, 12, 13}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s\nerrors: %v", diff, errs)
	}
}

// errReader fails after its data.
type errReader struct{ r *strings.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		return n, errors.New("disk on fire")
	}
	return n, nil
}

func TestParseTSVLongLines(t *testing.T) {
	good := "EU\tEuropean Union\t欧州連合\n"
	tests := []struct {
		name  string
		in    string
		r     func(string) io.Reader
		lines []int  // lines reported
		last  string // substring of the last error
		n     int    // entries kept
	}{
		{name: "longest line kept", in: strings.Repeat(" ", maxLineBytes-len(good)) + good + good, lines: nil, n: 2},
		{name: "one byte longer", in: strings.Repeat(" ", maxLineBytes-len(good)+1) + good + good, lines: []int{1}, last: "line longer than 65536 bytes", n: 1},
		{name: "16 MiB without a line break", in: good + strings.Repeat("x", 16<<20), lines: []int{2}, last: "line longer", n: 1},
		{name: "long line then good rows", in: strings.Repeat("y\t", 1<<20) + "\n" + good + good, lines: []int{1}, n: 2},
		{name: "read error", in: good + good, r: func(s string) io.Reader { return errReader{strings.NewReader(s)} }, last: "glossary: read user:a.tsv: disk on fire", n: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r io.Reader = strings.NewReader(tt.in)
			if tt.r != nil {
				r = tt.r(tt.in)
			}
			got, errs := ParseTSV(r, "user:a.tsv")
			if len(got) != tt.n {
				t.Errorf("%d entries, want %d", len(got), tt.n)
			}
			var lines []int
			for _, err := range errs {
				var le *LineError
				if errors.As(err, &le) {
					lines = append(lines, le.Line)
				}
			}
			if diff := cmp.Diff(tt.lines, lines); diff != "" {
				t.Errorf("error lines (-want +got):\n%s\nerrors: %v", diff, errs)
			}
			if tt.last != "" && (len(errs) == 0 || !strings.Contains(errs[len(errs)-1].Error(), tt.last)) {
				t.Errorf("errors %v, want the last to mention %q", errs, tt.last)
			}
		})
	}
}

func TestParseTSVDefaults(t *testing.T) {
	tests := []struct {
		source string
		want   float64
	}{
		{SourceCurated, ConfidenceCurated},
		{SourceEdict, ConfidenceEdict},
		{UserSource("a.tsv"), ConfidenceUser},
	}
	for _, tt := range tests {
		got, errs := ParseTSV(strings.NewReader("EU\tEuropean Union\t欧州連合\n"), tt.source)
		if len(errs) > 0 || len(got) != 1 {
			t.Fatalf("%s: got %v, %v", tt.source, got, errs)
		}
		if got[0].Confidence != tt.want || got[0].Source != tt.source {
			t.Errorf("%s: got confidence %v source %q, want %v", tt.source, got[0].Confidence, got[0].Source, tt.want)
		}
	}
}

func TestWriteTSVRoundTrip(t *testing.T) {
	in := []Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視", "宇宙状況把握"}, Source: SourceEdict, Confidence: 0.42, Evidence: "EDICT"},
		{Acronym: "EU", English: []string{"European Union"}, Source: SourceEdict, Confidence: 0.6},
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, in, true); err != nil {
		t.Fatal(err)
	}
	got, errs := ParseTSV(&buf, SourceEdict)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// FuzzParseTSV checks that any input parses without panicking and that
// every entry has two forms and a confidence in 0..1.
// Run with: go test -fuzz=FuzzParseTSV ./glossary
func FuzzParseTSV(f *testing.F) {
	f.Add("SSA\tSpace Situational Awareness\t宇宙状況監視|宇宙状況把握\t防衛白書\n")
	f.Add("acronym\tenglish\tjapanese\n#c\n\tEU\t欧州連合\t\t0.5\nX\t\t\n")
	f.Add("a\tb\tc\td\te\tf\n\xff\t|\t|")
	f.Fuzz(func(t *testing.T, s string) {
		entries, _ := ParseTSV(strings.NewReader(s), "user:fuzz")
		for _, e := range entries {
			if len(e.Forms()) < 2 {
				t.Errorf("entry with fewer than two forms: %+v", e)
			}
			if e.Confidence < 0 || e.Confidence > 1 {
				t.Errorf("confidence out of range: %+v", e)
			}
		}
	})
}
