package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/kensaku/kensaku/glossary"
	"github.com/kensaku/kensaku/indexer"
)

// The phrasebook (glossary.Phrasebook): the rare EDICT glosses and the
// ENAMDICT names that the glossary leaves out. A chunk of the query is
// looked up in it whole, in both directions (printing press: 印刷機;
// Eindhoven: アイントホーフェン; フラグメンテーション: fragmentation), and
// its forms are searched as glossary equivalents are, at the phrasebook's
// confidence.
const maxPhrasebookForms = 4

var phrasebook = sync.OnceValues(glossary.DefaultPhrasebook)

// phrasebookForms returns the phrasebook's forms for text, a chunk of the
// query, but those of the glossary's matches.
func (e *Engine) phrasebookForms(text string, matches []glossary.Match) []glossary.Equivalent {
	if e.noLexicon {
		return nil
	}
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 120 {
		return nil
	}
	pb, err := phrasebook()
	if err != nil {
		e.log.Error("phrasebook", "err", err)
		return nil
	}
	var forms []glossary.Equivalent
	if isLatinText(text) {
		forms = japaneseOfSpellings(pb, text)
		forms = append(forms, sharedGlosses(pb, text, forms)...)
		if len(forms) == 0 && !namesTerm(text, matches) {
			forms = e.narrower(text)
		}
		if nearNameCandidate(text) && !e.anyInIndex(forms, matches) {
			forms = append(forms, e.nearNames(pb, text)...)
		}
		forms = append(forms, e.phraseVariantForms(text, forms, matches)...) // residence status: 在留資格
		if len(forms) == 0 && !namesTerm(text, matches) {
			forms = e.modifierForms(text) // man-in-the-middle: 中間者
		}
	} else {
		forms = pb.EnglishOf(text)
		// A word EDICT glosses (カーネル: kernel) is that word, not the
		// names ENAMDICT spells the same (Carnell, Kernell).
		if slices.ContainsFunc(forms, func(f glossary.Equivalent) bool { return f.Source == glossary.SourceEdict }) {
			forms = slices.DeleteFunc(forms, func(f glossary.Equivalent) bool { return f.Source == glossary.SourceEnamdict })
		}
	}
	// A text the glossary knows too (jet stream: ジェットストリーム in
	// Sudachi) adds the phrasebook's other forms (ジェット気流).
	forms = slices.DeleteFunc(forms, func(f glossary.Equivalent) bool {
		key := glossary.Normalize(f.Form)
		for _, m := range matches {
			for _, en := range m.Entries {
				if slices.ContainsFunc(en.Forms(), func(g string) bool { return glossary.Normalize(g) == key }) {
					return true
				}
			}
		}
		return false
	})
	if len(forms) > maxPhrasebookForms {
		// The forms the index has come first: a sense the text never
		// writes adds nothing (ラッパー: rapper, trumpet, bugle, horn
		// before wrapper, the one the index has), the most confident
		// first (general secretary: 書記長, of one English form, before
		// the four of secretary-general).
		var have, rest []glossary.Equivalent
		for _, f := range forms {
			if e.inIndex(f.Form) {
				have = append(have, f)
			} else {
				rest = append(rest, f)
			}
		}
		slices.SortStableFunc(have, func(a, b glossary.Equivalent) int { return cmp.Compare(b.Confidence, a.Confidence) })
		forms = append(have, rest...)[:maxPhrasebookForms]
	}
	return forms
}

