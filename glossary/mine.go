package glossary

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/textnorm"
)

// Confidences of mined entries.
const (
	// ConfidenceLetters is for a definition whose acronym letters match its
	// English expansion (Schwartz & Hearst), with the pairing written out:
	// 宇宙状況監視（SSA: Space Situational Awareness）.
	ConfidenceLetters = 0.9
	// ConfidenceEnglish is for English words (ABC) and ABC (English words)
	// with letter evidence.
	ConfidenceEnglish = 0.85
	// ConfidenceReading is for a Japanese long form whose reading gives
	// the acronym (日本放送協会（NHK）: ニッポン ホウソウ キョウカイ) or
	// equals the reading given beside it (生命の起源（せいめいのきげん、
	// Origin of life）).
	ConfidenceReading = 0.8
	// ConfidenceTransliterated is for a katakana word and the Latin word
	// it transliterates (スターリンク（Starlink）), and for a katakana long
	// form that spells out its acronym (オペレーティングシステム (OS)).
	ConfidenceTransliterated = 0.75
	// ConfidencePaired is for an acronym and an English name that a label
	// pairs, whose letters do not match (略称：NHK、英: Japan Broadcasting
	// Corporation); joined by a colon alone they must match.
	ConfidencePaired = 0.6
	// ConfidenceNoLetters is for 日本語（ABC） and ABC（日本語）: no letter
	// evidence relates the forms.
	ConfidenceNoLetters = 0.5
	// ConfidenceModified is for 日本語（ABC） whose noun run follows a
	// modifier (an auxiliary such as た, an adjective or の), so the term may
	// begin earlier: 自由で開かれたインド太平洋（FOIP） yields インド太平洋.
	ConfidenceModified = 0.4
)

// Limits that keep mining precise.
const (
	maxParenRunes   = 160 // longer parentheticals are not definitions
	maxJapaneseLF   = 40  // runes in a Japanese long form
	maxLFTokens     = 16  // Kagome tokens in a Japanese long form
	lfWindowRunes   = 64  // runes before "（" given to Kagome
	maxQuotedRunes  = 48  // runes inside 「」 before "（"
	maxEvidenceRune = 120 // runes of text kept as evidence
)

// Mine returns the definitions written in one passage's text, with Source
// "corpus", the passage id and the defining text as evidence, and a
// confidence by kind of evidence (ConfidenceLetters … ConfidenceModified).
//
// It recognises, after NFKC normalisation of the parenthetical (and of
// Unicode hyphens: OTH‐B), with or without a space before it:
//
//	宇宙状況監視（SSA: Space Situational Awareness）  Japanese, acronym and English
//	北大西洋条約機構（ほくたいせいようじょうやくきこう、英: North Atlantic Treaty Organization、略称: NATO）
//	量子暗号通信(Quantum Key Distribution、以下、QKD)  definer words (以下, 通称, 略称) left out
//	宇宙状況監視（Space Situational Awareness。以下「SSA」という。）  a definer's sentence, as laws write it
//	「サイバー紛争に関する国際会議」（CyCon: International Conference on Cyber Conflict）
//	NATOサイバー防衛協力センター（CCDCOE）            Japanese and acronym
//	Space Situational Awareness (SSA)               English and acronym (letters must match)
//	SSA（宇宙状況監視）, SSA (Space Situational Awareness)  reversed
//	URI (Uniform Resource Identifier: 統一資源識別子)     reversed, English and its translation
//	NSS (ネームサービススイッチ: Name Service Switch)      the same, translation first
//	対衛星兵器ASAT(Anti-Satellite)                   an acronym written without brackets
//	スターリンク（Starlink）, Starlink（スターリンク）     katakana and the Latin word it transliterates
//	HashSet（ハッシュセット）, ハッシュ集合（HashSet）      capitalised words run together, a name
//	生命の起源（せいめいのきげん、Origin of life）        a term fixed by its reading, and English
//	緩衝地帯 (Buffer zone)                           a kanji term and its English name
//
// The Japanese long form is the 「quoted term」 just before the parenthesis,
// the span whose Kagome reading is the reading given inside, or the longest
// run of noun-like Kagome tokens (名詞 except 非自立 and 代名詞, 接頭詞, ・)
// ending there. Without an English expansion to pair it with, a Japanese
// long form must be evidenced as the acronym's: in katakana it must spell
// the acronym's letters; otherwise its readings' initials give the acronym
// (日本放送協会（NHK）), or it looks like a name rather than a generic word
// (国際会議, 撮影) and is not cut from a longer word (可採年数 → 年数); it
// never holds the acronym itself (SSAミッション（SSA）).
// Words that describe a term rather than name it are left out of it (旧,
// 次期, 新しい: 旧CBS・ソニーレコード), unless the English says them too
// (旧安定版 (oldstable)). A Japanese term given as the translation of
// English words must agree with them in form: one of its loanwords at
// least is heard in the English (not インターネットアクセス制限 for
// netblock-hosts), its numbers are kept, after a modifier it has as many
// words as the English (魔法の雷撃 (magic bolt), 長い説明文 (long
// description)), and of a list joined by ・ only the last item is taken
// (近傍設定 (neighbor setup)). Codes (CAR3219), acronyms written onto a
// katakana word (ハプログループI2a) and lists of names are no definitions.
// Parentheticals that are not definitions (dates such as 19（令和元）年,
// readings, cross-references, notes, lists, attributions) yield nothing.
// Mine never fails: text it cannot read yields no entries, and invalid
// UTF-8 is read as U+FFFD, which no form may contain.
func Mine(passageID, text string) []Entry {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var out []Entry
	lastClose := -1 // the end of the last parenthesis that gave an entry (out's last)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '（' && r != '(' {
			i += size
			continue
		}
		closeAt, closeSize := findClose(text, i+size)
		if closeAt < 0 {
			i += size
			continue
		}
		if lastClose >= 0 && lastClose <= i && strings.TrimSpace(text[lastClose:i]) == "" {
			// A second parenthesis right after a definition's gives its
			// acronym: Debian Developer (Debian デベロッパー) (DD).
			if e, ok := acronymAfter(out[len(out)-1], normalizeParen(text[i+size:closeAt])); ok {
				out[len(out)-1] = e
				lastClose = -1
				i += size
				continue
			}
		}
		if e, ok := mineParen(passageID, text, i, i+size, closeAt, closeAt+closeSize); ok {
			out = appendUnique(out, e)
			lastClose = closeAt + closeSize
		}
		i += size
	}
	// A numeronym the passage writes abbreviates the one English word of
	// an entry it spells: 「i18n」は「internationalization (国際化)」の略語です.
	if nns := numeronymsIn(text); len(nns) > 0 {
		for i, e := range out {
			if e.Acronym != "" || len(e.English) != 1 {
				continue
			}
			for _, nn := range nns {
				if numeronymOf(nn, e.English[0]) {
					out[i].Acronym = nn
					out[i].Confidence = max(e.Confidence, ConfidenceEnglish)
				}
			}
		}
		// The word a numeronym spells, glossed by a Japanese term, though
		// no other evidence pairs them: localization (地域化) beside l10n.
		for _, m := range glossedWord.FindAllStringSubmatchIndex(text, -1) {
			word, ja := text[m[2]:m[3]], strings.TrimSpace(text[m[4]:m[5]])
			for _, nn := range nns {
				if !numeronymOf(nn, word) || slices.ContainsFunc(out, func(e Entry) bool { return e.Acronym == nn }) {
					continue
				}
				if _, ok := japaneseNounPhrase(ja); ok && !isKatakanaWord(ja) && !hasLatinLetter(ja) {
					out = append(out, Entry{Acronym: nn, English: []string{word}, Japanese: []string{ja}, Source: SourceCorpus,
						Confidence: ConfidenceEnglish, Evidence: evidence(passageID, text[m[0]:m[1]])})
				}
			}
		}
	}
	return dropConflicting(out)
}

// glossedWord matches a Latin word and the parenthesis after it.
var glossedWord = regexp.MustCompile(`([A-Za-z]+) ?[（(]([^（()）]{1,40})[）)]`)

// isNumeronym reports whether s is a numeronym: a letter, the number of
// letters it leaves out (3 to 99), and a letter (i18n, l10n, a11y, k8s).
func isNumeronym(s string) bool {
	if len(s) < 3 || len(s) > 4 || !isASCIILetter(s[0]) || !isASCIILetter(s[len(s)-1]) {
		return false
	}
	n := 0
	for i := 1; i < len(s)-1; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = 10*n + int(s[i]-'0')
	}
	return n >= 3 && s[1] != '0'
}

// numeronymOf reports whether the numeronym nn abbreviates the word w:
// i18n, internationalization.
func numeronymOf(nn, w string) bool {
	if !isNumeronym(nn) || !isLatinWord(w) || strings.ContainsAny(w, "-'") {
		return false
	}
	n := 0
	for i := 1; i < len(nn)-1; i++ {
		n = 10*n + int(nn[i]-'0')
	}
	return len(w) == n+2 && strings.EqualFold(w[:1], nn[:1]) && strings.EqualFold(w[len(w)-1:], nn[len(nn)-1:])
}

// numeronymBefore returns the numeronym that ends before, written after
// kanji, kana other than katakana, punctuation or a space, and its offset.
func numeronymBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 && start > len(trimmed)-5 && trimmed[start-1] < utf8.RuneSelf && isASCIIAlnum(trimmed[start-1]) {
		start--
	}
	if start > 0 && trimmed[start-1] < utf8.RuneSelf && trimmed[start-1] != ' ' && !strings.ContainsRune("(「『\"'", rune(trimmed[start-1])) ||
		afterKatakana(trimmed[:start]) {
		return "", 0, false // part of a longer word: ハプログループi18n
	}
	if nn := trimmed[start:]; isNumeronym(nn) {
		return nn, start, true
	}
	return "", 0, false
}

