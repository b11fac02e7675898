package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
)

// maxWorkers bounds --workers: more goroutines than this only queue.
const maxWorkers = 1024

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "search")
	indexDir := fs.String("index", "", "index `directory` (default: the built-in corpus)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	size := fs.Int("size", search.DefaultSize, "number of hits to return (at most 100)")
	from := fs.Int("from", 0, "number of hits to skip, for pagination")
	noHighlight := fs.Bool("no-highlight", false, "do not compute highlighted fragments")
	noExpand := fs.Bool("no-expand", false, "search the query as written, without glossary expansion")
	explain := fs.Bool("explain", false, "show under each hit the ranking features that scored it, with their values")
	idsOnly := fs.Bool("ids-only", false, "hits carry only their id and score: no passage text is read, nothing is highlighted (for evaluations)")
	queries := fs.String("queries", "", "batch mode: JSONL `file` of {\"id\": ..., \"query\": ...} (\"-\" for stdin); prints one JSON line per query")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "batch mode: queries searched at once (1 times each query alone, as a latency benchmark wants)")
	dsl := fs.Bool("dsl", false, "print the OpenSearch/Elasticsearch Query DSL of the query (for an index made by kensaku export) instead of searching")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the searches to `file` (for go tool pprof)")
	var filters, glossaries stringList
	fs.Var(&filters, "filter", "restrict hits to `field:value` (document, section, kind, page, meta.KEY); repeatable")
	fs.Var(&glossaries, "glossary", "user glossary TSV `file` to expand queries with; repeatable")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if err := checkRange(fs, "size", *size, 0, search.MaxSize); err != nil {
		return err
	}
	if err := checkRange(fs, "from", *from, 0, search.MaxFrom); err != nil {
		return err
	}
	if err := checkRange(fs, "workers", *workers, 1, maxWorkers); err != nil {
		return err
	}
	req := search.Request{Size: *size, From: *from, NoHighlight: *noHighlight, NoExpand: *noExpand, IDsOnly: *idsOnly, Explain: *explain}
	for _, f := range filters {
		field, value, ok := strings.Cut(f, ":")
		if !ok || value == "" {
			return fmt.Errorf("search: --filter %q: want field:value", f)
		}
		req.Filters = append(req.Filters, search.Filter{Field: field, Value: value})
	}
	if *queries == "" && len(words) == 0 {
		fmt.Fprintf(e.stderr, "kensaku search: no QUERY\n")
		fs.Usage()
		return errUsage
	}
	eng, err := openEngine(e, *indexDir, glossaries)
	if err != nil {
		return err
	}
	defer eng.Close()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}

	if *queries != "" {
		if len(words) > 0 || *dsl {
			return errors.New("search: give either --queries or a query (with --dsl), not both")
		}
		return searchBatch(ctx, e, eng, *queries, req, *workers)
	}
	req.Query = strings.Join(words, " ")
	if *dsl {
		return printDSL(e, eng, req)
	}
	res, err := eng.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printResult(e.stdout, res, req.From, isTerminal(e.stdout))
	return nil
}

