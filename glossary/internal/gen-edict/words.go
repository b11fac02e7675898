package main

// The vocabulary lexicon (-words): English ↔ Japanese names of things.
//
// A Japanese headword and an English gloss of one of its noun senses are
// related when the gloss is a name of the thing (public key ↔ 公開鍵,
// typhoon ↔ 台風), not a definition or a translation of a use. The rules:
//
//   - only noun senses (a POS tag "n", "n-adv" or "n-t", alone or with
//     others such as "adj-no" or "vs"; not suffix, prefix or proper-noun
//     senses), only the first maxWordSense senses of a headword, and not
//     senses marked archaic, obsolete, rare, slang, vulgar, idiomatic or
//     usually written in kana (for a headword with kanji);
//   - only the first maxWordGloss glosses of a sense;
//   - a gloss is a short noun phrase: after dropping trailing
//     parenthesised notes and a leading article, 1 to maxGlossWords words
//     of ASCII letters, digits, hyphens and apostrophes; no "to ..." verb
//     glosses nor other glosses beginning with a preposition ("on the
//     desk"), no "-ing" verb phrases with an object ("making a living"),
//     no placeholders (something, one's), no acronyms (gen-edict's main
//     lexicon has them);
//   - a gloss of more than maxGlossCommon common headwords (marked (P))
//     is vague ("end", "change", "matter") and dropped;
//   - a headword not common is kept only for the first maxRareGloss
//     glosses of its first sense, and only when that sense is of a technical field (comp, med,
//     law, ...: domainTags): EDICT's long tail of rare compounds would
//     triple the lexicon and the glossary's build time at start-up;
//   - of the headwords of a gloss, the common ones (marked (P)) are kept
//     when there are any, else the others; the first maxEntryHeads of
//     them by sense number, then gloss position, then file order.
//
// One entry per gloss: English = [gloss], Japanese = the kept headwords.
// Headwords are EDICT entries: the lines giving one reading and one list
// of senses are spellings of one word (公開鍵, 公開かぎ), of which a common
// one, else the one with the most kanji, is kept.
// Its confidence is 0.5 (0.4 without common headwords) divided by the
// square root of the number of headwords, so an entry that relates a
// gloss to several words weighs less.

import (
	"bytes"
	"cmp"
	"fmt"
	"log"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/glossary"
)

const (
	maxWordSense   = 3  // senses of a headword looked at
	maxWordGloss   = 4  // glosses of a sense looked at
	maxGlossWords  = 4  // words of a gloss
	maxGlossCommon = 10 // common headwords of a gloss above which it is vague
	maxEntryHeads  = 3  // headwords kept per gloss
	maxRareGloss   = 2  // glosses looked at of the first sense of a word not common
)

// wordEntry is one line of edict-words.tsv.
type wordEntry struct {
	english    string
	japanese   []string
	confidence float64
}

// skipMisc are the sense tags of senses left out.
var skipMisc = map[string]bool{
	"arch": true, "obs": true, "obsc": true, "rare": true, "sl": true, "vulg": true, "X": true,
	"derog": true, "id": true, "joc": true, "male-sl": true, "fem": true, "chn": true, "net-sl": true,
}

// domainTags are the EDICT field tags of technical domains: a word not
// common is kept only in a sense of one of them.
var domainTags = map[string]bool{
	"comp": true, "med": true, "math": true, "ling": true, "astron": true, "physics": true, "chem": true,
	"law": true, "biol": true, "pol": true, "anat": true, "geol": true, "finc": true, "econ": true,
	"mil": true, "archit": true, "bot": true, "zool": true, "engr": true, "geom": true, "elec": true,
	"bus": true, "stat": true, "biochem": true, "genet": true, "pharm": true, "ecol": true, "phil": true,
	"psych": true, "logic": true, "comm": true, "telec": true, "electr": true, "mech": true, "tech": true,
	"geogr": true, "met": true, "min": true, "ent": true, "embryo": true, "physiol": true, "quant": true,
	"crystal": true, "tradem": false,
}

func isDomainTag(t string) bool { return domainTags[t] }

// functionWords after an "-ing" word make a verb phrase ("making a living").
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "one's": true, "oneself": true, "up": true, "out": true,
	"off": true, "in": true, "on": true, "of": true, "to": true, "for": true, "with": true,
	"into": true, "down": true, "away": true, "over": true, "it": true, "at": true, "well": true,
	"about": true, "oneselves": true, "from": true, "by": true, "back": true, "around": true,
}

