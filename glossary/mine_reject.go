package glossary

// Checks of form and lexicon evidence for Mine: what marks a Latin word as
// code, a note, a handle or a reading, and what evidence admits a pair the
// form alone does not.

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/analyzers"
)

// englishVocabulary is the set of English words of the EDICT vocabulary's
// glosses, lower-cased: what tells an English word (backup, header) from
// a program's name or a romanised word (skk, jisyo) inside an identifier.
var englishVocabulary = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for line := range bytes.Lines(edictWordsTSV) {
		en, _, ok := strings.Cut(string(line), "\t")
		if !ok || strings.HasPrefix(en, "#") || en == "english" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(en), func(r rune) bool { return r < 'a' || r > 'z' }) {
			out[w] = true
		}
	}
	return out
})

// isEnglishWord reports whether the lower-case word w is in the EDICT
// vocabulary, itself or after an ending of inflection or derivation
// (packages, maintainer, tagged).
func isEnglishWord(w string) bool {
	v := englishVocabulary()
	if v[w] {
		return true
	}
	for _, suffix := range []string{"s", "es", "ed", "d", "ing", "er", "r", "ers"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) >= 3 && v[stem] {
			return true
		}
	}
	return false
}

// isCodeIdentifier reports whether a Latin word is written as code rather
// than as a word of a language: a file extension (.tiff), a command-line
// option (-lacl, --strict), a name joined by underscores (char_type) or
// with a backslash (\kanjiskip), or a lower-case name joined by hyphens
// of which two parts of three letters or more are no English words
// (skk-jisyo, skk-search-ja-dic: a variable or a function; not
// pseudo-package, author-date, nor co-maintainer, whose one unknown part
// may be a derived word the vocabulary lacks).
func isCodeIdentifier(w string) bool {
	if strings.HasPrefix(w, ".") && len(w) > 1 || strings.ContainsAny(w, "_\\") {
		return true
	}
	if len(w) > 1 && w[0] == '-' && (isASCIILetter(w[1]) || w[1] == '-') {
		return true // a command-line option: -lacl, --strict
	}
	if !strings.Contains(w, "-") || strings.ToLower(w) != w {
		return false
	}
	unknown := 0
	for _, part := range strings.Split(w, "-") {
		if len(part) < 3 {
			continue
		}
		for i := range len(part) {
			if part[i] < 'a' || part[i] > 'z' {
				return false // a number or another script: not judged
			}
		}
		if !isEnglishWord(part) {
			unknown++
		}
	}
	return unknown >= 2
}

// hasCodeIdentifier reports whether one of the words of the Latin text en
// is a code identifier (TIFF 画像 (.tiff, .tif)).
func hasCodeIdentifier(en string) bool {
	for _, w := range strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == ',' || r == '/' }) {
		if isCodeIdentifier(strings.Trim(w, "\"'`")) {
			return true
		}
	}
	return false
}

// isReferenceNote reports whether English words open with a reference
// word, written with or without a full stop, and name what they refer to:
// see ML archives, cf. RFC 2119 point elsewhere rather than name what comes
// before. A section's name (SEE ALSO) refers to nothing.
func isReferenceNote(en string) bool {
	f := strings.Fields(strings.ToLower(en))
	if len(f) < 2 {
		return false
	}
	switch strings.TrimRight(f[0], ".") {
	case "see", "cf":
	default:
		return false
	}
	rest := f[1:]
	if rest[0] == "also" {
		rest = rest[1:]
	}
	return len(rest) > 0
}

// namesAction reports whether Japanese tokens end with a verbal noun
// that takes an object: 検索パスを調整, メニューにショートカットを追加 name an
// action (an installer's option, a menu item), not a thing, whatever the
// English beside them says.
func namesAction(toks []analyzers.Word) bool {
	n := len(toks)
	return n >= 3 && posAt(toks[n-1], 1) == "サ変接続" && toks[n-2].Surface == "を" && posAt(toks[n-2], 0) == "助詞"
}

// isPersonName reports whether Japanese tokens are a person's name as
// the dictionary knows one: two proper nouns of a person (人名) or more,
// the first beginning it, and no other tokens than spaces, ・ and
// suffixes (朝倉 卓 人: Kagome reads 卓人 as a given name and a suffix).
func isPersonName(toks []analyzers.Word) bool {
	n := 0
	for _, t := range toks {
		switch {
		case isSpaceToken(t) || t.Surface == "・":
		case isPersonToken(t):
			n++
		case n > 0 && posAt(t, 1) == "接尾":
		default:
			return false
		}
	}
	return n >= 2
}

