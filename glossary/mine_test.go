package glossary

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestCodeIdentifier(t *testing.T) {
	for _, tt := range []struct {
		word string
		want bool
	}{
		{"skk-jisyo", true},
		{"skk-backup-jisyo", true},
		{"char_type", true},
		{".tiff", true},
		{`\kanjiskip`, true},
		{"pseudo-package", false},
		{"author-date", false},
		{"co-maintainer", false},
		{"cross-staff", false},
		{"Anti-Satellite", false},
		{"Yinghuo-1", false},
		{"lowmem", false},
		{"Dictionary.app", false},
		{"-lacl", true},
		{"--strict", true},
		{"-", false},
	} {
		if got := isCodeIdentifier(tt.word); got != tt.want {
			t.Errorf("isCodeIdentifier(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestMine(t *testing.T) {
	type want struct {
		acronym  string
		english  string
		japanese string
		conf     float64
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"repaired ruby", "関係国との協議を通じ、宇宙状況監視（SSA: Space Situational Awareness）や宇宙システム全体の",
			[]want{{"SSA", "Space Situational Awareness", "宇宙状況監視", ConfidenceLetters}}},
		{"full-width colon and letters", "宇宙状況監視（ＳＳＡ：Space Situational Awareness）",
			[]want{{"SSA", "Space Situational Awareness", "宇宙状況監視", ConfidenceLetters}}},
		{"latin inside the noun run", "エストニアに設置されているNATOサイバー防衛協力センター（CCDCOE: Cooperative Cyber Defence Centre of Excellence）が主催する",
			[]want{{"CCDCOE", "Cooperative Cyber Defence Centre of Excellence", "NATOサイバー防衛協力センター", ConfidenceLetters}}},
		{"quoted term with particles", "が主催する「サイバー紛争に関する国際会議」（CyCon: International Conference on Cyber Conflict）への参加",
			[]want{{"CyCon", "International Conference on Cyber Conflict", "サイバー紛争に関する国際会議", ConfidenceLetters}}},
		{"japanese and acronym", "エストニアに設置されているNATOサイバー防衛協力センター（CCDCOE）が主催する",
			[]want{{"CCDCOE", "", "NATOサイバー防衛協力センター", ConfidenceNoLetters}}},
		{"ascii parentheses", "防衛省は弾道ミサイル防衛(BMD)システムを",
			[]want{{"BMD", "", "弾道ミサイル防衛", ConfidenceNoLetters}}},
		{"modifier before the noun run", "自由で開かれたインド太平洋（FOIP）の実現",
			[]want{{"FOIP", "", "インド太平洋", ConfidenceModified}}},
		// A single common word is a label more often than a term (J-BIS is no
		// 撮影): without other evidence it is not taken.
		{"single word long form", "撮影（J-BIS）", nil},
		{"english words", "The Space Situational Awareness (SSA) programme",
			[]want{{"SSA", "Space Situational Awareness", "", ConfidenceEnglish}}},
		{"english window stops at japanese", "日本のInternet of Things (IoT)",
			[]want{{"IoT", "Internet of Things", "", ConfidenceEnglish}}},
		{"wikipedia style", "北大西洋条約機構（ほくたいせいようじょうやくきこう、英: North Atlantic Treaty Organization、略称: NATO）は、",
			[]want{{"NATO", "North Atlantic Treaty Organization", "北大西洋条約機構", ConfidenceLetters}}},
		{"wikipedia style with japanese short name", "国際連合（こくさいれんごう、英: United Nations、略称: 国連、UN）は",
			[]want{{"UN", "United Nations", "国際連合|国連", ConfidenceLetters}}},
		{"english then acronym", "宇宙状況監視（Space Situational Awareness: SSA）",
			[]want{{"SSA", "Space Situational Awareness", "宇宙状況監視", ConfidenceLetters}}},
		// An acronym, a head word and the expansion: the letters must spell
		// the English whole, ending on its last word.
		{"acronym, head word, expansion", "監視には SNMP プロトコル (Simple Network Management Protocol) を使う。",
			[]want{{"SNMP", "Simple Network Management Protocol", "", ConfidenceEnglish}}},
		{"head word, english past the acronym", "DoS 攻撃 (denial of service attack) を防ぐ。",
			[]want{{"", "denial of service attack", "DoS 攻撃", ConfidenceNoLetters}}},
		{"english saying what it abbreviates", "PPTP (Point-to-Point Tunneling Protocol の略語) は古い。",
			[]want{{"PPTP", "Point-to-Point Tunneling Protocol", "", ConfidenceEnglish}}},
		{"acronym after a prefix and a hyphen", "GNOME-PIM (Personal Information Manager の略語) もある。",
			[]want{{"PIM", "Personal Information Manager", "", ConfidenceEnglish}}},
		{"acronym as the sentence's topic", "TLS とは、トランスポートレイヤーセキュリティ (Transport Layer Security) の略称です。",
			[]want{{"TLS", "Transport Layer Security", "トランスポートレイヤーセキュリティ", ConfidenceEnglish}}},
		{"topic acronym whose letters do not match", "TCP とは、トランスポートレイヤーセキュリティ (Transport Layer Security) の略称です。",
			[]want{{"", "Transport Layer Security", "トランスポートレイヤーセキュリティ", ConfidenceTransliterated}}},
		// A function key is a shortcut, and a condition no name.
		{"function key", "メニューからヘルプ (F1) を開く。", nil},
		{"condition", "LAPACK の DGETRF (実数行列の場合) を使う。", nil},
		// A status after a title is no translation of it; a translation of
		// the status word is.
		{"status note", "値を取得 (obsolete)", nil},
		{"status translated", "このオプションは廃止 (obsolete) された。",
			[]want{{"", "obsolete", "廃止", ConfidenceNoLetters}}},
		{"note opener", "その次元は可制御 (resp. stabilizable) 部分空間の", nil},
		{"acronym letters inside one english word", "遅延 ACK (delayed acknowledgment) を相殺する。",
			[]want{{"", "delayed acknowledgment", "遅延 ACK", ConfidenceNoLetters}}},
		// A long form whose only name is another acronym names a kind.
		{"another acronym's kind", "X GUI プログラム (KDE) を使う。", nil},
		{"latin part of the acronym", "GNU デバッガ (GDB) を使う。",
			[]want{{"GDB", "", "GNU デバッガ", ConfidenceNoLetters}}},
		{"spaced japanese after an acronym, latin part", "DAM (Debian アカウントマネージャ) に頼む。",
			[]want{{"DAM", "", "Debian アカウントマネージャ", ConfidenceNoLetters}}},
		{"spaced japanese after an acronym, a note", "LWP (スレッド ID) が追加される。", nil},
		// Latin words that begin a term and that the English does not say
		// are left out of it, or are its acronym.
		{"latin prefix not in the english", "これは TCP 親和性 (friendliness) を保つ。",
			[]want{{"", "friendliness", "親和性", ConfidenceNoLetters}}},
		{"latin prefix in the english", "lspci は PCI 設定空間 (PCI configuration space) を読む。",
			[]want{{"", "PCI configuration space", "PCI 設定空間", ConfidenceNoLetters}}},
		{"lower-case latin word against the term", "まずは wnpp擬似パッケージ(pseudo-package)に対してバグ報告を投稿する。",
			[]want{{"", "pseudo-package", "擬似パッケージ", ConfidenceNoLetters}}},
		{"latin prefix spelling the english", "値は IFS 内部フィールド区切り文字 (Internal Field Separator) です。",
			[]want{{"IFS", "Internal Field Separator", "内部フィールド区切り文字", ConfidenceLetters}}},
		{"another name it is known by", "パイプと FIFO (名前付きパイプともいう) の概要。",
			[]want{{"FIFO", "", "名前付きパイプ", ConfidenceNoLetters}}},
		// A heading or index entry: English words and a clause ending in a
		// noun are a term and its translation; not two terms joined by and.
		{"heading translated by a clause", "cross-voice slur (声部を跨ぐスラー記号)",
			[]want{{"", "cross-voice slur", "声部を跨ぐスラー記号", ConfidenceNoLetters}}},
		{"heading translated by a clause without a loanword", "cross-voice beam (声部を跨ぐ連桁)",
			[]want{{"", "cross-voice beam", "声部を跨ぐ連桁", ConfidenceNoLetters}}},
		{"heading of two terms", "lyrics and beaming (歌詞と連桁)", nil},
		{"katakana compound of the last english words", "これは数値キーパッドモード (numeric keypad mode) です。",
			[]want{{"", "numeric keypad mode", "数値キーパッドモード", ConfidenceNoLetters}}},
		{"number only in the japanese", "Kernighan & Ritchie 著, \"The C Programming Language\", 第2版 (Prentice Hall)", nil},
		{"long form writing the english word", "afpd は AppleTalk ファイリングプロトコル (AppleTalk Filing Protocol, AFP) を提供する。",
			[]want{{"AFP", "AppleTalk Filing Protocol", "AppleTalk ファイリングプロトコル", ConfidenceLetters}}},
		{"english holding the acronym", "X.25 (X.25 DTE-DCE mode) を使う。", nil},
		// The initials of a word-by-word English rendering (EDICT glosses,
		// a katakana word's first sound) give the acronym.
		{"translation initials", "1 番目の概念は PV (物理ボリューム) です。",
			[]want{{"PV", "", "物理ボリューム", ConfidenceNoLetters}}},
		// A noun made a participle with する begins a term whose English
		// begins with the participle.
		{"participle before the term", "拡張された説明文 (extended description) は短い説明文を繰り返さない。",
			[]want{{"", "extended description", "拡張された説明文", ConfidenceModified}}},
		{"participle of a katakana noun", "これはカスタマイズされたフレットダイアグラム (customized fret diagram) です。",
			[]want{{"", "customized fret diagram", "カスタマイズされたフレットダイアグラム", ConfidenceModified}}},
		{"participle the english leaves out", "新しく追加された説明文 (description) は",
			[]want{{"", "description", "説明文", ConfidenceNoLetters}}},
		{"one word after an adjectival noun, one english word", "に特別な強制 (force) オプションを指定する。",
			[]want{{"", "force", "強制", ConfidenceNoLetters}}},
		{"adjective's stem and さ make a noun", "絶対値がより小さい長さ (dimension) を格納する。",
			[]want{{"", "dimension", "長さ", ConfidenceNoLetters}}},
		{"run after an adjective, as many words as the english", "これは長い説明文 (description) です。",
			[]want{{"", "description", "説明文", ConfidenceNoLetters}}},
		{"variable after a noun", "大きさ (ny,ny)の行列", nil},
		{"katakana rendering the last words of a name", "開発は Ring Server Open Laboratory （オープンラボラトリ）で行う。",
			[]want{{"", "Open Laboratory", "オープンラボラトリ", ConfidenceTransliterated}}},
		{"katakana rendering the last word of a name", "Google Chrome（クローム）を使う。", nil},
		// A designation with a number is glossed by its kind unless the
		// long form writes the number or is a full name.
		{"designation glossed by its kind", "中国の対衛星ミサイル（SC-19）の実験", nil},
		{"designation glossed by its kind 2", "迎撃ミサイル（SM-3）を配備する。", nil},
		{"designation and a long form with its number", "技術試験衛星9号機（ETS-9）を打ち上げる。",
			[]want{{"ETS-9", "", "技術試験衛星9号機", ConfidenceNoLetters}}},
		{"designation and a full name", "新型コロナウイルス感染症（COVID-19）の流行",
			[]want{{"COVID-19", "", "新型コロナウイルス感染症", ConfidenceNoLetters}}},
		{"run cut from a word in hiragana", "だいち3号（ALOS-3）", nil},
		{"company designator after a comma", "株式会社ジェイ・キャスト（英語：J-CAST, Inc.）は、日本の会社。",
			[]want{{"", "J-CAST, Inc.", "株式会社ジェイ・キャスト", ConfidenceTransliterated}}},
		{"adjectival suffix joined to its noun", "ここで物理的要素 (PV) は制約を要求しない。", nil},
		{"long form rendering the acronym's last words", "文書はマークアップ言語 (HTML) で書く。", nil},
		{"long form whose suffix may give the first letter", "これはプロセス間通信 (IPC) です。",
			[]want{{"IPC", "", "プロセス間通信", ConfidenceNoLetters}}},
		{"deriving suffix joined to its noun", "暗号化方式 (AES) を使う。", nil},
		{"category of an acronym's thing", "画像形式 (PNG) で保存する。", nil},
		{"adjectival suffix in a long name", "部分的核実験停止条約（PTBT）を結ぶ",
			[]want{{"PTBT", "", "部分的核実験停止条約", ConfidenceNoLetters}}},
		{"translation initials missing a letter", "1 番目の概念は PVC (物理ボリューム) です。", nil},
		{"hyphen inside a latin word", "データは Reed-Solomon 符号 (RS) で守られる。",
			[]want{{"RS", "", "Reed-Solomon 符号", ConfidenceNoLetters}}},
		// Capitals before a colon whose letters the English lacks are a
		// label; an English name labelled as such pairs without them.
		{"label before a colon, letters not matching", "宇宙状況監視（SSA: Orbital Watch Program）", nil},
		{"note label", "設定する (NOTE: this is optional) こと", nil},
		{"task label", "関数 (TODO: Fix The Parser) を直す。", nil},
		{"labelled english without letter evidence", "日本放送協会（略称：NHK、英: Japan Broadcasting Corporation）は",
			[]want{{"NHK", "Japan Broadcasting Corporation", "日本放送協会", ConfidencePaired}}},
		{"reversed japanese", "SSA（宇宙状況監視）にかかる協力",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}}},
		{"reversed english", "SSA (Space Situational Awareness) cooperation",
			[]want{{"SSA", "Space Situational Awareness", "", ConfidenceEnglish}}},
		{"acronym before english and its translation", "URI (Uniform Resource Identifier: 統一資源識別子) とは文字列です。",
			[]want{{"URI", "Uniform Resource Identifier", "統一資源識別子", ConfidenceEnglish}}},
		{"acronym before english and its translation 2", "EOF (End Of File: ファイル終端) を返す",
			[]want{{"EOF", "End Of File", "ファイル終端", ConfidenceEnglish}}},
		{"acronym before a translation and english", "PAM と NSS (ネームサービススイッチ: Name Service Switch) メカニズム",
			[]want{{"NSS", "Name Service Switch", "ネームサービススイッチ", ConfidenceEnglish}}},
		{"translation and english inside, a term before", "その観測点（連続観測局：Continuous Observation Station）である。",
			[]want{{"", "Continuous Observation Station", "連続観測局", ConfidenceNoLetters}}},
		{"english and its translation inside, a term before", "通常の文字 (literal character: リテラル文字) として扱う",
			[]want{{"", "literal character", "リテラル文字", ConfidenceNoLetters}}},
		{"english and a note inside", "照合順序の要素 (collating element: 後述) にすれば良い", nil},
		{"label and a lower-case value", "(キーワード: no rewrite) を指定する", nil},
		{"two definitions", "宇宙状況監視（SSA）と弾道ミサイル防衛（BMD）",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}, {"BMD", "", "弾道ミサイル防衛", ConfidenceNoLetters}}},

		// Negative cases: parentheticals that are not definitions.
		{"date", "19（令和元）年12月には", nil},
		{"generic word", "会議では国際会議（CyCon）が", nil},
		{"generic compound", "その追跡方法（NORAD）は", nil},
		{"katakana disagreeing with the acronym 3", "ナビゲーションシステム（GPS）", nil},
		{"katakana disagreeing with the acronym 4", "シンボリックリンク (BSD) を作る", nil},
		{"generic word after an acronym 2", "DMARC (適合)", nil},
		{"generic katakana", "ミッション（GPM）", nil},
		{"katakana disagreeing with the acronym", "パブリック・ドメイン（CC0）という特徴", nil},
		{"katakana disagreeing with the acronym 2", "作業が望まれるパッケージ (WNPP)", nil},
		{"katakana disagreeing with the english", "アウトサイダー（Ich bin ein Böhme）", nil},
		{"cut from a word", "その採年数（R/P）とは", nil},
		// A kanji verb stem that a kanji follows is part of a compound.
		{"kanji verb stem inside a compound", "可採年数（R/P）とは",
			[]want{{"R/P", "", "可採年数", ConfidenceNoLetters}}},
		{"kanji verb stem inside a reversed gloss", "ATM(現金自動預払機)での出金は",
			[]want{{"ATM", "", "現金自動預払機", ConfidenceNoLetters}}},
		{"alias word", "北米航空宇宙防衛司令部（別名NORAD）が監視する",
			[]want{{"NORAD", "", "北米航空宇宙防衛司令部", ConfidenceNoLetters}}},
		{"alias word begins a compound", "ユーザーか別名定義 (alias) を用意しなければならない",
			[]want{{"", "alias", "別名定義", ConfidenceNoLetters}}},
		{"acronym of roman numeral letters", "1.3. ミッドナイトコマンダー (MC)",
			[]want{{"MC", "", "ミッドナイトコマンダー", ConfidenceTransliterated}}},
		{"acronym of roman numeral letters, english", "Musical Instrument Digital Interface (MIDI) で送る",
			[]want{{"MIDI", "Musical Instrument Digital Interface", "", ConfidenceEnglish}}},
		{"roman numeral", "ヘンリー（VIII）", nil},
		{"option argument before the long form", "--vlan-id [!] id VLAN 識別子フィールド (VID)。",
			[]want{{"VID", "", "VLAN 識別子フィールド", ConfidenceNoLetters}}},
		{"name after a connector spelling the acronym", "ドメイン名システムにおけるジェネリックトップレベルドメイン (gTLD) の拡張",
			[]want{{"gTLD", "", "ジェネリックトップレベルドメイン", ConfidenceTransliterated}}},
		{"translation with の", "典型的な upstream author (アップストリームの作者) は",
			[]want{{"", "upstream author", "アップストリームの作者", ConfidenceTransliterated}}},
		{"explanation much longer than the english", "コール・グラフ (call graph: 関数コールの親子関係のグラフ) のデータ",
			[]want{{"", "call graph", "コール・グラフ", ConfidenceTransliterated}}},
		{"meaning note", "このような転送はフィックスアップ(fixup, 修理の意味)と言います。",
			[]want{{"", "fixup", "フィックスアップ", ConfidenceTransliterated}}},
		{"latin words cut from a longer term", "high hat (ハイハット)", nil},
		{"end of an inverted heading, katakana", "clef, mezzosoprano (メゾソプラノ音部記号)", nil},
		{"end of an inverted heading", "header, page (ページヘッダ)", nil},
		{"label and a name of another thing", "(フォント名: Utopia Bold)", nil},
		{"katakana after the whole latin term", "tom tom (トムトム)",
			[]want{{"", "tom tom", "トムトム", ConfidenceTransliterated}}},
		{"translation with a clause", "change tempo without metronome mark (メトロノーム記号を表示しないテンポ変化)",
			[]want{{"", "change tempo without metronome mark", "メトロノーム記号を表示しないテンポ変化", ConfidenceNoLetters}}},
		{"translation with a clause, no loanword heard", "cross-staff beam (譜を跨ぐ連桁) を使う。", nil},
		{"acronym and a clause", "SSA (宇宙を監視する活動) を行う", nil},
		{"credit before a publisher", "Leslie Lamport 著 (Addison-Wesley)", nil},
		{"term ending with a credit word", "航空撮影 (aerial photography) を行う",
			[]want{{"", "aerial photography", "航空撮影", ConfidenceNoLetters}}},
		{"list of examples", "一切の個人設定 (vimrc、プラグイン、その他) を使用しません", nil},
		{"acronym inside the long form", "SSAミッション（SSA）を実施する", nil},
		{"acronym inside the long form 2", "今年の GNU プロジェクト (GNU) では", nil},
		{"translation describing, not rendering, the english", "AVSQ(Associazione Nazionale dei Valutatori di Sistemi Qualita: 品質システム評価)を制定した",
			[]want{{"AVSQ", "Associazione Nazionale dei Valutatori di Sistemi Qualita", "", ConfidenceEnglish}}},
		{"partial name", "COBRA DANE（コブラデイーン）は", []want{{"", "COBRA DANE", "コブラデイーン", ConfidenceTransliterated}}},
		{"note after an acronym", "PID (廃止予定)", nil},
		{"generic word after an acronym", "EOF (行末)", nil},
		{"attribution", "『日本列島ほっと通信』（TBSラジオ制作）", nil},
		{"tool name after a description", "パケットフィルターと NAT のための管理ツール (Netfilter)", nil},
		{"one word after a noun and の", "力の増加 (increase might) 必要魔法レベル: 35",
			[]want{{"", "increase might", "力の増加", ConfidenceModified}}},
		{"adjective and noun run", "6.2.3. 長い説明文 (long description)",
			[]want{{"", "long description", "長い説明文", ConfidenceModified}}},
		{"one word beginning a clause", "日本工業規格では、仮説(statistical hypothesis)を定義する",
			[]want{{"", "statistical hypothesis", "仮説", ConfidenceNoLetters}}},
		{"one word beginning a clause, english much longer", "除外 (-xx)、選択肢 (xx OR yy)、ワイルドカード", nil},
		{"adjective the english leaves out", "説明文には重要な依存関係 (dependency) の情報も",
			[]want{{"", "dependency", "依存関係", ConfidenceNoLetters}}},
		{"name ending with a number", "中華人民共和国は蛍火1号 (Yinghuo-1) を打ち上げた",
			[]want{{"", "Yinghuo-1", "蛍火1号", ConfidenceNoLetters}}},
		{"english longer than the widened run", "新しい開発元のバージョン (new upstream version) を", nil},
		{"one word after の, one english word", "本日の天気 (weather)", []want{{"", "weather", "天気", ConfidenceNoLetters}}},
		{"adjective before the run", "交換可能な画像ファイルフォーマット (EXIF) です", nil},
		{"date with era", "15（平成27）年3月、日仏「2＋2」において", nil},
		{"cross reference", "1章3節（宇宙・サイバー・電磁波の領域での対応）", nil},
		{"section reference", "本章1節2項（各国との防衛協力・交流の推進）", nil},
		{"reading", "自衛隊（じえいたい）は", nil},
		{"caption date", "参加する隊員（19（令和元）年12月）", nil},
		{"roman numeral", "第Ⅲ部（III）", nil},
		{"note", "宇宙状況監視（SSA、2019年度から）", nil},
		{"english without letter evidence", "The Awareness Programme (SSA)", nil},
		{"generic compound after a modifier", "最も単純な Unicode の符号化方法 (UCS-2) では", nil},
		{"code, not an acronym", "本拠地は同じ敷地内にある第二球場(XYZ4711)である。", nil},
		{"acronym part of a katakana word", "クロマニョン人はハプログループI2a (Y染色体)に属していた。", nil},
		{"loanword not heard in the english", "インターネットアクセス制限 (netblock-hosts)", nil},
		{"last item of a list", "経路・リンクパラメーター・近傍設定 (neighbor setup)・キューイング",
			[]want{{"", "neighbor setup", "近傍設定", ConfidenceNoLetters}}},
		{"a loanword heard in a compound", "コード名 (codename) は", []want{{"", "codename", "コード名", ConfidenceNoLetters}}},
		{"a loanword heard in an acronym", "プロセスの実グループ ID (real GID) の数値", []want{{"", "real GID", "実グループ ID", ConfidenceNoLetters}}},
		{"descriptor adjective", "新しい安定版 (stable) としてリリース", []want{{"", "stable", "安定版", ConfidenceNoLetters}}},
		{"descriptor adjective the english says", "古い正規表現 (obsolete RE) を", []want{{"", "obsolete RE", "古い正規表現", ConfidenceModified}}},
		{"common katakana word after a full name", "アクセス制御リスト (Access Control List) を変更する",
			[]want{{"", "Access Control List", "アクセス制御リスト", ConfidenceNoLetters}}},
		{"descriptor prefix kept in a word", "前置圧縮 (front compression) を行う",
			[]want{{"", "front compression", "前置圧縮", ConfidenceNoLetters}}},
		{"adverbial noun that begins a term, not cut", "絶対パス名 (absolute pathname) を", nil},
		{"number not in the japanese", "最初の実装 (Linux 3.8) では", nil},
		{"acronym with a note, letters matched", "Filesystem Hierarchy Standard (FHS、個々のファイルがどこにあるべきかを規定した文書) が含まれています。",
			[]want{{"FHS", "Filesystem Hierarchy Standard", "", ConfidenceEnglish}}},
		{"acronym with a note, japanese before", "宇宙状況監視（SSA、詳しくは後述する）", nil},
		{"company designator", "株式会社クリエイティヴ・リンク（Creative Link Corporation）が運営",
			[]want{{"", "Creative Link Corporation", "株式会社クリエイティヴ・リンク", ConfidenceTransliterated}}},
		{"english and its translation after it", "ドミニカの通貨はEast Caribbean Dollar（東カリブ・ドル）である",
			[]want{{"", "East Caribbean Dollar", "東カリブ・ドル", ConfidenceTransliterated}}},
		{"english and a note after it", "詳細は debug (下記参照) を見よ", nil},
		{"english and a kanji word after it, no loanword", "depends（依存）、recommends（推奨）", nil},
		{"english term and its kanji translation", "かつ fuzz factor (曖昧度合い) の最大値が 1 以上の場合",
			[]want{{"", "fuzz factor", "曖昧度合い", ConfidenceNoLetters}}},
		{"english name and its kanji translation", "著者 Osamu Aoki (青木修) による",
			[]want{{"", "Osamu Aoki", "青木修", ConfidenceNoLetters}}},
		{"english fragment and a kanji word", "入力と出力 or both (双方向) に適用する", nil},
		{"option name and a note", "コマンド edit-sources (作業中) を使う", nil},
		{"name before common words, left out of the translation", "NFS への Sun remote procedure call (遠隔手続き呼び出し) をサポートする", nil},
		{"english and a note holding a latin name", "Debian Edu (別名 Skolelinux) は", nil},
		{"english and a description shorter than it", "Associazione Nazionale dei Valutatori (品質評価) を", nil},
		{"unit symbol", "ヘクトメートル（hectometre, 記号hm）は、長さの単位",
			[]want{{"", "hectometre", "ヘクトメートル", ConfidenceTransliterated}}},
		{"english title and its translation", "- Debian Policy Manual (Debian ポリシーマニュアル)は、構造",
			[]want{{"", "Debian Policy Manual", "Debian ポリシーマニュアル", ConfidenceTransliterated}}},
		{"acronym and a note with a space", "スレッドの LWP (スレッド ID) を表示する", nil},
		{"value of a code", "それに続く TAB コード (ASCII 9) で始まる数行", nil},
		{"acronym with a numeral", "第一次国際連合緊急軍（UNEF I）が派遣された",
			[]want{{"UNEF I", "", "第一次国際連合緊急軍", ConfidenceNoLetters}}},
		{"list of names", "バス会社3社（Alpha Lines, Beta Coaches, Gamma Express）が運行", nil},
		{"lower-case word", "宇宙状況監視（see）", nil},
		{"unclosed", "宇宙状況監視（SSA: Space Situational Awareness", nil},
		{"nested", "宇宙状況監視（SSA（仮））", nil},
		{"acronym after particle", "防衛省は（SSA）", nil},
		{"number before", "2019（SSA）", nil},
		{"long note", "宇宙状況監視（" + strings.Repeat("あ", 200) + "SSA）", nil},
		{"broken ruby not repaired", "宇宙状況監視（S\nSpace Situational Awareness\nSA）", nil},
		{"empty", "", nil},
		{"long form with a locant", "最も一般的な修飾塩基は5-メチルシトシン（m5C）である。",
			[]want{{"m5C", "", "5-メチルシトシン", ConfidenceNoLetters}}},

		// New styles.
		{"definer inside", "量子暗号通信(Quantum Key Distribution、以下、QKD)の実証",
			[]want{{"QKD", "Quantum Key Distribution", "量子暗号通信", ConfidenceLetters}}},
		{"definer before the long form", "通称ノーラッド（NORAD）と呼ばれる",
			[]want{{"NORAD", "", "ノーラッド", ConfidenceTransliterated}}},
		{"acronym without brackets", "対衛星兵器ASAT(Anti-Satellite)Weapons の開発",
			[]want{{"ASAT", "Anti-Satellite", "対衛星兵器", ConfidenceEnglish}}},
		{"katakana and english", "プラネタリーディフェンス(Planetary defense)の取組",
			[]want{{"", "Planetary defense", "プラネタリーディフェンス", ConfidenceTransliterated}}},
		{"katakana and one english word", "米SpaceX社のスターリンク(Starlink)は",
			[]want{{"", "Starlink", "スターリンク", ConfidenceTransliterated}}},
		{"letter without decomposition", "ジュラジ・ブランコヴィッチ(Đurađ Branković)などの",
			[]want{{"", "Đurađ Branković", "ジュラジ・ブランコヴィッチ", ConfidenceTransliterated}}},
		{"surname of a full name", "女性建築家スネルマン（Brita Snellman）が設計した",
			[]want{{"", "Brita Snellman", "スネルマン", ConfidenceTransliterated}}},
		{"katakana after a proper noun", "西武ライオンズ（Seibu Lions）となる",
			[]want{{"", "Seibu Lions", "西武ライオンズ", ConfidenceNoLetters}}},
		{"latin name and katakana", "正式名称は Commonwealth of Dominica（コーマンウェルス・オヴ・ドミニーカ）。",
			[]want{{"", "Commonwealth of Dominica", "コーマンウェルス・オヴ・ドミニーカ", ConfidenceTransliterated}}},
		{"prefix before katakana", "fdformat はフロッピーディスクの低レベルフォーマット (low level format) を行う。",
			[]want{{"", "low level format", "低レベルフォーマット", ConfidenceTransliterated}}},
		{"identifier before a description", "-fhosted ホスト実行環境 (hosted environment) 用にコンパイルを行います。",
			[]want{{"", "hosted environment", "ホスト実行環境", ConfidenceNoLetters}}},
		{"acronym cut from an identifier", "RLIMIT_FSIZE (ファイルサイズ) が 0 に設定されている場合", nil},
		{"kanji and english", "次に緩衝地帯 (Buffer zone) が合意によって設定され",
			[]want{{"", "Buffer zone", "緩衝地帯", ConfidenceNoLetters}}},
		{"space before the bracket", "名前付きパイプ (FIFO)", []want{{"FIFO", "", "名前付きパイプ", ConfidenceNoLetters}}},
		{"unicode hyphen", "超水平線レーダー（OTH‐B）の", []want{{"OTH-B", "", "超水平線レーダー", ConfidenceNoLetters}}},
		{"reading initials", "日本放送協会 (NHK) の番組", []want{{"NHK", "", "日本放送協会", ConfidenceReading}}},
		{"wikipedia reading", "生命の起源（せいめいのきげん、Origin of life）は、",
			[]want{{"", "Origin of life", "生命の起源", ConfidenceReading}}},
		{"compound particle in the name", "サイバー紛争に関する国際会議（CyCon）",
			[]want{{"CyCon", "", "サイバー紛争に関する国際会議", ConfidenceNoLetters}}},
		{"descriptor before the name", "与党コンゴ労働党 (Parti Congolais du Travail、Congolese Labour Party、PCT)の",
			[]want{{"PCT", "Parti Congolais du Travail|Congolese Labour Party", "コンゴ労働党", ConfidenceLetters}}},
		{"english with a gloss", "RTFM (read the fine manual、良く書かれているマニュアルを読みましょう)",
			[]want{{"RTFM", "read the fine manual", "", ConfidenceEnglish}}},
		{"english, dash, acronym", "東ヨーロッパ時間（ひがしヨーロッパじかん、Eastern European Time - EET）",
			[]want{{"EET", "Eastern European Time", "東ヨーロッパ時間", ConfidenceLetters}}},
		// Code identifiers, references, actions, handles and readings are
		// no names of what comes before them.
		{"variable glossed", "設定は辞書ファイル (abc-henkan-jisyo) に書かれる。", nil},
		{"function glossed", "変換関数 (my_convert_func) を呼ぶ。", nil},
		{"file extensions", "JPEG 画像 (.jpeg, .jpg) を開く。", nil},
		{"hyphenated english words", "これは擬似ヘッダ (pseudo-header) である。",
			[]want{{"", "pseudo-header", "擬似ヘッダ", ConfidenceNoLetters}}},
		{"TeX command and a reading", "命令 \\xkanjiskip（エックスカンジスキップ）を使う。", nil},
		{"TeX command and a gloss", "\\kanjiskip（和文間スペース）を設定する。", nil},
		{"reference without a full stop", "入力方式の比較 (see the mailing list) を読む。", nil},
		{"section named by a reference word", "詳しくは関連項目 (SEE ALSO) の節を読む。",
			[]want{{"", "SEE ALSO", "関連項目", ConfidenceNoLetters}}},
		{"word read as a name out of context", "ファイルの厳密 (strict) チェックを行う。",
			[]want{{"", "strict", "厳密", ConfidenceNoLetters}}},
		{"installer option naming an action", "install documentation files（文書ファイルをインストール）", nil},
		{"option naming an action, with a place", "add desktop icons（デスクトップにアイコンを追加）", nil},
		{"handle after a name", "翻訳 山田太郎 (wsnkp) と", nil},
		{"name romanised", "翻訳者の山田太郎 (Taro Yamada) と", []want{{"", "Taro Yamada", "山田太郎", ConfidenceNoLetters}}},
		{"acronym read as a word", "NASA （ナサ）はアメリカの機関です。", nil},
		// Quotation marks, empty list items and hyphens inside a term.
		{"english in TeX quotes", "これは `Portable Document Format' (PDF) で書かれた。",
			[]want{{"PDF", "Portable Document Format", "", ConfidenceEnglish}}},
		{"separator with nothing after it", "すべて国際標準化機構 (ISO, ) の規格にしたがう。",
			[]want{{"ISO", "", "国際標準化機構", ConfidenceNoLetters}}},
		{"hyphen between japanese nouns", "引用は「番号-著者形式(number-author)」とする。",
			[]want{{"", "number-author", "番号-著者形式", ConfidenceNoLetters}}},
		// A lower-case acronym whose letters are the initials of capitalised
		// English words.
		{"lower-case acronym", "署名は gpg (GNU Privacy Guard) で確かめる。",
			[]want{{"gpg", "GNU Privacy Guard", "", ConfidenceEnglish}}},
		{"lower-case acronym after a hyphen", "他に prelude-lml (Log Monitor Lackey) がある。",
			[]want{{"lml", "Log Monitor Lackey", "", ConfidenceEnglish}}},
		{"lower-case word, not the initials", "これは bar (Free Object Orchestrator) です。", nil},
		{"lower-case file name", "設定は conf.gpg (GNU Privacy Guard) にある。", nil},
		// One acronym glossed two ways in a passage: variants, not names.
		{"acronym glossed twice", "色は CMY (減法混色反時計回り)、CMY (減法混色時計回り) から選ぶ。", nil},
		{"acronym defined twice alike", "宇宙状況監視（SSA）を進める。SSA（宇宙状況監視）は重要だ。",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}}},
		// A single English word before a Japanese gloss is taken when a
		// lexicon pairs them; otherwise it is as often a note.
		{"word and its lexicon translation", "この値は vital (肝要) とされる。",
			[]want{{"", "vital", "肝要", ConfidenceNoLetters}}},
		{"word and a note", "この値は vital (下記参照) とされる。", nil},
		// An equals sign before the content; a translation with a clause
		// before its noun beside an expansion whose letters match.
		{"equals sign", "変更の取消 (=revert) もできる。",
			[]want{{"", "revert", "取消", ConfidenceNoLetters}}},
		{"translation with a clause beside an expansion", "これは MTTR (Mean Time To Repair、修理までの平均時間) の値です。",
			[]want{{"MTTR", "Mean Time To Repair", "修理までの平均時間", ConfidenceEnglish}}},
		{"note with a clause beside an expansion", "これは MTTR (Mean Time To Repair、古い版での名前) の値です。",
			[]want{{"MTTR", "Mean Time To Repair", "", ConfidenceEnglish}}},
		{"katakana compound ending with the last word's loanword", "custom chord name markup (コード名のカスタムマークアップ)",
			[]want{{"", "custom chord name markup", "コード名のカスタムマークアップ", ConfidenceTransliterated}}},
		{"library and its linker option", "これは ACL ライブラリ (libacl, -lacl) の説明です。", nil},
		// A list joined by ・: only its last item may be the acronym's.
		{"list of three, the last defines", "ソケット・シンボリックリンク・名前付きパイプ (FIFO) などを扱う。",
			[]want{{"FIFO", "", "名前付きパイプ", ConfidenceNoLetters}}},
		{"list of one item per letter", "赤・緑・青 (RGB) の色。",
			[]want{{"RGB", "", "赤・緑・青", ConfidenceNoLetters}}},
		{"two items after a modifier", "・辞書の再読込・電子文書(XY)の検索", nil},
		{"two items of one name", "独立行政法人工業所有権情報・研修館（INPIT）が運営する",
			[]want{{"INPIT", "", "独立行政法人工業所有権情報・研修館", ConfidenceNoLetters}}},
		// A long form a lexicon gives for the acronym, though it looks like
		// no name.
		{"long form from a lexicon", "これは中央処理装置 (CPU) です。",
			[]want{{"CPU", "", "中央処理装置", ConfidenceNoLetters}}},
		{"generic long form, not in a lexicon", "これは処理装置 (CPU) です。", nil},
		// Letters that also read as a Roman numeral, spelled out by the
		// gloss's rendering; not a numeral after a name.
		{"roman numeral letters spelled out", "2 番目の概念は LV (論理ボリューム) です。",
			[]want{{"LV", "", "論理ボリューム", ConfidenceNoLetters}}},
		{"roman numeral after a name", "Louis XIV (太陽王) の時代", nil},
		{"roman numeral letters not spelled out", "これは XL (特大) です。", nil},
		// A word of explanation opens a note that runs to the end.
		{"note after a word of explanation", "目標は P2P (端末間通信、つまり、サーバを介さずに端末同士で直接やり取りすること) の実現です。",
			[]want{{"P2P", "", "端末間通信", ConfidenceNoLetters}}},
		// A term cut from a dotted name.
		{"term cut from a dotted name", "詳しくは example.org日本語版 (example.org Japanese edition) を見よ。", nil},
		// Another name given as such.
		{"another name by an alias word", "写真 (またの名を Shotwell) は、写真を管理するアプリケーションです。",
			[]want{{"", "Shotwell", "写真", ConfidenceNoLetters}}},
		// A product written with a lower-case letter before a capital.
		{"platform after a caption", "インストーラの設定画面 (iPadOS)。", nil},
		// A long form ending in another acronym says what kind of thing
		// the acronym is; one word left after a Latin name is its head.
		{"kind of another acronym", "ここでは Xt (XのGUI) を使う。", nil},
		{"acronym holding the head acronym", "形式は NTFS、拡張 FAT (VFAT) です。",
			[]want{{"VFAT", "", "拡張 FAT", ConfidenceNoLetters}}},
		{"hyphenated name before a space", "形式は NTFS、Win-32 拡張 FAT (VFAT) です。",
			[]want{{"VFAT", "", "Win-32 拡張 FAT", ConfidenceNoLetters}}},
		{"hyphenated name with a number before a translation", "ECMA-48 色設定コマンド(Color Setting Commands)",
			[]want{{"", "Color Setting Commands", "色設定コマンド", ConfidenceNoLetters}}},
		{"head noun of a latin name", "- | FooBar 本体 (Common Lisp) で動く。", nil},
		// A note that names other things in Latin letters is a sentence,
		// not a name; an apostrophe may be written ’ or `.
		{"note naming a package after the expansion", "AIDE ツール (Advanced Intrusion Detection Environment、aide パッケージに含まれます) を使う。",
			[]want{{"AIDE", "Advanced Intrusion Detection Environment", "", ConfidenceEnglish}}},
		{"note with a latin word after an acronym", "宇宙状況監視（SSA、JAXA が担当する）", nil},
		// A katakana word, then notes or other spellings of it.
		{"katakana then another spelling", "通称は Laos（ラウス、または、ラオス）。",
			[]want{{"", "Laos", "ラウス", ConfidenceTransliterated}}},
		{"katakana then a note, not transliterating", "通称は Laos（ミャンマー、旧称）。", nil},
		{"acronym then its reading and a note", "AZIK（エイズィック、拡張ローマ字入力）", nil},
		{"separators only", "宇宙状況監視（、、）", nil},
		// One consonant twice across a vowel is heard twice: cuica has two k.
		{"consonant repeated across a vowel", "cuica (クイーカ)", []want{{"", "cuica", "クイーカ", ConfidenceTransliterated}}},
		// A definer's sentence inside the parenthesis, as laws and white
		// papers write it.
		{"definer's sentence", "宇宙状況監視（以下「SSA」という。）を行う。",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}}},
		{"english, then a definer's sentence", "宇宙状況監視（Space Situational Awareness。以下「SSA」という。）を行う。",
			[]want{{"SSA", "Space Situational Awareness", "宇宙状況監視", ConfidenceLetters}}},
		{"acronym, then the same hereafter", "宇宙状況監視（SSA。以下同じ。）を行う。",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}}},
		{"definer's verb without a full stop", "宇宙状況監視（以下「SSA」と呼ぶ）を行う。",
			[]want{{"SSA", "", "宇宙状況監視", ConfidenceNoLetters}}},
		{"definer and a quoted acronym", "宇宙作戦群（略称「SOG」）を新編した。",
			[]want{{"SOG", "", "宇宙作戦群", ConfidenceNoLetters}}},
		{"law and its short name", "宇宙基本法（平成20年法律第43号。以下「法」という。）に基づき", nil},
		{"full stop inside a note", "宇宙状況監視（SSA。これは重要だ）です。", nil},
		// A one-kanji adverb before a kanji word prefixes it.
		{"one-kanji adverb as a prefix", "極超音速滑空兵器（HGV：Hypersonic Glide Vehicle）",
			[]want{{"HGV", "Hypersonic Glide Vehicle", "極超音速滑空兵器", ConfidenceLetters}}},
		// A kanji word that renders the first English word begins the
		// term: not a surname after a title.
		{"kanji word rendering the first english word", "衛星コンステレーション（Satellite Constellation）の構築",
			[]want{{"", "Satellite Constellation", "衛星コンステレーション", ConfidenceNoLetters}}},
		// Capitalised words run together: a name as well as an acronym.
		{"camel-case name and its transliteration", "HashSet（ハッシュセット）を使う。",
			[]want{{"", "HashSet", "ハッシュセット", ConfidenceTransliterated}}},
		{"camel-case name and its translation", "これはハッシュ集合（HashSet）です。",
			[]want{{"", "HashSet", "ハッシュ集合", ConfidenceNoLetters}}},
		{"camel-case name after a common noun", "郊外電車（SuperVia）が走る。", nil},
		{"translator's note on an abbreviation", "コンパイラは LTO（訳注：Link Time Optimizationの略）を行う。",
			[]want{{"LTO", "Link Time Optimization", "", ConfidenceEnglish}}},
		{"translator's note", "（訳注: ここではlib + rary）", nil},
		{"translation beside an acronym after its expansion", "Domain Specific Languages (ドメイン特化言語、DSLs) とは",
			[]want{{"DSLs", "Domain Specific Languages", "ドメイン特化言語", ConfidenceEnglish}}},
		{"note beside an acronym after its expansion", "Space Situational Awareness (宇宙、SSA)",
			[]want{{"SSA", "Space Situational Awareness", "", ConfidenceEnglish}}},
		{"reply prefix", "件名は (Re: some fixes) だった。", nil},
		{"format holding colons", "戻り値は RFC 1123 の書式（Wdy, DD-Mon-YYYY hh:mm:dd TZD）の文字列である。", nil},
		{"apostrophe written as a backquote", "Commission Internationale d`Eclairage (CIE) が定めた。",
			[]want{{"CIE", "Commission Internationale d`Eclairage", "", ConfidenceEnglish}}},
		{"apostrophe written as a right quotation mark", "Commission Internationale d’Eclairage (CIE) が定めた。",
			[]want{{"CIE", "Commission Internationale d’Eclairage", "", ConfidenceEnglish}}},
		{"apostrophe inside the parenthesis", "サプライヤー品質能力調査（EAQF: Evaluation d’Aptitude Qualite Fournisseurs）",
			[]want{{"EAQF", "Evaluation d'Aptitude Qualite Fournisseurs", "サプライヤー品質能力調査", ConfidenceLetters}}},
		// An acronym in a parenthesis of its own after a definition's.
		{"acronym after a translation", "Debian Developer (Debian デベロッパー) (DD): 公式のメンバーです。",
			[]want{{"DD", "Debian Developer", "Debian デベロッパー", ConfidenceLetters}}},
		{"acronym after a katakana word Kagome splits", "Debian Maintainer (Debian メンテナー) (DM): 限定的な権限",
			[]want{{"DM", "Debian Maintainer", "Debian メンテナー", ConfidenceLetters}}},
		{"second parenthesis whose letters do not match", "Debian Developer (Debian デベロッパー) (XY) です。",
			[]want{{"", "Debian Developer", "Debian デベロッパー", ConfidenceTransliterated}}},
		{"second parenthesis after text", "Debian Developer (Debian デベロッパー) の (DD) です。",
			[]want{{"", "Debian Developer", "Debian デベロッパー", ConfidenceTransliterated}}},
		// A name's owner before the words an acronym's letters match.
		{"owner before an expansion", "もちろん GNU General Public License (GPL) とその派生物",
			[]want{{"GPL", "GNU General Public License", "", ConfidenceEnglish}}},
		{"project before an expansion", "、Debian Bug Tracking System (BTS) で確認します。",
			[]want{{"BTS", "Debian Bug Tracking System", "", ConfidenceEnglish}}},
		{"error code before an expansion", "ENOMEM Memory Flow Controller (MFC) DMA により",
			[]want{{"MFC", "Memory Flow Controller", "", ConfidenceEnglish}}},
		{"lower-case word before an expansion", "は the Memory Flow Controller (MFC) です",
			[]want{{"MFC", "Memory Flow Controller", "", ConfidenceEnglish}}},
		// Definers and aliases: 略して, として知られます.
		{"definer 略して", "これを意味する一般的な用語がプロセス間通信 (略して IPC) です。",
			[]want{{"IPC", "", "プロセス間通信", ConfidenceNoLetters}}},
		{"definer 縮めて", "連想配列 (association list, 縮めて alist) は、キーと値を結びつける",
			[]want{{"", "association list|alist", "連想配列", ConfidenceNoLetters}}},
		{"two Latin aliases joined by または", "正規表現 (regexp または regex としても知られます) のリスト",
			[]want{{"", "regexp|regex", "正規表現", ConfidenceNoLetters}}},
		{"alias after a particle", "多くのメーリングリストサーバはエラーメッセージ (bounce として知られます) を取り扱う",
			[]want{{"", "bounce", "エラーメッセージ", ConfidenceNoLetters}}},
		{"alias after の", "多くのサーバのエラーメッセージ (bounce として知られます) を取り扱う", nil},
		{"initials joined by a hyphen", "Debian インストーラ (「d-i」としても知られています) は基本的な",
			[]want{{"d-i", "", "Debian インストーラ", ConfidenceNoLetters}}},
		// A menu path's last item and its key.
		{"menu item and its key", "パッケージ→情報 (enter)", nil},
		{"menu item and a named key", "問題解決→対象を表示 (Enter)", nil},
		{"term after a menu path's sentence", "表示→閉じる を使った後、安定版 (stable) を選ぶ",
			[]want{{"", "stable", "安定版", ConfidenceNoLetters}}},
		// The head noun of a relative clause glossed by a word for the phrase.
		{"head of a relative clause", "障害となる理由 (blocker) を判別できない場合は", nil},
		{"head of a relative clause a lexicon renders", "動作する環境 (environment) を選ぶ", []want{{"", "environment", "環境", ConfidenceNoLetters}}},
		// A descriptor before a loanword says which, and is no part of it.
		{"descriptor before a loanword", "入れることになるであろう各タスク (task) の占める領域",
			[]want{{"", "task", "タスク", ConfidenceTransliterated}}},
		// A loanword of the last English word alone.
		{"loanword of the last word after の", "移植作業者のアップロード (porter upload) に関するガイドライン",
			[]want{{"", "porter upload", "移植作業者のアップロード", ConfidenceModified}}},
		{"loanword of the last word alone", "これはアップロード (porter upload) に関するガイドライン", nil},
		{"loanword of the last word after a long run", "国際移植作業者支援団体連合会のアップロード (porter upload) について", nil},
		// Two names under と呼ばれ: a Japanese term and an acronym.
		{"two names called by", "このアーキテクチャでは、マルチプロセッササポート (「対称型マルチプロセッシング」や SMP と呼ばれている) が利用できます。",
			[]want{{"SMP", "", "対称型マルチプロセッシング", ConfidenceNoLetters}}},
		{"two names called by, acronym first", "この機能 (SMP や「対称型マルチプロセッシング」と呼ばれる) が使えます。",
			[]want{{"SMP", "", "対称型マルチプロセッシング", ConfidenceNoLetters}}},
		{"two acronyms called by", "この機能 (SMP や NUMA と呼ばれる) が使えます。", nil},
		// A numbered heading of a term and its English alone.
		{"numbered heading", "5.14.2.1. 時代遅れ (Out-of-date)", []want{{"", "Out-of-date", "時代遅れ", ConfidenceNoLetters}}},
		{"numbered heading's term in a sentence", "5.14.2.1. 時代遅れ (Out-of-date) のパッケージ", nil},
		{"unnumbered term alone", "時代遅れ (Out-of-date)", nil},
		// An expansion in quotation marks, the parenthesis's whole content.
		{"quoted expansion", "UEFI (「Unified Extensible Firmware Interface」) は新しい種類の",
			[]want{{"UEFI", "Unified Extensible Firmware Interface", "", ConfidenceEnglish}}},
		{"quoted words no acronym spells", "UEFI (「Legacy BIOS Boot」) は", nil},
		// Numeronyms.
		{"numeronyms glossed", "BACK TO BASICS i18n (国際化) と l10n (地域化) とは?",
			[]want{{"i18n", "", "国際化", ConfidenceNoLetters}, {"l10n", "", "地域化", ConfidenceNoLetters}}},
		{"numeronym the sentence gives", "「i18n」は「internationalization (国際化)」の略語です。",
			[]want{{"i18n", "internationalization", "国際化", ConfidenceEnglish}}},
		{"words numeronyms spell", "「i18n」と「l10n」は「internationalization (国際化)」と「localization (地域化)」の略語です。",
			[]want{{"i18n", "internationalization", "国際化", ConfidenceEnglish}, {"l10n", "localization", "地域化", ConfidenceEnglish}}},
		{"word no numeronym spells", "「l10n」は「locale (地域)」の略語です。", nil},
		{"numeronym of another word", "「l10n」は「internationalization (国際化)」の略語です。",
			[]want{{"", "internationalization", "国際化", ConfidenceNoLetters}}},
		{"numeronym after a katakana word", "ハプログループi18n (国際化) の", nil},
		{"term and its numeronym", "最初の国際化 (i18n) 用パッチ", []want{{"i18n", "", "国際化", ConfidenceNoLetters}}},
		{"term and a numeronym of another word", "これは翻訳 (l10n) です", nil},
		{"loanword and a numeronym", "これはローカライズ (l10n) です", nil},
		// A former name beside an acronym is no note that hides the term.
		{"former name after an acronym", "システムは CMOS クロックを協定世界時 (UTC、旧 GMT) またはローカル時間で",
			[]want{{"UTC", "", "協定世界時", ConfidenceNoLetters}}},
		// Two Latin names: another acronym and a word for its kind.
		{"other acronym and its kind", "Samba は Linux 上で SMB プロトコル (「CIFS」としても知られています) を取り扱う", nil},
		{"acronym's owner and its kind", "GNU デバッガ (GDB) を使う", []want{{"GDB", "", "GNU デバッガ", ConfidenceNoLetters}}},
		// A rendering whose initials are the acronym's letters fixes where
		// the term begins, after a modifier too.
		{"initials of a rendering after の", "Debian リリースの長期サポート (LTS) は最近の新たな取り組みです。",
			[]want{{"LTS", "", "長期サポート", ConfidenceModified}}},
		{"no initials after の", "Debian リリースの長期サポート (XYZ) は最近の新たな取り組みです。", nil},
		// An acronym after its owner's name, which begins the term too.
		{"acronym after the owner's name", "基本的なツールは Debian バグ追跡システム (Debian BTS) であり",
			[]want{{"BTS", "", "Debian バグ追跡システム", ConfidenceNoLetters}}},
		{"owner's name and an acronym glossed by a kind", "これは Debian パッケージ (Debian FAQ) を見よ", nil},
		{"another owner's name", "基本的なツールは Debian バグ追跡システム (Ubuntu BTS) であり", nil},
		// Words in capitals that a lexicon pairs with their gloss.
		{"words in capitals", "具体的には、CULTURE (文化)、TIP (ヒント)、CAUTION (注意)、SECURITY (セキュリティ) などが",
			[]want{{"", "CULTURE", "文化", ConfidenceNoLetters}, {"", "CAUTION", "注意", ConfidenceNoLetters},
				{"", "SECURITY", "セキュリティ", ConfidenceNoLetters}}},
		{"acronym a lexicon knows", "文字コードは ASCII (アスキー) です",
			[]want{{"ASCII", "", "アスキー", ConfidenceTransliterated}}},
		{"word in capitals glossed by another word", "これは BASIC (文化) です", nil},
		// A kind of person glossing a name is no translation of it.
		{"role beside a person's name", "映画監督 (Steven Spielberg) は", nil},
		{"role beside a foreign name", "撮影監督 (Janusz Kamiński) は", nil},
		{"title whose words a gloss renders", "交響曲第6番「悲劇的交響曲 (Tragische Sinfonie)」",
			[]want{{"", "Tragische Sinfonie", "悲劇的交響曲", ConfidenceNoLetters}}},
		{"name of English words", "国連の監視団 (Observer Group) が",
			[]want{{"", "Observer Group", "監視団", ConfidenceNoLetters}}},
		// A category's loanword beside an instance's name.
		{"category beside an instance", "既定のウェブブラウザ (Firefox) を開きます", nil},
		{"category word beside an instance", "ブラウザ (Firefox) を開きます", nil},
		{"loanword of the name", "スターリンク（Starlink）を使う",
			[]want{{"", "Starlink", "スターリンク", ConfidenceTransliterated}}},
		{"loanword of a plural", "メンター (mentors) に頼む",
			[]want{{"", "mentors", "メンター", ConfidenceTransliterated}}},
		// の joining katakana words is no reading.
		{"katakana words joined by の", "upstream maintainer (アップストリームのメンテナー): 現在プログラムをメンテナンスしている人です。",
			[]want{{"", "upstream maintainer", "アップストリームのメンテナー", ConfidenceTransliterated}}},
		{"a reading in hiragana", "生命の起源（せいめいのきげん）", nil},
		{"loanwords joined by する's forms", "customized fret diagram (カスタマイズされたフレットダイアグラム)",
			[]want{{"", "customized fret diagram", "カスタマイズされたフレットダイアグラム", ConfidenceNoLetters}}},
		{"loanwords listed with と", "articulations and slurs (アーティキュレーションとスラー)", nil},
		// A gloss of a list after its last item.
		{"gloss of a list", "以下のパラメータには、Ki, Mi, Gi (バイナリのキロ・メガ・ギガ) を表すサフィックスをつける。", nil},
		// A name of capitalised parts run together, and their initials.
		{"initials of a camel-case name", "Debian では、NetworkManager (NM) 等の管理デーモン経由で",
			[]want{{"NM", "NetworkManager", "", ConfidenceEnglish}}},
		{"camel-case name and other letters", "Debian では、NetworkManager (NMX) 等の", nil},
		{"one word is no camel-case name", "ブラウザの Firefox (FF) で", nil},
		// An acronym and its expansion, then a sentence about them.
		{"acronym and expansion before a sentence", "作成するからです (LUKS、Linux Unified Key Setup、のおかげで標準的なフォーマットが定められました)。",
			[]want{{"LUKS", "Linux Unified Key Setup", "", ConfidenceLetters}}},
		{"acronym and other words before a sentence", "作成するからです (LUKS、Disk Encryption、のおかげで標準的なフォーマットが定められました)。", nil},
		// A loanword and its word joined by an equals sign.
		{"loanword equal to its word", "根っこ (ルート = root) にあるディレクトリは",
			[]want{{"", "root", "ルート", ConfidenceNoLetters}}},
		{"other word after an equals sign", "根っこ (ルート = top) にある", nil},
		// A lexicon's English for the long form that the acronym spells.
		{"lexicon English the acronym spells", "スクリプトを使用した部品表 (BOM) の生成。",
			[]want{{"BOM", "", "部品表", ConfidenceNoLetters}}},
		{"reversed, lexicon English the acronym spells", "カスタマイズされたネットリストとBOM （部品表）ファイルの生成",
			[]want{{"BOM", "", "部品表", ConfidenceNoLetters}}},
		{"lexicon English the acronym does not spell", "スクリプトを使用した部品表 (BXQ) の生成。", nil},
		// Capitals inside words mark the letters of a lower-case short form.
		{"capitals spell a command's name", "chsh (CHange SHell) はログインシェルを変更します",
			[]want{{"chsh", "CHange SHell", "", ConfidenceEnglish}}},
		{"capitals spell another name", "chsh (CHange Login SHell) はログインシェルを変更します", nil},
		{"words in capitals", "chsh (CHANGE SHELL) は", nil},
		{"acronym its English says it abbreviates", "apt (Advanced Package Tool の頭字語) を使う",
			[]want{{"apt", "Advanced Package Tool", "", ConfidenceEnglish}}},
		// English words that say they expand the acronym before.
		{"which stands for", "起動には BIOS (which stands for Basic Input/Output System) を使う",
			[]want{{"BIOS", "Basic Input/Output System", "", ConfidenceEnglish}}},
		// English words in quotation marks before the acronym.
		{"expansion in curly quotes", "これは “general resolution” (GR) と呼ばれる",
			[]want{{"GR", "general resolution", "", ConfidenceEnglish}}},
		{"expansion in Japanese quotes", "Compaq の「integrated Lights Out」 (iLO) や",
			[]want{{"iLO", "integrated Lights Out", "", ConfidenceEnglish}}},
		{"other words in quotes", "これは “market share” (GR) と呼ばれる", nil},
		// Attributions: a work beside who made or supplied it.
		{"photograph and its agency", "写真（Getty Images）", nil},
		{"article and its agency", "記事（Reuters）によると", nil},
		{"image and its format", "画像 (Exif) の情報", nil},
		{"credit", "写真撮影（Steve Jobs）", nil},
		{"kind of image translated", "ラスター画像 (raster image) の形式",
			[]want{{"", "raster image", "ラスター画像", ConfidenceNoLetters}}},
		// A kind of thing whose loanwords give none of the acronym's letters.
		{"kind of thing glossing a format", "Exif に準拠の JPEG (デジタルカメラ写真) ファイルの非画像部を操作", nil},
		{"kind of thing before a protocol's name", "シリアルポートのフロー制御にハードウェアフロー制御 (RTS/CTS) を用います。", nil},
		{"loanwords giving letters", "汎用のオペレーティングシステム (OS) を使う",
			[]want{{"OS", "", "オペレーティングシステム", ConfidenceTransliterated}}},
		// English words and their acronym in a parenthesis inside another.
		{"acronym in a parenthesis inside", "Unicode の汎用文字集合 (Universal Character Set (UCS)) は",
			[]want{{"UCS", "Universal Character Set", "汎用文字集合", ConfidenceLetters}, {"UCS", "Universal Character Set", "", ConfidenceEnglish}}},
		{"other content in a parenthesis inside", "Unicode の汎用文字集合 (Universal Character Set (see below)) は", nil},
		{"unclosed parenthesis inside", "Unicode の汎用文字集合 (Universal Character Set (UCS) は", []want{{"UCS", "Universal Character Set", "", ConfidenceEnglish}}},
		// An acronym written onto a word for its kind, glossed by its words.
		{"acronym onto its kind", "Linux 上で動作する RDPプロトコル (Remote Desktop Protocol) のサーバ",
			[]want{{"RDP", "Remote Desktop Protocol", "", ConfidenceLetters}}},
		{"acronym onto its kind, other last word", "RCバグ状況 (Release-critical bug status) を見る",
			[]want{{"", "Release-critical bug status", "RCバグ状況", ConfidenceNoLetters}}},
		{"acronym onto a name's word", "FBIアカデミー（FBI Academy）",
			[]want{{"", "FBI Academy", "FBIアカデミー", ConfidenceNoLetters}}},
		// A katakana compound Kagome reads as one word renders two English words.
		{"loanword compound of two words", "は Single binary package (単一バイナリーパッケージ)、",
			[]want{{"", "Single binary package", "単一バイナリーパッケージ", ConfidenceTransliterated}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []want
			for _, e := range Mine("p1", tt.text) {
				if e.Source != SourceCorpus || !strings.HasPrefix(e.Evidence, "p1: ") {
					t.Errorf("entry %+v: want source corpus and evidence starting with the passage id", e)
				}
				got = append(got, want{e.Acronym, strings.Join(e.English, "|"), strings.Join(e.Japanese, "|"), e.Confidence})
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{}), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Mine(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// readSeedCopy reads testdata/seed_repaired.txt: our own copy of the
// repaired seed page, "id<TAB>text" a line.
func readSeedCopy(t testing.TB) [][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "seed_repaired.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			id, text, _ := strings.Cut(l, "\t")
			out = append(out, [2]string{id, text})
		}
	}
	return out
}

// formatMined renders entries one a line for golden files.
func formatMined(entries []Entry) string {
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%.2f\t%s\n", e.Acronym, strings.Join(e.English, "|"),
			strings.Join(e.Japanese, "|"), e.Confidence, e.Evidence)
	}
	return b.String()
}