// numeronymsIn returns the numeronyms written as words of text: i18n in
// 「i18n」と「l10n」は….
func numeronymsIn(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r >= utf8.RuneSelf || !isASCIIAlnum(byte(r)) }) {
		if isNumeronym(w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// isOtherAcronymAndKind reports whether a Japanese form is an acronym and
// one word after it, neither beginning with a letter or sound of the
// acronym's first: SMB プロトコル for CIFS; not GNU デバッガ for GDB, SCSI
// ホストバスアダプター for HBA, nor NATO サイバー防衛協力センター (more words).
func isOtherAcronymAndKind(ja, acronym string) bool {
	prefix, rest, ok := latinPrefix(ja)
	prefix = strings.TrimSpace(prefix)
	if !ok || !IsAcronym(prefix) || hasLatinLetter(rest) || acronym == "" || !isASCIILetter(acronym[0]) {
		return false
	}
	toks, err := segmentTerm(rest)
	if err != nil || len(toks) != 1 {
		return false
	}
	first := unicode.ToLower(rune(acronym[0]))
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.ToLower(rune(prefix[0])) != first && !letterSounds(byte(first), kanaConsonant(r))
}

// formerNameWords open a part that gives a former name: 旧 GMT, 旧称 X.
var formerNameWords = []string{"旧称", "旧名", "旧"}

// isFormerName reports whether a parenthesis's part gives a former name in
// Latin letters: 旧 GMT, 旧称 Ethereal.
func isFormerName(p string) bool {
	for _, w := range formerNameWords {
		if rest, ok := strings.CutPrefix(p, w); ok {
			rest = strings.TrimLeft(rest, " :")
			return isAcronymForm(rest) || isLatinWord(rest) || isEnglishPhrase(rest)
		}
	}
	return false
}

// mineOwnedAcronym mines an acronym written after the Latin word that
// begins the Japanese term before it, the name of its owner: Debian
// バグ追跡システム (Debian BTS) defines BTS. The term must define the
// acronym with or without that word.
func mineOwnedAcronym(before, content string) (Entry, int, bool) {
	owner, acronym, ok := strings.Cut(content, " ")
	if !ok || !isLatinWord(owner) || !IsAcronym(acronym) || isCode(acronym) || strings.Contains(acronym, " ") {
		return Entry{}, 0, false
	}
	lf, found := japaneseLongForm(before, "")
	if !found || lf.listed {
		return Entry{}, 0, false
	}
	rest, ok := strings.CutPrefix(lf.text, owner)
	if !ok || rest == "" || !hasJapanese(rest) || hasLatinLetter(rest) {
		return Entry{}, 0, false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r != ' ' && r < utf8.RuneSelf {
		return Entry{}, 0, false // the word goes on: Debianite
	}
	conf, ok := lf.definesAcronym(acronym)
	if !ok {
		cut := jaLongForm{text: strings.TrimSpace(rest), off: lf.off + len(lf.text) - len(strings.TrimSpace(rest)),
			toks: dropBefore(lf.toks, len(lf.text)-len(strings.TrimSpace(rest)))}
		if conf, ok = cut.definesAcronym(acronym); !ok {
			return Entry{}, 0, false
		}
	}
	return Entry{Acronym: acronym, Japanese: []string{lf.text}, Confidence: conf}, lf.off, true
}

// isShoutedWord reports whether s is a word of four capital letters or
// more, which may be an English word written in capitals (CAUTION) rather
// than an acronym.
func isShoutedWord(s string) bool {
	if len(s) < 4 {
		return false
	}
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// isHiraganaOnly reports whether s holds hiragana and nothing else but
// spaces.
func isHiraganaOnly(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hiragana, r):
			n++
		case r == ' ':
		default:
			return false
		}
	}
	return n > 0
}

// afterListedLatin reports whether s ends with a Latin word and a comma:
// what follows is the next item of a list (Ki, Mi, Gi).
func afterListedLatin(s string) bool {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	t, ok := strings.CutSuffix(t, ",")
	if !ok {
		t, ok = strings.CutSuffix(t, "、")
	}
	if !ok {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(t, unicode.IsSpace))
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// camelInitials reports whether w is one word of capitalised parts run
// together whose initials are the acronym's letters, all of them:
// NetworkManager (NM), not Firefox (FF).
func camelInitials(w, acronym string) bool {
	parts := camelParts(w)
	if len(parts) < 2 || strings.ContainsAny(w, " -") {
		return false
	}
	var in strings.Builder
	for _, p := range parts {
		in.WriteByte(p[0] | 0x20)
	}
	return in.String() == string(acronymLetters(acronym)) && len(acronymLetters(acronym)) == len(acronym)
}

// spellsWhole reports whether the acronym's letters match the English
// words whole, two words at least: LUKS, Linux Unified Key Setup.
func spellsWhole(acronym, en string) bool {
	m, ok := MatchLetters(acronym, en)
	return ok && m == en && isEnglishPhrase(en)
}

// capitalsSpell reports whether the capitals of English words written
// in mixed case, and only those, spell a lower-case short form: chsh
// (CHange SHell), mkfs (MaKe FileSystem). Every word must begin with a
// capital and one at least hold another.
func capitalsSpell(en, sf string) bool {
	var caps strings.Builder
	inner := false
	for _, w := range strings.Fields(en) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
		if strings.ToUpper(w) == w {
			return false // a word in capitals is no word of mixed case
		}
		for i, r := range w {
			if unicode.IsUpper(r) {
				caps.WriteRune(unicode.ToLower(r))
				inner = inner || i > 0
			}
		}
	}
	return inner && len(sf) >= 2 && caps.String() == sf
}

// workWords name a work, which a name in brackets after them attributes
// rather than translates: 写真 (Getty Images), 記事 (Reuters).
var workWords = map[string]bool{"写真": true, "画像": true, "映像": true, "動画": true, "記事": true, "出典": true,
	"出所": true, "資料": true}

// creditWords end a credit: 画像提供 (NASA), 写真撮影 (Reuters).
var creditWords = []string{"提供", "撮影", "制作", "作成", "引用"}

// isAttribution reports whether a Japanese form is a work word, or a
// term in kanji that ends with a credit word, and the English beside it a
// capitalised name: the bracket says who made or supplied the work.
func isAttribution(ja, en string) bool {
	if r, _ := utf8.DecodeRuneInString(en); !unicode.IsUpper(r) {
		return false
	}
	if workWords[ja] {
		return true
	}
	for _, w := range creditWords {
		if strings.HasSuffix(ja, w) && ja != w && isHanOnly(ja) {
			return true
		}
	}
	return false
}

// loanwordsUnspelt reports whether a Japanese long form has two katakana
// loanwords or more and no letter of the acronym sounds the first
// consonant of any: a kind of thing glossing an instance's code
// (相変化オプティカルストレージ (CD-RW)), not its long form, whose loanwords
// give letters (オペレーティングシステム (OS)).
func loanwordsUnspelt(ja, acronym string) bool {
	letters := acronymLetters(acronym)
	n := 0
	for w := range katakanaWordsOf(ja, 3) {
		sk := kanaSkeleton(w)
		r, _ := utf8.DecodeRuneInString(w)
		first := kanaConsonant(r)
		n++
		for _, l := range letters {
			if len(sk) > 0 && letterSounds(l, sk[0]) || letterSounds(l, first) {
				return false
			}
		}
	}
	return n >= 2
}

// acronymOnto returns the capitals that begin a Japanese form when a
// kanji or katakana word follows them without a space: RDP in RDPプロトコル.
func acronymOnto(ja string) (string, bool) {
	i := 0
	for i < len(ja) && ja[i] >= 'A' && ja[i] <= 'Z' {
		i++
	}
	if i < 2 || i > 6 || i == len(ja) {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(ja[i:])
	if !unicode.Is(unicode.Han, r) && !textnorm.IsKatakanaLetter(r) {
		return "", false
	}
	return ja[:i], true
}

// afterParticle reports whether s ends with a particle in hiragana (は,
// が, を, に, で, と, も), so a word after it begins a phrase.
func afterParticle(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, unicode.IsSpace))
	return strings.ContainsRune("はがをにでとも", r)
}

// isLetterInitials reports whether s is single letters joined by hyphens
// or dots: d-i, k.o.
func isLetterInitials(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '.' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) != 1 || !isASCIILetter(p[0]) {
			return false
		}
	}
	return true
}

// acronymAfter returns e with the acronym given by the content of a
// parenthesis that follows e's own when e has none and the acronym's
// letters spell one of e's English forms whole.
func acronymAfter(e Entry, content string) (Entry, bool) {
	if e.Acronym != "" || !isAcronymForm(content) || isCode(content) {
		return e, false
	}
	for _, en := range e.English {
		if m, ok := MatchLetters(content, en); ok && m == en && isEnglishPhrase(en) {
			e.Acronym = content
			e.Confidence = max(e.Confidence, ConfidenceLetters)
			return e, true
		}
	}
	return e, false
}

// dropConflicting removes the entries that relate an acronym to a Japanese
// form alone when the passage gives the acronym two such forms, neither
// holding the other: HSV (色相反時計回り) and HSV (色相時計回り) gloss variants
// of one thing, and name neither.
func dropConflicting(out []Entry) []Entry {
	conflict := map[string]bool{}
	for i, a := range out {
		for _, b := range out[i+1:] {
			if a.Acronym != "" && a.Acronym == b.Acronym && len(a.English) == 0 && len(b.English) == 0 &&
				len(a.Japanese) > 0 && len(b.Japanese) > 0 &&
				!strings.Contains(a.Japanese[0], b.Japanese[0]) && !strings.Contains(b.Japanese[0], a.Japanese[0]) {
				conflict[a.Acronym] = true
			}
		}
	}
	if len(conflict) == 0 {
		return out
	}
	return slices.DeleteFunc(out, func(e Entry) bool { return conflict[e.Acronym] && len(e.English) == 0 })
}

// findClose returns the offset and size of the parenthesis closing one
// opened just before from, or -1 when there is none within maxParenRunes or
// another parenthesis opens first.
func findClose(text string, from int) (int, int) {
	return findParenClose(text, from, true)
}

// findParenClose is findClose; inside another parenthesis (outer false)
// one may not close inside it, nor a full stop stand before it.
func findParenClose(text string, from int, outer bool) (int, int) {
	n := 0
	for j := from; j < len(text) && n <= maxParenRunes; n++ {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '）', ')':
			return j, size
		case '（', '(':
			// One parenthesis may close inside just before this one does:
			// (Work-Needing and Prospective Packages (WNPP)).
			if !outer {
				return -1, 0
			}
			if k, ksize := findParenClose(text, j+size, false); k >= 0 {
				if r2, size2 := utf8.DecodeRuneInString(text[k+ksize:]); r2 == '）' || r2 == ')' {
					return k + ksize, size2
				}
			}
			return -1, 0
		case '。':
			// A full stop ends the parenthesis's own sentence (（以下「SSA」と
			// いう。）) or opens a definer's (（Space Situational Awareness。以
			// 下「SSA」という。）); otherwise the sentence, unclosed.
			rest := text[j+size:]
			if !outer || !strings.HasPrefix(rest, "）") && !strings.HasPrefix(rest, ")") && !startsWithDefiner(rest) {
				return -1, 0
			}
		}
		j += size
	}
	return -1, 0
}

// appendUnique appends e unless an entry with the same forms is there.
func appendUnique(out []Entry, e Entry) []Entry {
	for i, o := range out {
		if o.Acronym == e.Acronym && strings.Join(o.English, "|") == strings.Join(e.English, "|") &&
			strings.Join(o.Japanese, "|") == strings.Join(e.Japanese, "|") {
			out[i].Confidence = max(o.Confidence, e.Confidence)
			return out
		}
	}
	return append(out, e)
}

// parenContent is what a parenthetical says.
type parenContent struct {
	acronym   string           // a short form, "" if none
	english   []string         // Latin-script expansions or names, "" if none
	japanese  []string         // Japanese forms given inside with a label (略称: 国連), rarely any
	alts      []string         // other Japanese names given inside without a label (ポテンシャルエナジー)
	plainJA   string           // the whole content when it is a Japanese term
	plainToks []analyzers.Word // plainJA's tokens
	clause    bool             // plainJA is a noun with a clause before it (譜を跨ぐ連桁), a term only as a translation
	clauseAlt []analyzers.Word // a Japanese part that is a noun with a clause before it (ソースからのビルド失敗), if one
	reading   string           // a kana reading given first (Wikipedia style), in katakana
	noted     bool             // the acronym comes with a note, so only letter evidence defines it
	inner     bool             // alts translate english, paired by a colon inside: (Name Service Switch: ネームサービススイッチ)
}

// mineParen looks at the parenthetical text[open:close] (content
// text[cStart:cEnd]).
func mineParen(id, text string, open, cStart, cEnd, close int) (Entry, bool) {
	content := normalizeParen(text[cStart:cEnd])
	if content == "" {
		return Entry{}, false
	}
	if e, start, ok := mineOwnedAcronym(strings.TrimRightFunc(text[:open], unicode.IsSpace), content); ok {
		e.Source = SourceCorpus
		e.Evidence = evidence(id, text[start:close])
		return e, true
	}
	if isNumeronym(content) {
		// A Japanese term and its numeronym: 国際化 (i18n), as i18n (国際化).
		before := strings.TrimRightFunc(text[:open], unicode.IsSpace)
		// A lexicon must render the term by the word the numeronym spells:
		// 翻訳 (l10n) is no localization.
		if lf, found := japaneseLongForm(before, ""); found && !isKatakanaWord(lf.text) && !hasLatinLetter(lf.text) &&
			!strings.Contains(lf.text, " ") && utf8.RuneCountInString(lf.text) >= 2 && lexiconSpellsNumeronym(content, lf.text) {
			return Entry{Acronym: content, Japanese: []string{lf.text}, Source: SourceCorpus, Confidence: ConfidenceNoLetters,
				Evidence: evidence(id, text[lf.off:close])}, true
		}
	}
	pc, ok := parseParen(content)
	if !ok {
		return Entry{}, false
	}
	if slices.ContainsFunc(pc.english, hasCodeIdentifier) || slices.ContainsFunc(pc.english, isReferenceNote) {
		// A variable, file or extension named (個人辞書 (skk-jisyo), TIFF 画像
		// (.tiff, .tif)), or a pointer elsewhere (see ML archives).
		return Entry{}, false
	}
	// A space may come between a term and its parenthesis: 名前付きパイプ (FIFO).
	before := strings.TrimRightFunc(text[:open], unicode.IsSpace)
	var e Entry
	var lfStart int
	switch {
	case pc.acronym != "":
		e, lfStart, ok = mineAcronym(before, pc)
		if (!ok || len(e.Forms()) < 2) && len(pc.english) == 0 && len(pc.japanese) == 0 && len(camelParts(pc.acronym)) >= 2 {
			// Capitalised words run together are a name as well as an
			// acronym: ハッシュ集合（HashSet）, where ハッシュ is heard in Hash;
			// a name glossed by common nouns alone says what kind of thing
			// it is (郊外電車（SuperVia）).
			e, lfStart, ok = mineLatin(before, parenContent{english: []string{pc.acronym}})
			ok = ok && len(e.Japanese) > 0 && loanwordHeard(e.Japanese[0], pc.acronym)
		}
	case len(pc.english) > 0:
		e, lfStart, ok = mineLatin(before, pc)
		suffixed := aliasSuffixAt(content) > 0
		if !ok && len(pc.english) == 1 && len(pc.alts) == 0 && len(pc.japanese) == 0 {
			// A numbered heading that is a term and its English alone: 5.14.2.1.
			// 時代遅れ (Out-of-date).
			if ja, jaStart, found := numberedHeadingTerm(text[:open], strings.TrimSpace(strings.TrimRight(text[close:], "¶ "))); found {
				e, lfStart, ok = Entry{English: pc.english, Japanese: []string{ja}, Confidence: ConfidenceNoLetters}, jaStart, true
			}
		}
		if !ok && (hasAliasWord(content) || suffixed) && len(pc.english) == 1 && len(pc.alts) == 0 && !isEnglishPhrase(pc.english[0]) {
			// Another name given as such, which no form need relate:
			// ビデオ (またの名を Totem), エラーメッセージ (bounce として知られます),
			// where a word of three letters or more stands alone after a
			// particle.
			if lf, found := japaneseLongForm(before, ""); found && (!lf.modified || lf.clauseStart ||
				suffixed && len(lf.toks) == 1 && utf8.RuneCountInString(lf.text) >= 3 && afterParticle(before[:lf.off])) {
				e, lfStart, ok = Entry{English: pc.english, Japanese: []string{lf.text}, Confidence: ConfidenceNoLetters}, lf.off, true
				if isLetterInitials(pc.english[0]) {
					// Letters joined by hyphens are initials: Debian インストーラ (d-i).
					e.Acronym, e.English = pc.english[0], nil
				}
			}
		}
	default:
		e, lfStart, ok = mineReversed(before, pc, strings.TrimSpace(text[close:]) == "")
	}
	if !ok {
		return Entry{}, false
	}
	if e.Acronym == "" && len(e.English) > 0 {
		// ABC とは、日本語 (English) の略称です: the sentence gives the acronym.
		if sf, start, ok := topicAcronym(text[:lfStart], text[close:], e.English); ok {
			e.Acronym, lfStart = sf, start
			e.Confidence = max(e.Confidence, ConfidenceEnglish)
		}
	}
	e.Source = SourceCorpus
	e.English = uniqueForms(e.English)
	e.Japanese = uniqueForms(e.Japanese)
	if e.Confidence == 0 || len(e.Forms()) < 2 {
		return Entry{}, false
	}
	if isKeyName(e.Acronym) {
		return Entry{}, false // a shortcut: ヘルプ (F1)
	}
	if inMenuItem(text[:lfStart]) {
		// An item of a menu path and the key that gives it, not its name:
		// パッケージ→情報 (enter), 問題解決→対象を表示 (Enter).
		return Entry{}, false
	}
	for _, f := range append(slices.Clone(e.Japanese), e.English...) {
		if Normalize(f) == Normalize(e.Acronym) || strings.ContainsRune(f, utf8.RuneError) {
			return Entry{}, false
		}
	}
	if e.Acronym == "" && len(e.English) == 1 && len(e.Japanese) == 1 {
		if sf, ok := acronymOnto(e.Japanese[0]); ok && spellsWhole(sf, e.English[0]) && endsOnLastWord(sf, e.English[0]) {
			// An acronym written onto a word for its kind, glossed by the
			// words it spells: RDPプロトコル (Remote Desktop Protocol),
			// SNI拡張 (Server Name Indication). The acronym is the name.
			e = Entry{Acronym: sf, English: e.English, Source: e.Source, Confidence: ConfidenceLetters}
		}
	}
	if e.Acronym == "" && len(e.English) == 1 && len(e.Japanese) == 1 && isAttribution(e.Japanese[0], e.English[0]) &&
		!hasAliasWord(content) && aliasSuffixAt(content) < 0 {
		return Entry{}, false // the source of a work: 写真 (Getty Images), 記事 (Reuters)
	}
	if e.Acronym == "" && len(e.English) == 1 && len(e.Japanese) == 1 && describesName(e.Japanese[0], e.English[0]) {
		return Entry{}, false // a kind of person or thing beside a name: 映画監督 (Steven Spielberg)
	}
	if e.Acronym != "" && len(e.English) == 0 && len(e.Japanese) == 1 && e.Confidence <= ConfidenceNoLetters &&
		loanwordsUnspelt(e.Japanese[0], e.Acronym) {
		return Entry{}, false
	}
	if e.Acronym != "" && len(e.English) == 0 && len(e.Japanese) == 1 && isOtherAcronymAndKind(e.Japanese[0], e.Acronym) {
		// Another acronym and a word for its kind name the thing by that
		// acronym: SMB プロトコル (「CIFS」としても知られています) gives two
		// Latin names, and no Japanese one.
		return Entry{}, false
	}
	for _, f := range e.Japanese {
		if strings.HasSuffix(f, "場合") {
			return Entry{}, false // a condition, not a name: DGETRF (実数行列の場合)
		}
	}
	e.Evidence = evidence(id, text[lfStart:close])
	return e, true
}

