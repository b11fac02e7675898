package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search/query"
)

// Options configure an Engine. The zero value works.
type Options struct {
	// Glossary holds extra entries, such as user glossaries given at
	// search time; they are merged with the index's own, the curated
	// glossary and the EDICT and Sudachi lexicons.
	Glossary []glossary.Entry
	// NoLexicon leaves out the lexicons derived from EDICT and from
	// Sudachi's synonym dictionary.
	NoLexicon bool
	// NoTranslit turns off the katakana spellings of English words (see
	// search/translit.go).
	NoTranslit bool
	// Ranking holds the weights of the ranking model (see Ranking); nil
	// means DefaultRanking().
	Ranking *Ranking
	// Logger receives diagnostics; nil discards them.
	Logger *slog.Logger
}

// Engine searches one index. It is safe for concurrent use.
type Engine struct {
	ix    *indexer.Index
	gloss *glossary.Glossary
	log   *slog.Logger
	owned bool // Close closes ix

	closeOnce sync.Once
	closeErr  error

	// The analyzers of the text field and of the bigram index, which
	// queries are analysed with.
	morph, bigram analysis.Analyzer
	// morphTok is the text field's tokenizer when morph is kensaku's
	// morphological tokenizer and nothing else (see withOffsets).
	morphTok *analyzers.Morph
	// tokens keeps the analyses of the passages highlighted last (see
	// withOffsets).
	tokens tokensCache

	// The words of the titles in the index, and their bigrams (see
	// Ranking.TitleWord).
	titleWords, titleBigrams map[string]bool
	titleParts               titlePartsState    // katakana title words by their parts, built on first use
	modifiers                modifierState      // the glossary's hyphenated modifiers, built on first use
	titleSiblingWords        titleSiblingsState // katakana words of titles only, by skeleton, built on first use
	facets                   *facetTable
	kinds                    []float64     // the factor of each passage's kind (see Ranking.Kind)
	ords                     *ordinalSort  // ranks equal scores by the passages' ordinals
	translit                 translitState // katakana words, built on first use
	okurigana                okuriganaState
	formsIn                  boundedCache[bool]       // answers of e.occurs (the index of an Engine does not change)
	spelled                  boundedCache[[]spelling] // answers of e.spellings
	contained                boundedCache[[]string]   // answers of e.containingWords
	affixes                  affixState               // the katakana terms, for containingWords
	titleContained           boundedCache[[]string]   // answers of e.containingTitleWords
	titleAffixes             affixState               // the katakana words of titles, for containingTitleWords
	noTranslit               bool
	noLexicon                bool // no phrasebook either

	rank Ranking // the weights of the ranking model
	// pruneMin is the size of index from which searches prune (see
	// pruneMinPassages); bleveDisjunctions makes queries run on Bleve's
	// DisjunctionQuery instead of anyQuery. Tests change them.
	pruneMin          int
	bleveDisjunctions bool
	// bleveLocations makes highlighting read the hits' term locations
	// with Bleve's searchers (searchLocations) instead of hitLocations.
	bleveLocations bool
	// onLocate, when set, is told whether hitLocations read a page's
	// locations (false: Bleve's searchers did).
	onLocate func(ok bool)
}

var _ Searcher = (*Engine)(nil)

// New returns an Engine over ix. The engine does not own ix: close it
// after the engine is no longer used. A failure reading the index is an
// error wrapping ErrIndexDamaged.
func New(ix *indexer.Index, opts Options) (e *Engine, err error) {
	defer (&Engine{ix: ix, log: slog.New(slog.DiscardHandler)}).guard(&err)()
	return newEngine(ix, opts)
}

func newEngine(ix *indexer.Index, opts Options) (*Engine, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	base, err := baseGlossary(!opts.NoLexicon)
	if err != nil {
		return nil, err
	}
	entries := slices.Concat(ix.Glossary, opts.Glossary)
	e := &Engine{ix: ix, gloss: glossary.NewOn(base, entries), log: opts.Logger, noTranslit: opts.NoTranslit,
		noLexicon: opts.NoLexicon, pruneMin: pruneMinPassages}
	e.formsIn.max = maxCachedForms
	e.tokens.max = highlightCacheBytes
	e.spelled.max = maxCachedForms
	e.contained.max = maxCachedForms
	e.titleContained.max = maxCachedForms
	e.translit.reverse.memo.max = maxReverseMemo
	if opts.Ranking != nil {
		e.rank = *opts.Ranking
	} else {
		e.rank = *DefaultRanking()
	}
	e.rank.defaultK1()
	m := ix.Mapping()
	e.morph = m.AnalyzerNamed(m.AnalyzerNameForPath(indexer.FieldText))
	e.bigram = m.AnalyzerNamed(analyzers.Bigram)
	if e.morph == nil || e.bigram == nil {
		return nil, errors.New("search: the index mapping has no analyzer for its text fields")
	}
	if da, ok := e.morph.(*analysis.DefaultAnalyzer); ok && len(da.CharFilters) == 0 && len(da.TokenFilters) == 0 {
		e.morphTok, _ = da.Tokenizer.(*analyzers.Morph)
	}
	if err := e.loadTitleWords(); err != nil {
		return nil, err
	}
	if e.facets, err = loadFacetTable(ix); err != nil {
		return nil, fmt.Errorf("search: reading the facet values: %w", err)
	}
	e.kinds = e.kindFactors()
	e.ords = newOrdinalSort(ix.Ordinals())
	return e, nil
}

