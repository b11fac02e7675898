package analyzers

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/google/go-cmp/cmp"
)

func TestDefineAnalyzersTravelsWithMapping(t *testing.T) {
	dict := []byte("宇宙状況監視\n# comment\nグローバル・センチネル\tグローバル センチネル\n")
	m := bleve.NewIndexMapping()
	morph, bigram, err := DefineAnalyzers(m, dict)
	if err != nil {
		t.Fatal(err)
	}
	if morph == Japanese || bigram != Bigram {
		t.Fatalf("DefineAnalyzers = %q, %q; want a dictionary-specific morph analyzer and %q", morph, bigram, Bigram)
	}
	if again, _, err := DefineAnalyzers(m, dict); err != nil || again != morph {
		t.Fatalf("second DefineAnalyzers = %q, %v; want %q, nil", again, err, morph)
	}
	const text = "宇宙状況監視とグローバルセンチネル"
	want := []string{"宇宙状況監視", "グローバル", "センチネル"}

	// Save the mapping as an index does, and reload it in a fresh mapping
	// that never saw the dictionary file.
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var reopened mapping.IndexMappingImpl
	if err := json.Unmarshal(data, &reopened); err != nil {
		t.Fatalf("reload mapping: %v", err)
	}
	for name, im := range map[string]*mapping.IndexMappingImpl{"defined": m, "reloaded": &reopened} {
		a := im.AnalyzerNamed(morph)
		if a == nil {
			t.Fatalf("%s mapping: no analyzer %q", name, morph)
		}
		var got []string
		for _, tok := range a.Analyze([]byte(text)) {
			got = append(got, string(tok.Term))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s mapping: terms (-want +got):\n%s", name, diff)
		}
	}

	// The plain analyzer cuts the compound.
	plain, err := Terms(Japanese, text)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"宇宙", "状況", "監視", "グローバルセンチネル"}, plain); diff != "" {
		t.Errorf("plain terms (-want +got):\n%s", diff)
	}
}

func TestDefineAnalyzersEmpty(t *testing.T) {
	m := bleve.NewIndexMapping()
	morph, bigram, err := DefineAnalyzers(m, []byte("# nothing\n\n"))
	if err != nil || morph != Japanese || bigram != Bigram {
		t.Fatalf("DefineAnalyzers(empty) = %q, %q, %v; want %q, %q, nil", morph, bigram, err, Japanese, Bigram)
	}
}

func TestShippedUserDict(t *testing.T) {
	d := shippedDict(t)
	if d.Len() == 0 {
		t.Fatal("shipped user dictionary is empty")
	}
	m := bleve.NewIndexMapping()
	data, err := os.ReadFile("../corpus/data/userdict.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := DefineAnalyzers(m, data); err != nil {
		t.Fatal(err)
	}
}

func TestParseUserDict(t *testing.T) {
	tests := []struct {
		name, data string
		wantLen    int
		wantErr    string // substring; empty for success
	}{
		{"TSV", "机上演習\t机上 演習\t名詞,一般\n", 1, ""},
		{"Kagome CSV", "日本経済新聞,日本 経済 新聞,ニホン ケイザイ シンブン,カスタム名詞\n", 1, ""},
		{"surface only", "宇宙状況監視\n", 1, ""},
		{"katakana", "グローバル・センチネル,グローバル センチネル,,名詞\n", 1, ""},
		{"full-width normalised", "ＳＳＡ監視\n", 0, "mixes"},
		{"comments and blanks", "# x\n\n   \n", 0, ""},
		{"segmentation mismatch", "机上演習\t机上 訓練\n", 0, "line 1: segmentation"},
		{"mixed scripts", "\nNATOサイバー\n", 0, "line 2"},
		{"Latin", "Locked Shields\n", 0, "mixes"},
		{"too many fields", "a\tb\tc\td\n", 0, "4 fields"},
		{"bad CSV", "\"unterminated\n", 0, "line 1"},
		{"invalid UTF-8", "\xff\n", 0, "invalid UTF-8"},
		{"empty surface", ",机上\n", 0, "empty surface"},
		{"only middle dots", "・\t・\n", 0, "line 1: \"・\" has no word but middle dots"},
		{"dots in the segmentation", "東京大阪\t東京・ 大阪\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseUserDict([]byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseUserDict(%q) error = %v, want one containing %q", tt.data, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseUserDict(%q): %v", tt.data, err)
			}
			if d.Len() != tt.wantLen {
				t.Errorf("Len() = %d, want %d", d.Len(), tt.wantLen)
			}
		})
	}
}

