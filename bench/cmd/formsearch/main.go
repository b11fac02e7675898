// Command formsearch lists the passages of the bilingual-real corpus that
// hold a form of a concept, for judging relevance by hand (see
// bench/data/bilingual-real/README.md). Every passage holding one of the
// forms is printed with the text around each occurrence and marked when it
// holds the query itself (text or title), so that the judge reads each one.
// It knows nothing of kensaku's dictionaries: matching is literal, after
// NFKC and lower-casing, ASCII forms as whole words.
//
//	go run ./bench/cmd/formsearch -query "public key" -forms 公開鍵,公開キー
//	go run ./bench/cmd/formsearch -check bench/data/bilingual-real/blind3-queries.jsonl
//
// With -check it reads a queries file and reports, per query, relevant
// passages that hold the query or none of the forms (errors), and passages
// that hold a form but not the query and are not judged relevant (left out
// on reading, to be confirmed).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type passage struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type query struct {
	ID       string   `json:"id"`
	Query    string   `json:"query"`
	Family   string   `json:"family"`
	Forms    []string `json:"forms"`
	Relevant []string `json:"relevant"`
}

func main() {
	corpora := flag.String("corpus", "bench/data/jsquad-valid/passages.jsonl,bench/data/bilingual-real/debian.jsonl", "passage files (comma-separated JSONL)")
	q := flag.String("query", "", "the query as typed")
	forms := flag.String("forms", "", "the other forms of the concept (comma-separated)")
	check := flag.String("check", "", "queries file to check against the corpus")
	width := flag.Int("width", 40, "characters shown either side of an occurrence")
	flag.Parse()

	var ps []passage
	for _, path := range strings.Split(*corpora, ",") {
		got, err := readPassages(path)
		if err != nil {
			log.Fatal(err)
		}
		ps = append(ps, got...)
	}
	if *check != "" {
		if err := checkQueries(*check, ps); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *forms == "" {
		log.Fatal("-forms or -check is required")
	}
	list(os.Stdout, ps, *q, strings.Split(*forms, ","), *width)
}

func readPassages(path string) ([]passage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read passages: %w", err)
	}
	defer f.Close()
	var out []passage
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var p passage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// fold is the comparison form: NFKC, lower case.
func fold(s string) string { return strings.ToLower(norm.NFKC.String(s)) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// find returns the byte offsets in folded text where the folded form
// occurs; an ASCII form must not touch an ASCII letter or digit on either
// side.
func find(text, form string) []int {
	form = fold(form)
	if form == "" {
		return nil
	}
	var out []int
	for start := 0; ; {
		i := strings.Index(text[start:], form)
		if i < 0 {
			return out
		}
		i += start
		start = i + len(form)
		if isASCII(form) {
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			after, _ := utf8.DecodeRuneInString(text[i+len(form):])
			if isWordRune(before) || isWordRune(after) {
				continue
			}
		}
		out = append(out, i)
	}
}

// holds reports whether the passage's text or title holds s.
func holds(p passage, s string) bool {
	return len(find(fold(p.Text), s)) > 0 || len(find(fold(p.Title), s)) > 0
}

func holdsAny(p passage, forms []string) bool {
	for _, f := range forms {
		if holds(p, f) {
			return true
		}
	}
	return false
}

func list(w *os.File, ps []passage, q string, forms []string, width int) {
	n := 0
	for _, p := range ps {
		if !holdsAny(p, forms) {
			continue
		}
		n++
		mark := "  "
		if q != "" && holds(p, q) {
			mark = "Q "
		}
		fmt.Fprintf(w, "%s%s [%s]\n", mark, p.ID, p.Title)
		text := []rune(fold(p.Text))
		folded := string(text)
		for _, f := range forms {
			for _, i := range find(folded, f) {
				r := utf8.RuneCountInString(folded[:i])
				lo, hi := max(0, r-width), min(len(text), r+utf8.RuneCountInString(fold(f))+width)
				fmt.Fprintf(w, "    …%s…\n", strings.ReplaceAll(string(text[lo:hi]), "\n", " "))
			}
		}
	}
	fmt.Fprintf(w, "%d passages hold a form (Q: also the query)\n", n)
}

func checkQueries(path string, ps []passage) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read queries: %w", err)
	}
	defer f.Close()
	byID := map[string]passage{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	sc := bufio.NewScanner(f)
	bad := 0
	for sc.Scan() {
		var q query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		for _, id := range q.Relevant {
			p, ok := byID[id]
			switch {
			case !ok:
				fmt.Printf("ERROR %s: %s is no passage\n", q.ID, id)
				bad++
			case holds(p, q.Query):
				fmt.Printf("ERROR %s: %s holds the query %q\n", q.ID, id, q.Query)
				bad++
			case !holdsAny(p, q.Forms):
				fmt.Printf("ERROR %s: %s holds none of %q\n", q.ID, id, q.Forms)
				bad++
			}
		}
		var literal, left []string
		for _, p := range ps {
			if !holdsAny(p, q.Forms) {
				continue
			}
			switch {
			case holds(p, q.Query):
				literal = append(literal, p.ID)
			case !slices.Contains(q.Relevant, p.ID):
				left = append(left, p.ID)
			}
		}
		fmt.Printf("%s %q: %d relevant, %d with the query too, left out on reading: %v\n", q.ID, q.Query, len(q.Relevant), len(literal), left)
	}
	if bad > 0 {
		return fmt.Errorf("%s: %d errors", path, bad)
	}
	return sc.Err()
}