// loadTitleWords reads the title field's dictionary (the words of live
// passages only, in an index with deleted passages).
func (e *Engine) loadTitleWords() error {
	e.titleWords, e.titleBigrams = map[string]bool{}, map[string]bool{}
	terms, err := e.ix.Terms(indexer.FieldTitle, "", "", nil)
	if err != nil {
		return fmt.Errorf("search: reading the title words: %w", err)
	}
	for _, t := range terms {
		e.titleWords[t] = true
		for _, b := range e.bigram.Analyze([]byte(t)) {
			e.titleBigrams[string(b.Term)] = true
		}
	}
	return nil
}

// Glossary returns the merged glossary the engine expands queries with.
func (e *Engine) Glossary() *glossary.Glossary { return e.gloss }

// Index returns the index the engine searches.
func (e *Engine) Index() *indexer.Index { return e.ix }

// Search runs req against the index. A failure reading the index (a
// damaged file, a file truncated under the process) is an error wrapping
// ErrIndexDamaged, and the engine's Health reports it.
func (e *Engine) Search(ctx context.Context, req Request) (res *Result, err error) {
	if err := e.ix.CheckSegments(ctx); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer e.guard(&err)()
	return e.search(ctx, req)
}

func (e *Engine) search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	if err := validate(&req); err != nil {
		return nil, err
	}
	if err := e.checkCost(req.Query); err != nil {
		return nil, err
	}
	plan, err := e.plan(req)
	if err != nil {
		return nil, err
	}
	q := plan.query
	// Only the best Size+From passages of a large index need a score
	// (see topK); the total and the facets are still exact. The anyQuery
	// must be the whole query: under a filter, the best passages may not
	// pass it.
	top := &topK{k: req.Size + req.From, kindFactors: e.kinds, ords: e.ords.ords}
	sctx := ctx
	if _, ok := q.(*anyQuery); ok && e.ix.Meta.Passages >= e.pruneMin {
		sctx = withTopK(ctx, top)
	}
	var facets *facetCounts
	if !req.NoFacets {
		facets = e.facets.newCounts()
		top.facets = facets
	}
	q = &rankQuery{q: q, rule: plan.rule, top: top}
	if facets != nil {
		q = &countingQuery{q: q, counts: facets, top: top}
	}
	sr := bleve.NewSearchRequestOptions(q, req.Size, req.From, false)
	sr.Sort = e.sortOrder()
	if req.IDsOnly {
		req.NoHighlight = true
	}
	sr.PreSearchData = e.preSearchData()

	res, err := e.ix.Search(sctx, sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	// The passages of the page, from the passage store.
	var passages []corpus.Passage
	if !req.IDsOnly && len(res.Hits) > 0 {
		if passages, err = e.passagesOf(res.Hits); err != nil {
			return nil, err
		}
	}
	var fragments map[string][]string
	if !req.NoHighlight && len(res.Hits) > 0 {
		if fragments, err = e.highlight(ctx, plan.query, res.Hits, passages); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("search: highlighting: %w", err)
		}
	}
	var explained map[string]*Explanation
	if req.Explain && len(res.Hits) > 0 {
		if explained, err = e.explain(ctx, plan, plan.query, res.Hits, top); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("search: explaining: %w", err)
		}
	}
	out := &Result{
		Query:      req.Query,
		Total:      top.hitCount,
		Partial:    top.partialCount,
		Expansions: plan.expansions,
		Hits:       make([]Hit, 0, len(res.Hits)),
		Facets:     map[string][]Facet{},
	}
	for i, h := range res.Hits {
		if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
			// Never handed out: a score that is not a number orders
			// nothing, and JSON cannot carry it.
			return nil, fmt.Errorf("search: passage %s scored %v; the index statistics are damaged", h.ID, h.Score)
		}
		score, partial := h.Score, !top.isHit(h.IndexInternalID.Value())
		if partial {
			score += hitOffset
		}
		var p corpus.Passage
		if passages != nil {
			p = passages[i]
		}
		hit := Hit{ID: h.ID, Score: score, Partial: partial, Document: p.Document, Title: p.Title, Page: p.Page,
			Section: p.SectionPath(), Kind: string(p.Kind), Text: p.Text,
			PDFPage: p.PDFPage, Source: p.Source, Meta: p.Meta}
		if !req.NoHighlight {
			hit.Highlights = mergeMarks(fragments[h.ID])
		}
		hit.Explanation = explained[h.ID]
		out.Hits = append(out.Hits, hit)
	}
	if facets != nil {
		out.Facets = facets.result(facetSize)
	} else {
		for _, f := range indexer.FacetFields {
			out.Facets[f] = []Facet{}
		}
	}
	if out.Expansions == nil {
		out.Expansions = []Expansion{}
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

const facetSize = 20

// pruneMinPassages is the size of index from which searches prune (see
// topK). Pruning evaluates document at a time and pays more per
// document; it gains where the posting lists are long. Measured before
// the bigrams left Bleve for the bigram index: 200 JSQuAD
// questions over the JSQuAD passages repeated to 12, 24, 48 and 96 MB
// (24,000 to 190,000 passages) took 2.03, 3.54, 9.29 and 15.0 ms each
// exhaustively, 2.28, 3.28, 6.83 and 7.73 ms pruned; the 4,442 questions
// over JSQuAD itself (1,145 passages) 0.33 and 0.51 ms.
const pruneMinPassages = 40000

// preSearchData gives a search the index's own BM25 length statistics
// (see indexer.Index.BM25Stats), so that Bleve does not estimate them.
func (e *Engine) preSearchData() map[string]any {
	return map[string]any{bsearch.BM25PreSearchDataKey: e.ix.BM25Stats()}
}

// passagesOf reads the passages of hits from the passage store, checking
// that each is the passage the hit names.
func (e *Engine) passagesOf(hits bsearch.DocumentMatchCollection) ([]corpus.Passage, error) {
	docs := make([]uint64, len(hits))
	for i, h := range hits {
		docs[i] = h.IndexInternalID.Value()
	}
	ps, err := e.ix.Passages(docs)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for i, h := range hits {
		if ps[i].ID != h.ID {
			err := fmt.Errorf("%w: document %d is passage %q in the passage store, %q in the index", indexer.ErrDamaged, docs[i], ps[i].ID, h.ID)
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	return ps, nil
}

// highlight returns the fragments of the text of hits, by id, given their
// passages. The ranking search runs without term locations: Bleve's
// searchers would read them for every passage that matches, and there
// are hundreds or thousands for ten that are shown. hitLocations reads
// them for the hits only, from the posting lists of the query's terms
// (see locator); a query of a kind it does not evaluate is searched again
// with Bleve's searchers, restricted to the hits (searchLocations). The highlighter then reads
// the text from the passages: Bleve stores none. The index keeps the
// positions of terms, not their offsets in the text: withOffsets gives
// the matches theirs.
func (e *Engine) highlight(ctx context.Context, q bquery.Query, hits bsearch.DocumentMatchCollection, passages []corpus.Passage) (map[string][]string, error) {
	ids := make([]string, len(hits))
	text := make(map[string]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
		text[h.ID] = passages[i].Text
	}
	var located []*bsearch.DocumentMatch
	ok := false
	if !e.bleveLocations {
		var err error
		if located, ok, err = e.hitLocations(ctx, q, hits); err != nil {
			return nil, err
		}
	}
	if e.onLocate != nil && !e.bleveLocations {
		e.onLocate(ok)
	}
	if !ok {
		var err error
		if located, err = e.searchLocations(ctx, q, ids); err != nil {
			return nil, err
		}
	}
	out := make(map[string][]string, len(located))
	for _, h := range located {
		e.withOffsets(h, text[h.ID])
		out[h.ID] = bestFragment(h, stringBytes(text[h.ID]))
	}
	return out, nil
}

// searchLocations returns the matches of q among the passages ids with
// their term locations, from Bleve's searchers: the same query,
// restricted to the ids, unscored. It reads them for the query's kinds
// that hitLocations does not evaluate.
func (e *Engine) searchLocations(ctx context.Context, q bquery.Query, ids []string) ([]*bsearch.DocumentMatch, error) {
	sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	sr.Score = bleve.ScoreNone
	sr.IncludeLocations = true
	sr.PreSearchData = e.preSearchData()
	res, err := e.ix.Search(ctx, sr)
	if err != nil {
		return nil, err
	}
	return res.Hits, nil
}

// validate checks req against the limits and fills in defaults.
func validate(req *Request) error {
	if n := utf8.RuneCountInString(req.Query); n > MaxQueryRunes {
		return fmt.Errorf("%w: query has %d characters, at most %d are allowed", ErrInvalidRequest, n, MaxQueryRunes)
	}
	if !utf8.ValidString(req.Query) {
		return fmt.Errorf("%w: query is not valid UTF-8", ErrInvalidRequest)
	}
	switch {
	case req.Size < 0:
		return fmt.Errorf("%w: size %d is negative", ErrInvalidRequest, req.Size)
	case req.Size == 0:
		req.Size = DefaultSize
	case req.Size > MaxSize:
		return fmt.Errorf("%w: size %d is over the limit of %d", ErrInvalidRequest, req.Size, MaxSize)
	}
	if req.From < 0 {
		return fmt.Errorf("%w: from %d is negative", ErrInvalidRequest, req.From)
	}
	if req.From > MaxFrom {
		return fmt.Errorf("%w: from %d is over the limit of %d", ErrInvalidRequest, req.From, MaxFrom)
	}
	if len(req.Filters) > 0 {
		// Canonical values in a copy: the caller's slice is not changed.
		filters := make([]Filter, len(req.Filters))
		for i, f := range req.Filters {
			v, err := checkFilter(f.Field, f.Value)
			if err != nil {
				return err
			}
			filters[i] = Filter{Field: f.Field, Value: v}
		}
		req.Filters = filters
	}
	return nil
}

// MaxQueryWords bounds the distinct words of a query. Every word is a
// posting list to read (with its phrase and bigram lists), so a query's
// cost grows with them: a 250-word query took seconds on a 48 MB index
// while slowing every other search. A question or a pasted paragraph of
// a thousand characters of Japanese prose stays below the bound (165
// distinct words for 1,000 characters of JSQuAD passages).
const MaxQueryWords = 200

// checkCost refuses a query with more than MaxQueryWords distinct words.
// Queries too short to have that many are not analysed here.
func (e *Engine) checkCost(q string) error {
	if len(q) <= MaxQueryWords { // a word has at least one byte
		return nil
	}
	n := len(distinctTerms(e.morph.Analyze([]byte(q))))
	if n > MaxQueryWords {
		return fmt.Errorf("%w: query has %d distinct words, at most %d are searched at once; shorten it", ErrInvalidRequest, n, MaxQueryWords)
	}
	return nil
}

// MaxFrom is the deepest hit a request may page to.
const MaxFrom = 10000

// checkFilter validates a filter of a Request with the query syntax's own
// rules (see [query.CheckFilter]) and returns its value in canonical form.
func checkFilter(field, value string) (string, error) {
	v, err := query.CheckFilter(field, value)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	return v, nil
}

// mergeMarks joins highlighted terms that stand next to each other into
// one mark: <mark>Space Situational Awareness</mark>, not one per word.
// The end of a mark and the start of the next, with at most white space
// (as the regular expression \s: tab, newline, form feed, carriage return,
// space) between them, are replaced by that space.
func mergeMarks(frags []string) []string {
	for i, f := range frags {
		frags[i] = mergeAdjacentMarks(f)
	}
	return frags
}

func mergeAdjacentMarks(f string) string {
	var b strings.Builder
	done := 0 // f[:done] is written to b
	for from := 0; ; {
		i := strings.Index(f[from:], markAfter)
		if i < 0 {
			break
		}
		i += from
		j := i + len(markAfter)
		for j < len(f) && strings.IndexByte("\t\n\f\r ", f[j]) >= 0 {
			j++
		}
		if !strings.HasPrefix(f[j:], markBefore) {
			from = i + len(markAfter)
			continue
		}
		b.WriteString(f[done:i])
		b.WriteString(f[i+len(markAfter) : j])
		done = j + len(markBefore)
		from = done
	}
	if done == 0 {
		return f
	}
	b.WriteString(f[done:])
	return b.String()
}

// The glossaries every engine starts from: the curated glossary, and with
// the lexicons (EDICT, its vocabulary, Sudachi's synonyms) 65,000 entries,
// built ahead of time and embedded (glossary.Lexicons). They are loaded
// once per process and shared; each engine adds its index's mined entries
// and the user's.
var (
	curatedBase = sync.OnceValues(func() (*glossary.Glossary, error) {
		entries, err := glossary.Curated()
		if err != nil {
			return nil, fmt.Errorf("search: curated glossary: %w", err)
		}
		return glossary.New(entries), nil
	})
	lexiconBase = sync.OnceValues(func() (*glossary.Glossary, error) {
		g, err := glossary.Lexicons()
		if err != nil {
			return nil, fmt.Errorf("search: lexicons: %w", err)
		}
		return g, nil
	})
)

func baseGlossary(lexicons bool) (*glossary.Glossary, error) {
	if lexicons {
		return lexiconBase()
	}
	return curatedBase()
}

// Preload loads the shared glossary of the lexicons and the phrasebook,
// both embedded ready to use (glossary.Lexicons,
// glossary.DefaultPhrasebook), so well under a millisecond.
func Preload() {
	lexiconBase()
	phrasebook()
}
