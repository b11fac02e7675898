package glossary

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
)

//go:generate go test -run TestNarrowerTable -update .

// narrowerTable indexes the English forms of [Lexicons] by their last
// words (see LexiconsNarrower), written by TestNarrowerTable with
// -update. It is built from the embedded lexicons' glossary and refers
// to its entries by number: regenerate it with data/lexicons.bin.
//
// The encoding: magic [8]byte "KSNARRW1", the slots of a keyIndex
// (uint32), its slots and its key records, whose numbers are pairs of an
// entry number and the number of an English form of the entry.
//
//go:embed data/narrower.bin
var narrowerTable string

const narrowerMagic = "KSNARRW1"

// LexiconsNarrower returns the Japanese forms of the entries of
// [Lexicons] with an English form of three to five words that is phrase
// (compared after Normalize) with one more word before it: the narrower
// terms of the phrase (salmon roe: salted salmon roe, イクラ). Each has
// the kind, source and confidence of its entry and the English form as
// its Sense, in the order of the entries and of their forms. The index is
// embedded, built ahead of time.
func LexiconsNarrower(phrase string) ([]Equivalent, error) {
	x, err := narrowerIndex()
	if err != nil {
		return nil, err
	}
	g, err := Lexicons()
	if err != nil {
		return nil, err
	}
	nums := x.get(Normalize(phrase))
	var out []Equivalent
	for i := 0; i+1 < len(nums); i += 2 {
		en := g.entry(nums[i])
		f := en.English[nums[i+1]]
		for _, ja := range en.Japanese {
			out = append(out, Equivalent{Form: ja, Kind: en.KindOf(ja), Source: en.Source, Sense: f, Confidence: en.Confidence})
		}
	}
	return out, nil
}

var narrowerIndex = sync.OnceValues(func() (keyIndex, error) {
	x, err := readNarrower(narrowerTable)
	if err != nil {
		return keyIndex{}, fmt.Errorf("glossary: embedded narrower terms: %w", err)
	}
	return x, nil
})

func readNarrower(data string) (keyIndex, error) {
	if len(data) < 12 || data[:8] != narrowerMagic {
		return keyIndex{}, errors.New("not a table of narrower terms")
	}
	r := reader{data: data, pos: 8}
	return readKeyIndex(&r, r.u32())
}

// marshalNarrower indexes the English forms of three to five words of
// entries, those with Japanese forms, by all their words but the first.
func marshalNarrower(entries []Entry) []byte {
	nums := map[string][]int{}
	for i, en := range entries {
		if len(en.Japanese) == 0 {
			continue
		}
		for j, f := range en.English {
			words := strings.Fields(f)
			if len(words) < 3 || len(words) > 5 {
				continue
			}
			k := Normalize(strings.Join(words[1:], " "))
			nums[k] = append(nums[k], i, j)
		}
	}
	x := newKeyIndexWriter(nums)
	var w writer
	w.b = append(w.b, narrowerMagic...)
	x.count(&w)
	x.slots(&w)
	x.records(&w, nil)
	return w.b
}
