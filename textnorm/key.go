package textnorm

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the term-level normalisation of s: what the analyzers see of
// it, and the key under which the glossary stores and looks up a form.
// It is [Normalize] (NFKC width folding, kana iteration marks, format
// characters dropped, white space between Japanese characters removed and
// other white space collapsed) followed by lower case, katakana words
// folded ([FoldKatakana]: middle dot removed, final ー of words of four
// characters or more removed) and newlines turned into spaces. It is
// idempotent.
//
// Two details keep it so, in text no one writes: a katakana word keeps its
// final ー before an iteration or combining mark (see [KeyText]), and a
// key composed again after a format character kept a combining mark from
// its base is computed again from itself.
//
// Key("ＳＳＡ") == "ssa"; Key("宇宙 状況監視") == "宇宙状況監視";
// Key("Space  Situational") == "space situational";
// Key("グローバル・センチネル") == "グローバルセンチネル"; Key("サーバー") == "サーバ".
func Key(s string) string {
	if isKey(s) {
		return s
	}
	if k, ok := keyASCII(s); ok {
		return k
	}
	t := textPool.Get().(*Text)
	KeyText(t, []byte(s))
	k := string(t.Bytes)
	if cap(t.Bytes) <= 1<<16 {
		textPool.Put(t)
	}
	return k
}

var textPool = sync.Pool{New: func() any { return new(Text) }}

// KeyText stores [Key] of src in t, with the map from its bytes to src.
// A range of t.Bytes that starts and ends where the ranges of its bytes
// change (t.Start[i] != t.Start[i-1]) maps back to whole characters of src.
func KeyText(t *Text, src []byte) {
	if !keyOnce(t, src) {
		return
	}
	// The key was composed again, which [Normalize] alone would not have
	// done: a format character kept a combining mark apart from its base
	// (カ, U+200B, U+3099). The composed character may give the next
	// iteration mark something to repeat (ガヽ is ガガ), so the key is
	// computed again from itself until it stays put: Key is idempotent.
	u := textPool.Get().(*Text)
	for range 4 {
		if !keyOnce(u, t.Bytes) || string(u.Bytes) == string(t.Bytes) {
			if string(u.Bytes) != string(t.Bytes) {
				compose(u, t)
				*t, *u = *u, *t
			}
			break
		}
		compose(u, t)
		*t, *u = *u, *t
	}
	if cap(u.Bytes) <= 1<<16 {
		textPool.Put(u)
	}
}

// compose rewrites the map of u, which maps into the bytes of t, to map
// into what t maps into.
func compose(u, t *Text) {
	for i := range u.Bytes {
		u.Start[i], u.End[i] = t.Start[u.Start[i]], t.End[u.End[i]-1]
	}
}

// keyOnce stores in t the key of src in one pass, and reports whether it
// had to be composed again after lowercasing and folding.
func keyOnce(t *Text, src []byte) (recomposed bool) {
	n := textPool.Get().(*Text)
	Normalize(n, src)
	t.Reset()
	text := n.Bytes
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
				c = ' '
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			t.addByte(c, int(n.Start[i]), int(n.End[i]))
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if IsKatakanaLetter(r) {
			end := KatakanaRunEnd(text, i)
			foldKatakanaMapped(t, n, i, end)
			i = end
			continue
		}
		if l := unicode.ToLower(r); l != r {
			t.addRune(l, int(n.Start[i]), int(n.End[i]))
		} else {
			t.Bytes = append(t.Bytes, text[i:i+size]...)
			t.Start = append(t.Start, n.Start[i:i+size]...)
			t.End = append(t.End, n.End[i:i+size]...)
		}
		i += size
	}
	if !norm.NFKC.IsNormal(t.Bytes) {
		// Lowercasing can make a composable sequence (T̈ → ẗ), and
		// dropping a format character can put combining marks side by
		// side out of order: normalise again.
		*n, *t = *t, *n
		recompose(t, n)
		recomposed = true
	}
	if cap(n.Bytes) <= 1<<16 {
		textPool.Put(n)
	}
	return recomposed
}

// recompose stores NFKC of src in t, each segment's bytes mapped to the
// range of the src bytes it came from.
func recompose(t *Text, src *Text) {
	t.Reset()
	pending := -1 // as in normalize: output of calls that consumed nothing
	if t.iter == nil {
		t.iter = new(norm.Iter)
	}
	it := t.iter
	it.Init(norm.NFKC, src.Bytes)
	for !it.Done() {
		a := it.Pos()
		seg := it.Next()
		b := it.Pos()
		if b == a {
			if pending < 0 {
				pending = len(t.Bytes)
			}
			t.add(seg, int(src.Start[min(a, len(src.Start)-1)]), int(src.End[min(a, len(src.End)-1)]))
			continue
		}
		start, end := int(src.Start[a]), int(src.End[b-1])
		if pending >= 0 {
			for i := pending; i < len(t.Bytes); i++ {
				t.Start[i], t.End[i] = int32(start), int32(end)
			}
			pending = -1
		}
		t.add(seg, start, end)
	}
}

// isKey reports whether s is its own key because it holds only runes that
// no step of Key changes: ASCII other than white space, control characters
// and capitals, and the inert runes (kana, kanji, 、。) but for ー, which a
// katakana word may lose.
func isKey(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7F || 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isInert(r) || r == LongVowel {
			return false
		}
		i += size
	}
	return true
}

// keyASCII returns Key(s) for ASCII s, and false for other text.
func keyASCII(s string) (string, bool) {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := range len(s) {
		c := s[i]
		switch {
		case c <= ' ' || c == 0x7F: // white space and control characters
			space = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b), true
}
