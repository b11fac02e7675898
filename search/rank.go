package search

import (
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"

	"github.com/kensaku/kensaku/indexer"
)

// The ranking model.
//
// A query is translated into a tree of disjunctions (plan.go), and a
// passage's score is computed bottom-up over it:
//
//   - a leaf is a term of a field (the text's words, the title's words)
//     or a character bigram, scored by BM25 (TermScore) with the leaf's
//     weight, or a phrase, scored as the sum of its terms' BM25;
//   - a disjunction adds the scores of the clauses a passage matches and
//     multiplies the sum by coord, the fraction of its clauses matched
//     (Coord), so that a passage with all the words of a query outranks
//     one with some of them;
//   - the passage's kind then scales the score (KindFactor).
//
// Every literal chunk of the query (the words typed together) is one
// disjunction of these features, each a named weight of Ranking:
//
//	phrase      the words as an exact phrase                    Phrase
//	sloppy      the words in order, a word skipped between two   Sloppy (within the phrase feature)
//	words       any of the words, in the text                   AnyWord (TitleWord for words of titles)
//	title       any of the words, in the title                  Title
//	bigrams     any character bigram of the text                Bigram (TitleBigram for bigrams of titles)
//	equivalents glossary equivalents of a term in the chunk     Equivalent × confidence × coverage²
//
// Request.Explain returns these features, with their values, for every
// hit (see Explanation).