// mineAcronym mines a parenthetical that gives an acronym: 日本語（ABC）,
// English words (ABC), 日本語（ABC: English words）.
func mineAcronym(before string, pc parenContent) (Entry, int, bool) {
	if len(pc.english) == 0 && isCode(pc.acronym) {
		return Entry{}, 0, false // 西武第二球場(CAR3219)
	}
	e := Entry{Acronym: pc.acronym}
	lfStart := len(before)
	switch {
	case len(pc.english) > 0:
		e.English = pc.english
		e.Confidence = ConfidencePaired
		for _, en := range pc.english {
			if _, ok := MatchLetters(pc.acronym, en); ok {
				e.Confidence = ConfidenceLetters
			}
		}
		if lf, ok := japaneseLongForm(before, pc.reading); ok && lf.besideEnglish(pc.acronym, pc.english) {
			lf = lf.forEnglish(pc.english).alignToEnglish(pc.english)
			e.Japanese = []string{lf.text}
			lfStart = lf.off
		}
	default:
		if en, enStart, ok := englishLongForm(before, pc.acronym); ok {
			e.English = []string{en}
			e.Confidence = ConfidenceEnglish
			lfStart = enStart
			// A Japanese part that renders the English whole translates it:
			// Domain Specific Languages (ドメイン特化言語、DSLs).
			for _, alt := range pc.alts {
				if rendersWords(alt, en) || isKatakanaWord(alt) && transliterates(alt, en) {
					e.Japanese = append(e.Japanese, alt)
				}
			}
		} else if lf, ok := japaneseLongForm(before, pc.reading); ok && !pc.noted && keepsNumber(pc.acronym, lf.text) {
			lf = lf.afterConnector(pc.acronym)
			if item, list := lf.listItem(pc.acronym); list {
				lf = item
			}
			if conf, ok := lf.definesAcronym(pc.acronym); ok && !lf.listed {
				e.Japanese = []string{lf.text}
				e.Confidence = conf
				lfStart = lf.off
			}
		}
	}
	if len(e.Japanese) > 0 && len(e.English) == 0 || len(pc.english) > 0 && len(e.Japanese) > 0 {
		// Unlabelled Japanese parts are other names only beside a long
		// form: in テスト (旧来、GNU) 旧来 is a note.
		e.Japanese = append(e.Japanese, pc.alts...)
	}
	if len(pc.japanese) > 0 {
		e.Japanese = append(e.Japanese, pc.japanese...)
		if e.Confidence == 0 {
			e.Confidence = ConfidenceNoLetters
		}
	}
	return e, lfStart, true
}

// mineLatin mines a parenthetical that gives Latin words but no acronym:
// ABC (English words), ABC(English)日本語 written without brackets around the
// acronym (対衛星兵器ASAT(Anti-Satellite)), スターリンク（Starlink）,
// 生命の起源（せいめいのきげん、Origin of life）.
func mineLatin(before string, pc parenContent) (Entry, int, bool) {
	// An acronym, a head word and the acronym's expansion: MOTU チーム
	// (Masters Of The Universe), AIDE ツール (Advanced Intrusion Detection
	// Environment、…); KDE-PIM (Personal Information Manager の略語) names
	// the PIM after its last hyphen.
	if e, lfStart, ok := mineHeadedAcronym(before, pc); ok {
		return e, lfStart, true
	}
	// Reversed: the acronym before, its expansion inside.
	if sf, sfStart, ok := shortFormBefore(before); ok {
		for _, en := range pc.english {
			// The letters must not all fall in one word of several (not ACK
			// for delayed acknowledgment), nor the English hold the acronym
			// (not X.25 for X.25 DTE-DCE mode).
			if m, ok := MatchLetters(sf, en); ok && (m == en || countWords(m) >= 2) && (isEnglishPhrase(en) || strings.Contains(en, "-")) &&
				!containsAcronym(en, sf) {
				e := Entry{Acronym: sf, English: pc.english, Confidence: ConfidenceEnglish}
				lfStart := sfStart
				// A term written just before the acronym, without a break:
				// 対衛星兵器ASAT(Anti-Satellite).
				if r, _ := utf8.DecodeLastRuneInString(before[:sfStart]); unicode.In(r, unicode.Han, unicode.Katakana) {
					if lf, ok := japaneseLongForm(before[:sfStart], ""); ok && lf.besideEnglish(sf, pc.english) &&
						(lf.quoted || nameLike(lf.toks)) {
						lf = lf.forEnglish(pc.english)
						e.Japanese = []string{lf.text}
						lfStart = lf.off
					}
				}
				// Japanese parts beside an expansion whose letters match
				// translate it: ARP (アドレス解決プロトコル; Address Resolution Protocol).
				e.Japanese = append(e.Japanese, pc.alts...)
				e.Japanese = append(e.Japanese, pc.japanese...)
				// So does one with a clause before its noun when it has a word
				// for each English word: FTBFS (Fails To Build From Source、
				// ソースからのビルド失敗).
				if n, m := contentWords(pc.clauseAlt), len(englishContentWords(en)); len(pc.clauseAlt) > 0 && n >= m && n <= 2*m {
					e.Japanese = append(e.Japanese, joinTokens(pc.clauseAlt))
				}
				return e, lfStart, true
			}
		}
	}
	// A lower-case acronym (a program's name) before capitalised English
	// words whose initials it is, all of them: gpg (GNU Privacy Guard),
	// prelude-lml (Log Monitor Lackey).
	if sf, sfStart, ok := lowerShortFormBefore(before); ok {
		for _, en := range pc.english {
			if isEnglishPhrase(en) && isCapitalised(en) && initialsOf(en) == sf || capitalsSpell(en, sf) {
				return Entry{Acronym: sf, English: pc.english, Confidence: ConfidenceEnglish}, sfStart, true
			}
		}
	}
	// A translation paired with the English inside the parenthesis names
	// the same thing; the term before may not: その観測点（GNSS連続観測局：GNSS
	// Continuously Operating Reference Station）.
	if pc.inner {
		return Entry{English: pc.english, Japanese: append(slices.Clone(pc.alts), pc.japanese...),
			Confidence: ConfidenceNoLetters}, len(before), true
	}
	// A Japanese term and its reading: the reading fixes where it begins.
	if pc.reading != "" {
		if lf, ok := japaneseLongForm(before, pc.reading); ok && lf.byReading {
			return Entry{English: pc.english, Japanese: append(append([]string{lf.text}, pc.alts...), pc.japanese...),
				Confidence: ConfidenceReading}, lf.off, true
		}
	}
	// A katakana word and the Latin word it transliterates.
	if kata, kStart, ok := katakanaBefore(before); ok {
		for _, en := range pc.english {
			core, company := cutCompany(en)
			if company && transliterates(kata, core) {
				// 株式会社クリエイティヴ・リンク（Creative Link Corporation）
				if p, ok := strings.CutSuffix(before[:kStart], "株式会社"); ok {
					kStart = len(p)
				}
				return Entry{English: pc.english, Japanese: append(append([]string{before[kStart:]}, pc.alts...), pc.japanese...),
					Confidence: ConfidenceTransliterated}, kStart, true
			}
			if words := strings.Fields(en); len(words) >= 2 && !isCapitalised(en) && transliterates(kata, words[len(words)-1]) {
				// A loanword of the last English word alone leaves the
				// others to words before it: 移植作業者のアップロード
				// (porter upload), not アップロード. A name's surname
				// (スネルマン (Brita Snellman)) stays. A noun run before の
				// with a word for each other English word is that part.
				if p, ok := strings.CutSuffix(before[:kStart], "の"); ok {
					if lf, found := japaneseLongForm(p, ""); found && !lf.quoted && containsHan(lf.text) && !hasLatinLetter(lf.text) &&
						!strings.Contains(lf.text, " ") && runWords(lf.toks) >= len(words)-1 && runWords(lf.toks) <= 2*(len(words)-1) {
						return Entry{English: pc.english, Japanese: []string{lf.text + "の" + kata}, Confidence: ConfidenceModified}, lf.off, true
					}
				}
				continue
			}
			if transliterates(kata, en) && !loanwordOfOther(kata, en) || isSurnameOf(kata, en) && !afterName(before[:kStart]) && isNameWord(before[:kStart], kata) &&
				!wordBeforeRenders(before[:kStart], en) {
				// A prefix belongs to the word: 低レベルフォーマット (low level format).
				if p := prefixBefore(before[:kStart], kata); p > 0 {
					kStart -= p
					kata = before[kStart:]
				}
				return Entry{English: pc.english, Japanese: append(append([]string{kata}, pc.alts...), pc.japanese...),
					Confidence: ConfidenceTransliterated}, kStart, true
			}
		}
	}
	// A kanji term and its English name: 緩衝地帯 (Buffer zone); or a term of
	// Latin and katakana words: FBIアカデミー（FBI Academy）.
	if lf, ok := japaneseTerm(before, "", pc.english[0]); ok && lf.forEnglish(pc.english).lastListItem(pc.english[0]).translates(pc.english[0]) {
		lf = lf.forEnglish(pc.english).lastListItem(pc.english[0])
		// A handle after a person's name is no writing of it: 朝倉卓人
		// (wtsnjp). The name's words are read in context: alone, Kagome
		// reads 厳密 as a name too.
		if name := afterLatinTokens(lf.toks); isPersonName(name) && !romanisesName(name, pc.english[0]) {
			return Entry{}, 0, false
		}
		if len(pc.english) == 1 && len(englishWords(pc.english[0])) == 1 && len(lf.toks) == 1 && afterVerb(before[:lf.off]) &&
			!lexiconPairs(pc.english[0], lf.text) && !glossesAny(lf.toks, englishWords(pc.english[0])) {
			// One noun at the end of a relative clause is its head, and
			// the English word names the whole phrase, not the head: 障害と
			// なる理由 (blocker), not 理由, which no lexicon renders so.
			return Entry{}, 0, false
		}
		conf := ConfidenceNoLetters
		if lf.widened {
			conf = ConfidenceModified
		}
		// Latin words that begin the term and that the English does not
		// say are no part of what it translates: TCP 親和性 (friendliness),
		// POSIX アクセス制御リスト (Access Control List); an acronym whose
		// letters spell the English is its short form: IFS 内部フィールド区切り
		// 文字 (Internal Field Separator).
		if prefix, rest, ok := latinPrefix(lf.text); ok && !saysWords(pc.english, prefix) {
			cut := jaLongForm{text: rest, off: lf.off + len(lf.text) - len(rest), toks: dropBefore(lf.toks, len(lf.text)-len(rest))}
			if !hasJapanese(rest) || !cut.translates(pc.english[0]) {
				return Entry{}, 0, false
			}
			if 2*runWords(cut.toks) < len(englishContentWords(pc.english[0])) {
				// Too few words left to render the English: the Latin word
				// abbreviates some of it (XSL 変換 (Extensible Stylesheet
				// Language Transformation)).
				return Entry{English: pc.english, Japanese: append(append([]string{lf.text}, pc.alts...), pc.japanese...),
					Confidence: conf}, lf.off, true
			}
			if runWords(cut.toks) < len(englishContentWords(pc.english[0])) && isCapitalised(pc.english[0]) {
				// One word left for a name of more: a head noun of the Latin
				// name (DDSKK 本体 (Emacs Lisp)), what the name is written in.
				return Entry{}, 0, false
			}
			e := Entry{English: pc.english, Japanese: append(append([]string{rest}, pc.alts...), pc.japanese...), Confidence: conf}
			if sf := strings.TrimSpace(prefix); IsAcronym(sf) && !strings.Contains(sf, " ") {
				for _, en := range pc.english {
					if m, ok := MatchLetters(sf, en); ok && m == en && endsOnLastWord(sf, en) {
						e.Acronym = sf
						e.Confidence = ConfidenceLetters
						return e, lf.off, true
					}
				}
				if _, ok := MatchLetters(sf, pc.english[0]); ok {
					// An abbreviation of some of the English words: DoS 攻撃
					// (denial of service attack) is the term whole.
					return Entry{English: pc.english, Japanese: append(append([]string{lf.text}, pc.alts...), pc.japanese...),
						Confidence: conf}, lf.off, true
				}
			}
			return e, cut.off, true
		}
		return Entry{English: pc.english, Japanese: append(append([]string{lf.text}, pc.alts...), pc.japanese...),
			Confidence: conf}, lf.off, true
	}
	return Entry{}, 0, false
}

