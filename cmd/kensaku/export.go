package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/opensearch"
)

// runExport writes an index (or the built-in corpus) for another engine.
func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export")
	format := fs.String("format", "", "output format: opensearch (also for Elasticsearch); required")
	indexDir := fs.String("index", "", "index `directory` (default: the built-in corpus)")
	bulkSize := fs.String("bulk-size", "10MB", "largest bulk file, in bytes or with KB, MB, GB (binary units)")
	indexName := fs.String("index-name", "kensaku", "`name` of the index the bulk actions write to")
	inline := fs.Bool("inline-synonyms", false, "put the synonym rules in the settings instead of files for each node's config directory")
	verbose := fs.Bool("verbose", false, "log progress on stderr")
	var glossaries stringList
	fs.Var(&glossaries, "glossary", "user glossary TSV `file` to add to the exported synonyms; repeatable")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if *format != "opensearch" || len(words) != 1 {
		fmt.Fprintf(e.stderr, "kensaku export: want --format opensearch and one OUT directory\n")
		fs.Usage()
		return errUsage
	}
	limit, err := parseBytes(*bulkSize)
	if err != nil {
		return fmt.Errorf("export: --bulk-size: %w", err)
	}
	eng, err := openEngine(e, *indexDir, glossaries)
	if err != nil {
		return err
	}
	defer eng.Close()
	opts := opensearch.Options{IndexName: *indexName, BulkBytes: limit, InlineSynonyms: *inline}
	if *verbose {
		opts.Logger = slog.New(slog.NewTextHandler(e.stderr, nil)).With("component", "export")
	}
	man, err := opensearch.Export(ctx, eng, words[0], opts)
	if err != nil {
		return err
	}
	var tiers []string
	rules := 0
	for _, t := range man.Tiers {
		tiers = append(tiers, fmt.Sprintf("%s %d", t.Name, man.SynonymRules[t.Name]))
		rules += man.SynonymRules[t.Name]
	}
	fmt.Fprintf(e.stdout, "exported %s in %s, %s as %s (%s), %s into %s\n",
		plural(man.Passages, "passage"), plural(len(man.BulkFiles), "bulk file"), plural(man.GlossaryEntries, "glossary entry"),
		plural(rules, "synonym rule"), strings.Join(tiers, ", "), plural(man.UserDictionaryRules, "user dictionary rule"), words[0])
	return nil
}

// parseBytes parses a size: a number of bytes, or a number with K, KB,
// KiB, M, MB, MiB, G, GB or GiB (powers of 1024).
func parseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a positive size such as 10MB", s)
	}
	return n * mult, nil
}

// printDSL prints the OpenSearch Query DSL of req (kensaku search --dsl).
func printDSL(e *env, eng *search.Engine, req search.Request) error {
	b, err := opensearch.QueryJSON(req, opensearch.QueryOptions{Glossary: eng.Glossary()})
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(b)
	return err
}

// plural returns n and noun, with an s (or ies) when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
