package search

import (
	"slices"
	"strings"
	"testing"
)

func TestSpells(t *testing.T) {
	for _, c := range []struct {
		words   [][]string
		acronym string
		want    bool
	}{
		{[][]string{{"n"}, {"b", "o"}, {"d", "s"}}, "nbd", true},
		{[][]string{{"cp"}, {"p"}}, "cp", false}, // every word spells a part
		{[][]string{{"cp", "c"}, {"p"}}, "cp", true},
		{[][]string{{"c"}, {"p"}}, "cp", true},
		{[][]string{{"su"}, {"cp"}}, "cpsu", false},
		{[][]string{{"n"}, {""}, {"b"}}, "nb", true}, // a separator spells nothing
		{[][]string{{"n"}, {"b"}}, "nbd", false},
	} {
		if got := spells(c.words, c.acronym); got != c.want {
			t.Errorf("spells(%q, %q) = %v, want %v", c.words, c.acronym, got, c.want)
		}
	}
	// ソ連共産党: Soviet Union, Communist Party, read last words first.
	if !slices.ContainsFunc(rotations([][]string{{"su"}, {"cp"}}), func(r [][]string) bool { return spells(r, "cpsu") }) {
		t.Error("no rotation of [su cp] spells cpsu")
	}
}

func TestHasLatinWord(t *testing.T) {
	for _, c := range []struct {
		text, word string
		want       bool
	}{
		{"qemu-nbd(1) を使って", "nbd", true},
		{"NBD デバイス", "nbd", true},
		{"the nbdkit server", "nbd", false},
		{"xnbd", "nbd", false},
		{"", "nbd", false},
	} {
		if got := hasLatinWord(c.text, c.word); got != c.want {
			t.Errorf("hasLatinWord(%q, %q) = %v, want %v", c.text, c.word, got, c.want)
		}
	}
}

func TestCompoundRuns(t *testing.T) {
	got := compoundRuns("qemu-nbd を使ってネットワークブロックデバイスプロトコルを用いて中国共産党と党")
	if !slices.Equal(got, []string{"ネットワークブロックデバイスプロトコル", "中国共産党"}) {
		t.Errorf("compoundRuns = %q", got)
	}
}

func TestAbbreviated(t *testing.T) {
	e := realTextEngine(t)
	for _, c := range []struct {
		run, abbr string
		want      []string
	}{
		{"全日本学生自治会総連合", "全学連", []string{"全日本学生自治会総連合"}},
		{"国家公務員法", "国公法", []string{"国家公務員法"}},
		{"東京情報処理連絡会", "東情連", []string{"東京情報処理連絡会"}},
		{"国家公務員法違反", "国公法", []string{"国家公務員法"}},
		{"全学連", "全学連", nil},
		{"第二次世界", "第二次世", nil},   // the query whole and a suffix      // the abbreviation itself
		{"日本学生自治会", "全学連", nil},  // no word begins with 全
		{"全日本学生自治会", "全学連", nil}, // no word begins with 連
	} {
		if got := e.abbreviated(c.run, []rune(c.abbr)); !slices.Equal(got, c.want) {
			t.Errorf("abbreviated(%q, %q) = %q, want %q", c.run, c.abbr, got, c.want)
		}
	}
}

func TestBesideAcronym(t *testing.T) {
	for _, c := range []struct {
		text, form string
		want       bool
	}{
		{`"トランスポーテーションレイヤーセキュリティー"(TLS) もしくは`, "トランスポーテーションレイヤーセキュリティー", true},
		{"TLS (トランスポーテーションレイヤーセキュリティー)", "トランスポーテーションレイヤーセキュリティー", true},
		{"多くのトランスポーテーションレイヤーサービスはパスワード認証も含めて TLS", "トランスポーテーションレイヤーサービス", false},
		{"qemu-nbd(1) を使ってネットワークブロックデバイスプロトコル", "ネットワークブロックデバイス", false},
	} {
		acr := "tls"
		if strings.Contains(c.text, "nbd") {
			acr = "nbd"
		}
		if got := besideAcronym(c.text, c.form, acr); got != c.want {
			t.Errorf("besideAcronym(%q, %q) = %v, want %v", c.text, c.form, got, c.want)
		}
	}
}