// latinPrefix splits a Japanese term into the Latin words and spaces that
// begin it and the rest: "Xerox NS " and ルーティング情報プロトコル; a
// Latin word written against the Japanese, lower case, is one too
// (wnpp擬似パッケージ: wnpp and 擬似パッケージ).
func latinPrefix(s string) (prefix, rest string, ok bool) {
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && s[j] != ' ' {
			j++
		}
		if j > i && j < len(s) && s[j] >= utf8.RuneSelf && isLowerWord(s[i:j]) {
			i = j
			break
		}
		if j == i || j >= len(s) || s[j] != ' ' || !hasLatinLetter(s[i:j]) {
			break
		}
		i = j + 1
	}
	if i == 0 || i >= len(s) {
		return "", "", false
	}
	return s[:i], s[i:], true
}

// isLowerWord reports whether w is two or more lower-case letters.
func isLowerWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := range len(w) {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// saysWords reports whether one of the English forms holds one of the
// Latin words of prefix, ignoring case: PCI 設定空間 (PCI configuration
// space), Debian インストーラー (debian-installer).
func saysWords(english []string, prefix string) bool {
	for _, w := range strings.Fields(prefix) {
		for _, en := range english {
			if strings.Contains(strings.ToLower(en), strings.ToLower(w)) {
				return true
			}
		}
	}
	return false
}

// dropBefore returns the tokens from the one at byte n of the first
// token's text on.
func dropBefore(toks []analyzers.Word, n int) []analyzers.Word {
	if len(toks) == 0 {
		return toks
	}
	base := toks[0].Position
	for i, t := range toks {
		if t.Position-base >= n {
			return toks[i:]
		}
	}
	return nil
}

// topicAcronym returns the acronym that a sentence sets as its topic
// before a long form and says the long form abbreviates after it: IRC in
// IRC とは、インターネットリレーチャット (Internet Relay Chat) の略称です.
// The acronym's letters must match one of the English forms whole.
func topicAcronym(before, after string, english []string) (string, int, bool) {
	hasSuffix := false
	after = strings.TrimLeftFunc(after, unicode.IsSpace)
	for _, w := range abbreviationSuffixes {
		if strings.HasPrefix(after, w) {
			hasSuffix = true
		}
	}
	if !hasSuffix {
		return "", 0, false
	}
	b := strings.TrimRightFunc(before, unicode.IsSpace)
	b = strings.TrimRight(b, "、,")
	var ok bool
	if b, ok = strings.CutSuffix(b, "とは"); !ok {
		if b, ok = strings.CutSuffix(b, "は"); !ok {
			return "", 0, false
		}
	}
	sf, start, ok := shortFormBefore(b)
	if !ok || afterLatinWord(b[:start]) {
		return "", 0, false
	}
	for _, en := range english {
		if m, ok := MatchLetters(sf, en); ok && m == en && endsOnLastWord(sf, en) {
			return sf, start, true
		}
	}
	return "", 0, false
}

// latinPartOf reports whether a Latin word of two letters or more among
// the tokens begins with the acronym's first letter.
func latinPartOf(toks []analyzers.Word, acronym string) bool {
	for _, t := range toks {
		if isLatinToken(t) && len(t.Surface) >= 2 && strings.EqualFold(t.Surface[:1], acronym[:1]) {
			return true
		}
	}
	return false
}

// isKeyName reports whether s names a function key (F1 … F24), which a
// parenthesis gives as a shortcut, not as an abbreviation.
func isKeyName(s string) bool {
	return len(s) >= 2 && len(s) <= 3 && s[0] == 'F' && isDigits(s[1:])
}

// inMenuItem reports whether a term that begins after before is part of
// the last item of a menu path, written after an arrow with no space or
// punctuation between: 問題解決→対象を表示 (Enter).
func inMenuItem(before string) bool {
	i := strings.LastIndex(before, "→")
	return i >= 0 && !strings.ContainsFunc(before[i+len("→"):], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	})
}

// maxHeadRunes bounds the head word written between an acronym and its
// expansion in a parenthesis: MOTU チーム (Masters Of The Universe).
const maxHeadRunes = 6

// mineHeadedAcronym mines an acronym whose expansion in the parenthesis
// is separated from it by a head word (AIDE ツール (Advanced Intrusion
// Detection Environment)) or names the last part of a hyphenated name
// (KDE-PIM (Personal Information Manager)). Without the acronym just
// before the parenthesis the letters must match the English whole, from
// its first word: one of the English parts must be all the acronym spells.
func mineHeadedAcronym(before string, pc parenContent) (Entry, int, bool) {
	sf, sfStart, ok := shortFormBefore(before)
	if !ok {
		sf, sfStart, ok = shortFormBeforeHead(before)
	} else if head, last, cut := cutLastHyphen(sf); cut && IsAcronym(last) && IsAcronym(head) {
		for _, en := range pc.english {
			if _, whole := MatchLetters(sf, en); whole {
				return Entry{}, 0, false // the acronym's own expansion: the reversed case
			}
		}
		sf, sfStart = last, sfStart+len(head)+1
	} else {
		return Entry{}, 0, false
	}
	if !ok {
		return Entry{}, 0, false
	}
	for _, en := range pc.english {
		if m, ok := MatchLetters(sf, en); ok && m == en && isEnglishPhrase(en) && endsOnLastWord(sf, en) &&
			!containsAcronym(en, sf) {
			return Entry{Acronym: sf, English: []string{en}, Confidence: ConfidenceEnglish}, sfStart, true
		}
	}
	return Entry{}, 0, false
}

// endsOnLastWord reports whether the acronym's last letter begins the
// last word of en, so the English ends where the acronym does: DoS for
// denial of service, not denial of service attack.
func endsOnLastWord(acronym, en string) bool {
	words := strings.FieldsFunc(en, func(r rune) bool { return r == ' ' || r == '-' })
	last := strings.TrimRight(acronym, "s")
	if len(words) == 0 || last == "" {
		return false
	}
	a, _ := utf8.DecodeLastRuneInString(last)
	w, _ := utf8.DecodeRuneInString(words[len(words)-1])
	return unicode.ToLower(a) == unicode.ToLower(w)
}

// shortFormBeforeHead returns the acronym written before a head word of
// katakana or kanji that ends before (MOTU チーム, AIDE ツール) and its
// byte offset.
func shortFormBeforeHead(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start, n := len(trimmed), 0
	var kind *unicode.RangeTable
	for start > 0 && n <= maxHeadRunes {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
		k := unicode.Han
		if textnorm.IsKatakanaLetter(r) || r == textnorm.LongVowel {
			k = unicode.Katakana
		} else if !unicode.Is(unicode.Han, r) {
			break
		}
		if kind != nil && k != kind {
			break
		}
		kind = k
		start -= size
		n++
	}
	if n < 2 || n > maxHeadRunes {
		return "", 0, false
	}
	rest := trimmed[:start]
	if r, _ := utf8.DecodeLastRuneInString(rest); r != ' ' {
		return "", 0, false // the acronym is written onto the word: NATOサイバー
	}
	sf, sfStart, ok := shortFormBefore(rest)
	if !ok || afterLatinWord(rest[:sfStart]) {
		return "", 0, false
	}
	return sf, sfStart, true
}

// companyDesignators end a company's English name; Japanese writes 株式会社
// before it or nothing.
var companyDesignators = []string{", Inc.", " Inc.", " Corporation", " Corp.", ", Ltd.", " Ltd.", " Co., Ltd.",
	" Company", " Limited"}

// cutCompany returns en without the company designator that ends it, and
// whether there was one.
func cutCompany(en string) (string, bool) {
	for _, d := range companyDesignators {
		if core, ok := strings.CutSuffix(en, d); ok && core != "" {
			return core, true
		}
	}
	return en, false
}

// isSurnameOf reports whether the katakana kata transliterates the last
// word of the person's name en, capitalised words: スネルマン（Brita
// Snellman）.
func isSurnameOf(kata, en string) bool {
	words := strings.Fields(en)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || !isLatinWord(w) {
			return false
		}
	}
	return transliterates(kata, words[len(words)-1])
}

// wordBeforeRenders reports whether the kanji word that ends before is
// given by a lexicon for one of the English words of en but its last:
// 衛星 for Satellite in 衛星コンステレーション（Satellite Constellation）,
// a term of two words rather than a person's surname after a title.
func wordBeforeRenders(before, en string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if !unicode.Is(unicode.Han, r) {
		return false
	}
	start := len(before)
	for n := 0; start > 0 && n < 8; n++ {
		_, size := utf8.DecodeLastRuneInString(before[:start])
		start -= size
	}
	toks, err := segmentTerm(before[start:])
	if err != nil || len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1].Surface
	words := strings.Fields(en)
	for _, w := range words[:len(words)-1] {
		if lexiconPairs(w, last) || lexiconPairs(strings.ToLower(w), last) {
			return true
		}
	}
	return false
}

// isNameWord reports whether Kagome reads kata, after the text before it,
// as a name or a word it does not know (スネルマン; not リスト in
// アクセス制御リスト, a common noun there).
func isNameWord(before, kata string) bool {
	start := len(before)
	for n := 0; start > 0 && n < 8; n++ {
		_, size := utf8.DecodeLastRuneInString(before[:start])
		start -= size
	}
	toks, err := analyzers.Segment(before[start:] + kata)
	if err != nil {
		return false
	}
	from := len(before) - start
	for _, t := range toks {
		if t.Position+len(t.Surface) <= from {
			continue
		}
		if t.Known && posAt(t, 1) != "固有名詞" {
			return false
		}
	}
	return true
}

// afterName reports whether before ends with a proper noun (西武 in
// 西武ライオンズ), which then begins the name.
func afterName(before string) bool {
	start := len(before)
	for n := 0; start > 0 && n < 8; n++ {
		_, size := utf8.DecodeLastRuneInString(before[:start])
		start -= size
	}
	window := before[start:]
	if window == "" {
		return false
	}
	toks, err := analyzers.Segment(window)
	if err != nil {
		return true
	}
	if len(toks) == 0 {
		return false
	}
	last := toks[len(toks)-1]
	return !last.Known || posAt(last, 1) == "固有名詞" || isLatinToken(last)
}

func containsHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// mineReversed mines a parenthetical that gives a Japanese term after an
// acronym or a Latin name: SSA（宇宙状況監視）, Starlink（スターリンク）.
//
// heading is true when the parenthesis ends the text: a heading or an
// index entry, where English words and a clause that ends in a noun are a
// term and its translation even without a loanword heard in them.
func mineReversed(before string, pc parenContent, heading bool) (Entry, int, bool) {
	if sf, sfStart, ok := shortFormBefore(before); ok && !afterLatinWord(before[:sfStart]) {
		if isShoutedWord(sf) && !pc.clause && lexiconPairs(strings.ToLower(sf), pc.plainJA) && !afterKatakana(before[:sfStart]) &&
			!lexiconAcronym(sf) {
			// A word in capitals, a heading or a sidebar's name, that a
			// lexicon pairs with the gloss and knows as no acronym: CULTURE
			// (文化), CAUTION (注意); not ASCII (アスキー).
			return Entry{English: []string{sf}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, sfStart, true
		}
		if isCode(sf) || afterKatakana(before[:sfStart]) {
			return Entry{}, 0, false // ハプログループI2a (Y染色体)
		}
		if afterListedLatin(before[:sfStart]) && strings.Contains(pc.plainJA, "・") {
			// A list's gloss after its last item: Ki, Mi, Gi (バイナリのキロ・メガ・ギガ).
			return Entry{}, 0, false
		}
		lf := jaLongForm{text: pc.plainJA, toks: pc.plainToks}
		if strings.Contains(pc.plainJA, " ") && !latinPartOf(pc.plainToks, sf) || pc.clause {
			// A note more often than a name: LWP (スレッド ID); but a name's
			// Latin part may begin a letter of it: TGA (TARGA 画像アダプター).
			return Entry{}, 0, false
		}
		if parts := camelParts(sf); len(parts) >= 2 && isKatakanaWord(pc.plainJA) && transliterates(pc.plainJA, strings.Join(parts, " ")) {
			// A name written in capitalised words run together, and its
			// transliteration: HashSet（ハッシュセット）, not a reading of
			// letters.
			return Entry{English: []string{sf}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceTransliterated}, sfStart, true
		}
		if isAcronymReading(sf, pc.plainJA) {
			return Entry{}, 0, false // a reading given after the acronym: AZIK （エイズィック）
		}
		if conf, ok := lf.definesAcronym(sf); ok {
			return Entry{Acronym: sf, Japanese: []string{pc.plainJA}, Confidence: conf}, sfStart, true
		}
		return Entry{}, 0, false
	}
	// A numeronym, the first and last letters of a long word and the
	// count of those between, glossed by a Japanese term: i18n (国際化).
	if nn, nnStart, ok := numeronymBefore(before); ok && !pc.clause && !strings.Contains(pc.plainJA, " ") &&
		utf8.RuneCountInString(pc.plainJA) >= 2 && !isKatakanaWord(pc.plainJA) {
		return Entry{Acronym: nn, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, nnStart, true
	}
	// Letters that also read as a Roman numeral (LV, 55) are an acronym
	// when the gloss spells them out, by its readings' initials or a
	// word-by-word rendering: LV (論理ボリューム).
	if sf, sfStart, ok := romanShortFormBefore(before); ok && !pc.clause && !strings.Contains(pc.plainJA, " ") {
		if readingInitials(pc.plainToks, sf) || translationInitials(pc.plainToks, sf) {
			return Entry{Acronym: sf, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, sfStart, true
		}
	}
	if !isKatakanaWord(pc.plainJA) {
		// English words and their translation with a loanword heard in
		// them: East Caribbean Dollar（東カリブ・ドル）. Without one a
		// Japanese parenthetical after English is as often a note (下記参照,
		// 複数可) as a translation, unless the English is a term of two
		// words or more and the Japanese a kanji term with a word for each
		// of them: fuzz factor (曖昧度合い), private key (秘密鍵).
		if en, enStart, ok := englishTermBefore(before); ok {
			lf := jaLongForm{text: pc.plainJA, toks: pc.plainToks}
			_, _, judged, heard := lf.loanwords(en)
			switch {
			case !lf.translates(en):
			case pc.clause:
				// A noun with a clause before it translates English words
				// when a loanword of it is heard in them and it has a word for
				// each: cross-staff arpeggio (譜を跨ぐアルペジオ).
				if (heard > 0 || heading && enStart == 0 && !joinsTerms(en)) && isTermPhrase(en) && contentWords(pc.plainToks) >= len(englishContentWords(en)) &&
					contentWords(pc.plainToks) <= 2*len(englishContentWords(en)) {
					return Entry{English: []string{en}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, enStart, true
				}
			case heard > 0:
				return Entry{English: []string{en}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceTransliterated}, enStart, true
			case judged == 0 && isTermPhrase(en) && !hasLatinLetter(pc.plainJA) && rendersWords(pc.plainJA, en):
				return Entry{English: []string{en}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, enStart, true
			case utf8.RuneCountInString(pc.plainJA) >= 2 && lexiconPairs(en, pc.plainJA):
				// A lexicon gives the Japanese as the word's translation:
				// name (名前), essential (必須).
				return Entry{English: []string{en}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceNoLetters}, enStart, true
			}
		}
		return Entry{}, 0, false
	}
	if en, enStart, ok := latinBefore(before, pc.plainJA); ok {
		return Entry{English: []string{en}, Japanese: []string{pc.plainJA}, Confidence: ConfidenceTransliterated}, enStart, true
	}
	return Entry{}, 0, false
}

// joinsTerms reports whether English words join two terms with "and" or
// "or" (lyrics and beaming): a heading about two things, not a name.
func joinsTerms(en string) bool {
	for _, w := range strings.Fields(en) {
		if w == "and" || w == "or" || w == "&" {
			return true
		}
	}
	return false
}

// isTermPhrase reports whether English words before a Japanese
// parenthetical read as a term of two words or more rather than a
// fragment of a sentence (or both, on the wire) or one hyphenated option
// name (edit-sources, program-file).
//
// Its words are either all capitalised (Osamu Aoki, a name) or none
// (private key): a capitalised word before lower-case ones is a name the
// translation may leave out (Sun remote procedure call (遠隔手続き呼び出し)).
func isTermPhrase(en string) bool {
	words := strings.Fields(en)
	if len(words) < 2 || nameFunctionWords[strings.ToLower(words[0])] {
		return false
	}
	upper := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return upper == 0 || upper == len(words)
}

// keepsNumber reports whether a Japanese long form may name what an
// acronym with a number after a space names: it must have a number too
// (UNEF I: 第一次国際連合緊急軍; not TAB コード for ASCII 9, the code's value).
func keepsNumber(acronym, japanese string) bool {
	return !strings.Contains(acronym, " ") || strings.ContainsAny(japanese, japaneseNumerals)
}

// japaneseNumerals are the digits a Japanese term may write a number with.
const japaneseNumerals = "0123456789０１２３４５６７８９一二三四五六七八九十"

// maxTermWords bounds the English words taken before a Japanese
// parenthetical.
const maxTermWords = 5

// englishTermBefore returns the English words that end before, when they
// are all the Latin text there is (one to maxTermWords words of letters,
// after Japanese text, punctuation or nothing): East Caribbean Dollar in
// ドミニカの通貨はEast Caribbean Dollar（東カリブ・ドル）; not the last words
// of an English sentence, an identifier (RLIMIT_FSIZE, foo.conf) nor a
// version (Debian 4.0).
func englishTermBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
		if !isLatinLetter(r) && r != ' ' && r != '-' && r != '\'' {
			break
		}
		start -= size
	}
	for start < len(trimmed) && (trimmed[start] == ' ' || trimmed[start] == '-') {
		start++ // a list's bullet: - Debian Policy Manual
	}
	if r, _ := utf8.DecodeLastRuneInString(trimmed[:start]); start > 0 && r != '-' && r != ' ' && r < utf8.RuneSelf &&
		(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_./-$@'\"`\\", r)) {
		return "", 0, false // part of an identifier, a path or a longer token
	}
	if afterLatinComma(trimmed[:start]) {
		return "", 0, false // the end of an inverted heading: header, page (ページヘッダ)
	}
	en := trimmed[start:]
	words := strings.Fields(en)
	if len(words) == 0 || len(words) > maxTermWords || IsAcronym(en) {
		return "", 0, false
	}
	for _, w := range words {
		if !isLatinWord(w) && !nameFunctionWords[strings.ToLower(w)] || isCodeIdentifier(w) {
			return "", 0, false
		}
	}
	return en, start, true
}

// isCode reports whether an acronym holds a run of three digits or more:
// a code or a model number (CAR3219), which abbreviates no words.
func isCode(acronym string) bool {
	run := 0
	for i := range len(acronym) {
		if acronym[i] >= '0' && acronym[i] <= '9' {
			run++
			if run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// afterKatakana reports whether s ends with a katakana letter or ー: an
// acronym written right after it belongs to the katakana word (ハプログループI2a).
func afterKatakana(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return textnorm.IsKatakanaLetter(r) || r == textnorm.LongVowel
}

// uniqueForms removes forms equal under Normalize to an earlier one.
func uniqueForms(forms []string) []string {
	var out []string
	for _, f := range forms {
		if f != "" && !containsNorm(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func containsNorm(ss []string, s string) bool {
	for _, x := range ss {
		if Normalize(x) == Normalize(s) {
			return true
		}
	}
	return false
}

// normalizeParen returns the content of a parenthetical in NFKC, with
// Unicode hyphens as "-" (OTH‐B) and white space collapsed.
func normalizeParen(raw string) string {
	return strings.Join(strings.Fields(normalizeApostrophes(normalizeHyphens(norm.NFKC.String(raw)))), " ")
}

// normalizeApostrophes writes as "'" the marks that stand for an
// apostrophe between two Latin letters (d’Eclairage, d`Eclairage,
// Commission’s), which NFKC leaves alone.
func normalizeApostrophes(s string) string {
	if !strings.ContainsAny(s, "\u2019\u2018`\u00B4\u02BC") {
		return s
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		switch rs[i] {
		case '\u2019', '\u2018', '`', '\u00B4', '\u02BC':
			if isLatinLetter(rs[i-1]) && isLatinLetter(rs[i+1]) {
				rs[i] = '\''
			}
		}
	}
	return string(rs)
}

// normalizeHyphens replaces the Unicode hyphens and minus signs NFKC
// leaves alone with "-".
func normalizeHyphens(s string) string {
	if !strings.ContainsAny(s, "\u2010\u2011\u2012\u2013\u2212\uFE63") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\uFE63':
			return '-'
		}
		return r
	}, s)
}

// evidence formats the defining text with the passage id.
func evidence(id, s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxEvidenceRune {
		s = string([]rune(s)[:maxEvidenceRune]) + "…"
	}
	if id == "" {
		return s
	}
	return id + ": " + s
}

// Labels inside Wikipedia-style parentheticals.
var (
	englishLabels = map[string]bool{"英": true, "英語": true, "英称": true, "英名": true, "英語名": true,
		"英文": true, "英語表記": true, "英表記": true, "英文名": true, "英文表記": true, "英語名称": true}
	shortLabels = map[string]bool{"略称": true, "略": true, "略語": true, "英略称": true, "英略": true,
		"英略語": true, "略号": true}
)

// definerWords introduce a name rather than belong to it: 通称ノーラッド,
// （以下、QKD）, （略称JCP）.
var definerWords = []string{"以下", "通称", "略称", "正式名称", "いわゆる", "略して", "縮めて"}

// noteLabels open a note (訳注: a translator's).
var noteLabels = map[string]bool{"訳注": true, "原注": true, "注": true, "註": true}

// aliasSuffixes end a parenthesis that gives another name: (名前付きパイプ
// ともいう), (regexp としても知られます).
var aliasSuffixes = []string{"としても知られ", "として知られ", "とも呼ばれ", "とも言い", "ともいい", "ともいう", "とも言う", "とも言われ", "ともいわれ"}

// aliasSuffixAt returns the offset of the alias suffix in s, which must
// end the parenthesis (with a verb ending of at most 8 bytes after it),
// or -1.
func aliasSuffixAt(s string) int {
	for _, w := range aliasSuffixes {
		if i := strings.LastIndex(s, w); i > 0 && len(s)-i-len(w) <= 18 && !strings.ContainsAny(s[i+len(w):], "、,。") {
			return i
		}
	}
	return -1
}

// englishDefiners open English words that expand the acronym before
// them: (which stands for Basic Input/Output System), (short for …).
var englishDefiners = []string{"which stands for ", "that stands for ", "stands for ", "standing for ", "short for ",
	"abbreviation of ", "abbreviation for ", "an abbreviation of ", "an abbreviation for "}

// abbreviationSuffixes end English words that an acronym abbreviates:
// (Personal Information Manager の略語).
var abbreviationSuffixes = []string{"の略語", "の略称", "の頭字語", "の略"}

// aliasWords introduce another name inside a parenthesis (（別名NORAD）) but
// begin compounds before one (別名定義 (alias)).
var aliasWords = []string{"またの名を", "またの名は", "またの名", "別名", "別称", "愛称"}

// hasAliasWord reports whether a parenthetical's content opens with an
// alias word: what follows is another name of the term before.
func hasAliasWord(content string) bool {
	for _, w := range aliasWords {
		if strings.HasPrefix(content, w) {
			return true
		}
	}
	return false
}

// startsWithDefiner reports whether s opens with a definer word.
func startsWithDefiner(s string) bool {
	for _, w := range definerWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// definerSuffixes end a definer's sentence: （以下「SSA」という。）.
var definerSuffixes = []string{"という", "と呼ぶ", "と称する", "とする", "と略す", "と略称する", "と表記する"}

// stripDefinerSuffix removes a full stop and a definer's verb from the
// end of s, with the quotation marks that then enclose it: 「SSA」という。
// is SSA.
func stripDefinerSuffix(s string) string {
	t := strings.TrimSpace(strings.TrimRight(s, "。. "))
	for _, w := range definerSuffixes {
		if rest, ok := strings.CutSuffix(t, w); ok {
			return strings.TrimSpace(strings.Trim(strings.TrimSpace(rest), "「」『』\"“”"))
		}
	}
	return s
}

// stripDefiner removes a definer word and the punctuation after it from
// the start of s.
func stripDefiner(s string) string {
	for _, w := range definerWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return trimQuoted(strings.TrimLeft(rest, " 、,:"))
		}
	}
	return s
}

// trimQuoted removes the quotation marks that enclose s, or that open it
// with none closing: 「SOG」 is SOG.
func trimQuoted(s string) string {
	for _, q := range [][2]string{{"「", "」"}, {"『", "』"}} {
		if rest, ok := strings.CutPrefix(s, q[0]); ok {
			if inner, ok := strings.CutSuffix(rest, q[1]); ok && !strings.Contains(inner, q[1]) {
				return inner
			}
			if !strings.Contains(rest, q[1]) {
				return rest
			}
		}
	}
	return s
}

// stripParenDefiner is stripDefiner for a parenthetical's content or part,
// where alias words define too.
func stripParenDefiner(s string) string {
	for _, w := range aliasWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			return trimQuoted(strings.TrimLeft(rest, " 、,:"))
		}
	}
	return stripDefiner(s)
}

// parseParen reads a normalised parenthetical. ok is false when the content
// is not a definition.
func parseParen(content string) (pc parenContent, ok bool) {
	// A separator with nothing after it, where a citation or an example was
	// left out: (TDS, ).
	content = strings.TrimRight(content, " ,、;")
	// A definer's sentence: (Space Situational Awareness。以下「SSA」という。)
	// reads as (Space Situational Awareness、以下、SSA).
	if strings.Contains(content, "。") {
		var parts []string
		for _, p := range strings.Split(content, "。") {
			// 以下同じ: the same name hereafter.
			if p = strings.TrimSpace(p); p != "" && p != "以下同じ" {
				parts = append(parts, stripDefinerSuffix(stripParenDefiner(p)))
			}
		}
		content = strings.Join(parts, "、")
	} else if t := stripDefinerSuffix(stripParenDefiner(content)); t != stripParenDefiner(content) {
		content = t
	}
	// An equals sign that marks the content as the same thing: (=push).
	content = strings.TrimSpace(strings.TrimPrefix(content, "="))
	// A loanword and the word it transliterates, joined by an equals sign:
	// 根っこ (ルート = root).
	if k, l, ok := strings.Cut(content, "="); ok {
		k, l = strings.TrimSpace(k), strings.TrimSpace(l)
		if isKatakanaWord(k) && (isLatinWord(l) || isEnglishPhrase(l)) && transliterates(k, l) {
			return parenContent{english: []string{l}, alts: []string{k}, inner: true}, true
		}
	}
	// A part that opens with a word of explanation begins a note, which
	// runs to the end: (企業間取引、言い換えると、…).
	for _, w := range explanationWords {
		if i := strings.Index(content, "、"+w); i > 0 {
			content = content[:i]
		}
	}
	// English words and their acronym in a parenthesis of its own, inside:
	// (Work-Needing and Prospective Packages (WNPP)). No other content
	// holding a parenthesis is read.
	if strings.ContainsAny(content, "()（）") {
		open := strings.LastIndexAny(content, "(（")
		inner := strings.TrimRight(content[open:], ")）")
		_, size := utf8.DecodeRuneInString(inner)
		inner = strings.TrimSpace(inner[size:])
		en := strings.TrimSpace(content[:open])
		if strings.HasSuffix(content, ")") || strings.HasSuffix(content, "）") {
			if isAcronymForm(inner) && isEnglishPhrase(en) && !strings.ContainsAny(en, "()（）") && spellsWhole(inner, en) {
				return parenContent{acronym: inner, english: []string{en}}, true
			}
		}
		return pc, false
	}
	// "SF: English, with commas" as a whole.
	if l, r, found := cutColon(content); found && IsAcronym(l) && isEnglishPhrase(r) && lettersMatch(l, r) {
		return parenContent{acronym: l, english: []string{r}}, true
	} else if found && isEnglishPhrase(l) && IsAcronym(r) && lettersMatch(r, l) {
		return parenContent{acronym: r, english: []string{l}}, true
	}
	content = stripParenDefiner(content)
	// Two names the thing is called by, a Japanese term and an acronym
	// joined by や, name each other: (「対称型マルチプロセッシング」や SMP と呼ばれている).
	if acr, ja, ok := calledByTwo(content); ok {
		return parenContent{acronym: acr, japanese: []string{ja}}, true
	}
	// Another name given as one the thing is also known by: (名前付きパイプ
	// ともいう), (「CIFS」としても知られています).
	if i := aliasSuffixAt(content); i > 0 {
		content = strings.Trim(strings.TrimSpace(content[:i]), "「」『』\"“”")
		// Two Latin names joined by または: (regexp または regex としても知られます).
		if l, r, ok := strings.Cut(content, " または "); ok && isLatinWord(l) && isLatinWord(r) {
			return parenContent{english: []string{l, r}}, true
		}
	}
	// English words that say they expand the acronym before: (which
	// stands for Basic Input/Output System).
	for _, w := range englishDefiners {
		if rest, ok := strings.CutPrefix(content, w); ok && isEnglishPhrase(rest) {
			content = rest
			break
		}
	}
	// English words that say what they abbreviate: (Personal Information
	// Manager の略語).
	for _, w := range abbreviationSuffixes {
		if rest, ok := strings.CutSuffix(content, w); ok && isEnglishPhrase(strings.TrimSpace(rest)) {
			content = strings.TrimSpace(rest)
			break
		}
	}
	if isAcronymForm(content) {
		return parenContent{acronym: content}, true
	}
	// English words in quotation marks, the whole content: UEFI
	// (「Unified Extensible Firmware Interface」).
	if inner, ok := quotedWhole(content); ok && isEnglishPhrase(inner) {
		content = inner
	}
	parts := joinDesignators(strings.FieldsFunc(content, func(r rune) bool { return r == '、' || r == ',' || r == ';' }))
	if len(parts) == 1 {
		// English - ACRONYM
		if l, r, found := strings.Cut(content, " - "); found && isEnglishPhrase(l) && isAcronymForm(r) {
			return parenContent{acronym: r, english: []string{l}}, true
		}
	}
	if len(parts) == 1 && isEnglishPhrase(content) || isLatinWord(content) {
		return parenContent{english: []string{content}}, true
	}
	if len(parts) == 1 && !strings.Contains(content, ":") {
		if toks, ok := japaneseNounPhrase(content); ok && utf8.RuneCountInString(content) >= 2 {
			return parenContent{plainJA: content, plainToks: toks}, true
		}
		if toks, ok := japaneseClausePhrase(content); ok {
			return parenContent{plainJA: content, plainToks: toks, clause: true}, true
		}
		return pc, false
	}
	if pc, ok := parseParts(parts); ok {
		return pc, true
	}
	// A katakana word first, then notes or other spellings: Yahoo（ヤフー、
	// 定型: yahoo!）, Laos（ラウス、または、ラオス）. Only a Latin word it
	// transliterates or an acronym it spells takes it (see mineReversed).
	if len(parts) == 0 {
		return pc, false
	}
	if first := strings.TrimSpace(parts[0]); isKatakanaWord(first) && utf8.RuneCountInString(first) >= 2 {
		if toks, ok := japaneseNounPhrase(first); ok {
			return parenContent{plainJA: first, plainToks: toks}, true
		}
	}
	if isEnglishPhrase(content) && len(parts) == 2 {
		// English words with a comma: Department of Defense, United States
		// (three parts or more are a list: Itapemirim, Cometa, Expresso Brasileiro)
		return parenContent{english: []string{content}}, true
	}
	return pc, false
}

// numberedHeadingTerm returns the Japanese term that makes a numbered
// heading (5.14.2.1. 時代遅れ) with nothing else before the parenthesis, and
// after it (rest) nothing, and its offset.
func numberedHeadingTerm(before, rest string) (string, int, bool) {
	if rest != "" {
		return "", 0, false
	}
	i := 0
	for i < len(before) && (before[i] >= '0' && before[i] <= '9' || before[i] == '.') {
		i++
	}
	if i == 0 || before[i-1] != '.' || i >= len(before) || before[i] != ' ' {
		return "", 0, false
	}
	ja := strings.TrimSpace(before[i:])
	start := i + len(before[i:]) - len(strings.TrimLeft(before[i:], " "))
	if !containsHan(ja) || hasLatinLetter(ja) || isKatakanaWord(ja) || strings.Contains(ja, " ") {
		return "", 0, false
	}
	if _, ok := japaneseNounPhrase(ja); !ok {
		return "", 0, false
	}
	return ja, start, true
}

// calledByTwo reads a parenthesis that gives two names, a Japanese term and
// an acronym joined by や, under と呼ばれ: (「対称型マルチプロセッシング」や SMP
// と呼ばれている).
func calledByTwo(content string) (acronym, ja string, ok bool) {
	const called = "と呼ばれ"
	i := strings.LastIndex(content, called)
	if i <= 0 || len(content)-i-len(called) > 18 || strings.ContainsAny(content[i+len(called):], "、,。") {
		return "", "", false
	}
	l, r, found := strings.Cut(content[:i], "や")
	if !found {
		return "", "", false
	}
	unquote := func(s string) string {
		return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "「」『』\"“”"))
	}
	l, r = unquote(l), unquote(r)
	if isAcronymForm(l) {
		l, r = r, l
	}
	if !isAcronymForm(r) || strings.Contains(r, " ") || hasLatinLetter(l) || !containsHan(l) && !isKatakanaWord(l) {
		return "", "", false
	}
	toks, ok := japaneseNounPhrase(l)
	if !ok {
		return "", "", false
	}
	// The term must define the acronym as a long form before it would.
	if _, ok := (jaLongForm{text: l, toks: toks}).definesAcronym(r); !ok {
		return "", "", false
	}
	return r, l, true
}

// quotedWhole returns the text inside quotation marks that hold all of s:
// 「Unified Extensible Firmware Interface」.
func quotedWhole(s string) (string, bool) {
	for _, q := range [][2]string{{"「", "」"}, {"『", "』"}, {"“", "”"}, {"\"", "\""}} {
		if inner, ok := strings.CutPrefix(s, q[0]); ok {
			if inner, ok = strings.CutSuffix(inner, q[1]); ok && !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1]) {
				return strings.TrimSpace(inner), inner != ""
			}
		}
	}
	return "", false
}

