package opensearch

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"golang.org/x/text/unicode/norm"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/textnorm"
)

// Names of the analyzers the exported settings define.
const (
	AnalyzerJapanese = "kensaku_ja"     // the text and title fields
	AnalyzerBigram   = "kensaku_bigram" // the text.bigram sub-field
)

// SynonymAnalyzer returns the name of the search analyzer of a tier.
func SynonymAnalyzer(t Tier) string { return AnalyzerJapanese + "_syn_" + t.Name }

// SynonymFile returns the name of the rules file of a tier, as written by
// [Export] and named (under SynonymDir) by the settings' synonyms_path.
func SynonymFile(t Tier) string { return "synonyms-" + t.Name + ".txt" }

// SynonymDir is the directory, relative to the config directory of every
// node, where the settings expect the synonym files.
const SynonymDir = "analysis/kensaku"

// stopTags are the IPADIC part-of-speech tags whose tokens kensaku drops
// (analyzers: particles, auxiliaries, conjunctions, symbols, fillers,
// interjections, non-verbal sounds), written as kuromoji writes them, the
// levels joined by "-". kuromoji's filter compares whole tags, so every
// tag under those levels is listed; 記号-アルファベット is left out, since
// kensaku cuts Latin words before the lattice and keeps them.
var stopTags = []string{
	"接続詞",
	"助詞", "助詞-格助詞", "助詞-格助詞-一般", "助詞-格助詞-引用", "助詞-格助詞-連語",
	"助詞-接続助詞", "助詞-係助詞", "助詞-副助詞", "助詞-間投助詞", "助詞-並立助詞", "助詞-終助詞",
	"助詞-副助詞／並立助詞／終助詞", "助詞-連体化", "助詞-副詞化", "助詞-特殊",
	"助動詞",
	"記号", "記号-一般", "記号-読点", "記号-句点", "記号-空白", "記号-括弧開", "記号-括弧閉",
	"その他-間投", "フィラー", "非言語音",
}

// japaneseStop is kensaku's Japanese stop list (package analyzers; a test
// checks that kensaku_ja drops every word of it).
var japaneseStop = []string{
	"あそこ", "あの", "あれ", "ここ", "この", "これ", "これら", "そこ", "その", "それ", "それぞれ",
	"どこ", "どの", "どれ", "こと", "もの", "ため", "よう", "ところ", "とき", "ほか", "うち",
	"ある", "いる", "おる", "なる", "れる", "られる", "せる", "させる", "できる", "いう",
	"また", "さらに", "および", "及び", "ならびに", "並びに", "ただし", "なお", "特に", "または",
	"その他", "その後", "ほとんど", "かつて", "ほど", "ら", "たち", "ん", "う", "お",
}

