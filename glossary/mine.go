package glossary

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
	"golang.org/x/text/unicode/norm"
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
	// ConfidencePaired is for an acronym and an English expansion written
	// as a pair whose letters do not match.
	ConfidencePaired = 0.6
	// ConfidenceNoLetters is for 日本語（ABC） and ABC（日本語）: no letter
	// evidence relates the forms.
	ConfidenceNoLetters = 0.5
	// ConfidenceModified is for 日本語（ABC） whose noun run follows a
	// modifier (an auxiliary such as た, an adjective or の), so the term may
	// begin earlier: 自由で開かれたインド太平洋（FOIP） yields インド太平洋;
	// and for a long form of a single word (撮影（J-BIS）), as likely a label.
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

// japaneseTokenizer is built once, on first use, and shared: Kagome
// tokenizers are safe for concurrent use (each call takes a lattice from a
// pool).
var japaneseTokenizer = sync.OnceValues(func() (*tokenizer.Tokenizer, error) {
	return tokenizer.New(ipa.Dict(), tokenizer.OmitBosEos())
})

// Mine returns the acronym definitions written in one passage's text, with
// Source "corpus", the passage id and the defining text as evidence, and a
// confidence by kind of evidence (ConfidenceLetters … ConfidenceNoLetters).
//
// It recognises, after NFKC normalisation of the parenthetical:
//
//	宇宙状況監視（SSA: Space Situational Awareness）  Japanese, acronym and English
//	北大西洋条約機構（ほくたいせいようじょうやくきこう、英: North Atlantic Treaty Organization、略称: NATO）
//	「サイバー紛争に関する国際会議」（CyCon: International Conference on Cyber Conflict）
//	NATOサイバー防衛協力センター（CCDCOE）            Japanese and acronym
//	Space Situational Awareness (SSA)               English and acronym (letters must match)
//	SSA（宇宙状況監視）, SSA (Space Situational Awareness)  reversed
//
// The Japanese long form is the 「quoted term」 just before the parenthesis,
// or else the longest run of noun-like Kagome tokens (名詞 except 非自立 and
// 代名詞, 接頭詞, ・) ending there. Parentheticals that are not definitions
// (dates such as 19（令和元）年, readings, cross-references, notes) yield
// nothing. Mine never fails: text it cannot read yields no entries, and
// invalid UTF-8 is read as U+FFFD, which no form may contain.
func Mine(passageID, text string) []Entry {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var out []Entry
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
		if e, ok := mineParen(passageID, text, i, i+size, closeAt, closeAt+closeSize); ok {
			out = appendUnique(out, e)
		}
		i += size
	}
	return out
}

