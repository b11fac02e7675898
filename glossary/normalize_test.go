package glossary

import (
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/textnorm"
)

// agreementInputs returns the strings TestKeyAgreesWithAnalyzer checks:
// JSQuAD passages and the seed document (raw, with its broken lines, and
// repaired), whole and cut into pieces of a few characters at every
// offset class, the curated and EDICT forms, and random strings of kana,
// kanji, marks and white space.
func agreementInputs(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, f := range []struct{ name, sep string }{
		{"../analyzers/testdata/jsquad.txt", "\n"}, // a passage a line
		{"../analyzers/testdata/seed.txt", "\n\n"}, // PDF text: lines broken inside words
		{"testdata/seed_repaired.txt", "\n"},
	} {
		data, err := os.ReadFile(f.name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), f.sep)...)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	// Pieces start every step/2 characters on average, and random strings
	// are many: fewer in short mode and under the race detector.
	step, random := 40, 10000
	if testing.Short() || raceEnabled {
		step, random = 400, 2000
	}
	var in []string
	for _, text := range texts {
		in = append(in, text)
		rs := []rune(text)
		for i := 0; i < len(rs); i += 1 + rng.IntN(step) {
			in = append(in, string(rs[i:min(len(rs), i+2+rng.IntN(12))]))
		}
	}
	cur, err := Curated()
	if err != nil {
		t.Fatal(err)
	}
	ed, err := Edict()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range append(cur, ed...) {
		in = append(in, e.Forms()...)
	}
	alphabet := []string{"ア", "イ", "ウ", "カ", "ガ", "サ", "バ", "パ", "ン", "ヴ", "ァ", "ッ", "ー", "ー", "・", "ヽ", "ヾ",
		"ヵ", "ヶ", "ㇰ", "か", "が", "う", "ゔ", "ゝ", "ゞ", "っ", "ｶ", "ｳ", "ﾞ", "ﾟ", "ｰ", "･", "\u3099", "゛", "漢", "字", "々",
		"〆", "〇", "、", "。", "（", "）", " ", " ", "\u3000", "\n", "\t", "\u200b", "\u00ad", "A", "ｂ", "Ｃ", "1", "２", "㍻"}
	for range random {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		in = append(in, b.String())
	}
	return in
}

// TestKeyAgreesWithAnalyzer checks that the glossary key of a string is
// what the analyzers see of it, so that the two cannot drift apart again:
//
//   - it is analyzers.Normalize, the analyzers' own statement of their
//     normalisation;
//   - the analyzers find nothing left to normalise in it: each CJK token
//     the bigram tokenizer cuts from the key and each katakana word Morph
//     cuts from it is the key's text at the token's offsets (a space
//     between Japanese characters, a ・ or a final ー left in the key, an
//     iteration mark or a half-width kana would show there; but for
//     tokens next to a combining mark, see hasMark, and for the final ー
//     the key keeps before an iteration or combining mark, see keptMarks),
//     and the
//     text of each Latin or numeric token is NFKC, lower case and free
//     of white space and format characters;
//   - the analyzers cut the same CJK and katakana terms from the key as
//     from the string (a key that folded more than they do would differ).
func TestKeyAgreesWithAnalyzer(t *testing.T) {
	morph, err := analyzers.NewMorph(nil)
	if err != nil {
		t.Fatal(err)
	}
	inputs := agreementInputs(t)
	failures := 0
	fail := func(format string, args ...any) {
		t.Helper()
		for i, a := range args {
			if s, ok := a.(string); ok && len(s) > 200 {
				args[i] = s[:150] + "…"
			}
		}
		t.Errorf(format, args...)
		if failures++; failures > 20 {
			t.FailNow()
		}
	}
	var n1, n2 textnorm.Text
	unstable := 0
	for _, s := range inputs {
		k := Normalize(s)
		if a := analyzers.Normalize(s); a != k {
			fail("Normalize(%q) = %q, analyzers.Normalize %q", s, k, a)
		}
		if again := Normalize(k); again != k {
			fail("Normalize(%q) = %q, then %q", s, k, again)
		}
		// Where the analyzers' normalisation is not a fixed point itself,
		// no string is what they see: a format character between a
		// character and a combining mark (カ, U+200B, U+3099) keeps the
		// mark apart, and once it is gone the two compose (ガ).
		textnorm.Normalize(&n1, []byte(s))
		if textnorm.Normalize(&n2, n1.Bytes); string(n1.Bytes) != string(n2.Bytes) {
			unstable++
			continue
		}
		var cjkKey []string
		for _, tok := range (analyzers.BigramTok{}).Explain([]byte(k)) {
			text := k[tok.Start:tok.End]
			switch tok.POS {
			case "bigram", "unigram":
				cjkKey = append(cjkKey, tok.Term)
				if tok.Term != text && !hasMark(text) && tok.Term != keptMarks.ReplaceAllString(text, "$1") {
					fail("Key(%q) = %q: the bigram tokenizer cuts %q from %q", s, k, tok.Term, text)
				}
			default:
				if !norm.NFKC.IsNormalString(text) || strings.ToLower(text) != text ||
					strings.IndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf) }) >= 0 {
					fail("Key(%q) = %q: word %q is not normalised", s, k, text)
				}
			}
		}
		var cjkText []string
		for _, tok := range (analyzers.BigramTok{}).Explain([]byte(s)) {
			if tok.POS == "bigram" || tok.POS == "unigram" {
				cjkText = append(cjkText, tok.Term)
			}
		}
		if strings.Join(cjkKey, "|") != strings.Join(cjkText, "|") {
			fail("Key(%q) = %q: bigrams %q, of the text %q", s, k, cjkKey, cjkText)
		}
		kataKey, kataText := katakanaTerms(morph, k), katakanaTerms(morph, s)
		for _, tok := range kataKey {
			text := k[tok.Start:tok.End]
			if tok.Term != text && !hasMark(text) && !(keptBefore(k, tok.End) && tok.Term == strings.TrimRight(text, "ー")) {
				fail("Key(%q) = %q: Morph folds katakana %q into %q", s, k, text, tok.Term)
			}
		}
		if len(kataKey) != len(kataText) {
			fail("Key(%q) = %q: katakana words %v, of the text %v", s, k, kataKey, kataText)
			continue
		}
		for i := range kataKey {
			if kataKey[i].Term != kataText[i].Term {
				fail("Key(%q) = %q: katakana words %v, of the text %v", s, k, kataKey, kataText)
				break
			}
		}
	}
	t.Logf("%d strings, %d skipped (normalisation not a fixed point)", len(inputs), unstable)
	if unstable > len(inputs)/100 {
		t.Errorf("%d of %d strings skipped", unstable, len(inputs))
	}
}

// hasMark reports whether s holds a combining mark. Offsets map back to
// whole NFKC segments, so a token cut before a mark that did not compose
// with its base (サ゚, or the " ゙" that ゛ becomes) ends after the mark.
func hasMark(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) >= 0
}

// keptMarks matches the final ー of a katakana word that the key keeps
// because an iteration or combining mark follows (see textnorm.KeyText);
// keptBefore reports whether the key holds such a mark at end.
var keptMarks = regexp.MustCompile(`ー+([ゝゞヽヾ]|\p{Mn})`)

func keptBefore(k string, end int) bool {
	r, _ := utf8.DecodeRuneInString(k[end:])
	return strings.ContainsRune("ゝゞヽヾ", r) || unicode.Is(unicode.Mn, r)
}

// katakanaTerms returns the katakana words Morph cuts from s.
func katakanaTerms(m *analyzers.Morph, s string) []analyzers.Token {
	var out []analyzers.Token
	for _, tok := range m.Explain([]byte(s)) {
		if tok.POS == "名詞,カタカナ語" {
			out = append(out, tok)
		}
	}
	return out
}

// TestFindLikeAnalyzer checks that Find matches text as the analyzers
// normalise it, with exact offsets into the text as written.
func TestFindLikeAnalyzer(t *testing.T) {
	g := New([]Entry{
		{Acronym: "SSA", English: []string{"Space Situational Awareness"}, Japanese: []string{"宇宙状況監視"}, Source: SourceCurated, Confidence: 0.95},
		{English: []string{"banana"}, Japanese: []string{"バナナ"}, Source: SourceCurated, Confidence: 0.95},
		{English: []string{"data center"}, Japanese: []string{"データセンター"}, Source: SourceCurated, Confidence: 0.95},
	})
	tests := []struct{ text, want string }{
		{"宇宙 状況監視の強化", "宇宙 状況監視"},
		{"宇宙\n\n状況監視", "宇宙\n\n状況監視"},
		{"宇宙\u3000状況監視", "宇宙\u3000状況監視"},
		{"宇宙\u200b状況監視", "宇宙\u200b状況監視"},
		{"（宇宙状況 監視）", "宇宙状況 監視"},
		{"SPACE  situational\tAwareness", "SPACE  situational\tAwareness"},
		{"Space Situational\nAwareness.", "Space Situational\nAwareness"},
		{"SpaceSituational Awareness", ""},
		{"ＳＳＡ多国間", "ＳＳＡ"},
		{"バナヽを食べる", "バナヽ"},
		{"ﾊﾞﾅﾅ", "ﾊﾞﾅﾅ"},
		{"新しいデータ・センターー", "データ・センターー"},
		{"データ センター", ""}, // a space between katakana words separates them
	}
	for _, tt := range tests {
		ms := g.Find(tt.text)
		if tt.want == "" {
			if len(ms) != 0 {
				t.Errorf("Find(%q) = %+v, want nothing", tt.text, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Form != tt.want || tt.text[ms[0].Start:ms[0].End] != tt.want {
			t.Errorf("Find(%q) = %+v, want one match %q", tt.text, ms, tt.want)
		}
	}
	if es := g.Lookup("宇宙 状況監視"); len(es) != 1 || es[0].Acronym != "SSA" {
		t.Errorf("Lookup(宇宙 状況監視) = %+v, want the SSA entry", es)
	}
}