// phrasebookQuery searches the phrasebook's forms of text and records the
// expansion; nil when it has none. With syn not nil, forms the index has
// are added to *syn instead, as forms of the chunk's synonym set (a
// Japanese word the phrasebook knows whole, 互換性: compatibility, is that
// word written otherwise, as a glossary term's equivalents are), and the
// query is nil.
func (e *Engine) phrasebookQuery(p *plan, text string, matches []glossary.Match, syn *[]synonymForm) bquery.Query {
	forms := e.phrasebookForms(text, matches)
	if len(forms) == 0 {
		return e.nameWordsQuery(p, text, matches)
	}
	// A name the phrasebook has whole in spellings the index never
	// writes (Boutros-Ghali: ブトロス・ガリ) is searched by its words too.
	var words bquery.Query
	if !slices.ContainsFunc(forms, func(f glossary.Equivalent) bool { return e.occurs(f.Form) }) {
		words = e.nameWordsQuery(p, text, matches)
		syn = nil
	}
	term := strings.TrimSpace(text)
	i := slices.IndexFunc(p.expansions, func(x Expansion) bool { return x.Term == term })
	if i < 0 {
		// The glossary's expansion of the term, when there is one, takes
		// the phrasebook's forms after its own.
		p.expansions = append(p.expansions, Expansion{Term: term, Source: forms[0].Source, Coverage: 1})
		i = len(p.expansions) - 1
	} else if !strings.Contains(p.expansions[i].Source, forms[0].Source) {
		p.expansions[i].Source += ", " + forms[0].Source
	}
	x := &p.expansions[i]
	qs := make([]bquery.Query, 0, len(forms))
	for _, f := range forms {
		var parts []string
		if f.Source == glossary.SourceEnamdict { // a name: レーウェンフーク, アントニファンレーウェンフック
			parts = e.namePartTerms(f.Form)
		}
		if syn != nil {
			*syn = append(*syn, e.synonymForms(f.Form, f.Confidence)...)
			for _, v := range parts {
				*syn = append(*syn, synonymForm{form: v, conf: f.Confidence * e.rank.Variant})
			}
		} else {
			qs = append(qs, e.equivalent(f.Form, e.rank.Equivalent*f.Confidence))
			for _, v := range parts {
				qs = append(qs, termQuery(indexer.FieldText, v, e.rank.Equivalent*f.Confidence*e.rank.Variant))
			}
		}
		x.Equivalents = append(x.Equivalents, f.Form)
		x.Forms = append(x.Forms, EquivalentForm{Form: f.Form, Kind: string(f.Kind), Source: f.Source, Sense: f.Sense, Confidence: f.Confidence})
	}
	if words != nil {
		qs = append(qs, words)
	}
	if len(qs) == 0 {
		return nil
	}
	return anyOf(qs...)
}

// isLatinText reports whether s is written in Latin letters, digits,
// spaces and the punctuation of names, with a letter.
func isLatinText(s string) bool {
	for _, f := range strings.Fields(s) {
		if !isLatinWord(strings.Trim(strings.ReplaceAll(f, "'", ""), ".,")) {
			return false
		}
	}
	return s != ""
}

// English spellings. English writes a compound closed, hyphenated or
// open (multicore, multi-core; runlevel, run level; keybinding, key
// binding), and a text may use another than the glossary. An English
// form of two words is also searched closed when the index has the
// closed word, a hyphenated word closed when the index has that word
// (time-stamp: timestamp), and a single word as two when the index has
// both halves (each at least minSplitLetters letters).
const (
	minSplitLetters = 3
	maxSplits       = 2
)

// englishVariants returns the other spellings of form that the index
// has, or nil.
func (e *Engine) englishVariants(form string) []string {
	words := strings.Fields(form)
	for _, w := range words {
		if !isLatinWord(w) {
			return nil
		}
	}
	switch len(words) {
	case 2:
		closed := strings.ReplaceAll(words[0]+words[1], "-", "")
		if e.hasTextWord(closed) {
			return []string{closed}
		}
	case 1:
		w := strings.ReplaceAll(words[0], "-", "")
		out := e.capitalsVariants(w)
		if w != words[0] && e.hasTextWord(w) {
			// Written closed in the index (time-stamp: timestamp).
			out = append(out, w)
		}
		for i := minSplitLetters; i <= len(w)-minSplitLetters && len(out) < 2*maxSplits; i++ {
			if e.hasTextWord(w[:i]) && e.hasTextWord(w[i:]) {
				// The analyzer counts a hyphen as a position: multi-core
				// is not the phrase multi core.
				out = append(out, w[:i]+"-"+w[i:], w[:i]+" "+w[i:])
			}
		}
		return out
	}
	return nil
}

// capitalsVariants returns word and its plurals written in capitals
// (SIGNALS for signal) when the index has them. The analyzer stems a
// word but keeps one written in capitals as it is (an acronym: IT, US),
// so that "SIGNALS" in a heading of a text is the term signals, which the
// stem of signal does not find.
func (e *Engine) capitalsVariants(word string) []string {
	if len(word) < minSplitLetters || strings.ContainsFunc(word, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return nil
	}
	// The analyzer's term of a lowercase word is its Snowball stem; the
	// stemmer alone spares the analysis.
	env := snowballstem.NewEnv(word)
	english.Stem(env)
	stem := env.Current()
	var out []string
	for _, f := range []string{word, word + "s", word + "es"} {
		if f == stem {
			continue
		}
		if ok, err := e.ix.HasTerm(indexer.FieldText, f); err == nil && ok {
			out = append(out, strings.ToUpper(f))
		}
	}
	return out
}