// Ranking holds the weights of the ranking model. The zero value is not
// useful: start from DefaultRanking. Options.Ranking carries one; nil
// means DefaultRanking.
//
// The weights were set by measuring MRR@10 on the JSQuAD validation
// questions (see TestRankStats); each field's comment gives what was
// measured. DefaultRanking then scales the weights of some features by
// learned multipliers (ranking_learned.json, see TestLearnRanking).
type Ranking struct {
	// Phrase weighs the chunk's words as an exact phrase (runs of up to
	// MaxPhraseWords words).
	Phrase float64
	// Sloppy is the fraction of Phrase a passage gets whose words are in
	// order but with a word between two of them (宇宙状況の監視 for
	// 宇宙状況監視: the particle is dropped from the index but keeps its
	// position). 0 turns sloppy phrases off.
	Sloppy float64
	// AnyWord weighs each word of the chunk found in the text.
	AnyWord float64
	// Bigram weighs each character bigram of the chunk found in the
	// text's bigram index (recall, and words that morphology cuts
	// differently in the query and the text).
	Bigram float64
	// BigramB is BM25's length normalisation for bigrams (Bleve's b is
	// 0.75 for every field). A bigram found in a long passage says little
	// less about it than one found in a short passage: on JSQuAD, MRR@10
	// was 0.9439, 0.9439, 0.9442, 0.9435 and 0.9432 with b = 0, 0.05,
	// 0.2, 0.4 and 0.75. Some normalisation also ranks passages that
	// match through the same bigrams only in an order that does not
	// depend on the build (by length, where b = 0 leaves them tied in the
	// order of Bleve's document numbers).
	BigramB float64
	// Title weighs each word of the chunk found in the title field.
	Title float64
	// TitleWord and TitleBigram scale AnyWord and Bigram for the words
	// that are also words of some title, and for their bigrams. Such a
	// word (マーラー, 梅雨, 防衛) names what a set of passages is about:
	// the title field matches it, and in the text it does not tell those
	// passages apart, yet its frequency there (short passages that repeat
	// the name) would decide between them. On JSQuAD this raised MRR@10
	// from 0.9391 to 0.9441 (R@1 0.9172 → 0.9237); the weights 0.1–0.5
	// all gained, and restricting the discount to passages under that
	// title gained no more.
	TitleWord, TitleBigram float64
	// TitleInWords weighs a word of a question (a chunk written as a
	// sentence: see isSentence) found in the passage's title as an
	// alternative of the word in the text, within the words feature:
	// the word then counts as found in that feature's coord, as it does
	// for the hit rule (HitTitle). A passage that answers ラオスの首都は
	// without repeating ラオス, its article's title, had half the words
	// score of one that repeats it. On JSQuAD MRR@10 went from 0.9487 to
	// 0.9499 (R@1 0.9300 to 0.9311, R@10 0.9809 to 0.9820); the weights
	// 0.01–1 all gave 0.9495–0.9500: the coord is what counts. The
	// bigrams of such a word count alike in the bigrams feature: 0.9505
	// (R@1 0.9320, R@10 0.9822; weights 0.02 and 0.5: 0.9507, 0.9503).
	TitleInWords float64
	// Equivalent weighs a glossary equivalent of a term of the query,
	// times the equivalent's confidence and the square of the term's
	// coverage of its chunk.
	Equivalent float64
	// Synonym scales Phrase for the synonym set of a chunk that is one
	// term (the term and its equivalents, scored as one term: see
	// synonym.go); 0 searches the equivalents as clauses beside the
	// literal text instead.
	Synonym float64
	// SynonymBigram is the factor of a form of a synonym set found as
	// all its bigrams but not as a phrase (inside a longer word).
	SynonymBigram float64
	// SynonymOwnIDF blends the idf of a synonym set's form: 0 scores
	// every form with the idf of the set (the passages with any form),
	// 1 each with its own.
	SynonymOwnIDF float64
	// SynonymTie is the share of the score of a passage's other forms
	// of a synonym set added to its best form's (the tie breaker of a
	// disjunction-max query).
	SynonymTie float64
	// SynonymSame is the least confidence of an equivalent that a
	// synonym set scores as the typed term itself (confidence 1): the
	// same word in another script or spelling, or another name of the
	// same thing (自民党: 自由民主党, サブディレクトリー: subdirectory), so
	// that a passage with it ranks by its own frequency and length as one
	// with the typed form does. Less confident equivalents (a sense among
	// several: 消費: consumption, expenditure at 0.29) stay scaled by
	// their confidence. On the real-text sets all@10 stayed the same and
	// MRR@10 rose: dev 0.862 to 0.878, held-out 0.876 to 0.879, blind
	// 0.612 to 0.662, blind2 0.715 to 0.724, blind3 0.820 to 0.822,
	// blind4 0.674 to 0.691 (0.5 and 0.7 gave the same but for blind4
	// 0.690 and dev 0.875); JSQuAD did not move. 0 or above 1 scales
	// every equivalent by its confidence. The literal text's extras
	// (its bigrams, words, title words) still add to the passages with
	// the typed form, so that of passages alike the one with the typed
	// form ranks first (TestLiteralFormRanksFirst). Adding them only to
	// passages with no form as confident, as for a date, raised mrr@10
	// further (held-out 0.887, blind 0.685 at all@10 0.831, blind3
	// 0.830, blind4 0.696) but lowered dev (0.875) and lost that order.
	// A set idf for every form (SynonymOwnIDF 0) was mixed: blind 0.666
	// at all@10 0.831, blind4 0.685 at all@10 0.782, held-out 0.863.
	SynonymSame float64
	// MinEquivalent is the least weight of an equivalent searched for a
	// term found inside a longer chunk; lighter ones are left out.
	MinEquivalent float64
	// MaxEquivalents bounds the equivalents searched per term.
	MaxEquivalents int
	// Composed weighs a compound composed of the equivalents of an
	// English phrase's words (compose.go), times Equivalent and its
	// words' confidences; ComposedWords weighs all those words'
	// equivalents found in one passage, times Equivalent and each one's
	// confidence. Both are below a glossary equivalent's weight, for the
	// composition may be wrong.
	Composed, ComposedWords float64
	// Initials is the confidence of an acronym spelled by the initials of
	// an English name that a glossary form covers (DHCP for Dynamic Host
	// Configuration Protocol), times Equivalent.
	Initials float64
	// LongForms is the factor of the confidence of a long form of an
	// acronym no glossary knows (日本国有鉄道 for JNR), times Equivalent.
	LongForms float64
	// Translit is the factor of the confidence of a transliteration of an
	// English word into a katakana word of the index (スターリンク for
	// Starlink), which is a guess and so weighs less than an equivalent.
	Translit float64
	// Variant weighs another katakana spelling of a query word
	// (variants.go): the same word, so near the word's own weight.
	Variant float64
	// Narrower is the factor of the confidence of a narrower term of an
	// English phrase (イクラ for salmon roe).
	Narrower float64
	// PartialKnown scales the partial-match features (words, bigrams) of
	// a chunk that is exactly a glossary term: passages with the term or
	// an equivalent matter, passages with some of its words much less.
	PartialKnown float64
	// MaxPhraseWords is the longest run of words also searched as a
	// phrase. On JSQuAD, leaving out the phrases of longer questions left
	// MRR@10 as it was (0.9439 with a limit of 5 words, or none) and cut
	// the CPU time of a question by 5–20%.
	MaxPhraseWords int
	// CommonFraction and CommonMinDocs define common terms: a term found
	// in more than CommonFraction of the passages of an index of at least
	// CommonMinDocs. A common term adds its score to the passages the
	// other clauses match, but does not make a passage match by itself
	// (unless the others match nothing), as Elasticsearch's common terms
	// query did. Such terms (日本, 年, 研究 in Wikipedia text) have the
	// longest posting lists and the smallest weights. On the 48 MB
	// corpus, 600 JSQuAD questions took 10.6 CPU seconds without this,
	// 8.3 with a cutoff of 0.2, 7.3 with 0.1; MRR@10 on JSQuAD went from
	// 0.9441 to 0.9441, 0.9439, 0.9436 and 0.9418 with cutoffs of 0.3,
	// 0.1, 0.05 and 0.02.
	CommonFraction float64
	CommonMinDocs  uint64
	// HitAllWords and HitFraction say which passages are hits (see
	// hitDocs): a chunk of the query of up to HitAllWords content words
	// needs them all, a longer one (a question) HitFraction of them,
	// rounded up. Hits rank above partial matches, so a lower fraction
	// lets more passages that share most words of a question rank above
	// the one that answers it: on JSQuAD, MRR@10 was 0.9404, 0.9421 and
	// 0.9431 with fractions 0.75, 0.85 and 1 (0.9441 before hits ranked
	// first); counting a word as found where all its bigrams are did not
	// change that (0.9402 at 0.75).
	HitAllWords int
	HitFraction float64
	// HitTitle lets a word of a question (a chunk written as a sentence:
	// see isSentence) be found in a passage's title for the hit rule, as
	// long as the passage has one of the words in its text: a passage of
	// an article on ラオス that answers ラオスの首都は seldom repeats ラオス,
	// and ranked below every passage that did. Of the 328 JSQuAD
	// questions whose passage was not first, 55 had it below a hit that
	// it would have been but for a title word. On JSQuAD MRR@10 went
	// from 0.9457 to 0.9484 (R@1 0.9262 to 0.9298, R@10 0.9802 to
	// 0.9804), and to 0.9487 (0.9300, 0.9809) with a title's compound
	// counting for its parts (see joined). Keyword queries are not
	// affected: a reader expects their hits to have the words.
	HitTitle bool
	// WordK1 and WordB are BM25's saturation and length normalisation
	// of the words of the text, TitleK1 and TitleB of the title's words,
	// BigramK1 of bigrams (BigramB above); phrases keep Bleve's, 1.2 and
	// 0.75 for every field. A k1 of 0 is taken as Bleve's. On JSQuAD
	// every change measured (k1 0.6–2.4, b 0.3–1 per field) scored
	// within 0.0011 below Bleve's values (TestRankGrid), which stay.
	WordK1, WordB, TitleK1, TitleB, BigramK1 float64
	// Kind scales the score of a passage by its kind (corpus.Kind:
	// "reference", "caption", "toc"), so that a cross-reference, a
	// caption or a table-of-contents line ranks below body text that
	// matches as well. A kind not listed scores as it is.
	Kind map[string]float64
}