// prepositions and conjunctions do not begin a noun phrase ("to see", "on
// the desk", "and so on").
var prepositions = map[string]bool{
	"to": true, "on": true, "in": true, "at": true, "of": true, "for": true, "with": true, "by": true,
	"from": true, "into": true, "over": true, "under": true, "about": true, "after": true, "before": true,
	"between": true, "without": true, "within": true, "during": true, "as": true, "and": true, "or": true,
	"not": true, "very": true, "so": true, "than": true, "upon": true, "towards": true, "toward": true,
}

// placeholders mark glosses that describe a use rather than name a thing.
var placeholders = []string{"something", "someone", "somebody", "one's", "oneself", "etc", "e.g", "i.e",
	"anything", "anyone", "anybody", "everything", "everyone", "everybody", "nothing", "nobody"}

// wordNoun reports whether s is a noun sense in the sense of the rules.
func wordNoun(s sense) bool {
	return slices.ContainsFunc(s.pos, func(t string) bool { return t == "n" || t == "n-adv" || t == "n-t" })
}

// cleanGloss returns the gloss g as a short noun phrase, or false.
func cleanGloss(g string) (string, bool) { return cleanGlossN(g, maxGlossWords) }

// cleanGlossN is cleanGloss with at most maxWords words.
func cleanGlossN(g string, maxWords int) (string, bool) {
	for {
		t := tailRE.ReplaceAllString(g, "")
		if t == g {
			break
		}
		g = t
	}
	g = strings.Join(strings.Fields(g), " ")
	for _, art := range []string{"a ", "an ", "the "} {
		if len(g) > len(art) && strings.EqualFold(g[:len(art)], art) {
			g = g[len(art):]
			break
		}
	}
	if len(g) < 2 {
		return "", false
	}
	for i := range len(g) {
		c := g[i]
		if !(isASCIIAlnumByte(c) || c == ' ' || c == '-' || c == '\'') {
			return "", false
		}
	}
	words := strings.Fields(strings.ToLower(g))
	if len(words) > maxWords || prepositions[words[0]] {
		return "", false
	}
	if len(words) > 1 && strings.HasSuffix(words[0], "ing") && functionWords[words[1]] {
		return "", false
	}
	for _, w := range words {
		if slices.Contains(placeholders, w) {
			return "", false
		}
	}
	if acronymGloss(g) != "" {
		return "", false
	}
	return g, true
}

func isASCIIAlnumByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// hasKanji reports whether s holds a Han character.
func hasKanji(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r == '々' {
			return true
		}
	}
	return false
}

// wordCandidate is a headword found under a gloss.
type wordCandidate struct {
	head          string
	common        bool
	sense, gloss  int // 0-based positions
	line          int
	englishAsSeen string
}

// wordRecord is an EDICT entry: its lines that give one reading and one
// list of senses (公開鍵 and 公開かぎ, パブリックキー and パブリック・キー)
// are its spellings.
type wordRecord struct {
	record
	spellings []string
	line      int
}

// groupSpellings groups the lines of one entry, keeping the first line's
// senses, and picks its headword: a common spelling, else the one with
// the most kanji, else the first.
func groupSpellings(lines []string) []*wordRecord {
	var out []*wordRecord
	byKey := map[string]*wordRecord{}
	for n, l := range lines {
		r, ok := parseLine(l)
		if !ok || !hasJapanese(r.headword) {
			continue
		}
		head, body, _ := strings.Cut(l, " /")
		reading := glossary.Normalize(r.headword)
		if _, rd, ok := strings.Cut(head, " ["); ok {
			reading = strings.TrimSuffix(rd, "]")
		}
		body = strings.ReplaceAll(body, "/(P)/", "/")
		k := reading + "\x00" + body
		w := byKey[k]
		if w == nil {
			w = &wordRecord{record: r, line: n}
			byKey[k] = w
			out = append(out, w)
		} else if r.common && !w.common || r.common == w.common && kanjiCount(r.headword) > kanjiCount(w.headword) {
			w.headword, w.common = r.headword, r.common
		}
		w.spellings = append(w.spellings, r.headword)
	}
	return out
}

func kanjiCount(s string) int {
	n := 0
	for _, r := range s {
		if hasKanji(string(r)) {
			n++
		}
	}
	return n
}

