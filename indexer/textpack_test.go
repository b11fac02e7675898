package indexer

import (
	"bytes"
	"testing"
)

func TestPack(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int // packed length
	}{
		{"", 0},
		{"abc", 3},
		{"宇", 3},                       // one wide character stays narrow
		{"宇宙", 5},                      // wide: switch and two code points
		{"宇宙1945年", 1 + 4 + 1 + 4 + 3}, // a lone wide character after narrow bytes stays narrow
		{"宇宙1宙宙", 1 + 4 + 2 + 4},       // a lone byte between wide characters is a literal
		{"宇宙 station 監視", 1 + 4 + 1 + 9 + 1 + 4},
		{"\xff", 3},
		{"\xff\xff宇宙", 3 + 2 + 4},
		{"é宇宙€𝄞", 2 + 1 + 4 + 2 + 1 + 4}, // two- and four-byte characters are bytes; € is wide
		{"\xe5\xae", 2},                  // a truncated character is bytes
		{"\xed\xa0\x80\xed\xa0\x80", 6},  // surrogates are not characters
		{"宇宙\x00\x01\x07宙宙", 1 + 4 + 1 + 3 + 1 + 4},
	} {
		p := appendPacked(nil, []byte(tc.in))
		if len(p) != tc.want {
			t.Errorf("pack(%q) = % x: %d bytes, want %d", tc.in, p, len(p), tc.want)
		}
		got, err := unpacked(p)
		if err != nil || string(got) != tc.in {
			t.Errorf("unpack(pack(%q)) = %q, %v", tc.in, got, err)
		}
	}
	for _, bad := range []string{"\xff\x02", "\xff\x30", "\xff\x01", "\xff\xd8\x00"} {
		if got, err := unpacked([]byte(bad)); err == nil {
			t.Errorf("unpack(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzPack(f *testing.F) {
	for _, s := range []string{"", "宇宙状況監視の記録。", "宇宙 1945 年\xff\x00", "\xff\x01\xff", "é€𝄞宇"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p := appendPacked(nil, b)
		got, err := unpacked(p)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("unpack(pack(%q)) = %q, %v", b, got, err)
		}
		if n, err := unpack(make([]byte, len(b)), p); err != nil || n != len(b) {
			t.Fatalf("unpack(pack(%q)) into %d bytes: %d, %v", b, len(b), n, err)
		}
		if len(b) > 0 {
			if _, err := unpack(make([]byte, len(b)-1), p); err == nil {
				t.Fatalf("unpack(pack(%q)) into %d bytes: no error", b, len(b)-1)
			}
		}
		unpacked(b) // any bytes: an error or bytes, no panic
	})
}

// unpacked returns what packed stands for.
func unpacked(packed []byte) ([]byte, error) {
	out := make([]byte, maxUnpacked(len(packed)))
	n, err := unpack(out, packed)
	return out[:n], err
}
