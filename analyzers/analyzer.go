package analyzers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the analyzers registered in Bleve's registry. Field mappings
// name them; an index opened later finds them as long as the program
// imports this package.
const (
	// Japanese is the morphological analyzer without a user dictionary
	// (see [Morph]).
	Japanese = "kensaku_ja"
	// Bigram is the character-bigram analyzer for a recall field (see
	// [BigramTok]).
	Bigram = "kensaku_bigram"
)

// userDictKey is the config key of a [MorphTokenizer] that carries a user
// dictionary inline.
const userDictKey = "user_dict"

// DefineAnalyzers defines, inside m, a morphological analyzer whose
// tokenizer carries userDict (the text of a user dictionary, see
// [ParseUserDict]) inline in its config, and returns the names of the
// morphological and bigram analyzers to use in field mappings. The mapping
// is saved with the index, so an index reopened later, even by a program
// that no longer has the dictionary file, analyses text the same way.
// With an empty userDict it defines nothing and returns [Japanese] and
// [Bigram]. The analyzer name depends on the dictionary's content, so
// calling it twice with the same dictionary is harmless.
func DefineAnalyzers(m *mapping.IndexMappingImpl, userDict []byte) (morph, bigram string, err error) {
	d, err := ParseUserDict(userDict)
	if err != nil {
		return "", "", err
	}
	if d.Len() == 0 {
		return Japanese, Bigram, nil
	}
	sum := sha256.Sum256(userDict)
	name := Japanese + "_" + hex.EncodeToString(sum[:6])
	tok := name + "_tokenizer"
	if _, ok := m.CustomAnalysis.Analyzers[name]; ok {
		return name, Bigram, nil // defined by an earlier call with the same dictionary
	}
	if err := m.AddCustomTokenizer(tok, map[string]any{"type": MorphTokenizer, userDictKey: string(userDict)}); err != nil {
		return "", "", fmt.Errorf("define tokenizer %s: %w", tok, err)
	}
	if err := m.AddCustomAnalyzer(name, map[string]any{"type": custom.Name, "tokenizer": tok}); err != nil {
		return "", "", fmt.Errorf("define analyzer %s: %w", name, err)
	}
	return name, Bigram, nil
}

// parsedDicts caches parsed user dictionaries by content: Bleve builds a
// tokenizer from its config each time a mapping is loaded.
var parsedDicts sync.Map // [sha256.Size]byte → *UserDict

func userDictFromConfig(config map[string]any) (*UserDict, error) {
	v, ok := config[userDictKey]
	if !ok || v == nil {
		return nil, nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("config %q is %T, want a string", userDictKey, v)
	}
	key := sha256.Sum256([]byte(s))
	if d, ok := parsedDicts.Load(key); ok {
		return d.(*UserDict), nil
	}
	d, err := ParseUserDict([]byte(s))
	if err != nil {
		return nil, err
	}
	parsedDicts.Store(key, d)
	return d, nil
}

func newAnalyzer(t analysis.Tokenizer) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{Tokenizer: t}
}

// Analyzer returns the registered analyzer called name: [Japanese],
// [Bigram] or any analyzer of Bleve's registry (such as "standard" or
// "cjk"). Analyzers are built once per name and shared.
func Analyzer(name string) (analysis.Analyzer, error) {
	if a, ok := analyzerCache.Load(name); ok {
		return a.(analysis.Analyzer), nil
	}
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		return nil, fmt.Errorf("analyzers: %w", err)
	}
	got, _ := analyzerCache.LoadOrStore(name, a)
	return got.(analysis.Analyzer), nil
}

var analyzerCache sync.Map // name → analysis.Analyzer

// Terms returns the terms the registered analyzer called name makes of
// text, in order; dropped words leave no trace. The query layer uses it to
// look analysed terms up.
func Terms(name string, text string) ([]string, error) {
	a, err := Analyzer(name)
	if err != nil {
		return nil, err
	}
	ts := a.Analyze([]byte(text))
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out, nil
}

// Explain analyses text with the analyzer called name and returns every
// token with its offsets, position and, for [Japanese] and [Bigram], its
// part of speech; dict is the user dictionary for [Japanese] (nil for
// none). Other registered analyzers report Bleve's token type instead of
// a part of speech.
func Explain(name string, dict *UserDict, text string) ([]Token, error) {
	switch name {
	case Japanese:
		m, err := NewMorph(dict)
		if err != nil {
			return nil, err
		}
		return m.Explain([]byte(text)), nil
	case Bigram:
		return BigramTok{}.Explain([]byte(text)), nil
	}
	if dict.Len() > 0 {
		return nil, fmt.Errorf("analyzers: a user dictionary applies to %s only, not %s", Japanese, name)
	}
	a, err := Analyzer(name)
	if err != nil {
		return nil, err
	}
	ts := a.Analyze([]byte(text))
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Term: string(t.Term), Start: t.Start, End: t.End, Position: t.Position, POS: tokenTypeName(t.Type)}
	}
	return out, nil
}

func tokenTypeName(t analysis.TokenType) string {
	switch t {
	case analysis.AlphaNumeric:
		return "alphanumeric"
	case analysis.Ideographic:
		return "ideographic"
	case analysis.Numeric:
		return "numeric"
	case analysis.DateTime:
		return "datetime"
	case analysis.Shingle:
		return "shingle"
	case analysis.Single:
		return "single"
	case analysis.Double:
		return "double"
	case analysis.Boolean:
		return "boolean"
	}
	return fmt.Sprint(int(t))
}

func init() {
	err := registry.RegisterAnalyzer(Japanese, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		m, err := NewMorph(nil)
		if err != nil {
			return nil, err
		}
		return newAnalyzer(m), nil
	})
	if err != nil {
		panic(err)
	}
	err = registry.RegisterAnalyzer(Bigram, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(BigramTok{}), nil
	})
	if err != nil {
		panic(err)
	}
}