// designatorParts are the company designators written after a comma
// (J-CAST, Inc.; Sony Co., Ltd.).
var designatorParts = map[string]bool{"Inc.": true, "Inc": true, "Ltd.": true, "Ltd": true, "Co.": true,
	"Corp.": true, "LLC": true, "L.L.C.": true, "S.A.": true, "plc": true, "PLC": true, "GmbH": true, "AG": true}

// joinDesignators joins to the part before it a part that is a company
// designator: J-CAST, Inc. is one name, not two.
func joinDesignators(parts []string) []string {
	out := parts[:0:0]
	for _, p := range parts {
		t := strings.TrimSpace(p)
		if n := len(out); n > 0 && designatorParts[t] && hasLatinLetter(out[n-1]) {
			out[n-1] = strings.TrimSpace(out[n-1]) + ", " + t
			continue
		}
		out = append(out, p)
	}
	return out
}

// parseParts reads a parenthetical's parts, separated by 、 , or ;.
func parseParts(parts []string) (pc parenContent, ok bool) {
	var gloss bool  // a Japanese part that is not a term
	var paired bool // the English is labelled or paired with the acronym by a colon or dash
	for i, p := range parts {
		p = stripParenDefiner(strings.TrimSpace(p))
		label, val, labelled := cutColon(p)
		switch {
		case p == "":
			// 以下、QKD
		case labelled && (englishLabels[label] || strings.HasSuffix(label, "語") && hasLatinLetter(val)):
			// 英: North Atlantic Treaty Organization, NATO; 伊語: Ritmo
			if isEnglishPhrase(val) || isLatinWord(val) {
				pc.english = append(pc.english, val)
				paired = true
			} else if !strings.HasSuffix(label, "語") || englishLabels[label] {
				return pc, false
			}
		case labelled && shortLabels[label]:
			switch {
			case isAcronymForm(val):
				pc.acronym = val
			case isJapaneseNounPhrase(val):
				pc.japanese = append(pc.japanese, val)
			}
		case labelled && isAcronymForm(label) && isEnglishPhrase(val) && lettersMatch(label, val):
			// An acronym and its expansion joined by a colon; without
			// letters in common the acronym is a label (NOTE: this is
			// optional, TODO: Fix The Parser), and the part a note.
			pc.acronym = label
			pc.english = append(pc.english, val)
			paired = true
		case labelled && isEnglishPhrase(label) && isAcronymForm(val) && lettersMatch(val, label):
			pc.acronym = val
			pc.english = append(pc.english, label)
			paired = true
		case labelled && isEnglishPhrase(label) && !hasLatinLetter(val) && isJapaneseNounPhrase(val):
			// English words and their translation: URI (Uniform Resource
			// Identifier: 統一資源識別子); a Japanese term that does not render
			// them whole describes them and is left out.
			pc.english = append(pc.english, label)
			if rendersWords(val, label) {
				pc.alts = append(pc.alts, val)
				pc.inner = true
			}
		case labelled && isEnglishPhrase(val) && isCapitalised(val) && isJapaneseNounPhrase(label) && rendersWords(label, val) &&
			!loanwordUnheard(label, val):
			// A translation and the English name it renders: NSS
			// (ネームサービススイッチ: Name Service Switch). Lower-case words
			// after a label are values, not names: (キーワード: no rewrite).
			pc.english = append(pc.english, val)
			pc.alts = append(pc.alts, label)
			pc.inner = true
		case labelled && noteLabels[label] && !strings.Contains(val, ":"):
			// A translator's note that says what the term abbreviates:
			// LTO（訳注：Link Time Optimizationの略）.
			for _, w := range abbreviationSuffixes {
				if rest, ok := strings.CutSuffix(val, w); ok && isEnglishPhrase(strings.TrimSpace(rest)) {
					pc.english = append(pc.english, strings.TrimSpace(rest))
					break
				}
			}
		case labelled:
			// another language or a note (仏: …, 独: …): ignored
		case isAcronymForm(p):
			if pc.acronym != "" {
				return pc, false
			}
			pc.acronym = p
		case isEnglishPhrase(p) && strings.Contains(p, " - "):
			// Eastern European Time - EET
			l, r, _ := strings.Cut(p, " - ")
			if !isAcronymForm(r) || pc.acronym != "" {
				return pc, false
			}
			pc.english = append(pc.english, l)
			pc.acronym = r
			paired = true
		case isEnglishPhrase(p) || isLatinWord(p):
			pc.english = append(pc.english, p)
		case isReading(p) && i == 0:
			pc.reading = toKatakana(p)
		case i > 0 && isFormerName(p):
			// A former name, of something else strictly: 協定世界時 (UTC、旧 GMT).
		case i > 0 && etceteraWords[p]:
			return pc, false // examples, not names of one thing: (vimrc、プラグイン、その他)
		case isNote(p) && i > 0, i > 0 && strings.HasPrefix(p, "記号"):
			// a unit's symbol: ヘクトメートル（hectometre, 記号hm）
			// Gustav Mahler, 1860年7月7日 - 1911年5月18日
		case isMeaningNote(p):
			gloss = true // fixup, 修理の意味
		case !hasLatinLetter(p) && (isKatakanaWord(p) || isJapaneseNounPhrase(p)):
			pc.alts = append(pc.alts, p)
		case hasJapanese(p) && !hasLatinLetter(p):
			if toks, ok := japaneseClausePhrase(p); ok && i > 0 && pc.clauseAlt == nil {
				pc.clauseAlt = toks
			}
			gloss = true // read the fine manual、良く書かれているマニュアルを読みましょう
		case i > 0 && isPredicateNote(p):
			// A sentence about the term, naming other things in Latin
			// letters: (Advanced Intrusion Detection Environment、aide
			// パッケージに含まれます).
			gloss = true
		default:
			return pc, false
		}
	}
	if gloss && pc.acronym != "" && len(pc.english) == 0 && len(pc.japanese) == 0 && len(pc.alts) == 0 {
		// An acronym with a note: only English words before it whose
		// letters it matches define it (Filesystem Hierarchy Standard
		// (FHS、…を規定した文書)), a Japanese term not (（SSA、2019年度から）).
		return parenContent{acronym: pc.acronym, noted: true}, true
	}
	if gloss && pc.acronym != "" && len(pc.english) == 1 && len(pc.alts) == 0 && len(pc.japanese) == 0 && spellsWhole(pc.acronym, pc.english[0]) {
		// An acronym and the English words its letters spell, then a
		// sentence about it: (LUKS、Linux Unified Key Setup、のおかげで…).
		return parenContent{acronym: pc.acronym, english: pc.english, noted: true}, true
	}
	if gloss && (len(pc.english) == 0 || pc.acronym != "") {
		return pc, false // a note: （SSA、2019年度から）
	}
	if pc.acronym != "" && len(pc.english) > 0 && !paired &&
		!slices.ContainsFunc(pc.english, func(en string) bool { _, ok := MatchLetters(pc.acronym, en); return ok }) {
		return pc, false // a list of names: (GTK、Mozilla Thunderbird), (Solaris, FreeBSD)
	}
	if pc.acronym == "" && len(pc.english) == 0 {
		return pc, false
	}
	if len(pc.english) > 2 {
		return pc, false // a list, not names of one thing
	}
	return pc, true
}