// TestMineSeed mines the built-in corpus (the repaired seed page) and our
// own copy of its repaired text, and compares with a golden file; both must
// yield the three definitions on the page.
func TestMineSeed(t *testing.T) {
	var builtin []Entry
	for _, p := range corpus.Builtin() {
		builtin = append(builtin, Mine(p.ID, p.Text)...)
	}
	var copyEntries []Entry
	for _, p := range readSeedCopy(t) {
		copyEntries = append(copyEntries, Mine(p[0], p[1])...)
	}
	golden := filepath.Join("testdata", "seed_mined.golden")
	got := formatMined(builtin)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("entries mined from corpus.Builtin() (-want +got):\n%s", diff)
	}
	for name, entries := range map[string][]Entry{"builtin": builtin, "copy": copyEntries} {
		var forms []string
		for _, e := range entries {
			forms = append(forms, e.Acronym+"/"+strings.Join(e.Japanese, "|")+"/"+strings.Join(e.English, "|"))
		}
		wantForms := []string{
			"SSA/宇宙状況監視/Space Situational Awareness",
			"CCDCOE/NATOサイバー防衛協力センター/Cooperative Cyber Defence Centre of Excellence",
			"CyCon/サイバー紛争に関する国際会議/International Conference on Cyber Conflict",
		}
		if diff := cmp.Diff(wantForms, forms); diff != "" {
			t.Errorf("%s: mined forms (-want +got):\n%s", name, diff)
		}
	}
}

