package glossary

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/textnorm"
)

// Entry is a group of equivalent forms: one sense of a term, written as an
// acronym, in English, in Japanese (kanji or katakana), or under another
// name. An acronym with its English expansion and its Japanese term is one
// case of it; a synonym group of a lexicon is another. At least two forms
// make an entry useful. [Entry.KindOf] tells the kind of each form.
type Entry struct {
	Acronym  string   `json:"acronym,omitempty"`  // e.g. "SSA"
	English  []string `json:"english,omitempty"`  // e.g. ["Space Situational Awareness"]
	Japanese []string `json:"japanese,omitempty"` // e.g. ["宇宙状況監視", "宇宙状況把握"]
	// Aliases are other names of the same thing: old names (旧称), other
	// names (別称), common misspellings. They find the entry and are
	// searched as equivalents, but are never its preferred form.
	Aliases []string `json:"aliases,omitempty"`
	// NoTrigger lists forms of the entry that are searched as equivalents
	// but do not expand a query themselves (Sudachi's expandControl 1: a
	// form too ambiguous on its own).
	NoTrigger []string `json:"no_trigger,omitempty"`
	// Sense tells apart the meanings a form has in one source (a lexicon's
	// group and sense number, or a label such as "space"); entries of one
	// source with the same Sense are one meaning. Empty when unknown.
	Sense      string  `json:"sense,omitempty"`
	Source     string  `json:"source"`             // SourceCorpus, SourceCurated, SourceEdict or "user:FILE"
	Confidence float64 `json:"confidence"`         // 0..1: how sure we are the forms are equivalent
	Evidence   string  `json:"evidence,omitempty"` // text it was mined from (with passage id), or a citation
	// Untrusted marks a mined entry that the corpus as a whole contradicts
	// (its Japanese form is offered for several unrelated terms: a generic
	// word, see [NewOn]). It is kept to be shown, but none of its forms
	// finds it, so it expands no query, and it is left out of synonym
	// exports.
	Untrusted bool `json:"untrusted,omitempty"`
}

// FormKind is the kind of one form of an entry.
type FormKind string

// The kinds of forms.
const (
	KindAcronym  FormKind = "acronym"  // SSA, ＪＡＸＡ
	KindEnglish  FormKind = "english"  // Space Situational Awareness, Starlink
	KindKatakana FormKind = "katakana" // スペースデブリ, スターリンク
	KindJapanese FormKind = "japanese" // 宇宙状況監視, 国連
	KindAlias    FormKind = "alias"    // an old or other name, a misspelling
)

// KindOf returns the kind of form in e, or "" when e does not hold it.
// Japanese forms written only in katakana (and the marks ー and ・) are
// KindKatakana.
func (e Entry) KindOf(form string) FormKind {
	switch {
	case form == "":
		return ""
	case form == e.Acronym:
		return KindAcronym
	case slices.Contains(e.English, form):
		return KindEnglish
	case slices.Contains(e.Japanese, form):
		if isKatakanaWord(form) {
			return KindKatakana
		}
		return KindJapanese
	case slices.Contains(e.Aliases, form):
		return KindAlias
	}
	return ""
}

// triggers reports whether form, a form of e, expands a query by itself.
func (e Entry) triggers(form string) bool { return !slices.Contains(e.NoTrigger, form) }

// The sources of entries. User glossaries use "user:" followed by the file
// name; see [UserSource].
const (
	SourceCorpus  = "corpus"
	SourceCurated = "curated"
	SourceEdict   = "edict"
	SourceUser    = "user"
)

// Default confidences by source, used when a TSV row gives none.
const (
	ConfidenceUser    = 1.0
	ConfidenceCurated = 0.95
	ConfidenceEdict   = 0.6
)

// UserSource returns the source name of a user glossary read from file.
func UserSource(file string) string { return SourceUser + ":" + file }

// SourceKind returns the kind of a source name: "user" for "user:FILE",
// otherwise the name itself.
func SourceKind(source string) string {
	if k, _, ok := strings.Cut(source, ":"); ok {
		return k
	}
	return source
}

// Forms returns the entry's forms: the acronym, then the English, the
// Japanese forms and the aliases, without empty strings or duplicates.
func (e Entry) Forms() []string {
	forms := make([]string, 0, 1+len(e.English)+len(e.Japanese))
	add := func(s string) {
		if s != "" && !slices.Contains(forms, s) {
			forms = append(forms, s)
		}
	}
	add(e.Acronym)
	for _, s := range e.English {
		add(s)
	}
	for _, s := range e.Japanese {
		add(s)
	}
	for _, s := range e.Aliases {
		add(s)
	}
	return forms
}

// Normalize returns the matching key of s: [textnorm.Key], the form in
// which the analyzers see text. NFKC (full-width letters and digits become
// ASCII, half-width katakana full-width), kana iteration marks replaced,
// format characters dropped, lower case, white space between two Japanese
// characters removed ("宇宙 状況監視" is 宇宙状況監視) and other white
// space runs collapsed to one space ("Space  Situational" is "space
// situational"), and katakana words folded as the analyzers fold them
// (middle dots between letters dropped, the final ー of words of four
// characters or more dropped). [Glossary.Find] and [Glossary.Lookup]
// compare forms by this key.
func Normalize(s string) string { return textnorm.Key(s) }

