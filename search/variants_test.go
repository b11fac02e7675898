package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kensaku/kensaku/glossary/translit"
)

func TestSkeletons(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"パークセー", "パクセー"},
		{"ヴィエンチャン", "ビエンチャン"},
		{"ユーロ・コミュニズム", "ユーロコミュニズム"},
		{"セキュリティーホール", "セキュリティホール"},
		{"ｻﾞﾝｼﾞﾊﾞｰﾙ", "ザンジバル"},
	} {
		if x, y := spellingSkeleton(tc.a), spellingSkeleton(tc.b); x != y {
			t.Errorf("spellingSkeleton: %s %q, %s %q", tc.a, x, tc.b, y)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"ロックファイル", "ログファイル"},
		{"ベッド", "ベット"},
	} {
		if x, y := spellingSkeleton(tc.a), spellingSkeleton(tc.b); x == y {
			t.Errorf("spellingSkeleton folds %s and %s into %q", tc.a, tc.b, x)
		}
	}
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"ヴァイオリン", "バイオリン", true},
		{"ブラザヴィル", "ブラザビル", true},
		{"パブリック・ドメイン", "パブリックドメイン", true},
		{"クーロン", "クローン", false},
		{"レベル", "レーベル", false},
		{"ウイルス", "ウィルス", false},
	} {
		if x, y := strictSkeleton(tc.a), strictSkeleton(tc.b); (x == y) != tc.same {
			t.Errorf("strictSkeleton: %s %q, %s %q, want same %v", tc.a, x, tc.b, y, tc.same)
		}
	}
}

// TestKatakanaRuns: runs of two letters or more, with middle dots and
// prolonged sound marks inside; a run of one letter (ア, ーカ) is none.
func TestKatakanaRuns(t *testing.T) {
	text := "ユーロ・コミュニズムとセンチネル、ア、ーカ"
	var got []string
	for _, r := range katakanaRuns(text) {
		got = append(got, text[r[0]:r[1]])
	}
	if want := "ユーロ・コミュニズム|センチネル"; strings.Join(got, "|") != want {
		t.Errorf("katakanaRuns = %q, want %q", got, want)
	}
}

func FuzzSpelling(f *testing.F) {
	for _, s := range []string{"ユーロ・コミュニズム", "ヴァイオリン", "ｻﾞﾝｼﾞﾊﾞｰﾙ", "a・ー", "ーー・ア"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, r := range katakanaRuns(s) {
			if r[0] < 0 || r[1] > len(s) || r[0] >= r[1] {
				t.Fatalf("katakanaRuns(%q): span %v", s, r)
			}
			if !translit.IsKatakanaWord(s[r[0]:r[1]]) {
				t.Errorf("katakanaRuns(%q): %q is no katakana word", s, s[r[0]:r[1]])
			}
		}
		for name, f := range map[string]func(string) string{"spelling": spellingSkeleton, "strict": strictSkeleton} {
			if k := f(s); f(k) != k {
				t.Errorf("%sSkeleton(%q) = %q, not a fixed point: %q", name, s, k, f(k))
			}
		}
	})
}