// hasTextWord reports whether the text analyzer makes one term of w and
// the index has that term itself (see inIndex).
func (e *Engine) hasTextWord(w string) bool {
	toks := e.morph.Analyze([]byte(w))
	if len(toks) != 1 {
		return false
	}
	ok, err := e.ix.HasTerm(indexer.FieldText, string(toks[0].Term))
	return err == nil && ok
}

// Long forms from initials. An acronym of the query that the glossary
// does not know (JNR, WWI) is also searched as the Japanese forms of the
// phrasebook's English names whose initials spell it (Japanese National
// Railways: 日本国有鉄道; World War I: 第一次世界大戦), those the index
// has, for the most confident maxLongForms names. Acronyms of fewer than
// three letters are not: too many names share them. Nor are the
// phrasebook's phrases in lower case: acronyms abbreviate names, and over
// the real-text corpus's acronyms 31 of the 33 such phrases were chance
// (EOL: exchange of letters, メール交換; POT: passage of time).
// Each weighs Ranking.LongForms times its confidence and
// Ranking.Equivalent.
const maxLongForms = 3

// longFormsQuery returns the query of the long forms of text, a chunk of
// the query that is one acronym, and records them; nil when there are
// none.
func (e *Engine) longFormsQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	acr := strings.TrimSpace(text)
	// An acronym the glossary knows only in senses the index never
	// writes (CCP: 通信制御処理装置) is searched as one it does not know.
	if e.noLexicon || !isAcronymWord(acr) || e.namesTermInIndex(text, matches) {
		return nil
	}
	pb, err := phrasebook()
	if err != nil {
		return nil
	}
	x := Expansion{Term: acr, Source: SourceInitials, Coverage: 1}
	var qs []bquery.Query
	names := 0
	// Acronyms abbreviate names: the long forms in title case first.
	longs := pb.LongForms(acr)
	slices.SortStableFunc(longs, func(a, b string) int {
		switch ta, tb := isTitleCase(a), isTitleCase(b); {
		case ta && !tb:
			return -1
		case tb && !ta:
			return 1
		}
		return 0
	})
	for _, long := range longs {
		if names == maxLongForms {
			break
		}
		if !isTitleCase(long) {
			break // the names in title case came first
		}
		found := false
		for _, f := range pb.JapaneseOf(long) {
			if !e.occurs(f.Form) {
				continue
			}
			found = true
			qs = append(qs, e.equivalent(f.Form, e.rank.Equivalent*e.rank.LongForms*f.Confidence))
			x.Equivalents = append(x.Equivalents, f.Form)
			x.Forms = append(x.Forms, EquivalentForm{Form: f.Form, Kind: string(f.Kind), Source: f.Source, Sense: long, Confidence: f.Confidence * e.rank.LongForms})
		}
		if !found {
			// No Japanese form of the name in the index: its
			// composition (compose_en.go).
			for _, c := range e.composedLongForm(long) {
				found = true
				conf := c.perPart() * e.rank.Composed
				qs = append(qs, e.equivalent(c.form, e.rank.Equivalent*e.rank.LongForms*conf))
				x.Equivalents = append(x.Equivalents, c.form)
				x.Forms = append(x.Forms, EquivalentForm{Form: c.form, Kind: string(glossary.KindJapanese), Source: SourceComposed, Sense: long, Confidence: conf * e.rank.LongForms})
			}
		}
		if found {
			names++
		}
	}
	if len(qs) == 0 {
		// None from the lexicons: the long forms the passages with the
		// acronym write (acronym_text.go).
		for _, f := range e.textLongForms(acr) {
			conf := f.confidence * e.rank.LongForms
			qs = append(qs, e.equivalent(f.form, e.rank.Equivalent*conf))
			x.Equivalents = append(x.Equivalents, f.form)
			x.Forms = append(x.Forms, EquivalentForm{Form: f.form, Kind: string(glossary.KindJapanese), Source: SourceText, Confidence: conf})
		}
	}
	if len(qs) == 0 {
		return nil
	}
	p.addExpansion(x)
	return anyOf(qs...)
}

// SourceText is the source of a long form read from the passages that
// write an acronym.
const SourceText = "text"