func TestUserDictSegmentation(t *testing.T) {
	d, err := ParseUserDict([]byte("机上演習\t机上 演習\n防衛省・自衛隊\t防衛省 自衛隊\nサーバールーム\tサーバー ルーム\n" +
		"東京・大阪\n日・米・豪\t日 米・豪\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := testMorph(t, d)
	tests := []struct {
		text     string
		want     []string
		surfaces []string
	}{
		{"多国間机上演習に", []string{"多国", "間", "机上", "演習"}, []string{"多国", "間", "机上", "演習"}},
		{"防衛省・自衛隊は", []string{"防衛省", "自衛隊"}, []string{"防衛省", "自衛隊"}},
		{"サーバー・ルーム", []string{"サーバ", "ルーム"}, []string{"サーバー", "ルーム"}},
		{"サーバルーム", []string{"サーバルーム"}, []string{"サーバルーム"}},
		// middle dots in an entry of kanji: the tokens span the text they spell
		{"東京・大阪へ", []string{"東京大阪"}, []string{"東京・大阪"}},
		{"日・米・豪の", []string{"日", "米豪"}, []string{"日", "米・豪"}},
	}
	for _, tt := range tests {
		var got, surfaces []string
		for _, tok := range m.Tokenize([]byte(tt.text)) {
			got = append(got, string(tok.Term))
			surfaces = append(surfaces, tt.text[tok.Start:tok.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("terms of %q (-want +got):\n%s", tt.text, diff)
		}
		if diff := cmp.Diff(tt.surfaces, surfaces); diff != "" {
			t.Errorf("surfaces of %q (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestExplain(t *testing.T) {
	got, err := Explain(Japanese, nil, "派遣した")
	if err != nil {
		t.Fatal(err)
	}
	want := []Token{
		{Term: "派遣", Start: 0, End: 6, Position: 1, POS: "名詞,サ変接続,*,*"},
		{Term: "する", Start: 6, End: 9, Position: 2, POS: "動詞,自立,*,*"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain (-want +got):\n%s", diff)
	}
	if _, err := Explain("no-such-analyzer", nil, "x"); err == nil {
		t.Error("Explain with an unknown analyzer: no error")
	}
	std, err := Explain("standard", nil, "Hello World")
	if err != nil || len(std) != 2 || std[1].Term != "world" {
		t.Errorf("Explain(standard) = %v, %v", std, err)
	}
}

func TestConcurrentUse(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyzer(Japanese)
	if err != nil {
		t.Fatal(err)
	}
	analyse := func() string {
		return formatTokens(string(data), a.Analyze(data)) + formatTokens(string(data), BigramTok{}.Tokenize(data))
	}
	want := analyse()
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			if got := analyse(); got != want {
				errs <- got
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if got := <-errs; got != "" {
			t.Errorf("concurrent analysis differs:\n%s", got)
		}
	}
}

// TestIPAPartsOfSpeech checks what classify relies on: every part of
// speech of the IPA dictionary, of known and unknown words, has at least
// two levels.
func TestIPAPartsOfSpeech(t *testing.T) {
	d, err := loadIPA()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range d.POS() {
		if len(p) < 2 {
			t.Errorf("part of speech %d is %v, want at least 2 levels", i, p)
		}
	}
}

// TestAppendTermsBigrams checks that AppendTermsBigrams gives the terms
// of AppendTerms and those of BigramTerms, over the test texts.
func TestAppendTermsBigrams(t *testing.T) {
	m, err := NewMorph(nil)
	if err != nil {
		t.Fatal(err)
	}
	var packed []byte
	for _, in := range testInputs(t) {
		want := m.AppendTerms(nil, []byte(in))
		var wantBigrams [][]byte
		BigramTerms([]byte(in), func(term []byte) { wantBigrams = append(wantBigrams, slices.Clone(term)) })
		var got []TermPos
		got, packed = m.AppendTermsBigrams(nil, packed[:0], []byte(in))
		if len(got) != len(want) {
			t.Fatalf("%q: %d terms, AppendTerms %d", in, len(got), len(want))
		}
		for i := range want {
			if string(got[i].Term) != string(want[i].Term) || got[i].Pos != want[i].Pos {
				t.Fatalf("%q term %d: %q at %d, AppendTerms %q at %d", in, i, got[i].Term, got[i].Pos, want[i].Term, want[i].Pos)
			}
		}
		var gotBigrams [][]byte
		for rest := packed; ; {
			term, r, ok := NextBigram(rest)
			if !ok {
				break
			}
			gotBigrams, rest = append(gotBigrams, term), r
		}
		if len(gotBigrams) != len(wantBigrams) {
			t.Fatalf("%q: %d bigrams, BigramTerms %d", in, len(gotBigrams), len(wantBigrams))
		}
		for i := range wantBigrams {
			if string(gotBigrams[i]) != string(wantBigrams[i]) {
				t.Fatalf("%q bigram %d: %q, BigramTerms %q", in, i, gotBigrams[i], wantBigrams[i])
			}
		}
	}
}
