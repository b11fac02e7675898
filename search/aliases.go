package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/glossary/translit"
)

// Renderings of one name in the same passage. A foreign name has
// renderings that no skeleton folds together, from two languages or two
// readings (ルハーンシク, Ukrainian, and ルガンスク, Russian; ボードガヤー
// and ブッダガヤ), and an article often writes both in one passage
// (ルハーンシク州（ロシア語名ルガンスク）), or titles its article with one
// and writes the other (ブッダガヤ: ボードガヤー). A katakana word that is
// the whole query, or a katakana equivalent of it, is also searched as
// the katakana words of the index written beside it (aliasRunes), or in
// the title, of the passages that have it (the first maxAliasPassages)
// whose kana rows (rowSkeleton) are the same: in
// the same order, with at most one row other in a word of minAliasRows
// plus one rows or more. Vowels, voicing, long vowels and the sokuon are
// what such renderings differ in; the consonants of the name stay. An
// alias weighs Ranking.Variant.
const (
	maxAliasPassages = 12
	minAliasRows     = 4
	maxAliases       = 2
	aliasRunes       = 12 // characters beside the word read for its aliases
)

// rowSkeleton returns the kana rows of the katakana of s, one letter a
// kana (k for カ, ガ, キ..., a for the vowels, n for ン), small kana,
// long vowels, the sokuon and middle dots left out: ルハーンシク is rhnsk,
// ルガンスク rknsk.
func rowSkeleton(s string) string {
	var b strings.Builder
	for _, r := range vuReplacer.Replace(norm.NFKC.String(s)) {
		if base, ok := unvoiced[r]; ok {
			r = base
		}
		if c, ok := kanaRow[r]; ok {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// kanaRow maps a full-size unvoiced katakana to its row.
var kanaRow = func() map[rune]byte {
	m := map[rune]byte{'ン': 'n'}
	for _, row := range []struct {
		kana string
		c    byte
	}{
		{"アイウエオ", 'a'}, {"カキクケコ", 'k'}, {"サシスセソ", 's'}, {"タチツテト", 't'},
		{"ナニヌネノ", 'n'}, {"ハヒフヘホ", 'h'}, {"マミムメモ", 'm'}, {"ヤユヨ", 'y'},
		{"ラリルレロ", 'r'}, {"ワヰヱヲ", 'w'},
	} {
		for _, r := range row.kana {
			m[r] = row.c
		}
	}
	return m
}()

// sameRows reports whether two row skeletons are one name's: of equal
// length, minAliasRows at least, the first row the same and at most one
// other, and that only in a word of more than minAliasRows rows and at
// most maxOneOffRows (longer, it is a compound whose last word differs:
// ディスクパーティションデータ, ディスクパーティションツール).
func sameRows(a, b string) bool {
	if len(a) != len(b) || len(a) < minAliasRows || a[0] != b[0] {
		return false
	}
	diff := 0
	for i := range len(a) {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 0 || diff == 1 && len(a) > minAliasRows && len(a) <= maxOneOffRows
}

// maxOneOffRows is the most rows of a word that may differ from its
// alias in one row.
const maxOneOffRows = 7

// textAliases returns the other renderings of word, a katakana word, in
// the passages that have it: the katakana words of the index of the same
// rows, the most frequent first, at most maxAliases.
func (e *Engine) textAliases(word string) []string {
	if e.noTranslit || e.ix.Bigrams == nil || !translit.IsKatakanaWord(word) {
		return nil
	}
	word = dotReplacer.Replace(word)
	rows := rowSkeleton(word)
	if len(rows) < minAliasRows {
		return nil
	}
	bm, ok := e.formDocs(word)
	if !ok || bm.IsEmpty() {
		return nil
	}
	docs := bm.ToArray()
	docs = docs[:min(len(docs), maxAliasPassages)]
	ids := make([]uint64, len(docs))
	for i, d := range docs {
		ids[i] = uint64(d)
	}
	ps, err := e.ix.Passages(ids)
	if err != nil {
		return nil
	}
	count := map[string]int{}
	var order []string
	skel := spellingSkeleton(word)
	for _, p := range ps {
		text := dotReplacer.Replace(p.Text)
		if !strings.Contains(text, word) {
			continue
		}
		// The renderings written beside the word, and in the passage's
		// title.
		var near []string
		for i := 0; ; {
			j := strings.Index(text[i:], word)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(word)
			before, after := []rune(text[:start]), []rune(text[end:])
			near = append(near, string(before[max(0, len(before)-aliasRunes):]), string(after[:min(len(after), aliasRunes)]))
			i = end
		}
		near = append(near, p.Title)
		for _, s := range near {
			for _, run := range katakanaRuns(s) {
				c := dotReplacer.Replace(s[run[0]:run[1]])
				if c == word || utf8.RuneCountInString(c) < 2 || spellingSkeleton(c) == skel || !sameRows(rows, rowSkeleton(c)) {
					continue
				}
				toks := e.morph.Analyze([]byte(c))
				if len(toks) != 1 || !e.hasTerm(string(toks[0].Term)) {
					continue
				}
				t := string(toks[0].Term)
				if count[t] == 0 {
					order = append(order, t)
				}
				count[t]++
			}
		}
	}
	// Two words the glossary knows apart are two words (アルカン: alkane,
	// アルケン: alkene; デザイン, デザイナ).
	if known := e.glossEnglish(word); len(known) > 0 {
		order = slices.DeleteFunc(order, func(c string) bool {
			other := e.glossEnglish(c)
			return len(other) > 0 && !slices.ContainsFunc(other, func(f string) bool { return slices.Contains(known, f) })
		})
	}
	slices.SortStableFunc(order, func(a, b string) int { return count[b] - count[a] })
	return order[:min(len(order), maxAliases)]
}

// glossEnglish returns the English forms, lower case, of the glossary
// entries that hold word as a Japanese form.
func (e *Engine) glossEnglish(word string) []string {
	key := glossary.Normalize(word)
	var out []string
	for _, en := range e.gloss.Lookup(word) {
		if !slices.ContainsFunc(en.Japanese, func(f string) bool { return glossary.Normalize(f) == key }) {
			continue
		}
		for _, f := range en.English {
			if f = strings.ToLower(f); !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// Names inside a full name. The analyzer keeps a name written with middle
// dots as one word (アントニ・ファン・レーウェンフック: アントニファン
// レーウェンフック), so a katakana equivalent for one of its names
// (Leeuwenhoek: レーウェンフーク) is no word of the index, nor spelled so
// (katakanaVariants). A name's katakana form from the phrasebook
// (ENAMDICT) for a whole query that the index has in neither way, of
// minPartSkeleton characters of
// katakanaSkeleton or more, is also searched as the index's katakana words
// whose skeleton begins or ends with its own and is two characters longer
// at least, when there are at most maxNameParts of them (more, and it is a
// word of many compounds). Only names: over the 13,449 katakana words of
// glossary/translit's EDICT test sets, the words the index lacks matched
// a compound of the index for 52, most a compound holding the word
// (シンボリック: シンボリックリンク), some only by folded voicing or the
// sokuon (コーティング: エンコーディング).
const (
	minPartSkeleton = 5
	maxNameParts    = 2
)

// namePartTerms returns the index's katakana words that hold form, a
// katakana word the index does not have, as their first or last name.
func (e *Engine) namePartTerms(form string) []string {
	if e.noTranslit || !translit.IsKatakanaWord(form) {
		return nil
	}
	toks := e.morph.Analyze([]byte(form))
	if len(toks) != 1 || e.hasTerm(string(toks[0].Term)) || len(e.katakanaVariants(form)) > 0 {
		return nil
	}
	k := katakanaSkeleton(string(toks[0].Term))
	n := utf8.RuneCountInString(k)
	if n < minPartSkeleton {
		return nil
	}
	full, _, _ := e.skeletonTerms()
	var out []string
	for skel, terms := range full {
		if utf8.RuneCountInString(skel) < n+2 || !strings.HasPrefix(skel, k) && !strings.HasSuffix(skel, k) {
			continue
		}
		out = append(out, terms...)
		if len(out) > maxNameParts {
			return nil
		}
	}
	slices.Sort(out)
	return out
}
