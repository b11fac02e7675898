package glossary

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/textnorm"
)

// jaLongForm is a Japanese long form found before a parenthesis.
type jaLongForm struct {
	text        string
	off         int  // byte offset of text in the text searched
	modified    bool // a modifier comes before a noun run, or the run is one word
	byReading   bool // the reading given in the parenthesis reads text
	quoted      bool // text was written in 「」 or 『』
	locant      bool // text begins with a locant (5-メチルシトシン), as only names do
	toks        []analyzers.Word
	described   *jaLongForm // the long form with the descriptor words left out of text (旧, 次期), if any
	widened     bool        // begun before its noun run (長い説明文, 魔法の雷撃): see japaneseTerm
	clauseStart bool        // the run begins a clause: nothing comes before it that it may be cut from
	listed      bool        // a list joined by ・ whose items name no one thing: defines no acronym
}

// japaneseLongForm returns the Japanese long form that ends before: the
// 「quoted term」 just before; the span whose Kagome reading is reading
// (the kana reading given in the parenthesis), if any; or the longest run
// of noun-like tokens, which may go on over a space next to a Latin word
// (MSDOS ファイルシステム) and over a compound particle between nouns
// (サイバー紛争に関する国際会議). A run that is cut from a longer word (可採年数
// cut to 年数, the verb stem 採 being no noun) is no long form, and a definer
// word at its start (通称ノーラッド) is left out.
func japaneseLongForm(before, reading string) (jaLongForm, bool) {
	return japaneseTerm(before, reading, "")
}

// japaneseTerm is japaneseLongForm for a term that translates the English
// en ("" when there is none) of enWords words: with two or more, a run after an
// adjective or one word after "Xの" is taken with the words before it
// (長い説明文, 魔法の雷撃); with no more than the run has, a run after an
// adjective is taken alone (重要な依存関係 (dependency)).
func japaneseTerm(before, reading, en string) (jaLongForm, bool) {
	enWords := 0
	if en != "" {
		enWords = len(englishWords(en))
	}
	if q, start, ok := quotedBefore(before); ok {
		return jaLongForm{text: q, off: start, quoted: true}, true
	}
	// Window: the last lfWindowRunes runes, cut after sentence and clause
	// marks so that Kagome sees one phrase.
	start := len(before)
	for n := 0; start > 0 && n < lfWindowRunes; n++ {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if strings.ContainsRune(clauseMarks, r) {
			break
		}
		start -= size
	}
	window := before[start:]
	if !hasJapanese(window) {
		return jaLongForm{}, false
	}
	toks, err := segmentTerm(window)
	if err != nil {
		return jaLongForm{}, false
	}
	end := len(toks)
	if end == 0 {
		return jaLongForm{}, false
	}
	if reading != "" {
		if first, ok := readingSpan(toks, reading); ok {
			off := start + toks[first].Position
			return jaLongForm{text: strings.TrimSpace(before[off:]), off: off, byReading: true, toks: toks[first:]}, true
		}
	}
	if !canEnd(toks[end-1]) {
		return jaLongForm{}, false
	}
	first := end
	for first > 0 && end-first < maxLFTokens {
		t := toks[first-1]
		if nounLike(t) {
			first--
			continue
		}
		if first >= 2 && first < end && nounLike(toks[first-2]) &&
			(isSpaceToken(t) && (isNameToken(toks[first-2]) || isNameToken(toks[first]) || endsHyphenatedName(toks, first-2)) || isConnector(t)) {
			first--
			continue
		}
		// A hyphen inside a Latin word joins its parts: Lempel-Ziv
		// コーディング, Point-to-Point プロトコル (not Ziv コーディング).
		if first >= 2 && first < end && isHyphenInWord(toks[first-2], t, toks[first]) {
			first--
			continue
		}
		break
	}
	if first > 0 && nounLike(toks[first-1]) {
		return jaLongForm{}, false // the run goes on: too long to be a term
	}
	// Nor does it begin with a Latin word that is no name before a space:
	// an option's argument, id in --vlan-id id VLAN 識別子フィールド (VID).
	for first < end && (!canStart(toks[first]) || isSpaceToken(toks[first]) || isConnector(toks[first]) ||
		!startsWithLetter(toks[first].Surface) ||
		first+1 < end && isLatinToken(toks[first]) && !isNameToken(toks[first]) && isSpaceToken(toks[first+1])) {
		first++
	}
	if first == end {
		return jaLongForm{}, false
	}
	off := start + toks[first].Position
	lf := before[off:]
	defined := false
	if s := stripDefiner(lf); s != lf && utf8.RuneCountInString(s) >= 2 {
		defined = true
		off += len(lf) - len(s)
		lf = s
		for first < end && start+toks[first].Position < off {
			first++
		}
	}
	// A word that places the term in time or among others (旧, 次期, 同)
	// describes it and is no part of its name: 旧CBS・ソニーレコード.
	described := false
	var desc jaLongForm
	for !defined && end-first > 1 && descriptorWords[toks[first].Surface] && canStart(toks[first+1]) &&
		utf8.RuneCountInString(toks[first+1].Surface) >= 2 {
		if !described {
			desc = jaLongForm{text: strings.TrimSpace(lf), off: off, toks: toks[first:]}
		}
		first++
		off = start + toks[first].Position
		lf = before[off:]
		described = true
	}
	// A chemical name begins with its locant: 5-メチルシトシン.
	numeric := false
	if p := numericPrefix(before[:off]); p > 0 {
		off -= p
		lf = before[off:]
		numeric = true
	}
	lf = strings.TrimSpace(lf)
	if isCredit(toks[:end]) {
		return jaLongForm{}, false // who made something, not a term: Leslie Lamport 著 (Addison-Wesley)
	}
	if !hasJapanese(lf) || utf8.RuneCountInString(lf) < 2 || utf8.RuneCountInString(lf) > maxJapaneseLF {
		return jaLongForm{}, false
	}
	if r, _ := utf8.DecodeRuneInString(lf); !unicode.IsLetter(r) && !numeric {
		return jaLongForm{}, false
	}
	if !defined && !described && first > 0 && startsWithHiragana(toks[first].Surface) && posAt(toks[first-1], 0) != "助詞" &&
		endsWithHiragana(toks[first-1].Surface) && start+toks[first-1].Position+len(toks[first-1].Surface) == off {
		return jaLongForm{}, false // cut from a word in hiragana: いち3号 of だいち3号
	}
	if !defined && !described && cutFromWord(before[:off]) && (first == 0 || !isWholeWord(toks[first-1])) {
		return jaLongForm{}, false
	}
	// A single word (撮影, 年数) is as likely a label as a definition,
	// unless it is a name (西武ライオンズ).
	modified := end-first == 1 && !numeric && posAt(toks[first], 1) != "固有名詞"
	widen := enWords >= 2
	if first > 0 {
		prev := toks[first-1]
		p0 := posAt(prev, 0)
		// An adjective belongs to a term more often than not (長い説明文,
		// 交換可能な画像ファイルフォーマット): the run without it is no term;
		// with it, it may translate English words (long description). When
		// the English has no more words than the run, it leaves the
		// adjective out: 重要な依存関係 (dependency).
		adjective := p0 == "形容詞" || prev.Surface == "な" && p0 == "助動詞"
		// A noun made a participle with する (拡張された, カスタマイズした)
		// belongs to a term whose English begins with the participle:
		// 拡張された説明文 (extended description).
		if widen && !described {
			if j, ok := participleStart(toks, first); ok && startsWithParticiple(en) {
				return widenTo(before, start, toks, j, end)
			}
		}
		// 新しい and 古い describe as descriptorWords do: 新しい安定版 (stable),
		// but 古い正規表現 (obsolete RE).
		if p0 == "形容詞" && descriptorAdjectives[prev.Surface] && enWords > 0 && !described {
			out := jaLongForm{text: lf, off: off, modified: true, toks: toks[first:]}
			if w, ok := widenTo(before, start, toks, first-1, end); ok {
				out.described = &w
			}
			return out, true
		}
		if p0 == "形容詞" && posAt(prev, 1) == "自立" && widen && !described &&
			runWords(toks[first:end]) <= enWords {
			return widenTo(before, start, toks, first-1, end)
		}
		if adjective && enWords > 0 && enWords <= runWords(toks[first:end]) && !described {
			return jaLongForm{text: lf, off: off, modified: true, toks: toks[first:]}, true
		}
		if adjective {
			return jaLongForm{}, false
		}
		ofPhrase := p0 == "助詞" && posAt(prev, 1) == "連体化"
		// One word after "Xの" may be a term with X: 魔法の雷撃 (magic bolt).
		if ofPhrase && modified && widen && first >= 2 && nounLike(toks[first-2]) && canStart(toks[first-2]) &&
			posAt(toks[first-2], 1) != "副詞可能" && posAt(toks[first-2], 1) != "数" &&
			!isSpaceToken(toks[first-2]) && (first == 2 || !nounLike(toks[first-3])) {
			return widenTo(before, start, toks, first-2, end)
		}
		modified = modified || p0 == "助動詞" || p0 == "連体詞" || ofPhrase
	}
	out := jaLongForm{text: lf, off: off, modified: modified, locant: numeric, toks: toks[first:]}
	// A run that begins a clause is cut from nothing: 、仮説(statistical hypothesis).
	if r, _ := utf8.DecodeLastRuneInString(before[:start]); first == 0 && !described && !defined && !numeric &&
		(start == 0 || strings.ContainsRune(clauseMarks, r)) {
		out.clauseStart = true
	}
	if described {
		desc.modified = modified
		out.described = &desc
	}
	return out, true
}

