package analyzers

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testMorph returns a shared morphological tokenizer, with the built-in
// corpus's user dictionary if withDict.
func testMorph(t testing.TB, dict *UserDict) *Morph {
	t.Helper()
	m, err := NewMorph(dict)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var loadShippedDict = sync.OnceValues(func() (*UserDict, error) {
	data, err := os.ReadFile("../corpus/data/userdict.txt")
	if err != nil {
		return nil, err
	}
	return ParseUserDict(data)
})

func shippedDict(t testing.TB) *UserDict {
	t.Helper()
	d, err := loadShippedDict()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// formatTokens renders tokens one a line: term, quoted original surface,
// byte start, byte end, position.
func formatTokens(text string, ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s %q %d %d %d\n", t.Term, text[t.Start:t.End], t.Start, t.End, t.Position)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	morph := testMorph(t, nil)
	dict := testMorph(t, shippedDict(t))
	tokenizers := map[string]analysis.Tokenizer{"morph": morph, "morph-userdict": dict, "bigram": BigramTok{}}
	for _, input := range []string{"seed", "mixed"} {
		data, err := os.ReadFile(filepath.Join("testdata", input+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		for name, tok := range tokenizers {
			t.Run(input+"."+name, func(t *testing.T) {
				golden := filepath.Join("testdata", input+"."+name+".golden")
				got := formatTokens(string(data), tok.Tokenize(data))
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./analyzers -update to create it)", err)
				}
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("tokens of %s differ from %s (-want +got):\n%s", input, golden, diff)
				}
			})
		}
	}
}

// terms returns the terms of text.
func terms(tok analysis.Tokenizer, text string) []string {
	var out []string
	for _, t := range tok.Tokenize([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// positions returns the positions of text's tokens.
func positions(tok analysis.Tokenizer, text string) []int {
	var out []int
	for _, t := range tok.Tokenize([]byte(text)) {
		out = append(out, t.Position)
	}
	return out
}

func TestMorphTerms(t *testing.T) {
	m := testMorph(t, nil)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"full-width Latin", "ＳＳＡ", []string{"ssa"}},
		{"acronym kept", "SSA", []string{"ssa"}},
		{"full-width digits", "２０１９年", []string{"2019", "年"}},
		{"half-width katakana", "ｻｰﾊﾞｰ", []string{"サーバ"}},
		{"long vowel folded", "サーバー", []string{"サーバ"}},
		{"long vowel absent", "サーバ", []string{"サーバ"}},
		{"long vowel doubled", "サーバーー", []string{"サーバ"}},
		{"short word keeps long vowel", "バー", []string{"バー"}},
		{"middle dot", "グローバル・センチネル", []string{"グローバルセンチネル"}},
		{"no middle dot", "グローバルセンチネル", []string{"グローバルセンチネル"}},
		{"katakana alone", "サイバー", []string{"サイバ"}},
		{"katakana in context", "サイバー防衛演習", []string{"サイバ", "防衛", "演習"}},
		{"katakana after Latin", "NATOサイバー", []string{"nato", "サイバ"}},
		{"katakana iteration mark", "バナヽ", []string{"バナナ"}},
		{"kanji iteration mark", "様々な分野", []string{"様々", "分野"}},
		{"base form", "派遣した", []string{"派遣", "する"}},
		{"base form, continuative", "派遣し", []string{"派遣", "する"}},
		{"passive", "行われる", []string{"行う"}},
		{"particles dropped", "宇宙の状況を監視", []string{"宇宙", "状況", "監視"}},
		{"stop word", "これは取組である", []string{"取組"}},
		{"English stop words and stems", "The exercises of an exercise", []string{"exercis", "exercis"}},
		{"possessive", "NATO's exercise and Japan's", []string{"nato", "exercis", "japan"}},
		{"pronoun it dropped, acronym IT kept", "it is IT", []string{"it"}},
		{"IT forum", "ITフォーラム", []string{"it", "フォーラム"}},
		{"Japan EU", "日EU", []string{"日", "eu"}},
		{"SSA multilateral", "SSA多国間", []string{"ssa", "多国", "間"}},
		{"2+2", "2＋2", []string{"2", "2"}},
		{"era year", "19（令和元）年12月", []string{"19", "令和", "元", "年", "12", "月"}},
		{"decimal", "3.5%", []string{"3.5"}},
		{"line break inside a word", "自衛\n\n隊", []string{"自衛隊"}},
		{"line break inside katakana", "サイ\nバー", []string{"サイバ"}},
		{"space between katakana words", "サーバー ルーター", []string{"サーバ", "ルータ"}},
		{"roman numeral", "第Ⅲ部", []string{"第", "iii", "部"}},
		{"symbols only", "❶ ● 「」", nil},
		{"empty", "", nil},
		{"invalid UTF-8", "宇宙\xff監視", []string{"宇宙", "監視"}},
		{"zero-width space", "宇\u200b宙", []string{"宇宙"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, terms(m, tt.text)); diff != "" {
				t.Errorf("terms of %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestPhraseGap(t *testing.T) {
	m := testMorph(t, nil)
	tests := []struct {
		text string
		want []int
	}{
		{"宇宙状況監視", []int{1, 2, 3}},
		{"宇宙の状況を監視", []int{1, 3, 5}},
		{"Space Situational Awareness", []int{1, 2, 3}},
		{"Space  Situational\nAwareness", []int{1, 2, 3}},
		{"space of the situation", []int{1, 4}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, positions(m, tt.text)); diff != "" {
			t.Errorf("positions of %q (-want +got):\n%s", tt.text, diff)
		}
	}
	// The same terms, at positions that a phrase cannot match across.
	a, b := terms(m, "宇宙状況監視"), terms(m, "宇宙の状況を監視")
	if !cmp.Equal(a, b) {
		t.Fatalf("terms differ: %q vs %q", a, b)
	}
}

func TestOffsets(t *testing.T) {
	m := testMorph(t, nil)
	tests := []struct {
		text string
		want []string // original surfaces of the tokens
	}{
		{"ＳＳＡとＳＳＡ", []string{"ＳＳＡ", "ＳＳＡ"}},
		{"ｻｰﾊﾞｰ室", []string{"ｻｰﾊﾞｰ", "室"}},
		{"防衛省・自衛\n\n隊は", []string{"防衛", "省", "自衛\n\n隊"}},
		{"グローバル・センチネル", []string{"グローバル・センチネル"}},
		{"㍻31年", []string{"㍻", "31", "年"}},
		{"NATO’s", []string{"NATO’s"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range m.Tokenize([]byte(tt.text)) {
			got = append(got, tt.text[tok.Start:tok.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("surfaces of %q (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestBigram(t *testing.T) {
	tests := []struct {
		text      string
		want      []string
		positions []int
	}{
		{"宇宙状況監視", []string{"宇宙", "宙状", "状況", "況監", "監視"}, []int{1, 2, 3, 4, 5}},
		{"宇", []string{"宇"}, []int{1}},
		{"SSA多国間", []string{"ssa", "多国", "国間"}, []int{1, 2, 3}},
		{"ＳＳＡ、宇宙", []string{"ssa", "宇宙"}, []int{1, 3}},
		{"グローバル・センチネル", []string{"グロ", "ロー", "ーバ", "バル", "ルセ", "セン", "ンチ", "チネ", "ネル"}, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"サーバー室", []string{"サー", "ーバ", "バ室"}, []int{1, 2, 3}},
		{"The exercises", []string{"exercis"}, []int{2}},
		{"自衛\n隊", []string{"自衛", "衛隊"}, []int{1, 2}},
		{"", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, terms(BigramTok{}, tt.text)); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.positions, positions(BigramTok{}, tt.text)); diff != "" {
				t.Errorf("positions (-want +got):\n%s", diff)
			}
		})
	}
	// Katakana words give the same bigrams with or without the dot.
	if a, b := terms(BigramTok{}, "グローバル・センチネル"), terms(BigramTok{}, "グローバルセンチネル"); !cmp.Equal(a, b) {
		t.Errorf("bigrams differ with and without ・: %q vs %q", a, b)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＳＳＡ", "ssa"},
		{"Space Situational  Awareness", "space situational awareness"},
		{"グローバル・センチネル", "グローバルセンチネル"},
		{"サーバー", "サーバ"},
		{"ｻｰﾊﾞｰ", "サーバ"},
		{"宇宙・サイバー", "宇宙・サイバ"},
		{"自衛\n隊", "自衛隊"},
		{"  NATO\n", "nato"},
		{"バナヽ", "バナナ"},
		{"いすゞ", "いすず"},
		{"ヽ", "ヽ"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Normalize(got); again != got {
			t.Errorf("Normalize not idempotent: Normalize(%q) = %q", got, again)
		}
	}
}

// TestAppendTerms checks that AppendTerms gives the terms and positions of
// Tokenize's tokens, in their order, over the test texts, appending to
// what dst holds.
func TestAppendTerms(t *testing.T) {
	m, err := NewMorph(nil)
	if err != nil {
		t.Fatal(err)
	}
	dst := []TermPos{{Term: []byte("kept"), Pos: 7}}
	for _, in := range testInputs(t) {
		ts := m.Tokenize([]byte(in))
		dst = m.AppendTerms(dst[:1], []byte(in))
		if string(dst[0].Term) != "kept" || dst[0].Pos != 7 {
			t.Fatalf("%q: dst[0] = %+v, want it kept", in, dst[0])
		}
		got := dst[1:]
		if len(got) != len(ts) {
			t.Fatalf("%q: %d terms, Tokenize %d tokens", in, len(got), len(ts))
		}
		for i, tok := range ts {
			if string(got[i].Term) != string(tok.Term) || got[i].Pos != tok.Position {
				t.Fatalf("%q: term %d = %q at %d, Tokenize %q at %d", in, i, got[i].Term, got[i].Pos, tok.Term, tok.Position)
			}
		}
	}
}
