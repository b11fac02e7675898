// Command gen-sudachi derives kensaku's synonym lexicon from the synonym
// dictionary of SudachiDict (WorksApplications, Apache License 2.0).
//
// It reads the JSON file of the npm package sudachi-synonyms-dictionary
// (a conversion of SudachiDict's synonyms.txt: an array of groups, each
// {"id": "001130", "items": [{"midashi": "国際連合", "vocabularyNumber": 1,
// "gokeiSyubetsu": "代表語", "ryakusyou": "代表語形", "expandControl": 0,
// …}, …]}) and writes glossary/data/sudachi.tsv. Fetch the package with npm
// and run it from glossary with "go generate":
//
//	cd /tmp && npm pack sudachi-synonyms-dictionary@18.0.0 && tar xzf sudachi-synonyms-dictionary-18.0.0.tgz
//	go run ./internal/gen-sudachi -in /tmp/package/sudachi-synonyms-dictionary.json -o data/sudachi.tsv
//
// # Output
//
// One line per sense (a group's vocabularyNumber: one lexeme, written in
// several ways, translated or abbreviated), tab-separated:
//
//	sense <TAB> confidence <TAB> acronym <TAB> english <TAB> japanese <TAB> aliases <TAB> no_trigger
//	001130/1	0.7	UN	United Nations	国際連合|国連		UN
//
// sense is "group/vocabularyNumber"; the form fields hold alternatives
// separated by "|"; no_trigger repeats the forms that do not expand a query
// themselves. Lines starting with "#" are comments. glossary.Sudachi reads
// the file.
//
// # Rules
//
//   - Forms with expandControl 2 (Sudachi's record of deleted synonyms)
//     are dropped; forms with expandControl 1, and forms of one character
//     or of two kana (found by glossary.Find inside unrelated words: ル in
//     ビル, バス in バスケット), are kept in no_trigger.
//   - Forms whose gokeiSyubetsu is 旧称, 別称 or 間違い, or whose
//     hyoukiYure is 間違い表記, are aliases.
//   - The first abbreviation of ryakusyou 略語・略称/アルファベット written
//     in Latin script is the acronym; further ones are aliases, and those of
//     at most two letters or that are common English words (which as the
//     acronym would match only in capitals) do not trigger either.
//   - Other forms written in Latin script (no kana or kanji) are English;
//     the rest are Japanese.
//   - Forms without a vocabularyNumber (an abbreviation of the whole
//     group: ネトゲ) join every sense of their group.
//   - Forms equal under glossary.Normalize are kept once; a sense needs two
//     forms, one of which triggers.
//   - The confidence is 0.7 when two forms are not aliases (a spelling,
//     translation or abbreviation of one word), 0.5 when the sense relates
//     a word only to its old or other names.
//
// Different senses of one group (妻, 家内, ワイフ) are near-synonyms, not
// equivalents; they are not related.
//
// # Measurements
//
// MRR@10, R@1 and R@10 on JSQuAD (go test ./search -run TestRankStats; the
// variants with the entries filtered before search.New). With the
// equivalents of a form found in a question searched as a clause of their
// own (before search/plan.go counted them as a word of the question):
//
//	without Sudachi                                   0.9442  0.9244  0.9795
//	every sense (these rules, one character allowed)  0.9362  0.9127  0.9761
//	only senses with a Latin form                     0.9407  0.9196  0.9775
//	only senses with a Latin or katakana form         0.9408  0.9199  0.9775
//	only senses with an acronym                       0.9437  0.9237  0.9795
//	Japanese forms never trigger                      0.9434  0.9228  0.9795
//	confidence 0.3 instead of 0.7                     0.9371  0.9140  0.9764
//	confidence 0.01                                   0.9372  0.9140  0.9770
//	one-character forms do not trigger                0.9362  0.9127  0.9761
//	  and forms inside another form do not trigger    0.9367  0.9131  0.9770
//	  or forms holding another form are dropped       0.9416  0.9203  0.9793
//	senses of a group also related, at 0.4            0.9359  0.9120  0.9764
//
// The confidence hardly mattered: the clause's coord doubled every passage
// with an equivalent. With the equivalents counted as a word of the
// question, all senses as written here cost nothing: 0.9442 0.9241 0.9795
// without Sudachi, 0.9441 0.9239 0.9797 with it.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/glossary"
)

func main() {
	in := flag.String("in", "/tmp/package/sudachi-synonyms-dictionary.json",
		"`file` sudachi-synonyms-dictionary.json of the npm package sudachi-synonyms-dictionary")
	out := flag.String("o", "sudachi.tsv", "output `file`")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		log.Fatalf("gen-sudachi: %v", err)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read %s (npm pack sudachi-synonyms-dictionary@18.0.0, then untar): %w", in, err)
	}
	var groups []group
	if err := json.Unmarshal(b, &groups); err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	senses, err := derive(groups)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("# Synonym lexicon derived from SudachiDict's synonym dictionary (WorksApplications; npm package\n")
	buf.WriteString("# sudachi-synonyms-dictionary) by glossary/internal/gen-sudachi; do not edit. Apache-2.0, see SUDACHI-LICENSE.md.\n")
	write(&buf, senses)
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-sudachi: %d groups → %d senses, %d bytes → %s", len(groups), len(senses), buf.Len(), out)
	return nil
}