// DefaultRanking returns the weights kensaku ranks with.
//
// Measured on JSQuAD and left out: adjacent word pairs as phrases (a
// sequential dependence model) lowered MRR@10 (0.9397 → 0.9373) and
// cost a third of the query time; a separate all-words conjunction
// added nothing beyond coord and read every posting list twice;
// re-ranking the top 50 by the distance between query words moved
// MRR@10 by less than 0.002 at twice the time; BM25 k1 0.8–1.6 and b
// 0.5–0.9, bigram weight 0.25–1 and title weight 0.5–2 all stayed within
// 0.003 of these settings (first 1,500 questions). On all 4,442
// questions, with 5-fold cross-validation by article: k1 and b per field
// and small changes of the other weights (TestRankGrid), RM3 feedback
// (TestRM3), and second stages over the first 30 passages with
// question-type cues, proximity and within-article idf (TestRerank,
// TestRerankSignals) gained no more than the 0.0006–0.0008 that the
// same measurement moves by between two builds of the index.
func DefaultRanking() *Ranking {
	r := handRanking()
	for _, m := range learnedRanking.Multipliers {
		if w := r.learnedWeight(m.Feature); w != nil {
			*w *= m.Value
		}
	}
	return r
}

// handRanking returns the weights set by hand, which the learned
// multipliers (ranking_learned.json) scale.
func handRanking() *Ranking {
	return &Ranking{
		Phrase:         2.0,
		Sloppy:         0.5,
		AnyWord:        1.0,
		Bigram:         0.5,
		BigramB:        0.2,
		Title:          1.0,
		TitleWord:      0.15,
		TitleBigram:    0.2,
		TitleInWords:   0.1,
		Equivalent:     0.6,
		Synonym:        1.0,
		SynonymBigram:  0.5,
		SynonymOwnIDF:  0.5,
		SynonymTie:     0.1,
		SynonymSame:    0.6,
		MinEquivalent:  0.05,
		MaxEquivalents: 12,
		Composed:       1.0,
		ComposedWords:  0.2,
		Initials:       0.8,
		LongForms:      0.8,
		Translit:       0.4,
		Variant:        0.8,
		Narrower:       0.5,
		PartialKnown:   0.1,
		MaxPhraseWords: 6,
		CommonFraction: 0.1,
		CommonMinDocs:  1000,
		HitAllWords:    3,
		HitFraction:    1,
		HitTitle:       true,
		WordK1:         bsearch.BM25_k1,
		WordB:          bsearch.BM25_b,
		TitleK1:        bsearch.BM25_k1,
		TitleB:         bsearch.BM25_b,
		BigramK1:       bsearch.BM25_k1,
		Kind:           map[string]float64{"reference": 0.5, "toc": 0.5, "caption": 0.7},
	}
}

