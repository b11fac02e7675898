package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", "宇宙状況監視（SSA）", "宇宙 状況監視", "ＳＳＡ", "Space  Situational\nAwareness", "グローバル・センチネル",
	"ｻｰﾊﾞｰ", "データ センター", "バナヽ", "いすゞ", "自衛\n\n隊", "・ー・", "ヽ", "\xff\xfe", "a\u0301", "㍻㍈",
	"T\u0308", "a\u200bb\u00adc\x00", "ヶ月", "゛か ゛", "a ¨b", "\u0308\u200b\u309a",
}

// checkMap checks the invariants of the map of t, normalised from src:
// ranges inside src, non-empty and never going backwards; one range for
// all the bytes of a rune; valid UTF-8.
func checkMap(t *testing.T, what string, src []byte, n *Text) {
	t.Helper()
	if len(n.Start) != len(n.Bytes) || len(n.End) != len(n.Bytes) {
		t.Fatalf("%s(%q): %d bytes, %d starts, %d ends", what, src, len(n.Bytes), len(n.Start), len(n.End))
	}
	if !utf8.Valid(n.Bytes) {
		t.Fatalf("%s(%q) = %q: invalid UTF-8", what, src, n.Bytes)
	}
	for i := range n.Bytes {
		s, e := n.Start[i], n.End[i]
		if s < 0 || s >= e || int(e) > len(src) {
			t.Fatalf("%s(%q): byte %d maps to [%d,%d)", what, src, i, s, e)
		}
		if i > 0 && (s < n.Start[i-1] || e < n.End[i-1]) {
			t.Fatalf("%s(%q): byte %d maps to [%d,%d), before [%d,%d)", what, src, i, s, e, n.Start[i-1], n.End[i-1])
		}
		if i > 0 && !utf8.RuneStart(n.Bytes[i]) && (s != n.Start[i-1] || e != n.End[i-1]) {
			t.Fatalf("%s(%q): the bytes of a rune map to different ranges at %d", what, src, i)
		}
		if utf8.Valid(src) && (!utf8.RuneStart(src[s]) || int(e) < len(src) && !utf8.RuneStart(src[e])) {
			t.Fatalf("%s(%q): byte %d maps to [%d,%d), not whole runes", what, src, i, s, e)
		}
	}
}

// FuzzNormalize checks Normalize on arbitrary input: the map is sound
// (checkMap), the fast path gives what the iterator alone gives, and the
// map leads back to the original: the bytes of the input that no output
// maps to normalise to nothing on their own (white space, format
// characters), and every range normalises on its own to the bytes mapped
// to it (but for white space, which depends on the neighbours, and kana
// iteration marks, which depend on the kana before, and invalid UTF-8,
// whose runs of bad bytes become one U+FFFD or several). Run it with
//
//	go test ./textnorm -run '^$' -fuzz FuzzNormalize -fuzztime 1m
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		var n, slow, alone Text
		Normalize(&n, src)
		checkMap(t, "Normalize", src, &n)
		normalize(&slow, src, false)
		if string(slow.Bytes) != string(n.Bytes) {
			t.Fatalf("Normalize(%q) = %q, without the fast path %q", s, n.Bytes, slow.Bytes)
		}
		covered := 0
		for i := 0; i < len(n.Bytes); {
			j := i + 1
			for j < len(n.Bytes) && n.Start[j] == n.Start[i] {
				j++
			}
			a, b := int(n.Start[i]), int(n.End[j-1])
			if a > covered {
				if Normalize(&alone, src[covered:a]); len(alone.Bytes) > 0 {
					t.Fatalf("Normalize(%q): unmapped %q normalises to %q", s, src[covered:a], alone.Bytes)
				}
			}
			covered = max(covered, b)
			out, orig := string(n.Bytes[i:j]), src[a:b]
			Normalize(&alone, orig)
			switch {
			case strings.Trim(out, " \n") == "":
				if len(alone.Bytes) > 0 {
					t.Fatalf("Normalize(%q): %q from white space %q, which normalises to %q", s, out, orig, alone.Bytes)
				}
			case strings.ContainsAny(string(orig), "ゝゞヽヾ") || !utf8.Valid(orig):
			case strings.Trim(out, " \n") != strings.Trim(string(alone.Bytes), " \n"):
				t.Fatalf("Normalize(%q): %q maps to %q, which normalises to %q", s, out, orig, alone.Bytes)
			}
			i = j
		}
		if covered < len(src) {
			if Normalize(&alone, src[covered:]); len(alone.Bytes) > 0 {
				t.Fatalf("Normalize(%q): unmapped end %q normalises to %q", s, src[covered:], alone.Bytes)
			}
		}
	})
}

// FuzzKey checks Key and KeyText on arbitrary input: Key is idempotent,
// KeyText gives Key with a sound map, the ASCII fast path agrees with the
// general one, and the key has no white space at its ends, none doubled
// and no newline. Run it with
//
//	go test ./textnorm -run '^$' -fuzz FuzzKey -fuzztime 1m
func FuzzKey(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if again := Key(k); again != k {
			t.Fatalf("Key not idempotent: Key(%q) = %q, then %q", s, k, again)
		}
		var kt Text
		KeyText(&kt, []byte(s))
		checkMap(t, "KeyText", []byte(s), &kt)
		if string(kt.Bytes) != k {
			t.Fatalf("KeyText(%q) = %q, Key %q", s, kt.Bytes, k)
		}
		if strings.TrimSpace(k) != k || strings.Contains(k, "  ") || strings.Contains(k, "\n") {
			t.Fatalf("Key(%q) = %q: stray white space", s, k)
		}
		if fast, ok := keyASCII(s); ok {
			var n Text
			KeyText(&n, []byte(s))
			if fast != string(n.Bytes) {
				t.Fatalf("Key(%q): ASCII path %q, general %q", s, fast, n.Bytes)
			}
		}
	})
}
