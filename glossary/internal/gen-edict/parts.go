package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// The English of compound parts (-parts): Japanese words ↔ all their
// short English glosses, for translating a Japanese compound part by
// part (改訂番号: revision number, 全地球航法衛星システム: global
// navigation satellite system), where the vocabulary lexicon's rules
// (words.go) leave out what a part needs: a gloss many common words share
// ("number" of 番号, "transfer" of 転送), and the glosses of adjectival
// senses ("global" of 全地球, "interactive" of 対話的). The search keeps
// of a part's glosses those the index has, so that a vague gloss costs
// little. The rules:
//
//   - headwords with kanji, of two characters or more: common (marked
//     (P)), or with a first sense of a technical field (domainTags), or
//     of at most maxRarePartRunes characters (a part of compounds:
//     全地球);
//   - the first maxPartSense senses that are nouns or adjectival nouns
//     (n, adj-na, adj-no, n-adv, n-t, alone or with others such as vs;
//     not suffix or prefix senses), and not marked archaic, obsolete,
//     rare, slang or usually written in kana;
//   - their glosses as cleanGlossN makes them, of at most maxPartWords
//     words, in order of sense and position, at most maxPartGlosses.
//
// One line per headword (of its spellings, the one groupSpellings
// picks): japanese <TAB> english|english|...
const (
	maxPartSense   = 2
	maxPartWords   = 3
	maxPartGlosses = 6
	// maxRarePartRunes is the longest headword kept that is neither
	// common nor technical: a short word is a part of compounds (全地球).
	maxRarePartRunes = 3
)

// partSense reports whether s is a noun or adjectival-noun sense.
func partSense(s sense) bool {
	if slices.ContainsFunc(s.pos, func(t string) bool { return t == "suf" || t == "pref" }) {
		return false
	}
	return slices.ContainsFunc(s.pos, func(t string) bool {
		return t == "n" || t == "n-adv" || t == "n-t" || t == "adj-na" || t == "adj-no"
	})
}

type partEntry struct {
	japanese string
	english  []string
}

func deriveParts(lines []string) []partEntry {
	var out []partEntry
	seen := map[string]bool{}
	for _, r := range groupSpellings(lines) {
		head := r.headword
		if !hasKanji(head) || utf8.RuneCountInString(head) < 2 || seen[head] || len(r.senses) == 0 {
			continue
		}
		if !r.common && !slices.ContainsFunc(r.senses[0].misc, isDomainTag) && utf8.RuneCountInString(head) > maxRarePartRunes {
			continue
		}
		var en []string
		for i, s := range r.senses {
			if i >= maxPartSense {
				break
			}
			if !partSense(s) || slices.ContainsFunc(s.misc, func(t string) bool { return skipMisc[t] || t == "uk" }) {
				continue
			}
			for _, g := range s.glosses {
				g, ok := cleanGlossN(g, maxPartWords)
				if ok && len(en) < maxPartGlosses && !slices.ContainsFunc(en, func(e string) bool { return strings.EqualFold(e, g) }) {
					en = append(en, g)
				}
			}
		}
		if len(en) == 0 {
			continue
		}
		seen[head] = true
		out = append(out, partEntry{japanese: head, english: en})
	}
	slices.SortFunc(out, func(a, b partEntry) int { return strings.Compare(a.japanese, b.japanese) })
	return out
}

func writeParts(entries []partEntry) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# The English of compound parts, derived from JMdict/EDICT (EDICT file of the Debian package edict)\n")
	fmt.Fprintf(&buf, "# by glossary/internal/gen-edict -parts; do not edit. Licence: CC BY-SA 4.0, see EDICT-LICENSE.md.\n")
	for _, e := range entries {
		fmt.Fprintf(&buf, "%s\t%s\n", e.japanese, strings.Join(e.english, "|"))
	}
	return buf.Bytes()
}

func runParts(in, out string) error {
	lines, err := readEdict(in)
	if err != nil {
		return err
	}
	entries := deriveParts(lines)
	b := writeParts(entries)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-edict -parts: %d words, %d bytes → %s", len(entries), len(b), out)
	return nil
}