// defaultK1 gives Bleve's k1 to the fields whose k1 is 0 (a Ranking
// written before they had one), for 0 would score nothing.
func (r *Ranking) defaultK1() {
	for _, k1 := range []*float64{&r.WordK1, &r.TitleK1, &r.BigramK1} {
		if *k1 == 0 {
			*k1 = bsearch.BM25_k1
		}
	}
}

// isCommon reports whether a term in df of docs passages is common.
func (r *Ranking) isCommon(docs, df uint64) bool {
	return docs >= r.CommonMinDocs && float64(df) > r.CommonFraction*float64(docs)
}

// kindFactor returns the factor of a passage of kind k.
func (r *Ranking) kindFactor(k string) float64 {
	if f, ok := r.Kind[k]; ok {
		return f
	}
	return 1
}

// idf is Bleve's inverse document frequency (scorer.TermQueryScorer):
// BM25's when the field has lengths, else TF-IDF's.
func idf(avgLen float64, docs, df uint64) float64 {
	if avgLen > 0 {
		return math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5))
	}
	return 1 + math.Log(float64(docs)/float64(df+1))
}

// bm25IDF is the idf of Bleve's BM25.
func bm25IDF(docs, df uint64) float64 { return idf(1, docs, df) }

// termScore is Bleve's score of a term in a passage
// (scorer.TermQueryScorer): BM25 with the square root of the frequency
// as tf, saturation k1 and length normalisation b, times weight (the
// term's boost × idf × the query norm). With no field lengths
// (avgLen 0) it is TF-IDF with the field norm.
func termScore(freq uint64, norm, length, avgLen, idf, k1, b, weight float64) float64 {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	if avgLen <= 0 {
		return tf * norm * idf * weight
	}
	return idf * tf * k1 / (tf + k1*(1-b+b*length/avgLen)) * weight
}

// maxTermScore is the most termScore can be: BM25's limit (a frequency
// without bound in a passage of no length).
func maxTermScore(idf, k1, weight float64) float64 {
	return idf * k1 * weight
}

// coord scales the sum of the scores of the matched clauses of a
// disjunction: by the fraction of its n clauses that matched, as Bleve's
// DisjunctionSearcher does.
func coord(sum float64, matched int, n float64) float64 {
	return sum * float64(matched) / n
}

// bindRanking gives the anyQueries and bigramQueries of q the engine's
// ranking, and returns q; with e.bleveDisjunctions set, it returns q
// with every anyQuery replaced by Bleve's DisjunctionQuery.
func (e *Engine) bindRanking(q bquery.Query) bquery.Query {
	switch q := q.(type) {
	case *anyQuery:
		for i, c := range q.clauses {
			q.clauses[i] = e.bindRanking(c)
		}
		q.rank = &e.rank
		if e.bleveDisjunctions {
			return bleve.NewDisjunctionQuery(q.clauses...)
		}
	case *bigramQuery:
		q.k1, q.b = e.rank.BigramK1, e.rank.BigramB
	case *featureQuery:
		q.q = e.bindRanking(q.q)
	case *interleaveQuery:
		q.q = e.bindRanking(q.q)
	case *synonymQuery:
		for i, c := range q.extras {
			q.extras[i] = e.bindRanking(c)
		}
	case *bquery.DisjunctionQuery:
		for i, c := range q.Disjuncts {
			q.Disjuncts[i] = e.bindRanking(c)
		}
	case *bquery.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = e.bindRanking(c)
		}
	case *bquery.BooleanQuery:
		for _, sub := range []bquery.Query{q.Must, q.Should, q.MustNot} {
			if sub != nil {
				e.bindRanking(sub)
			}
		}
	}
	return q
}

