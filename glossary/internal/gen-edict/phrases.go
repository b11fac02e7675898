package main

// The phrasebook (-phrases): the long tail that the glossary leaves out.
//
// The glossary loads edict-words.tsv whole at start-up, so it keeps the
// common words and the technical ones (see words.go). The phrasebook is
// looked up only for a query text that nothing in the glossary covers,
// so it can hold much more at no cost to the start-up:
//
//   - from EDICT, every noun sense's short noun-phrase glosses (the rules
//     of cleanGloss, but names in title case of up to maxNameGlossWords
//     words, senses and glosses limited as in words.go, rare
//     headwords included: constitutional monarchy ↔ 立憲君主制, printing
//     press ↔ 印刷機, right to strike ↔ 争議権, fragmentation ↔
//     フラグメンテーション), but the pairs edict-words.tsv has;
//   - from ENAMDICT (the Debian package enamdict), the names written in
//     katakana with their Latin spellings (Eindhoven ↔ アイントホーフェン,
//     Aristotle ↔ アリストテレス): a gloss's notes in brackets are dropped,
//     accents are folded (Zürich: Zurich), and a full name spelled by a
//     katakana word that the transliteration model finds closer to its
//     last word (Arnold Schoenberg: シェーンベルク) is filed under that
//     word; a name whose katakana has as many middle dots as it has words
//     (ピーテル・ブリューゲル, Pieter Brueghel) gives its words too.
//
// One line per English form, its Japanese forms (at most maxPhraseHeads,
// common ones first) and the source, sorted by glossary.Normalize of the
// English form.

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"log"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/glossary/translit"
)

const (
	maxPhraseHeads = 4 // Japanese forms kept per English form
	maxNameWords   = 4 // words of a name
	// maxNameGlossWords is the longest EDICT gloss kept when it is a
	// name in title case (Democratic Republic of the Congo), longer than
	// the maxGlossWords of other glosses: the long forms of acronyms.
	maxNameGlossWords = 6
)

