package translit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Pair is an English word and a katakana spelling of it.
type Pair struct {
	English, Katakana string
}

// TrainOptions set the chunk sizes and the number of EM iterations.
type TrainOptions struct {
	MaxE, MaxK int // longest chunk: letters (≤ 5) and kana units (≤ 3)
	Iterations int
	// MinProb drops the chunk pairs less probable than this from the
	// model.
	MinProb float64
	// Calibration of Confidence (see Model.Confidence).
	CalA, CalB float64
}

// chunkPair is a chunk pair of the training data.
type chunkPair struct {
	e []byte  // letters
	k []uint8 // unit ids
}

// trainer holds the training data as chunk-pair ids along the lattice
// of each pair.
type trainer struct {
	o     TrainOptions
	units []string
	pairs []trainPair
	ids   map[string]int32 // chunk pair key → id
	cps   []chunkPair      // id → chunk pair
}

type trainPair struct {
	ne, nk int
	// edge[((i*(nk+1)+j)*(maxE+1)+a)*(maxK+1)+b] is the id of the chunk
	// pair of a letters and b units ending at letter i and unit j, or -1.
	edge []int32
}

// Train learns a model from pairs by expectation maximisation over all
// alignments of each pair into chunk pairs, starting from uniform
// probabilities. Pairs that no alignment fits (a katakana word longer
// than MaxK units per letter allows) are left out.
func Train(pairs []Pair, o TrainOptions) (*Model, error) {
	if o.MaxE < 1 || o.MaxE > limitE || o.MaxK < 1 || o.MaxK > limitK || o.Iterations < 1 {
		return nil, fmt.Errorf("translit: bad training options %+v", o)
	}
	t := &trainer{o: o, ids: map[string]int32{}}
	unitID := map[string]uint8{}
	for _, p := range pairs {
		letters := EnglishLetters(p.English)
		us := KanaUnits(p.Katakana)
		if len(letters) == 0 || len(us) == 0 {
			continue
		}
		k := make([]uint8, len(us))
		for i, u := range us {
			id, ok := unitID[u]
			if !ok {
				if len(t.units) == 255 {
					return nil, errors.New("translit: more than 255 kana units")
				}
				t.units = append(t.units, u)
				id = uint8(len(t.units))
				unitID[u] = id
			}
			k[i] = id
		}
		t.add(letters, k)
	}
	if len(t.cps) == 0 {
		return nil, errors.New("translit: no training pairs")
	}
	prob := make([]float64, len(t.cps))
	for i := range prob {
		prob[i] = 1 / float64(len(prob))
	}
	for range o.Iterations {
		prob = t.step(prob)
	}
	var buf bytes.Buffer
	if err := t.write(&buf, prob); err != nil {
		return nil, err
	}
	return Parse(&buf)
}

func (t *trainer) add(e []byte, k []uint8) {
	ne, nk := len(e), len(k)
	mE, mK := t.o.MaxE, t.o.MaxK
	tp := trainPair{ne: ne, nk: nk, edge: make([]int32, (ne+1)*(nk+1)*(mE+1)*(mK+1))}
	for i := 0; i <= ne; i++ {
		for j := 0; j <= nk; j++ {
			for a := 0; a <= mE; a++ {
				for b := 0; b <= mK; b++ {
					x := ((i*(nk+1)+j)*(mE+1)+a)*(mK+1) + b
					tp.edge[x] = -1
					if a > i || b > j || a == 0 && b == 0 || a == 0 && b > 1 || b == 0 && a > 1 {
						// An insertion (no letters) is one unit; a
						// silent chunk (no kana) is one letter.
						continue
					}
					key := string(e[i-a:i]) + "\x00" + string(k[j-b:j])
					id, ok := t.ids[key]
					if !ok {
						id = int32(len(t.cps))
						t.ids[key] = id
						t.cps = append(t.cps, chunkPair{e: e[i-a : i], k: k[j-b : j]})
					}
					tp.edge[x] = id
				}
			}
		}
	}
	t.pairs = append(t.pairs, tp)
}

