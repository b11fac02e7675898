package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary/translit"
	"github.com/kensaku/kensaku/indexer"
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

// TestSpellingsShared: the hit rule counts as an equivalent every other
// spelling of it that the search matches as the equivalent (spellings):
// an English word written open, a name's alias in the text.
func TestSpellingsShared(t *testing.T) {
	eng := memoryEngine(t, []corpus.Passage{
		articlePassage("def", "ルガンスク人民共和国", "ウクライナ東部のルハーンシク州（ロシア語名ルガンスク）で独立が宣言された。"),
		articlePassage("rail", "鉄道", "ルガンスクとの間で鉄道が運行されている。"),
		articlePassage("ts", "Files", "Each file has a timestamp and an owner."),
	}, indexer.Options{}, Options{})
	for _, tc := range []struct{ form, want string }{
		{"ルハーンシク", "ルガンスク"},         // an alias (textAliases)
		{"time-stamp", "timestamp"}, // written closed (englishVariants)
	} {
		sp := eng.spellings(tc.form)
		if !slices.ContainsFunc(sp, func(v spelling) bool { return v.form == tc.want }) {
			t.Errorf("spellings(%s) = %+v, want %s", tc.form, sp, tc.want)
			continue
		}
		forms := eng.synonymForms(tc.form, 1)
		r := eng.chunkRule("X", false, []Expansion{{Term: "X", Equivalents: []string{tc.form}}})
		for _, v := range sp {
			if !slices.ContainsFunc(forms, func(f synonymForm) bool { return f.form == v.form }) {
				t.Errorf("%s: synonym set lacks spelling %s", tc.form, v.form)
			}
			terms := distinctTerms(eng.morph.Analyze([]byte(v.form)))
			if !slices.ContainsFunc(r.words[0], func(a []string) bool { return slices.Equal(a, terms) }) {
				t.Errorf("%s: hit rule %q lacks spelling %s", tc.form, r.words[0], v.form)
			}
		}
	}
}
