package analyzers

import "fmt"

// Word is a word of the segmentation [Segment] gives: what Kagome's
// tokenizer.Token says of it, read from the embedded dictionary.
type Word struct {
	Surface  string
	Position int  // byte offset of Surface in the text
	Known    bool // a dictionary word; otherwise Kagome's unknown-word model proposed it
	// POS is the part of speech, all four levels, as Kagome's Token.POS:
	// for an unknown word, that of its model (名詞,一般,*,* or
	// 名詞,固有名詞,組織,*, …). It is shared: never modify it.
	POS []string
	// Reading is a dictionary word's reading in katakana, as Kagome's
	// Token.Reading (日本: ニッポン); "" for an unknown word and where the
	// dictionary has none. A few words have "*".
	Reading string
}

// Segment returns the words of text as Kagome's tokenizer over its IPA
// dictionary segments it in Normal mode (tokenizer.New(ipa.Dict(),
// tokenizer.OmitBosEos()).Tokenize), from the dictionary embedded in the
// binary, which loads in about 0.1 ms rather than Kagome's 0.7 s and
// 90 MiB. It is for text analysis beside indexing, such as the glossary's
// definition mining; the analyzers cut text in Search mode (see [Morph]).
// Segment is safe for concurrent use.
func Segment(text string) ([]Word, error) {
	if text == "" {
		return nil, nil
	}
	d, err := loadIPA()
	if err != nil {
		return nil, fmt.Errorf("analyzers: segment: %w", err)
	}
	la := analyze(d, text, false)
	defer la.free()
	out := make([]Word, 0, len(la.out))
	for _, k := range la.out {
		n := &la.nodes[k]
		w := Word{Surface: la.surface(n), Position: int(n.position), Known: n.class == classKnown}
		if m, ok := d.morph(n); ok {
			w.POS = d.POS()[m.POS]
		}
		if w.Known {
			w.Reading = d.Reading(int(n.id))
		}
		out = append(out, w)
	}
	return out, nil
}
