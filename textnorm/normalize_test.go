package textnorm

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// segments renders t as its runs of bytes sharing an original range:
// "text[start,end)" separated by spaces.
func segments(t *Text) string {
	var b strings.Builder
	for i := 0; i < len(t.Bytes); {
		j := i + 1
		for j < len(t.Bytes) && t.Start[j] == t.Start[i] {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%q[%d,%d)", t.Bytes[i:j], t.Start[i], t.End[j-1])
		i = j
	}
	return b.String()
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"SSA", `"S"[0,1) "S"[1,2) "A"[2,3)`},
		{"ＳＳＡ", `"S"[0,3) "S"[3,6) "A"[6,9)`},
		{"ｶﾞｰ", `"ガ"[0,6) "ー"[6,9)`},
		{"㍻元年", `"平成"[0,3) "元"[3,6) "年"[6,9)`},
		{"自衛\n\n隊", `"自"[0,3) "衛"[3,6) "隊"[8,11)`},
		{"宇宙 状況", `"宇"[0,3) "宙"[3,6) "状"[7,10) "況"[10,13)`},
		{"宇宙\u3000状況", `"宇"[0,3) "宙"[3,6) "状"[9,12) "況"[12,15)`},
		{"サイ\nバー", `"サ"[0,3) "イ"[3,6) "バ"[7,10) "ー"[10,13)`},
		{"データ センター", `"デ"[0,3) "ー"[3,6) "タ"[6,9) " "[9,10) "セ"[10,13) "ン"[13,16) "タ"[16,19) "ー"[19,22)`},
		{"a  b\n\nc", `"a"[0,1) " "[1,3) "b"[3,4) "\n"[4,6) "c"[6,7)`},
		{"NATO 加盟", `"N"[0,1) "A"[1,2) "T"[2,3) "O"[3,4) " "[4,5) "加"[5,8) "盟"[8,11)`},
		{"  a\t", `"a"[2,3)`},
		{"いすゞ", `"い"[0,3) "す"[3,6) "ず"[6,9)`},
		{"バナヽ", `"バ"[0,3) "ナ"[3,6) "ナ"[6,9)`},
		{"ヽ", `"ヽ"[0,3)`},
		{"a\u200bb\u00adc", `"a"[0,1) "b"[4,5) "c"[7,8)`},
		{"a\x00b", `"a"[0,1) " "[1,2) "b"[2,3)`},
		{"\xffa", `"�"[0,1) "a"[1,2)`},
		{"e\u0301", `"é"[0,3)`},
	}
	for _, tt := range tests {
		var n Text
		Normalize(&n, []byte(tt.in))
		if got := segments(&n); got != tt.want {
			t.Errorf("Normalize(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"ＳＳＡ", "ssa"},
		{"  Space\u3000Situational \t Awareness ", "space situational awareness"},
		{"Space  Situational\nAwareness", "space situational awareness"},
		{"宇宙 状況監視", "宇宙状況監視"},
		{"宇宙\n\n状況監視", "宇宙状況監視"},
		{"宇宙\u3000状況監視", "宇宙状況監視"},
		{"NATO 加盟国", "nato 加盟国"},
		{"ｳﾁｭｳ", "ウチュウ"},
		{"グローバル・センチネル", "グローバルセンチネル"},
		{"ｸﾞﾛｰﾊﾞﾙ･ｾﾝﾁﾈﾙ", "グローバルセンチネル"},
		{"サーバー", "サーバ"},
		{"サーバーラック", "サーバーラック"},
		{"データー・センター", "データーセンタ"},
		{"データ センター", "データ センタ"},
		{"カー", "カー"},
		{"・ー・サーバー・", "・ー・サーバ・"},
		{"宇宙・サイバー", "宇宙・サイバ"},
		{"ヴァイオリン", "ヴァイオリン"},
		{"ｳﾞｧｲｵﾘﾝ", "ヴァイオリン"},
		{"いすゞ", "いすず"},
		{"バナヽ", "バナナ"},
		{"ウヾ", "ウヴ"},
		{"a\u00adb", "ab"},
		{"A\x00B", "a b"},
		{"T\u0308", "ẗ"}, // lowercasing makes a composable pair
		{"Ⅲ", "iii"},
		{"㍻", "平成"},
	}
	for _, tt := range tests {
		got := Key(tt.in)
		if got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Key(got); again != got {
			t.Errorf("Key not idempotent: Key(%q) = %q", got, again)
		}
		var kt Text
		KeyText(&kt, []byte(tt.in))
		if string(kt.Bytes) != got {
			t.Errorf("KeyText(%q) = %q, Key %q", tt.in, kt.Bytes, got)
		}
	}
}

func TestKeyText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"宇宙 状況", `"宇"[0,3) "宙"[3,6) "状"[7,10) "況"[10,13)`},
		{"ＳＳＡ", `"s"[0,3) "s"[3,6) "a"[6,9)`},
		{"Space  Aw", `"s"[0,1) "p"[1,2) "a"[2,3) "c"[3,4) "e"[4,5) " "[5,7) "a"[7,8) "w"[8,9)`},
		// The dropped ・ maps nowhere; the dropped final ー goes with the
		// last letter.
		{"データ・センター", `"デ"[0,3) "ー"[3,6) "タ"[6,9) "セ"[12,15) "ン"[15,18) "タ"[18,24)`},
		{"ｻｰﾊﾞｰ群", `"サ"[0,3) "ー"[3,6) "バ"[6,15) "群"[15,18)`},
		{"T\u0308X", `"ẗ"[0,3) "x"[3,4)`},
		{"\u3000a\n", `"a"[3,4)`},
	}
	for _, tt := range tests {
		var kt Text
		KeyText(&kt, []byte(tt.in))
		if got := segments(&kt); got != tt.want {
			t.Errorf("KeyText(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestFoldKatakana checks the folding of single katakana words, and that
// KeyText folds a word as FoldKatakana does.
func TestFoldKatakana(t *testing.T) {
	tests := []struct{ in, want string }{
		{"サーバー", "サーバ"},
		{"サーバーー", "サーバ"},
		{"カー", "カー"},
		{"カーー", "カーー"},
		{"カーーー", "カ"},
		{"グローバル・センチネル", "グローバルセンチネル"},
		{"ア・イ・ー", "アイー"},   // three characters besides the dots
		{"ア・イ・ウ・ー", "アイウ"}, // a part cut from a longer word may end in ・ー
		{"ア", "ア"},
	}
	for _, tt := range tests {
		if got := string(FoldKatakana(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("FoldKatakana(%q) = %q, want %q", tt.in, got, tt.want)
		}
		word := []byte(tt.in)
		if r, _ := utf8.DecodeRune(word); IsKatakanaLetter(r) && KatakanaRunEnd(word, 0) == len(word) {
			if k := Key(tt.in); k != tt.want {
				t.Errorf("Key(%q) = %q, FoldKatakana %q", tt.in, k, tt.want)
			}
		}
	}
	if got := string(FoldKatakana([]byte("x"), []byte("サーバー"))); got != "xサーバ" {
		t.Errorf("FoldKatakana appends %q", got)
	}
}

func TestKatakanaRunEnd(t *testing.T) {
	tests := []struct {
		in  string
		end int
	}{
		{"サーバー群", len("サーバー")},
		{"データ・センター", len("データ・センター")},
		{"データ・", len("データ")},
		{"データ・・セ", len("データ")},
		{"ア・ー", len("ア")},
		{"アイ ウ", len("アイ")},
		{"アヶ月", len("ア")},
	}
	for _, tt := range tests {
		if got := KatakanaRunEnd([]byte(tt.in), 0); got != tt.end {
			t.Errorf("KatakanaRunEnd(%q) = %d, want %d", tt.in, got, tt.end)
		}
	}
}

// TestKeyASCII checks the ASCII fast path of Key against the general one.
func TestKeyASCII(t *testing.T) {
	for _, s := range []string{"", " ", "SSA", "  Space \t Situational\r\nAwareness  ", "a\x00b\x7fc", "IT's 3.5", "\x1fX\x1f"} {
		fast, ok := keyASCII(s)
		if !ok {
			t.Fatalf("keyASCII(%q) refused ASCII", s)
		}
		var kt Text
		KeyText(&kt, []byte(s))
		if fast != string(kt.Bytes) {
			t.Errorf("keyASCII(%q) = %q, KeyText %q", s, fast, kt.Bytes)
		}
	}
	if _, ok := keyASCII("aé"); ok {
		t.Error("keyASCII took non-ASCII text")
	}
}

// TestIsKey checks the shortcut of Key for text that is its own key
// against the general path.
func TestIsKey(t *testing.T) {
	for _, tt := range []struct {
		s  string
		is bool
	}{
		{"宇宙状況監視", true}, {"ssa", true}, {"nato加盟国、", true}, {"センサ", true}, {"データセンタ", false}, {"3.5%", true},
		{"", true}, {"サーバー", false}, {"SSA", false}, {"a b", false}, {"データ・センタ", false}, {"ｶ", false},
		{"いすゞ", false}, {"á", false}, {"ÿ", false}, {"a", false},
	} {
		if got := isKey(tt.s); got != tt.is {
			t.Errorf("isKey(%q) = %v, want %v", tt.s, got, tt.is)
		}
		var kt Text
		KeyText(&kt, []byte(tt.s))
		if tt.is && string(kt.Bytes) != tt.s {
			t.Errorf("isKey(%q), but KeyText gives %q", tt.s, kt.Bytes)
		}
	}
}

// TestKeyIsNFKC checks that keys are NFKC, lower case where case maps,
// and without white space at the ends or doubled.
func TestKeyIsNFKC(t *testing.T) {
	for _, s := range []string{"Ｔ\u0308", "ＡＢＣ　ＤＥＦ", "\u0308\u200b\u309a", "ｶﾞ", "Ǆ", "ΣΑΣ"} {
		k := Key(s)
		if !norm.NFKC.IsNormalString(k) || strings.TrimSpace(k) != k || strings.Contains(k, "  ") {
			t.Errorf("Key(%q) = %q", s, k)
		}
	}
}