// englishStop returns kensaku's English stop list (Bleve's, which is
// Snowball's), sorted.
func englishStop() []string {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err) // embedded data
	}
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// caseStop returns the English stop list as the exported filter applies
// it, before lowercase and case-sensitively: each word in lower case and
// capitalised (the, The), a word of one letter also in capitals (A, I).
// A word of two letters or more in capitals is an acronym that kensaku
// keeps (IT, US, AM), so it is not in the list.
func caseStop() []string {
	var out []string
	for _, w := range englishStop() {
		out = append(out, w)
		r, size := utf8.DecodeRuneInString(w)
		if title := strings.ToUpper(string(r)) + w[size:]; title != w {
			out = append(out, title)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// japaneseRunes is the character class, in Java regular expression syntax,
// of the characters between which kensaku removes white space.
const japaneseRunes = `[\p{IsHan}\p{IsHiragana}\p{IsKatakana}ー々〆]`

// widthMappings returns the rules of the mapping char filter that does
// what NFKC does to widths before the tokenizer sees the text: full-width
// ASCII to ASCII, the ideographic space to a space, half-width katakana
// (with their voiced marks) to full width. The right-hand side of a rule
// that is not a letter or digit is written as a \u escape, which the
// mapping char filter reads.
func widthMappings() []string {
	var out []string
	esc := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r < 0x80 && !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		out = append(out, string(r)+" => "+esc(string(r-0xFEE0)))
	}
	out = append(out, "\u3000 => "+esc(" "))
	var kana []string
	for r := rune(0xFF61); r <= 0xFF9F; r++ {
		if s := norm.NFKC.String(string(r)); s != string(r) {
			kana = append(kana, string(r)+" => "+esc(s))
		}
		for _, mark := range []rune{0xFF9E, 0xFF9F} { // ﾞ ﾟ
			src := string(r) + string(mark)
			if s := norm.NFKC.String(src); utf8.RuneCountInString(s) == 1 {
				kana = append(kana, src+" => "+s)
			}
		}
	}
	slices.Sort(kana)
	return append(out, kana...)
}

// kuromojiUserDict converts a kensaku user dictionary (see
// analyzers.ParseUserDict) into kuromoji user-dictionary rules:
// surface,segmentation,readings,part of speech, the readings being the
// segmentation (kuromoji needs as many as there are segments; kensaku
// ignores them). Text is normalised as kensaku normalises it, and the
// middle dots of katakana entries are left out of the surface: kuromoji
// cuts at a ・ anyway. A part of speech is written with "-" between its
// levels. Duplicate surfaces keep their first entry. The rules are sorted.
func kuromojiUserDict(data []byte) ([]string, error) {
	if _, err := analyzers.ParseUserDict(data); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var fields []string
		if strings.Contains(text, "\t") {
			fields = strings.Split(text, "\t")
		} else {
			r := csv.NewReader(strings.NewReader(text))
			r.FieldsPerRecord = -1
			rec, err := r.Read()
			if err != nil {
				return nil, fmt.Errorf("user dictionary: %w", err)
			}
			fields = rec
			if len(fields) == 4 {
				fields = []string{fields[0], fields[1], fields[3]}
			}
		}
		surface := strings.ReplaceAll(normalizeChars(fields[0]), "・", "")
		var parts []string
		if len(fields) > 1 {
			for p := range strings.FieldsSeq(fields[1]) {
				if p = strings.ReplaceAll(normalizeChars(p), "・", ""); p != "" {
					parts = append(parts, p)
				}
			}
		}
		if len(parts) == 0 {
			parts = []string{surface}
		}
		pos := "名詞-固有名詞"
		if len(fields) > 2 && strings.TrimSpace(fields[2]) != "" {
			pos = strings.ReplaceAll(strings.TrimSpace(fields[2]), ",", "-")
		}
		if surface == "" || seen[surface] || strings.ContainsAny(surface+pos, `,"`) {
			continue
		}
		seen[surface] = true
		seg := strings.Join(parts, " ")
		out = append(out, surface+","+seg+","+seg+","+pos)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read user dictionary: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// normalizeChars applies kensaku's character normalisation (NFKC and the
// rest, without katakana folding) to a dictionary field.
func normalizeChars(s string) string {
	var t textnorm.Text
	textnorm.Normalize(&t, []byte(strings.TrimSpace(s)))
	return string(t.Bytes)
}

// analysisSettings returns the "analysis" section of the index settings.
// userDict holds the kuromoji user-dictionary rules; rules, when not nil,
// holds each tier's synonym rules inline (otherwise the settings name the
// files under SynonymDir).
func analysisSettings(userDict []string, rules map[string][]string) map[string]any {
	charFilters := []string{"kensaku_width", "kensaku_join_japanese", "kensaku_iteration_mark"}
	jaFilters := []string{
		"kensaku_baseform", "kensaku_pos", "cjk_width", "kensaku_acronyms", "kensaku_english_stop", "lowercase",
		"kensaku_japanese_stop", "kensaku_katakana",
		"kensaku_possessive", "kensaku_english_stem",
	}
	analyzersSection := map[string]any{
		AnalyzerJapanese: map[string]any{
			"type": "custom", "char_filter": charFilters, "tokenizer": "kensaku_kuromoji", "filter": jaFilters,
		},
		AnalyzerBigram: map[string]any{
			"type": "custom", "char_filter": charFilters, "tokenizer": "standard",
			"filter": []string{"cjk_width", "kensaku_katakana", "kensaku_acronyms", "kensaku_english_stop", "lowercase",
				"kensaku_possessive", "kensaku_english_stem",
				"kensaku_bigrams", "kensaku_no_hiragana_pairs", "kensaku_nonempty"},
		},
	}
	filters := map[string]any{
		"kensaku_baseform":      map[string]any{"type": "kuromoji_baseform"},
		"kensaku_pos":           map[string]any{"type": "kuromoji_part_of_speech", "stoptags": stopTags},
		"kensaku_acronyms":      map[string]any{"type": "keyword_marker", "keywords_pattern": "[A-Z][A-Z0-9]+"},
		"kensaku_english_stop":  map[string]any{"type": "stop", "stopwords": caseStop(), "ignore_case": false},
		"kensaku_japanese_stop": map[string]any{"type": "stop", "stopwords": japaneseStop},
		"kensaku_katakana":      map[string]any{"type": "kuromoji_stemmer", "minimum_length": textnorm.MinFoldLen},
		"kensaku_possessive":    map[string]any{"type": "stemmer", "language": "possessive_english"},
		"kensaku_english_stem":  map[string]any{"type": "snowball", "language": "English"},
		"kensaku_bigrams": map[string]any{"type": "cjk_bigram", "output_unigrams": false,
			"ignored_scripts": []string{}},
		"kensaku_no_hiragana_pairs": map[string]any{"type": "pattern_replace", "pattern": `^\p{IsHiragana}{2}$`, "replacement": ""},
		"kensaku_nonempty":          map[string]any{"type": "length", "min": 1},
	}
	for _, t := range Tiers {
		f := map[string]any{"type": "synonym_graph", "format": "solr", "expand": true, "lenient": true}
		if rules != nil {
			f["synonyms"] = rules[t.Name]
			if rules[t.Name] == nil {
				f["synonyms"] = []string{}
			}
		} else {
			f["synonyms_path"] = SynonymDir + "/" + SynonymFile(t)
		}
		name := "kensaku_synonyms_" + t.Name
		filters[name] = f
		analyzersSection[SynonymAnalyzer(t)] = map[string]any{
			"type": "custom", "char_filter": charFilters, "tokenizer": "kensaku_kuromoji",
			"filter": append(slices.Clone(jaFilters), name),
		}
	}
	tokenizer := map[string]any{"type": "kuromoji_tokenizer", "mode": "search",
		"discard_punctuation": true, "discard_compound_token": true}
	if len(userDict) > 0 {
		tokenizer["user_dictionary_rules"] = userDict
	}
	return map[string]any{
		"char_filter": map[string]any{
			"kensaku_width": map[string]any{"type": "mapping", "mappings": widthMappings()},
			"kensaku_join_japanese": map[string]any{"type": "pattern_replace",
				"pattern": `(?<=` + japaneseRunes + `)\s+(?=` + japaneseRunes + `)`, "replacement": ""},
			"kensaku_iteration_mark": map[string]any{"type": "kuromoji_iteration_mark", "normalize_kanji": true, "normalize_kana": true},
		},
		"tokenizer": map[string]any{"kensaku_kuromoji": tokenizer},
		"filter":    filters,
		"analyzer":  analyzersSection,
	}
}

// mappings returns the index mappings: the text and title fields analysed
// with kensaku_ja (text with a bigram sub-field and offsets for the
// highlighter), keyword fields for document, section, kind and source,
// the page numbers, and the JSONL metadata with its strings as keywords.
func mappings() map[string]any {
	keyword := map[string]any{"type": "keyword"}
	return map[string]any{
		"dynamic": "strict",
		"dynamic_templates": []any{
			map[string]any{"meta_strings": map[string]any{
				"path_match": "meta.*", "match_mapping_type": "string",
				"mapping": map[string]any{"type": "keyword", "ignore_above": 1024},
			}},
		},
		"properties": map[string]any{
			"text": map[string]any{"type": "text", "analyzer": AnalyzerJapanese, "index_options": "offsets",
				"fields": map[string]any{"bigram": map[string]any{"type": "text", "analyzer": AnalyzerBigram}}},
			"title":    map[string]any{"type": "text", "analyzer": AnalyzerJapanese},
			"document": keyword,
			"section":  keyword,
			"kind":     keyword,
			"page":     map[string]any{"type": "integer"},
			"pdf_page": map[string]any{"type": "integer"},
			"source":   keyword,
			"meta":     map[string]any{"type": "object", "dynamic": true},
		},
	}
}