// titleCase reports whether every word of g but function words starts
// with a capital.
func titleCase(g string) bool {
	for _, w := range strings.Fields(g) {
		if initialsStop[strings.ToLower(w)] {
			continue
		}
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}

var initialsStop = map[string]bool{"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "to": true, "a": true, "an": true, "at": true, "by": true}

// phrase is one line of phrasebook.tsv being built.
type phrase struct {
	english  string
	japanese []string
	common   []bool
	source   string
}

type phrasebook struct {
	byKey map[string]*phrase
	order []string
}

func (pb *phrasebook) add(english, ja string, common bool, source string) {
	k := glossary.Normalize(english)
	if k == "" {
		return
	}
	p := pb.byKey[k]
	if p == nil {
		p = &phrase{english: english, source: source}
		pb.byKey[k] = p
		pb.order = append(pb.order, k)
	}
	if p.source != source {
		return // the first source of a form keeps it (EDICT before ENAMDICT)
	}
	if i := slices.Index(p.japanese, ja); i >= 0 {
		p.common[i] = p.common[i] || common
		return
	}
	p.japanese = append(p.japanese, ja)
	p.common = append(p.common, common)
}

// edictPhrases adds the noun glosses of the EDICT lines that skip (the
// glosses of edict-words.tsv) does not hold.
func (pb *phrasebook) edictPhrases(lines []string, skip map[string]bool) {
	for _, r := range groupSpellings(lines) {
		head := r.headword
		if len([]rune(head)) < 2 && !hasKanji(head) || acronymGloss(head) != "" {
			continue
		}
		for i, s := range r.senses {
			if i >= maxWordSense || !wordNoun(s) ||
				slices.ContainsFunc(s.misc, func(t string) bool { return skipMisc[t] || t == "uk" && hasKanji(head) }) {
				continue
			}
			for j, g := range s.glosses {
				if j >= maxWordGloss {
					break
				}
				g, ok := cleanGlossN(g, maxNameGlossWords)
				if !ok || skip[glossary.Normalize(g)+"\t"+head] ||
					len(strings.Fields(g)) > maxGlossWords && !titleCase(g) {
					continue
				}
				pb.add(g, head, r.common, "edict")
			}
		}
	}
}

var (
	nameLineRE = regexp.MustCompile(`^(\S+) /\(([a-z,]+)\) (.*)/$`)
	bracketRE  = regexp.MustCompile(`\s*\([^()]*\)`)
)

// enamdictPhrases adds the katakana names of ENAMDICT lines.
func (pb *phrasebook) enamdictPhrases(lines []string, m *translit.Model) {
	for _, l := range lines {
		mt := nameLineRE.FindStringSubmatch(l)
		if mt == nil || !glossary.IsKatakanaWord(mt[1]) {
			continue
		}
		head := mt[1]
		parts := strings.FieldsFunc(head, func(r rune) bool { return r == '・' || r == '＝' })
		for _, g := range strings.Split(mt[3], "/") {
			g = foldAccents(strings.TrimSpace(bracketRE.ReplaceAllString(g, "")))
			words := strings.Fields(g)
			if len(words) == 0 || len(words) > maxNameWords || !latinName(g) {
				continue
			}
			switch {
			case len(words) > 1 && len(parts) == len(words):
				pb.add(g, head, false, "enamdict")
				for i, w := range words {
					pb.add(w, parts[i], false, "enamdict")
				}
			case len(words) > 1 && len(parts) == 1 && closerToLast(m, words, head):
				pb.add(words[len(words)-1], head, false, "enamdict")
			default:
				pb.add(g, head, false, "enamdict")
			}
		}
	}
}

// closerToLast reports whether the model spells the last of words as
// katakana better, per letter, than all of them.
func closerToLast(m *translit.Model, words []string, katakana string) bool {
	if m == nil {
		return false
	}
	all := strings.Join(words, "")
	last := words[len(words)-1]
	pa := m.Score(all, katakana) / float64(len(translit.EnglishLetters(all)))
	pl := m.Score(last, katakana) / float64(len(translit.EnglishLetters(last)))
	return pl > pa
}

// foldAccents removes the accents of Latin letters (Zürich: Zurich).
func foldAccents(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latinName reports whether g is written in ASCII letters, with spaces,
// hyphens, apostrophes and dots.
func latinName(g string) bool {
	letters := 0
	for i := range len(g) {
		c := g[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		case c == ' ' || c == '-' || c == '\'' || c == '.':
		default:
			return false
		}
	}
	return letters >= 2
}

// write writes the phrasebook format read by glossary.Phrasebook:
//
//	english <TAB> japanese (|-separated) <TAB> source
func (pb *phrasebook) write() []byte {
	keys := slices.Clone(pb.order)
	slices.Sort(keys)
	var buf bytes.Buffer
	buf.WriteString("# Phrasebook (English ↔ Japanese, the forms the glossary leaves out) derived from JMdict/EDICT and\n")
	buf.WriteString("# ENAMDICT (Debian packages edict and enamdict) by glossary/internal/gen-edict -phrases; do not\n")
	buf.WriteString("# edit. Licence: CC BY-SA 4.0, see EDICT-LICENSE.md.\n")
	buf.WriteString("english\tjapanese\tsource\n")
	for _, k := range keys {
		p := pb.byKey[k]
		idx := make([]int, len(p.japanese))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			if p.common[a] != p.common[b] {
				if p.common[a] {
					return -1
				}
				return 1
			}
			return cmp.Compare(a, b)
		})
		var ja []string
		for _, i := range idx[:min(len(idx), maxPhraseHeads)] {
			ja = append(ja, p.japanese[i])
		}
		if strings.ContainsAny(p.english, "\t|") {
			continue
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\n", p.english, strings.Join(ja, "|"), p.source)
	}
	return buf.Bytes()
}

func runPhrases(in, names, out string) error {
	lines, err := readEdict(in)
	if err != nil {
		return err
	}
	skip := map[string]bool{}
	for _, e := range deriveWords(lines) {
		for _, ja := range e.japanese {
			skip[glossary.Normalize(e.english)+"\t"+ja] = true
		}
	}
	pb := &phrasebook{byKey: map[string]*phrase{}}
	pb.edictPhrases(lines, skip)
	nEdict := len(pb.order)
	f, err := os.Open(names)
	if err != nil {
		return fmt.Errorf("open %s (apt-get install enamdict): %w", names, err)
	}
	defer f.Close()
	var nameLines []string
	sc := bufio.NewScanner(transform.NewReader(f, japanese.EUCJP.NewDecoder()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		nameLines = append(nameLines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", names, err)
	}
	m, err := translit.Default()
	if err != nil {
		return err
	}
	pb.enamdictPhrases(nameLines, m)
	data := pb.write()
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-edict -phrases: %d EDICT forms, %d ENAMDICT forms, %d bytes → %s", nEdict, len(pb.order)-nEdict, len(data), out)
	return nil
}
