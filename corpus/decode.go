package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
	"unsafe"

	"github.com/kensaku/kensaku/textnorm"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names reported by detectEncoding.
const (
	encUTF8    = "UTF-8"
	encUTF16LE = "UTF-16LE"
	encUTF16BE = "UTF-16BE"
	encSJIS    = "Shift_JIS"
	encEUCJP   = "EUC-JP"
	encJIS     = "ISO-2022-JP"
)

var (
	errEmpty  = errors.New("empty file")
	errBinary = errors.New("binary file")
)

// unknownEncodingError reports bytes that are neither UTF-8 nor Shift_JIS
// nor EUC-JP.
type unknownEncodingError struct{ offset int }

func (e unknownEncodingError) Error() string {
	return fmt.Sprintf("invalid UTF-8 at byte offset %d, and not Shift_JIS or EUC-JP either", e.offset)
}

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// detectEncoding guesses the encoding of b, a whole file or its first
// bytes (prefix true: a multi-byte character may be cut at the end). It
// returns the encoding name and the length of a byte-order mark to skip.
// Text that is valid UTF-8 is UTF-8, unless it is 7-bit ISO-2022-JP;
// otherwise Shift_JIS (CP932) and EUC-JP
// are tried, and the one that decodes without error and looks most like
// Japanese wins.
func detectEncoding(b []byte, prefix bool) (string, int, error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return encUTF8, 3, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2, nil
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2, nil
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "", 0, errEmpty
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", 0, fmt.Errorf("%w (NUL byte at offset %d)", errBinary, i)
	}
	bad := invalidUTF8(b, prefix)
	if bad < 0 {
		if isISO2022JP(b) {
			return encJIS, 0, nil
		}
		return encUTF8, 0, nil
	}
	best, bestScore := "", 0
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{encSJIS, japanese.ShiftJIS}, {encEUCJP, japanese.EUCJP}} {
		s, ok := japaneseScore(b, c.enc, prefix)
		if ok && (best == "" || s > bestScore) {
			best, bestScore = c.name, s
		}
	}
	if best == "" {
		return "", 0, unknownEncodingError{bad}
	}
	return best, 0, nil
}

// isISO2022JP reports whether b, valid UTF-8, is ISO-2022-JP (JIS) text:
// 7-bit bytes only, with an escape sequence into JIS X 0208 (ESC $ B or
// ESC $ @) that decodes. Old mail archives and web pages use it.
func isISO2022JP(b []byte) bool {
	if !bytes.Contains(b, []byte("\x1b$B")) && !bytes.Contains(b, []byte("\x1b$@")) {
		return false
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	_, err := japanese.ISO2022JP.NewDecoder().Bytes(b)
	return err == nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence in b,
// or -1. With prefix, a sequence cut at the end of b is not invalid.
func invalidUTF8(b []byte, prefix bool) int {
	if utf8.Valid(b) {
		return -1 // the common case, checked fast
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if prefix && len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += n
	}
	return -1
}

// japaneseScore decodes b with enc and scores the result: it fails on any
// undecodable byte (except a cut character at the end of a prefix), and
// prefers kana and kanji over half-width katakana, which is what EUC-JP
// decoded as Shift_JIS turns into.
func japaneseScore(b []byte, enc encoding.Encoding, prefix bool) (int, bool) {
	if prefix && len(b) > 2 {
		b = b[:len(b)-2]
	}
	d, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return 0, false
	}
	score := 0
	for _, r := range string(d) {
		switch {
		case r == utf8.RuneError:
			return 0, false
		case textnorm.IsHalfWidthKatakana(r): // rare in real text, common in a wrong decoding
			score -= 2
		case r >= 0x3040 && r <= 0x30FF, r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F: // the common blocks
			score++
		}
	}
	return score, true
}

// decoderFor returns the decoder for an encoding name, nil for UTF-8.
func decoderFor(name string) *encoding.Decoder {
	switch name {
	case encSJIS:
		return japanese.ShiftJIS.NewDecoder()
	case encEUCJP:
		return japanese.EUCJP.NewDecoder()
	case encJIS:
		return japanese.ISO2022JP.NewDecoder()
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	}
	return nil
}

// decodeText decodes a whole file to UTF-8 text.
func decodeText(b []byte) (string, error) {
	name, skip, err := detectEncoding(b, false)
	if err != nil {
		return "", err
	}
	b = b[skip:]
	d := decoderFor(name)
	if d == nil {
		return string(b), nil
	}
	out, err := d.Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", name, err)
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return "", errEmpty
	}
	return string(out), nil
}

// decodeOwned is decodeText for bytes the caller gives up: UTF-8 text is
// returned without a copy, and b must not be changed afterwards.
func decodeOwned(b []byte) (string, error) {
	name, skip, err := detectEncoding(b, false)
	if err != nil {
		return "", err
	}
	if decoderFor(name) == nil {
		b = b[skip:]
		if len(b) == 0 {
			return "", nil
		}
		return unsafe.String(&b[0], len(b)), nil
	}
	return decodeText(b)
}

// DecodeText decodes the bytes of a whole text file to UTF-8 as [Read]
// does: a UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark,
// Shift_JIS (CP932), EUC-JP and ISO-2022-JP are detected and decoded. Empty, binary or
// undecodable bytes are an error. For the other text files users give,
// such as glossaries.
func DecodeText(b []byte) (string, error) { return decodeText(b) }
