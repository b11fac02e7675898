package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The passages of Debian's Japanese documentation in the bilingual-real set
// are converted from Debian's packages (apt-get install debian-reference-ja
// debian-faq-ja):
//
//go:generate go run ./cmd/realcorpus -out data/bilingual-real/debian.jsonl
//
// and those of debian2.jsonl, searched only with the fifth blind set, from
// apt-get install maint-guide-ja debian-handbook:
//
//go:generate go run ./cmd/realcorpus -set debian2 -out data/bilingual-real/debian2.jsonl
//
// and those of debian3.jsonl, searched only with the sixth blind set, from
// apt-get install developers-reference-ja debian-policy-ja debian-edu-doc-ja
// aptitude-doc-ja installation-guide-amd64:
//
//go:generate go run ./cmd/realcorpus -set debian3 -out data/bilingual-real/debian3.jsonl
//
// and those of apps.jsonl, searched only with the seventh blind set, from
// apt-get install gimp-help-ja kicad-doc-ja:
//
//go:generate go run ./cmd/realcorpus -set apps -out data/bilingual-real/apps.jsonl

// BilingualName is the name of the cross-form retrieval set on real
// Japanese text (bench/data/bilingual-real).
const BilingualName = "bilingual-real"

// SetQuery is a query judged against a set of relevant passages, with its
// family (loanword, name, compound, ja-en, acronym, expansion, synonym,
// era: see bench/data/bilingual-real/README.md).
type SetQuery struct {
	Query
	Family string `json:"family"`
}

// SetCorpus is a corpus whose queries have families.
type SetCorpus struct {
	Corpus  *Corpus
	Queries []SetQuery // parallel to Corpus.Queries
}

// bilingualExtra lists, by queries file, the passage files of dir searched
// besides the JSQuAD passages and debian.jsonl: the fifth blind set was
// written on new text (debian2.jsonl), the sixth on newer text still
// (debian3.jsonl), the seventh on text of another domain (apps.jsonl,
// applications' manuals), which the earlier sets are not measured on.
var bilingualExtra = map[string][]string{
	"blind5-queries.jsonl": {"debian2.jsonl"},
	"blind6-queries.jsonl": {"debian2.jsonl", "debian3.jsonl"},
	"blind7-queries.jsonl": {"debian2.jsonl", "debian3.jsonl", "apps.jsonl"},
}

