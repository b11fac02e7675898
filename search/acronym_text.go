package search

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kensaku/kensaku/glossary"
)

// Long forms from the index's own text. An acronym no lexicon expands
// into a form the index has (NBD) is often written beside its long form in
// the passages that use it (qemu-nbd, ネットワークブロックデバイスプロトコル):
// the Japanese compounds of those passages whose words' English initials
// spell the acronym (ネットワーク: network, ブロック: block, デバイス: device)
// are its long forms there, and are searched in every passage, at
// Ranking.LongForms times textLongFormFactor. Initials are read in the
// compound's order, or, in a compound with kanji written beside the
// acronym, with its last words first, as Japanese puts an of-phrase
// (ソ連共産党: Communist Party of the Soviet Union). When one is written
// beside the acronym, only those so written are taken.
const (
	maxAcronymPassages = 12  // passages with the acronym read
	maxTextLongForms   = 2   // long forms kept
	textLongFormFactor = 0.5 // a long form read from text, not from a lexicon
	rotatedFactor      = 0.8 // initials read with the compound's last words first
)

// textLongForm is a compound of the text that spells an acronym.
type textLongForm struct {
	form       string
	confidence float64
}

// textLongForms returns the compounds of the passages holding acronym
// (at most maxAcronymPassages) whose words' initials spell it, the most
// confident and most frequent first, at most maxTextLongForms.
func (e *Engine) textLongForms(acronym string) []textLongForm {
	if e.ix.Bigrams == nil || len(acronym) < 3 {
		return nil
	}
	lower := strings.ToLower(acronym)
	bm, ok := e.formDocs(lower)
	if !ok || bm.IsEmpty() {
		return nil
	}
	docs := bm.ToArray()
	if len(docs) > maxAcronymPassages {
		docs = docs[:maxAcronymPassages]
	}
	ids := make([]uint64, len(docs))
	for i, d := range docs {
		ids[i] = uint64(d)
	}
	ps, err := e.ix.Passages(ids)
	if err != nil {
		return nil
	}
	initials := map[string][]string{}
	count := map[string]int{}
	conf := map[string]float64{}
	defined := map[string]bool{}
	var order []string
	for _, p := range ps {
		if !hasLatinWord(p.Text, lower) {
			continue
		}
		for _, run := range compoundRuns(p.Text) {
			for _, f := range e.spellingCompounds(run, lower, initials) {
				if count[f.form] == 0 {
					order = append(order, f.form)
				}
				count[f.form]++
				conf[f.form] = max(conf[f.form], f.confidence)
				defined[f.form] = defined[f.form] || besideAcronym(p.Text, f.form, lower)
			}
		}
	}
	// Read last words first, a compound spells a short acronym by chance
	// too often (VDA: 完成車メーカー) unless written beside it.
	order = slices.DeleteFunc(order, func(f string) bool { return conf[f] < 1 && !defined[f] })
	// A compound written beside the acronym defines it
	// (トランスポーテーションレイヤーセキュリティー (TLS)); the others of its
	// passages that spell it too (トランスポーテーションレイヤーサービス) do
	// not, then.
	if slices.ContainsFunc(order, func(f string) bool { return defined[f] }) {
		order = slices.DeleteFunc(order, func(f string) bool { return !defined[f] })
	}
	slices.SortStableFunc(order, func(a, b string) int {
		if conf[a] != conf[b] {
			if conf[a] > conf[b] {
				return -1
			}
			return 1
		}
		return count[b] - count[a]
	})
	var out []textLongForm
	for _, f := range order {
		if len(out) == maxTextLongForms {
			break
		}
		// A stretch inside another that spells the acronym too
		// (ネットワークブロックデバイ: デバイ, debye) is cut from it.
		if slices.ContainsFunc(order, func(g string) bool { return g != f && strings.Contains(g, f) }) {
			continue
		}
		out = append(out, textLongForm{f, conf[f] * textLongFormFactor})
	}
	return out
}

// besideRunes is the most characters between a compound and the acronym
// it defines: brackets, quotes, a space.
const besideRunes = 4

// besideAcronym reports whether text writes form with the word acronym
// (lower case) at most besideRunes characters before or after it.
func besideAcronym(text, form, acronym string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], form)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(form)
		before := []rune(text[:start])
		after := []rune(text[end:])
		if hasLatinWord(string(before[max(0, len(before)-besideRunes-len(acronym)):]), acronym) ||
			hasLatinWord(string(after[:min(len(after), besideRunes+len(acronym))]), acronym) {
			return true
		}
		i = end
	}
}

// hasLatinWord reports whether text has word (lower case) as a word of
// Latin letters and digits of its own, in any case (nbd in qemu-nbd).
func hasLatinWord(text, word string) bool {
	lt := strings.ToLower(text)
	for i := 0; ; {
		j := strings.Index(lt[i:], word)
		if j < 0 {
			return false
		}
		s, e := i+j, i+j+len(word)
		if (s == 0 || !isASCIIAlnum(lt[s-1])) && (e == len(lt) || !isASCIIAlnum(lt[e])) {
			return true
		}
		i = s + 1
	}
}

func isASCIIAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// compoundRuns returns the runs of kanji and katakana of text (with ー, ・
// and 々) of two characters or more.
func compoundRuns(text string) []string {
	var out []string
	start := -1
	in := func(r rune) bool {
		return r >= 'ァ' && r <= 'ヺ' || r == 'ー' || r == '・' || r == '々' || unicode.Is(unicode.Han, r)
	}
	for i, r := range text + " " {
		switch {
		case i < len(text) && in(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			if len([]rune(text[start:i])) >= 2 {
				out = append(out, text[start:i])
			}
			start = -1
		}
	}
	return out
}

// maxSplitRunes is the longest katakana word split into the loanwords it
// joins (ネットワークブロックデバイスプロトコル, one word to the analyzer).
const maxSplitRunes = 32

// edge is a word of a run: runes from to to, with its initials.
type edge struct {
	from, to int
	initials []string
}

// spellingCompounds returns the stretches of two or more consecutive words
// of run whose initials spell acronym (lower case), in order (confidence
// 1) or with the stretch's last words first (rotatedFactor). The words are
// the analyzer's, and the loanwords a katakana word joins. initials caches
// the initials of each word.
func (e *Engine) spellingCompounds(run, acronym string, initials map[string][]string) []textLongForm {
	rs := []rune(run)
	ini := func(w string) []string {
		v, ok := initials[w]
		if !ok {
			v = e.wordInitials(w)
			initials[w] = v
		}
		// Only initials made of the acronym's letters can be part of it.
		return slices.DeleteFunc(slices.Clone(v), func(s string) bool {
			return strings.Trim(s, acronym) != ""
		})
	}
	var edges []edge
	byteToRune := func(b int) int { return len([]rune(run[:b])) }
	for _, t := range e.morph.Analyze([]byte(run)) {
		from, to := byteToRune(t.Start), byteToRune(t.End)
		w := string(rs[from:to])
		if v := ini(w); len(v) > 0 {
			edges = append(edges, edge{from, to, v})
		}
		if !glossary.IsKatakanaWord(w) || to-from > maxSplitRunes || to-from < 4 {
			continue
		}
		// The loanwords the word joins, by the lexicons: words from its
		// start or from the end of one found, two characters at least.
		reached := map[int]bool{from: true}
		for i := from; i < to-1; i++ {
			if !reached[i] {
				continue
			}
			for j := i + 2; j <= to; j++ {
				if i == from && j == to {
					continue
				}
				if v := ini(string(rs[i:j])); len(v) > 0 {
					edges = append(edges, edge{i, j, v})
					reached[j] = true
				}
			}
		}
	}
	var out []textLongForm
	seen := map[string]bool{}
	var walk func(path []edge)
	walk = func(path []edge) {
		if len(path) >= 2 {
			words := make([][]string, len(path))
			for i, p := range path {
				words[i] = p.initials
			}
			form := string(rs[path[0].from:path[len(path)-1].to])
			if !seen[form] {
				switch {
				case spells(words, acronym):
					seen[form] = true
					out = append(out, textLongForm{form, 1})
				case hasHan(form) && slices.ContainsFunc(rotations(words), func(r [][]string) bool { return spells(r, acronym) }):
					seen[form] = true
					out = append(out, textLongForm{form, rotatedFactor})
				}
			}
		}
		if len(path) == len(acronym) {
			return
		}
		last := path[len(path)-1].to
		for _, ed := range edges {
			if ed.from == last {
				walk(append(path, ed))
			}
		}
	}
	for _, ed := range edges {
		walk([]edge{ed})
	}
	return out
}

// rotations returns words with its last k words first, for each k.
func rotations(words [][]string) [][][]string {
	var out [][][]string
	for k := 1; k < len(words); k++ {
		out = append(out, append(slices.Clone(words[len(words)-k:]), words[:len(words)-k]...))
	}
	return out
}

// spells reports whether one initials string of each word, in order,
// make acronym.
func spells(words [][]string, acronym string) bool {
	if len(words) == 0 {
		return acronym == ""
	}
	for _, ini := range words[0] {
		if rest, ok := strings.CutPrefix(acronym, ini); ok && spells(words[1:], rest) {
			return true
		}
	}
	return false
}

// wordInitials returns the initials (lower case) of the English forms of
// a Japanese word: its glossary entries' and the phrasebook's glosses (not
// names). The English words of the index a katakana word spells (reverse
// transliteration) are not asked: over the dozen passages of an acronym
// they took 65 to 100 ms, the lexicons 1 to 5. An English form of several words gives the initials of its
// content words (Soviet Union: su); none gives none.
func (e *Engine) wordInitials(word string) []string {
	if word == "・" {
		return []string{""} // a separator spells nothing
	}
	var english []string
	key := glossary.Normalize(word)
	for _, en := range e.gloss.Lookup(word) {
		if slices.ContainsFunc(en.Japanese, func(f string) bool { return glossary.Normalize(f) == key }) {
			english = append(english, en.English...)
		}
	}
	if pb, err := phrasebook(); err == nil && !e.noLexicon {
		for _, eq := range pb.EnglishOf(word) {
			if eq.Source != glossary.SourceEnamdict {
				english = append(english, eq.Form)
			}
		}
	}
	var out []string
	for _, f := range english {
		var ini []byte
		for _, w := range strings.Fields(f) {
			c := w[0] | 0x20
			if c < 'a' || c > 'z' || isStopWord(w) {
				continue
			}
			ini = append(ini, c)
		}
		if len(ini) > 0 && !slices.Contains(out, string(ini)) {
			out = append(out, string(ini))
		}
		// A word glossed by a phrase stands for its first word too
		// (党: party with political goals).
		if len(ini) > 1 && !slices.Contains(out, string(ini[:1])) {
			out = append(out, string(ini[:1]))
		}
	}
	return out
}

// hasHan reports whether s has a kanji. Only a compound with one is read
// with its last words first: loanwords keep the English order
// (マルチメディアアプリケーション is no long form of RPM).
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
