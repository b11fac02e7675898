package glossary

import (
	_ "embed"
	"fmt"
	"sync"
)

//go:generate go test -run TestLexiconsTable -update .

// lexiconsTable is the glossary of the curated glossary and the lexicons,
// as [New] builds it, written as a table (see table.go) by
// TestLexiconsTable with -update.
//
//go:embed data/lexicons.bin
var lexiconsTable string

// Lexicons returns the glossary of the curated glossary, the EDICT
// lexicon, the EDICT vocabulary and the Sudachi lexicon: what [New] makes
// of [Curated], [Edict], [EdictWords] and [Sudachi]. It is built ahead of
// time and embedded (data/lexicons.bin), so the first call costs
// microseconds, not the half second New takes over these 65,000 entries;
// entries are decoded as lookups return them. The glossary is shared:
// add to it with [NewOn].
func Lexicons() (*Glossary, error) { return lexicons() }

var lexicons = sync.OnceValues(func() (*Glossary, error) {
	t, lens, err := parseTable(lexiconsTable)
	if err != nil {
		return nil, fmt.Errorf("glossary: embedded lexicons: %w", err)
	}
	return &Glossary{table: t, lens: lens}, nil
})

// buildLexicons builds the glossary [Lexicons] returns from the data
// files, as data/lexicons.bin was built.
func buildLexicons() (*Glossary, error) {
	var all []Entry
	for _, src := range []struct {
		name string
		load func() ([]Entry, error)
	}{
		{"curated glossary", Curated},
		{"EDICT lexicon", Edict},
		{"EDICT vocabulary", EdictWords},
		{"Sudachi lexicon", Sudachi},
	} {
		entries, err := src.load()
		if err != nil {
			return nil, fmt.Errorf("glossary: %s: %w", src.name, err)
		}
		all = append(all, entries...)
	}
	return New(all), nil
}