// findClose returns the offset and size of the parenthesis closing one
// opened just before from, or -1 when there is none within maxParenRunes or
// another parenthesis opens first.
func findClose(text string, from int) (int, int) {
	n := 0
	for j := from; j < len(text) && n <= maxParenRunes; n++ {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '）', ')':
			return j, size
		case '（', '(', '。':
			return -1, 0
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
	acronym  string   // a short form, "" if none
	english  string   // an English expansion, "" if none
	japanese []string // Japanese forms given inside (略称: 国連), rarely any
	plainJA  string   // the whole content when it is a Japanese noun phrase
}

// mineParen looks at the parenthetical text[open:close] (content
// text[cStart:cEnd]).
func mineParen(id, text string, open, cStart, cEnd, close int) (Entry, bool) {
	raw := text[cStart:cEnd]
	content := strings.Join(strings.Fields(norm.NFKC.String(raw)), " ")
	if content == "" {
		return Entry{}, false
	}
	pc, ok := parseParen(content)
	if !ok {
		return Entry{}, false
	}
	before := text[:open]
	e := Entry{Source: SourceCorpus}
	lfStart := open
	switch {
	case pc.acronym != "":
		e.Acronym = pc.acronym
		ja, jaStart, modified := japaneseLongForm(before)
		if pc.english != "" {
			e.English = []string{pc.english}
			if _, ok := MatchLetters(pc.acronym, pc.english); ok {
				e.Confidence = ConfidenceLetters
			} else {
				e.Confidence = ConfidencePaired
			}
			if ja != "" {
				e.Japanese = []string{ja}
				lfStart = jaStart
			}
		} else if en, enStart, ok := englishLongForm(before, pc.acronym); ok {
			e.English = []string{en}
			e.Confidence = ConfidenceEnglish
			lfStart = enStart
		} else if ja != "" {
			e.Japanese = []string{ja}
			e.Confidence = ConfidenceNoLetters
			if modified {
				e.Confidence = ConfidenceModified
			}
			lfStart = jaStart
		}
		for _, j := range pc.japanese {
			if !containsNorm(e.Japanese, j) {
				e.Japanese = append(e.Japanese, j)
			}
		}
		if len(e.Japanese) > len(pc.japanese) || e.English != nil {
			// fine: some long form was found
		} else if len(pc.japanese) > 0 {
			e.Confidence = ConfidenceNoLetters
		}
	case pc.english != "" || pc.plainJA != "":
		// Reversed: ABC（日本語） or ABC (English words).
		sf, sfStart, ok := shortFormBefore(before)
		if !ok {
			return Entry{}, false
		}
		e.Acronym = sf
		lfStart = sfStart
		if pc.english != "" {
			if _, ok := MatchLetters(sf, pc.english); !ok {
				return Entry{}, false
			}
			e.English = []string{pc.english}
			e.Confidence = ConfidenceEnglish
		} else {
			e.Japanese = []string{pc.plainJA}
			e.Confidence = ConfidenceNoLetters
		}
	}
	if e.Confidence == 0 || len(e.Forms()) < 2 {
		return Entry{}, false
	}
	for _, f := range append(e.Japanese, e.English...) {
		if Normalize(f) == Normalize(e.Acronym) || strings.ContainsRune(f, utf8.RuneError) {
			return Entry{}, false
		}
	}
	e.Evidence = evidence(id, text[lfStart:close])
	return e, true
}

func containsNorm(ss []string, s string) bool {
	for _, x := range ss {
		if Normalize(x) == Normalize(s) {
			return true
		}
	}
	return false
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

// parseParen reads a normalised parenthetical. ok is false when the content
// is not a definition.
func parseParen(content string) (pc parenContent, ok bool) {
	// "SF: English, with commas" as a whole.
	if l, r, found := cutColon(content); found && IsAcronym(l) && isEnglishPhrase(r) {
		return parenContent{acronym: l, english: r}, true
	} else if found && isEnglishPhrase(l) && IsAcronym(r) {
		return parenContent{acronym: r, english: l}, true
	}
	if IsAcronym(content) {
		return parenContent{acronym: content}, true
	}
	if isEnglishPhrase(content) {
		return parenContent{english: content}, true
	}
	parts := strings.FieldsFunc(content, func(r rune) bool { return r == '、' || r == ',' || r == ';' })
	if len(parts) == 1 {
		if utf8.RuneCountInString(content) >= 2 && isJapaneseNounPhrase(content) {
			return parenContent{plainJA: content}, true
		}
		return pc, false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		label, val, labelled := cutColon(p)
		switch {
		case labelled && englishLabels[label]:
			// 英: North Atlantic Treaty Organization, NATO
			if isEnglishPhrase(val) {
				pc.english = val
			} else {
				return pc, false
			}
		case labelled && shortLabels[label]:
			switch {
			case IsAcronym(val):
				pc.acronym = val
			case isJapaneseNounPhrase(val):
				pc.japanese = append(pc.japanese, val)
			}
		case labelled && IsAcronym(label) && isEnglishPhrase(val):
			pc.acronym, pc.english = label, val
		case labelled && isEnglishPhrase(label) && IsAcronym(val):
			pc.acronym, pc.english = val, label
		case labelled:
			// another language or a note (仏: …, 独: …): ignored
		case IsAcronym(p):
			if pc.acronym != "" {
				return pc, false
			}
			pc.acronym = p
		case isEnglishPhrase(p) && pc.english == "":
			pc.english = p
		case isReading(p):
			// よみ
		default:
			return pc, false
		}
	}
	if pc.acronym == "" {
		return pc, false
	}
	return pc, true
}

// cutColon splits "label: value" on the first ASCII colon (NFKC has made
// "：" one).
func cutColon(s string) (label, value string, ok bool) {
	l, r, found := strings.Cut(s, ":")
	if !found {
		return "", "", false
	}
	l, r = strings.TrimSpace(l), strings.TrimSpace(r)
	if l == "" || r == "" {
		return "", "", false
	}
	return l, r, true
}

// IsAcronym reports whether s looks like an acronym: 2 to 10 ASCII
// letters, digits and & . / -, beginning with a letter or digit, with an
// upper-case letter, upper case dominating (CyCon and C4ISR qualify; a
// Roman numeral or a plain word does not).
func IsAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 || !isASCIIAlnum(s[0]) {
		return false
	}
	upper, lower, roman := 0, 0, 0
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			if strings.IndexByte("IVXLCDM", c) >= 0 {
				roman++
			}
		case c >= 'a' && c <= 'z':
			lower++
		case c >= '0' && c <= '9', c == '&', c == '.', c == '/', c == '-':
		default:
			return false
		}
	}
	if upper == 0 || roman == upper && lower == 0 && len(s) == upper {
		return false
	}
	return upper >= lower || s[0] >= 'A' && s[0] <= 'Z' && upper >= 2
}

// isEnglishPhrase reports whether s is two or more Latin words, mostly
// letters, such as "Space Situational Awareness".
func isEnglishPhrase(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 16 {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			letters++
		case r == ' ', r == '-', r == '\'', r == '&', r == '.', r == ',', r == '/', r == '(', r == ')',
			r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters*2 >= len(s)
}

// isReading reports whether s is a kana reading (よみ).
func isReading(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Hiragana, r) && r != 'ー' && r != ' ' && r != '・' {
			return false
		}
	}
	return s != ""
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
	if !hasJapanese(s) || utf8.RuneCountInString(s) > maxJapaneseLF || isReading(s) {
		return false
	}
	tk, err := japaneseTokenizer()
	if err != nil {
		return false
	}
	toks := tk.Tokenize(s)
	if len(toks) == 0 || len(toks) > maxLFTokens {
		return false
	}
	for i, t := range toks {
		if !nounLike(t) || i == 0 && !canStart(t) || i == len(toks)-1 && !canEnd(t) {
			return false
		}
	}
	return true
}

