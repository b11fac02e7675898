// Command gen-edict derives kensaku's acronym lexicon from JMdict/EDICT.
//
// It reads the EDICT file of the Debian package "edict" (EUC-JP, one
// headword a line: "欧州連合 [おうしゅうれんごう] /(n) European Union/EU/")
// and writes, in the glossary TSV format with a confidence column, every
// acronym related to a Japanese headword or an English expansion:
//
//	EU	European Union	欧州連合	EDICT: 欧州連合, ＥＵ	0.60
//
// Run it from glossary with "go generate" (apt-get install edict
// first):
//
//	go run ./internal/gen-edict -in /usr/share/edict/edict -o ../../glossary/data/edict.tsv
//
// Rules, in brief: a noun sense of a Japanese headword that lists an acronym
// among its glosses relates them, with the sense's glosses whose letters
// match the acronym (Schwartz & Hearst) as English expansions; a headword
// that is itself an acronym (ＮＡＴＯ) relates it to its letter-matching
// glosses, one meaning per sense; a Japanese noun whose first gloss is an
// English expansion already known (国際連合 /United Nations/) joins that
// meaning. Meanings of one acronym that share a form are merged. The
// confidence is 0.6 for acronym, English and Japanese together, 0.5 when
// one of English or Japanese is missing, divided by the square root of the
// number of meanings of the acronym, so that ambiguous acronyms weigh less.
//
// With -words it writes instead the vocabulary lexicon, edict-words.tsv:
// English glosses ↔ Japanese nouns (typhoon ↔ 台風); see words.go.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary"
)

func main() {
	in := flag.String("in", "/usr/share/edict/edict", "EDICT `file` (EUC-JP) from the Debian package edict")
	out := flag.String("o", "edict.tsv", "output `file`")
	words := flag.Bool("words", false, "write the vocabulary lexicon (edict-words.tsv, see words.go) instead of the acronyms")
	phrases := flag.Bool("phrases", false, "write the phrasebook (phrasebook.tsv, see phrases.go) instead of the acronyms")
	parts := flag.Bool("parts", false, "write the English of compound parts (edict-parts.tsv, see parts.go) instead of the acronyms")
	names := flag.String("names", "/usr/share/edict/enamdict", "ENAMDICT `file` (EUC-JP) from the Debian package enamdict, for -phrases")
	flag.Parse()
	run := run
	switch {
	case *words:
		run = runWords
	case *parts:
		run = runParts
	case *phrases:
		run = func(in, out string) error { return runPhrases(in, *names, out) }
	}
	if err := run(*in, *out); err != nil {
		log.Fatalf("gen-edict: %v", err)
	}
}

// readEdict reads the EUC-JP EDICT file in as lines of UTF-8.
func readEdict(in string) ([]string, error) {
	f, err := os.Open(in)
	if err != nil {
		return nil, fmt.Errorf("open %s (apt-get install edict): %w", in, err)
	}
	defer f.Close()
	lines, err := readLines(transform.NewReader(f, japanese.EUCJP.NewDecoder()))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in, err)
	}
	return lines, nil
}

func run(in, out string) error {
	lines, err := readEdict(in)
	if err != nil {
		return err
	}
	entries := derive(lines)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# Acronym lexicon derived from JMdict/EDICT (EDICT file of the Debian package edict)\n")
	fmt.Fprintf(&buf, "# by glossary/internal/gen-edict; do not edit. Licence: CC BY-SA 4.0, see EDICT-LICENSE.md.\n")
	if err := glossary.WriteTSV(&buf, entries, true); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-edict: %d entries, %d bytes → %s", len(entries), buf.Len(), out)
	return nil
}

func readLines(r io.Reader) ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// sense is one meaning of an EDICT headword.
type sense struct {
	pos     []string // part-of-speech tags, e.g. "n", "adj-na"
	misc    []string // other tags of the sense's first gloss, e.g. "uk", "arch"
	glosses []string
}

// record is one parsed EDICT line.
type record struct {
	headword string
	common   bool // marked (P): a common word
	senses   []sense
}

var (
	lineRE = regexp.MustCompile(`^(\S+)(?: \[[^\]]*\])? /(.*)/$`)
	tagRE  = regexp.MustCompile(`^\(([^()]*)\)\s*`)
	tailRE = regexp.MustCompile(`\s*\([^()]*\)$`)
	numRE  = regexp.MustCompile(`^[0-9]+$`)
)

