package opensearch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/query"
)

// rank holds kensaku's ranking weights (search.DefaultRanking), which
// the DSL reproduces.
var rank = search.DefaultRanking()

// weightAllWords is the weight of a chunk's words all found, which kensaku
// gets from Bleve's coord and OpenSearch has no equivalent of: as much as
// any word, so that a passage with all the words scores twice.
var weightAllWords = rank.AnyWord

const (
	fragmentRunes = 120 // highlight fragment size
	fragments     = 3
	facetSize     = 20
	// synonymSlop is the slop of the phrases of equivalents: the synonym
	// rules hold multi-word forms without the words the analyzer drops
	// (see SynonymRules), which the indexed text has gaps for.
	synonymSlop = 2
)

// tierBoost is the boost of a tier's synonym clause for a glossary term
// that covers the share coverage of its chunk: kensaku's equivalent
// weight, confidence × coverage².
func tierBoost(t Tier, coverage float64) float64 {
	return rank.Equivalent * t.Confidence * coverage * coverage
}

// QueryOptions configure [Query]. The zero value works.
type QueryOptions struct {
	// Glossary is the glossary the export was made from (an engine's
	// [search.Engine.Glossary]). With it, a chunk of the query searches
	// only the tiers of the glossary terms it holds, at a boost scaled by
	// the square of their share of the chunk, and a chunk that is one
	// term weighs its partial matches less, as kensaku does. Without it,
	// every chunk searches every tier at full boost.
	Glossary *glossary.Glossary
}

// Query returns the OpenSearch (and Elasticsearch) search request body
// equivalent to req as kensaku plans it, for an index made by [Export]:
// the query, size and from, highlighting of the text field with <mark>
// (unless req.NoHighlight or req.IDsOnly) and facets as terms
// aggregations (unless req.NoFacets). It returns a *query.SyntaxError for
// a malformed query and an error wrapping search.ErrInvalidRequest for a
// request beyond kensaku's limits. The first call loads kensaku's
// dictionary (see package analyzers), which decides which chunks are
// searched as phrases. It is safe for concurrent use.
func Query(req search.Request, opts QueryOptions) (map[string]any, error) {
	if n := utf8.RuneCountInString(req.Query); n > search.MaxQueryRunes {
		return nil, fmt.Errorf("%w: query has %d characters, at most %d are allowed", search.ErrInvalidRequest, n, search.MaxQueryRunes)
	}
	switch {
	case req.Size < 0 || req.Size > search.MaxSize:
		return nil, fmt.Errorf("%w: size %d is not within 0..%d", search.ErrInvalidRequest, req.Size, search.MaxSize)
	case req.Size == 0:
		req.Size = search.DefaultSize
	}
	if req.From < 0 || req.From > search.MaxFrom {
		return nil, fmt.Errorf("%w: from %d is not within 0..%d", search.ErrInvalidRequest, req.From, search.MaxFrom)
	}
	q, err := query.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	b := builder{g: opts.Glossary}
	var groups []any
	runs := q.Runs()
	for gi, g := range q.Groups {
		groups = append(groups, b.group(gi, g, runs, req.NoExpand))
	}
	var main any
	switch len(groups) {
	case 0:
		main = map[string]any{"match_all": map[string]any{}}
	case 1:
		main = groups[0]
	default:
		main = boolQuery(nil, groups, nil)
	}
	filters := slices.Clone(q.Filters)
	for _, f := range req.Filters {
		filters = append(filters, query.Filter{Field: f.Field, Value: f.Value})
	}
	if len(filters) > 0 {
		var keep, drop []any
		for _, f := range filters {
			fq, err := filterQuery(f)
			if err != nil {
				return nil, err
			}
			if f.Exclude {
				drop = append(drop, fq)
			} else {
				keep = append(keep, fq)
			}
		}
		bq := map[string]any{"must": []any{main}}
		if keep != nil {
			bq["filter"] = keep
		}
		if drop != nil {
			bq["must_not"] = drop
		}
		main = map[string]any{"bool": bq}
	}
	body := map[string]any{"query": main, "size": req.Size, "from": req.From, "track_total_hits": true}
	if req.IDsOnly {
		body["_source"] = false
		req.NoHighlight = true
	}
	if !req.NoHighlight {
		body["highlight"] = map[string]any{
			"encoder": "html", "pre_tags": []string{"<mark>"}, "post_tags": []string{"</mark>"},
			"fields": map[string]any{"text": map[string]any{"type": "unified",
				"fragment_size": fragmentRunes, "number_of_fragments": fragments}},
		}
	}
	if !req.NoFacets {
		aggs := map[string]any{}
		for _, f := range indexer.FacetFields {
			aggs[f] = map[string]any{"terms": map[string]any{"field": f, "size": facetSize}}
		}
		body["aggs"] = aggs
	}
	return body, nil
}

