package bench

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// palette gives each engine a fixed colour (Okabe–Ito, colour-blind safe).
var palette = []string{"#d55e00", "#0072b2", "#56b4e9", "#009e73", "#e69f00", "#cc79a7", "#000000", "#f0e442"}

const (
	chartWidth = 760
	barHeight  = 18
	labelWidth = 130
	plotWidth  = chartWidth - labelWidth - 200
)

// WriteChart draws the report as one SVG: build throughput, index size and
// peak build memory on the headline corpus, query latency (mean bar, p99 tick) on the base corpus, and build
// time against corpus size. It uses nothing but the standard library.
func WriteChart(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	var body strings.Builder
	y := 10

	colour := map[string]string{}
	for i, e := range r.Engines {
		colour[e] = palette[i%len(palette)]
	}

	// Panel 1: build throughput.
	h := r.headline()
	var names []string
	var vals []float64
	for _, e := range r.Engines {
		if m, ok := r.find(e, h); ok && m.Available && !m.Failed {
			names = append(names, e)
			vals = append(vals, m.MBPerSecond())
		}
	}
	y = barPanel(&body, y, fmt.Sprintf("Index build throughput on %s (MB of text per second, higher is better)", h), names, vals, nil, colour, "%.2f")

	// Panels 1b and 1c: index size and peak build memory.
	for _, panel := range []struct {
		title string
		value func(Measurement) float64
	}{
		{"Index size on %s (MiB on disk, lower is better)", func(m Measurement) float64 { return float64(m.IndexBytes) / (1 << 20) }},
		{"Peak memory of the build on %s (RSS MiB, lower is better)", func(m Measurement) float64 { return float64(m.PeakRSSKB) / (1 << 10) }},
	} {
		names, vals = nil, nil
		for _, e := range r.Engines {
			if m, ok := r.find(e, h); ok && m.Available && !m.Failed {
				names = append(names, e)
				vals = append(vals, panel.value(m))
			}
		}
		y = barPanel(&body, y+20, fmt.Sprintf(panel.title, h), names, vals, nil, colour, "%.1f")
	}

	// Panel 2: latency.
	names, vals = nil, nil
	var ticks []float64
	for _, e := range r.Engines {
		if m, ok := r.find(e, r.BaseCorpus); ok && m.Available && !m.Failed {
			names = append(names, e)
			vals = append(vals, float64(m.Latency.Mean)/1e6)
			p50 := float64(m.Latency.P50) / 1e6
			if m.MeanOnly {
				p50 = 0 // unknown
			}
			ticks = append(ticks, p50)
		}
	}
	y = barPanel(&body, y+20, fmt.Sprintf("Query latency on %s (ms; bar = mean, dark inner bar = p50, lower is better)", r.BaseCorpus), names, vals, ticks, colour, "%.2f")

	// Panel 3: scaling.
	if sc := r.scaleCorpora(); len(sc) > 1 {
		y = scalingPanel(&body, y+20, r, sc, colour)
	}

	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		chartWidth, y+10, chartWidth, y+10)
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	bw.WriteString(body.String())
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// barPanel draws horizontal bars, with an optional thinner inner bar for a
// second figure (inner), and returns the y below it.
func barPanel(b *strings.Builder, y int, title string, names []string, vals, inner []float64, colour map[string]string, format string) int {
	fmt.Fprintf(b, `<text x="10" y="%d" font-weight="bold">%s</text>`+"\n", y+12, html.EscapeString(title))
	y += 22
	if len(names) == 0 {
		fmt.Fprintf(b, `<text x="10" y="%d">no engine ran</text>`+"\n", y+12)
		return y + 20
	}
	top := 0.0
	for i, v := range vals {
		top = math.Max(top, v)
		if inner != nil {
			top = math.Max(top, inner[i])
		}
	}
	if top <= 0 {
		top = 1
	}
	scale := float64(plotWidth) / top
	for i, n := range names {
		by := y + i*(barHeight+6)
		wd := math.Max(vals[i]*scale, 1)
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", labelWidth-6, by+barHeight-5, html.EscapeString(n))
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`+"\n", labelWidth, by, wd, barHeight, colour[n])
		label := fmt.Sprintf(format, vals[i])
		end := wd
		if inner != nil && inner[i] > 0 {
			iw := math.Max(inner[i]*scale, 1)
			fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#333" fill-opacity="0.6"/>`+"\n", labelWidth, by+barHeight/3, iw, barHeight/3)
			label = "mean " + label + fmt.Sprintf(", p50 "+format, inner[i])
			end = math.Max(end, iw)
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%d">%s</text>`+"\n", float64(labelWidth)+end+6, by+barHeight-5, label)
	}
	return y + len(names)*(barHeight+6)
}

