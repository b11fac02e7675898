package glossary

import (
	"bytes"
	"iter"
	"strings"
	"sync"

	"github.com/kensaku/kensaku/analyzers"
)

// edictWordRows yields the rows of the embedded EDICT vocabulary
// (data/edict-words.tsv: english, Japanese forms separated by "|",
// confidence) as each row's English gloss and its Japanese forms, past
// the header and comments. The TSV is read directly: parsing it into
// entries normalises every form and takes most of a second, which mining
// would pay on its first use.
func edictWordRows() iter.Seq2[string, []string] {
	return func(yield func(string, []string) bool) {
		for line := range bytes.Lines(edictWordsTSV) {
			en, rest, ok := strings.Cut(strings.TrimRight(string(line), "\r\n"), "\t")
			if !ok || strings.HasPrefix(en, "#") || en == "english" {
				continue
			}
			jas, _, _ := strings.Cut(rest, "\t")
			if !yield(en, strings.Split(jas, "|")) {
				return
			}
		}
	}
}

// glossInitials maps a Japanese noun of the EDICT vocabulary to the
// initials of its English glosses: 論理 to "l" (logic), 公開鍵 to "pk"
// (public key).
var glossInitials = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for en, jas := range edictWordRows() {
		in := initialsOf(en)
		if in == "" {
			continue
		}
		for _, ja := range jas {
			if ja != "" && !containsString(out[ja], in) {
				out[ja] = append(out[ja], in)
			}
		}
	}
	return out
})

// initialsOf returns the first letters of the words of an English gloss,
// lower-cased, leaving out function words: "lv" for logical volume.
func initialsOf(en string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '-' }) {
		if nameFunctionWords[strings.ToLower(w)] || !isASCIILetter(w[0]) {
			continue
		}
		b.WriteByte(w[0] | 0x20)
	}
	return b.String()
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// translationInitials reports whether the acronym's letters are the
// initials of an English rendering of the long form, word by word: each
// noun gives the initials of one of its EDICT glosses (物理 physics, p),
// a katakana word its first sound (ボリューム, v or b) and a Latin word its
// first letter, in order, every word giving at least one letter and every
// letter given: 物理ボリューム (PV), 論理ボリューム (LV). Particles,
// suffixes, ・ and spaces give none.
func translationInitials(toks []analyzers.Word, acronym string) bool {
	letters := acronymLetters(acronym)
	if len(letters) < 2 {
		return false
	}
	var words []analyzers.Word
	for _, t := range toks {
		if t.Surface == "・" || isSpaceToken(t) || posAt(t, 0) == "助詞" || posAt(t, 1) == "接尾" {
			continue
		}
		words = append(words, t)
	}
	if len(words) < 2 || len(words) > len(letters) {
		return false
	}
	gi := glossInitials()
	// can[i][j]: letters[i:] are given by words[j:].
	var match func(i, j int) bool
	match = func(i, j int) bool {
		if j == len(words) {
			return i == len(letters)
		}
		if i == len(letters) {
			return false
		}
		w := words[j]
		switch {
		case isLatinToken(w):
			return w.Surface[0]|0x20 == letters[i] && match(i+1, j+1)
		case isKatakanaWord(w.Surface):
			if sk := kanaSkeleton(w.Surface); len(sk) > 0 && letterSounds(letters[i], sk[0]) && match(i+1, j+1) {
				return true
			}
		}
		for _, in := range gi[w.Surface] {
			if strings.HasPrefix(string(letters[i:]), in) && match(i+len(in), j+1) {
				return true
			}
		}
		return false
	}
	return match(0, 0)
}

// glossVocabulary is the set of the words of the EDICT vocabulary's
// English glosses, lower-cased: words of the language rather than names.
var glossVocabulary = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for en := range edictWordRows() {
		for _, w := range strings.FieldsFunc(strings.ToLower(en), func(r rune) bool { return r == ' ' || r == '-' }) {
			out[w] = true
		}
	}
	return out
})

// glossWords maps a Japanese noun of the EDICT vocabulary to the words of
// its English glosses, lower-cased: 作曲家 to composer, 有線 to
// communication and wire.
var glossWords = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for en, jas := range edictWordRows() {
		for _, w := range strings.FieldsFunc(strings.ToLower(en), func(r rune) bool { return r == ' ' || r == '-' }) {
			if nameFunctionWords[w] {
				continue
			}
			for _, ja := range jas {
				if ja != "" && !containsString(out[ja], w) {
					out[ja] = append(out[ja], w)
				}
			}
		}
	}
	return out
})

// sameStem reports whether two lower-case English words are one word or
// share a stem of five letters or more: recommends and recommendation.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5
}

// glossesAny reports whether an EDICT gloss of a word of toks (or of two
// words next to each other) shares a stem with one of the English words.
func glossesAny(toks []analyzers.Word, english []string) bool {
	gw := glossWords()
	try := func(ja string) bool {
		for _, g := range gw[ja] {
			for _, w := range english {
				if sameStem(g, w) {
					return true
				}
			}
		}
		return false
	}
	for i, t := range toks {
		if try(t.Surface) || i+1 < len(toks) && try(t.Surface+toks[i+1].Surface) {
			return true
		}
	}
	return false
}
