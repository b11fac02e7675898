package search

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
)

// Katakana spelling variants of the query's own words. One foreign word
// has several katakana spellings (パクセー, パークセー; ヴィエンチャン,
// ビエンチャン; ユーロ・コミュニズム, ユーロコミュニズム), and a reader
// types one of them. A katakana word of the query is also searched as the
// index's katakana words spelled otherwise:
//
//   - a word the index does not have, as the words of the same
//     spellingSkeleton (long vowels, small vowels, ヴ and middle dots
//     folded, but not voicing or the sokuon, which tell ロックファイル from
//     ログファイル), at most maxSkeletonVariants of them;
//   - a word the index has, only as the words that differ from it by ヴ and
//     the b-row or by middle dots (strictSkeleton): a long vowel or a
//     voicing mark tells words apart (クーロン, クローン; レベル, レーベル);
//   - a katakana run the analyzer cuts into several words (ユーロ・
//     コミュニズム: ユーロ, コミュニズム), as the one word the index has
//     for the run without its middle dots, or for its spellingSkeleton.
//
// A variant is an alternative of the word weighed Ranking.Variant (beside
// Ranking.Translit), or for a run an equivalent weighed so,
// times the coverage² of an equivalent.

// variantState holds the index's katakana words by spelling skeleton and
// strict skeleton.
type variantState struct {
	once     sync.Once
	spelling map[string][]string // spellingSkeleton → terms
	strict   map[string][]string // strictSkeleton → terms
}

