package glossary

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of [Glossary.Expand].
const (
	// HopFactor multiplies the confidence of an entry at each hop away
	// from the entries that hold the query term.
	HopFactor = 0.8
	// MaxHops is the farthest an expansion goes: an entry reached through
	// a form of an entry reached through a form of an entry of the term.
	MaxHops = 2
	// MaxExpandEntries bounds the entries one expansion visits, and
	// MaxExpandForms the equivalents it returns.
	MaxExpandEntries = 32
	MaxExpandForms   = 24
)

// Equivalent is one form a query term expands into, with where it comes
// from and how sure the expansion is.
type Equivalent struct {
	Form string   `json:"form"`
	Kind FormKind `json:"kind"`
	// Source is the source of the entry the form comes from.
	Source string `json:"source"`
	// Sense names the meaning of the term the form belongs to: a form of
	// the sense's most confident entry (see [Glossary.Expand]).
	Sense string `json:"sense"`
	// Confidence is the entry's confidence, or for an entry reached by
	// hops the least confidence along the way times HopFactor per hop.
	Confidence float64 `json:"confidence"`
	// Hops is 0 for a form of an entry that holds the term, 1 or 2 for a
	// form of an entry reached through a form of another.
	Hops int `json:"hops,omitempty"`
}

// Expand returns the equivalents of term, a form found in a query, given
// entries, the entries that hold it (a [Match]'s Entries): the forms of
// those entries and, transitively, of the entries that share a form with
// them, up to [MaxHops] hops away, each at the least confidence of the entries
// on its way times [HopFactor] per hop. An equivalent reached several ways keeps its
// highest confidence. Forms equal to term under [Normalize] are left out;
// the result is sorted by confidence, most confident first, and holds at
// most [MaxExpandForms] forms.
//
// The equivalents are grouped into senses (Equivalent.Sense). Entries
// that hold the term are one sense when they are related: they share a
// form other than the term and their acronyms, or all the words (English)
// or character bigrams (Japanese) of a form of one are in a form of the
// other (anti-satellite, anti-satellite weapon), and they are not entries
// of one source with different [Entry.Sense]s. So SSA's Space Situational
// Awareness entries of several sources are one sense and Sub-Saharan
// Africa another. A hop joins an entry to the sense of the entry it was
// reached from, and is taken only when the two are related (the term's
// own forms counting), so that a shared acronym does not lead from one
// meaning to another; it never goes through an acronym that matches only
// in capitals (a two-letter acronym or a common word: too ambiguous) nor
// through a form that does not trigger.
func (g *Glossary) Expand(term string, entries []Entry) []Equivalent {
	if len(entries) == 0 {
		return nil
	}
	termKey := Normalize(term)
	type visit struct {
		entry Entry
		hops  int
		conf  float64
		group int // index of the sense in groups
	}
	var visits []visit
	seen := map[string]bool{} // entryID of visited entries
	// The entries of the term, and their senses.
	groups := senseGroups(entries, termKey)
	for i, e := range entries {
		id := entryID(e)
		if seen[id] {
			continue
		}
		seen[id] = true
		visits = append(visits, visit{entry: e, conf: e.Confidence, group: groups[i]})
	}
	// Breadth first through the forms of the entries found so far.
	for hop := 1; hop <= MaxHops && len(visits) < MaxExpandEntries; hop++ {
		frontier := len(visits)
		for vi := 0; vi < frontier && len(visits) < MaxExpandEntries; vi++ {
			v := visits[vi]
			if v.hops != hop-1 {
				continue
			}
			for _, f := range v.entry.Forms() {
				k := Normalize(f)
				if k == termKey || !v.entry.triggers(f) || f == v.entry.Acronym && capsOnly(f) {
					continue
				}
				refs, _ := g.refs(k)
				for _, next := range g.resolve(refs, f) {
					id := entryID(next)
					if seen[id] || !related(v.entry, next, "") {
						continue
					}
					seen[id] = true
					visits = append(visits, visit{entry: next, hops: hop, conf: min(v.conf, next.Confidence) * HopFactor, group: v.group})
					if len(visits) >= MaxExpandEntries {
						break
					}
				}
			}
		}
	}
	// Name the senses by a form of their most confident entries.
	order := slices.Clone(visits)
	slices.SortStableFunc(order, func(a, b visit) int { return cmp.Compare(b.conf, a.conf) })
	labels := map[int]string{}
	used := map[string]bool{}
	var groupIDs []int
	for _, v := range order {
		if !slices.Contains(groupIDs, v.group) {
			groupIDs = append(groupIDs, v.group)
		}
	}
	for _, gi := range groupIDs {
		var members []Entry
		for _, v := range order {
			if v.group == gi {
				members = append(members, v.entry)
			}
		}
		base := senseLabel(members, termKey)
		l := base
		for n := 2; used[l]; n++ {
			l = base + " (" + strconv.Itoa(n) + ")"
		}
		used[l] = true
		labels[gi] = l
	}
	// The forms, each at its best confidence.
	byKey := map[string]int{}
	var out []Equivalent
	for _, v := range visits {
		for _, f := range v.entry.Forms() {
			k := Normalize(f)
			if k == termKey || k == "" {
				continue
			}
			eq := Equivalent{Form: f, Kind: v.entry.KindOf(f), Source: v.entry.Source, Sense: labels[v.group],
				Confidence: v.conf, Hops: v.hops}
			if i, ok := byKey[k]; ok {
				if eq.Confidence > out[i].Confidence {
					out[i] = eq
				}
				continue
			}
			byKey[k] = len(out)
			out = append(out, eq)
		}
	}
	slices.SortStableFunc(out, func(a, b Equivalent) int {
		return cmp.Or(cmp.Compare(b.Confidence, a.Confidence), cmp.Compare(a.Hops, b.Hops))
	})
	if len(out) > MaxExpandForms {
		out = out[:MaxExpandForms]
	}
	return out
}