func deriveWords(lines []string) []wordEntry {
	byGloss := map[string][]wordCandidate{}
	heads := map[string]map[string]bool{} // every headword of a gloss, any sense, for vagueness
	var order []string                    // gloss keys in order of first appearance
	for _, r := range groupSpellings(lines) {
		head := r.headword
		if utf8.RuneCountInString(head) < 2 && !hasKanji(head) {
			continue // a single kana
		}
		if a := acronymGloss(head); a != "" {
			continue
		}
		seen := map[string]bool{} // a gloss counts once per headword
		for i, s := range r.senses {
			for j, g := range s.glosses {
				g, ok := cleanGloss(g)
				if !ok {
					continue
				}
				k := strings.ToLower(g)
				if i >= maxWordSense || j >= maxWordGloss || !r.common && (i > 0 || j >= maxRareGloss || !slices.ContainsFunc(s.misc, isDomainTag)) || seen[k] || !wordNoun(s) ||
					slices.ContainsFunc(s.misc, func(t string) bool { return skipMisc[t] || t == "uk" && hasKanji(head) }) {
					continue
				}
				if heads[k] == nil {
					heads[k] = map[string]bool{}
				}
				heads[k][head] = heads[k][head] || r.common
				seen[k] = true
				if _, ok := byGloss[k]; !ok {
					order = append(order, k)
				}
				byGloss[k] = append(byGloss[k], wordCandidate{head: head, common: r.common, sense: i, gloss: j, line: r.line, englishAsSeen: g})
			}
		}
	}
	var out []wordEntry
	for _, k := range order {
		cands := byGloss[k]
		if commonCount(heads[k]) > maxGlossCommon {
			continue
		}
		common := slices.ContainsFunc(cands, func(c wordCandidate) bool { return c.common })
		if common {
			cands = slices.DeleteFunc(slices.Clone(cands), func(c wordCandidate) bool { return !c.common })
		}
		slices.SortStableFunc(cands, func(a, b wordCandidate) int {
			return cmp.Or(cmp.Compare(a.sense, b.sense), cmp.Compare(a.gloss, b.gloss), cmp.Compare(a.line, b.line))
		})
		var ja []string
		for _, c := range cands {
			if len(ja) < maxEntryHeads && !slices.Contains(ja, c.head) {
				ja = append(ja, c.head)
			}
		}
		base := 0.5
		if !common {
			base = 0.4
		}
		out = append(out, wordEntry{
			english:    englishForm(byGloss[k]),
			japanese:   ja,
			confidence: math.Round(100*base/math.Sqrt(float64(len(ja)))) / 100,
		})
	}
	slices.SortFunc(out, func(a, b wordEntry) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.english), strings.ToLower(b.english)), cmp.Compare(a.english, b.english))
	})
	return out
}

// englishForm is the spelling of a gloss most headwords give (lower case
// on a tie): "Tokyo", "typhoon".
func englishForm(cands []wordCandidate) string {
	count := map[string]int{}
	for _, c := range cands {
		count[c.englishAsSeen]++
	}
	best := ""
	for f, n := range count {
		if best == "" || n > count[best] || n == count[best] && f > best {
			best = f
		}
	}
	return best
}

// writeWords writes the format read by glossary.EdictWords:
//
//	english <TAB> japanese (|-separated) <TAB> confidence
func writeWords(entries []wordEntry) []byte {
	var buf bytes.Buffer
	buf.WriteString("# Vocabulary lexicon (English gloss ↔ Japanese nouns) derived from JMdict/EDICT (EDICT file of the\n")
	buf.WriteString("# Debian package edict) by glossary/internal/gen-edict -words; do not edit. Licence: CC BY-SA 4.0,\n")
	buf.WriteString("# see EDICT-LICENSE.md.\n")
	buf.WriteString("english\tjapanese\tconfidence\n")
	for _, e := range entries {
		fmt.Fprintf(&buf, "%s\t%s\t%.2f\n", e.english, strings.Join(e.japanese, "|"), e.confidence)
	}
	return buf.Bytes()
}

func runWords(in, out string) error {
	lines, err := readEdict(in)
	if err != nil {
		return err
	}
	entries := deriveWords(lines)
	data := writeWords(entries)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-edict -words: %d entries, %d bytes → %s", len(entries), len(data), out)
	return nil
}

// commonCount counts the common headwords of a gloss.
func commonCount(heads map[string]bool) int {
	n := 0
	for _, c := range heads {
		if c {
			n++
		}
	}
	return n
}