func isPersonToken(t analyzers.Word) bool {
	return posAt(t, 1) == "固有名詞" && posAt(t, 2) == "人名"
}

// romanisesName reports whether the Latin text en may write the person's
// name toks in Latin letters: each Latin word begins with the Hepburn
// initial of the reading of one of the name's words (Takuto Asakura for
// 朝倉卓人; not a handle such as wtsnjp). A name word without a reading
// is not judged.
func romanisesName(toks []analyzers.Word, en string) bool {
	var initials []byte
	for _, t := range toks {
		if !isPersonToken(t) {
			continue
		}
		r, ok := tokenReading(t)
		if !ok {
			return true
		}
		c := romajiInitial(r)
		if c == 0 {
			return true
		}
		initials = append(initials, c)
	}
	words := strings.Fields(en)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		c := byte(unicode.ToLower(r))
		if r >= utf8.RuneSelf || !containsByte(initials, c) && !(c == 'h' && containsByte(initials, 'f')) {
			return false
		}
	}
	return true
}

// isAcronymReading reports whether a katakana form reads the acronym as
// a word (AZIK (エイズィック)) rather than spelling out what it stands for:
// a reading alone defines nothing.
func isAcronymReading(acronym, kata string) bool {
	return isKatakanaWord(kata) && transliterates(kata, strings.ToLower(acronym))
}

// lowerShortFormBefore returns the word of two to six lower-case ASCII
// letters that ends before (after white space), or its part after the
// last hyphen (prelude-lml), and its offset; not a part of a path, a
// file name or an identifier (foo.gpg, $gpg, my_gpg).
func lowerShortFormBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 && trimmed[start-1] >= 'a' && trimmed[start-1] <= 'z' {
		start--
	}
	sf := trimmed[start:]
	if len(sf) < 2 || len(sf) > 6 {
		return "", 0, false
	}
	if start > 0 {
		switch c := trimmed[start-1]; {
		case c == '-':
			if start < 2 || !isASCIILetter(trimmed[start-2]) {
				return "", 0, false
			}
		case c < utf8.RuneSelf && (isASCIIAlnum(c) || strings.IndexByte("_./$@'`\"", c) >= 0):
			return "", 0, false
		}
	}
	return sf, start, true
}

// isBrandName reports whether a Latin word is written as products and
// platforms are, a lower-case letter before a capital (macOS, iPhone,
// pTeX): a name that only a transliteration or a term holding it
// renders, not a Japanese common noun beside it.
func isBrandName(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return w[i-1] >= 'a' && w[i-1] <= 'z'
		}
	}
	return false
}

// lexiconPairs reports whether an entry of the lexicons (the curated
// glossary, EDICT and its vocabulary, Sudachi's synonyms) gives the
// English en and the Japanese ja as forms of one term: name and 名前,
// essential and 必須. It is evidence the text's own form does not give
// for a single English word before a Japanese gloss, which is as often a
// note (下記参照, 複数可) as a translation.
func lexiconPairs(en, ja string) bool {
	g, err := Lexicons()
	if err != nil {
		return false
	}
	kj := Normalize(ja)
	for _, e := range g.Lookup(en) {
		if !slices.ContainsFunc(e.English, func(f string) bool { return Normalize(f) == Normalize(en) }) {
			continue // en is the entry's acronym or alias, not its English
		}
		if slices.ContainsFunc(e.Japanese, func(f string) bool { return Normalize(f) == kj }) {
			return true
		}
	}
	return false
}

// afterVerb reports whether before ends with a verb (or an auxiliary after
// one), so that a noun after it heads a relative clause: 障害となる.
func afterVerb(before string) bool {
	rs := []rune(before)
	toks, err := analyzers.Segment(string(rs[max(0, len(rs)-8):]))
	if err != nil || len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1]
	return last.Position+len(last.Surface) == len(string(rs[max(0, len(rs)-8):])) && posAt(last, 0) == "動詞"
}

// lexiconSpellsNumeronym reports whether a lexicon gives for the
// Japanese ja an English word that the numeronym nn abbreviates: 国際化,
// internationalization, for i18n.
func lexiconSpellsNumeronym(nn, ja string) bool {
	g, err := Lexicons()
	if err != nil {
		return false
	}
	kj := Normalize(ja)
	for _, e := range g.Lookup(ja) {
		if !slices.ContainsFunc(e.Japanese, func(f string) bool { return Normalize(f) == kj }) {
			continue
		}
		for _, en := range e.English {
			for _, w := range strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '/' || r == '(' || r == ')' }) {
				if numeronymOf(nn, w) {
					return true
				}
			}
		}
	}
	return false
}