// LoadBilingual reads the bilingual-real set: the JSQuAD passages of
// jsquadDir and the passages of dir/debian.jsonl (and, for the sets written
// on new text, of the files bilingualExtra lists), searched together, and
// the queries of dir/<queries> (queries.jsonl, the development set;
// heldout-queries.jsonl or blind-queries.jsonl, the sets written later).
func LoadBilingual(dir, jsquadDir, queries string) (*SetCorpus, error) {
	c := &Corpus{Name: BilingualName, Judged: true}
	seen := map[string]bool{}
	files := []string{filepath.Join(jsquadDir, "passages.jsonl"), filepath.Join(dir, "debian.jsonl")}
	for _, f := range bilingualExtra[queries] {
		files = append(files, filepath.Join(dir, f))
	}
	for _, f := range files {
		if err := readJSONL(f, func(dec func(any) error) error {
			var p Passage
			if err := dec(&p); err != nil {
				return err
			}
			if p.ID == "" || seen[p.ID] {
				return fmt.Errorf("passage without id, or id %q twice", p.ID)
			}
			seen[p.ID] = true
			c.Passages = append(c.Passages, p)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	s := &SetCorpus{Corpus: c}
	if err := readJSONL(filepath.Join(dir, queries), func(dec func(any) error) error {
		var q SetQuery
		if err := dec(&q); err != nil {
			return err
		}
		if q.ID == "" || q.Text == "" || q.Family == "" || len(q.Relevant) == 0 {
			return fmt.Errorf("query %q needs id, query, family and relevant", q.ID)
		}
		for _, r := range q.Relevant {
			if !seen[r] {
				return fmt.Errorf("query %s: relevant passage %q is not in the corpus", q.ID, r)
			}
		}
		s.Queries = append(s.Queries, q)
		c.Queries = append(c.Queries, q.Query)
		return nil
	}); err != nil {
		return nil, err
	}
	return s, nil
}

// SetQuality is retrieval quality over queries with sets of relevant
// passages, judged on the top 10 hits.
type SetQuality struct {
	Queries  int
	All10    float64 // share of queries with every relevant passage in the top 10
	Recall10 float64 // mean share of a query's relevant passages in the top 10
	MRR10    float64 // mean reciprocal rank of the first relevant passage (0 past 10)
}

// SetJudgement is how one query fared: how many of its relevant passages
// are in the top 10, and the rank of the first (0 if none).
type SetJudgement struct {
	Found, Relevant, First int
}

// JudgeSet judges the ranked ids of one query against its relevant set.
func JudgeSet(ids, relevant []string) SetJudgement {
	j := SetJudgement{Relevant: len(relevant)}
	for i, id := range ids[:min(10, len(ids))] {
		if slices.Contains(relevant, id) {
			j.Found++
			if j.First == 0 {
				j.First = i + 1
			}
		}
	}
	return j
}

// FamilyQuality is the quality of one family of queries; Family "all" is
// every query.
type FamilyQuality struct {
	Family string
	SetQuality
}

// JudgeFamilies scores answers (parallel to qs) per family, in the order
// families first appear, then over all queries as family "all".
func JudgeFamilies(qs []SetQuery, answers [][]string) []FamilyQuality {
	var order []string
	sums := map[string]*SetQuality{}
	add := func(fam string, j SetJudgement) {
		s := sums[fam]
		if s == nil {
			s = &SetQuality{}
			sums[fam] = s
			order = append(order, fam)
		}
		s.Queries++
		if j.Found == j.Relevant {
			s.All10++
		}
		if j.Relevant > 0 {
			s.Recall10 += float64(j.Found) / float64(j.Relevant)
		}
		if j.First > 0 {
			s.MRR10 += 1 / float64(j.First)
		}
	}
	for i, q := range qs {
		var ids []string
		if i < len(answers) {
			ids = answers[i]
		}
		j := JudgeSet(ids, q.Relevant)
		add(q.Family, j)
		add("all", j)
	}
	// "all" was first seen with the first query; put it last.
	order = append(slices.DeleteFunc(order, func(f string) bool { return f == "all" }), "all")
	var out []FamilyQuality
	for _, f := range order {
		s := *sums[f]
		if n := float64(s.Queries); n > 0 {
			s.All10 /= n
			s.Recall10 /= n
			s.MRR10 /= n
		}
		out = append(out, FamilyQuality{Family: f, SetQuality: s})
	}
	return out
}

// SetRun is what one engine did on a set corpus.
type SetRun struct {
	Engine    string
	Version   string
	Available bool
	Failed    bool
	Reason    string     // why the engine is not available, or why it failed
	Answers   [][]string // parallel to the queries
	BuildWall time.Duration
}

// RunSet builds c with e in a fresh directory under workDir and asks it
// every query of c once, top 10. Like [Measure], an engine that is not
// available or fails comes back with the reason and no error; only ctx
// ending is returned as an error.
func RunSet(ctx context.Context, e Engine, c *Corpus, workDir string, log *slog.Logger) (SetRun, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := SetRun{Engine: e.Name()}
	if v, ok := e.(Versioner); ok {
		r.Version = v.Version(ctx)
	}
	if err := e.Check(ctx); err != nil {
		r.Reason = strings.TrimPrefix(err.Error(), ErrUnavailable.Error()+": ")
		return r, ctx.Err()
	}
	r.Available = true
	fail := func(what string, err error) (SetRun, error) {
		r.Failed = true
		r.Reason = fmt.Sprintf("%s: %v", what, err)
		log.Warn("engine failed", "engine", r.Engine, "corpus", c.Name, "err", r.Reason)
		return r, ctx.Err()
	}
	dir := filepath.Join(workDir, "index", fmt.Sprintf("%s-%s", r.Engine, c.Name))
	if err := os.RemoveAll(dir); err != nil {
		return fail("clear index dir", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail("make index dir", err)
	}
	defer os.RemoveAll(dir)
	defer e.Close()

	log.Info("build", "engine", r.Engine, "corpus", c.Name, "docs", len(c.Passages))
	start := time.Now()
	if _, err := e.Build(ctx, c, dir); err != nil {
		return fail("build", err)
	}
	r.BuildWall = time.Since(start)
	log.Info("search", "engine", r.Engine, "corpus", c.Name, "queries", len(c.Queries))
	r.Answers = make([][]string, len(c.Queries))
	if bs, ok := e.(BatchSearcher); ok {
		as, err := bs.SearchBatch(ctx, c.Queries, 10)
		if err != nil {
			return fail("search", err)
		}
		if len(as) != len(c.Queries) {
			return fail("search", fmt.Errorf("%d answers for %d questions", len(as), len(c.Queries)))
		}
		for i, a := range as {
			r.Answers[i] = a.IDs
		}
		return r, ctx.Err()
	}
	for i, q := range c.Queries {
		ids, err := e.Search(ctx, q.Text, 10)
		if err != nil {
			return fail("search "+q.ID, err)
		}
		r.Answers[i] = ids
	}
	return r, ctx.Err()
}

// SetReport is the report of one run on a set corpus.
type SetReport struct {
	Machine Machine
	Started time.Time
	Elapsed time.Duration
	Command string
	Corpus  *SetCorpus
	Runs    []SetRun // in table order
}

// WriteSetReport writes r as Markdown: the figures per family and engine,
// then every query with what each engine found of it.
func WriteSetReport(w io.Writer, r SetReport) error {
	ew := &errWriter{w: w}
	c := r.Corpus
	fmt.Fprintf(ew, "# Cross-form retrieval on real Japanese text (%s)\n\n", c.Corpus.Name)
	fmt.Fprintf(ew, "Generated by `%s` on %s (took %s). Machine: %s; %s, %d cores, %d MB; %s.\n\n",
		r.Command, r.Started.UTC().Format("2006-01-02 15:04 MST"), r.Elapsed.Round(time.Second),
		r.Machine.OS, r.Machine.CPU, r.Machine.Cores, r.Machine.MemoryMB, r.Machine.Go)
	fmt.Fprintf(ew, "%d passages (JSQuAD validation passages and Debian's Japanese documentation), %d queries "+
		"whose relevant passages use only another form than the query: see "+
		"[data/bilingual-real/README.md](data/bilingual-real/README.md). Every engine gets the query as typed "+
		"and returns its top 10 (kensaku: its CLI with glossary expansion, as a user runs it; peers: the OR of "+
		"the query's analysed terms, BM25). all@10 is the share of queries with every relevant passage in the "+
		"top 10, recall@10 the mean share of relevant passages in the top 10, mrr@10 the mean reciprocal rank "+
		"of the first relevant passage.\n\n", len(c.Corpus.Passages), len(c.Queries))

	var ran []SetRun
	fmt.Fprintln(ew, "| engine | version | status |")
	fmt.Fprintln(ew, "|---|---|---|")
	for _, run := range r.Runs {
		status := "ran"
		switch {
		case !run.Available:
			status = "not available: " + run.Reason
		case run.Failed:
			status = "failed: " + run.Reason
		default:
			ran = append(ran, run)
		}
		fmt.Fprintf(ew, "| %s | %s | %s |\n", run.Engine, run.Version, mdCell(status))
	}
	fmt.Fprintln(ew)
	if len(ran) == 0 {
		return ew.err
	}

	fmt.Fprintln(ew, "## Per family: all@10 / recall@10 / mrr@10")
	fmt.Fprintln(ew)
	quality := make([][]FamilyQuality, len(ran))
	for i, run := range ran {
		quality[i] = JudgeFamilies(c.Queries, run.Answers)
	}
	fmt.Fprint(ew, "| family | queries |")
	for _, run := range ran {
		fmt.Fprintf(ew, " %s |", run.Engine)
	}
	fmt.Fprint(ew, "\n|---|--:|")
	for range ran {
		fmt.Fprint(ew, "---|")
	}
	fmt.Fprintln(ew)
	for k, fq := range quality[0] {
		fam := fq.Family
		if fam == "all" {
			fam = "**all**"
		}
		fmt.Fprintf(ew, "| %s | %d |", fam, fq.Queries)
		for i := range ran {
			q := quality[i][k]
			fmt.Fprintf(ew, " %.3f / %.3f / %.3f |", q.All10, q.Recall10, q.MRR10)
		}
		fmt.Fprintln(ew)
	}
	fmt.Fprintln(ew)

	fmt.Fprintln(ew, "## Per query: relevant passages found in the top 10 (rank of the first)")
	fmt.Fprintln(ew)
	fmt.Fprint(ew, "| id | query | relevant |")
	for _, run := range ran {
		fmt.Fprintf(ew, " %s |", run.Engine)
	}
	fmt.Fprint(ew, "\n|---|---|--:|")
	for range ran {
		fmt.Fprint(ew, "---|")
	}
	fmt.Fprintln(ew)
	for k, q := range c.Queries {
		fmt.Fprintf(ew, "| %s | %s | %d |", q.ID, mdCell(q.Text), len(q.Relevant))
		for _, run := range ran {
			var ids []string
			if k < len(run.Answers) {
				ids = run.Answers[k]
			}
			j := JudgeSet(ids, q.Relevant)
			cell := fmt.Sprintf("%d", j.Found)
			if j.First > 0 {
				cell += fmt.Sprintf(" (%d)", j.First)
			}
			fmt.Fprintf(ew, " %s |", cell)
		}
		fmt.Fprintln(ew)
	}
	return ew.err
}

// mdCell makes s safe for one cell of a Markdown table.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// errWriter keeps the first write error, so that a report is written with
// plain Fprintf calls and checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, nil
}
