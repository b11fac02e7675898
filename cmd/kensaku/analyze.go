package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/kensaku/kensaku/analyzers"
)

// maxAnalyzeInput bounds the text read from stdin by the analyze command.
const maxAnalyzeInput = 64 << 20

// runAnalyze shows the tokens an analyzer makes of its arguments (joined
// by spaces) or of stdin, like Elasticsearch's _analyze.
func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "analyze")
	name := fs.String("analyzer", analyzers.Japanese, "analyzer `name`: "+analyzers.Japanese+", "+analyzers.Bigram+" or any Bleve analyzer (standard, cjk, ...)")
	asJSON := fs.Bool("json", false, "print the tokens as a JSON array")
	userDict := fs.String("user-dict", "", "user dictionary `file` (TSV or Kagome CSV) for "+analyzers.Japanese)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var dict *analyzers.UserDict
	if *userDict != "" {
		data, err := readUserDict(*userDict)
		if err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
		if dict, err = analyzers.ParseUserDict(data); err != nil {
			return fmt.Errorf("analyze: %s: %w", *userDict, err)
		}
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 0 {
		if e.stdin == nil {
			fs.Usage()
			return errUsage
		}
		data, err := io.ReadAll(io.LimitReader(e.stdin, maxAnalyzeInput+1))
		if err != nil {
			return fmt.Errorf("analyze: read stdin: %w", err)
		}
		if len(data) > maxAnalyzeInput {
			return fmt.Errorf("analyze: stdin longer than %d bytes", maxAnalyzeInput)
		}
		text = string(data)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	toks, err := analyzers.Explain(*name, dict, text)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	if *asJSON {
		type jsonToken struct {
			Term     string `json:"term"`
			Surface  string `json:"surface"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			Position int    `json:"position"`
			POS      string `json:"pos,omitempty"`
		}
		out := make([]jsonToken, len(toks))
		for i, t := range toks {
			out[i] = jsonToken{t.Term, text[t.Start:t.End], t.Start, t.End, t.Position, t.POS}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	rows := [][]string{{"TERM", "SURFACE", "START", "END", "POS", "PART OF SPEECH"}}
	for _, t := range toks {
		rows = append(rows, []string{t.Term, printable(text[t.Start:t.End]), strconv.Itoa(t.Start), strconv.Itoa(t.End), strconv.Itoa(t.Position), t.POS})
	}
	return writeTable(e.stdout, rows)
}

// writeTable writes rows as columns aligned for a terminal, counting East
// Asian wide and full-width characters as two cells (text/tabwriter counts
// runes, which misaligns Japanese).
func writeTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cells(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cells(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cells returns the width of s in terminal cells.
func cells(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// printable quotes s if it holds white space or control characters, which
// would break the table.
func printable(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return strconv.Quote(s)
	}
	return s
}
