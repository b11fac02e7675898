package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
)

// Files written by [Export].
const (
	IndexFile    = "index.json"    // body of PUT /<index>: settings and mappings
	ManifestFile = "manifest.json" // what was exported, with counts
	bulkPrefix   = "bulk-"         // bulk-0001.ndjson, bulk-0002.ndjson, …
	bulkSuffix   = ".ndjson"
)

// DefaultBulkBytes is the default size of a bulk file: within the 5–15 MB
// that OpenSearch and Elasticsearch advise for one _bulk request.
const DefaultBulkBytes = 10 << 20

// Options configure [Export]. The zero value works.
type Options struct {
	// IndexName is the index the bulk actions write to; "" means "kensaku".
	IndexName string
	// BulkBytes bounds the size of a bulk file; a passage larger than
	// that gets a file of its own. 0 means DefaultBulkBytes.
	BulkBytes int64
	// InlineSynonyms puts the synonym rules in the settings instead of in
	// files beside them (which must be copied to every node's config
	// directory, under SynonymDir).
	InlineSynonyms bool
	// Logger receives progress; nil discards it.
	Logger *slog.Logger
}

// Manifest describes an export. It is written as manifest.json.
type Manifest struct {
	Format    string   `json:"format"` // "opensearch"
	Index     string   `json:"index"`
	Passages  int      `json:"passages"`
	BulkFiles []string `json:"bulk_files"`
	// SynonymFiles are the rules files to copy under SynonymDir of every
	// node's config directory (empty with inline synonyms).
	SynonymFiles []string `json:"synonym_files,omitempty"`
	// SynonymRules counts the rules by tier.
	SynonymRules map[string]int `json:"synonym_rules"`
	// Tiers are the confidence tiers with the boost a query gives them.
	Tiers               []ManifestTier `json:"tiers"`
	UserDictionaryRules int            `json:"user_dictionary_rules"`
	GlossaryEntries     int            `json:"glossary_entries"`
}

// ManifestTier is one confidence tier in the manifest.
type ManifestTier struct {
	Name     string  `json:"name"`
	Min      float64 `json:"min_confidence"`
	Boost    float64 `json:"boost"`
	Analyzer string  `json:"analyzer"`
}

// Export writes eng's index for OpenSearch or Elasticsearch into dir:
// index.json (settings and mappings), the synonym rules of the glossary
// eng expands queries with (one file a tier, unless inline), the passages
// as _bulk NDJSON files of at most opts.BulkBytes, and manifest.json. The
// output depends only on the index and the glossary. dir is created if
// needed; it must be empty or hold an earlier export, whose files are
// replaced.
func Export(ctx context.Context, eng *search.Engine, dir string, opts Options) (*Manifest, error) {
	if opts.IndexName == "" {
		opts.IndexName = "kensaku"
	}
	if err := checkIndexName(opts.IndexName); err != nil {
		return nil, err
	}
	if opts.BulkBytes <= 0 {
		opts.BulkBytes = DefaultBulkBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	ix := eng.Index()
	userDict, err := kuromojiUserDict(indexUserDict(ix))
	if err != nil {
		return nil, fmt.Errorf("opensearch: user dictionary of the index: %w", err)
	}
	entries := eng.Glossary().Entries()
	rules := SynonymRules(entries)
	man := &Manifest{Format: "opensearch", Index: opts.IndexName, SynonymRules: map[string]int{},
		UserDictionaryRules: len(userDict), GlossaryEntries: len(entries)}
	for _, t := range Tiers {
		man.SynonymRules[t.Name] = len(rules[t.Name])
		man.Tiers = append(man.Tiers, ManifestTier{Name: t.Name, Min: t.Min, Boost: round(tierBoost(t, 1)), Analyzer: SynonymAnalyzer(t)})
	}
	inline := rules
	if !opts.InlineSynonyms {
		inline = nil
		for _, t := range Tiers {
			name := SynonymFile(t)
			var b bytes.Buffer
			fmt.Fprintf(&b, "# kensaku glossary, confidence tier %s (confidence >= %g): Solr synonym rules\n", t.Name, t.Min)
			for _, r := range rules[t.Name] {
				b.WriteString(r)
				b.WriteByte('\n')
			}
			if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
				return nil, fmt.Errorf("opensearch: write %s: %w", name, err)
			}
			man.SynonymFiles = append(man.SynonymFiles, name)
		}
	}
	body := map[string]any{
		"settings": map[string]any{"index": map[string]any{
			"number_of_shards": 1, "number_of_replicas": 1,
			"max_result_window": search.MaxFrom + search.MaxSize,
			"analysis":          analysisSettings(userDict, inline),
		}},
		"mappings": mappings(),
	}
	if err := writeJSON(filepath.Join(dir, IndexFile), body); err != nil {
		return nil, err
	}
	opts.Logger.Info("settings written", "user_dictionary_rules", len(userDict), "glossary_entries", len(entries))
	if man.BulkFiles, man.Passages, err = writeBulk(ctx, ix, dir, opts); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, ManifestFile), man); err != nil {
		return nil, err
	}
	return man, nil
}

// checkIndexName refuses a name OpenSearch and Elasticsearch refuse: upper
// case, characters they reserve, a leading -, _ or +, . and .., or more
// than 255 bytes.
func checkIndexName(name string) error {
	switch {
	case name == "." || name == ".." || len(name) > 255 || strings.ContainsAny(name[:1], "-_+"),
		strings.ContainsAny(name, "\\/*?\"<>| ,#:"), strings.ToLower(name) != name:
		return fmt.Errorf("opensearch: %q is not a valid index name (lower case, no spaces or \\/*?\"<>|,#:, not starting with -, _ or +)", name)
	}
	return nil
}