// nounLike reports whether a token may be part of a Japanese long form.
func nounLike(t tokenizer.Token) bool {
	if t.Surface == "・" {
		return true
	}
	pos := t.POS()
	if len(pos) == 0 {
		return false
	}
	switch pos[0] {
	case "名詞":
		return len(pos) < 2 || pos[1] != "非自立" && pos[1] != "代名詞"
	case "接頭詞":
		return true
	}
	return false
}

// canStart reports whether a long form may begin with the token.
func canStart(t tokenizer.Token) bool {
	pos := t.POS()
	if t.Surface == "・" || len(pos) > 1 && (pos[1] == "接尾" || pos[1] == "数" || pos[1] == "副詞可能") {
		return false
	}
	return true
}

// canEnd reports whether a long form may end with the token.
func canEnd(t tokenizer.Token) bool {
	pos := t.POS()
	return t.Surface != "・" && (len(pos) == 0 || pos[0] != "接頭詞")
}

// japaneseLongForm returns the Japanese long form that ends before, and
// its byte offset: the 「quoted term」 just before, or the longest run of
// noun-like tokens. modified reports that a modifier (auxiliary,
// adjective, の) comes just before a noun run, or that the run is one word. A verb before the run (…されている
// NATOサイバー防衛協力センター) does not count: relative clauses usually
// end there.
func japaneseLongForm(before string) (lf string, off int, modified bool) {
	if q, start, ok := quotedBefore(before); ok {
		return q, start, false
	}
	// Window: the last lfWindowRunes runes, cut after sentence and clause
	// marks so that Kagome sees one phrase.
	start := len(before)
	for n := 0; start > 0 && n < lfWindowRunes; n++ {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if strings.ContainsRune("。、，,「」『』（）()\n\t：:；;！？!?", r) {
			break
		}
		start -= size
	}
	window := before[start:]
	if !hasJapanese(window) {
		return "", 0, false
	}
	tk, err := japaneseTokenizer()
	if err != nil {
		return "", 0, false
	}
	toks := tk.Tokenize(window)
	end := len(toks)
	if end == 0 || !canEnd(toks[end-1]) {
		return "", 0, false
	}
	first := end
	for first > 0 && nounLike(toks[first-1]) && end-first < maxLFTokens {
		first--
	}
	if first > 0 && nounLike(toks[first-1]) {
		return "", 0, false // the run goes on: too long to be a term
	}
	for first < end && !canStart(toks[first]) {
		first++
	}
	if first == end {
		return "", 0, false
	}
	off = start + toks[first].Position
	lf = strings.TrimSpace(before[off:])
	if !hasJapanese(lf) || utf8.RuneCountInString(lf) < 2 || utf8.RuneCountInString(lf) > maxJapaneseLF {
		return "", 0, false
	}
	if r, _ := utf8.DecodeRuneInString(lf); !unicode.IsLetter(r) {
		return "", 0, false // 5-メチルシトシン cut after "5": not a term start
	}
	// A single word (撮影, 年数) is as likely a label as a definition.
	modified = end-first == 1
	if first > 0 {
		pos := toks[first-1].POS()
		modified = modified || len(pos) > 0 && (pos[0] == "助動詞" || pos[0] == "形容詞" || pos[0] == "連体詞" ||
			len(pos) > 1 && pos[0] == "助詞" && pos[1] == "連体化")
	}
	return lf, off, modified
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
	start := len(trimmed)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
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
	window := trimmed[starts[0]:]
	lf, ok := MatchLetters(sf, window)
	if !ok || !isEnglishPhrase(lf) {
		return "", 0, false
	}
	off := len(trimmed) - len(lf)
	if off < 0 || trimmed[off:] != lf {
		return "", 0, false
	}
	return strings.Join(strings.Fields(lf), " "), off, true
}

// shortFormBefore returns the acronym written just before a parenthesis,
// as in SSA（宇宙状況監視）, and its byte offset.
func shortFormBefore(before string) (string, int, bool) {
	trimmed := strings.TrimRightFunc(before, unicode.IsSpace)
	start := len(trimmed)
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(trimmed[:start])
		nr := []rune(norm.NFKC.String(string(r)))
		if len(nr) != 1 || nr[0] >= utf8.RuneSelf || !(isASCIIAlnum(byte(nr[0])) || strings.ContainsRune("&./-", nr[0])) {
			break
		}
		start -= size
	}
	sf := norm.NFKC.String(trimmed[start:])
	if !IsAcronym(sf) {
		return "", 0, false
	}
	return sf, start, true
}
