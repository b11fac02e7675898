package indexer

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/indexer/internal/zap"
)

// TestTextFieldTerms checks that a textField gives the segment what
// Bleve's TextField gives it: the same terms with the same frequencies and
// positions (in token order), with and without term vectors, through the
// Japanese analyzer's AppendTerms and through another analyzer's tokens.
func TestTextFieldTerms(t *testing.T) {
	ja, err := analyzers.Analyzer(analyzers.Japanese)
	if err != nil {
		t.Fatal(err)
	}
	en, err := registry.NewCache().AnalyzerNamed(standard.Name)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", "防衛省は宇宙状況監視（SSA: Space Situational Awareness）の体制を構築している。",
		"東京の東京で東京に行った。東京", "the cat and the hat and the bat", "ａｂｃ　ABC abc",
	}
	for _, a := range []struct {
		name     string
		analyzer analysis.Analyzer
		appends  bool
	}{{"ja", ja, true}, {"standard", en, false}} {
		for _, options := range []index.FieldIndexingOptions{
			index.IndexField | index.IncludeTermVectors, index.IndexField, index.IndexField | index.SkipFreqNorm,
		} {
			for _, text := range texts {
				name := fmt.Sprintf("%s/%v/%q", a.name, options, text)
				want := document.NewTextFieldCustom("f", nil, []byte(text), options, a.analyzer)
				want.Analyze()
				d := document.NewDocument("x")
				d.AddField(document.NewTextFieldCustom("f", nil, []byte(text), options, a.analyzer))
				useTextFields(d, nil, false)
				got, ok := d.Fields[0].(*textField)
				if !ok {
					t.Fatalf("%s: field is %T, want *textField", name, d.Fields[0])
				}
				if (got.terms != nil) != a.appends {
					t.Errorf("%s: analyses through AppendTerms %v, want %v", name, got.terms != nil, a.appends)
				}
				got.Analyze()
				if got.AnalyzedLength() != want.AnalyzedLength() {
					t.Errorf("%s: length %d, want %d", name, got.AnalyzedLength(), want.AnalyzedLength())
				}
				if g, w := termsOf(got.AnalyzedTokenFrequencies()), termsOf(want.AnalyzedTokenFrequencies()); !slices.Equal(g, w) {
					t.Errorf("%s:\ngot  %v\nwant %v", name, g, w)
				}
				if !slices.IsSortedFunc(got.Terms(), func(a, b zap.Term) int { return bytes.Compare(a.Term, b.Term) }) {
					t.Errorf("%s: terms not sorted", name)
				}
			}
		}
	}
}

// termsOf lists term frequencies: term, frequency and positions, sorted by term.
func termsOf(tfs index.TokenFrequencies) []string {
	var out []string
	for term, tf := range tfs {
		var pos []int
		for _, l := range tf.Locations {
			pos = append(pos, l.Position)
		}
		out = append(out, fmt.Sprintf("%s %d %v", term, tf.Frequency(), pos))
	}
	slices.Sort(out)
	return out
}
