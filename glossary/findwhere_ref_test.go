package glossary

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// refFindWhere is FindWhere as it was first written: each length tried
// at a place is hashed whole and looked up in every layer. FindWhere,
// which hashes the prefixes once and skips the table when no key starts
// with the place's two runes, must return exactly what it returns.
func refFindWhere(g *Glossary, text string, keep func(start, end int) bool) []Match {
	if g.Len() == 0 || text == "" {
		return nil
	}
	ns, spans := normalizeMapped(text)
	var out []Match
	for i := 0; i < len(ns); {
		r, size := utf8.DecodeRuneInString(ns[i:])
		if !spans[i].first || (isASCIIAlnum(ns[i]) && i > 0 && isASCIIAlnum(ns[i-1])) {
			i += size
			continue
		}
		found := false
		for _, l := range g.lengths(r) {
			end := i + l
			if end > len(ns) || end < len(ns) && !spans[end].first {
				continue
			}
			if isASCIIAlnum(ns[end-1]) && end < len(ns) && isASCIIAlnum(ns[end]) {
				continue
			}
			refs, ok := g.refs(ns[i:end])
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

// jsquadTexts returns the JSQuAD questions and the first bytes of up to n
// of its passages (bench/data/jsquad-valid).
func jsquadTexts(t testing.TB, n int) []string {
	t.Helper()
	var texts []string
	for _, file := range []string{"queries.jsonl", "passages.jsonl"} {
		f, err := os.Open(filepath.Join("..", "bench", "data", "jsquad-valid", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for k := 0; sc.Scan() && k < n; k++ {
			var x struct{ Query, Text string }
			if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
				t.Fatal(err)
			}
			s := x.Query + x.Text
			if len(s) > 600 {
				s = s[:600]
			}
			texts = append(texts, s)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return texts
}

// TestFindWhereReference compares FindWhere with refFindWhere on the
// JSQuAD questions and passages, on the lexicons' table, on a glossary
// built on it and on one built by New, with and without a condition.
func TestFindWhereReference(t *testing.T) {
	n := 5000
	if testing.Short() || raceEnabled {
		n = 300
	}
	texts := append(jsquadTexts(t, n), "ＳＳＡ多国間", "CLASSAB", "space  situational awareness", "ｳﾁｭｳ ＩＴ it",
		"NATOサイバー防衛協力センターとNATO", "\xff\xfeSSA", "e\u0301SSA\u0301", "ＨＡ／ＤＲ", "宇宙状況監視の国連人工知能")
	lex, err := Lexicons()
	if err != nil {
		t.Fatal(err)
	}
	own := testGlossary().Entries()
	for _, gc := range []struct {
		name string
		g    *Glossary
	}{
		{"lexicons", lex},
		{"on lexicons", NewOn(lex, own)},
		{"new", testGlossary()},
	} {
		matches := 0
		for _, keep := range []func(start, end int) bool{nil, func(start, end int) bool { return (start+end)%3 != 0 }} {
			for _, text := range texts {
				got, want := gc.g.FindWhere(text, keep), refFindWhere(gc.g, text, keep)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s: FindWhere(%q) = %+v, reference %+v", gc.name, text, got, want)
				}
				matches += len(got)
			}
		}
		if matches == 0 {
			t.Errorf("%s: %d matches in %d texts: the comparison checks little", gc.name, matches, len(texts))
		}
		t.Logf("%s: %d matches", gc.name, matches)
	}
}

// BenchmarkFindWhere finds the lexicons' forms in the JSQuAD questions,
// one question an op.
func BenchmarkFindWhere(b *testing.B) {
	lex, err := Lexicons()
	if err != nil {
		b.Fatal(err)
	}
	texts := jsquadTexts(b, 5000)[:4442]
	lex.FindWhere(texts[0], nil)
	i := 0
	for b.Loop() {
		lex.FindWhere(texts[i%len(texts)], nil)
		i++
	}
}