// printResult writes res for people: ranked hits with their place in the
// document and highlighted fragments, then the expansions applied.
func printResult(w io.Writer, res *search.Result, from int, color bool) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	bold, dim, reset := "", "", ""
	if color {
		bold, dim, reset = "\x1b[1m", "\x1b[2m", "\x1b[0m"
	}
	for i, h := range res.Hits {
		if h.Partial && (i == 0 || !res.Hits[i-1].Partial) {
			fmt.Fprintf(bw, "%s── partial matches: only some of the words ──%s\n\n", dim, reset)
		}
		where := h.Document
		if h.Page > 0 {
			where += fmt.Sprintf(" p.%d", h.Page)
		}
		if h.Section != "" {
			where += " · " + h.Section
		}
		fmt.Fprintf(bw, "%s%d. %s%s\n", bold, from+i+1, noControls(where), reset)
		fmt.Fprintf(bw, "   %s[%s] %s score %.3f%s\n", dim, noControls(h.Kind), noControls(h.ID), h.Score, reset)
		frags := h.Highlights
		if len(frags) == 0 {
			frags = []string{html.EscapeString(h.Text)}
		}
		for _, f := range frags {
			fmt.Fprintf(bw, "   %s\n", renderMarks(f, color))
		}
		if h.Explanation != nil {
			fmt.Fprintf(bw, "   %sexplain: %s%s\n", dim, noControls(h.Explanation.String()), reset)
		}
		fmt.Fprintln(bw)
	}
	shown := ""
	if len(res.Hits) > 0 {
		shown = fmt.Sprintf(", showing %d–%d", from+1, from+len(res.Hits))
	}
	noun := "hits"
	if res.Total == 1 {
		noun = "hit"
	}
	partial := ""
	if res.Partial > 0 {
		partial = fmt.Sprintf(", %d partial", res.Partial)
	}
	fmt.Fprintf(bw, "%d %s%s%s (%.1f ms)\n", res.Total, noun, partial, shown, res.TookMS)
	for _, x := range res.Expansions {
		fmt.Fprintln(bw, expansionLine(x))
	}
}

// expansionLine is the line of the text output for x: its term, the sense
// it was searched in when one was chosen, the forms (expansionForms) and
// the sources.
func expansionLine(x search.Expansion) string {
	sense := ""
	if x.Sense != "" {
		sense = " [" + x.Sense + "]"
	}
	return noControls(fmt.Sprintf("expanded %s%s → %s (%s)", x.Term, sense, expansionForms(x), x.Source))
}

// expansionForms lists the equivalents of x that occur in the index and
// counts the others: "a, b (+3 forms not in the index)", or "no form in
// the index (4 forms)" when none occurs.
func expansionForms(x search.Expansion) string {
	forms, missing := x.InIndexForms()
	switch {
	case missing == 0:
		return strings.Join(forms, ", ")
	case len(forms) == 0:
		return fmt.Sprintf("no form in the index (%s)", plural(missing, "form"))
	}
	return fmt.Sprintf("%s (+%s not in the index)", strings.Join(forms, ", "), plural(missing, "form"))
}

// renderMarks turns an HTML highlight fragment into terminal text: marks
// become bold yellow on a terminal and «…» elsewhere (a pipe, a file), so
// that the matched words show in both. Control characters of the indexed
// text never reach the terminal.
func renderMarks(frag string, color bool) string {
	on, off := "«", "»"
	if color {
		on, off = "\x1b[1;33m", "\x1b[0m"
	}
	var b strings.Builder
	for {
		i := strings.Index(frag, "<mark>")
		if i < 0 {
			break
		}
		j := strings.Index(frag[i:], "</mark>")
		if j < 0 {
			break
		}
		b.WriteString(noControls(html.UnescapeString(frag[:i])))
		b.WriteString(on)
		b.WriteString(noControls(html.UnescapeString(frag[i+len("<mark>") : i+j])))
		b.WriteString(off)
		frag = frag[i+j+len("</mark>"):]
	}
	b.WriteString(noControls(html.UnescapeString(frag)))
	return b.String()
}

// noControls replaces control characters (ESC, BEL, C1 controls, line
// breaks inside a field) with spaces, so that indexed text cannot drive
// the terminal.
func noControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// maxQueryLine bounds one line of a --queries file; a longer line gets an
// error line and is skipped.
const maxQueryLine = 1 << 20

// readLine reads one line without its line break. A line longer than max
// bytes is read to its end and dropped, with tooLong set.
func readLine(r *bufio.Reader, max int) (line string, tooLong bool, err error) {
	var b []byte
	for {
		chunk, isPrefix, err := r.ReadLine()
		if len(b)+len(chunk) > max {
			tooLong = true
			b = b[:0]
		} else if !tooLong {
			b = append(b, chunk...)
		}
		if err != nil || !isPrefix {
			return string(b), tooLong, err
		}
	}
}