// rendersWords reports whether the Japanese term ja may translate the
// English words en whole: a translation has a word for each English word
// that is no function word (統一資源識別子 for Uniform Resource Identifier,
// ファイル終端 for End Of File; not 品質システム評価, three words, for the
// seven of Associazione Nazionale dei Valutatori di Sistemi Qualita, which
// it only describes, nor the note 後述 after collating element).
func rendersWords(ja, en string) bool {
	toks, ok := japaneseNounPhrase(ja)
	if !ok {
		return false
	}
	n := 0
	for _, t := range toks {
		if t.Surface != "・" && !isSpaceToken(t) && !isNoParticle(t) {
			n++
		}
	}
	words := 0
	for _, w := range englishWords(en) {
		if !nameFunctionWords[strings.ToLower(w)] {
			words++
		}
	}
	// Far more words explain rather than translate: call graph (関数コールの
	// 親子関係のグラフ).
	return n >= words && n <= 2*words
}

// loanwordUnheard reports whether the Japanese term ja has loanwords none
// of which is heard in the English en: then it names something else
// (フォント名: Utopia Bold).
func loanwordUnheard(ja, en string) bool {
	toks, ok := japaneseNounPhrase(ja)
	if !ok {
		return true
	}
	_, _, judged, heard := jaLongForm{text: ja, toks: toks}.loanwords(en)
	return judged > 0 && heard == 0
}

// japaneseClausePhrase returns the tokens of s if it is a noun with a
// short clause before it, as a heading translates English words: 譜を跨ぐ
// 連桁, 歌曲における合図. Its last token is a noun, it holds a verb or a
// particle other than の, and no punctuation.
func japaneseClausePhrase(s string) ([]analyzers.Word, bool) {
	if !hasJapanese(s) || utf8.RuneCountInString(s) > maxJapaneseLF || isReading(s) || hasLatinLetter(s) {
		return nil, false
	}
	toks, err := segmentTerm(s)
	if err != nil {
		return nil, false
	}
	if len(toks) < 3 || len(toks) > maxLFTokens {
		return nil, false
	}
	if !nounLike(toks[0]) || !canStart(toks[0]) || !nounLike(toks[len(toks)-1]) || !canEnd(toks[len(toks)-1]) || namesAction(toks) {
		return nil, false
	}
	clause := false
	for _, t := range toks {
		switch p0 := posAt(t, 0); {
		case nounLike(t):
		case p0 == "動詞" || p0 == "助動詞" || p0 == "助詞" && !isNoParticle(t):
			clause = true
		case isNoParticle(t):
		default:
			return nil, false
		}
	}
	return toks, clause
}

// contentWords counts the tokens of a Japanese phrase other than
// particles, auxiliaries, ・ and spaces.
func contentWords(toks []analyzers.Word) int {
	n := 0
	for _, t := range toks {
		if p0 := posAt(t, 0); p0 != "助詞" && p0 != "助動詞" && t.Surface != "・" && !isSpaceToken(t) {
			n++
		}
	}
	return n
}

// englishContentWords returns the words of en other than function words.
func englishContentWords(en string) []string {
	var out []string
	for _, w := range englishWords(en) {
		if !nameFunctionWords[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return out
}

// isCapitalised reports whether every word of the English en that is no
// function word begins with a capital: Message Of The Day.
func isCapitalised(en string) bool {
	for _, w := range strings.Fields(en) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !nameFunctionWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// isPredicateNote reports whether a parenthetical's part mixing Latin and
// Japanese is a sentence rather than a name: it ends in a verb or an
// auxiliary (aide パッケージに含まれます, X11 で動作する), not in a noun
// (Debian パッケージトラッカー).
func isPredicateNote(p string) bool {
	if !hasJapanese(p) || !hasLatinLetter(p) {
		return false
	}
	toks, err := analyzers.Segment(p)
	if err != nil || len(toks) < 3 {
		return false
	}
	last := toks[len(toks)-1]
	for i := len(toks) - 1; i > 0 && posAt(last, 0) == "記号"; i-- {
		last = toks[i-1]
	}
	p0 := posAt(last, 0)
	return p0 == "動詞" || p0 == "助動詞"
}

// isMeaningNote reports whether a Japanese part tells what a word means
// rather than names it: 修理の意味, 白い蓮の花の意.
func isMeaningNote(p string) bool {
	return strings.HasSuffix(p, "の意味") || strings.HasSuffix(p, "の意")
}

// explanationWords open a note that explains what comes before it rather
// than name it.
var explanationWords = []string{"言い換えると", "言いかえると", "つまり", "すなわち", "例えば", "たとえば"}

// etceteraWords end a list of examples.
var etceteraWords = map[string]bool{"その他": true, "など": true, "等": true, "etc.": true, "etc": true, "...": true, "…": true}

// isAcronymForm reports whether s is an acronym, maybe with a Roman or
// Arabic numeral after a space (UNAVEM II, UNEF I).
func isAcronymForm(s string) bool {
	if IsAcronym(s) {
		return true
	}
	head, num, ok := strings.Cut(s, " ")
	if !ok || !IsAcronym(head) || strings.ContainsRune(num, ' ') {
		return false
	}
	for i := range len(num) {
		if !strings.ContainsRune("IVX0123456789", rune(num[i])) {
			return false
		}
	}
	return num != ""
}

// isNote reports whether s is a date or number note: 1860年7月7日 - 1911年.
func isNote(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("年月日頃 -~?.", r):
		default:
			return false
		}
	}
	return digit
}

func hasLatinLetter(s string) bool {
	for _, r := range s {
		if isLatinLetter(r) {
			return true
		}
	}
	return false
}

// isLatinLetter reports whether r is a letter of the Latin script (with
// diacritics: ç, ü) other than a full-width one.
func isLatinLetter(r rune) bool {
	return unicode.Is(unicode.Latin, r) && unicode.IsLetter(r) && (r < 0xFF00 || r > 0xFFEF)
}

// toKatakana converts hiragana to katakana.
func toKatakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// cutColon splits "label: value" on the first ASCII colon (NFKC has made
// "：" one). A colon between lower-case letters or digits is no label's:
// it is written inside a format, a time or an address (hh:mm:dd, 12:30,
// http://), which is then no label and no name.
func cutColon(s string) (label, value string, ok bool) {
	i := strings.IndexByte(s, ':')
	if i < 0 {
		return "", "", false
	}
	if i > 0 && i+1 < len(s) && isLowerOrDigit(s[i-1]) && (isLowerOrDigit(s[i+1]) || s[i+1] == '/') {
		return "", "", false
	}
	l, r := s[:i], s[i+1:]
	l, r = strings.TrimSpace(l), strings.TrimSpace(r)
	if l == "" || r == "" {
		return "", "", false
	}
	return l, r, true
}

// camelParts splits a word written in capitalised words run together
// (HashSet, DebConf, PowerPoint) into them, when it is one: two or more
// parts, each a capital and two lower-case letters or more. Otherwise it
// returns nil (CyCon, SSA, iPhone, Starlink).
func camelParts(w string) []string {
	var parts []string
	start := 0
	for i := 1; i <= len(w); i++ {
		if i < len(w) && !(w[i] >= 'A' && w[i] <= 'Z') {
			continue
		}
		part := w[start:i]
		if len(part) < 3 || !(part[0] >= 'A' && part[0] <= 'Z') {
			return nil
		}
		for j := 1; j < len(part); j++ {
			if part[j] < 'a' || part[j] > 'z' {
				return nil
			}
		}
		parts = append(parts, part)
		start = i
	}
	if len(parts) < 2 {
		return nil
	}
	return parts
}

// loanwordHeard reports whether a katakana word of the Japanese term ja
// is heard in the English en, split at its capitals (ハッシュ in HashSet).
func loanwordHeard(ja, en string) bool {
	words := append([]string{en}, camelParts(en)...)
	for k := range katakanaWordsOf(ja, 2) {
		if slices.ContainsFunc(words, func(w string) bool { return transliterates(k, w) }) {
			return true
		}
	}
	return false
}

// katakanaWordsOf yields the katakana words of at least minRunes characters
// that the Japanese term ja segments into, none where it does not
// segment.
func katakanaWordsOf(ja string, minRunes int) iter.Seq[string] {
	return func(yield func(string) bool) {
		toks, err := segmentTerm(ja)
		if err != nil {
			return
		}
		for _, t := range toks {
			if isKatakanaWord(t.Surface) && utf8.RuneCountInString(t.Surface) >= minRunes && !yield(t.Surface) {
				return
			}
		}
	}
}

// lettersMatch reports whether the acronym's letters match the English
// words (MatchLetters).
func lettersMatch(acronym, en string) bool {
	_, ok := MatchLetters(acronym, en)
	return ok
}

func isLowerOrDigit(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// IsAcronym reports whether s looks like an acronym: 2 to 10 ASCII
// letters, digits and & . / -, beginning with a letter or digit, with an
// upper-case letter, upper case dominating (CyCon and C4ISR qualify; a
// Roman numeral or a plain word does not).
func IsAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 || !isASCIIAlnum(s[0]) {
		return false
	}
	upper, lower := 0, 0
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= '0' && c <= '9', c == '&', c == '.', c == '/', c == '-':
		default:
			return false
		}
	}
	if upper == 0 || isRomanNumeral(s) {
		return false
	}
	return upper >= lower || s[0] >= 'A' && s[0] <= 'Z' && upper >= 2
}

// isRomanNumeral reports whether s is a Roman numeral below 90, written
// with I, V, X and L as names, chapters and lists number things (II, IV,
// XIV, XL). Other runs of the letters are acronyms: XML, DVD and MIDI are
// no numerals, and CD, MC and CLI are read as acronyms rather than 400,
// 1100 and 151.
func isRomanNumeral(s string) bool {
	return romanNumeralRE.MatchString(s)
}

var romanNumeralRE = regexp.MustCompile(`^(XL|L?X{0,3})(IX|IV|V?I{0,3})$`)