func startsWithHiragana(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Hiragana, r)
}

func endsWithHiragana(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.Is(unicode.Hiragana, r)
}

// containsHiragana reports whether s holds a hiragana letter: a clause or
// a particle (カスタマイズされたフレットダイアグラム) rather than a word.
func containsHiragana(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hiragana, r) {
			return true
		}
	}
	return false
}

// participleStart returns the first token of a noun made a participle
// with する that ends just before toks[first]: 拡張 of 拡張された, カスタマイズ
// of カスタマイズした, 再パッケージ of 再パッケージした.
func participleStart(toks []analyzers.Word, first int) (int, bool) {
	j := first - 1
	if j < 0 || toks[j].Surface != "た" || posAt(toks[j], 0) != "助動詞" {
		return 0, false
	}
	j--
	if j >= 0 && (toks[j].Surface == "れ" || toks[j].Surface == "られ") && posAt(toks[j], 1) == "接尾" {
		j--
	}
	if j < 0 || toks[j].Surface != "さ" && toks[j].Surface != "し" || posAt(toks[j], 0) != "動詞" {
		return 0, false
	}
	j--
	if j < 0 || !nounLike(toks[j]) || isSpaceToken(toks[j]) {
		return 0, false
	}
	for j > 0 && nounLike(toks[j-1]) && !isSpaceToken(toks[j-1]) {
		j--
	}
	return j, canStart(toks[j])
}

// startsWithParticiple reports whether English words begin with a past
// participle, a word of four letters or more ending in -ed but not -eed
// (speed): extended description, customized fret diagram, repackaged
// upstream source.
func startsWithParticiple(en string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(en), " ")
	lw := strings.ToLower(w)
	return len(w) >= 4 && strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "eed") && isLatinWord(w) // not speed, seed
}

