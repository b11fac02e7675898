// Package sqlite is the SQLite FTS5 peer with the trigram tokenizer, driven
// through the sqlite3 command-line tool. A question is the OR of its
// trigrams (each a quoted FTS5 string), ranked by FTS5's bm25. Latency is
// the CPU time (user+sys) the sqlite3 tool reports for each statement with
// .timer on; its wall-clock figure has only millisecond resolution.
package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kensaku/kensaku/bench"
)

// Engine is SQLite FTS5 with the trigram tokenizer.
type Engine struct {
	db string
}

var (
	_ bench.Engine        = (*Engine)(nil)
	_ bench.BatchSearcher = (*Engine)(nil)
	_ bench.Versioner     = (*Engine)(nil)
)

// New returns the engine.
func New() *Engine { return &Engine{} }

// Name implements bench.Engine.
func (*Engine) Name() string { return "sqlite-trigram" }

// Version reports "SQLite X.Y.Z".
func (*Engine) Version(ctx context.Context) string {
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, nil, &out, "sqlite3", "--version"); err != nil {
		return "SQLite (not installed)"
	}
	f := strings.Fields(out.String())
	if len(f) == 0 {
		return "SQLite"
	}
	return "SQLite " + f[0]
}

// Check implements bench.Engine: sqlite3 must run and have FTS5 trigram
// (SQLite 3.34 or later).
func (e *Engine) Check(ctx context.Context) error {
	if err := bench.LookTool("sqlite3", "sqlite3"); err != nil {
		return err
	}
	sql := "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram');\n"
	if _, err := bench.RunTool(ctx, strings.NewReader(sql), nil, "sqlite3", ":memory:"); err != nil {
		return fmt.Errorf("%w: sqlite3 without fts5 trigram: %v", bench.ErrUnavailable, err)
	}
	return nil
}

// Build implements bench.Engine: import a CSV file, fill the FTS5 table,
// and optimise it (merge its b-trees into one).
func (e *Engine) Build(ctx context.Context, c *bench.Corpus, dir string) (bench.BuildInfo, error) {
	csvPath := filepath.Join(dir, "..", filepath.Base(dir)+".passages.csv")
	if err := bench.WriteFile(csvPath, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		for _, p := range c.Passages {
			if err := cw.Write([]string{p.ID, p.Content()}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}); err != nil {
		return bench.BuildInfo{}, err
	}
	defer os.Remove(csvPath)
	script := fmt.Sprintf(`.bail on
CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, text, tokenize='trigram');
CREATE TEMP TABLE raw(id TEXT, text TEXT);
.import --csv %s raw
INSERT INTO fts(id, text) SELECT id, text FROM raw;
INSERT INTO fts(fts) VALUES('optimize');
`, csvPath)
	e.db = filepath.Join(dir, "fts.db")
	r, err := bench.RunTool(ctx, strings.NewReader(script), nil, "sqlite3", e.db)
	if err != nil {
		return bench.BuildInfo{}, err
	}
	return bench.BuildInfo{Wall: r.Wall, PeakRSSKB: r.PeakRSSKB}, nil
}

// Search implements bench.Engine with a batch of one question.
func (e *Engine) Search(ctx context.Context, q string, k int) ([]string, error) {
	return bench.SearchOne(ctx, e, q, k)
}

// MatchExpr returns the FTS5 expression for question q: the OR of its
// trigrams, each a quoted string. It returns "" for a question shorter
// than three characters, which trigram FTS5 cannot search.
func MatchExpr(q string) string {
	rs := []rune(q)
	var parts []string
	for i := 0; i+3 <= len(rs); i++ {
		t := string(rs[i : i+3])
		parts = append(parts, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " OR ")
}

// SearchBatch implements bench.BatchSearcher.
func (e *Engine) SearchBatch(ctx context.Context, qs []bench.Query, k int) ([]bench.Answer, error) {
	if e.db == "" {
		return nil, fmt.Errorf("sqlite-trigram: no index built")
	}
	warm := bench.Warmup(len(qs))
	var sql strings.Builder
	sql.WriteString(".mode list\n.separator |\n")
	stmt := func(i int) {
		expr := MatchExpr(qs[i].Text)
		if expr == "" {
			fmt.Fprintf(&sql, "SELECT '%d', '';\n", i)
			return
		}
		fmt.Fprintf(&sql, "SELECT '%d', (SELECT group_concat(id, ' ') FROM (SELECT id FROM fts WHERE fts MATCH '%s' ORDER BY rank LIMIT %d));\n",
			i, strings.ReplaceAll(expr, "'", "''"), k)
	}
	for i := range warm {
		stmt(i)
	}
	sql.WriteString(".timer on\n")
	for i := range qs {
		stmt(i)
	}
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, strings.NewReader(sql.String()), &out, "sqlite3", "-bail", e.db); err != nil {
		return nil, err
	}
	return parseOutput(&out, warm, len(qs))
}

// parseOutput reads "i|ids" rows; after the warm rows each is followed by
// a "Run Time: real R user U sys S" line.
func parseOutput(r io.Reader, warm, n int) ([]bench.Answer, error) {
	as := make([]bench.Answer, n)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	row := 0 // rows seen, warm-up included
	last := -1
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "Run Time: "); ok {
			if last < 0 {
				return nil, fmt.Errorf("sqlite3 output: timer line before any row")
			}
			d, err := cpuTime(rest)
			if err != nil {
				return nil, err
			}
			as[last].Took = d
			continue
		}
		is, ids, ok := strings.Cut(line, "|")
		if !ok {
			return nil, fmt.Errorf("sqlite3 output: unexpected line %q", line)
		}
		i, err := strconv.Atoi(is)
		if err != nil || i < 0 || i >= n {
			return nil, fmt.Errorf("sqlite3 output: bad question index in %q", line)
		}
		row++
		if row <= warm {
			continue
		}
		as[i].IDs = strings.Fields(ids)
		last = i
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read sqlite3 output: %w", err)
	}
	if row != warm+n {
		return nil, fmt.Errorf("sqlite3 output: %d rows for %d statements", row, warm+n)
	}
	return as, nil
}

// cpuTime parses "real R user U sys S" and returns U+S.
func cpuTime(s string) (time.Duration, error) {
	f := strings.Fields(s)
	var total float64
	found := 0
	for i := 0; i+1 < len(f); i++ {
		if f[i] == "user" || f[i] == "sys" {
			v, err := strconv.ParseFloat(f[i+1], 64)
			if err != nil {
				return 0, fmt.Errorf("sqlite3 timer %q: %w", s, err)
			}
			total += v
			found++
		}
	}
	if found != 2 {
		return 0, fmt.Errorf("sqlite3 timer %q: want user and sys", s)
	}
	return time.Duration(total * float64(time.Second)), nil
}

// Close implements bench.Engine.
func (e *Engine) Close() error {
	e.db = ""
	return nil
}
