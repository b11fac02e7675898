package textnorm

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestInertRunes checks what the fast path of normalize relies on: NFKC
// leaves every rune of isInert alone and never combines it with the
// rune before it.
func TestInertRunes(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !isInert(r) && r >= 0x80 {
			continue
		}
		s := string(r)
		if norm.NFKC.String(s) != s {
			t.Errorf("NFKC changes %U", r)
		}
		if !norm.NFKC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("%U may combine with the rune before it", r)
		}
	}
}

// TestNormalizeFastPath compares normalize with and without its fast path
// over the test texts and random mixtures of inert runes and runes that
// NFKC changes or combines.
func TestNormalizeFastPath(t *testing.T) {
	var inputs []string
	files, _ := filepath.Glob("../analyzers/testdata/*.txt")
	fuzz, _ := filepath.Glob("../analyzers/testdata/fuzz/*/*")
	local, _ := filepath.Glob("testdata/fuzz/*/*")
	fuzz = append(fuzz, local...)
	if len(files) == 0 {
		t.Fatal("no test texts in ../analyzers/testdata")
	}
	for _, f := range append(files, fuzz...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, strings.Split(string(data), "\n")...)
	}
	alphabet := []string{"a", "Z", "1", " ", "\n", "\r", "\t", "\x00", "漢", "字", "か", "が", "ア", "ー", "、", "。",
		"\u3099", "\u309a", "\u0301", "\u0308", "ｶ", "ﾞ", "ﾟ", "ｰ", "Ａ", "１", "㍈", "㍻", "Ⅲ", "ゝ", "ゞ", "ヽ", "ヾ",
		"\u200b", "\u00ad", "\ufeff", "\u3000", "é", "\xff", "\xe3\x81", "가", "\u1161", "\u11a8", "ㄱ", "・", "ｱ", "ヵ",
		"\u2028", "\u0085", "（", "〜", "ﾟﾟ", "\u0345", "\u0f73"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		var fast, slow Text
		normalize(&fast, []byte(in), true)
		normalize(&slow, []byte(in), false)
		if string(fast.Bytes) != string(slow.Bytes) || !slices.Equal(fast.Start, slow.Start) || !slices.Equal(fast.End, slow.End) {
			t.Fatalf("%q: fast path gives %q %v %v, iterator %q %v %v", in,
				fast.Bytes, fast.Start, fast.End, slow.Bytes, slow.Start, slow.End)
		}
	}
}