// attributionWords end a credit: the name before them made the thing.
var attributionWords = map[string]bool{"著": true, "編": true, "訳": true, "監修": true, "提供": true, "制作": true,
	"作": true, "撮影": true, "画": true, "作詞": true, "作曲": true, "編曲": true, "監督": true}

// isCredit reports whether tokens end with a name and an attribution
// word: Leslie Lamport 著, 宮崎駿監督; not 映画監督 or 航空撮影, terms.
func isCredit(toks []analyzers.Word) bool {
	n := len(toks)
	if n < 2 || !attributionWords[toks[n-1].Surface] {
		return false
	}
	i := n - 2
	for i > 0 && isSpaceToken(toks[i]) {
		i--
	}
	t := toks[i]
	return isLatinToken(t) || !t.Known || posAt(t, 1) == "固有名詞"
}

// englishWords splits English at spaces and hyphens: pseudo-package is two
// words.
func englishWords(en string) []string {
	return strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '-' })
}

// clauseMarks end the text before a long form that Kagome is given.
const clauseMarks = "。、，,「」『』（）()\n\t：:；;！？!?"

// runWords counts the words of a noun run: tokens other than ・, spaces
// and suffixes (説明文 is one word).
func runWords(toks []analyzers.Word) int {
	n := 0
	for i, t := range toks {
		if t.Surface != "・" && !isSpaceToken(t) && (posAt(t, 1) != "接尾" || i == 0) {
			n++
		}
	}
	return n
}

// widenTo returns the long form of toks[first:end] (the tokens of the
// window before[start:]), begun before the noun run: 長い説明文, 魔法の雷撃.
func widenTo(before string, start int, toks []analyzers.Word, first, end int) (jaLongForm, bool) {
	off := start + toks[first].Position
	if cutFromWord(before[:off]) && (first == 0 || !isWholeWord(toks[first-1])) {
		return jaLongForm{}, false
	}
	if first > 0 {
		// The term would begin earlier still: 新しい開発元のバージョン.
		if p0 := posAt(toks[first-1], 0); p0 == "形容詞" || p0 == "助動詞" || p0 == "連体詞" {
			return jaLongForm{}, false
		}
	}
	lf := strings.TrimSpace(before[off:])
	if utf8.RuneCountInString(lf) > maxJapaneseLF {
		return jaLongForm{}, false
	}
	// Modified: it must have as many words as the English it translates.
	return jaLongForm{text: lf, off: off, toks: toks[first:end], modified: true, widened: true}, true
}

// lastListItem returns the last item of a long form that lists more
// items, separated by ・, than en has words: in ネットワーク経路・IP アドレス・
// リンクパラメーター・近傍設定 (neighbor setup) only 近傍設定 is glossed.
func (lf jaLongForm) lastListItem(en string) jaLongForm {
	dots := 0
	last := -1
	for i, t := range lf.toks {
		if t.Surface == "・" {
			dots++
			last = i
		}
	}
	if dots == 0 || dots+1 <= countWords(en) || last+1 >= len(lf.toks) || lf.quoted || lf.byReading {
		return lf
	}
	cut := lf.toks[last+1].Position - lf.toks[0].Position
	if cut <= 0 || cut >= len(lf.text) {
		return lf
	}
	out := jaLongForm{text: strings.TrimSpace(lf.text[cut:]), off: lf.off + cut, toks: lf.toks[last+1:]}
	if utf8.RuneCountInString(out.text) < 2 || !hasJapanese(out.text) {
		return lf
	}
	out.modified = len(out.toks) == 1 && posAt(out.toks[0], 1) != "固有名詞"
	return out
}

// forEnglish returns the long form with the descriptor words dropped from
// it given back when the English says them too: 旧安定版 (oldstable).
func (lf jaLongForm) forEnglish(english []string) jaLongForm {
	if lf.described == nil {
		return lf
	}
	for _, en := range english {
		words := englishWords(en)
		if len(words) == 0 {
			continue
		}
		w := strings.ToLower(words[0])
		for _, d := range englishDescriptors {
			if strings.HasPrefix(w, d) {
				return *lf.described
			}
		}
	}
	return lf
}

// englishDescriptors begin English words that say what descriptorWords
// say: oldstable, former, next.
var englishDescriptors = []string{"old", "former", "ex", "previous", "prior", "next", "new", "current", "same",
	"each", "late", "modern", "obsolete"}

// definesAcronym reports whether the long form may be what acronym stands
// for, and with what confidence: a katakana long form must spell out the
// acronym's letters (not パッケージ for WNPP); a long form whose readings'
// initials give the acronym (日本放送協会, NHK) is sure; otherwise it must
// be given for the acronym by a lexicon (中央処理装置, CPU) or look like a
// name, not a generic word (撮影, 国際会議): a proper noun, a word the
// dictionary does not know, a Latin part or three words or more.
func (lf jaLongForm) definesAcronym(acronym string) (float64, bool) {
	switch {
	case containsAcronym(lf.text, acronym):
		return 0, false // the acronym names a part of it: SSAミッション（SSA）
	case endsWithOtherAcronym(lf.toks, acronym):
		return 0, false // a kind of another thing: Tk (TclのGUI); not VFAT (Win-32 拡張 FAT)
	case isDesignation(acronym) && !strings.ContainsAny(lf.text, japaneseNumerals) && coreWords(lf.toks) < 4:
		// A model's designation is glossed by its kind (対衛星ミサイル
		// (SC-19), 迎撃ミサイル (SM-3)); a long form that names it writes
		// its number (技術試験衛星9号機 (ETS-9)) or is a full name
		// (新型コロナウイルス感染症 (COVID-19)).
		return 0, false
	case lf.byReading:
		return ConfidenceReading, true
	case isKatakanaWord(lf.text):
		if kanaSpellsAcronym(acronym, lf.text) {
			return ConfidenceTransliterated, true
		}
		return 0, false
	case lf.quoted:
		return ConfidenceNoLetters, true
	case readingInitials(lf.toks, acronym):
		return ConfidenceReading, true
	case translationInitials(lf.toks, acronym):
		// 物理ボリューム (PV): physical volume; after a modifier too, as the
		// letters fix where the term begins: リリースの長期サポート (LTS).
		if lf.modified {
			return ConfidenceModified, true
		}
		return ConfidenceNoLetters, true
	case rendersTail(lf.toks, acronym):
		// It renders the acronym's last words only, the kind of thing it
		// names: マークアップ言語 (HTML), markup language.
		return 0, false
	case lexiconDefines(acronym, lf.text):
		// A lexicon gives the long form for the acronym: 中央処理装置 (CPU).
		return ConfidenceNoLetters, true
	case lexiconSpells(acronym, lf.text):
		// A lexicon gives the long form English words that the acronym's
		// letters spell: 部品表 (BOM), bill of material.
		return ConfidenceNoLetters, true
	case !lf.locant && !nameLikeWords(lf.toks, lf.modified):
		return 0, false
	case !lf.locant && !nameLikeBesides(lf.toks, lf.modified, acronym):
		// Its only name is another acronym's: X GUI プログラム (KDE), 日本語
		// EUC (AT&T) name a kind of thing, not what the acronym abbreviates.
		return 0, false
	case lf.modified:
		return ConfidenceModified, true
	}
	return ConfidenceNoLetters, true
}