// lexiconAcronym reports whether an entry of the lexicons gives s as its
// acronym: ASCII, not CAUTION.
func lexiconAcronym(s string) bool {
	g, err := Lexicons()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(g.Lookup(s), func(e Entry) bool { return Normalize(e.Acronym) == Normalize(s) })
}

// endsWithOtherAcronym reports whether Japanese tokens end with an
// acronym that the acronym they would define does not hold: TclのGUI
// says what Tk is (a GUI), it does not expand it, while Win-32 拡張 FAT
// may expand VFAT.
func endsWithOtherAcronym(toks []analyzers.Word, acronym string) bool {
	if len(toks) < 2 {
		return false
	}
	last := toks[len(toks)-1].Surface
	return IsAcronym(last) && !strings.Contains(Normalize(acronym), Normalize(last))
}

// afterLatinTokens returns toks without the Latin words and spaces that
// begin them: 朝倉 卓 人 of Karl Berry 朝倉卓人.
func afterLatinTokens(toks []analyzers.Word) []analyzers.Word {
	for len(toks) > 0 && (isLatinToken(toks[0]) || isSpaceToken(toks[0])) {
		toks = toks[1:]
	}
	return toks
}

// joinTokens returns the text of consecutive tokens.
func joinTokens(toks []analyzers.Word) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Surface)
	}
	return b.String()
}

// endsHyphenatedName reports whether toks[i] ends a Latin name written
// with a hyphen, a name word before it (Win-32 in Win-32 拡張 FAT): the
// name goes on over a space as a name word does.
func endsHyphenatedName(toks []analyzers.Word, i int) bool {
	return i >= 2 && isLatinToken(toks[i]) && isHyphenInWord(toks[i-2], toks[i-1], toks[i]) && isNameToken(toks[i-2])
}

// listItem reads a long form joined by ・ as a list when it is one: three
// items or more that are not one per letter of the acronym (ソケット・
// シンボリックリンク・名前付きパイプ (FIFO); not 赤・緑・青 (RGB)), or two
// after a modifier, which bears on the first alone (辞書の再読込・電子辞書
// (EB)). Then only the last item may be what the acronym stands for: it
// is returned when it alone defines the acronym, otherwise the long form
// marked listed. A long form in katakana alone is a name whose words ・
// parts (エレクトリカル・ルール・チェック), and two items without a modifier
// may be one name (工業所有権情報・研修館, 国際連合インド・パキスタン軍事監視団).
func (lf jaLongForm) listItem(acronym string) (jaLongForm, bool) {
	if lf.quoted || lf.byReading || isKatakanaWord(lf.text) {
		return lf, false
	}
	items := strings.Count(lf.text, "・") + 1
	if !(items >= 3 && items != len(acronymLetters(acronym)) || items == 2 && lf.modified) {
		return lf, false
	}
	// Kagome may write a ・ inside a katakana token (ソケット・シンボリックリンク):
	// the items are counted in the text, the last one cut at a token.
	last := -1
	for i, t := range lf.toks {
		if strings.Contains(t.Surface, "・") {
			last = i
		}
	}
	if last < 0 || last == len(lf.toks)-1 || !strings.HasSuffix(lf.toks[last].Surface, "・") {
		lf.listed = true
		return lf, true
	}
	rest := lf.toks[last+1:]
	text := joinTokens(rest)
	if !strings.HasSuffix(lf.text, text) {
		return lf, false
	}
	item := jaLongForm{text: text, off: lf.off + len(lf.text) - len(text), toks: rest}
	if _, ok := item.definesAcronym(acronym); ok && utf8.RuneCountInString(text) >= 2 {
		return item, true
	}
	lf.listed = true
	return lf, true
}

// lexiconDefines reports whether an entry of the lexicons has the acronym
// (as written, in capitals) and the Japanese form ja: evidence for a long
// form that does not look like a name (中央処理装置 (CPU), よくある質問
// (FAQ)).
func lexiconDefines(acronym, ja string) bool {
	g, err := Lexicons()
	if err != nil || acronym == "" {
		return false
	}
	kj := Normalize(ja)
	for _, e := range g.Lookup(acronym) {
		if e.Acronym == "" || Normalize(e.Acronym) != Normalize(acronym) {
			continue
		}
		if slices.ContainsFunc(e.Japanese, func(f string) bool { return Normalize(f) == kj }) {
			return true
		}
	}
	return false
}

