package corpus

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func encodeWith(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// DecodeText reads the encodings Japanese text files come in, and leaves
// ASCII with escape sequences that are not ISO-2022-JP as it is.
func TestDecodeText(t *testing.T) {
	const ja = "宇宙状況監視（SSA）の能力を高める。\n防衛白書。\n"
	tests := []struct {
		name, in, want string
		wantErr        error // errors.Is; nil for none
	}{
		{name: "UTF-8", in: ja, want: ja},
		{name: "UTF-8 with byte-order mark", in: "\uFEFF" + ja, want: ja},
		{name: "Shift_JIS", in: encodeWith(t, japanese.ShiftJIS, ja), want: ja},
		{name: "EUC-JP", in: encodeWith(t, japanese.EUCJP, ja), want: ja},
		{name: "ISO-2022-JP", in: encodeWith(t, japanese.ISO2022JP, ja), want: ja},
		{name: "UTF-16LE", in: "\xff\xfe" + encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), ja), want: ja},
		{name: "ASCII with a terminal colour", in: "\x1b[31mred\x1b[0m text\n", want: "\x1b[31mred\x1b[0m text\n"},
		{name: "ISO-2022-JP escape in UTF-8 text", in: "日本語 \x1b$B text\n", want: "日本語 \x1b$B text\n"},
		{name: "empty", in: " \n", wantErr: errEmpty},
		{name: "binary", in: "PK\x03\x04\x00", wantErr: errBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText([]byte(tt.in))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("DecodeText = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
