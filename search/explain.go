package search

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Explanation says why a hit scored what it did (Request.Explain): the
// features of the ranking model (see Ranking) that matched, each with
// what it added to the score. The features' scores add up to the hit's
// score before the kind factor; Score is that sum times KindFactor.
type Explanation struct {
	Score float64 `json:"score"`
	// Kind is the passage's kind and KindFactor the factor it scaled the
	// score by (Ranking.Kind).
	Kind       string         `json:"kind"`
	KindFactor float64        `json:"kind_factor"`
	Features   []FeatureScore `json:"features"`
}

// FeatureScore is one feature of the ranking model that matched a hit.
type FeatureScore struct {
	// Feature is one of phrase (the words as an exact phrase, or in order
	// with a word skipped when Sloppy is set), words (the words found in
	// the text), title (words found in the title), bigrams (character
	// bigrams found), equivalent (a glossary equivalent of a term) and
	// interleave (what a passage gained or lost by its place when the
	// query is one term, a year, or several words with an equivalent of
	// the whole, and the passages with only another form of it take
	// every other place: see interleaveForms and interleaveQuery).
	Feature string `json:"feature"`
	// Query is the part of the query the feature scores.
	Query string `json:"query"`
	// Score is what the feature added to the hit's score: its BM25
	// scores times its weight and the coord factors above it.
	Score float64 `json:"score"`
	// Matched of Of are the feature's clauses found in the passage (the
	// words of the query for words and title, the bigrams for bigrams);
	// equivalents count as one more word of their chunk.
	Matched int `json:"matched,omitempty"`
	Of      int `json:"of,omitempty"`
	// Sloppy marks a phrase found with a word between two of its words.
	Sloppy bool `json:"sloppy,omitempty"`
	// Terms are the terms found, as the index has them.
	Terms []string `json:"terms,omitempty"`
	// Form, Source and Confidence describe an equivalent: the form
	// searched, the source of its glossary entry and its confidence.
	Form       string  `json:"form,omitempty"`
	Source     string  `json:"source,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// String renders e on one line: the score as the sum of its features.
func (e *Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.3f =", e.Score)
	for i, f := range e.Features {
		if i > 0 {
			b.WriteString(" +")
		}
		fmt.Fprintf(&b, " %s %.3f", f.Feature, f.Score)
		var details []string
		if f.Form != "" {
			d := f.Form
			if f.Source != "" {
				d += " " + f.Source
			}
			if f.Confidence > 0 {
				d += " " + strconv.FormatFloat(f.Confidence, 'f', 2, 64)
			}
			details = append(details, d)
		}
		if f.Of > 0 {
			details = append(details, fmt.Sprintf("%d/%d", f.Matched, f.Of))
		}
		if f.Sloppy {
			details = append(details, "sloppy")
		}
		if len(f.Terms) > 0 && f.Feature != "bigrams" {
			details = append(details, strings.Join(f.Terms, " "))
		}
		if len(details) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(details, ", "))
		}
	}
	if len(e.Features) == 0 {
		b.WriteString(" no feature")
	}
	if e.KindFactor != 1 {
		fmt.Fprintf(&b, "; × %.2f for kind %s", e.KindFactor, e.Kind)
	}
	return b.String()
}

// featureLabel names the feature a part of the query tree computes.
type featureLabel struct {
	Feature string `json:"f"`
	Query   string `json:"q,omitempty"`
	Form    string `json:"e,omitempty"`
	Sloppy  bool   `json:"s,omitempty"`
}

// featureQuery labels a part of the query tree with the feature of the
// ranking model it computes. It scores as q; only an explaining search
// (Request.Explain) reads the label.
type featureQuery struct {
	q     bquery.Query
	label featureLabel
}

// labelled returns q labelled as feature f of the query text query.
func labelled(q bquery.Query, f, query string) bquery.Query {
	return &featureQuery{q: q, label: featureLabel{Feature: f, Query: query}}
}

func (q *featureQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.q.Searcher(ctx, r, m, opts)
	if err != nil || !opts.Explain {
		return s, err
	}
	msg, err := json.Marshal(q.label)
	if err != nil {
		return nil, err
	}
	return &featureSearcher{Searcher: s, msg: featurePrefix + string(msg)}, nil
}

// unlabelled returns q without its labels.
func unlabelled(q bquery.Query) bquery.Query {
	for {
		f, ok := q.(*featureQuery)
		if !ok {
			return q
		}
		q = f.q
	}
}

const featurePrefix = "kensaku feature "

// featureSearcher wraps the explanation of every match of a labelled
// query in a node that carries the label.
type featureSearcher struct {
	bsearch.Searcher
	msg string
}

func (s *featureSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.wrap(s.Searcher.Next(ctx))
}

func (s *featureSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.wrap(s.Searcher.Advance(ctx, id))
}

func (s *featureSearcher) wrap(m *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if m != nil {
		m.Expl = &bsearch.Explanation{Value: m.Score, Message: s.msg, Children: []*bsearch.Explanation{m.Expl}}
	}
	return m, err
}

// explain runs q again over the hits, with Bleve's explanations, and
// returns each hit's Explanation by id. The search is restricted to the
// hits, so its query norm differs from the ranking search's: the
// features' scores are scaled to the hit's score (the norm scales every
// score of a search alike).
func (e *Engine) explain(ctx context.Context, p *plan, q bquery.Query, hits bsearch.DocumentMatchCollection, top *topK) (map[string]*Explanation, error) {
	ids := make([]string, len(hits))
	scores := make(map[string]float64, len(hits))
	kinds := make(map[string]uint64, len(hits))
	for i, h := range hits {
		doc := h.IndexInternalID.Value()
		ids[i] = h.ID
		scores[h.ID] = h.Score
		if !top.isHit(doc) {
			scores[h.ID] += hitOffset
		}
		kinds[h.ID] = doc
	}
	root := &featureQuery{q: q, label: featureLabel{Feature: "query"}}
	sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), root), len(ids), 0, true)
	sr.PreSearchData = e.preSearchData()
	res, err := e.ix.Search(ctx, sr)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Explanation, len(res.Hits))
	for _, h := range res.Hits {
		kind := e.kindOf(kinds[h.ID])
		x := &Explanation{Score: scores[h.ID], Kind: kind, KindFactor: e.rank.kindFactor(kind), Features: []FeatureScore{}}
		rootNode := findFeature(h.Expl, "query")
		if rootNode != nil && rootNode.Value > 0 {
			scale := x.Score / x.KindFactor / rootNode.Value
			collectFeatures(rootNode.Children[0], scale, p, &x.Features)
		}
		out[h.ID] = x
	}
	return out, nil
}

// findFeature returns the first node of ex labelled as feature f.
func findFeature(ex *bsearch.Explanation, f string) *bsearch.Explanation {
	if ex == nil {
		return nil
	}
	if l, ok := parseLabel(ex.Message); ok && l.Feature == f {
		return ex
	}
	for _, c := range ex.Children {
		if n := findFeature(c, f); n != nil {
			return n
		}
	}
	return nil
}

func parseLabel(msg string) (featureLabel, bool) {
	var l featureLabel
	s, ok := strings.CutPrefix(msg, featurePrefix)
	if !ok {
		return l, false
	}
	return l, json.Unmarshal([]byte(s), &l) == nil
}

var (
	coordMessage = regexp.MustCompile(`^coord\((\d+)/(\d+)\)$`)
	termMessage  = regexp.MustCompile(`^(?:weight|fieldWeight)\([a-z_]+:(.+?)(?:\^[-0-9.e+]+)? in `)
)

// collectFeatures appends the features under ex to out. mult is the
// product of the coord factors above ex (and the scale of the search);
// a feature's score is its node's value times mult, less the scores of
// the features nested in it (the equivalents of a chunk count as one of
// its words).
func collectFeatures(ex *bsearch.Explanation, mult float64, p *plan, out *[]FeatureScore) float64 {
	if ex == nil {
		return 0
	}
	if l, ok := parseLabel(ex.Message); ok && len(ex.Children) == 1 {
		f := FeatureScore{Feature: l.Feature, Query: l.Query, Form: l.Form, Sloppy: l.Sloppy}
		if f.Form != "" {
			f.Source, f.Confidence = p.formSource(f.Form)
		}
		inner := ex.Children[0]
		if f.Feature != "equivalent" && inner != nil && inner.Message == "product of:" && len(inner.Children) == 2 {
			if m := coordMessage.FindStringSubmatch(inner.Children[1].Message); m != nil {
				f.Matched, _ = strconv.Atoi(m[1])
				f.Of, _ = strconv.Atoi(m[2])
			}
		}
		if f.Of == 0 && (f.Feature == "words" || f.Feature == "title" || f.Feature == "bigrams") {
			f.Matched, f.Of = 1, 1 // a single clause
		}
		i := len(*out)
		*out = append(*out, f)
		nested := 0.0
		var terms []string
		for _, c := range ex.Children {
			nested += collectTerms(c, mult, p, out, &terms)
		}
		(*out)[i].Sloppy = hasMessage(ex, sloppyMessage)
		total := ex.Value * mult
		(*out)[i].Score = total - nested
		if f.Feature != "equivalent" {
			(*out)[i].Terms = terms
		}
		return total
	}
	var sum float64
	for _, c := range ex.Children {
		sum += collectFeatures(c, mult*coordOf(ex, c), p, out)
	}
	return sum
}

// collectTerms walks the tree under a feature: it appends the features
// nested in it to out and returns the sum of their scores, and adds the
// terms it finds to terms.
func collectTerms(ex *bsearch.Explanation, mult float64, p *plan, out *[]FeatureScore, terms *[]string) float64 {
	if ex == nil {
		return 0
	}
	if _, ok := parseLabel(ex.Message); ok {
		return collectFeatures(ex, mult, p, out)
	}
	if m := termMessage.FindStringSubmatch(ex.Message); m != nil {
		if !slices.Contains(*terms, m[1]) {
			*terms = append(*terms, m[1])
		}
		return 0
	}
	if t, ok := strings.CutPrefix(ex.Message, "bigram "); ok {
		if !slices.Contains(*terms, t) {
			*terms = append(*terms, t)
		}
		return 0
	}
	var sum float64
	for _, c := range ex.Children {
		sum += collectTerms(c, mult*coordOf(ex, c), p, out, terms)
	}
	return sum
}

// coordOf returns the coord factor node ex applies to its child c: a
// disjunction's "product of" a sum and a coord.
func coordOf(ex, c *bsearch.Explanation) float64 {
	if ex.Message != "product of:" || len(ex.Children) != 2 || ex.Children[0] != c {
		return 1
	}
	if coordMessage.MatchString(ex.Children[1].Message) {
		return ex.Children[1].Value
	}
	return 1
}

// formSource returns the source and confidence of an equivalent form
// from the expansions of the plan.
func (p *plan) formSource(form string) (string, float64) {
	for _, x := range p.expansions {
		for _, f := range x.Forms {
			if f.Form == form {
				return f.Source, f.Confidence
			}
		}
		if x.Term == form {
			return "typed", 1
		}
	}
	return "", 0
}

// hasMessage reports whether a node of ex, not under a nested feature,
// has message msg.
func hasMessage(ex *bsearch.Explanation, msg string) bool {
	if ex == nil {
		return false
	}
	if ex.Message == msg {
		return true
	}
	for _, c := range ex.Children {
		if _, nested := parseLabel(c.Message); c != nil && !nested && hasMessage(c, msg) {
			return true
		}
	}
	return false
}
