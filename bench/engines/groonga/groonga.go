// Package groonga is the Groonga peer, driven through the groonga
// command-line tool: passages are loaded into a table, then a full-text
// index with TokenBigram or TokenMecab (and NormalizerAuto) is built over
// them offline. A question is tokenised with the same tokenizer (the
// tokenize command, untimed), and searched as the OR of its tokens with
// scorer_tf_idf; latency is the elapsed time Groonga reports for each
// select command.
package groonga

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kensaku/kensaku/bench"
)

// Engine is Groonga with one tokenizer.
type Engine struct {
	tokenizer string // "TokenBigram" or "TokenMecab"
	db        string
}

var (
	_ bench.Engine        = (*Engine)(nil)
	_ bench.BatchSearcher = (*Engine)(nil)
	_ bench.Versioner     = (*Engine)(nil)
)

// NewBigram returns Groonga with TokenBigram.
func NewBigram() *Engine { return &Engine{tokenizer: "TokenBigram"} }

// NewMecab returns Groonga with TokenMecab.
func NewMecab() *Engine { return &Engine{tokenizer: "TokenMecab"} }

// Name implements bench.Engine.
func (e *Engine) Name() string {
	if e.tokenizer == "TokenMecab" {
		return "groonga-mecab"
	}
	return "groonga-bigram"
}

// Version reports "Groonga X.Y.Z".
func (e *Engine) Version(ctx context.Context) string {
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, nil, &out, "groonga", "--version"); err != nil {
		return "Groonga (not installed)"
	}
	line, _, _ := strings.Cut(out.String(), "\n")
	v, _, _ := strings.Cut(line, " [")
	return v
}

// pluginCommands registers what the tokenizer needs.
func (e *Engine) pluginCommands() string {
	if e.tokenizer == "TokenMecab" {
		return "plugin_register tokenizers/mecab\n"
	}
	return ""
}

// Check implements bench.Engine: the groonga tool must run and know the
// tokenizer.
func (e *Engine) Check(ctx context.Context) error {
	if err := bench.LookTool("groonga", "groonga-bin"); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "groonga-check")
	if err != nil {
		return fmt.Errorf("check groonga: %w", err)
	}
	defer os.RemoveAll(dir)
	cmds := e.pluginCommands() + "tokenize " + e.tokenizer + " \"日本語\"\n"
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, strings.NewReader(cmds), &out, "groonga", "-n", filepath.Join(dir, "db")); err != nil {
		return fmt.Errorf("%w: %v", bench.ErrUnavailable, err)
	}
	rs, err := decodeResponses(&out)
	if err == nil {
		for _, r := range rs {
			if err = r.err(); err != nil {
				break
			}
		}
	}
	if err != nil {
		pkg := "groonga-bin"
		if e.tokenizer == "TokenMecab" {
			pkg = "groonga-tokenizer-mecab"
		}
		return fmt.Errorf("%w: groonga %s: %v (Debian package %s)", bench.ErrUnavailable, e.tokenizer, err, pkg)
	}
	return nil
}

