package main

import (
	"strings"
	"testing"

	"github.com/kensaku/kensaku/glossary/translit"
)

// TestEnamdictPhrases checks the rules for ENAMDICT's names on lines in
// its format.
func TestEnamdictPhrases(t *testing.T) {
	m, err := translit.Default()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		"アイントホーフェン /(p) Eindhoven (The Netherlands)/",
		"シェーンベルク /(h) Arnold Schoenberg/",
		"マーサスチュワート /(h) Martha Stewart/",
		"ピーテル・ブリューゲル /(h) Pieter Brueghel/",
		"チューリッヒ /(p) Zürich/",
		"アリストテレス /(s) Aristotle/Aristoteles/",
		"山田 [やまだ] /(s) Yamada/",
		"ナントカ /(u) 1234/",
	}
	pb := &phrasebook{byKey: map[string]*phrase{}}
	pb.enamdictPhrases(lines, m)
	got := string(pb.write())
	_, body, _ := strings.Cut(got, "english\tjapanese\tsource\n")
	want := strings.Join([]string{
		"Aristoteles\tアリストテレス\tenamdict",
		"Aristotle\tアリストテレス\tenamdict",
		"Brueghel\tブリューゲル\tenamdict",
		"Eindhoven\tアイントホーフェン\tenamdict",
		"Martha Stewart\tマーサスチュワート\tenamdict",
		"Pieter\tピーテル\tenamdict",
		"Pieter Brueghel\tピーテル・ブリューゲル\tenamdict",
		"Schoenberg\tシェーンベルク\tenamdict",
		"Zurich\tチューリッヒ\tenamdict",
	}, "\n") + "\n"
	if body != want {
		t.Errorf("phrasebook:\n%s\nwant:\n%s", body, want)
	}
}

// TestEdictPhrases checks that the phrasebook keeps the noun glosses
// edict-words.tsv leaves out, and only those.
func TestEdictPhrases(t *testing.T) {
	lines := []string{
		"立憲君主制 [りっけんくんしゅせい] /(n) constitutional monarchy/limited monarchy/",
		"台風 [たいふう] /(n) typhoon/(P)/",
		"走る [はしる] /(v5r,vi) to run/(P)/",
		"フラグメンテーション /(n) fragmentation/",
		"断片化 [だんぺんか] /(n,vs) (comp) fragmentation/",
		"古語 [こご] /(n) (arch) archaic word/",
	}
	skip := map[string]bool{}
	for _, e := range deriveWords(lines) {
		for _, ja := range e.japanese {
			skip[strings.ToLower(e.english)+"\t"+ja] = true
		}
	}
	pb := &phrasebook{byKey: map[string]*phrase{}}
	pb.edictPhrases(lines, skip)
	_, body, _ := strings.Cut(string(pb.write()), "english\tjapanese\tsource\n")
	want := strings.Join([]string{
		"constitutional monarchy\t立憲君主制\tedict",
		"fragmentation\tフラグメンテーション\tedict",
		"limited monarchy\t立憲君主制\tedict",
	}, "\n") + "\n"
	if body != want {
		t.Errorf("phrasebook:\n%s\nwant:\n%s", body, want)
	}
}