// batchQuery is one line of a --queries file.
type batchQuery struct {
	ID    string `json:"id"`
	Query string `json:"query"`
}

// batchResult is one line of batch output.
type batchResult struct {
	ID    string       `json:"id"`
	Line  int          `json:"line,omitempty"` // set with Error, for lines that could not be read
	Hits  []search.Hit `json:"hits"`
	Total uint64       `json:"total"`
	// Partial counts the passages that match the query only in part.
	Partial uint64 `json:"partial"`
	// TookMS is the time the engine spent on the query, in milliseconds.
	TookMS float64 `json:"took_ms"`
	// Expansions are the glossary equivalents the query was searched
	// with, as in the single-query output (empty with --no-expand).
	Expansions []search.Expansion `json:"expansions"`
	Error      string             `json:"error,omitempty"`
}

// searchBatch runs every query of the JSONL file name, in parallel, and
// prints one result line per query in input order. A line that cannot be
// parsed or searched gets an error line; the others go on.
func searchBatch(ctx context.Context, e *env, eng *search.Engine, name string, tmpl search.Request, workers int) error {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		defer f.Close()
		r = f
	}
	type job struct {
		line int
		q    batchQuery
		err  error
		out  chan batchResult
	}
	jobs := make(chan *job)
	results := make(chan *job, 256)
	var wg sync.WaitGroup
	// By default one worker per CPU: searches are CPU-bound.
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res := batchResult{ID: j.q.ID, Hits: []search.Hit{}, Expansions: []search.Expansion{}}
				if j.err != nil {
					res.Line, res.Error = j.line, j.err.Error()
				} else {
					req := tmpl
					req.Query = j.q.Query
					req.NoFacets = true // batch output has no facets
					r, err := eng.Search(ctx, req)
					if err != nil {
						res.Error = err.Error()
					} else {
						res.Hits, res.Total, res.Partial, res.TookMS = r.Hits, r.Total, r.Partial, r.TookMS
						if r.Expansions != nil {
							res.Expansions = r.Expansions
						}
					}
				}
				j.out <- res
			}
		}()
	}
	// The reader hands jobs out in order and queues them for the writer,
	// which waits for each in turn.
	var readErr error
	go func() {
		defer close(results)
		defer close(jobs)
		br := bufio.NewReaderSize(r, 64*1024)
		line := 0
		for {
			text, tooLong, err := readLine(br, maxQueryLine)
			if err == io.EOF && text == "" && !tooLong {
				return
			}
			if err != nil && err != io.EOF {
				readErr = err
				return
			}
			line++
			if line == 1 {
				text = strings.TrimPrefix(text, "\uFEFF") // a byte-order mark, as editors save UTF-8
			}
			text = strings.TrimSpace(text)
			if text == "" && !tooLong {
				continue
			}
			j := &job{line: line, out: make(chan batchResult, 1)}
			if tooLong {
				j.err = fmt.Errorf("line %d: longer than %d bytes", line, maxQueryLine)
			} else if !utf8.ValidString(text) {
				// json.Unmarshal would search for U+FFFD instead
				j.err = fmt.Errorf("line %d: not valid UTF-8", line)
			} else if err := json.Unmarshal([]byte(text), &j.q); err != nil {
				j.err = fmt.Errorf("line %d: %v", line, err)
			}
			results <- j
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.out <- batchResult{ID: j.q.ID, Hits: []search.Hit{}, Expansions: []search.Expansion{}, Error: ctx.Err().Error()}
				return
			}
		}
	}()
	bw := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var werr error
	for j := range results {
		res := <-j.out
		if werr == nil {
			werr = enc.Encode(res)
		}
	}
	wg.Wait()
	if err := bw.Flush(); werr == nil {
		werr = err
	}
	if readErr != nil {
		return fmt.Errorf("search: read %s: %w", name, readErr)
	}
	if werr != nil {
		return werr
	}
	return ctx.Err()
}