// Build implements bench.Engine: load, then build the index offline.
func (e *Engine) Build(ctx context.Context, c *bench.Corpus, dir string) (bench.BuildInfo, error) {
	cmdFile := filepath.Join(dir, "..", filepath.Base(dir)+".build.grn")
	if err := bench.WriteFile(cmdFile, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString(e.pluginCommands())
		bw.WriteString("table_create Passages TABLE_HASH_KEY ShortText\n")
		bw.WriteString("column_create Passages text COLUMN_SCALAR LongText\n")
		bw.WriteString("load --table Passages\n[\n")
		for i, p := range c.Passages {
			rec, err := json.Marshal(map[string]string{"_key": p.ID, "text": p.Content()})
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",\n")
			}
			bw.Write(rec)
		}
		bw.WriteString("\n]\n")
		fmt.Fprintf(bw, "table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer %s --normalizer NormalizerAuto\n", e.tokenizer)
		bw.WriteString("column_create Terms passages_text COLUMN_INDEX|WITH_POSITION Passages text\n")
		return bw.Flush()
	}); err != nil {
		return bench.BuildInfo{}, err
	}
	defer os.Remove(cmdFile)
	f, err := os.Open(cmdFile)
	if err != nil {
		return bench.BuildInfo{}, fmt.Errorf("open groonga commands: %w", err)
	}
	defer f.Close()
	e.db = filepath.Join(dir, "db")
	var out bytes.Buffer
	r, err := bench.RunTool(ctx, f, &out, "groonga", "-n", e.db)
	if err != nil {
		return bench.BuildInfo{}, err
	}
	rs, err := decodeResponses(&out)
	if err != nil {
		return bench.BuildInfo{}, err
	}
	for i, resp := range rs {
		if err := resp.err(); err != nil {
			return bench.BuildInfo{}, fmt.Errorf("groonga build command %d: %w", i+1, err)
		}
	}
	return bench.BuildInfo{Wall: r.Wall, PeakRSSKB: r.PeakRSSKB}, nil
}

// Search implements bench.Engine with a batch of one question.
func (e *Engine) Search(ctx context.Context, q string, k int) ([]string, error) {
	return bench.SearchOne(ctx, e, q, k)
}

// SearchBatch implements bench.BatchSearcher.
func (e *Engine) SearchBatch(ctx context.Context, qs []bench.Query, k int) ([]bench.Answer, error) {
	if e.db == "" {
		return nil, fmt.Errorf("%s: no index built", e.Name())
	}
	terms, err := e.tokenize(ctx, qs)
	if err != nil {
		return nil, err
	}
	warm := bench.Warmup(len(qs))
	var cmds strings.Builder
	for i := range warm {
		cmds.WriteString(selectCommand(terms[i], k))
	}
	for i := range qs {
		cmds.WriteString(selectCommand(terms[i], k))
	}
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, strings.NewReader(cmds.String()), &out, "groonga", e.db); err != nil {
		return nil, err
	}
	rs, err := decodeResponses(&out)
	if err != nil {
		return nil, err
	}
	if len(rs) != warm+len(qs) {
		return nil, fmt.Errorf("groonga: %d responses for %d selects", len(rs), warm+len(qs))
	}
	as := make([]bench.Answer, len(qs))
	for i, r := range rs[warm:] {
		if err := r.err(); err != nil {
			return nil, fmt.Errorf("groonga select for %s: %w", qs[i].ID, err)
		}
		ids, err := r.selectKeys()
		if err != nil {
			return nil, fmt.Errorf("groonga select for %s: %w", qs[i].ID, err)
		}
		as[i] = bench.Answer{IDs: ids, Took: r.elapsed}
	}
	return as, nil
}

// tokenize returns the tokens of each question by Groonga's own tokenizer
// and normalizer, so that a question is the OR of its analysed terms.
func (e *Engine) tokenize(ctx context.Context, qs []bench.Query) ([][]string, error) {
	var cmds strings.Builder
	cmds.WriteString(e.pluginCommands())
	for _, q := range qs {
		v := url.Values{"tokenizer": {e.tokenizer}, "string": {q.Text}, "normalizer": {"NormalizerAuto"}}
		cmds.WriteString("/d/tokenize?" + v.Encode() + "\n")
	}
	var out bytes.Buffer
	if _, err := bench.RunTool(ctx, strings.NewReader(cmds.String()), &out, "groonga", e.db); err != nil {
		return nil, err
	}
	rs, err := decodeResponses(&out)
	if err != nil {
		return nil, err
	}
	rs = rs[len(rs)-min(len(rs), len(qs)):]
	if len(rs) != len(qs) {
		return nil, fmt.Errorf("groonga: %d tokenize responses for %d questions", len(rs), len(qs))
	}
	terms := make([][]string, len(qs))
	for i, r := range rs {
		if err := r.err(); err != nil {
			return nil, fmt.Errorf("groonga tokenize %s: %w", qs[i].ID, err)
		}
		var toks []struct {
			Value string `json:"value"`
		}
		if err := json.Unmarshal(r.body, &toks); err != nil {
			return nil, fmt.Errorf("groonga tokenize %s: decode tokens: %w", qs[i].ID, err)
		}
		for _, t := range toks {
			if hasWordChar(t.Value) {
				terms[i] = append(terms[i], t.Value)
			}
		}
	}
	return terms, nil
}