// spellingSkeleton folds the differences between katakana spellings of
// one word that seldom tell two words apart: the prolonged sound mark,
// small vowels and their full size, ヴ and the b-row, ワ and ア, ヰ, ヱ, ヲ
// and イ, エ, オ, middle dots. Unlike katakanaSkeleton it keeps voicing
// marks and the sokuon.
func spellingSkeleton(s string) string {
	var b strings.Builder
	for _, r := range vuReplacer.Replace(norm.NFKC.String(s)) {
		switch r {
		case 'ー', '・', '＝':
			continue
		case 'ァ', 'ワ', 'ヮ':
			r = 'ア'
		case 'ィ', 'ヰ':
			r = 'イ'
		case 'ゥ':
			r = 'ウ'
		case 'ェ', 'ヱ':
			r = 'エ'
		case 'ォ', 'ヲ':
			r = 'オ'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dotReplacer drops the middle dots and double hyphens between the words
// of a katakana name (ロッキード・マーティン).
var dotReplacer = strings.NewReplacer("・", "", "＝", "")

// strictSkeleton folds only the differences that never tell two words
// apart: ヴ and the b-row (ヴァイオリン, バイオリン), middle dots and a
// final prolonged sound mark.
func strictSkeleton(s string) string {
	s = vuReplacer.Replace(norm.NFKC.String(s))
	s = dotReplacer.Replace(s)
	return strings.TrimRight(s, "ー")
}

// skeletonTerms returns the katakana terms of the index by
// katakanaSkeleton, spellingSkeleton and strictSkeleton, built on first
// use; nil maps when there are none.
func (e *Engine) skeletonTerms() (full, spelling, strict map[string][]string) {
	if m, _ := e.translitVocab(); m == nil {
		return nil, nil, nil
	}
	t := &e.translit
	t.skeletonOnce.Do(func() {
		t.skeletons = map[string][]string{}
		for _, w := range t.terms {
			k := katakanaSkeleton(w)
			t.skeletons[k] = append(t.skeletons[k], w)
		}
	})
	v := &t.variants
	v.once.Do(func() {
		v.spelling, v.strict = map[string][]string{}, map[string][]string{}
		for _, w := range t.terms {
			k := spellingSkeleton(w)
			v.spelling[k] = append(v.spelling[k], w)
			k = strictSkeleton(w)
			v.strict[k] = append(v.strict[k], w)
		}
	})
	return t.skeletons, v.spelling, v.strict
}

// hasTerm reports whether the text field has the term t. A katakana
// word is looked up among the katakana terms that transliteration reads
// once (translitVocab: those from ァ to ー, a range that holds every
// katakana word starting with ァ to ヺ); another term in the index's
// dictionary, which on an index of many segments (one updated without
// merging) means opening every segment's. Either way t itself: a term
// that only starts with t (rocket for rock) does not count.
func (e *Engine) hasTerm(t string) bool {
	if r, _ := utf8.DecodeRuneInString(t); r >= 'ァ' && r <= 'ヺ' && translit.IsKatakanaWord(t) {
		if set := e.katakanaTerms(); set != nil {
			return set[t]
		}
	}
	ok, err := e.ix.HasTerm(indexer.FieldText, t)
	return err == nil && ok
}

// katakanaTerms returns the katakana terms of the index as a set, nil
// when they could not be read.
func (e *Engine) katakanaTerms() map[string]bool {
	if m, _ := e.translitVocab(); m == nil {
		return nil
	}
	t := &e.translit
	t.termSetOnce.Do(func() {
		t.termSet = make(map[string]bool, len(t.terms))
		for _, w := range t.terms {
			t.termSet[w] = true
		}
	})
	return t.termSet
}

// spellingVariants adds to alts the variants of the katakana words of
// text and returns the equivalents of the katakana runs cut into several
// words, with the expansions to record (Source "variant").
func (e *Engine) spellingVariants(p *plan, text string, alts alternatives) (alternatives, []bquery.Query, []Expansion) {
	if e.noTranslit {
		return alts, nil, nil
	}
	var eqs []bquery.Query
	var xs []Expansion
	textRunes := float64(utf8.RuneCountInString(text))
	for _, run := range katakanaRuns(text) {
		word := text[run[0]:run[1]]
		toks := p.morph(e, word)
		if len(toks) == 0 {
			continue
		}
		_, spelling, strict := e.skeletonTerms()
		if spelling == nil {
			return alts, nil, nil
		}
		coverage := float64(utf8.RuneCountInString(word)) / textRunes
		x := Expansion{Term: word, Source: "variant", Coverage: coverage}
		add := func(v string) {
			x.Equivalents = append(x.Equivalents, v)
			x.Forms = append(x.Forms, EquivalentForm{Form: v, Kind: "katakana", Source: "variant", Confidence: e.rank.Variant})
		}
		if len(toks) == 1 {
			term := string(toks[0].Term)
			var vs []string
			if e.hasTerm(term) {
				for _, v := range strict[strictSkeleton(term)] {
					if v != term {
						vs = append(vs, v)
					}
				}
				for _, v := range e.spellingSiblings(term) {
					if !slices.Contains(vs, v) {
						vs = append(vs, v)
					}
				}
			} else {
				vs = spelling[spellingSkeleton(term)]
			}
			for _, v := range vs[:min(len(vs), maxSkeletonVariants)] {
				if alts == nil {
					alts = alternatives{}
				}
				alts[term] = append(alts[term], alternative{term: v, weight: e.rank.Variant})
				add(v)
			}
			if len(vs) == 0 {
				for _, v := range e.titleSiblings(term) { // ポートフォーワーディング: a title's ポートフォワーディング
					if alts == nil {
						alts = alternatives{}
					}
					alts[term] = append(alts[term], alternative{term: v, weight: e.rank.Variant, title: true})
					add(v)
				}
			}
		} else {
			joined := dotReplacer.Replace(word)
			jt := e.morph.Analyze([]byte(joined))
			var vs []string
			if len(jt) == 1 && e.hasTerm(string(jt[0].Term)) {
				vs = []string{string(jt[0].Term)}
			} else if translit.IsKatakanaWord(joined) {
				vs = spelling[spellingSkeleton(joined)]
			}
			for _, v := range vs[:min(len(vs), maxSkeletonVariants)] {
				eqs = append(eqs, termQuery(indexer.FieldText, v, e.rank.Equivalent*e.rank.Variant*coverage*coverage))
				add(v)
			}
		}
		if len(x.Equivalents) > 0 {
			xs = append(xs, x)
		}
	}
	return alts, eqs, xs
}

// maxRespellWords is the most words of a form whose katakana words are
// respelled (see respelledForm).
const maxRespellWords = 8

// respelledForm returns form, an equivalent of several words, with each
// of its katakana words the index does not have spelled as the index
// writes it (katakanaSkeleton: Debian フリーソフトウェアガイドライン,
// Debian フリーソフトウェアーガイドライン), or "" when no word is
// respelled. katakanaVariants respells a form of one word; the words of
// a longer form (an acronym's long form read from another passage, a
// compound composed of loanwords) were searched only as spelled, and
// matched nothing in a text that writes one of them otherwise.
func (e *Engine) respelledForm(form string) string {
	if e.noTranslit || !strings.ContainsFunc(form, isKatakanaRune) {
		return ""
	}
	return e.respelled(form, e.morph.Analyze([]byte(form)))
}

// respelled is respelledForm of form analysed as toks.
func (e *Engine) respelled(form string, toks analysis.TokenStream) string {
	if e.noTranslit || len(toks) < 2 || len(toks) > maxRespellWords || !strings.ContainsFunc(form, isKatakanaRune) {
		return ""
	}
	var b strings.Builder
	last, changed := 0, false
	for _, t := range toks {
		term := string(t.Term)
		if t.Start < last || t.End > len(form) || !translit.IsKatakanaWord(term) {
			continue
		}
		var vs []string
		if e.hasTerm(term) {
			vs = e.spellingSiblings(term)
		} else {
			full, _, _ := e.skeletonTerms()
			vs = full[katakanaSkeleton(term)]
		}
		if len(vs) == 0 {
			continue
		}
		b.WriteString(form[last:t.Start])
		b.WriteString(vs[0])
		last, changed = t.End, true
	}
	if !changed {
		return ""
	}
	b.WriteString(form[last:])
	return b.String()
}

// isKatakanaRune reports whether r is a katakana letter.
func isKatakanaRune(r rune) bool { return r >= 'ァ' && r <= 'ヺ' }

// minLooseSkeleton is the fewest characters of the spellingSkeleton of a
// katakana word the index has for it to match the index's other words of
// that skeleton (see spellingSiblings).
const minLooseSkeleton = 5

// spellingSiblings returns the index's other katakana words of the
// spellingSkeleton of term, a word the index has, when the skeleton has
// minLooseSkeleton characters or more, at most maxSkeletonVariants. A
// long word spelled with and without a long vowel or a small vowel is one
// word (フリーソフトウェアガイドライン, フリーソフトウェアーガイドライン;
// ハードウェア, ハードウエア; データベース, データーベース), and a text
// often writes both; short ones can be two (クローン, クーロン; ビル,
// ビール; レベル, レーベル). Over the 2,874 skeletons of the katakana
// words of the JSQuAD and Debian passages, the 42 with two words had a
// pair of different words only below four characters. Over the 13,449
// katakana headwords of glossary/translit's EDICT test sets, the 178
// skeletons of five characters or more shared by two words or more were
// all one word's spellings (コンピュータウィルス, コンピューターウィルス;
// インタフェース, インターフェース); of the 43 of four characters one
// was two words (アックス, ワックス), and below that many (シェル,
// シェール; スキム, スキーム).
func (e *Engine) spellingSiblings(term string) []string {
	if utf8.RuneCountInString(term) < minLooseSkeleton {
		return nil // its skeleton is no longer than it
	}
	k := spellingSkeleton(term)
	if utf8.RuneCountInString(k) < minLooseSkeleton {
		return nil
	}
	_, spelling, _ := e.skeletonTerms()
	var out []string
	for _, v := range spelling[k] {
		if v != term && len(out) < maxSkeletonVariants {
			out = append(out, v)
		}
	}
	return out
}

// Spellings. An equivalent form (a glossary's, a transliteration's) may be
// written otherwise in the index: the English closed or open (time-stamp:
// timestamp), another katakana spelling of a word (ゼネラルモーターズ:
// ゼネラルモータース), the words of a katakana phrase respelled as the index
// has them (Debian フリーソフトウェアーガイドライン), or a name's alias in the
// text (ボードガヤー: ブッダガヤ). The query searches each as the form
// itself (an alias at Ranking.Variant), and the hit rule counts a passage
// with one as having the form: both read them from spellings, computed
// once per form, so that what the search scores as the form and what the
// rule counts as it cannot drift apart.

// spelling is another way the index writes an equivalent form.
type spelling struct {
	form  string
	word  bool // a katakana word of the index, matched as that one term
	alias bool // a name's alias (textAliases), weighed Ranking.Variant
}

// spellings returns the other spellings of an equivalent form (see
// above). They depend on the form and the index alone, and are kept.
func (e *Engine) spellings(form string) []spelling {
	if v, ok := e.spelled.get(form); ok {
		return v
	}
	var out []spelling
	for _, v := range e.englishVariants(form) { // multicore: multi-core
		out = append(out, spelling{form: v})
	}
	for _, v := range e.katakanaVariants(form) { // ゼネラルモーターズ: ゼネラルモータース
		out = append(out, spelling{form: v, word: true})
	}
	if v := e.respelledForm(form); v != "" { // Debian フリーソフトウェアーガイドライン
		out = append(out, spelling{form: v})
	}
	for _, v := range e.textAliases(form) { // ボードガヤー: ブッダガヤ
		out = append(out, spelling{form: v, alias: true})
	}
	e.spelled.put(form, out)
	return out
}

// spellingFactor is the factor of an equivalent's confidence that its
// spelling v weighs.
func (e *Engine) spellingFactor(v spelling) float64 {
	if v.alias {
		return e.rank.Variant
	}
	return 1
}

// Forms inside longer katakana words. The analyzer keeps a katakana
// compound as one word (リリースクリティカルバグ, パリティディスク,
// リリースライフサイクル), and the search finds an equivalent inside one by
// its bigrams (see synonymQuery.bigrams and equivalent). The hit rule,
// read from the words' lists, did not: such a passage was scored as
// having the equivalent yet ranked below every hit as a partial match.
// The rule counts the katakana words of the index that begin or end with
// the form (containingWords) as the form: a compound of two words has
// each at one end. The bigrams alone, which may stand apart in a passage
// (プロ and ロシア for プロシア), would make false hits, and the words are
// found by binary search in the katakana terms sorted as written and as
// written backwards (reading every katakana term of the index for each
// form cost a JSQuAD question about 5% more CPU time).

// minContainedRunes is the length of the shortest katakana form counted
// inside longer words: shorter ones (ライン in オンライン, データ) are
// parts of too many unrelated words.
const minContainedRunes = 4

// maxContainingWords bounds the longer words counted for one form.
const maxContainingWords = 32

// affixState holds katakana terms sorted, and sorted as written
// backwards, built on first use.
type affixState struct {
	once     sync.Once
	terms    []string // sorted
	reversed []string // each term's characters reversed, sorted
	forward  []string // the term of each of reversed
}

// build sorts terms into a.
func (a *affixState) build(terms []string) {
	a.terms = terms
	if !slices.IsSorted(a.terms) {
		a.terms = slices.Sorted(slices.Values(a.terms))
	}
	type pair struct{ rev, term string }
	ps := make([]pair, len(a.terms))
	for i, t := range a.terms {
		ps[i] = pair{reverseRunes(t), t}
	}
	slices.SortFunc(ps, func(x, y pair) int { return strings.Compare(x.rev, y.rev) })
	a.reversed, a.forward = make([]string, len(ps)), make([]string, len(ps))
	for i, p := range ps {
		a.reversed[i], a.forward[i] = p.rev, p.term
	}
}

// containing returns the terms of a longer than form that begin or end
// with it, at most maxContainingWords of them; nil when there is none or
// more.
func (a *affixState) containing(form string) []string {
	var out []string
	add := func(w string) bool {
		if len(w) <= len(form) || slices.Contains(out, w) {
			return true
		}
		if len(out) == maxContainingWords {
			out = nil // too common a part to tell anything
			return false
		}
		out = append(out, w)
		return true
	}
	ok := true
	for i, _ := slices.BinarySearch(a.terms, form); ok && i < len(a.terms) && strings.HasPrefix(a.terms[i], form); i++ {
		ok = add(a.terms[i])
	}
	rf := reverseRunes(form)
	for i, _ := slices.BinarySearch(a.reversed, rf); ok && i < len(a.reversed) && strings.HasPrefix(a.reversed[i], rf); i++ {
		ok = add(a.forward[i])
	}
	return out
}

// reverseRunes returns s with its characters in reverse order.
func reverseRunes(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

// containable returns form without its middle dots (the analyzer drops
// them: ファイル・マネージャ in グラフィカルファイルマネージャ) when it is a
// katakana word of at least minContainedRunes characters, else "".
func containable(form string) string {
	form = dotReplacer.Replace(form)
	if utf8.RuneCountInString(form) < minContainedRunes || !translit.IsKatakanaWord(form) {
		return ""
	}
	return form
}

// containingWords returns the katakana words of the text field that
// begin or end with form (see containable) and are longer, at most
// maxContainingWords of them; nil when there is none or more. The answers
// are kept.
func (e *Engine) containingWords(form string) []string {
	if form = containable(form); form == "" {
		return nil
	}
	if v, ok := e.contained.get(form); ok {
		return v
	}
	var out []string
	if m, _ := e.translitVocab(); m != nil {
		a := &e.affixes
		a.once.Do(func() { a.build(e.translit.terms) })
		out = a.containing(form)
	}
	e.contained.put(form, out)
	return out
}

// containingTitleWords is containingWords of the title field's words: a
// section titled リリースライフサイクル has ライフサイクル in its title.
func (e *Engine) containingTitleWords(form string) []string {
	if form = containable(form); form == "" {
		return nil
	}
	if v, ok := e.titleContained.get(form); ok {
		return v
	}
	a := &e.titleAffixes
	a.once.Do(func() {
		var terms []string
		for t := range e.titleWords {
			if translit.IsKatakanaWord(t) {
				terms = append(terms, t)
			}
		}
		a.build(terms)
	})
	out := a.containing(form)
	e.titleContained.put(form, out)
	return out
}

// titleSiblingsState maps the spellingSkeleton of the katakana title
// words that the text field lacks to the words.
type titleSiblingsState struct {
	once  sync.Once
	words map[string][]string
}

// titleSiblings returns the katakana words that titles only write (the
// text field lacks them) of the spellingSkeleton of term, a katakana word
// of the query, under the conditions of spellingSiblings, at most
// maxSkeletonVariants: a section's title may be the only place a word is
// written so (SMTP/POP3 トンネルをするためのポートフォワーディング).
func (e *Engine) titleSiblings(term string) []string {
	if utf8.RuneCountInString(term) < minLooseSkeleton || !translit.IsKatakanaWord(term) {
		return nil
	}
	k := spellingSkeleton(term)
	if utf8.RuneCountInString(k) < minLooseSkeleton {
		return nil
	}
	t := &e.titleSiblingWords
	t.once.Do(func() {
		t.words = map[string][]string{}
		for w := range e.titleWords {
			if translit.IsKatakanaWord(w) && utf8.RuneCountInString(w) >= minLooseSkeleton && !e.hasTerm(w) {
				sk := spellingSkeleton(w)
				t.words[sk] = append(t.words[sk], w)
			}
		}
		for k, ws := range t.words {
			slices.Sort(ws)
			t.words[k] = ws
		}
	})
	var out []string
	for _, v := range t.words[k] {
		if v != term && len(out) < maxSkeletonVariants {
			out = append(out, v)
		}
	}
	return out
}
