package bench

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestJudge(t *testing.T) {
	qs := []Query{
		{ID: "a", Relevant: []string{"p1"}},
		{ID: "b", Relevant: []string{"p2"}},
		{ID: "c", Relevant: []string{"p3"}},
		{ID: "d", Relevant: []string{"p4"}},
	}
	tests := []struct {
		name    string
		answers [][]string
		want    Quality
	}{
		{"all first", [][]string{{"p1"}, {"p2"}, {"p3"}, {"p4"}}, Quality{4, 1, 1, 1}},
		{"none", [][]string{{"x"}, nil, {}, {"y", "z"}}, Quality{4, 0, 0, 0}},
		{"second and tenth", [][]string{{"x", "p1"}, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "p2"}, nil, nil}, Quality{4, (0.5 + 0.1) / 4, 0, 0.5}},
		{"eleventh does not count", [][]string{{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "p1"}, nil, nil, nil}, Quality{4, 0, 0, 0}},
		{"first relevant only", [][]string{{"p1", "p1"}, nil, nil, nil}, Quality{4, 0.25, 0.25, 0.25}},
		{"missing answers", [][]string{{"p1"}}, Quality{4, 0.25, 0.25, 0.25}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Judge(qs, tt.answers)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Judge (-want +got):\n%s", diff)
			}
		})
	}
}

func ExampleJudge() {
	qs := []Query{{ID: "q1", Relevant: []string{"a"}}, {ID: "q2", Relevant: []string{"b"}}}
	q := Judge(qs, [][]string{{"a", "b"}, {"a", "b"}})
	fmt.Printf("MRR@10 %.2f, Recall@1 %.2f, Recall@10 %.2f\n", q.MRR10, q.Recall1, q.Recall10)
	// Output: MRR@10 0.75, Recall@1 0.50, Recall@10 1.00
}

func TestSummarize(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var ds []time.Duration
		for _, x := range v {
			ds = append(ds, time.Duration(x)*time.Millisecond)
		}
		return ds
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100..1, unsorted
	}
	tests := []struct {
		name string
		in   []time.Duration
		want Latency
	}{
		{"empty", nil, Latency{}},
		{"one", ms(7), Latency{N: 1, Mean: 7 * time.Millisecond, P50: 7 * time.Millisecond, P99: 7 * time.Millisecond}},
		{"four", ms(4, 1, 3, 2), Latency{N: 4, Mean: 2500 * time.Microsecond, P50: 2 * time.Millisecond, P99: 4 * time.Millisecond}},
		{"hundred", ms(hundred...), Latency{N: 100, Mean: 50500 * time.Microsecond, P50: 50 * time.Millisecond, P99: 99 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Summarize(tt.in)); diff != "" {
				t.Errorf("Summarize (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRotateSentences(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want string
	}{
		{"一。二。三。", 0, "一。二。三。"},
		{"一。二。三。", 1, "二。三。一。"},
		{"一。二。三。", 4, "二。三。一。"},
		{"一。二。三", 1, "二。三一。"},
		{"文が一つ。", 3, "文が一つ。"},
		{"", 2, ""},
	}
	for _, tt := range tests {
		if got := rotateSentences(tt.in, tt.k); got != tt.want {
			t.Errorf("rotateSentences(%q, %d) = %q, want %q", tt.in, tt.k, got, tt.want)
		}
	}
}

func testCorpus() *Corpus {
	return &Corpus{Name: "t", Judged: true,
		Passages: []Passage{
			{ID: "p1", Text: "梅雨は雨季の一種である。夏が来る。"},
			{ID: "p2", Text: "宇宙状況監視（SSA）。"},
			{ID: "p3", Text: "北海道。"},
		},
		Queries: []Query{{ID: "q1", Text: "梅雨とは", Relevant: []string{"p1"}}, {ID: "q2", Text: "SSA", Relevant: []string{"p2"}}},
	}
}

func TestScale(t *testing.T) {
	base := testCorpus()
	target := 5 * base.TextBytes()
	c := Scale(base, "scale-test", target)
	if c.Judged {
		t.Error("scale corpus is judged; want not")
	}
	if got := c.TextBytes(); got < target || got > target+int64(len(base.Passages[0].Text)) {
		t.Errorf("TextBytes = %d, want just over %d", got, target)
	}
	ids := map[string]bool{}
	texts := map[string]bool{}
	for _, p := range c.Passages {
		if ids[p.ID] {
			t.Errorf("duplicate id %s", p.ID)
		}
		ids[p.ID] = true
		texts[p.Text] = true
	}
	if !ids["p1"] || !ids["p1~1"] || !ids["p3~4"] {
		t.Errorf("ids %v lack p1, p1~1 or p3~4", ids)
	}
	if !texts["夏が来る。梅雨は雨季の一種である。"] {
		t.Error("copy 1 of p1 does not have its sentences rotated")
	}
	if got := Scale(&Corpus{}, "empty", 100); len(got.Passages) != 0 {
		t.Errorf("Scale of an empty corpus has %d passages", len(got.Passages))
	}
}

func TestSample(t *testing.T) {
	s := Sample(testCorpus(), 2, 1)
	var ids []string
	for _, p := range s.Passages {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"p1", "p2"}, ids); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	if len(s.Queries) != 1 || s.Queries[0].ID != "q1" || !s.Judged {
		t.Errorf("queries %+v judged %v, want q1 only, judged", s.Queries, s.Judged)
	}
}

func TestLoadJSQuAD(t *testing.T) {
	c, err := LoadJSQuAD("data/jsquad-valid")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Passages) != 1145 || len(c.Queries) != 4442 {
		t.Errorf("got %d passages, %d queries; want 1145, 4442", len(c.Passages), len(c.Queries))
	}
	if _, err := LoadJSQuAD(t.TempDir()); err == nil || !strings.Contains(err.Error(), "passages.jsonl") {
		t.Errorf("LoadJSQuAD of an empty dir: err %v, want one naming passages.jsonl", err)
	}
}