// lexiconSpells reports whether an entry of the lexicons gives the
// Japanese form ja an English form of two words or more whose letters the
// acronym matches whole: 部品表 is bill of material, and BOM spells it.
func lexiconSpells(acronym, ja string) bool {
	g, err := Lexicons()
	if err != nil || acronym == "" {
		return false
	}
	kj := Normalize(ja)
	for _, e := range g.Lookup(ja) {
		if !slices.ContainsFunc(e.Japanese, func(f string) bool { return Normalize(f) == kj }) {
			continue
		}
		for _, f := range e.English {
			if m, ok := MatchLetters(acronym, f); ok && m == f && isEnglishPhrase(f) {
				return true
			}
		}
	}
	return false
}

// romanShortFormBefore returns the word of two Roman numeral letters or
// more (I, V, X, L, C, D, M) that ends before (after white space), and
// its offset, when it stands alone: after no Latin word (Louis XIV) and
// no letter, digit or code mark.
func romanShortFormBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 && strings.IndexByte("IVXLCDM", trimmed[start-1]) >= 0 {
		start--
	}
	sf := trimmed[start:]
	if len(sf) < 2 || !isRomanNumeral(sf) {
		return "", 0, false
	}
	if start > 0 {
		if c := trimmed[start-1]; c < utf8.RuneSelf && (isASCIIAlnum(c) || strings.IndexByte("_./-$@\\", c) >= 0) {
			return "", 0, false
		}
	}
	if afterLatinWord(trimmed[:start]) {
		return "", 0, false
	}
	return sf, start, true
}

// nameParticles are the lower-case words a person's or a place's name may
// hold between capitalised ones: Ludwig van Beethoven.
var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "la": true,
	"le": true, "du": true, "da": true, "di": true, "del": true, "of": true, "the": true, "and": true, "y": true}

// describesName reports whether a Japanese term of common kanji words
// glosses a name written in capitalised words rather than translating it:
// 映画監督 (Steven Spielberg), 作曲家 (Ludwig van Beethoven) say what the one
// named is. The name has two capitalised words or more, none of them a
// word of the EDICT vocabulary's glosses (not Observer Mission, 監視活動);
// the term is written in kanji, with no proper noun or unknown word, and
// no word of it has an EDICT gloss that shares a stem with a word of the
// name.
func describesName(ja, en string) bool {
	if !isHanOnly(ja) || countWords(en) < 2 {
		return false // before the vocabulary is loaded
	}
	capitalised := 0
	vocabulary := glossVocabulary()
	var lower []string
	for _, w := range strings.Fields(en) {
		lower = append(lower, strings.ToLower(w))
		switch {
		case isCapitalisedName(w) && !vocabulary[strings.ToLower(w)]:
			capitalised++
		case nameParticles[w]:
		default:
			return false
		}
	}
	if capitalised < 2 || !isHanOnly(ja) {
		return false
	}
	toks, err := segmentTerm(ja)
	if err != nil || len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if !t.Known || posAt(t, 1) == "固有名詞" {
			return false
		}
	}
	return !glossesAny(toks, lower) // 悲劇的交響曲 (Tragische Sinfonie) renders tragisch
}

// loanwordOfOther reports whether a lexicon gives the katakana word kata
// as the loanword of English words other than the capitalised name en,
// that it transliterates better than en: ウェブブラウザ is web browser, and
// beside Firefox names the kind of thing Firefox is, though their
// consonants agree in part.
func loanwordOfOther(kata, en string) bool {
	g, err := Lexicons()
	if err != nil {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(en); !unicode.IsUpper(r) || strings.ToUpper(en) == en {
		return false // only a name is an instance: not mentors (メンター)
	}
	kn, score, low := Normalize(kata), transliterationScore(kata, en), strings.ToLower(en)
	for _, e := range g.Lookup(kata) {
		if !slices.ContainsFunc(e.Japanese, func(f string) bool { return Normalize(f) == kn }) {
			continue
		}
		for _, f := range e.English {
			if lf := strings.ToLower(f); lf == low || sameStem(lf, low) || strings.HasPrefix(low, lf) {
				return false
			}
		}
		for _, f := range e.English {
			if transliterationScore(kata, f) > score {
				return true
			}
		}
	}
	return false
}
