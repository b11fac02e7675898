package search

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// TestDerivedFallbackSample prints, for English words of a vocabulary file
// (DERIVE_VOCAB, one text a line) the lexicons lack, the base words their
// derivations find lexicon entries for, for judging the rules' precision.
func TestDerivedFallbackSample(t *testing.T) {
	path := os.Getenv("DERIVE_VOCAB")
	if path == "" {
		t.Skip("DERIVE_VOCAB not set")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	eng := memoryEngine(t, []corpus.Passage{{ID: "x", Text: "x", Kind: corpus.KindBody}}, indexer.Options{}, Options{})
	pb, err := phrasebook()
	if err != nil {
		t.Fatal(err)
	}
	has := func(w string) bool { return len(pb.JapaneseOf(w)) > 0 || len(eng.japaneseOf(w)) > 0 }
	re := regexp.MustCompile(`[A-Za-z]{4,}`)
	seen := map[string]bool{}
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		for _, w := range re.FindAllString(sc.Text(), -1) {
			w = strings.ToLower(w)
			if seen[w] {
				continue
			}
			seen[w] = true
			if has(w) {
				continue
			}
			for _, d := range derivedWords(w) {
				if has(d) {
					eq := pb.JapaneseOf(d)
					eq = append(eq, eng.japaneseOf(d)...)
					var fs []string
					for _, q := range eq[:min(3, len(eq))] {
						fs = append(fs, q.Form)
					}
					lines = append(lines, fmt.Sprintf("%s\t%s\t%s", w, d, strings.Join(fs, "|")))
				}
			}
		}
	}
	slices.Sort(lines)
	rand.New(rand.NewSource(1)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	t.Logf("%d words of %d with a derived fallback", len(lines), len(seen))
	for _, l := range lines {
		fmt.Println(l)
	}
}