func testReport() Report {
	q := &Quality{Questions: 2, MRR10: 0.9, Recall1: 0.8, Recall10: 1}
	res := []Measurement{
		{Engine: "kensaku", Corpus: "jsquad-valid", Reason: "kensaku search has no --queries flag yet"},
		{Engine: "bleve-cjk", Corpus: "jsquad-valid", Available: true, Docs: 3, CorpusBytes: 1000, BuildWall: time.Second,
			IndexBytes: 2 << 20, PeakRSSKB: 1024, Latency: Latency{N: 2, Mean: time.Millisecond, P50: time.Millisecond, P99: 2 * time.Millisecond}, Quality: q},
		{Engine: "sqlite-trigram", Corpus: "jsquad-valid", Available: true, Failed: true, Reason: "build: boom | bang"},
	}
	for i, mb := range []int{12, 24} {
		res = append(res, Measurement{Engine: "bleve-cjk", Corpus: fmt.Sprintf("scale-%dMB", mb), Available: true,
			CorpusBytes: int64(mb) * 1e6, BuildWall: time.Duration(i+1) * 10 * time.Second, Latency: Latency{N: 10, Mean: time.Millisecond},
			IndexBytes: int64(mb) << 20, PeakRSSKB: int64(i+1) << 10})
	}
	return Report{Engines: []string{"kensaku", "bleve-cjk", "sqlite-trigram"}, Results: res, BaseCorpus: "jsquad-valid",
		Versions: map[string]string{"bleve-cjk": "Bleve v2.6.3"}, ChartFile: "results.svg", Command: "go run ./bench/cmd/bench"}
}

