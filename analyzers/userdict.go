package analyzers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// UserDict holds domain words that the Japanese analyzer must cut as the
// dictionary says, whatever the IPA dictionary's lattice would do. The
// zero value and nil are empty dictionaries. A UserDict is immutable and
// safe for concurrent use.
//
// Two kinds of entries are accepted:
//
//   - a katakana word (letters, ー, ・): matched against whole katakana
//     words after folding (・ removed, final ー removed), so one entry
//     covers グローバル・センチネル and グローバルセンチネル. Its segmentation,
//     if given, splits the word into terms (グローバル センチネル); without
//     one the word stays a single term, which it is anyway.
//   - a word without katakana or Latin letters (kanji, hiragana, digits):
//     matched anywhere in Japanese text, longest entry first, and cut out
//     before the rest goes to the lattice; its segmentation gives the
//     terms, or the whole word is one term.
//
// Entries mixing katakana or Latin letters with other characters are
// rejected: katakana words and Latin words are cut before the lattice
// runs, so such an entry could never match.
type UserDict struct {
	kata  map[string]userWord // folded katakana word → its parts (unfolded)
	words map[rune][]userWord // first rune → entries, longest first
	n     int                 // number of entries
}

type userWord struct {
	surface string   // normalised
	parts   []string // normalised, concatenating to surface
	pos     string
}

// Len returns the number of entries.
func (d *UserDict) Len() int {
	if d == nil {
		return 0
	}
	return d.n
}

// ParseUserDict parses a user dictionary. Each non-blank line that does
// not start with # is one entry, in one of two formats:
//
//	surface<TAB>segmentation<TAB>part of speech         (TSV)
//	surface,segmentation,readings,part of speech       (Kagome/Kuromoji CSV)
//
// Only the surface is required. The segmentation lists the terms the
// surface is cut into, separated by spaces, and must spell the surface
// (ignoring ・); readings are ignored; the part of speech defaults to
// 名詞,固有名詞. Text is normalised like analysed text (NFKC), so ＳＳＡ and
// SSA or half-width katakana are the same entry. Errors name the line.
func ParseUserDict(data []byte) (*UserDict, error) {
	d := &UserDict{kata: map[string]userWord{}, words: map[rune][]userWord{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("user dictionary line %d: invalid UTF-8", line)
		}
		var fields []string
		if strings.Contains(text, "\t") {
			fields = strings.Split(text, "\t")
		} else {
			r := csv.NewReader(strings.NewReader(text))
			r.FieldsPerRecord = -1
			rec, err := r.Read()
			if err != nil {
				return nil, fmt.Errorf("user dictionary line %d: %w", line, err)
			}
			fields = rec
			if len(fields) == 4 { // surface, segmentation, readings, pos
				fields = []string{fields[0], fields[1], fields[3]}
			}
		}
		if len(fields) > 3 {
			return nil, fmt.Errorf("user dictionary line %d: %d fields, want surface[,segmentation[,readings,pos]] or TSV surface[\\tsegmentation[\\tpos]]", line, len(fields))
		}
		if err := d.add(fields); err != nil {
			return nil, fmt.Errorf("user dictionary line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read user dictionary: %w", err)
	}
	for r := range d.words {
		slices.SortStableFunc(d.words[r], func(a, b userWord) int { return len(b.surface) - len(a.surface) })
	}
	return d, nil
}

func (d *UserDict) add(fields []string) error {
	surface := normalizeEntry(fields[0])
	if surface == "" {
		return fmt.Errorf("empty surface")
	}
	var parts []string
	if len(fields) > 1 {
		for p := range strings.FieldsSeq(fields[1]) {
			parts = append(parts, normalizeEntry(p))
		}
	}
	pos := "名詞,固有名詞"
	if len(fields) > 2 && strings.TrimSpace(fields[2]) != "" {
		pos = strings.TrimSpace(fields[2])
	}
	undotted := strings.ReplaceAll(surface, string(middleDot), "")
	if len(parts) == 0 {
		parts = []string{undotted}
	}
	if joined := strings.ReplaceAll(strings.Join(parts, ""), string(middleDot), ""); joined != undotted {
		return fmt.Errorf("segmentation %q does not spell %q", fields[1], fields[0])
	}
	kata, latin, other := 0, 0, 0
	for _, r := range surface {
		switch {
		case r == middleDot:
		case isKatakanaLetter(r) || r == longVowel:
			kata++
		case isWordRune(r) && !isDigit(r):
			latin++
		default:
			other++
		}
	}
	switch {
	case kata > 0 && latin == 0 && other == 0:
		if r, _ := utf8.DecodeRuneInString(surface); !isKatakanaLetter(r) || katakanaRunEnd([]byte(surface), 0) != len(surface) {
			return fmt.Errorf("%q is not one katakana word", fields[0])
		}
		key := string(foldKatakana(nil, []byte(surface)))
		terms := make([]string, 0, len(parts))
		for _, p := range parts {
			if p = strings.ReplaceAll(p, string(middleDot), ""); p != "" {
				terms = append(terms, p)
			}
		}
		d.kata[key] = userWord{surface: key, parts: terms, pos: pos}
	case kata == 0 && latin == 0:
		// The tokens' terms leave middle dots out, as for katakana; their
		// spans take in the dots of the text (Morph.chunk).
		terms := make([]string, 0, len(parts))
		for _, p := range parts {
			if p = strings.ReplaceAll(p, string(middleDot), ""); p != "" {
				terms = append(terms, p)
			}
		}
		if len(terms) == 0 {
			return fmt.Errorf("%q has no word but middle dots", fields[0])
		}
		r, _ := utf8.DecodeRuneInString(surface)
		d.words[r] = append(d.words[r], userWord{surface: surface, parts: terms, pos: pos})
	default:
		return fmt.Errorf("%q mixes katakana or Latin letters with other characters; an entry must be one katakana word or contain neither", fields[0])
	}
	d.n++
	return nil
}

// normalizeEntry applies the character-level normalisation to a
// dictionary field (without katakana folding, done per entry kind).
func normalizeEntry(s string) string {
	var n normText
	normalizeInto(&n, []byte(strings.TrimSpace(s)))
	return string(n.Bytes)
}

// match returns the entry that starts text, if any.
func (d *UserDict) match(text []byte) (userWord, bool) {
	if d == nil || len(d.words) == 0 {
		return userWord{}, false
	}
	r, _ := utf8.DecodeRune(text)
	for _, w := range d.words[r] {
		if bytes.HasPrefix(text, []byte(w.surface)) {
			return w, true
		}
	}
	return userWord{}, false
}