// isDesignation reports whether an acronym ends with a hyphen and a
// number, maybe with letters after it, as a model, a version or a
// designation does: SC-19, F-35A, ETS-9.
func isDesignation(acronym string) bool {
	i := strings.LastIndexByte(acronym, '-')
	if i <= 0 || i+1 >= len(acronym) || acronym[i+1] < '0' || acronym[i+1] > '9' {
		return false
	}
	for j := i + 1; j < len(acronym); j++ {
		if !isASCIIAlnum(acronym[j]) {
			return false
		}
	}
	return true
}

// coreWords counts the tokens of a long form other than prefixes,
// suffixes, particles, ・ and spaces: 対衛星ミサイル has two, 新型コロナ
// ウイルス感染症 four.
func coreWords(toks []analyzers.Word) int {
	n := 0
	for _, t := range toks {
		if t.Surface == "・" || isSpaceToken(t) || posAt(t, 0) == "接頭詞" || posAt(t, 1) == "接尾" || posAt(t, 0) == "助詞" {
			continue
		}
		n++
	}
	return n
}

// rendersTail reports whether the long form's word-by-word rendering
// (translationInitials) gives the last two letters or more of the acronym
// but not its first ones: ML of HTML for マークアップ言語.
func rendersTail(toks []analyzers.Word, acronym string) bool {
	letters := acronymLetters(acronym)
	// Kagome splits katakana compounds (マーク アップ): one loanword.
	// Words that give no letter (間 in プロセス間通信, inter-) may give the
	// first ones: then nothing is judged.
	var merged []analyzers.Word
	for _, t := range toks {
		if t.Surface == "・" || isSpaceToken(t) || posAt(t, 0) == "助詞" || posAt(t, 1) == "接尾" || posAt(t, 0) == "接頭詞" {
			return false
		}
		if n := len(merged); n > 0 && isKatakanaWord(t.Surface) && isKatakanaWord(merged[n-1].Surface) {
			merged[n-1].Surface += t.Surface
			continue
		}
		merged = append(merged, t)
	}
	for k := 1; len(letters)-k >= 2; k++ {
		if translationInitials(merged, string(letters[k:])) {
			return true
		}
	}
	return false
}

// containsAcronym reports whether the Latin text of a Japanese long form
// holds the acronym as a word of its own (SSA in SSAミッション, not in
// SSAT試験 nor in MSSA).
func containsAcronym(japanese, acronym string) bool {
	a := Normalize(acronym)
	for i := 0; i < len(japanese); {
		r, size := utf8.DecodeRuneInString(japanese[i:])
		if r >= utf8.RuneSelf || !isASCIIAlnum(byte(r)) {
			i += size
			continue
		}
		j := i
		for j < len(japanese) && japanese[j] < utf8.RuneSelf && (isASCIIAlnum(japanese[j]) || strings.IndexByte("&./-", japanese[j]) >= 0) {
			j++
		}
		if Normalize(japanese[i:j]) == a {
			return true
		}
		i = j
	}
	return false
}

// besideEnglish reports whether the long form may go with an acronym and
// its English expansions: a katakana long form must transliterate one of
// them or spell out the acronym.
func (lf jaLongForm) besideEnglish(acronym string, english []string) bool {
	if !isKatakanaWord(lf.text) {
		return true
	}
	for _, en := range english {
		if transliterates(lf.text, en) {
			return true
		}
	}
	return acronym != "" && kanaSpellsAcronym(acronym, lf.text)
}

// nameLike reports whether tokens look like a name rather than a generic
// word: a proper noun, an unknown word or a Latin part among them, or
// three content words or more.
func nameLike(toks []analyzers.Word) bool {
	return nameLikeWords(toks, false)
}

// nameLikeWords is nameLike; with whole, a suffix counts as no word of its
// own (符号化方法 is two words), for a long form after a modifier, which
// must show more to be a name (最も単純な Unicode の符号化方法 (UCS-2)).
func nameLikeWords(toks []analyzers.Word, whole bool) bool {
	n := 0
	for _, t := range toks {
		if t.Surface == "・" || isSpaceToken(t) || isConnector(t) {
			continue
		}
		// The adjectival suffix 的 makes one word of its noun (物理的要素
		// is two words: physical element), and so do 化 and 性 (暗号化方式).
		adjectival := posAt(t, 1) == "接尾" && (posAt(t, 2) == "形容動詞語幹" || derivingSuffixes[t.Surface])
		if (!whole || posAt(t, 1) != "接尾") && !adjectival || n == 0 {
			n++
		}
		if !t.Known || posAt(t, 1) == "固有名詞" || isLatinToken(t) {
			return true
		}
	}
	return n >= 3
}

