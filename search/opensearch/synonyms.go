package opensearch

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kensaku/kensaku/analyzers"
	"github.com/kensaku/kensaku/glossary"
)

// Tier is a band of glossary confidence. synonym_graph cannot weigh one
// rule above another, so the entries of each band go to a filter of their
// own and a query searches each band at the boost its confidence earns.
type Tier struct {
	Name string
	// Min is the least confidence of the tier's entries (inclusive).
	Min float64
	// Confidence stands for the confidence of every entry of the tier in
	// the query's boost: the middle of its band.
	Confidence float64
}

// Tiers are the confidence tiers, the most confident first. With the
// lexicons, the glossary's 65,000 entries fall at 0.9–1 (curated, user,
// well-evidenced mined definitions: about 300), 0.7 (Sudachi's
// synonyms: 24,000), 0.5–0.6 (EDICT: 20,000) and 0.2–0.4 (EDICT acronyms
// with several meanings: 22,000).
var Tiers = []Tier{
	{Name: "strong", Min: 0.85, Confidence: 0.95},
	{Name: "medium", Min: 0.65, Confidence: 0.75},
	{Name: "weak", Min: 0.45, Confidence: 0.55},
	{Name: "faint", Min: 0, Confidence: 0.35},
}

// tierOf returns the tier of an entry of confidence c.
func tierOf(c float64) Tier {
	for _, t := range Tiers {
		if c >= t.Min {
			return t
		}
	}
	return Tiers[len(Tiers)-1]
}

// SynonymRules returns the Solr-format synonym rules of entries, by tier
// name, each tier's rules sorted and without duplicates.
//
// An entry is one rule. Its forms are equivalent ("a, b, c"), except the
// forms that must not expand a query: forms the entry marks NoTrigger
// (Sudachi's expandControl) and acronyms that kensaku expands only when
// written in capitals (two letters, or a common English word: IT, US),
// since the analyzers lowercase before the synonym filter. Such forms
// are only on the right of an explicit mapping ("a, b => a, b, US"). Forms
// equal under kensaku's normalisation are written once. An entry with no
// form left to trigger, or fewer than two forms, makes no rule, and neither
// does an untrusted one (glossary.Entry.Untrusted).
func SynonymRules(entries []glossary.Entry) map[string][]string {
	out := map[string][]string{}
	for _, e := range entries {
		if e.Untrusted {
			continue // a mined entry the corpus contradicts expands nothing
		}
		var all, triggers []string
		seen := map[string]bool{}
		noTrigger := func(f string) bool {
			if slices.Contains(e.NoTrigger, f) {
				return true
			}
			return f == e.Acronym && capsOnly(f)
		}
		for _, f := range e.Forms() {
			f = withoutDropped(strings.Join(strings.Fields(f), " "))
			k := glossary.Normalize(f)
			if f == "" || k == "" || seen[k] {
				continue
			}
			seen[k] = true
			all = append(all, escapeSolr(f))
			if !noTrigger(f) {
				triggers = append(triggers, escapeSolr(f))
			}
		}
		if len(all) < 2 || len(triggers) == 0 {
			continue
		}
		rule := strings.Join(all, ", ")
		if len(triggers) < len(all) {
			rule = strings.Join(triggers, ", ") + " => " + rule
		}
		t := tierOf(e.Confidence)
		out[t.Name] = append(out[t.Name], rule)
	}
	for name, rules := range out {
		slices.Sort(rules)
		out[name] = slices.Compact(rules)
	}
	return out
}

// withoutDropped returns form without the words kensaku's analyzer
// drops inside it (particles, symbols, stop words: the の of
// アンペールの法則, the of of Association of Southeast Asian Nations),
// its other words joined by spaces (the char filter joins Japanese words
// again). A synonym rule cannot hold a form with such a gap (the parser
// refuses it: OpenSearch's lenient parser leaves it out), while the
// filter matches a query's words across a gap, so the form still
// matches as written. Forms without a space, a hiragana or a symbol keep
// every word and are not analysed.
func withoutDropped(form string) string {
	if !mayDrop(form) {
		return form
	}
	toks, err := analyzers.Explain(analyzers.Japanese, nil, form)
	if err != nil || len(toks) == 0 {
		return form
	}
	gap := toks[0].Position != 1
	for i := 1; i < len(toks) && !gap; i++ {
		gap = toks[i].Position > toks[i-1].Position+1
	}
	if !gap {
		return form
	}
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = form[t.Start:t.End]
	}
	return strings.Join(parts, " ")
}

// mayDrop reports whether the analyzer may drop a word of form: it has a
// space, a hiragana or a character that is neither a letter nor a digit.
func mayDrop(form string) bool {
	for _, r := range form {
		if r == ' ' || unicode.Is(unicode.Hiragana, r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != 'ー' {
			return true
		}
	}
	return false
}

// capsOnly reports whether kensaku expands the acronym only when it is
// written in capitals (see glossary.IsCommonWord).
func capsOnly(acronym string) bool {
	return utf8.RuneCountInString(glossary.Normalize(acronym)) <= 2 || glossary.IsCommonWord(acronym)
}

// escapeSolr escapes a form for a Solr synonym rule: the backslash, the
// comma that separates forms and the = of =>, and a # that would start a
// comment.
func escapeSolr(f string) string {
	var b strings.Builder
	for i, r := range f {
		switch {
		case r == '\\' || r == ',' || r == '=':
			b.WriteByte('\\')
		case r == '#' && i == 0:
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