// scalingPanel draws build seconds against corpus MB, one line per engine.
func scalingPanel(b *strings.Builder, y int, r Report, corpora []string, colour map[string]string) int {
	fmt.Fprintf(b, `<text x="10" y="%d" font-weight="bold">Index build time by corpus size (s against MB of text, lower is better)</text>`+"\n", y+12)
	y += 22
	const ph = 220
	x0, x1 := 60.0, float64(chartWidth-170)
	y0, y1 := float64(y+ph), float64(y+10)
	type pt struct{ mb, s float64 }
	series := map[string][]pt{}
	maxMB, maxS := 0.0, 0.0
	for _, e := range r.Engines {
		for _, c := range corpora {
			m, ok := r.find(e, c)
			if !ok || !m.Available || m.Failed {
				continue
			}
			p := pt{float64(m.CorpusBytes) / 1e6, m.BuildWall.Seconds()}
			series[e] = append(series[e], p)
			maxMB, maxS = math.Max(maxMB, p.mb), math.Max(maxS, p.s)
		}
	}
	if maxMB <= 0 || maxS <= 0 {
		fmt.Fprintf(b, `<text x="10" y="%d">no engine ran</text>`+"\n", y+12)
		return y + 20
	}
	maxS = niceCeil(maxS)
	maxMB = niceCeil(maxMB)
	px := func(mb float64) float64 { return x0 + mb/maxMB*(x1-x0) }
	py := func(s float64) float64 { return y0 - s/maxS*(y0-y1) }
	fmt.Fprintf(b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", x0, y0, x1, y0)
	fmt.Fprintf(b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="#000"/>`+"\n", x0, y0, x0, y1)
	for i := 0; i <= 4; i++ {
		s := maxS * float64(i) / 4
		mb := maxMB * float64(i) / 4
		fmt.Fprintf(b, `<text x="%.0f" y="%.0f" text-anchor="end">%g</text>`+"\n", x0-4, py(s)+4, s)
		fmt.Fprintf(b, `<line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#ddd"/>`+"\n", x0, py(s), x1, py(s))
		fmt.Fprintf(b, `<text x="%.1f" y="%.0f" text-anchor="middle">%g</text>`+"\n", px(mb), y0+14, mb)
	}
	fmt.Fprintf(b, `<text x="%.0f" y="%.0f" text-anchor="middle">MB of text</text>`+"\n", (x0+x1)/2, y0+28)
	ly := y + 10
	for _, e := range r.Engines {
		ps := series[e]
		if len(ps) == 0 {
			continue
		}
		var pts []string
		for _, p := range ps {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(p.mb), py(p.s)))
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", px(p.mb), py(p.s), colour[e])
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), colour[e])
		fmt.Fprintf(b, `<rect x="%.0f" y="%d" width="12" height="12" fill="%s"/><text x="%.0f" y="%d">%s</text>`+"\n", x1+20, ly, colour[e], x1+38, ly+10, html.EscapeString(e))
		ly += 18
	}
	return int(y0) + 34
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