// step is one EM iteration: expected counts of every chunk pair under
// prob (forward-backward), normalised.
func (t *trainer) step(prob []float64) []float64 {
	count := make([]float64, len(prob))
	mE, mK := t.o.MaxE, t.o.MaxK
	var alpha, beta []float64
	for _, tp := range t.pairs {
		ne, nk := tp.ne, tp.nk
		cells := (ne + 1) * (nk + 1)
		alpha = slices.Grow(alpha[:0], cells)[:cells]
		beta = slices.Grow(beta[:0], cells)[:cells]
		clear(alpha)
		clear(beta)
		alpha[0] = 1
		edge := func(i, j, a, b int) int32 {
			return tp.edge[((i*(nk+1)+j)*(mE+1)+a)*(mK+1)+b]
		}
		for i := 0; i <= ne; i++ {
			for j := 0; j <= nk; j++ {
				s := 0.0
				for a := 0; a <= mE && a <= i; a++ {
					for b := 0; b <= mK && b <= j; b++ {
						if id := edge(i, j, a, b); id >= 0 {
							s += alpha[(i-a)*(nk+1)+j-b] * prob[id]
						}
					}
				}
				if i > 0 || j > 0 {
					alpha[i*(nk+1)+j] = s
				}
			}
		}
		z := alpha[cells-1]
		if z == 0 {
			continue
		}
		beta[cells-1] = 1
		for i := ne; i >= 0; i-- {
			for j := nk; j >= 0; j-- {
				if i == ne && j == nk {
					continue
				}
				s := 0.0
				for a := 0; a <= mE && i+a <= ne; a++ {
					for b := 0; b <= mK && j+b <= nk; b++ {
						if id := edge(i+a, j+b, a, b); id >= 0 {
							s += prob[id] * beta[(i+a)*(nk+1)+j+b]
						}
					}
				}
				beta[i*(nk+1)+j] = s
			}
		}
		for i := 0; i <= ne; i++ {
			for j := 0; j <= nk; j++ {
				bt := beta[i*(nk+1)+j]
				if bt == 0 {
					continue
				}
				for a := 0; a <= mE && a <= i; a++ {
					for b := 0; b <= mK && b <= j; b++ {
						if id := edge(i, j, a, b); id >= 0 {
							count[id] += alpha[(i-a)*(nk+1)+j-b] * prob[id] * bt / z
						}
					}
				}
			}
		}
	}
	total := 0.0
	for _, c := range count {
		total += c
	}
	for i := range count {
		count[i] /= total
	}
	return count
}

// write writes the model in the format Parse reads, the chunk pairs
// sorted, those below MinProb left out and the rest renormalised.
func (t *trainer) write(w io.Writer, prob []float64) error {
	type line struct {
		e, k string
		p    float64
	}
	var lines []line
	kept := 0.0
	for id, p := range prob {
		if p < t.o.MinProb || p == 0 {
			continue
		}
		cp := t.cps[id]
		var k bytes.Buffer
		for _, u := range cp.k {
			k.WriteString(t.units[u-1])
		}
		lines = append(lines, line{e: eString(cp.e), k: k.String(), p: p})
		kept += p
	}
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.e, b.e), cmp.Compare(a.k, b.k))
	})
	fmt.Fprintf(w, "maxe\t%d\nmaxk\t%d\ncalibration\t%s\t%s\n", t.o.MaxE, t.o.MaxK,
		strconv.FormatFloat(t.o.CalA, 'g', 6, 64), strconv.FormatFloat(t.o.CalB, 'g', 6, 64))
	for _, l := range lines {
		e, k := l.e, l.k
		if e == "" {
			e = "_"
		}
		if k == "" {
			k = "_"
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\n", e, k, strconv.FormatFloat(l.p/kept, 'g', 4, 64)); err != nil {
			return fmt.Errorf("translit: write model: %w", err)
		}
	}
	return nil
}

// WriteTo writes m in the format Parse reads.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "maxe\t%d\nmaxk\t%d\ncalibration\t%s\t%s\n", m.maxE, m.maxK,
		strconv.FormatFloat(m.calA, 'g', 6, 64), strconv.FormatFloat(m.calB, 'g', 6, 64))
	type line struct {
		e, k string
		p    float64
	}
	var lines []line
	for ec, ks := range m.byE {
		var e []byte
		for c := ec; c > 0; c >>= 5 {
			e = append(e, byte(c&31))
		}
		for kc, p := range ks {
			var k []string
			for c := kc; c > 0; c >>= 8 {
				k = append([]string{m.units[c&0xff-1]}, k...)
			}
			lines = append(lines, line{e: eString(e), k: joinOr(k), p: p})
		}
	}
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.e, b.e), cmp.Compare(a.k, b.k))
	})
	for _, l := range lines {
		e := l.e
		if e == "" {
			e = "_"
		}
		fmt.Fprintf(&buf, "%s\t%s\t%s\n", e, l.k, strconv.FormatFloat(l.p, 'g', 4, 64))
	}
	return buf.WriteTo(w)
}

func joinOr(k []string) string {
	if len(k) == 0 {
		return "_"
	}
	var b bytes.Buffer
	for _, s := range k {
		b.WriteString(s)
	}
	return b.String()
}

// WithCalibration returns a copy of m whose Confidence uses the
// logistic parameters a and b.
func (m *Model) WithCalibration(a, b float64) *Model {
	c := *m
	c.calA, c.calB = a, b
	return &c
}