// posTags are the EDICT part-of-speech codes that begin with "n" and mean
// a noun.
func isNounTag(t string) bool {
	return t == "n" || strings.HasPrefix(t, "n-")
}

func isPOSTag(t string) bool {
	for _, p := range strings.Split(t, ",") {
		switch {
		case isNounTag(p), strings.HasPrefix(p, "adj"), strings.HasPrefix(p, "adv"), strings.HasPrefix(p, "v"),
			p == "exp", p == "int", p == "pn", p == "pref", p == "suf", p == "prt", p == "conj", p == "ctr",
			p == "aux", p == "num", p == "unc", p == "cop":
		default:
			return false
		}
	}
	return true
}

func parseLine(line string) (record, bool) {
	m := lineRE.FindStringSubmatch(line)
	if m == nil {
		return record{}, false
	}
	rec := record{headword: strings.Split(m[1], ";")[0]}
	var cur *sense
	var pos []string
	for _, g := range strings.Split(m[2], "/") {
		if g == "(P)" {
			rec.common = true
			continue
		}
		if strings.HasPrefix(g, "EntL") || g == "" {
			continue
		}
		newSense := cur == nil
		var misc []string
		for {
			t := tagRE.FindStringSubmatch(g)
			if t == nil {
				break
			}
			switch {
			case numRE.MatchString(t[1]):
				newSense = true
			case isPOSTag(t[1]):
				pos = strings.Split(t[1], ",")
				newSense = true
			default:
				misc = append(misc, strings.Split(t[1], ",")...)
			}
			g = g[len(t[0]):]
		}
		if newSense {
			rec.senses = append(rec.senses, sense{pos: pos, misc: misc})
			cur = &rec.senses[len(rec.senses)-1]
		}
		g = strings.TrimSpace(g)
		if g != "" {
			cur.glosses = append(cur.glosses, g)
		}
	}
	// Senses without their own tags share the last POS.
	return rec, len(rec.senses) > 0
}

// meaning is one acronym meaning being built.
type meaning struct {
	acronym  string
	english  []string
	japanese []string
	heads    []string // EDICT headwords it came from
}

func isNoun(s sense) bool { return slices.ContainsFunc(s.pos, isNounTag) }

func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// acronymGloss returns the acronym written in a gloss, dots removed
// ("U.N." → "UN"), or "".
func acronymGloss(g string) string {
	a := strings.ReplaceAll(norm.NFKC.String(g), ".", "")
	if !glossary.IsAcronym(a) {
		return ""
	}
	upper := 0
	for _, r := range a {
		if r >= 'A' && r <= 'Z' {
			upper++
		}
	}
	if upper < 2 && len(a) > 2 {
		return ""
	}
	return a
}

