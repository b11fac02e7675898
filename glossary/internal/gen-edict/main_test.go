package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Lines in the format of the EDICT file (JMdict/EDICT, EDRDG, CC BY-SA),
// some shortened.
var sample = []string{
	"ＥＵ [イーユー] /(n) EU/European Union/",
	"欧州連合 [おうしゅうれんごう] /(n) European Union/EU/",
	"ＮＡＴＯ [ナトー] /(n) North Atlantic Treaty Organization (Organisation)/NATO/",
	"北大西洋条約機構 [きたたいせいようじょうやくきこう] /(n) North Atlantic Treaty Organisation/NATO/",
	"国連 [こくれん] /(n) (abbr) United Nations/UN/(P)/",
	"国際連合 [こくさいれんごう] /(n) United Nations/(P)/",
	"連合国 [れんごうこく] /(n) Allied Powers/Allies/United Nations/",
	"ＣＰＭ [シーピーエム] /(n) (1) critical path method/CPM/(n) (2) cost per mille/CPM/cost per thousand/",
	"クリティカルパス法 [クリティカルパスほう] /(n) critical path method/CPM/",
	"大丈夫 [だいじょうぶ] /(adj-na) (1) safe/all right/OK/okay/(n) (2) (arch) great man/",
	"順調 [じゅんちょう] /(adj-na,n) favourable/doing well/OK/all right/",
	"シーピーエム /(n) CPM/",
	"ＯＫ [オーケー] /(int,n) OK/okay/",
	"ＣＲＣ [シーアールシー] /(n) cyclic redundancy check/CRC/",
	"シーアールシー /(n) CRC/",
	"巡回冗長検査 [じゅんかいじょうちょうけんさ] /(n) cyclic redundancy check/CRC/",
	"not an edict line",
}

func TestDerive(t *testing.T) {
	var got []string
	for _, e := range derive(sample) {
		got = append(got, fmt.Sprintf("%s\t%s\t%s\t%.2f\t%s", e.Acronym, strings.Join(e.English, "|"),
			strings.Join(e.Japanese, "|"), e.Confidence, e.Evidence))
	}
	want := []string{
		"CPM\tcost per mille\t\t0.35\tEDICT: ＣＰＭ",
		"CPM\tcritical path method\tクリティカルパス法\t0.42\tEDICT: ＣＰＭ",
		"CRC\tcyclic redundancy check\t巡回冗長検査\t0.60\tEDICT: ＣＲＣ",
		"EU\tEuropean Union\t欧州連合\t0.60\tEDICT: ＥＵ",
		"NATO\tNorth Atlantic Treaty Organization\t北大西洋条約機構\t0.60\tEDICT: ＮＡＴＯ",
		"OK\tokay\t\t0.50\tEDICT: ＯＫ",
		"UN\tUnited Nations\t国連|国際連合\t0.60\tEDICT",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("derive (-want +got):\n%s", diff)
	}
}

func TestParseLine(t *testing.T) {
	rec, ok := parseLine("ＣＰＭ [シーピーエム] /(n) (1) critical path method/CPM/(n) (2) cost per mille/CPM/cost per thousand/")
	if !ok || rec.headword != "ＣＰＭ" || len(rec.senses) != 2 {
		t.Fatalf("parseLine = %+v, %v", rec, ok)
	}
	if diff := cmp.Diff([]string{"cost per mille", "CPM", "cost per thousand"}, rec.senses[1].glosses); diff != "" {
		t.Errorf("sense 2 glosses (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"", "no slashes", "X [y] /"} {
		if _, ok := parseLine(bad); ok {
			t.Errorf("parseLine(%q) ok", bad)
		}
	}
}
