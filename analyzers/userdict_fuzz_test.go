package analyzers

import (
	"os"
	"testing"
)

// FuzzParseUserDict parses arbitrary user dictionaries (the file given to
// index --user-dict and analyze --user-dict): no panic; an error or a
// dictionary; a dictionary that parses tokenizes text, with its own
// entries in it, into a sound token stream (as FuzzAnalyzers checks),
// the same twice. Run it with
//
//	go test ./analyzers -run '^$' -fuzz FuzzParseUserDict -fuzztime 1m
func FuzzParseUserDict(f *testing.F) {
	for _, s := range []string{
		"宇宙状況監視\t宇宙 状況 監視\t名詞,固有名詞\n",
		"ＳＳＡ\n# comment\n\nスターリンク\n",
		"東京スカイツリー,東京 スカイツリー,トウキョウ スカイツリー,カスタム名詞\n",
		"\uFEFF日本経済新聞,日本 経済 新聞,ニホン ケイザイ シンブン,カスタム名詞\n",
		"a\tb\tc\td\n", "\"unterminated,quote\n", "・\t・\n", "ｻｰﾊﾞｰ\tｻｰ ﾊﾞｰ\n", "\t\t\n", "x,,\n",
		"\xff\xfe\n",
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile("../corpus/data/userdict.txt"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseUserDict(data)
		if err != nil {
			if d != nil {
				t.Fatalf("error %v with a dictionary", err)
			}
			return
		}
		m, err := NewMorph(d)
		if err != nil {
			t.Fatalf("NewMorph with a parsed dictionary: %v", err)
		}
		// The dictionary's own text, a line of ordinary text and both
		// together: entries are looked up wherever they start.
		for _, text := range []string{string(data), "宇宙状況監視（SSA）の能力を東京で高める。", "宇宙" + string(data) + "監視"} {
			ts := m.Tokenize([]byte(text))
			checkStream(t, "morph-userdict", text, ts)
			again := m.Tokenize([]byte(text))
			if len(again) != len(ts) {
				t.Fatalf("%d tokens, then %d", len(ts), len(again))
			}
			for i := range ts {
				if string(ts[i].Term) != string(again[i].Term) {
					t.Fatalf("token %d is %q, then %q", i, ts[i].Term, again[i].Term)
				}
			}
		}
	})
}
