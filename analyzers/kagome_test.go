package analyzers

import (
	"fmt"
	"sync"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Kagome returns Kagome's own tokenizer over its IPA dictionary
// (kagome-dict/ipa), without a user dictionary and without BOS/EOS
// tokens: the reference the analyzers and Segment are tested against.
// They read the same dictionary from package ipadic, which loads without
// decoding; Kagome's is loaded on the first call here (about 0.7 s and
// 90 MiB of heap). It lives in a test file so that no binary links
// Kagome's dictionary. The tokenizer is safe for concurrent use: each
// call takes a lattice from a pool.
func Kagome() (*tokenizer.Tokenizer, error) {
	return kagomeOnce()
}

var kagomeOnce = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	t, err := tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
	if err != nil {
		return nil, fmt.Errorf("analyzers: load kagome ipa dictionary: %w", err)
	}
	return t, nil
})

// kagomeMode is the mode of every lattice the analyzers build: Search mode
// penalises long kanji compounds, as Lucene's JapaneseTokenizer does.
const kagomeMode = tokenizer.Search
