package indexer

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
)

// SchemaVersion is the version of the index layout: fields, their
// analyzers and the files stored beside the Bleve index. Opening an index
// with another version is an error ([ErrIncompatible]).
//
// Version 2 dropped doc values from the analysed text fields (text,
// text_bigram, title): nothing sorts or facets on them.
//
// Version 3 no longer indexes the bigrams of two hiragana (した, という) in
// text_bigram, which queries had stopped searching: a quarter of the
// field's tokens on JSQuAD.
//
// Version 4 moved the bigrams out of Bleve into the bigram index
// (bigrams.bin, see [Bigrams]): the field text_bigram is gone.
//
// Version 5 lists every file of a generation with its size and checksum
// in kensaku.json (Meta.Files), checked when the index opens, and stores
// each passage's PDF page (pdf_page).
//
// Version 6 keeps no doc values for the keyword fields: the facet table
// is read from their postings when an index opens, and nothing sorts on
// them.
//
// Version 7 indexes the scalar metadata of each passage (meta_kv, see
// [MetaTerm]) for meta.KEY filters.
//
// Version 8 stores no field in Bleve: what a hit shows of a passage is in
// the passage store (passages.bin, see [TextStore]), compressed in blocks.
// The title field keeps no term vectors.
//
// Version 9 writes Bleve's segments in kensaku's copy of zap
// (indexer/internal/zap, segment type kensaku-zap), which keeps the
// positions of the text's terms, delta-coded, and not their offsets; the
// highlighter finds the offsets by analysing the shown passages again.
//
// Version 10 compresses the passage store's blocks with zstd, packing
// Japanese text's three-byte characters as code points first (store
// format 2, see textstore.go).
//
// Version 11 packs the bigram index's postings in blocks of bit-packed
// gaps and its lengths and offsets as uvarints (bigrams.bin version 3,
// see packedPostingMark and writeBigrams).
//
// Version 12 writes the posting lists in chunks of at most 128 postings
// (zap chunk mode 1027, was 1026: 1,024), so that a search that skips to
// a passage passes at most that many frequencies in its chunk. On the
// 48 MB scaled JSQuAD corpus the index grew from 56 to 57 MB and a
// question took 0.93x the CPU time.
const SchemaVersion = 12

// Field names of the index. Bleve stores none of them: the passage store
// holds what hits show (see [Index.Passages]).
const (
	FieldText     = "text"     // passage text, morphological analyzer, with term vectors for phrases and highlights
	FieldTitle    = "title"    // passage title, morphological analyzer, without term vectors
	FieldSection  = "section"  // section path joined with corpus.SectionSeparator; keyword, facet; no doc values
	FieldDocument = "document" // document title; keyword, facet; no doc values
	FieldKind     = "kind"     // body, heading, caption, reference; keyword, facet; no doc values
	FieldPage     = "page"     // printed page number; numeric, absent when unknown
	FieldMetaKV   = "meta_kv"  // metadata as key=value terms (see MetaTerm)
)

// MaxMetaValue is the longest metadata value that is indexed for filters,
// in bytes; a longer one (a description, an abstract) is stored with the
// passage but cannot be filtered on.
const MaxMetaValue = 256

// MetaTerm returns the term that stands for metadata key = value in the
// meta_kv field: both folded (NFKC, lower case, outer space trimmed), so
// that meta.LANG:JA finds lang "ja". Filters build their terms with it.
func MetaTerm(key, value string) string {
	fold := func(s string) string { return strings.ToLower(norm.NFKC.String(strings.TrimSpace(s))) }
	return fold(key) + "=" + fold(value)
}

// metaTerms returns the meta_kv terms of a passage's metadata: one for
// each string, number or boolean value, and for each such element of an
// array; nested objects, empty values and values longer than MaxMetaValue
// are left out.
func metaTerms(meta map[string]any) []string {
	var out []string
	add := func(k string, v any) {
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64)
		case json.Number:
			s = v.String()
		case int:
			s = strconv.Itoa(v)
		case bool:
			s = strconv.FormatBool(v)
		default:
			return
		}
		if s = strings.TrimSpace(s); s != "" && len(s) <= MaxMetaValue {
			out = append(out, MetaTerm(k, s))
		}
	}
	for k, v := range meta {
		if vs, ok := v.([]any); ok {
			for _, e := range vs {
				add(k, e)
			}
			continue
		}
		add(k, v)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// FacetFields are the keyword fields that can be filtered and counted.
var FacetFields = []string{FieldDocument, FieldSection, FieldKind}

// NewMapping returns the index mapping. userDict holds extra words for the
// morphological analyzer (see package analyzers); it is embedded in the
// mapping so that the index reproduces its analysis when reopened.
func NewMapping(userDict []byte) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	morph, _, err := analyzers.DefineAnalyzers(m, userDict)
	if err != nil {
		return nil, fmt.Errorf("define analyzers: %w", err)
	}
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = morph

	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = vectors // positions for phrases, locations for highlights
		f.IncludeInAll = false
		// Doc values serve sorting and facets only, and none runs on
		// analysed text: without them a build does less work and the
		// index is about a third smaller.
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		// Facets are counted from a table read from the postings
		// when an index opens; nothing sorts on these fields.
		f.DocValues = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	page := mapping.NewNumericFieldMapping()
	page.Store = false
	page.IncludeInAll = false

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldText, text(morph, true))
	// The text's bigrams are in the bigram index beside Bleve's (see
	// Bigrams).
	// Titles are matched by terms only: no phrase reads their
	// positions, and only the text is highlighted.
	doc.AddFieldMappingsAt(FieldTitle, text(morph, false))
	doc.AddFieldMappingsAt(FieldSection, kw())
	doc.AddFieldMappingsAt(FieldDocument, kw())
	doc.AddFieldMappingsAt(FieldKind, kw())
	doc.AddFieldMappingsAt(FieldPage, page)
	doc.AddFieldMappingsAt(FieldMetaKV, kw())
	m.DefaultMapping = doc
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// fieldsOf returns the Bleve document for p: the fields searched and
// filtered on (the passage store keeps the rest).
func fieldsOf(p corpus.Passage) (map[string]any, error) {
	d := map[string]any{
		FieldText:     p.Text,
		FieldTitle:    p.Title,
		FieldSection:  p.SectionPath(),
		FieldDocument: p.Document,
		FieldKind:     string(p.Kind),
	}
	if p.Page > 0 {
		d[FieldPage] = float64(p.Page)
	}
	if len(p.Meta) > 0 {
		if terms := metaTerms(p.Meta); len(terms) > 0 {
			d[FieldMetaKV] = terms
		}
	}
	return d, nil
}