// kindOf returns the kind of passage doc, from the facet table.
func (e *Engine) kindOf(doc uint64) string {
	for _, c := range e.facets.fields {
		if c.name == indexer.FieldKind {
			if doc < uint64(len(c.docs)) && c.docs[doc] > 0 {
				return c.values[c.docs[doc]-1]
			}
			return ""
		}
	}
	return ""
}

// kindFactors returns the factor of every passage's kind (see
// Ranking.Kind), by document number, or nil when every factor is 1.
func (e *Engine) kindFactors() []float64 {
	if len(e.rank.Kind) == 0 {
		return nil
	}
	for _, c := range e.facets.fields {
		if c.name != indexer.FieldKind {
			continue
		}
		out := make([]float64, len(c.docs))
		for doc, v := range c.docs {
			out[doc] = 1
			if v > 0 {
				out[doc] = e.rank.kindFactor(c.values[v-1])
			}
		}
		return out
	}
	return nil
}

// Passages of equal score rank by their ordinals, the order the build read
// them in (indexer.Index.Ordinals), not by Bleve's document numbers, which
// follow the timing of the build's batches: two builds of the same
// passages then rank them alike (they differed by up to 0.0008 in JSQuAD's
// MRR@10 when ties followed the document numbers). ordinalSort is the
// second key of the collector's sort order, after the score; a pruned
// search (prune.go) keeps every passage that may enter under it.
type ordinalSort struct {
	ords []uint32 // by document number
	// keys holds every document's ordinal as 4 big-endian bytes, so that
	// a document's sort value is a substring (no allocation).
	keys string
	desc bool
}

// noOrdinal is the sort value of a document without an ordinal: last.
const noOrdinal = "\xff\xff\xff\xff"

// sortOrder is the order of a search's hits: by score, then by ordinal.
func (e *Engine) sortOrder() bsearch.SortOrder {
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, e.ords}
}

func newOrdinalSort(ords []uint32) *ordinalSort {
	b := make([]byte, 4*len(ords))
	for d, o := range ords {
		binary.BigEndian.PutUint32(b[4*d:], o)
	}
	return &ordinalSort{ords: ords, keys: string(b)}
}

// ordinal returns the ordinal of doc, the highest there is for a
// document the index gives none.
func (t *topK) ordinal(doc uint64) uint32 {
	if doc < uint64(len(t.ords)) {
		return t.ords[doc]
	}
	return math.MaxUint32
}

func (o *ordinalSort) UpdateVisitor(string, []byte) {}

func (o *ordinalSort) Value(d *bsearch.DocumentMatch) string {
	if doc := d.IndexInternalID.Value(); doc < uint64(len(o.ords)) {
		return o.keys[4*doc : 4*doc+4]
	}
	return noOrdinal
}

func (o *ordinalSort) DecodeValue(v string) string { return v }
func (o *ordinalSort) Descending() bool            { return o.desc }
func (o *ordinalSort) RequiresDocID() bool         { return false }
func (o *ordinalSort) RequiresScoring() bool       { return false }
func (o *ordinalSort) RequiresFields() []string    { return nil }
func (o *ordinalSort) Reverse()                    { o.desc = !o.desc }
func (o *ordinalSort) Copy() bsearch.SearchSort {
	c := *o
	return &c
}

// The learned part of the ranking model: multipliers of the weights of
// some features, learned on the JSQuAD validation questions by
// TestLearnRanking (go test ./search -run TestLearnRanking -learn
// -update rewrites ranking_learned.json), which also gives their 5-fold
// cross-validated MRR@10.
//
//go:embed ranking_learned.json
var learnedJSON []byte

type learnedModel struct {
	// Multipliers of the feature weights (Feature as in FeatureScore:
	// phrase, words, title, bigrams).
	Multipliers []struct {
		Feature string  `json:"feature"`
		Value   float64 `json:"value"`
	} `json:"multipliers"`
	// What was measured when they were learned.
	Data          string  `json:"data"`
	CVMRR10       float64 `json:"cv_mrr10"`
	CVMRR10Before float64 `json:"cv_mrr10_before"`
}

var learnedRanking = func() learnedModel {
	var m learnedModel
	if err := json.Unmarshal(learnedJSON, &m); err != nil {
		panic(fmt.Sprintf("search: ranking_learned.json: %v", err))
	}
	return m
}()

// learnedWeight returns the weight of the feature named f, for learned
// multipliers: the weight that scales its leaves.
func (r *Ranking) learnedWeight(f string) *float64 {
	switch f {
	case "phrase":
		return &r.Phrase
	case "words":
		return &r.AnyWord
	case "title":
		return &r.Title
	case "bigrams":
		return &r.Bigram
	}
	return nil
}
