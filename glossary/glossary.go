package glossary

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kensaku/kensaku/textnorm"
	"golang.org/x/text/unicode/norm"
)

// maxEvidence bounds the evidence kept for a merged entry, in bytes.
const maxEvidence = 512

// Glossary is a merged, read-only set of entries with an index from
// normalised forms to entries. It is safe for concurrent use.
type Glossary struct {
	// base, when not nil, is a glossary this one adds to (see [NewOn]):
	// entry numbers below base.Len() are base's, the others entries'.
	base    *Glossary
	table   *table // when set, the entries and forms are there (see table.go), not in entries and forms
	entries []Entry
	forms   map[string][]ref // Normalize(form) → entries holding it
	lens    map[rune][]int   // first rune of a key → byte lengths of keys, longest first (base's too; see lengths)
}

// ref points from a normalised form to an entry. caps is non-empty when the
// form is the entry's acronym and matches only as written in capitals: it is
// then the acronym in NFKC with white space collapsed, without lower-casing.
type ref struct {
	entry int
	caps  string
}

// Match is one glossary form found in text by [Glossary.Find].
type Match struct {
	Start, End int     // byte offsets of the form in the text given to Find
	Form       string  // the text as written, text[Start:End]
	Entries    []Entry // the entries holding the form, most confident first
}

// Forms returns the forms of all the match's entries, the most confident
// entries' first, without duplicates under [Normalize]: the equivalents a
// query should be expanded into.
func (m Match) Forms() []string { return formsOf(m.Entries) }