// prepareDir creates dir, or empties it of an earlier export's files; it
// refuses a directory with other files.
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("opensearch: create %s: %w", dir, err)
	}
	names, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("opensearch: read %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err != nil {
		return fmt.Errorf("opensearch: %s is not empty and holds no earlier export (no %s)", dir, ManifestFile)
	}
	for _, n := range names {
		name := n.Name()
		ours := name == IndexFile || name == ManifestFile ||
			strings.HasPrefix(name, bulkPrefix) && strings.HasSuffix(name, bulkSuffix) ||
			strings.HasPrefix(name, "synonyms-") && strings.HasSuffix(name, ".txt")
		if !ours {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("opensearch: remove the earlier %s: %w", name, err)
		}
	}
	return nil
}

// indexUserDict returns the user dictionary the index's text analyzer
// carries in its mapping (see analyzers.DefineAnalyzers), or nil.
func indexUserDict(ix *indexer.Index) []byte {
	m, ok := ix.Mapping().(*mapping.IndexMappingImpl)
	if !ok {
		return nil
	}
	var names []string
	for name := range m.CustomAnalysis.Tokenizers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		cfg := m.CustomAnalysis.Tokenizers[name]
		if cfg["type"] != analyzers.MorphTokenizer {
			continue
		}
		if s, ok := cfg["user_dict"].(string); ok {
			return []byte(s)
		}
	}
	return nil
}

// writeBulk writes the passages of ix, in the order of their ids, as bulk
// files, and returns their names and the number of passages.
func writeBulk(ctx context.Context, ix *indexer.Index, dir string, opts Options) ([]string, int, error) {
	var files []string
	var buf bytes.Buffer
	flush := func() error {
		if buf.Len() == 0 {
			return nil
		}
		name := fmt.Sprintf("%s%04d%s", bulkPrefix, len(files)+1, bulkSuffix)
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("opensearch: write %s: %w", name, err)
		}
		files = append(files, name)
		buf.Reset()
		return nil
	}
	n := 0
	var line bytes.Buffer
	err := eachPassage(ctx, ix, func(p corpus.Passage) error {
		line.Reset()
		if err := encodeLine(&line, map[string]any{"index": map[string]any{"_index": opts.IndexName, "_id": p.ID}}); err != nil {
			return err
		}
		if err := encodeLine(&line, Document(p)); err != nil {
			return fmt.Errorf("opensearch: passage %s: %w", p.ID, err)
		}
		if buf.Len() > 0 && int64(buf.Len()+line.Len()) > opts.BulkBytes {
			if err := flush(); err != nil {
				return err
			}
		}
		buf.Write(line.Bytes())
		n++
		if n%10000 == 0 {
			opts.Logger.Info("passages written", "passages", n, "files", len(files))
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if err := flush(); err != nil {
		return nil, 0, err
	}
	return files, n, nil
}

// Document returns the source document of a passage in the exported
// index: the fields of the mappings, those without a value left out.
func Document(p corpus.Passage) map[string]any {
	d := map[string]any{"text": p.Text, "document": p.Document, "kind": string(p.Kind)}
	if p.Title != "" {
		d["title"] = p.Title
	}
	if s := p.SectionPath(); s != "" {
		d["section"] = s
	}
	if p.Page > 0 {
		d["page"] = p.Page
	}
	if p.PDFPage > 0 {
		d["pdf_page"] = p.PDFPage
	}
	if p.Source != "" {
		d["source"] = p.Source
	}
	if len(p.Meta) > 0 {
		d["meta"] = p.Meta
	}
	return d
}

// pageSize is the number of passages read from the index at a time: each
// page is a search over every passage (sorted by id, after the last one
// read), so pages are large.
var pageSize = 5000 // a variable for tests

// eachPassage calls fn with every passage of ix, in the order of their
// ids.
func eachPassage(ctx context.Context, ix *indexer.Index, fn func(corpus.Passage) error) error {
	var after []string
	for {
		sr := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), pageSize, 0, false)
		sr.SortBy([]string{"_id"})
		if after != nil {
			sr.SetSearchAfter(after)
		}
		res, err := ix.Search(ctx, sr)
		if err != nil {
			return fmt.Errorf("opensearch: read passages: %w", err)
		}
		docs := make([]uint64, len(res.Hits))
		for i, h := range res.Hits {
			docs[i] = h.IndexInternalID.Value()
		}
		ps, err := ix.Passages(docs)
		if err != nil {
			return fmt.Errorf("opensearch: read passages: %w", err)
		}
		for i, h := range res.Hits {
			if ps[i].ID != h.ID {
				return fmt.Errorf("opensearch: read passages: %w: document %d is passage %q in the passage store, %q in the index",
					indexer.ErrDamaged, docs[i], ps[i].ID, h.ID)
			}
			if err := fn(ps[i]); err != nil {
				return err
			}
		}
		if len(res.Hits) < pageSize {
			return nil
		}
		after = []string{lastID(res.Hits)}
	}
}

func lastID(hits bsearch.DocumentMatchCollection) string { return hits[len(hits)-1].ID }

// encodeLine writes v as one line of JSON, without HTML escaping.
func encodeLine(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeJSON(path string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("opensearch: encode %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("opensearch: write %s: %w", filepath.Base(path), err)
	}
	return nil
}
