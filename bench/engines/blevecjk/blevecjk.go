// Package blevecjk is the stock Bleve peer: the cjk analyzer (unicode
// tokenizer, width folding, lower case, CJK bigrams) and BM25, in-process,
// built offline into one segment with bleve.NewBuilder.
package blevecjk

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/kensaku/kensaku/bench"
)

// Engine is stock Bleve with the cjk analyzer.
type Engine struct {
	idx bleve.Index
}

var (
	_ bench.Engine    = (*Engine)(nil)
	_ bench.Versioner = (*Engine)(nil)
)

// New returns the engine.
func New() *Engine { return &Engine{} }

// Name implements bench.Engine.
func (*Engine) Name() string { return "bleve-cjk" }

// Version reports the Bleve module version linked in.
func (*Engine) Version(context.Context) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				return "Bleve " + d.Version
			}
		}
	}
	return "Bleve"
}

// Check implements bench.Engine; Bleve is linked in, so it always runs.
func (*Engine) Check(context.Context) error { return nil }

// Build implements bench.Engine.
func (e *Engine) Build(ctx context.Context, c *bench.Corpus, dir string) (bench.BuildInfo, error) {
	e.Close()
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = cjk.AnalyzerName
	m.ScoringModel = "bm25"
	path := dir + "/bleve"
	b, err := bleve.NewBuilder(path, m, map[string]any{"batchSize": 1000})
	if err != nil {
		return bench.BuildInfo{}, fmt.Errorf("new bleve builder: %w", err)
	}
	for i, p := range c.Passages {
		if i%1000 == 0 && ctx.Err() != nil {
			b.Close()
			return bench.BuildInfo{}, ctx.Err()
		}
		if err := b.Index(p.ID, map[string]string{"text": p.Content()}); err != nil {
			b.Close()
			return bench.BuildInfo{}, fmt.Errorf("index passage %s: %w", p.ID, err)
		}
	}
	if err := b.Close(); err != nil {
		return bench.BuildInfo{}, fmt.Errorf("close bleve builder: %w", err)
	}
	idx, err := bleve.Open(path)
	if err != nil {
		return bench.BuildInfo{}, fmt.Errorf("open bleve index: %w", err)
	}
	e.idx = idx
	return bench.BuildInfo{}, nil
}

// Search implements bench.Engine: a match query (OR of the cjk terms) on
// the text field.
func (e *Engine) Search(ctx context.Context, q string, k int) ([]string, error) {
	if e.idx == nil {
		return nil, fmt.Errorf("bleve-cjk: no index built")
	}
	mq := bleve.NewMatchQuery(q)
	mq.SetField("text")
	req := bleve.NewSearchRequestOptions(mq, k, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("bleve search %q: %w", q, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// Close implements bench.Engine.
func (e *Engine) Close() error {
	if e.idx == nil {
		return nil
	}
	err := e.idx.Close()
	e.idx = nil
	return err
}