// isAcronymWord reports whether s is 3 to 6 capitals and digits, starting
// with a capital.
func isAcronymWord(s string) bool {
	if len(s) < 3 || len(s) > 6 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := range len(s) {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

// inIndex reports whether every word the text analyzer makes of form is
// a word of the index: the term itself (HasTerm), not a longer term that
// starts with it.
func (e *Engine) inIndex(form string) bool {
	toks := e.morph.Analyze([]byte(form))
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if ok, err := e.ix.HasTerm(indexer.FieldText, string(t.Term)); err != nil || !ok {
			return false
		}
	}
	return true
}

// nameWordsQuery searches the words of an English name of two or three
// capitalised words, or hyphenated parts, that neither the glossary nor
// the phrasebook knows whole in a form the index has (Kofi Annan) as the katakana of the phrasebook's names for each
// word (アナン): a passage may write the name with its given name in
// another spelling, or without it; and the name as the one katakana word
// of the index that joins them (joinedName). A word's forms weigh by its share of
// the name's letters, squared, as a glossary form inside a longer text
// does.
func (e *Engine) nameWordsQuery(p *plan, text string, matches []glossary.Match) bquery.Query {
	words := strings.Fields(strings.ReplaceAll(text, "-", " ")) // Boutros-Ghali: Boutros, Ghali
	if e.noLexicon || len(words) < 2 || len(words) > 3 || namesTerm(text, matches) {
		return nil
	}
	for _, w := range words {
		if !isLatinWord(w) || w[0] < 'A' || w[0] > 'Z' || len(w) < 3 {
			return nil
		}
	}
	pb, err := phrasebook()
	if err != nil {
		return nil
	}
	letters := float64(len(strings.Join(words, "")))
	var qs []bquery.Query
	// Each word's katakana forms, the phrasebook's names and the
	// glossary's.
	per := make([][]glossary.Equivalent, len(words))
	for i, w := range words {
		for _, f := range append(pb.JapaneseOf(w), e.japaneseOf(w)...) {
			if f.Kind == glossary.KindKatakana && !slices.ContainsFunc(per[i], func(g glossary.Equivalent) bool { return g.Form == f.Form }) {
				per[i] = append(per[i], f)
			}
		}
	}
	if joined := e.joinedName(p, strings.Join(words, " "), per); joined != nil {
		qs = append(qs, joined)
	}
	for _, w := range words {
		var x *Expansion
		coverage := float64(len(w)) / letters
		for _, f := range pb.JapaneseOf(w) {
			if f.Source != glossary.SourceEnamdict || f.Kind != glossary.KindKatakana {
				continue
			}
			if x == nil {
				p.addExpansion(Expansion{Term: w, Source: f.Source, Coverage: coverage})
				x = &p.expansions[len(p.expansions)-1]
				if x.Term != w {
					break // the word was expanded already
				}
			}
			qs = append(qs, e.equivalent(f.Form, e.rank.Equivalent*f.Confidence*coverage*coverage))
			x.Equivalents = append(x.Equivalents, f.Form)
			x.Forms = append(x.Forms, EquivalentForm{Form: f.Form, Kind: string(f.Kind), Source: f.Source, Sense: f.Sense, Confidence: f.Confidence})
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return anyOf(qs...)
}

// Near names. A place or person has spellings in several languages
// (Strasbourg, Strasburg), and the phrasebook may file the katakana a
// text uses under another. A name of one word of minNearLetters letters
// or more that the phrasebook does not have is also looked up with one of
// its letters left out, and the katakana names so found that the index
// has are searched, at nearNameFactor of their confidence.
const (
	minNearLetters = 8
	nearNameFactor = 0.8
)

// nearNameCandidate reports whether word may be looked up as a near name:
// one capitalised word of minNearLetters letters or more.
func nearNameCandidate(word string) bool {
	return !strings.ContainsAny(word, " -'.") && len(word) >= minNearLetters && word[0] >= 'A' && word[0] <= 'Z'
}

func (e *Engine) nearNames(pb *glossary.Phrasebook, word string) []glossary.Equivalent {
	var out []glossary.Equivalent
	for i := 1; i < len(word); i++ {
		if word[i] == word[i-1] {
			continue // the same variant as leaving out the letter before
		}
		for _, f := range pb.JapaneseOf(word[:i] + word[i+1:]) {
			if f.Source != glossary.SourceEnamdict || slices.ContainsFunc(out, func(g glossary.Equivalent) bool { return g.Form == f.Form }) || !e.inIndex(f.Form) {
				continue
			}
			f.Confidence *= nearNameFactor
			out = append(out, f)
		}
	}
	return out
}

// anyInIndex reports whether a form of forms or of the entries of matches
// is in the index (see inIndex).
func (e *Engine) anyInIndex(forms []glossary.Equivalent, matches []glossary.Match) bool {
	for _, f := range forms {
		if e.inIndex(f.Form) {
			return true
		}
	}
	for _, m := range matches {
		for _, en := range m.Entries {
			for _, f := range en.Forms() {
				if e.inIndex(f) {
					return true
				}
			}
		}
	}
	return false
}

// Narrower terms. An English phrase that no source has whole may be the
// head of longer names that the lexicons have (salmon roe: salted salmon
// roe, イクラ): a passage about the narrower thing is about the phrase.
// The Japanese forms of at most maxNarrower lexicon entries whose English
// form is the phrase with one more word before it are searched, at
// Ranking.Narrower of their confidence; a phrase with more such entries is
// too general to choose among them.
const maxNarrower = 3

// narrower returns the Japanese forms of the narrower terms of an English
// phrase of two to four words, or nil.
func (e *Engine) narrower(text string) []glossary.Equivalent {
	n := len(strings.Fields(text))
	if n < 2 || n > 4 {
		return nil
	}
	eqs, err := glossary.LexiconsNarrower(text)
	if err != nil {
		e.log.Error("narrower terms", "err", err)
		return nil
	}
	senses := map[string]bool{}
	for _, eq := range eqs {
		senses[eq.Sense] = true
	}
	if len(senses) > maxNarrower {
		return nil
	}
	for i := range eqs {
		eqs[i].Confidence *= e.rank.Narrower
	}
	return eqs
}

// isTitleCase reports whether every word of s but English stop words
// starts with a capital.
func isTitleCase(s string) bool {
	for _, w := range strings.Fields(s) {
		if stopWords[strings.ToLower(w)] {
			continue
		}
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}

// sharedGlosses returns the other Japanese forms of the phrasebook's
// English glosses of forms, the Japanese forms of english: EDICT glosses
// one word with several phrases (オイルショック: oil crisis, oil shock),
// and a word glossed by one of them is a synonym of the others (石油危機:
// oil crisis). They weigh glossary.HopFactor times less, as a glossary
// form one hop away does; names are not followed.
func sharedGlosses(pb *glossary.Phrasebook, english string, forms []glossary.Equivalent) []glossary.Equivalent {
	key := glossary.Normalize(english)
	var out []glossary.Equivalent
	has := func(f string) bool {
		return slices.ContainsFunc(forms, func(g glossary.Equivalent) bool { return g.Form == f }) ||
			slices.ContainsFunc(out, func(g glossary.Equivalent) bool { return g.Form == f })
	}
	for _, f := range forms {
		if f.Source != glossary.SourceEdict {
			continue
		}
		for _, g := range pb.EnglishOf(f.Form) {
			if g.Source != glossary.SourceEdict || glossary.Normalize(g.Form) == key {
				continue
			}
			for _, h := range japaneseOfSpellings(pb, g.Form) {
				if !has(h.Form) {
					h.Confidence = min(h.Confidence, f.Confidence) * glossary.HopFactor
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// joinedName searches a name of several words as the one katakana word of
// the index that joins a katakana form of each word (Paul: ポール, Dukas:
// デュカス; ポール・デュカス, which the index keeps as ポールデュカス), as
// spelled or otherwise (katakanaVariants), at most maxRenderedForm of
// them, each an equivalent of the whole name at the geometric mean of
// its words' confidences; nil when there is none.
func (e *Engine) joinedName(p *plan, name string, per [][]glossary.Equivalent) bquery.Query {
	if e.noTranslit || slices.ContainsFunc(per, func(eqs []glossary.Equivalent) bool { return len(eqs) == 0 }) {
		return nil
	}
	var qs []bquery.Query
	x := Expansion{Term: name, Source: SourceComposed, Coverage: 1}
	for _, c := range combine(per, "") {
		vs := []string{c.form}
		if !e.hasTerm(c.form) {
			vs = e.katakanaVariants(c.form)
		}
		for _, v := range vs {
			if len(qs) < maxRenderedForm && !slices.Contains(x.Equivalents, v) {
				qs = append(qs, e.equivalent(v, e.rank.Equivalent*c.perPart()))
				x.Equivalents = append(x.Equivalents, v)
				x.Forms = append(x.Forms, EquivalentForm{Form: v, Kind: string(glossary.KindKatakana), Source: SourceComposed, Confidence: c.perPart()})
			}
		}
	}
	if len(qs) == 0 {
		return nil
	}
	p.addExpansion(x)
	return anyOf(qs...)
}
