package glossary

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsPredicateNote(t *testing.T) {
	tests := []struct {
		part string
		want bool
	}{
		{"aide パッケージに含まれます", true},
		{"X11 で動作する", true},
		{"JAXA が担当した。", true},
		{"Debian パッケージトラッカー", false}, // a name
		{"パラレル ATA", false},
		{"パッケージに含まれます", false}, // no Latin letters: read elsewhere
		{"Name Service Switch", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isPredicateNote(tt.part); got != tt.want {
			t.Errorf("isPredicateNote(%q) = %v, want %v", tt.part, got, tt.want)
		}
	}
}

func TestNormalizeApostrophes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"d’Eclairage", "d'Eclairage"},
		{"d`Eclairage", "d'Eclairage"},
		{"Commission’s work", "Commission's work"},
		{"`Portable Document Format'", "`Portable Document Format'"}, // quotation marks stay
		{"‘quoted’", "‘quoted’"},
		{"日本’語", "日本’語"},
		{"’", "’"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normalizeApostrophes(tt.in); got != tt.want {
			t.Errorf("normalizeApostrophes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEnglishLongFormApostrophe(t *testing.T) {
	tests := []struct {
		before, sf, want string
	}{
		{"開発は Commission Internationale d`Eclairage", "CIE", "Commission Internationale d`Eclairage"},
		{"開発は Commission Internationale d’Eclairage", "CIE", "Commission Internationale d’Eclairage"},
		{"これは `Portable Document Format'", "PDF", "Portable Document Format"},
		{"これは Space Situational Awareness", "SSA", "Space Situational Awareness"},
		{"The Debian Project leader's", "DPL", "Debian Project leader"}, // a possessive
		{"The Debian Project leader’s", "DPL", "Debian Project leader"}, // a possessive
		{"Les Editions d'Orsay", "LEO", "Les Editions d'Orsay"},         // no possessive
	}
	for _, tt := range tests {
		got, off, ok := englishLongForm(tt.before, tt.sf)
		if !ok || got != tt.want || !strings.HasPrefix(tt.before[off:], strings.Fields(got)[0]) {
			t.Errorf("englishLongForm(%q, %q) = %q, %d, %v; want %q", tt.before, tt.sf, got, off, ok, tt.want)
		}
	}
}

// FuzzEnglishLongForm checks that englishLongForm never panics and that
// what it returns is written at the offset it gives.
func FuzzEnglishLongForm(f *testing.F) {
	f.Add("開発は Commission Internationale d`Eclairage", "CIE")
	f.Add("d’’E", "DE")
	f.Add("`a’b`", "AB")
	f.Fuzz(func(t *testing.T, before, sf string) {
		if !utf8.ValidString(before) {
			return
		}
		got, off, ok := englishLongForm(before, sf)
		if !ok {
			return
		}
		if off < 0 || off > len(before) || !strings.HasPrefix(before[off:], strings.Fields(got)[0]) {
			t.Fatalf("englishLongForm(%q, %q) = %q at %d: not written there", before, sf, got, off)
		}
		if n := normalizeApostrophes(before); utf8.RuneCountInString(n) != utf8.RuneCountInString(before) {
			t.Fatalf("normalizeApostrophes(%q) changed the number of runes", before)
		}
	})
}

func TestCutColon(t *testing.T) {
	tests := []struct {
		in, label, value string
		ok               bool
	}{
		{"SSA: Space Situational Awareness", "SSA", "Space Situational Awareness", true},
		{"SSA:Space Situational Awareness", "SSA", "Space Situational Awareness", true},
		{"英:North Atlantic Treaty Organization", "英", "North Atlantic Treaty Organization", true},
		{"DD-Mon-YYYY hh:mm:dd TZD", "", "", false},
		{"開始 12:30", "", "", false},
		{"http://example.org", "", "", false},
		{"略称: ", "", "", false},
		{"no colon", "", "", false},
	}
	for _, tt := range tests {
		l, v, ok := cutColon(tt.in)
		if l != tt.label || v != tt.value || ok != tt.ok {
			t.Errorf("cutColon(%q) = %q, %q, %v; want %q, %q, %v", tt.in, l, v, ok, tt.label, tt.value, tt.ok)
		}
	}
}

func TestSegmentTerm(t *testing.T) {
	tests := []struct {
		s    string
		verb []string // the tokens still read as verbs
	}{
		{"現金自動預払機", nil},
		{"可採年数", nil},
		{"縮み量", []string{"縮み"}},  // a kana ending: a verb form
		{"その採年数", []string{"採"}}, // after kana: no compound
		{"ファイルを読む", []string{"読む"}},
	}
	for _, tt := range tests {
		toks, err := segmentTerm(tt.s)
		if err != nil {
			t.Fatal(err)
		}
		var verbs []string
		for _, tok := range toks {
			if posAt(tok, 0) == "動詞" {
				verbs = append(verbs, tok.Surface)
			}
		}
		if strings.Join(verbs, " ") != strings.Join(tt.verb, " ") {
			t.Errorf("segmentTerm(%q): verbs %q, want %q", tt.s, verbs, tt.verb)
		}
	}
}

func TestLatinSkeletonRepeats(t *testing.T) {
	tests := []struct{ in, want string }{
		{"cuica", "kk"}, // the same consonant on both sides of a vowel
		{"cocoa", "kk"},
		{"bell", "br"}, // a doubled letter is one sound
		{"Mississippi", "mssp"},
		{"Starlink", "strnk"},
	}
	for _, tt := range tests {
		if got := string(latinSkeleton(tt.in)); got != tt.want {
			t.Errorf("latinSkeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCamelParts(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"HashSet", []string{"Hash", "Set"}},
		{"DebConf", []string{"Deb", "Conf"}},
		{"PowerPoint", []string{"Power", "Point"}},
		{"CyCon", nil}, // parts of two letters: an acronym
		{"SSA", nil},
		{"iPhone", nil},
		{"Starlink", nil},
		{"HTTPServer", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := camelParts(tt.in); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("camelParts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripDefinerSuffix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"「SSA」という。", "SSA"},
		{"「SSA」という", "SSA"},
		{"SSA」という", "SSA"},
		{"『みちびき』と呼ぶ", "みちびき"},
		{"SSA", "SSA"},
		{"という", ""},
		{"宇宙状況監視", "宇宙状況監視"},
	}
	for _, tt := range tests {
		if got := stripDefinerSuffix(tt.in); got != tt.want {
			t.Errorf("stripDefinerSuffix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindCloseFullStop(t *testing.T) {
	tests := []struct {
		text string
		want bool // a closing parenthesis is found
	}{
		{"（以下「SSA」という。）", true},
		{"（Space Situational Awareness。以下「SSA」という。）", true},
		{"（SSA。これは重要だ）", false},
		{"（SSA", false},
	}
	for _, tt := range tests {
		at, _ := findClose(tt.text, len("（"))
		if got := at >= 0; got != tt.want {
			t.Errorf("findClose(%q) = %d, want found %v", tt.text, at, tt.want)
		}
	}
}

func TestTrimQuoted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"「SOG」", "SOG"},
		{"『SOG』", "SOG"},
		{"「SOG", "SOG"},
		{"「A」と「B」", "「A」と「B」"},
		{"SOG", "SOG"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := trimQuoted(tt.in); got != tt.want {
			t.Errorf("trimQuoted(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStartsWithParticiple(t *testing.T) {
	tests := []struct {
		en   string
		want bool
	}{
		{"extended description", true},
		{"customized fret diagram", true},
		{"repackaged upstream source", true},
		{"red line", false},
		{"description", false},
		{"speed limit", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := startsWithParticiple(tt.en); got != tt.want {
			t.Errorf("startsWithParticiple(%q) = %v, want %v", tt.en, got, tt.want)
		}
	}
}

func TestJoinDesignators(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"英語：J-CAST", " Inc."}, []string{"英語：J-CAST, Inc."}},
		{[]string{"Sony Co.", " Ltd."}, []string{"Sony Co., Ltd."}},
		{[]string{"Inc."}, []string{"Inc."}},
		{[]string{"株式会社", "Inc."}, []string{"株式会社", "Inc."}},
		{[]string{"GTK", "Mozilla Thunderbird"}, []string{"GTK", "Mozilla Thunderbird"}},
	}
	for _, tt := range tests {
		if got := joinDesignators(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("joinDesignators(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsDesignation(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"SC-19", true}, {"F-35A", true}, {"ETS-9", true}, {"COVID-19", true},
		{"OTH-B", false}, {"DA-ASAT", false}, {"m5C", false}, {"B2B", false}, {"CO2", false}, {"SSA", false}, {"X-", false},
	}
	for _, tt := range tests {
		if got := isDesignation(tt.in); got != tt.want {
			t.Errorf("isDesignation(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSplitLoanword(t *testing.T) {
	for _, tt := range []struct {
		prev, next, en string
		want           bool
	}{
		{"メン", "テナー", "Debian Maintainer", true},
		{"メン", "テナー", "tenor man", false},
		{"パッケージ", "マネージャ", "package manager", false}, // each part is heard alone
	} {
		if got := splitLoanword(tt.prev, tt.next, tt.en); got != tt.want {
			t.Errorf("splitLoanword(%q, %q, %q) = %v, want %v", tt.prev, tt.next, tt.en, got, tt.want)
		}
	}
}

func TestTransliteratesRun(t *testing.T) {
	for _, tt := range []struct {
		kata  string
		words []string
		want  bool
	}{
		{"バイナリーパッケージ", []string{"Single", "binary", "package"}, true},
		{"フレットダイアグラム", []string{"automatic", "fret", "diagram"}, true},
		{"バイナリーパッケージ", []string{"binary"}, false},
		{"パッケージ", []string{"source", "code"}, false},
	} {
		if got := transliteratesRun(tt.kata, tt.words); got != tt.want {
			t.Errorf("transliteratesRun(%q, %q) = %v, want %v", tt.kata, tt.words, got, tt.want)
		}
	}
}

func TestIsLetterInitials(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"d-i", true},
		{"k.o.", true},
		{"d-in", false},
		{"x", false},
		{"1-2", false},
	} {
		if got := isLetterInitials(tt.s); got != tt.want {
			t.Errorf("isLetterInitials(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestNumeronym(t *testing.T) {
	for _, tt := range []struct {
		nn, word     string
		isNN, spells bool
	}{
		{"i18n", "internationalization", true, true},
		{"l10n", "localization", true, true},
		{"a11y", "accessibility", true, true},
		{"k8s", "kubernetes", true, true},
		{"i18n", "localization", true, false},
		{"B2B", "", false, false},
		{"x11", "", false, false},
		{"i08n", "", false, false},
		{"SSA", "", false, false},
	} {
		if got := isNumeronym(tt.nn); got != tt.isNN {
			t.Errorf("isNumeronym(%q) = %v, want %v", tt.nn, got, tt.isNN)
		}
		if got := numeronymOf(tt.nn, tt.word); got != tt.spells {
			t.Errorf("numeronymOf(%q, %q) = %v, want %v", tt.nn, tt.word, got, tt.spells)
		}
	}
}

func TestIsFormerName(t *testing.T) {
	for _, tt := range []struct {
		p    string
		want bool
	}{
		{"旧 GMT", true},
		{"旧称 Ethereal", true},
		{"旧KOffice", true},
		{"旧来の方式", false},
		{"旧 版", false},
		{"GMT", false},
	} {
		if got := isFormerName(tt.p); got != tt.want {
			t.Errorf("isFormerName(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestIsShoutedWord(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"CAUTION", true},
		{"TIP", false},
		{"IPv6", false},
		{"GOING FURTHER", false},
		{"X11R", false},
	} {
		if got := isShoutedWord(tt.s); got != tt.want {
			t.Errorf("isShoutedWord(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestDescribesName(t *testing.T) {
	for _, tt := range []struct {
		ja, en string
		want   bool
	}{
		{"映画監督", "Steven Spielberg", true},
		{"撮影監督", "Janusz Kamiński", true},
		{"悲劇的交響曲", "Tragische Sinfonie", false}, // 悲劇的 renders tragisch
		{"監視団", "Observer Group", false},        // words of the language
		{"ラテン語聖書", "Biblia Sacra", false},       // not in kanji alone
		{"監督", "Spielberg", false},              // one word
		{"朝倉卓人", "Takuto Asakura", false},       // a proper noun
	} {
		if got := describesName(tt.ja, tt.en); got != tt.want {
			t.Errorf("describesName(%q, %q) = %v, want %v", tt.ja, tt.en, got, tt.want)
		}
	}
}

func TestSameStem(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"recommends", "recommendation", true},
		{"tragic", "tragische", true},
		{"wire", "wired", false},
		{"map", "map", true},
	} {
		if got := sameStem(tt.a, tt.b); got != tt.want {
			t.Errorf("sameStem(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLoanwordOfOther(t *testing.T) {
	for _, tt := range []struct {
		kata, en string
		want     bool
	}{
		{"ウェブブラウザ", "Firefox", true},
		{"ブラウザ", "Firefox", true},
		{"ブラウザ", "Browser", false},
		{"メンター", "mentors", false},
		{"スターリンク", "Starlink", false},
	} {
		if got := loanwordOfOther(tt.kata, tt.en); got != tt.want {
			t.Errorf("loanwordOfOther(%q, %q) = %v, want %v", tt.kata, tt.en, got, tt.want)
		}
	}
}

func TestIsReadingWithNo(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"せいめいのきげん", true},
		{"アップストリームのメンテナー", false},
		{"アップストリームのめんてなー", true},
		{"ニッポン", false},
		{"えいず", true},
	} {
		if got := isReading(tt.s); got != tt.want {
			t.Errorf("isReading(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestAfterListedLatin(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"には、Ki, Mi, ", true},
		{"RGB、 ", true},
		{"色モデル、", false},
		{"Ki Mi", false},
	} {
		if got := afterListedLatin(tt.s); got != tt.want {
			t.Errorf("afterListedLatin(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestCamelInitials(t *testing.T) {
	for _, tt := range []struct {
		w, acronym string
		want       bool
	}{
		{"NetworkManager", "NM", true},
		{"PostScript", "PS", true},
		{"PostScript", "PSX", false},
		{"Firefox", "FF", false},
		{"Network Manager", "NM", false}, // words, matched as a phrase elsewhere
		{"NetworkManager", "N.M", false},
	} {
		if got := camelInitials(tt.w, tt.acronym); got != tt.want {
			t.Errorf("camelInitials(%q, %q) = %v, want %v", tt.w, tt.acronym, got, tt.want)
		}
	}
}

func TestCapitalsSpell(t *testing.T) {
	for _, tt := range []struct {
		en, sf string
		want   bool
	}{
		{"CHange SHell", "chsh", true},
		{"MaKe FileSystem", "mkfs", true},
		{"DEVices", "dev", true},
		{"Change Shell", "cs", false}, // initials, judged elsewhere
		{"CHANGE SHELL", "chsh", false},
		{"change SHell", "chsh", false},
	} {
		if got := capitalsSpell(tt.en, tt.sf); got != tt.want {
			t.Errorf("capitalsSpell(%q, %q) = %v, want %v", tt.en, tt.sf, got, tt.want)
		}
	}
}

func TestIsAttribution(t *testing.T) {
	for _, tt := range []struct {
		ja, en string
		want   bool
	}{
		{"写真", "Getty Images", true},
		{"画像提供", "NASA", true},
		{"画像", "raster image", false}, // lower case: a translation
		{"提供", "Provides", false},     // a field's name
		{"映像制作会社", "Pixar", false},
	} {
		if got := isAttribution(tt.ja, tt.en); got != tt.want {
			t.Errorf("isAttribution(%q, %q) = %v, want %v", tt.ja, tt.en, got, tt.want)
		}
	}
}

func TestLoanwordsUnspelt(t *testing.T) {
	for _, tt := range []struct {
		ja, acronym string
		want        bool
	}{
		{"デジタルカメラ写真", "JPEG", true},
		{"画像ビューアー兼ブラウザー", "GNOME", true},
		{"オペレーティングシステム", "OS", false},
		{"ネットワークアドレス変換", "NAT", false},
		{"国際宇宙ステーション", "ISS", false}, // one loanword: too few to judge
	} {
		if got := loanwordsUnspelt(tt.ja, tt.acronym); got != tt.want {
			t.Errorf("loanwordsUnspelt(%q, %q) = %v, want %v", tt.ja, tt.acronym, got, tt.want)
		}
	}
}

func TestIsLoanwordPhrase(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"カスタマイズされたフレットダイアグラム", true},
		{"アップストリームのメンテナー", true},
		{"アーティキュレーションとスラー", false}, // a list
		{"ニューヨークしりつだいがく", false},   // a reading
		{"せいめいのきげん", false},
	} {
		if got := isLoanwordPhrase(tt.s); got != tt.want {
			t.Errorf("isLoanwordPhrase(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestAcronymOnto(t *testing.T) {
	for _, tt := range []struct {
		ja, want string
		ok       bool
	}{
		{"RDPプロトコル", "RDP", true},
		{"SNI拡張", "SNI", true},
		{"RDP プロトコル", "", false}, // a space: latinPrefix's case
		{"Rプロトコル", "", false},
		{"RDP", "", false},
		{"プロトコル", "", false},
	} {
		if got, ok := acronymOnto(tt.ja); got != tt.want || ok != tt.ok {
			t.Errorf("acronymOnto(%q) = %q, %v, want %q, %v", tt.ja, got, ok, tt.want, tt.ok)
		}
	}
}
