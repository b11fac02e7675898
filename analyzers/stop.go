package analyzers

// stopPOS lists the parts of speech (first IPADIC level, or first two
// levels joined by a comma) whose tokens are dropped, following Lucene's
// stoptags.txt: particles, auxiliaries, conjunctions, symbols, fillers,
// interjection-like "others" and non-verbal sounds. A dropped token still
// takes its position, so phrases never match across it.
var stopPOS = map[string]bool{
	"助詞":     true,
	"助動詞":    true,
	"接続詞":    true,
	"記号":     true,
	"フィラー":   true,
	"非言語音":   true,
	"その他,間投": true,
}

// japaneseStop is the Japanese stop list, checked against terms (base
// forms): demonstratives and pronouns, formal nouns, function verbs and
// frequent connective words, adapted from Lucene's stopwords.txt for
// Japanese. Unlike Lucene's list it keeps する, so that 派遣した gives 派遣
// and する, as the spec asks; particles and auxiliaries are dropped by
// part of speech already.
var japaneseStop = toSet(
	"あそこ", "あの", "あれ", "ここ", "この", "これ", "これら", "そこ", "その", "それ", "それぞれ",
	"どこ", "どの", "どれ", "こと", "もの", "ため", "よう", "ところ", "とき", "ほか", "うち",
	"ある", "いる", "おる", "なる", "れる", "られる", "せる", "させる", "できる", "いう",
	"また", "さらに", "および", "及び", "ならびに", "並びに", "ただし", "なお", "特に", "または",
	"その他", "その後", "ほとんど", "かつて", "ほど", "ら", "たち", "ん", "う", "お",
)

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