// formsOf lists the forms of entries, without duplicates under Normalize.
func formsOf(entries []Entry) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range entries {
		for _, f := range e.Forms() {
			if k := Normalize(f); !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// New returns a glossary of entries. Entries of the same source that share
// a form (other than an acronym with several meanings) and do not disagree
// on the acronym are merged into one: the union of their forms, the highest
// confidence and the evidence of both. Corpus entries found in several places
// gain confidence (0.05 a time, up to 0.95). Entries of different sources
// stay apart so that each keeps its provenance. Entries with fewer than two
// forms are dropped and confidences are clamped to 0..1.
func New(entries []Entry) *Glossary { return NewOn(nil, entries) }

// NewOn returns a glossary of base's entries and entries, as New would
// make of both, without building base again: the lexicons (hundreds of
// thousands of forms) are built once per process and shared, and each
// index adds its mined and user entries on top. Entries are merged with
// entries of their own source only, so base's entries stay as they are;
// an entry of entries with the source and sense of one of base's is kept
// beside it, not merged into it. Mined entries whose Japanese form the
// entries offer for several unrelated terms (a generic word: 変数 for
// three variables' names) are marked [Entry.Untrusted], kept apart from
// the others and found by none of their forms.
func NewOn(base *Glossary, entries []Entry) *Glossary {
	entries = markGeneric(entries)
	type key struct {
		source, sense, acronym, form string
		untrusted                    bool
	}
	merged := make([]Entry, 0, len(entries))
	byForm := make(map[key]int, 3*len(entries))
	nc := make(normCache, 4*len(entries))
	for _, e := range entries {
		e = cleanEntry(e, nc)
		if len(e.Forms()) < 2 {
			continue
		}
		acr := nc.get(e.Acronym)
		target := -1
		for _, f := range nonAcronymForms(e) {
			if i, ok := byForm[key{e.Source, e.Sense, acr, nc.get(f), e.Untrusted}]; ok {
				target = i
				break
			}
		}
		if target < 0 {
			target = len(merged)
			merged = append(merged, e)
		} else {
			merged[target] = mergeEntries(merged[target], e, nc)
		}
		for _, f := range nonAcronymForms(merged[target]) {
			byForm[key{e.Source, e.Sense, acr, nc.get(f), e.Untrusted}] = target
		}
	}
	// The keys are computed once, not in each comparison: with the Sudachi
	// lexicon (27,000 entries) that halved the time of New.
	merged = sortEntries(merged, nc.get)
	g := &Glossary{base: base, entries: merged, forms: make(map[string][]ref, 3*len(merged)), lens: map[rune][]int{}}
	offset := 0
	if base != nil {
		offset = base.Len()
	}
	for i, e := range merged {
		i += offset
		if e.Untrusted {
			continue // found by no form: see Entry.Untrusted
		}
		for _, f := range e.Forms() {
			if !e.triggers(f) {
				continue
			}
			k := nc.get(f)
			r := ref{entry: i}
			if f == e.Acronym && capsOnly(f) {
				r.caps = capsKey(f)
			}
			if refs := g.forms[k]; len(refs) == 0 {
				first, _ := utf8.DecodeRuneInString(k)
				ls, ok := g.lens[first]
				if !ok && base != nil {
					ls = slices.Clone(base.lengths(first))
				}
				g.lens[first] = append(ls, len(k))
			} else if refs[len(refs)-1].entry == i {
				continue
			}
			g.forms[k] = append(g.forms[k], r)
		}
	}
	for r, ls := range g.lens {
		slices.Sort(ls)
		slices.Reverse(ls)
		g.lens[r] = slices.Compact(ls)
	}
	return g
}

// cleanEntry trims forms, drops empty ones and clamps the confidence.
func cleanEntry(e Entry, nc normCache) Entry {
	e.Acronym = cleanForm(e.Acronym)
	clean := func(ss []string) []string {
		var out []string
		for _, s := range ss {
			if s = cleanForm(s); s != "" && nc.get(s) != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	e.English = clean(e.English)
	e.Japanese = clean(e.Japanese)
	e.Aliases = clean(e.Aliases)
	e.NoTrigger = clean(e.NoTrigger)
	if nc.get(e.Acronym) == "" {
		e.Acronym = ""
	}
	if !(e.Confidence >= 0) { // also NaN
		e.Confidence = 0
	}
	e.Confidence = min(e.Confidence, 1)
	return e
}

func nonAcronymForms(e Entry) []string {
	return slices.Concat(e.English, e.Japanese, e.Aliases)
}

func mergeEntries(a, b Entry, nc normCache) Entry {
	add := func(dst, src []string) []string {
		for _, s := range src {
			if !slices.ContainsFunc(dst, func(d string) bool { return nc.get(d) == nc.get(s) }) {
				dst = append(dst, s)
			}
		}
		return dst
	}
	a.English = add(slices.Clone(a.English), b.English)
	a.Japanese = add(slices.Clone(a.Japanese), b.Japanese)
	a.Aliases = add(slices.Clone(a.Aliases), b.Aliases)
	a.NoTrigger = add(slices.Clone(a.NoTrigger), b.NoTrigger)
	if a.Acronym == "" {
		a.Acronym = b.Acronym
	}
	c := max(a.Confidence, b.Confidence)
	if SourceKind(a.Source) == SourceCorpus && a.Evidence != b.Evidence {
		c = max(c, min(0.95, max(a.Confidence, b.Confidence)+0.05))
	}
	a.Confidence = c
	if b.Evidence != "" && !strings.Contains(a.Evidence, b.Evidence) && len(a.Evidence) < maxEvidence {
		if a.Evidence != "" {
			a.Evidence += "; "
		}
		a.Evidence += b.Evidence
	}
	return a
}

func sourceRank(s string) int {
	switch SourceKind(s) {
	case SourceUser:
		return 0
	case SourceCurated:
		return 1
	case SourceCorpus:
		return 2
	case SourceEdict:
		return 3
	case SourceSudachi:
		return 4
	}
	return 5
}

// capsKey is the key that a caps-only acronym must match: NFKC with white
// space collapsed but case kept.
func capsKey(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// Len returns the number of (merged) entries.
func (g *Glossary) Len() int {
	if g.table != nil {
		return g.table.len()
	}
	if g.base != nil {
		return g.base.Len() + len(g.entries)
	}
	return len(g.entries)
}

// entry returns entry number i.
func (g *Glossary) entry(i int) Entry {
	if g.table != nil {
		return g.table.entry(i)
	}
	if g.base != nil {
		if n := g.base.Len(); i < n {
			return g.base.entry(i)
		}
		i -= g.base.Len()
	}
	return g.entries[i]
}

// lengths returns the byte lengths of the keys starting with r, base's
// too, longest first. A glossary on a base holds only the first runes of
// its own keys: the others are base's.
func (g *Glossary) lengths(r rune) []int {
	if ls, ok := g.lens[r]; ok || g.base == nil {
		return ls
	}
	return g.base.lengths(r)
}

// refs returns the entries holding the normalised form k: base's, then
// this glossary's.
func (g *Glossary) refs(k string) ([]ref, bool) { return g.refsHashed(k, keyHash(k), true) }

// Entries returns the merged entries, sorted by acronym (or first form),
// then source. The slice is a copy.
func (g *Glossary) Entries() []Entry {
	if g.table != nil {
		out := make([]Entry, g.table.len())
		for i := range out {
			out[i] = g.table.decodeEntry(i)
		}
		return out
	}
	if g.base == nil {
		return slices.Clone(g.entries)
	}
	return sortEntries(slices.Concat(g.base.Entries(), g.entries), Normalize)
}

// sortEntries returns entries in the order of a glossary: by acronym (or
// first form) under norm (Normalize, or a cache of it), then source, then
// confidence, highest first. The keys are computed once, not in each
// comparison.
func sortEntries(entries []Entry, norm func(string) string) []Entry {
	keys := make([]string, len(entries))
	order := make([]int, len(entries))
	for i, e := range entries {
		if e.Acronym != "" {
			keys[i] = norm(e.Acronym)
		} else {
			keys[i] = norm(e.Forms()[0])
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &entries[i], &entries[j]
		return cmp.Or(
			cmp.Compare(keys[i], keys[j]),
			cmp.Compare(sourceRank(a.Source), sourceRank(b.Source)),
			cmp.Compare(a.Source, b.Source),
			cmp.Compare(b.Confidence, a.Confidence),
		)
	})
	sorted := make([]Entry, len(entries))
	for k, i := range order {
		sorted[k] = entries[i]
	}
	return sorted
}

// Lookup returns the entries holding form, compared under [Normalize], most
// confident first. An acronym that is a common English word or has at most
// two letters is found only when form is written in capitals.
func (g *Glossary) Lookup(form string) []Entry {
	refs, _ := g.refs(Normalize(form))
	return g.resolve(refs, form)
}

// resolve turns refs into entries, applying the capitals rule to written.
func (g *Glossary) resolve(refs []ref, written string) []Entry {
	if len(refs) == 0 {
		return nil
	}
	out := make([]Entry, 0, len(refs))
	var ck string
	for _, r := range refs {
		if r.caps != "" {
			if ck == "" {
				ck = capsKey(written)
			}
			if ck != r.caps {
				continue
			}
		}
		out = append(out, g.entry(r.entry))
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return cmp.Compare(b.Confidence, a.Confidence) })
	return out
}

// Find scans text and returns the glossary forms in it, leftmost first and
// longest at each position, without overlaps, with byte offsets into text.
// Matching compares [Normalize]d text, so it ignores case, character width
// and the amount of white space: "ＳＳＡ多国間", "space  situational
// awareness" and "宇宙状況監視" are all found. A form beginning or ending
// with an ASCII letter or digit matches only on a word boundary there: SSA
// is not found in "CLASSAB", but is in "SSA多国間". Acronyms that are common
// English words ("IT", "ON", "US") or have at most two letters match only
// when written in capitals.
func (g *Glossary) Find(text string) []Match { return g.FindWhere(text, nil) }

// FindWhere is [Glossary.Find] with a condition on the forms found: a
// form at text[start:end] is taken only when keep(start, end) holds (nil
// keeps all), otherwise a shorter form at the same place or a form
// further on is looked for. The search layer keeps only forms whose edges
// the morphological analysis of the text cuts too.
func (g *Glossary) FindWhere(text string, keep func(start, end int) bool) []Match {
	if g.Len() == 0 || text == "" {
		return nil
	}
	ns, spans := normalizeMapped(text)
	// The forms of a table are looked up with the hashes of the prefixes
	// of ns[i:], computed once for all the lengths tried at i; a form is
	// looked up in the table only when some key may have its hash
	// (table.mayHold) and, for a form of two runes or more, some key
	// starts with the same two runes (table.mayStartWith).
	tbl := g.rootTable()
	var hbuf [64]uint64
	ph := prefixHashes{h: hbuf[:0]}
	var out []Match
	for i := 0; i < len(ns); {
		r, size := utf8.DecodeRuneInString(ns[i:])
		if !spans[i].first || (isASCIIAlnum(ns[i]) && i > 0 && isASCIIAlnum(ns[i-1])) {
			i += size
			continue
		}
		found := false
		ph.reset(ns[i:])
		checked, inTable := false, true
		for _, l := range g.lengths(r) {
			end := i + l
			if end > len(ns) || end < len(ns) && !spans[end].first {
				continue
			}
			if isASCIIAlnum(ns[end-1]) && end < len(ns) && isASCIIAlnum(ns[end]) {
				continue
			}
			var h uint64
			tableMay := true
			if tbl != nil {
				if l > size && !checked {
					_, size2 := utf8.DecodeRuneInString(ns[i+size:])
					inTable, checked = tbl.mayStartWith(ph.at(size+size2)), true
				}
				if l <= size || inTable {
					h = ph.at(l)
					tableMay = tbl.mayHold(h)
				} else {
					tableMay = false
				}
			}
			refs, ok := g.refsHashed(ns[i:end], h, tableMay)
			if !ok {
				continue
			}
			start, stop := spans[i].start, spans[end-1].end
			if keep != nil && !keep(start, stop) {
				continue
			}
			entries := g.resolve(refs, text[start:stop])
			if len(entries) == 0 {
				continue
			}
			out = append(out, Match{Start: start, End: stop, Form: text[start:stop], Entries: entries})
			i = end
			found = true
			break
		}
		if !found {
			i += size
		}
	}
	return out
}

// rootTable returns the table of g or of the glossary it is built on, if
// any.
func (g *Glossary) rootTable() *table {
	for ; g != nil; g = g.base {
		if g.table != nil {
			return g.table
		}
	}
	return nil
}

// refsHashed is refs with h = keyHash(k) (FindWhere hashes each place's
// prefixes once), and inTable false when g is built on a table that is
// known to have no key k.
func (g *Glossary) refsHashed(k string, h uint64, inTable bool) ([]ref, bool) {
	if g.table != nil {
		if !inTable {
			return nil, false
		}
		return g.table.refsHash(k, h)
	}
	own, ok := g.forms[k]
	if g.base == nil {
		return own, ok
	}
	inherited, bok := g.base.refsHashed(k, h, inTable)
	switch {
	case !bok:
		return own, ok
	case !ok:
		return inherited, true
	}
	return slices.Concat(inherited, own), true
}

// prefixHashes computes keyHash of the prefixes of a string, each from
// the one before: h[n] is keyHash(s[:n]).
type prefixHashes struct {
	s string
	h []uint64
}

func (p *prefixHashes) reset(s string) {
	p.s, p.h = s, p.h[:0]
}

func (p *prefixHashes) at(n int) uint64 {
	if len(p.h) == 0 {
		p.h = append(p.h, fnvOffset)
	}
	for k := len(p.h); k <= n; k++ {
		p.h = append(p.h, (p.h[k-1]^uint64(p.s[k-1]))*fnvPrime)
	}
	return p.h[n]
}

// span maps a byte of normalised text to the input segment it came from.
type span struct {
	start, end int  // byte offsets of the segment in the input
	first      bool // the byte is the first of its segment's output
}

// normalizeMapped normalises text as [Normalize] does and returns, for each
// byte of the result, the input segment it came from. Segments are those of
// [textnorm.KeyText] (a character, an NFKC segment, or a run of white space),
// so offsets fall on boundaries of the input.
func normalizeMapped(text string) (string, []span) {
	var t textnorm.Text
	t.Grow(len(text) + len(text)/8) // NFKC rarely grows text
	textnorm.KeyText(&t, []byte(text))
	spans := make([]span, len(t.Bytes))
	for i := range spans {
		spans[i] = span{int(t.Start[i]), int(t.End[i]), i == 0 || t.Start[i] != t.Start[i-1]}
	}
	return string(t.Bytes), spans
}