// normCache memoises Normalize while a glossary is built.
type normCache map[string]string

func (c normCache) get(s string) string {
	if k, ok := c[s]; ok {
		return k
	}
	k := Normalize(s)
	c[s] = k
	return k
}

// cleanForm trims a form and collapses its inner white space, keeping case
// and width as written.
func cleanForm(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isASCIIAlnum reports whether b is an ASCII letter or digit.
func isASCIIAlnum(b byte) bool { return textnorm.IsASCIIAlnum(rune(b)) }

// commonWords are English words that are also acronyms. A query's
// lower-case "it" or "on" must not expand to IT or ON, so these acronyms
// match only as written in capitals (ASCII or full-width).
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a i am an as at be by do go he if in is it me my no of oh ok on or
		so to up us we coin cop laws sofa
		act add age aid aim air all and any arm art ask bad bag bar bed big bit box boy bus but buy can
		car cat cry cup cut day did die dog dry due ear eat end era eye far fat few fit fix fly for fun
		gap gas get god gun guy had has hat her him his hit hot how ice ill its job key kid law lay led
		leg let lie lot low mad man map may men mix mom net new nor not now nut odd off oil old one our
		out own pay per pet pig pin pop pot put ran raw red rid row run sad saw say sea see set sex she
		shy sir sit six sky son spy sum sun tax tea ten the tie tip toe too top toy try two use van war
		was way web wet who why win yes yet you
		also army back base bank bomb book call care case cash cold come cool core data date deal dear
		does done door down draw drop earn ease east easy edge else even ever face fact fail fair fall
		farm fast fear feed feel file fill find fine fire firm fish five flag flat flow food foot form
		four free from fuel full fund gain game gate gave gift girl give goal goes gold golf gone good
		grow half hall hand hard have head hear heat help here hero high hill hold hole home hope host
		hour huge idea into iron item jobs join jump just keep kind king land last late lead left less
		life line link list live load loan lock long look lose loss love made mail main make male many
		mark mass meal mean meet mind miss mode more most move much must name near need news next nice
		none note once only open over page pain pair park part pass past path peak plan play plus poll
		pool poor port post pull pure push race rain rate read real rest rich ride ring rise risk road
		rock role room rule safe said sale same save seat seem self sell send ship shop shot show side
		sign site size skin slow snow soft soil sold sole some song soon sort star stay step stop such
		sure take talk tall task team tell term test text than that them then they thin this thus time
		tool tour town tree trip true turn type unit upon used user vast very view vote wage wait walk
		wall want warm wash wave weak wear week well went were west what when whom wide wife wild will
		wind wine wing wise wish with word work yard year your zone
		about after again alert alien alone among apply arena aware basic begin being below birth black
		blind board brain brand bread break brief bring broad brown build cable carry cause chain chair
		chart cheap check chief child civil claim class clean clear clock close coach coast count court
		cover crash crime cross crowd cycle daily dance death delay depth doubt draft drama dream dress
		drink drive early earth eight empty enemy enjoy enter entry equal error event exact exist extra
		faith false fault field fight final first flash fleet floor focus force frame fresh front fruit
		giant given glass grand grant grass great green gross group guard guess guide happy heart heavy
		horse hotel house human ideal image index inner input issue joint judge known label large laser
		later laugh layer learn least legal level light limit local logic loose lower lucky lunch magic
		major maker march match maybe mayor metal might minor model money month moral motor mount mouse
		mouth movie music naval never night noise north novel nurse ocean offer often order other owner
		panel paper party peace phase phone photo piece pilot pitch place plain plane plant plate point
		pound power press price pride prime print prior prize proof proud prove queen quick quiet quite
		radio raise range rapid ratio reach ready realm refer relax reply right river rough round route
		royal rural scale scene scope score sense serve seven shall shape share sharp sheet shift shirt
		shock shoot short sight since skill sleep small smart smile smoke solid solve sound south space
		spare speak speed spend spent sport staff stage stand start state steam steel stick still stock
		stone store storm story strip study stuff style sugar suite super sweet table taken taste teach
		thank theme there thick thing think third those three throw tight title today topic total touch
		tough tower track trade train treat trend trial truck truly trust truth twice under union unity
		until upper upset urban usage usual valid value video virus visit vital voice waste watch water
		wheel where which while white whole whose woman world worry worth would write wrong youth`) {
		commonWords[w] = true
	}
}

// capsOnly reports whether an acronym matches only as written in capitals:
// one- and two-letter acronyms, and acronyms that are common English words.
func capsOnly(acronym string) bool {
	n := Normalize(acronym)
	return utf8.RuneCountInString(n) <= 2 || commonWords[n]
}

// IsCommonWord reports whether an acronym is also a common English word
// ("IT", "ON", "US", "WAR"), compared in lower case. Such acronyms, and
// those of at most two letters, expand only when written in capitals.
func IsCommonWord(acronym string) bool { return commonWords[Normalize(acronym)] }

// IsKatakanaWord reports whether s is written in katakana only (with the
// long vowel mark, middle dots and spaces) and holds a katakana letter.
func IsKatakanaWord(s string) bool { return isKatakanaWord(s) }