// group is one synonym group of the JSON file.
type group struct {
	ID    string `json:"id"`
	Items []item `json:"items"`
}

// item is one form of a group.
type item struct {
	Midashi          string `json:"midashi"`
	VocabularyNumber *int   `json:"vocabularyNumber"` // nil: the whole group
	GokeiSyubetsu    string `json:"gokeiSyubetsu"`    // 代表語, 対訳, 別称, 旧称, 間違い
	Ryakusyou        string `json:"ryakusyou"`        // 代表語形, 略語・略称, 略語・略称/アルファベット
	HyoukiYure       string `json:"hyoukiYure"`
	ExpandControl    int    `json:"expandControl"` // 0 expand, 1 not a trigger, 2 never
}

// sense is one line of the output.
type sense struct {
	id         string // group/vocabularyNumber
	confidence float64
	acronym    string
	english    []string
	japanese   []string
	aliases    []string
	noTrigger  []string
}

const (
	confidenceWord  = 0.7 // spellings, translations and abbreviations of one word
	confidenceAlias = 0.5 // a word and only its old or other names
)

// derive turns the groups into senses, in the order of the file.
func derive(groups []group) ([]sense, error) {
	var out []sense
	for _, g := range groups {
		if g.ID == "" {
			return nil, errors.New("a group without an id")
		}
		var numbers []int
		var shared []item // items without a vocabularyNumber
		for _, it := range g.Items {
			if strings.ContainsAny(it.Midashi, "\t\n\r|") {
				return nil, fmt.Errorf("group %s: form %q holds a tab, line break or |", g.ID, it.Midashi)
			}
			if it.VocabularyNumber == nil {
				shared = append(shared, it)
			} else if !slices.Contains(numbers, *it.VocabularyNumber) {
				numbers = append(numbers, *it.VocabularyNumber)
			}
		}
		slices.Sort(numbers)
		for _, n := range numbers {
			var items []item
			for _, it := range g.Items {
				if it.VocabularyNumber != nil && *it.VocabularyNumber == n {
					items = append(items, it)
				}
			}
			if s, ok := makeSense(g.ID+"/"+strconv.Itoa(n), append(items, shared...)); ok {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// makeSense classifies the forms of one sense; ok is false when the sense
// relates nothing.
func makeSense(id string, items []item) (s sense, ok bool) {
	s.id = id
	seen := map[string]bool{}
	words := 0 // forms that are not aliases
	for _, it := range items {
		form := strings.Join(strings.Fields(it.Midashi), " ")
		key := glossary.Normalize(form)
		if it.ExpandControl == 2 || key == "" || seen[key] {
			continue
		}
		seen[key] = true
		noTrigger := it.ExpandControl == 1 || isFragment(key)
		switch {
		case it.GokeiSyubetsu == "旧称" || it.GokeiSyubetsu == "別称" || it.GokeiSyubetsu == "間違い" || it.HyoukiYure == "間違い表記":
			s.aliases = append(s.aliases, form)
		case strings.HasSuffix(it.Ryakusyou, "アルファベット") && isLatin(form):
			words++
			if s.acronym == "" {
				s.acronym = form
				break
			}
			s.aliases = append(s.aliases, form)
			if utf8.RuneCountInString(key) <= 2 || glossary.IsCommonWord(form) {
				noTrigger = true
			}
		case isLatin(form):
			words++
			s.english = append(s.english, form)
		default:
			words++
			s.japanese = append(s.japanese, form)
		}
		if noTrigger {
			s.noTrigger = append(s.noTrigger, form)
		}
	}
	n := len(seen)
	if n < 2 || len(s.noTrigger) == n {
		return s, false
	}
	s.confidence = confidenceAlias
	if words >= 2 {
		s.confidence = confidenceWord
	}
	return s, true
}

// isFragment reports whether a normalised form is so short that
// glossary.Find, which matches forms inside unsegmented Japanese text,
// would find it inside unrelated words: one character, or two kana.
func isFragment(key string) bool {
	switch utf8.RuneCountInString(key) {
	case 1:
		return true
	case 2:
		for _, r := range key {
			if !unicode.In(r, unicode.Hiragana, unicode.Katakana) && r != 'ー' {
				return false
			}
		}
		return true
	}
	return false
}

// isLatin reports whether s has a letter and no kana or kanji.
func isLatin(s string) bool {
	letter := false
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}

// write writes the senses with a header.
func write(buf *bytes.Buffer, senses []sense) {
	buf.WriteString("sense\tconfidence\tacronym\tenglish\tjapanese\taliases\tno_trigger\n")
	for _, s := range senses {
		fields := []string{s.id, strconv.FormatFloat(s.confidence, 'f', -1, 64), s.acronym,
			strings.Join(s.english, "|"), strings.Join(s.japanese, "|"), strings.Join(s.aliases, "|"),
			strings.Join(s.noTrigger, "|")}
		buf.WriteString(strings.Join(fields, "\t"))
		buf.WriteByte('\n')
	}
}
