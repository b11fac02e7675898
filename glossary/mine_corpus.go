package glossary

import (
	"strings"
)

// genericPartners is the number of unrelated terms a Japanese form must be
// offered for, across the mined entries of a corpus, to be taken for a
// generic word (a category: 変数, 関数, コマンド, 国際会議, ミッション) rather
// than the name of one thing.
const genericPartners = 3

// markGeneric marks Untrusted the mined entries (source corpus) whose
// Japanese form the corpus offers for genericPartners unrelated terms or
// more: foo (変数), bar (変数) and baz (変数) define nothing, and merged they
// would make foo, bar and baz equivalents. Terms are related when one
// entry gives both (PCT, Parti Congolais du Travail), when one holds the
// other or they share a word (priority, priorities; Recommend,
// Recommends), or when one is the other's acronym. Other entries are
// returned as they are; entries is not modified.
func markGeneric(entries []Entry) []Entry {
	// The mined entries that pair a Japanese form with a term, by the
	// form's key.
	byJapanese := map[string][]int{}
	for i, e := range entries {
		if SourceKind(e.Source) != SourceCorpus || e.Untrusted || e.Acronym == "" && len(e.English) == 0 {
			continue
		}
		for _, j := range e.Japanese {
			k := Normalize(j)
			if k == "" {
				continue
			}
			if l := byJapanese[k]; len(l) == 0 || l[len(l)-1] != i {
				byJapanese[k] = append(l, i)
			}
		}
	}
	var out []Entry
	for _, idx := range byJapanese {
		if len(idx) < genericPartners || unrelatedTerms(entries, idx) < genericPartners {
			continue
		}
		if out == nil {
			out = make([]Entry, len(entries))
			copy(out, entries)
		}
		for _, i := range idx {
			out[i].Untrusted = true
		}
	}
	if out == nil {
		return entries
	}
	return out
}

// unrelatedTerms counts the groups of related terms (acronyms and English
// forms) that the entries idx of entries give.
func unrelatedTerms(entries []Entry, idx []int) int {
	terms := make([][]string, len(idx))
	for n, i := range idx {
		e := entries[i]
		if e.Acronym != "" {
			terms[n] = append(terms[n], e.Acronym)
		}
		terms[n] = append(terms[n], e.English...)
	}
	u := newUnionFind(len(idx))
	groups := len(idx)
	for a := range idx {
		for b := a + 1; b < len(idx); b++ {
			if u.find(a) == u.find(b) || !relatedTermSets(terms[a], terms[b]) {
				continue
			}
			u.union(b, a)
			groups--
		}
	}
	return groups
}

func relatedTermSets(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if relatedTerms(x, y) {
				return true
			}
		}
	}
	return false
}

// relatedTerms reports whether two Latin terms may name one thing: equal
// or one holding the other under Normalize, sharing a word of four
// letters or more up to an ending of three letters at most (priority,
// priorities), or one the other's
// acronym.
func relatedTerms(x, y string) bool {
	kx, ky := Normalize(x), Normalize(y)
	if kx == "" || ky == "" {
		return false
	}
	if strings.Contains(kx, ky) || strings.Contains(ky, kx) {
		return true
	}
	if _, ok := MatchLetters(x, y); ok && IsAcronym(x) {
		return true
	}
	if _, ok := MatchLetters(y, x); ok && IsAcronym(y) {
		return true
	}
	for _, wx := range strings.Fields(kx) {
		for _, wy := range strings.Fields(ky) {
			if len(wx) >= 4 && len(wy) >= 4 && commonPrefix(wx, wy) >= max(4, min(len(wx), len(wy))-3) {
				return true
			}
		}
	}
	return false
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