func TestWriteReport(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReport(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"| kensaku | not available: kensaku search has no --queries flag yet |",
		"| bleve-cjk | 0.900 | 0.800 | 1.000 | 1.00 | 1.00 | 2.00 | 1.00× | 1.00 | 2.0 | 1.0 |",
		"| sqlite-trigram | failed: build: boom / bang |",
		"## Build and search at scale-24MB",
		"| bleve-cjk | 10.0 (1.20) | 1.00 | 20.0 (1.20) | 1.00 |",
		"| bleve-cjk | 12.0 (1.05) | 1.0 | 24.0 (1.05) | 2.0 |",
		"![build throughput, query latency and scaling](results.svg)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestWriteReportAgainstPeer(t *testing.T) {
	m := func(engine, corpus string, build, ms time.Duration, index, rssMiB int64) Measurement {
		return Measurement{Engine: engine, Corpus: corpus, Available: true, CorpusBytes: 1e6, BuildWall: build,
			IndexBytes: index << 20, PeakRSSKB: rssMiB << 10, Latency: Latency{N: 1, Mean: ms, P50: ms, P99: ms}}
	}
	r := Report{Engines: []string{"kensaku", "lucene-kuromoji"}, BaseCorpus: "jsquad-valid", Results: []Measurement{
		m("kensaku", "jsquad-valid", 2*time.Second, time.Millisecond, 3, 250),
		m("lucene-kuromoji", "jsquad-valid", 4*time.Second, 2*time.Millisecond, 1, 100),
		m("kensaku", "scale-12MB", 10*time.Second, 3*time.Millisecond, 30, 400),
		{Engine: "lucene-kuromoji", Corpus: "scale-12MB", Available: true, Failed: true, Reason: "boom"},
	}}
	var b bytes.Buffer
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := "| jsquad-valid | 2.0 / 4.0 s (0.50×) | 250.0 / 100.0 MiB (2.50×) | 3.0 / 1.0 MiB (3.00×) | 1.00 / 2.00 ms (0.50×) |"
	if !strings.Contains(out, "## kensaku against lucene-kuromoji") || !strings.Contains(out, want) {
		t.Errorf("report lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "| scale-12MB | 10.0 /") {
		t.Errorf("report compares against a failed peer:\n%s", out)
	}
}

func TestWriteChart(t *testing.T) {
	var b bytes.Buffer
	if err := WriteChart(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	elems := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			elems[se.Name.Local]++
		}
	}
	if elems["svg"] != 1 || elems["rect"] < 3 || elems["polyline"] != 1 {
		t.Errorf("chart elements %v: want one svg, bars and one scaling line", elems)
	}
}

func TestNiceCeil(t *testing.T) {
	for in, want := range map[float64]float64{0: 1, 0.3: 0.5, 1: 1, 1.1: 2, 29.5: 50, 96: 100, 101: 200} {
		if got := niceCeil(in); got != want {
			t.Errorf("niceCeil(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestWriteReportVariants(t *testing.T) {
	lat := func(mean, p50, p99 int) Latency {
		return Latency{N: 3, Mean: time.Duration(mean) * time.Millisecond, P50: time.Duration(p50) * time.Millisecond, P99: time.Duration(p99) * time.Millisecond}
	}
	r := Report{Engines: []string{"kensaku", "bleve-cjk"}, BaseCorpus: "jsquad-valid", Results: []Measurement{
		{Engine: "kensaku", Corpus: "jsquad-valid", Available: true, Latency: lat(2, 1, 4), Variants: []Variant{
			{Name: "highlight", Available: true, Latency: lat(3, 2, 3)},
			{Name: "http", Available: true, Latency: lat(4, 3, 8), Differing: 2, TieOrder: 5, ServerRSSKB: 300 << 10, ServerHWMKB: 400 << 10,
				Note: "2 connections were opened, not one"},
		}},
		{Engine: "kensaku", Corpus: "scale-12MB", Available: true, Latency: lat(10, 10, 10), Variants: []Variant{
			{Name: "highlight", Reason: "kensaku search has no --no-highlight flag"},
			{Name: "http", Available: true, Failed: true, Reason: "question q1: GET /search: status 503"},
		}},
		{Engine: "kensaku", Corpus: "scale-24MB", Reason: "no CLI"},
	}}
	var b bytes.Buffer
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"## kensaku: highlighting and HTTP",
		"| jsquad-valid | 3 | 2.00 / 1.00 / 4.00 | 3.00 / 2.00 / 3.00 | +1.00 (+50%) / +1.00 / −1.00 | 4.00 / 3.00 / 8.00 | 2.00× / 1.33× | 0 / 2 (tie order: 0 / 5) | 300.0 | 400.0 |",
		"| scale-12MB | 3 | 10.0 / 10.0 / 10.0 | not available: kensaku search has no --no-highlight flag | – | failed: question q1: GET /search: status 503 | – | – / – | – | – |",
		"| scale-24MB | not available: no CLI |",
		"- jsquad-valid, http: 2 connections were opened, not one.",
		"- kensaku over HTTP: `kensaku serve",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	// Without kensaku in the run, no such section.
	r.Engines = []string{"bleve-cjk"}
	b.Reset()
	if err := WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "## kensaku: highlighting") {
		t.Error("report without kensaku has a kensaku section")
	}
}

func TestSameUpToTies(t *testing.T) {
	r := func(ids string, scores ...float64) Ranked { return Ranked{IDs: strings.Fields(ids), Scores: scores} }
	tests := []struct {
		name string
		a, b Ranked
		k    int
		want bool
	}{
		{"equal", r("a b", 2, 1), r("a b", 2, 1), 10, true},
		{"tie swapped", r("a b c", 2, 2, 1), r("b a c", 2, 2, 1), 10, true},
		{"unequal scores swapped", r("a b", 2, 1), r("b a", 2, 1), 10, false},
		{"other tied hit at the cut", r("a b c", 3, 1, 1), r("a c d", 3, 1, 1), 3, true},
		{"other tied hit, list not full", r("a b c", 3, 1, 1), r("a c d", 3, 1, 1), 10, false},
		{"other hit in an inner tie", r("a b c", 2, 2, 1), r("a d c", 2, 2, 1), 3, false},
		{"scores differ", r("a b", 2, 1), r("a b", 2, 1.5), 10, false},
		{"lengths differ", r("a b", 2, 1), r("a", 2), 10, false},
		{"no scores", Ranked{IDs: []string{"a", "b"}}, Ranked{IDs: []string{"b", "a"}}, 10, false},
	}
	for _, tt := range tests {
		if got := SameUpToTies(tt.a, tt.b, tt.k); got != tt.want {
			t.Errorf("%s: SameUpToTies = %v, want %v", tt.name, got, tt.want)
		}
	}
	want := []Ranked{r("a b", 1, 1), r("c", 1), r("d", 1)}
	got := []Ranked{r("b a", 1, 1), r("c", 1), r("e", 1), r("extra", 1)}
	if d, ties := CompareAnswers(want, got, 2); d != 2 || ties != 1 {
		t.Errorf("CompareAnswers = %d differing, %d tie order; want 2, 1", d, ties)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	put := func(s string) error {
		return WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
	}
	if err := put("old"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := WriteFile(path, func(w io.Writer) error { io.WriteString(w, "partial"); return boom }); !errors.Is(err, boom) {
		t.Errorf("failed write: err %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old content", b)
	}
	if err := put("new"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q, want new", b)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v (err %v), want 0644", fi.Mode(), err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("directory holds %d entries, want the file alone (no temporary left)", len(es))
	}
}