// derivingSuffixes make one word of the noun before them: 暗号化
// (encryption), 可用性 (availability).
var derivingSuffixes = map[string]bool{"化": true, "性": true}

// nameLikeBesides is nameLikeWords where a Latin token counts as a name
// only when its first letter is one of the acronym's (GNU デバッガ (GDB),
// Linux 文書プロジェクト (TLDP); not GUI プログラム (KDE)).
func nameLikeBesides(toks []analyzers.Word, whole bool, acronym string) bool {
	var rest []analyzers.Word
	latin := false
	for _, t := range toks {
		if isLatinToken(t) {
			if r, _ := utf8.DecodeRuneInString(t.Surface); strings.ContainsRune(strings.ToLower(acronym), unicode.ToLower(r)) {
				return true
			}
			latin = true
			continue
		}
		rest = append(rest, t)
	}
	if !latin {
		return true // judged by nameLikeWords
	}
	return nameLikeWords(rest, whole) || runWords(toks) >= 3
}

// acronymLetters returns the ASCII letters of acronym, lower-cased, in
// order (NHK, N.H.K. → nhk).
func acronymLetters(acronym string) []byte {
	var letters []byte
	for i := range len(acronym) {
		if isASCIILetter(acronym[i]) {
			letters = append(letters, acronym[i]|0x20)
		}
	}
	return letters
}

// readingInitials reports whether the initials of the tokens' readings in
// Hepburn romanisation give the acronym's letters, in order, the first on
// the first token, at most one token left over: 日本放送協会 (ニッポン ホウソウ
// キョウカイ) for NHK.
func readingInitials(toks []analyzers.Word, acronym string) bool {
	letters := acronymLetters(acronym)
	if len(letters) < 2 {
		return false
	}
	var initials []byte
	for _, t := range toks {
		if t.Surface == "・" || isSpaceToken(t) {
			continue
		}
		r := t.Reading
		if r == "" || r == "*" {
			return false
		}
		initials = append(initials, romajiInitial(r))
	}
	if len(initials) < len(letters) || len(initials)-len(letters) > 1 || initials[0] != letters[0] {
		return false
	}
	i := 0
	for _, c := range initials {
		if i < len(letters) && c == letters[i] {
			i++
		}
	}
	return i == len(letters)
}

// readingSpan returns the first token of the longest span ending the
// tokens whose reading is reading (in katakana; voicing marks are ignored
// so that rendaku does not matter).
func readingSpan(toks []analyzers.Word, reading string) (int, bool) {
	want := foldReading(reading)
	if want == "" {
		return 0, false
	}
	got := ""
	for first := len(toks) - 1; first >= 0; first-- {
		r, ok := tokenReading(toks[first])
		if !ok {
			return 0, false
		}
		got = foldReading(r) + got
		if got == want {
			return first, true
		}
		if len(got) > len(want) {
			return 0, false
		}
	}
	return 0, false
}

// tokenReading returns a token's reading in katakana: the dictionary's, or
// the surface of a kana token.
func tokenReading(t analyzers.Word) (string, bool) {
	if r := t.Reading; r != "" && r != "*" {
		return r, true
	}
	s := toKatakana(t.Surface)
	if isKatakanaWord(s) {
		return s, true
	}
	return "", false
}