// entryID identifies an entry of a glossary.
func entryID(e Entry) string {
	return e.Source + "\x00" + e.Sense + "\x00" + strings.Join(e.Forms(), "\x00")
}

// senseGroups returns, for each entry, the index of its sense: entries
// related directly or through others share one.
func senseGroups(entries []Entry, termKey string) []int {
	u := newUnionFind(len(entries))
	for i := range entries {
		for j := i + 1; j < len(entries); j++ {
			if related(entries[i], entries[j], termKey) {
				u.union(i, j)
			}
		}
	}
	out := make([]int, len(entries))
	for i := range entries {
		out[i] = u.find(i)
	}
	return out
}

// related reports whether a and b are one sense: entries of one source
// with the same Sense, or, unless they are of one source with different
// Senses, entries with a form in common or a form that overlaps another
// of the same script (see overlaps). Acronyms and the term itself
// (termKey) do not count: they are what several senses share.
func related(a, b Entry, termKey string) bool {
	if a.Source == b.Source && a.Sense != "" && b.Sense != "" {
		return a.Sense == b.Sense
	}
	for _, fa := range nonAcronymForms(a) {
		ka := Normalize(fa)
		if ka == termKey {
			continue
		}
		for _, fb := range nonAcronymForms(b) {
			kb := Normalize(fb)
			if kb == termKey {
				continue
			}
			if ka == kb || overlaps(ka, kb) {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether the normalised form with fewer units (words
// when both are ASCII, character bigrams when neither is) has all of them
// in the other: anti-satellite in anti-satellite weapon, ballistic missile
// defense and ballistic missile defence (words sharing their first five
// letters are one word), but not United States Army and United States of
// America.
func overlaps(a, b string) bool {
	var ua, ub []string
	same := func(x, y string) bool { return x == y }
	switch {
	case isASCII(a) && isASCII(b):
		ua, ub, same = words(a), words(b), sameWord
	case !isASCII(a) && !isASCII(b):
		ua, ub = charBigrams(a), charBigrams(b)
	default:
		return false
	}
	if len(ua) == 0 || len(ub) == 0 {
		return false
	}
	if len(ua) > len(ub) {
		ua, ub = ub, ua
	}
	for _, u := range ua {
		if !slices.ContainsFunc(ub, func(v string) bool { return same(u, v) }) {
			return false
		}
	}
	return true
}

// sameWord reports whether English words x and y are equal or share their
// first five letters (defense, defence; programme, program).
func sameWord(x, y string) bool {
	if x == y {
		return true
	}
	n := 0
	for n < len(x) && n < len(y) && x[n] == y[n] {
		n++
	}
	return n >= 5
}

// words splits ASCII text into its distinct words of letters and digits,
// leaving out short function words.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if functionWords[w] || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

var functionWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "for": true,
	"in": true, "on": true, "to": true, "at": true, "by": true, "with": true, "or": true}

// charBigrams returns the distinct character pairs of s, or s itself when
// it has one character.
func charBigrams(s string) []string {
	rs := []rune(strings.ReplaceAll(s, " ", ""))
	if len(rs) == 1 {
		return []string{string(rs)}
	}
	var out []string
	for i := 0; i+1 < len(rs); i++ {
		if b := string(rs[i : i+2]); !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// senseLabel names a sense by the entries in it, most confident first:
// the first Japanese form, else English form, else alias, acronym or
// Sense that is not the term.
func senseLabel(entries []Entry, termKey string) string {
	for kind := range 5 {
		for _, e := range entries {
			var forms []string
			switch kind {
			case 0:
				forms = e.Japanese
			case 1:
				forms = e.English
			case 2:
				forms = e.Aliases
			case 3:
				forms = []string{e.Acronym}
			case 4:
				forms = []string{e.Sense}
			}
			for _, f := range forms {
				if f != "" && Normalize(f) != termKey {
					return f
				}
			}
		}
	}
	return entries[0].Forms()[0]
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// unionFind partitions the numbers 0 to n-1 into sets.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the representative of i's set.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins j's set to i's, whose representative stays; it reports
// whether they were apart.
func (u unionFind) union(i, j int) bool {
	ri, rj := u.find(i), u.find(j)
	if ri == rj {
		return false
	}
	u[rj] = ri
	return true
}