// QueryJSON returns [Query]'s body as indented JSON.
func QueryJSON(req search.Request, opts QueryOptions) ([]byte, error) {
	body, err := Query(req, opts)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(body); err != nil {
		return nil, fmt.Errorf("opensearch: encode query: %w", err)
	}
	return b.Bytes(), nil
}

type builder struct {
	g *glossary.Glossary
}

// group translates one OR-alternative of the query: adjacent bare words
// are one chunk, as in kensaku.
func (b builder) group(gi int, g []query.Clause, runs []query.Run, noExpand bool) any {
	var must, should, mustNot []any
	for i := 0; i < len(g); i++ {
		c := g[i]
		if c.Occur == query.Should && !c.Phrase && !c.Literal {
			for _, r := range runs {
				if r.Group == gi && r.Start == i {
					should = append(should, b.chunk(r.Text, false, noExpand))
					i = r.End - 1
					break
				}
			}
			continue
		}
		cq := b.chunk(c.Text, c.Phrase, noExpand || c.Literal)
		switch c.Occur {
		case query.Must:
			must = append(must, cq)
		case query.MustNot:
			mustNot = append(mustNot, cq)
		default:
			should = append(should, cq)
		}
	}
	if must == nil && should == nil {
		must = []any{map[string]any{"match_all": map[string]any{}}}
	}
	if must == nil && len(should) == 1 && mustNot == nil {
		return should[0]
	}
	return boolQuery(must, should, mustNot)
}

// chunk translates a piece of query text: the literal text (a phrase, all
// its words, any word, the title, the bigrams) and, unless noExpand, the
// synonym clauses of the tiers its glossary terms belong to.
func (b builder) chunk(text string, phrase, noExpand bool) any {
	partial := 1.0
	coverage := map[string]float64{} // tier name → the largest coverage of a term of the tier
	if !noExpand {
		if b.g == nil {
			for _, t := range Tiers {
				coverage[t.Name] = 1
			}
		} else {
			textRunes := float64(utf8.RuneCountInString(text))
			matches := b.g.Find(text)
			for _, m := range matches {
				c := float64(utf8.RuneCountInString(m.Form)) / textRunes
				for _, e := range m.Entries {
					t := tierOf(e.Confidence)
					coverage[t.Name] = max(coverage[t.Name], c)
				}
				if strings.TrimSpace(text[:m.Start]) == "" && strings.TrimSpace(text[m.End:]) == "" && len(matches) == 1 {
					partial = rank.PartialKnown
				}
			}
		}
	}
	var should []any
	if phrase {
		should = append(should,
			matchPhrase("text", text, AnalyzerJapanese, rank.Phrase),
			matchPhrase("text.bigram", text, "", rank.Bigram))
	} else {
		if wantsPhrase(text) {
			should = append(should, matchPhrase("text", text, AnalyzerJapanese, rank.Phrase))
		}
		should = append(should,
			match("text", text, AnalyzerJapanese, "and", weightAllWords*partial),
			match("text", text, AnalyzerJapanese, "", rank.AnyWord*partial),
			match("title", text, "", "", rank.Title),
			match("text.bigram", text, "", "", rank.Bigram*partial))
	}
	for _, t := range Tiers {
		c, ok := coverage[t.Name]
		if !ok {
			continue
		}
		w := tierBoost(t, c)
		if partial == 1 && w < rank.MinEquivalent {
			continue
		}
		if phrase || partial != 1 {
			// A phrase, or a chunk that names one glossary term: its
			// equivalents as phrases, with the slack of the words the
			// rules leave out (the of of Association of Southeast Asian
			// Nations).
			q := matchPhrase("text", text, SynonymAnalyzer(t), w)
			q.(map[string]any)["match_phrase"].(map[string]any)["text"].(map[string]any)["slop"] = synonymSlop
			should = append(should, q)
		} else {
			should = append(should, match("text", text, SynonymAnalyzer(t), "", w))
		}
	}
	return boolQuery(nil, should, nil)
}

