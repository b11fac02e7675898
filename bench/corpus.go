package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Passage is one retrievable unit of a corpus.
type Passage struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
}

// Content is what peers index for the passage: the title, a newline and
// the text (JSQuAD's context is "title [SEP] text"); just the text when
// there is no title. kensaku gets title and text as separate fields.
func (p Passage) Content() string {
	if p.Title == "" {
		return p.Text
	}
	return p.Title + "\n" + p.Text
}

// Query is one question with the ids of the passages that answer it.
type Query struct {
	ID       string   `json:"id"`
	Text     string   `json:"query"`
	Relevant []string `json:"relevant,omitempty"`
}

// Corpus is a set of passages, and optionally the questions judged on them.
type Corpus struct {
	Name     string
	Passages []Passage
	Queries  []Query // questions; relevance is meaningful only when Judged
	// Judged says whether Relevant of the queries identifies the only
	// correct passages, so that quality figures make sense.
	Judged bool
}

// TextBytes returns the size of the passages' content (title and text,
// UTF-8) in bytes, the unit of corpus sizes and MB/s figures.
func (c *Corpus) TextBytes() int64 {
	var n int64
	for _, p := range c.Passages {
		n += int64(len(p.Content()))
	}
	return n
}

// LoadJSQuAD reads passages.jsonl and queries.jsonl from dir.
func LoadJSQuAD(dir string) (*Corpus, error) {
	c := &Corpus{Name: "jsquad-valid", Judged: true}
	if err := readJSONL(filepath.Join(dir, "passages.jsonl"), func(dec func(any) error) error {
		var p Passage
		if err := dec(&p); err != nil {
			return err
		}
		if p.ID == "" {
			return fmt.Errorf("passage without id")
		}
		c.Passages = append(c.Passages, p)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readJSONL(filepath.Join(dir, "queries.jsonl"), func(dec func(any) error) error {
		var q Query
		if err := dec(&q); err != nil {
			return err
		}
		if q.ID == "" {
			return fmt.Errorf("query without id")
		}
		c.Queries = append(c.Queries, q)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(c.Passages) == 0 {
		return nil, fmt.Errorf("load jsquad from %s: no passages", dir)
	}
	return c, nil
}

func readJSONL(path string, each func(dec func(any) error) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open corpus file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		dec := func(v any) error { return json.Unmarshal(b, v) }
		if err := each(dec); err != nil {
			return fmt.Errorf("read %s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// Scale returns a corpus of at least targetBytes of passage text made from
// base's passages. Copy 0 keeps the passages as they are; copy k > 0 gets
// ids "<id>~k" and its sentences (split after 。) rotated by k, so that no
// two passages are byte-identical while the vocabulary stays that of the
// base. The queries are base's, but the corpus is not judged: every copy of
// the relevant passage is as good an answer.
func Scale(base *Corpus, name string, targetBytes int64) *Corpus {
	c := &Corpus{Name: name, Queries: base.Queries}
	if len(base.Passages) == 0 {
		return c
	}
	var n int64
	for k := 0; n < targetBytes; k++ {
		for _, p := range base.Passages {
			if n >= targetBytes {
				break
			}
			q := p
			if k > 0 {
				q.ID = fmt.Sprintf("%s~%d", p.ID, k)
				q.Text = rotateSentences(p.Text, k)
			}
			c.Passages = append(c.Passages, q)
			n += int64(len(q.Content()))
		}
	}
	return c
}

// rotateSentences splits s after each "。" and rotates the pieces left by k.
func rotateSentences(s string, k int) string {
	parts := strings.SplitAfter(s, "。")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) < 2 {
		return s
	}
	k %= len(parts)
	return strings.Join(append(parts[k:], parts[:k]...), "")
}

// Sample returns a corpus with the first n passages of c that some of the
// first m queries are about, plus queries judged on them; it is the smoke
// corpus. If fewer than n passages are relevant, the rest are filled in
// order.
func Sample(c *Corpus, nPassages, nQueries int) *Corpus {
	s := &Corpus{Name: c.Name + "-sample", Judged: c.Judged}
	keep := map[string]bool{}
	for _, q := range c.Queries {
		if len(s.Queries) >= nQueries {
			break
		}
		s.Queries = append(s.Queries, q)
		for _, r := range q.Relevant {
			keep[r] = true
		}
	}
	for _, p := range c.Passages {
		if keep[p.ID] {
			s.Passages = append(s.Passages, p)
		}
	}
	for _, p := range c.Passages {
		if len(s.Passages) >= nPassages {
			break
		}
		if !keep[p.ID] {
			keep[p.ID] = true
			s.Passages = append(s.Passages, p)
		}
	}
	return s
}

// WriteJSONL writes the passages as JSON lines {"id","title","text"}, the
// input format of kensaku's CLI.
func WriteJSONL(w io.Writer, ps []Passage) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("write passage %s: %w", p.ID, err)
		}
	}
	return bw.Flush()
}

// WriteFile creates path and fills it with write. It writes a temporary
// file beside path and renames it into place, so that a tool reading path
// meanwhile (a corpus under bench/work is shared with other runs) sees the
// old file or the new one, never a partial one.
func WriteFile(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly once renamed
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; give it what os.Create would have.
	if err := os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("rename %s into place: %w", path, err)
	}
	return nil
}

// TSVField makes s safe for one field of a tab-separated line: tabs,
// carriage returns and newlines become spaces.
func TSVField(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return ' '
		}
		return r
	}, s)
}