// hasWordChar reports whether t has a letter or digit. Groonga's
// tokenizers keep punctuation such as "。" as tokens, which the other
// engines' analyzers drop; a question's terms leave them out too.
func hasWordChar(t string) bool {
	return strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// selectCommand is the select command, in URI form, for the OR of terms.
func selectCommand(terms []string, k int) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = QuoteTerm(t)
	}
	query := strings.Join(quoted, " OR ")
	if query == "" {
		query = `""`
	}
	v := url.Values{
		"table":          {"Passages"},
		"match_columns":  {"scorer_tf_idf(text)"},
		"query":          {query},
		"output_columns": {"_key,_score"},
		"sort_keys":      {"-_score,_id"},
		"limit":          {strconv.Itoa(k)},
		"cache":          {"no"}, // warm-up repeats questions; the query cache would answer them
	}
	return "/d/select?" + v.Encode() + "\n"
}

// QuoteTerm quotes t as one phrase of Groonga's query syntax.
func QuoteTerm(t string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(t) + `"`
}

// response is one command's reply: [[rc, start, elapsed, msg...], body].
type response struct {
	rc      int
	msg     string
	elapsed time.Duration
	body    json.RawMessage
}

func (r response) err() error {
	if r.rc != 0 {
		return fmt.Errorf("groonga error %d: %s", r.rc, r.msg)
	}
	return nil
}

// selectKeys returns the _key column of a select body:
// [[[count], [[columns...]], [row]...]].
func (r response) selectKeys() ([]string, error) {
	var body [][]json.RawMessage
	if err := json.Unmarshal(r.body, &body); err != nil || len(body) == 0 {
		return nil, fmt.Errorf("decode select body: %v", err)
	}
	rows := body[0]
	if len(rows) < 2 {
		return nil, errors.New("select body without columns")
	}
	var ids []string
	for _, raw := range rows[2:] {
		var row []json.RawMessage
		if err := json.Unmarshal(raw, &row); err != nil || len(row) == 0 {
			return nil, fmt.Errorf("decode select row: %v", err)
		}
		var id string
		if err := json.Unmarshal(row[0], &id); err != nil {
			return nil, fmt.Errorf("decode select key: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// decodeResponses reads the stream of JSON replies the groonga tool prints.
func decodeResponses(r io.Reader) ([]response, error) {
	dec := json.NewDecoder(r)
	var rs []response
	for {
		var v []json.RawMessage
		err := dec.Decode(&v)
		if err == io.EOF {
			return rs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decode groonga reply %d: %w", len(rs)+1, err)
		}
		if len(v) == 0 {
			return nil, fmt.Errorf("decode groonga reply %d: empty", len(rs)+1)
		}
		var hdr []json.RawMessage
		if err := json.Unmarshal(v[0], &hdr); err != nil || len(hdr) < 3 {
			return nil, fmt.Errorf("decode groonga reply %d: bad header %s", len(rs)+1, v[0])
		}
		var resp response
		var secs float64
		json.Unmarshal(hdr[0], &resp.rc)
		json.Unmarshal(hdr[2], &secs)
		resp.elapsed = time.Duration(secs * float64(time.Second))
		if len(hdr) > 3 {
			json.Unmarshal(hdr[3], &resp.msg)
		}
		if len(v) > 1 {
			resp.body = v[1]
		}
		rs = append(rs, resp)
	}
}

// Close implements bench.Engine.
func (e *Engine) Close() error {
	e.db = ""
	return nil
}