// expansions returns the glosses of s that spell acronym out.
func expansions(acronym string, s sense) []string {
	var out []string
	for _, g := range s.glosses {
		g = tailRE.ReplaceAllString(g, "")
		if acronymGloss(g) != "" || !strings.Contains(g, " ") && len(g) < 2*len(acronym) {
			continue
		}
		if strings.ContainsAny(g, ";:") || hasJapanese(g) {
			continue
		}
		if _, ok := glossary.MatchLetters(acronym, g); ok && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

func derive(lines []string) []glossary.Entry {
	var recs []record
	for _, l := range lines {
		if r, ok := parseLine(l); ok {
			recs = append(recs, r)
		}
	}
	var ms []*meaning
	for _, r := range recs {
		head := norm.NFKC.String(r.headword)
		if a := acronymGloss(head); a != "" && a == strings.ToUpper(a) {
			for _, s := range r.senses {
				if en := expansions(a, s); len(en) > 0 {
					ms = append(ms, &meaning{acronym: a, english: en, heads: []string{r.headword}})
				}
			}
			continue
		}
		if !hasJapanese(r.headword) {
			continue
		}
		for _, s := range r.senses {
			if !isNoun(s) || len(s.glosses) > 8 {
				continue
			}
			for _, g := range s.glosses {
				a := acronymGloss(g)
				if a == "" {
					continue
				}
				ms = append(ms, &meaning{acronym: a, english: expansions(a, s),
					japanese: []string{r.headword}, heads: []string{r.headword}})
			}
		}
	}
	ms = mergeMeanings(ms)
	ms = dropWeak(ms)
	// Japanese nouns whose first gloss is a known expansion join its meaning.
	byEnglish := map[string][]*meaning{}
	for _, m := range ms {
		for _, e := range m.english {
			k := englishKey(e)
			byEnglish[k] = append(byEnglish[k], m)
		}
	}
	for _, r := range recs {
		if !hasJapanese(r.headword) || !isNoun(r.senses[0]) || len(r.senses[0].glosses) == 0 {
			continue
		}
		first := englishKey(tailRE.ReplaceAllString(r.senses[0].glosses[0], ""))
		for _, m := range byEnglish[first] {
			if !slices.Contains(m.japanese, r.headword) {
				m.japanese = append(m.japanese, r.headword)
				m.heads = append(m.heads, r.headword)
			}
		}
	}
	perAcronym := map[string]int{}
	for _, m := range ms {
		perAcronym[m.acronym]++
	}
	var out []glossary.Entry
	for _, m := range ms {
		base := 0.6
		if len(m.english) == 0 || len(m.japanese) == 0 {
			base = 0.5
		}
		conf := math.Round(100*base/math.Sqrt(float64(perAcronym[m.acronym]))) / 100
		evidence := "EDICT"
		var other []string
		for _, h := range m.heads {
			if !slices.Contains(m.japanese, h) {
				other = append(other, h)
			}
		}
		if len(other) > 0 {
			evidence += ": " + strings.Join(other, ", ")
		}
		out = append(out, glossary.Entry{
			Acronym:    m.acronym,
			English:    m.english,
			Japanese:   m.japanese,
			Source:     glossary.SourceEdict,
			Confidence: conf,
			Evidence:   evidence,
		})
	}
	slices.SortFunc(out, func(a, b glossary.Entry) int {
		return cmp.Or(cmp.Compare(a.Acronym, b.Acronym),
			cmp.Compare(strings.Join(a.English, "|"), strings.Join(b.English, "|")),
			cmp.Compare(strings.Join(a.Japanese, "|"), strings.Join(b.Japanese, "|")))
	})
	return out
}

// dropWeak drops meanings without an English expansion whose acronym is a
// common English word (OK as a gloss of 順調), and katakana spellings of an
// acronym's letters (シーアールシー for CRC) when the acronym has other
// meanings: they would only make it look ambiguous.
func dropWeak(ms []*meaning) []*meaning {
	others := map[string]int{}
	for _, m := range ms {
		if len(m.english) > 0 {
			others[m.acronym]++
		}
	}
	var out []*meaning
	for _, m := range ms {
		if len(m.english) == 0 {
			if glossary.IsCommonWord(m.acronym) {
				continue
			}
			if others[m.acronym] > 0 && allKatakana(m.japanese) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

func allKatakana(ss []string) bool {
	for _, s := range ss {
		for _, r := range s {
			if !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '・' {
				return false
			}
		}
	}
	return true
}

// englishKey folds British spellings so that "Organisation" and
// "Organization" are one expansion.
func englishKey(s string) string {
	s = strings.ToLower(s)
	for _, r := range [][2]string{{"isation", "ization"}, {"centre", "center"}, {"defence", "defense"},
		{"programme", "program"}, {"labour", "labor"}, {"colour", "color"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// mergeMeanings merges meanings of the same acronym that share an English
// or Japanese form (compared in lower case).
func mergeMeanings(ms []*meaning) []*meaning {
	var out []*meaning
	byKey := map[string]*meaning{}
	for _, m := range ms {
		var target *meaning
		for _, f := range append(slices.Clone(m.english), m.japanese...) {
			if t := byKey[m.acronym+"\x00"+englishKey(f)]; t != nil {
				target = t
				break
			}
		}
		if target == nil {
			target = m
			out = append(out, m)
		} else {
			for _, e := range m.english {
				if !slices.ContainsFunc(target.english, func(x string) bool { return englishKey(x) == englishKey(e) }) {
					target.english = append(target.english, e)
				}
			}
			for _, j := range m.japanese {
				if !slices.Contains(target.japanese, j) {
					target.japanese = append(target.japanese, j)
				}
			}
			for _, h := range m.heads {
				if !slices.Contains(target.heads, h) {
					target.heads = append(target.heads, h)
				}
			}
		}
		for _, f := range append(slices.Clone(target.english), target.japanese...) {
			byKey[m.acronym+"\x00"+englishKey(f)] = target
		}
	}
	return out
}