// foldReading removes voicing marks, ー, ・ and spaces from a katakana
// reading.
func foldReading(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(toKatakana(s)) {
		switch r {
		case '\u3099', '\u309A', textnorm.LongVowel, textnorm.MiddleDot, ' ':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpaceToken(t analyzers.Word) bool { return strings.TrimSpace(t.Surface) == "" }

// isHyphenInWord reports whether the token h is a hyphen written between
// two Latin tokens, or two Japanese nouns, without a space: the - of
// Lempel-Ziv and of 著者-年月日形式.
func isHyphenInWord(prev, h, next analyzers.Word) bool {
	return h.Surface == "-" && (isLatinToken(prev) && isLatinToken(next) || japaneseNoun(prev) && japaneseNoun(next)) &&
		prev.Position+len(prev.Surface) == h.Position && h.Position+len(h.Surface) == next.Position
}

// japaneseNoun reports whether a token is a noun-like Japanese word: the
// parts a hyphen joins into one term in 著者-年月日形式 (author-date).
func japaneseNoun(t analyzers.Word) bool {
	return nounLike(t) && hasJapanese(t.Surface)
}

// isLatinToken reports whether a token is written in Latin letters or
// digits (NATO, MSDOS, 2019).
func isLatinToken(t analyzers.Word) bool {
	for _, r := range t.Surface {
		if r >= utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return t.Surface != ""
}

// isNameToken reports whether a token is a Latin word that may be part of
// a name across a space (NASA ジェット推進研究所, Debian メンター): letters
// only, two or more, beginning with a capital; not an identifier (fhosted,
// RTM_GETNEIGH), an option letter (-M) nor a number.
func isNameToken(t analyzers.Word) bool {
	if len(t.Surface) < 2 || t.Surface[0] < 'A' || t.Surface[0] > 'Z' {
		return false
	}
	for _, r := range t.Surface {
		if r >= utf8.RuneSelf || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isConnector reports whether a token is a compound particle that joins a
// noun to a noun within a name: に関する, に対する, による, における.
func isConnector(t analyzers.Word) bool {
	return strings.HasSuffix(t.Surface, "る") && posAt(t, 0) == "助詞" && posAt(t, 2) == "連語"
}

// afterConnector returns the part of the long form after its last
// connector when that part alone spells or reads the acronym: in
// ドメイン名システムにおけるジェネリックトップレベルドメイン (gTLD) the name is
// the katakana after における. Without that evidence the long form is kept
// whole (サイバー紛争に関する国際会議).
func (lf jaLongForm) afterConnector(acronym string) jaLongForm {
	if lf.quoted || lf.byReading {
		return lf
	}
	for i := len(lf.toks) - 2; i > 0; i-- {
		if !isConnector(lf.toks[i]) {
			continue
		}
		rest := lf.toks[i+1:]
		cut := rest[0].Position - lf.toks[0].Position
		if cut <= 0 || cut >= len(lf.text) {
			return lf
		}
		text := lf.text[cut:]
		if isKatakanaWord(text) && kanaSpellsAcronym(acronym, text) || readingInitials(rest, acronym) {
			lf.text, lf.off, lf.toks, lf.modified, lf.clauseStart = text, lf.off+cut, rest, false, false
		}
		return lf
	}
	return lf
}

// descriptorWords describe a term by its time or its place among others
// and are no part of its name.
var descriptorWords = map[string]bool{"旧": true, "元": true, "前": true, "現": true, "故": true, "同": true,
	"各": true, "当": true, "某": true, "次期": true, "現行": true, "新規": true}

// isWholeWord reports whether a token ends a word of its own, so that a
// long form after it is not cut from it even if it ends with a kanji: a
// conjunction, adverb or adnominal (一方テスト版), or a noun of time (現在安定版).
func isWholeWord(t analyzers.Word) bool {
	switch posAt(t, 0) {
	case "接続詞", "副詞", "連体詞", "感動詞":
		return true
	case "名詞":
		return timeNouns[t.Surface]
	}
	return false
}

// descriptorAdjectives describe a term by its time, as descriptorWords do.
var descriptorAdjectives = map[string]bool{"新しい": true, "古い": true}

// timeNouns say when, and end a word of their own before a term:
// 現在安定版 (stable). Other adverbial nouns may begin one: 絶対パス名.
var timeNouns = map[string]bool{"現在": true, "当時": true, "今回": true, "前回": true, "次回": true, "従来": true,
	"今後": true, "以前": true, "以後": true, "最近": true, "将来": true, "今日": true, "今年": true, "昨年": true,
	"来年": true, "毎年": true, "毎日": true, "一方": true}

// cutFromWord reports whether text before a long form ends inside a word:
// with a kanji, a katakana letter or a Latin letter or digit.
func cutFromWord(before string) bool {
	r, size := utf8.DecodeLastRuneInString(before)
	if r == '.' {
		// A dot between Latin letters joins a name: org日本語訳 is cut from
		// lilypond.org日本語訳.
		p, _ := utf8.DecodeLastRuneInString(before[:len(before)-size])
		return p < utf8.RuneSelf && (unicode.IsLetter(p) || unicode.IsDigit(p))
	}
	return unicode.Is(unicode.Han, r) || textnorm.IsKatakanaLetter(r) || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// numericPrefix returns the length of a locant such as "5-" or "2,4-"
// ending before, after a word boundary; 0 if there is none.
func numericPrefix(before string) int {
	if !strings.HasSuffix(before, "-") {
		return 0
	}
	i := len(before) - 1
	j := i
	for j > 0 && (before[j-1] >= '0' && before[j-1] <= '9' || before[j-1] == ',') {
		j--
	}
	if j == i || cutFromWord(before[:j]) {
		return 0
	}
	return len(before) - j
}

// katakanaBefore returns the katakana word that ends before (quoted or
// not) and its offset; a katakana run that follows a Latin letter or digit
// (NATOサイバー) is part of a longer word.
func katakanaBefore(before string) (string, int, bool) {
	if q, start, ok := quotedBefore(before); ok {
		return q, start, isKatakanaWord(q)
	}
	start := len(before)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if !textnorm.IsKatakanaLetter(r) && r != textnorm.LongVowel && r != textnorm.MiddleDot {
			break
		}
		start -= size
	}
	kata := strings.TrimLeft(before[start:], "・")
	start = len(before) - len(kata)
	if utf8.RuneCountInString(kata) < 2 || !isKatakanaWord(kata) {
		return "", 0, false
	}
	if r, _ := utf8.DecodeLastRuneInString(before[:start]); r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return "", 0, false
	}
	return kata, start, true
}

// maxLatinWords bounds the Latin name taken before a katakana
// parenthetical.
const maxLatinWords = 5

// latinBefore returns the Latin words ending before that kata transliterates
// (Commonwealth of Dominica（コーマンウェルス・オヴ・ドミニーカ）), the fewest
// that agree best, and their offset.
func latinBefore(before, kata string) (string, int, bool) {
	start := len(before)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if !isLatinLetter(r) && !strings.ContainsRune(" -'.", r) {
			break
		}
		start -= size
	}
	if r, _ := utf8.DecodeLastRuneInString(before[:start]); r < utf8.RuneSelf && (unicode.IsDigit(r) || strings.ContainsRune("\\_$@/", r)) ||
		afterLatinComma(before[:start]) {
		return "", 0, false // a number, or code: a TeX command (\xkanjiskip), a variable, a path
	}
	words := strings.Fields(before[start:])
	best, bestScore := 0, 0.0
	for n := 1; n <= min(len(words), maxLatinWords); n++ {
		if s := transliterationScore(kata, strings.Join(words[len(words)-n:], " ")); s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == 0 || bestScore < minTransliteration {
		return "", 0, false
	}
	en := strings.Join(words[len(words)-best:], " ")
	if IsAcronym(en) || hasCodeIdentifier(en) {
		return "", 0, false
	}
	// Words cut from a longer Latin term: hat in high hat (ハイハット), where
	// ハイ is the high that the skeleton does not hear.
	// A name of capitalised words may be rendered by its last two or more:
	// オープンラボラトリ for Open Laboratory in Ring Server Open Laboratory.
	if best < len(words) && len(words) <= maxLatinWords && !(best >= 2 && allCapitalised(words)) {
		if prev := words[len(words)-best-1]; isLatinWord(prev) || IsAcronym(prev) {
			return "", 0, false
		}
	}
	off := strings.LastIndex(before, words[len(words)-best])
	return en, off, true
}

// allCapitalised reports whether every word begins with a capital letter.
func allCapitalised(words []string) bool {
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return len(words) > 0
}

// afterLatinComma reports whether s ends with a Latin word and a comma:
// the words after it are the end of an inverted heading (clef,
// mezzosoprano (メゾソプラノ音部記号)), which the Japanese translates whole.
func afterLatinComma(s string) bool {
	t := strings.TrimRight(s, " ")
	t, ok := strings.CutSuffix(t, ",")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return isLatinLetter(r)
}

// afterLatinWord reports whether s ends with a Latin word and a space: an
// acronym after it is part of a longer name (COBRA DANE).
func afterLatinWord(s string) bool {
	t := strings.TrimRight(s, " ")
	if len(t) == len(s) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return isLatinLetter(r)
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// alignToEnglish drops the words before a katakana word of the long form
// that transliterates the first word of an English form: in 与党コンゴ労働党
// (Congolese Labour Party) the name begins at コンゴ, 与党 describing it.
func (lf jaLongForm) alignToEnglish(english []string) jaLongForm {
	for i, t := range lf.toks {
		if i == 0 || !isKatakanaWord(t.Surface) || utf8.RuneCountInString(t.Surface) < 2 {
			continue
		}
		for _, en := range english {
			w, _, _ := strings.Cut(en, " ")
			if !transliterates(t.Surface, w) || strings.Contains(strings.ToLower(lf.text), strings.ToLower(w)) {
				// The long form writes the English word itself: AppleTalk
				// ファイリングプロトコル is not cut at プロトコル.
				continue
			}
			cut := t.Position - lf.toks[0].Position
			if cut <= 0 || cut >= len(lf.text) || lf.quoted || lf.byReading {
				return lf
			}
			lf.text = lf.text[cut:]
			lf.off += cut
			lf.toks = lf.toks[i:]
			return lf
		}
	}
	return lf
}

// translates reports whether a kanji long form may be the translation of
// the English words en, as far as form shows: a katakana word ending the
// long form must transliterate the last English word (擬似パッケージ and
// pseudo-package; not 管理ツール and Netfilter), and a long form after a
// modifier must have as many words as en (not 増加 for increase might in
// 力の増加 (increase might)), en must not hold one-letter words other than
// "a", nor be one function word (see, etc).
func (lf jaLongForm) translates(en string) bool {
	if isKatakanaWord(lf.text) || !containsHan(lf.text) && !hasLatinLetter(lf.text) && !containsHiragana(lf.text) {
		return false // katakana only: a transliteration or nothing
	}
	words := englishWords(en)
	if len(words) == 0 {
		return false
	}
	for _, w := range strings.Fields(en) {
		if len(w) == 1 && w != "a" && w != "A" {
			return false // letters cut from a broken ruby: S Space Situational Awareness SA
		}
	}
	if len(words) == 1 && len(words[0]) <= 2 && strings.ToLower(words[0]) == words[0] {
		return false // a variable: 大きさ (ny, ny)
	}
	if len(words) == 1 && isBrandName(words[0]) {
		return false // a platform or product: 基本画面 (macOS)
	}
	if len(words) == 1 && nameFunctionWords[strings.ToLower(words[0])] {
		return false // a reference: 宇宙状況監視（see）
	}
	if f := strings.Fields(en); noteOpeners[strings.ToLower(strings.TrimRight(f[0], "."))] && strings.HasSuffix(f[0], ".") {
		return false // a note: 可制御 (resp. stabilizable)
	}
	if len(words) == 1 {
		if marks, ok := statusWords[strings.ToLower(words[0])]; ok && !strings.ContainsAny(lf.text, marks) {
			return false // a status after a title: 設定値を設定 (obsolete)
		}
	}
	if strings.ContainsAny(en, "0123456789") && !strings.ContainsAny(lf.text, japaneseNumerals) {
		return false // a translation keeps the numbers: not 最初の実装 (Linux 3.8)
	}
	body := lf.text
	if prefix, rest, ok := latinPrefix(body); ok && strings.Contains(prefix, "-") {
		body = rest // a hyphenated Latin name that begins the term may hold a number: ECMA-48 状態リポートコマンド
	}
	if strings.ContainsAny(body, "0123456789０１２３４５６７８９") && !strings.ContainsAny(en, "0123456789") {
		return false // nor adds one: not 第2版 (Prentice Hall)
	}
	n, lastKana, judged, heard := lf.loanwords(en)
	// A loanword in a translation renders a word of the English: the last
	// one ends it (擬似パッケージ, pseudo-package), and of those that are no
	// names one at least is heard in it (not インターネットアクセス制限 for
	// netblock-hosts).
	if len(lf.toks) > 0 && isKatakanaWord(lf.toks[len(lf.toks)-1].Surface) && lastKana != "" &&
		!transliteratesEnd(lastKana, words) {
		return false
	}
	if judged > 0 && heard == 0 {
		return false
	}
	// A run that begins a clause may leave one English word untranslated:
	// 仮説 (statistical hypothesis).
	return !lf.modified || n >= len(words) || lf.clauseStart && n+1 >= len(words)
}

// transliteratesEnd reports whether a katakana word transliterates the
// last English word, or the last words together when it is a compound
// of their loanwords (フレットダイアグラム for fret diagram), or ends with a
// loanword of the last one.
func transliteratesEnd(kata string, words []string) bool {
	for n := 1; n <= min(3, len(words)); n++ {
		if transliterates(kata, strings.Join(words[len(words)-n:], " ")) {
			return true
		}
	}
	// A compound of loanwords of words that are not next to each other
	// ends with the last one's: カスタムマークアップ for custom … markup.
	if len(words) >= 2 {
		last := words[len(words)-1]
		rs := []rune(kata)
		for i := 2; i+2 <= len(rs); i++ {
			if r := rs[i]; r == textnorm.LongVowel || isSmallKana(r) || r == 'ッ' || r == 'ン' {
				continue // no word begins there
			}
			if suffix := string(rs[i:]); len(kanaSkeleton(suffix)) >= 2 && transliterates(suffix, last) {
				return true
			}
		}
	}
	return false
}

// transliteratesRun reports whether a katakana word that Kagome reads as
// one is a compound of the loanwords of two or three English words next to
// each other: バイナリーパッケージ for binary package.
func transliteratesRun(kata string, words []string) bool {
	for n := 2; n <= 3; n++ {
		for i := 0; i+n <= len(words); i++ {
			if transliterates(kata, strings.Join(words[i:i+n], " ")) {
				return true
			}
		}
	}
	return false
}

// splitLoanword reports whether two katakana nouns that Kagome read apart
// are one loanword of the English en: メン and テナー in メンテナー for
// maintainer, which neither transliterates alone.
func splitLoanword(prev, next, en string) bool {
	for _, w := range strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '-' || r == '/' }) {
		if transliterates(prev+next, w) && !transliterates(prev, w) && !transliterates(next, w) {
			return true
		}
	}
	return false
}

// loanwords returns the number of words of the long form (tokens other
// than ・, spaces and particles, a katakana word that Kagome split, メンテ
// ナ, counted once), its last katakana word, and how many of its katakana
// words that are no names (ドイツ in ドイツ語 (German) is one) and are long
// enough to judge are, and are heard in the English en.
func (lf jaLongForm) loanwords(en string) (n int, lastKana string, judged, heard int) {
	var kana []string   // the katakana words
	var common []string // those the dictionary does not know as names
	prevKana := false
	for _, t := range lf.toks {
		if t.Surface == "・" || isSpaceToken(t) || posAt(t, 0) == "助詞" {
			prevKana = false
			continue
		}
		k := isKatakanaWord(t.Surface)
		switch {
		case k && prevKana && (posAt(t, 0) != "名詞" || splitLoanword(kana[len(kana)-1], t.Surface, en)):
			kana[len(kana)-1] += t.Surface
			if posAt(t, 1) != "固有名詞" && len(common) > 0 && strings.HasSuffix(kana[len(kana)-1], common[len(common)-1]+t.Surface) {
				common[len(common)-1] += t.Surface
			}
			continue
		case k:
			kana = append(kana, t.Surface)
			if posAt(t, 1) != "固有名詞" {
				common = append(common, t.Surface)
			}
		}
		n++
		prevKana = k
	}
	if len(kana) > 0 {
		lastKana = kana[len(kana)-1]
	}
	var enWords []string
	for _, w := range strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '-' || r == '/' }) {
		enWords = append(enWords, w)
		if parts := camelParts(w); len(parts) > 1 {
			enWords = append(enWords, parts...) // ハッシュ in HashSet
		}
	}
	for _, k := range common {
		if len(kanaSkeleton(k)) < 2 {
			continue // too short to judge: エラー in 標準エラー出力 (stderr)
		}
		judged++
		if slices.ContainsFunc(enWords, func(w string) bool { return transliterates(k, w) || heardIn(w, k) }) ||
			transliteratesRun(k, enWords) {
			heard++
		}
	}
	return n, lastKana, judged, heard
}

// noteOpeners begin an English note rather than a term when written
// with a full stop: resp. stabilizable, e.g. foo, i.e. bar.
var noteOpeners = map[string]bool{"resp": true, "e.g": true, "i.e": true, "cf": true, "ex": true, "viz": true}

// statusWords say that what comes before is obsolete or new rather than
// name it (取得 (obsolete)); a translation of one has one of the kanji
// given: 廃止 (obsolete), 非推奨 (deprecated), 実験的 (experimental).
var statusWords = map[string]string{"obsolete": "廃旧古", "deprecated": "廃推奨旧古", "experimental": "実験試"}

// nameFunctionWords are English words that alone are no name: reference
// words and particles, a closed class.
var nameFunctionWords = map[string]bool{"see": true, "cf": true, "etc": true, "ibid": true, "viz": true, "vs": true,
	"and": true, "or": true, "not": true, "the": true, "an": true, "of": true, "to": true, "in": true, "on": true,
	"for": true, "by": true, "with": true, "from": true, "also": true, "only": true, "above": true, "below": true}

// prefixBefore returns the length of a prefix (接頭詞: 低, 超, 非) that ends
// before, attached to word, 0 if there is none.
func prefixBefore(before, word string) int {
	r, _ := utf8.DecodeLastRuneInString(before)
	if !unicode.Is(unicode.Han, r) {
		return 0
	}
	start := len(before)
	for n := 0; start > 0 && n < 4; n++ {
		_, size := utf8.DecodeLastRuneInString(before[:start])
		start -= size
	}
	window := before[start:]
	toks, err := analyzers.Segment(window + word)
	if err != nil {
		return 0
	}
	for _, t := range toks {
		if t.Position+len(t.Surface) == len(window) {
			if posAt(t, 0) == "接頭詞" && !descriptorWords[t.Surface] {
				// 各 in 各タスク (task) says which, as a descriptor does.
				return len(t.Surface)
			}
			return 0
		}
	}
	return 0
}