// maxPhraseWords is kensaku's longest run of words also searched as a
// phrase (search/plan.go).
const maxPhraseWords = 6

// questionWords are the interrogatives kensaku leaves out of a question
// (search/plan.go): a phrase with one of them matches nothing.
var questionWords = map[string]bool{
	"何": true, "何と": true, "なに": true, "なん": true, "何故": true, "なぜ": true,
	"誰": true, "だれ": true, "どなた": true, "いつ": true, "何時": true,
	"どこ": true, "何処": true, "どの": true, "どれ": true, "どちら": true, "どっち": true,
	"どんな": true, "どう": true, "如何": true, "いかが": true,
	"いくつ": true, "幾つ": true, "いくら": true, "どれくらい": true, "どのくらい": true, "どれほど": true,
	"なにか": true, "何か": true, "何者": true, "なんと": true, "何故か": true, "どういう": true,
	"いかなる": true, "なんで": true, "何で": true,
}

// wantsPhrase reports whether kensaku searches the words of text, a chunk
// of the query, as a phrase too: at most maxPhraseWords words as
// kensaku_ja cuts them, none of them a question word. (A longer phrase
// almost never matches, and costs a lookup of every word's positions.)
// The dictionary is loaded on first use.
func wantsPhrase(text string) bool {
	terms, err := analyzers.Terms(analyzers.Japanese, text)
	if err != nil {
		return true
	}
	if len(terms) > maxPhraseWords {
		return false
	}
	for _, t := range terms {
		if questionWords[t] {
			return false
		}
	}
	return true
}

func match(field, text, analyzer, operator string, boost float64) any {
	m := map[string]any{"query": text, "boost": round(boost)}
	if analyzer != "" {
		m["analyzer"] = analyzer
	}
	if operator != "" {
		m["operator"] = operator
	}
	return map[string]any{"match": map[string]any{field: m}}
}

func matchPhrase(field, text, analyzer string, boost float64) any {
	m := map[string]any{"query": text, "boost": round(boost)}
	if analyzer != "" {
		m["analyzer"] = analyzer
	}
	return map[string]any{"match_phrase": map[string]any{field: m}}
}

// boolQuery returns a bool query; with should clauses and no must, at
// least one of them must match.
func boolQuery(must, should, mustNot []any) any {
	b := map[string]any{}
	if must != nil {
		b["must"] = must
	}
	if should != nil {
		b["should"] = should
		if must == nil {
			b["minimum_should_match"] = 1
		}
	}
	if mustNot != nil {
		b["must_not"] = mustNot
	}
	return map[string]any{"bool": b}
}

// filterQuery translates a filter: a term on a keyword field, a section
// and the sections under it, a page range.
func filterQuery(f query.Filter) (any, error) {
	switch f.Field {
	case indexer.FieldDocument, indexer.FieldKind:
		return map[string]any{"term": map[string]any{f.Field: f.Value}}, nil
	case indexer.FieldSection:
		return boolQuery(nil, []any{
			map[string]any{"term": map[string]any{f.Field: f.Value}},
			map[string]any{"prefix": map[string]any{f.Field: f.Value + corpus.SectionSeparator}},
		}, nil), nil
	case indexer.FieldPage:
		lo, hi, ok := f.Pages()
		if !ok {
			return nil, fmt.Errorf("%w: page filter %q is not a number or range N-M", search.ErrInvalidRequest, f.Value)
		}
		return map[string]any{"range": map[string]any{f.Field: map[string]any{"gte": lo, "lte": hi}}}, nil
	}
	return nil, fmt.Errorf("%w: unknown filter field %q, want one of document, section, kind, page", search.ErrInvalidRequest, f.Field)
}

// round keeps boosts readable and stable in JSON: six decimals.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }
