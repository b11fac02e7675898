package translit

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/glossary"
)

// TestUnitsFastPaths checks that the shortcuts of EnglishLetters (ASCII)
// and splitUnits (plain katakana) give what normalising first gives, on
// the held-out pairs, the distractors and odd inputs.
func TestUnitsFastPaths(t *testing.T) {
	words := []string{"", "Starlink", "café", "ＡＢＣ", "O'Brien", "x-ray", "サーバー", "ｻｰﾊﾞｰ", "ぱーてぃー", "ヴァ・ヴィ", "ッン", "ー", "abcアイウ"}
	for _, name := range []string{"testdata/heldout.tsv", "testdata/distractors.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(data)) {
			if strings.HasPrefix(line, "#") {
				continue
			}
			words = append(words, strings.Split(strings.TrimSpace(line), "\t")...)
		}
	}
	for _, w := range words {
		if got, want := EnglishLetters(w), slowEnglishLetters(w); !slices.Equal(got, want) {
			t.Errorf("EnglishLetters(%q) = %v, want %v", w, got, want)
		}
		for _, trim := range []bool{false, true} {
			if got, want := splitUnits(w, trim), slowSplitUnits(w, trim); !slices.Equal(got, want) {
				t.Errorf("splitUnits(%q, %v) = %q, want %q", w, trim, got, want)
			}
		}
	}
}

func slowEnglishLetters(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, byte(r-'a'+1))
		case r >= 'A' && r <= 'Z':
			out = append(out, byte(r-'A'+1))
		}
	}
	return out
}

func slowSplitUnits(s string, trimFinal bool) []string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		switch {
		case r >= 'ぁ' && r <= 'ゖ':
			b.WriteRune(r + 0x60)
		case r == '・' || r == '＝' || r == ' ':
		case r == 'ー' || r >= 'ァ' && r <= 'ヺ':
			b.WriteRune(r)
		default:
			return nil
		}
	}
	k := b.String()
	if trimFinal {
		k = strings.TrimRight(k, "ー")
	}
	var units []string
	for i := 0; i < len(k); {
		_, size := utf8.DecodeRuneInString(k[i:])
		j := i + size
		for j < len(k) {
			r, n := utf8.DecodeRuneInString(k[j:])
			if !isSmall(r) {
				break
			}
			j += n
		}
		units = append(units, k[i:j])
		i = j
	}
	return units
}

// BenchmarkParseModel measures loading the embedded model, which the
// first query with an English word pays (Default parses it once).
func BenchmarkParseModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(glossary.TranslitModel()); err != nil {
			b.Fatal(err)
		}
	}
}