// isEnglishPhrase reports whether s is two or more Latin words, mostly
// letters, such as "Space Situational Awareness" (or "Forças Armadas
// Portuguesas": any Latin script).
func isEnglishPhrase(s string) bool {
	if words := countWords(s); words < 2 || words > 16 {
		return false
	}
	letters, n := 0, 0
	for _, r := range s {
		n++
		switch {
		case isLatinLetter(r):
			letters++
		case r == ' ', r == '-', r == '\'', r == '&', r == '.', r == ',', r == '/', r == '(', r == ')',
			r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters*2 >= n
}

// countWords counts the words of s separated by white space.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// isLatinWord reports whether s is one Latin word of two letters or more
// that is not an acronym: Starlink, verzuiling, Anti-Satellite.
func isLatinWord(s string) bool {
	if utf8.RuneCountInString(s) < 2 || IsAcronym(s) || strings.ToUpper(s) == s {
		return false // an acronym or a Roman numeral (CC)
	}
	// A number may end it after a hyphen: Yinghuo-1.
	if head, num, ok := cutLastHyphen(s); ok && isDigits(num) {
		s = head
	}
	letters := 0
	for i, r := range s {
		switch {
		case isLatinLetter(r):
			letters++
		case (r == '-' || r == '\'') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return letters >= 2
}

func cutLastHyphen(s string) (string, string, bool) {
	i := strings.LastIndexByte(s, '-')
	if i <= 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isReading reports whether s is a kana reading (よみ, ひがしヨーロッパじかん):
// kana with some hiragana.
func isReading(s string) bool {
	hiragana := false
	for _, r := range s {
		switch {
		case r == 'の' && strings.Count(s, "の") == 1 && !isHiraganaOnly(strings.ReplaceAll(s, "の", "")):
			// の joining katakana words: アップストリームのメンテナー.
		case unicode.Is(unicode.Hiragana, r):
			hiragana = true
		case textnorm.IsKatakanaLetter(r) || r == 'ー' || r == ' ' || r == '・':
		default:
			return false
		}
	}
	return hiragana && !isLoanwordPhrase(s)
}

// isLoanwordPhrase reports whether kana text is katakana words joined by
// hiragana that are grammar alone, particles, auxiliaries and forms of
// する, as Kagome reads them: カスタマイズされたフレットダイアグラム is a
// phrase, not a reading.
func isLoanwordPhrase(s string) bool {
	toks, err := segmentTerm(s)
	if err != nil {
		return false
	}
	kana := 0
	for _, t := range toks {
		switch {
		case isKatakanaWord(t.Surface):
			if utf8.RuneCountInString(t.Surface) >= 2 {
				kana++
			}
		case !t.Known || t.Surface == "と" || t.Surface == "や" || t.Surface == "か":
			return false // a list of loanwords is read as the other rules say: アーティキュレーションとスラー
		case posAt(t, 0) == "助詞" || posAt(t, 0) == "助動詞" || posAt(t, 0) == "動詞" && (posAt(t, 1) == "接尾" || isSuruForm(t.Surface)):
		default:
			return false
		}
	}
	return kana >= 2
}

// isSuruForm reports whether a verb token is a form of する after a
// verbal noun: さ in カスタマイズされた, し in インストールした.
func isSuruForm(s string) bool {
	switch s {
	case "さ", "し", "する", "すれ", "せ", "しろ", "せよ":
		return true
	}
	return false
}

// hasJapanese reports whether s holds a kanji or kana.
func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// isJapaneseNounPhrase reports whether s is a short Japanese term made of
// noun-like tokens only.
func isJapaneseNounPhrase(s string) bool {
	_, ok := japaneseNounPhrase(s)
	return ok
}

// japaneseNounPhrase returns the tokens of s if it is a short Japanese term
// made of noun-like tokens only.
func japaneseNounPhrase(s string) ([]analyzers.Word, bool) {
	if !hasJapanese(s) || utf8.RuneCountInString(s) > maxJapaneseLF || isReading(s) {
		return nil, false
	}
	toks, err := segmentTerm(s)
	if err != nil {
		return nil, false
	}
	if len(toks) == 0 || len(toks) > maxLFTokens {
		return nil, false
	}
	for i, t := range toks {
		// A space may come next to a Latin name: Debian パッケージトラッカー.
		if isSpaceToken(t) && i > 0 && i < len(toks)-1 && (isNameToken(toks[i-1]) || isNameToken(toks[i+1])) {
			continue
		}
		// の may join two nouns: パーセント繰り返しのカウンタ.
		if isNoParticle(t) && i > 0 && i < len(toks)-1 && nounLike(toks[i-1]) && nounLike(toks[i+1]) {
			continue
		}
		if !nounLike(t) || i == 0 && !canStart(t) || i == len(toks)-1 && !canEnd(t) {
			return nil, false
		}
	}
	return toks, true
}

// segmentTerm is analyzers.Segment for a term: a kanji verb stem that a
// kanji follows without a kana ending is read as the noun it is inside a
// compound (預 in 現金自動預払機, which Kagome, not knowing 預払, reads as
// the verb 預る): a clause has kana for its endings and particles. So is
// a one-kanji adverb before a kanji word a prefix (極 in 極超音速).
func segmentTerm(s string) ([]analyzers.Word, error) {
	toks, err := analyzers.Segment(s)
	if err != nil {
		return nil, err
	}
	for i, t := range toks {
		if posAt(t, 0) == "形容詞" && i+1 < len(toks) && (toks[i+1].Surface == "さ" || toks[i+1].Surface == "み") &&
			posAt(toks[i+1], 1) == "接尾" {
			// An adjective's stem and さ or み make a noun: 長さ, 重み.
			toks[i].POS = []string{"名詞", "一般", "*", "*"}
			continue
		}
		if !isHanOnly(t.Surface) || i+1 == len(toks) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(toks[i+1].Surface); !unicode.Is(unicode.Han, r) {
			continue
		}
		if posAt(t, 0) == "副詞" && utf8.RuneCountInString(t.Surface) == 1 {
			// A one-kanji adverb before a kanji word prefixes it: 極 in
			// 極超音速滑空兵器.
			toks[i].POS = []string{"接頭詞", "名詞接続", "*", "*"}
			continue
		}
		if posAt(t, 0) != "動詞" {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(toks[i-1].Surface); !unicode.Is(unicode.Han, r) {
				continue
			}
		}
		toks[i].POS = []string{"名詞", "一般", "*", "*"}
	}
	return toks, nil
}

// isHanOnly reports whether s is written in kanji alone.
func isHanOnly(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// isNoParticle reports whether a token is the adnominal particle の.
func isNoParticle(t analyzers.Word) bool {
	return t.Surface == "の" && posAt(t, 0) == "助詞" && posAt(t, 1) == "連体化"
}

// posAt returns the i-th level of a token's part of speech ("" if none).
func posAt(t analyzers.Word, i int) string {
	if i < len(t.POS) {
		return t.POS[i]
	}
	return ""
}

// nounLike reports whether a token may be part of a Japanese long form.
func nounLike(t analyzers.Word) bool {
	if t.Surface == "・" || isKatakanaWord(t.Surface) {
		// A katakana token is part of a word even when Kagome tags it
		// otherwise: it splits words it does not know (メンテナ as メンテ
		// and the particle ナ).
		return true
	}
	if !hasLetterOrDigit(t.Surface) {
		return false // a symbol Kagome does not know, tagged as a noun: } or .
	}
	switch posAt(t, 0) {
	case "名詞":
		p1 := posAt(t, 1)
		return p1 != "非自立" && p1 != "代名詞"
	case "接頭詞":
		return true
	}
	return false
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// canStart reports whether a long form may begin with the token.
func canStart(t analyzers.Word) bool {
	p1 := posAt(t, 1)
	return t.Surface != "・" && p1 != "接尾" && p1 != "数" && p1 != "副詞可能"
}

// canEnd reports whether a long form may end with the token.
func canEnd(t analyzers.Word) bool {
	return t.Surface != "・" && posAt(t, 0) != "接頭詞"
}

// quotedBefore returns the term in 「」 or 『』 that ends before.
func quotedBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	r, size := utf8.DecodeLastRuneInString(trimmed)
	var opener rune
	switch r {
	case '」':
		opener = '「'
	case '』':
		opener = '『'
	default:
		return "", 0, false
	}
	inner := trimmed[:len(trimmed)-size]
	j := len(inner)
	for n := 0; j > 0 && n <= maxQuotedRunes; n++ {
		c, sz := utf8.DecodeLastRuneInString(inner[:j])
		if c == opener {
			q := joinLines(inner[j:])
			if q == "" || !hasJapanese(q) || strings.ContainsAny(q, "。「」『』") {
				return "", 0, false
			}
			return q, j - sz, true
		}
		if c == '。' || c == '\n' && n > 0 && j >= 1 && inner[j-1] == '\n' {
			return "", 0, false
		}
		j -= sz
	}
	return "", 0, false
}

// joinLines removes line breaks and the white space around them between
// Japanese characters, and collapses other white space.
func joinLines(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(f[0])
	for _, w := range f[1:] {
		prev, _ := utf8.DecodeLastRuneInString(b.String())
		next, _ := utf8.DecodeRuneInString(w)
		if prev >= utf8.RuneSelf && next >= utf8.RuneSelf {
			b.WriteString(w)
			continue
		}
		b.WriteByte(' ')
		b.WriteString(w)
	}
	return b.String()
}

// englishLongForm finds the English words before "(ABC)" whose letters
// match the acronym, within the Schwartz & Hearst window of
// min(|SF|+5, 2|SF|) words, and returns them with their byte offset.
func englishLongForm(before, sf string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	// English words in quotation marks: “general resolution” (GR),
	// 「Debian Free Software Guidelines」 (DFSG).
	for _, q := range []string{"”", "\"", "」", "』"} {
		if t, ok := strings.CutSuffix(trimmed, q); ok {
			trimmed = t
			break
		}
	}
	start := len(trimmed)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
		if isApostropheIn(trimmed, start-size, size) {
			start -= size // d’Eclairage, d`Eclairage
			continue
		}
		if r >= utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" -'&/", r)) {
			break
		}
		start -= size
	}
	// Word start offsets within trimmed.
	var starts []int
	for i := start; i < len(trimmed); i++ {
		if trimmed[i] != ' ' && (i == start || trimmed[i-1] == ' ') {
			starts = append(starts, i)
		}
	}
	limit := min(len(sf)+5, 2*len(sf))
	if len(starts) > limit {
		starts = starts[len(starts)-limit:]
	}
	if len(starts) == 0 {
		return "", 0, false
	}
	window := normalizeApostrophes(trimmed[starts[0]:])
	lf, ok := MatchLetters(sf, window)
	if !ok || !isEnglishPhrase(lf) && !(strings.Contains(lf, "-") && isLatinWord(lf)) && !camelInitials(lf, sf) {
		return "", 0, false
	}
	off := -1
	for _, s := range starts {
		if normalizeApostrophes(trimmed[s:]) == lf {
			off = s
			break
		}
	}
	if o := len(trimmed) - len(lf); off < 0 && o >= 0 && trimmed[o:] == lf {
		off = o
	}
	if off < 0 {
		return "", 0, false
	}
	off = nameBefore(trimmed, start, off)
	lf = trimmed[off:] // as written: d`Eclairage
	if q, ok := strings.CutSuffix(lf, "'"); ok && off > 0 && strings.ContainsRune("`'", rune(trimmed[off-1])) {
		lf = q // the closing mark of a quotation: `Omega Translation Processes' (OTPs)
	}
	// A possessive before the parenthesis is the sentence's, not the
	// name's: The Debian Project leader's (DPL) role.
	for _, p := range []string{"'s", "’s", "`s"} {
		if q, ok := strings.CutSuffix(lf, p); ok && strings.Contains(q, " ") {
			lf = q
			break
		}
	}
	return strings.Join(strings.Fields(lf), " "), off, true
}

// maxNameWords bounds the capitalised words a long form takes before the
// words its acronym's letters match.
const maxNameWords = 2

// nameBefore returns where an English long form s[off:] begins when the
// Latin run s[start:] that holds it opens with one or two capitalised
// words more and every word of the long form is capitalised too: a name's
// owner or maker, which the acronym leaves out (GNU General Public License
// (GPL), Debian Bug Tracking System (BTS)). The run must begin the Latin
// text, after Japanese or punctuation, so the words are no sentence's.
func nameBefore(s string, start, off int) int {
	if off <= start || start > 0 && s[start-1] < utf8.RuneSelf && s[start-1] != ' ' {
		return off
	}
	extra := strings.Fields(s[start:off])
	if len(extra) == 0 || len(extra) > maxNameWords {
		return off
	}
	for _, w := range extra {
		if !isCapitalisedName(w) || len(w) > 4 && strings.ToUpper(w) == w {
			return off // a longer word in capitals is a code: ENOMEM Memory Flow Controller (MFC)
		}
	}
	for _, w := range strings.Fields(s[off:]) {
		if !isCapitalisedName(w) && !nameFunctionWords[w] {
			return off
		}
	}
	for off > start && s[off-1] == ' ' {
		off--
	}
	return start + len(s[start:off]) - len(strings.TrimLeft(s[start:off], " -"))
}

// isCapitalisedName reports whether w is a word of letters (and digits or
// hyphens) that begins with a capital and is no function word: GNU,
// Debian, Linux.
func isCapitalisedName(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || nameFunctionWords[strings.ToLower(w)] {
		return false
	}
	for _, c := range w {
		if !isLatinLetter(c) && !unicode.IsDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

// isApostropheIn reports whether s[i:i+size] is a mark standing for an
// apostrophe between two ASCII letters: ’ or ` in d’Eclairage.
func isApostropheIn(s string, i, size int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r != '\u2019' && r != '`' || i == 0 || i+size >= len(s) {
		return false
	}
	return isASCIILetter(s[i-1]) && isASCIILetter(s[i+size])
}

// shortFormBefore returns the acronym written just before a parenthesis,
// as in SSA（宇宙状況監視）, and its byte offset.
func shortFormBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
		nr := []rune(normalizeHyphens(norm.NFKC.String(string(r))))
		if len(nr) != 1 || nr[0] >= utf8.RuneSelf || !(isASCIIAlnum(byte(nr[0])) || strings.ContainsRune("&./-", nr[0])) {
			break
		}
		start -= size
	}
	sf := normalizeHyphens(norm.NFKC.String(trimmed[start:]))
	if !IsAcronym(sf) {
		return "", 0, false
	}
	if r, _ := utf8.DecodeLastRuneInString(trimmed[:start]); r == '_' || r == '$' || r == '@' {
		return "", 0, false // cut from an identifier: RLIMIT_FSIZE
	}
	return sf, start, true
}
