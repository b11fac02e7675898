// Command gen-translit learns kensaku's English ↔ katakana
// transliteration model from JMdict/EDICT.
//
// It reads the EDICT file of the Debian package "edict" (EUC-JP), takes
// the pairs of a katakana headword and an English gloss that spells it
// (スターリンク /(n) Starlink/; see pairsOfLine for the rules), keeps
// those whose letters roughly agree with the romanised katakana (a crude
// filter that owes nothing to the model), and splits them by a hash of
// the English word: 80% to train, 10% to calibrate (dev), 10% held out
// (test). It trains the model with EM (translit.Train) on the training
// pairs, drops the 5% of them the first model explains worst (glosses
// that translate rather than transliterate) and trains again. It fits
// Confidence on the dev pairs against the best wrong words of a
// vocabulary of EDICT katakana headwords, and writes the model, the
// held-out pairs and 10,000 distractor words for the tests.
//
// Run it from glossary with "go generate" (apt-get install edict first):
//
//	go run ./internal/gen-translit -o data/translit.tsv -testdata translit/testdata
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"github.com/kensaku/kensaku/glossary/translit"
)

// Training settings; see the package comment of glossary/translit.
// Chunks of up to 3 letters and 2 kana units generalise better than
// longer ones, which learn whole short words (cut:カット) rather than
// their parts: on the dev words, at confidence 0.5, maxe 3 / maxk 2 gave
// precision 0.958 and recall 0.904; an earlier maxe 4 / maxk 3 model
// (3 iterations, silent chunks of up to 4 letters) 0.899 and 0.815.
var opts = translit.TrainOptions{MaxE: 3, MaxK: 2, Iterations: 8, MinProb: 1e-6}

const (
	// calibrationFloor is the log probability per letter below which the
	// wrong words of the calibration are not told apart.
	calibrationFloor = -3.0
	distractors      = 10000
	dropWorst        = 0.05
)

func main() {
	in := flag.String("in", "/usr/share/edict/edict", "EDICT `file` (EUC-JP) from the Debian package edict")
	out := flag.String("o", "translit.tsv", "output model `file`")
	testdata := flag.String("testdata", "", "`directory` for the held-out pairs and distractors (none if empty)")
	flag.IntVar(&opts.MaxE, "maxe", opts.MaxE, "longest English chunk (letters)")
	flag.IntVar(&opts.MaxK, "maxk", opts.MaxK, "longest katakana chunk (units)")
	flag.IntVar(&opts.Iterations, "iter", opts.Iterations, "EM iterations")
	flag.Parse()
	if err := run(*in, *out, *testdata); err != nil {
		log.Fatalf("gen-translit: %v", err)
	}
}

func run(in, out, testdata string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("open %s (apt-get install edict): %w", in, err)
	}
	defer f.Close()
	var all []translit.Pair
	var heads []string // every katakana headword, for distractors
	sc := bufio.NewScanner(transform.NewReader(f, japanese.EUCJP.NewDecoder()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		all = append(all, pairsOfLine(line)...)
		if h, _, ok := strings.Cut(line, " "); ok {
			for _, w := range strings.Split(h, ";") {
				w = parenRE.ReplaceAllString(w, "")
				if translit.IsKatakanaWord(w) {
					heads = append(heads, normKana(w))
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	train, dev, test := split(all)
	log.Printf("gen-translit: %d pairs read; kept train %d, dev %d, test %d", len(all), len(train), len(dev), len(test))

	m, err := translit.Train(train, opts)
	if err != nil {
		return err
	}
	train = dropWorstPairs(m, train)
	if m, err = translit.Train(train, opts); err != nil {
		return err
	}
	if testdata != "" {
		if err := writePairs(filepath.Join(testdata, "heldout.tsv"), test); err != nil {
			return err
		}
		if err := writeLines(filepath.Join(testdata, "distractors.txt"),
			"# Katakana headwords of JMdict/EDICT (CC BY-SA 4.0, see EDICT-LICENSE.md), none a spelling of a held-out word.",
			distractorWords(heads, test)); err != nil {
			return err
		}
	}
	a, b := calibrate(m, dev, distractorWords(heads, append(slices.Clone(dev), test...)))
	m = m.WithCalibration(a, b)
	log.Printf("gen-translit: calibration a=%.3f b=%.3f", a, b)

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# English ↔ katakana transliteration model learned from JMdict/EDICT (EDICT file of the Debian\n")
	fmt.Fprintf(&buf, "# package edict) by glossary/internal/gen-translit; do not edit. Licence: CC BY-SA 4.0, see\n")
	fmt.Fprintf(&buf, "# TRANSLIT-LICENSE.md. Trained on %d pairs: maxe %d, maxk %d, %d EM iterations.\n",
		len(train), opts.MaxE, opts.MaxK, opts.Iterations)
	if _, err := m.WriteTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	log.Printf("gen-translit: %d bytes → %s", buf.Len(), out)
	evaluate(m, dev, distractorWords(heads, append(slices.Clone(dev), test...)))
	return nil
}

// evaluate logs, for the dev words, how often the best word of a
// vocabulary of the dev spellings and the distractors is accepted
// (confidence ≥ 0.5) and right: the figures to choose settings by (the
// tests measure the held-out test words).
func evaluate(m *translit.Model, dev []translit.Pair, distractors []string) {
	words, spellings := byEnglish(dev)
	vocab := slices.Clone(distractors)
	for _, p := range dev {
		vocab = append(vocab, p.Katakana)
	}
	v := m.NewVocabulary(vocab)
	accepted, right := 0, 0
	for _, w := range words {
		for _, c := range v.Match(w, 1, m.MinLogProb(0.5, len(translit.EnglishLetters(w)))) {
			accepted++
			if slices.Contains(spellings[w], c.Katakana) {
				right++
			}
		}
	}
	log.Printf("gen-translit: dev: %d words, %d candidates: at confidence 0.5 precision %.3f recall %.3f",
		len(words), v.Len(), float64(right)/float64(accepted), float64(right)/float64(len(words)))
}

// normKana is the katakana word as the model reads it.
func normKana(k string) string { return strings.Join(translit.KanaUnits(k), "") }

func hash(s string) uint32 {
	h := fnv.New32a()
	io.WriteString(h, s)
	return h.Sum32()
}

// split filters and deduplicates the pairs and splits them by the hash of
// their English word, so that every spelling of one word falls in one part.
func split(all []translit.Pair) (train, dev, test []translit.Pair) {
	seen := map[translit.Pair]bool{}
	for _, p := range all {
		p = translit.Pair{English: strings.ToLower(strings.Join(strings.Fields(p.English), " ")), Katakana: normKana(p.Katakana)}
		if p.Katakana == "" || seen[p] || !similar(p.English, p.Katakana) {
			continue
		}
		seen[p] = true
		switch hash(p.English) % 10 {
		case 0:
			test = append(test, p)
		case 1:
			dev = append(dev, p)
		default:
			train = append(train, p)
		}
	}
	return train, dev, test
}

// perLetter is a pair's log probability per English letter.
func perLetter(m *translit.Model, p translit.Pair) float64 {
	n := len(translit.EnglishLetters(p.English))
	return m.Score(p.English, p.Katakana) / float64(n)
}

func dropWorstPairs(m *translit.Model, pairs []translit.Pair) []translit.Pair {
	type scored struct {
		p translit.Pair
		s float64
	}
	ss := make([]scored, len(pairs))
	for i, p := range pairs {
		ss[i] = scored{p, perLetter(m, p)}
	}
	slices.SortStableFunc(ss, func(a, b scored) int { return cmp.Compare(b.s, a.s) })
	keep := ss[:len(ss)-int(dropWorst*float64(len(ss)))]
	log.Printf("gen-translit: dropped %d training pairs below %.2f per letter, e.g. %v", len(ss)-len(keep), keep[len(keep)-1].s, ss[len(ss)-1].p)
	out := make([]translit.Pair, len(keep))
	for i, s := range keep {
		out[i] = s.p
	}
	return out
}

// distractorWords returns up to 10,000 katakana headwords, chosen by hash,
// that are no spelling of the English words of pairs.
func distractorWords(heads []string, pairs []translit.Pair) []string {
	english := map[string]bool{}
	for _, p := range pairs {
		english[p.English] = true
	}
	spelling := map[string]bool{}
	for _, p := range pairs {
		spelling[p.Katakana] = true
	}
	seen := map[string]bool{}
	var out []string
	for _, h := range heads {
		if h == "" || seen[h] || spelling[h] {
			continue
		}
		seen[h] = true
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(hash(a), hash(b)), cmp.Compare(a, b)) })
	if len(out) > distractors {
		out = out[:distractors]
	}
	slices.Sort(out)
	return out
}

// byEnglish groups the spellings of each English word.
func byEnglish(pairs []translit.Pair) (words []string, spellings map[string][]string) {
	spellings = map[string][]string{}
	for _, p := range pairs {
		if spellings[p.English] == nil {
			words = append(words, p.English)
		}
		spellings[p.English] = append(spellings[p.English], p.Katakana)
	}
	return words, spellings
}

// calibrate fits Confidence = 1/(1+exp(-(a·x+b))), x the log probability
// per letter, by logistic regression: positives are the dev pairs,
// negatives the best-scoring distractor of each dev word.
func calibrate(m *translit.Model, dev []translit.Pair, vocab []string) (a, b float64) {
	words, _ := byEnglish(dev)
	v := m.NewVocabulary(vocab)
	var xs, ys []float64
	for _, p := range dev {
		if s := perLetter(m, p); !math.IsInf(s, -1) {
			xs, ys = append(xs, s), append(ys, 1)
		}
	}
	// The best wrong word of each dev word; Match skips the words below
	// calibrationFloor per letter, and a dev word with none above it
	// counts as a negative at the floor.
	for _, w := range words {
		n := float64(len(translit.EnglishLetters(w)))
		x := calibrationFloor
		for _, c := range v.Match(w, 1, calibrationFloor*n) {
			x = c.LogProb / n
		}
		xs, ys = append(xs, x), append(ys, 0)
	}
	// Newton's method on the log-likelihood.
	for range 50 {
		var g0, g1, h00, h01, h11 float64
		for i, x := range xs {
			p := 1 / (1 + math.Exp(-(a*x + b)))
			g0 += (ys[i] - p) * x
			g1 += ys[i] - p
			w := p * (1 - p)
			h00 += w * x * x
			h01 += w * x
			h11 += w
		}
		det := h00*h11 - h01*h01
		if det == 0 {
			break
		}
		a += (h11*g0 - h01*g1) / det
		b += (h00*g1 - h01*g0) / det
	}
	return a, b
}

func writePairs(path string, pairs []translit.Pair) error {
	lines := make([]string, len(pairs))
	for i, p := range pairs {
		lines[i] = p.English + "\t" + p.Katakana
	}
	return writeLines(path, "# Held-out English ↔ katakana pairs of JMdict/EDICT (CC BY-SA 4.0, see EDICT-LICENSE.md), not trained on.", lines)
}

func writeLines(path, header string, lines []string) error {
	var buf bytes.Buffer
	buf.WriteString(header + "\n")
	for _, l := range lines {
		buf.WriteString(l + "\n")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