// FuzzMine checks that Mine never panics and returns well-formed entries.
// Run with: go test -fuzz=FuzzMine ./glossary
func FuzzMine(f *testing.F) {
	for _, p := range readSeedCopy(f) {
		f.Add(p[1])
	}
	f.Add("北大西洋条約機構（ほくたいせいようじょうやくきこう、英: North Atlantic Treaty Organization、略称: NATO）")
	f.Add("宇宙状況監視（Space Situational Awareness。以下「SSA」という。）を行う。")
	f.Add("（。以下」という。）（以下同じ。）")
	f.Add("Space Situational Awareness (SSA)")
	f.Add("SSA（宇宙状況監視）（）(（)")
	f.Add("「」（A: B C）「（SSA）")
	f.Add("Debian Developer (Debian デベロッパー) (DD) (i18n (国際化)「i18n」internationalization (国際化)")
	f.Add("正規表現 (regexp または regex としても知られます)、Debian インストーラ (「d-i」として知られ)")
	f.Add("汎用文字集合 (Universal Character Set (UCS)) ((((A (B)) C) (D (E) ) (F (G)")
	// Load the dictionary before fuzzing, so that no input pays for it.
	if _, err := analyzers.Segment("辞書"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range Mine("fuzz", s) {
			if len(e.Forms()) < 2 || e.Confidence <= 0 || e.Confidence > 1 || e.Source != SourceCorpus {
				t.Errorf("malformed entry %+v", e)
			}
			for _, f := range e.Forms() {
				if !utf8.ValidString(f) || f != strings.TrimSpace(f) || f == "" {
					t.Errorf("bad form %q in %+v", f, e)
				}
			}
		}
	})
}

// BenchmarkMine measures mining the repaired seed page, one passage at a
// time (the dictionary is loaded before timing).
func BenchmarkMine(b *testing.B) {
	passages := readSeedCopy(b)
	size := 0
	for _, p := range passages {
		size += len(p[1])
	}
	Mine("warm", "宇宙状況監視（SSA）")
	b.ReportAllocs()
	b.ReportMetric(float64(size), "input-bytes/op")
	for b.Loop() {
		for _, p := range passages {
			Mine(p[0], p[1])
		}
	}
}
