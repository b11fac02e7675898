//go:build unix

package search

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
)

// BenchmarkLiving measures, in one run, what updating an index costs
// beside building it: on the JSQuAD passages scaled to $KENSAKU_BENCH_MB
// megabytes (12 by default), a full build; an update adding 1% new
// passages (wall and CPU time, and their ratio to the build's); search
// latency over the JSQuAD questions on the index after 100 small updates
// (10 passages each, half of them replacements) without merging and with
// the merges updates make by default, after Optimize, and on a fresh build
// of the same passages. It runs once, whatever b.N:
//
//	KENSAKU_BENCH_MB=48 go test ./search -run '^$' -bench Living -benchtime 1x
func BenchmarkLiving(b *testing.B) {
	base := benchJSQuAD(b)
	mb, ps := scaledPassages(b, base)
	// New passages: copies of existing ones under new ids and in new
	// documents, their sentences rotated once more.
	fresh := func(i int, tag string) corpus.Passage {
		p := ps[(i*7919)%len(ps)]
		p.ID = fmt.Sprintf("%s-%s%d", p.ID, tag, i)
		p.Document = fmt.Sprintf("%s %s%d", p.Document, tag, i/20)
		p.Title = p.Document
		p.Text = rotateOnce(p.Text)
		return p
	}
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "ix")
	timed := func(f func() error) (wall, cpu time.Duration) {
		b.Helper()
		c0, t0 := cpuTime(), time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0), cpuTime() - c0
	}
	buildWall, buildCPU := timed(func() error {
		_, err := indexer.Build(ctx, dir, indexer.Passages(ps), indexer.Options{})
		return err
	})
	size, store := generationSize(b, dir)
	b.Logf("built generation: %.1f MB, of which the passage store %.1f MB", float64(size)/1e6, float64(store)/1e6)
	b.ReportMetric(float64(size)/1e6, "index-MB")
	b.ReportMetric(float64(store)/1e6, "store-MB")
	var add []corpus.Passage
	for i := range len(ps) / 100 {
		add = append(add, fresh(i, "new"))
	}
	addWall, addCPU := timed(func() error {
		_, err := indexer.Update(ctx, dir, indexer.Change{Source: indexer.Passages(add)}, indexer.Options{})
		return err
	})
	b.Logf("%d MB, %d passages: build %.1f s (%.1f CPU s); adding %d passages (1%%) %.2f s (%.2f CPU s): %.1f%% of the build's time, %.1f%% of its CPU time",
		mb, len(ps), buildWall.Seconds(), buildCPU.Seconds(), len(add), addWall.Seconds(), addCPU.Seconds(),
		100*addWall.Seconds()/buildWall.Seconds(), 100*addCPU.Seconds()/buildCPU.Seconds())
	size, store = generationSize(b, dir)
	b.Logf("after the update: %.1f MB, of which the passage stores %.1f MB", float64(size)/1e6, float64(store)/1e6)
	b.ReportMetric(buildWall.Seconds(), "build-s")
	b.ReportMetric(addWall.Seconds(), "add1pct-s")
	b.ReportMetric(100*addWall.Seconds()/buildWall.Seconds(), "add1pct-%build")
	b.ReportMetric(100*addCPU.Seconds()/buildCPU.Seconds(), "add1pct-%buildcpu")

	updWall := map[string]time.Duration{}
	live := map[string]corpus.Passage{}
	var order []string
	for _, p := range append(ps, add...) {
		live[p.ID] = p
		order = append(order, p.ID)
	}
	// The same 100 small updates on two copies of the index: one merging
	// as updates do by default, one never (Change.NoMerge).
	merged := filepath.Join(b.TempDir(), "merged")
	if err := os.CopyFS(merged, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	for u := range 100 {
		var batch []corpus.Passage
		for i := range 5 {
			p := fresh(u*5+i, "upd")
			batch = append(batch, p)
			live[p.ID] = p
			order = append(order, p.ID)
			r := live[order[(u*131+i*17)%len(ps)]]
			r.Text = rotateOnce(r.Text)
			batch = append(batch, r)
			live[r.ID] = r
		}
		for _, d := range []string{dir, merged} {
			w, _ := timed(func() error {
				_, err := indexer.Update(ctx, d, indexer.Change{Source: indexer.Passages(batch), NoMerge: d == dir}, indexer.Options{})
				return err
			})
			updWall[d] += w
		}
	}
	b.Logf("100 updates of 10 passages: %.2f s each without merging, %.2f s merging", updWall[dir].Seconds()/100, updWall[merged].Seconds()/100)

	queries := base.Queries
	if len(queries) > 300 {
		queries = queries[:300]
	}
	// The totals of every question, by index: all hold the same passages.
	totals := map[string][]uint64{}
	latency := func(name, dir string) {
		b.Helper()
		eng, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer eng.Close()
		for _, q := range queries[:50] { // warm up
			eng.Search(ctx, Request{Query: q.Text, Size: 10})
		}
		wall, cpu := timed(func() error {
			for _, q := range queries {
				if _, err := eng.Search(ctx, Request{Query: q.Text, Size: 10}); err != nil {
					return err
				}
			}
			return nil
		})
		for _, q := range queries {
			res, err := eng.Search(ctx, Request{Query: q.Text, Size: 10, NoHighlight: true})
			if err != nil {
				b.Fatal(err)
			}
			totals[name] = append(totals[name], res.Total)
		}
		if !slices.Equal(totals[name], totals["updated"]) {
			b.Errorf("%s: the totals differ from those of the updated index", name)
		}
		n := float64(len(queries))
		b.Logf("%s: %.2f ms a question (%.2f CPU ms)", name, wall.Seconds()*1e3/n, cpu.Seconds()*1e3/n)
		b.ReportMetric(wall.Seconds()*1e3/n, name+"-ms/q")
	}
	latency("updated", dir)
	latency("updated-merging", merged)
	optWall, _ := timed(func() error {
		_, err := indexer.Optimize(ctx, dir, indexer.Options{})
		return err
	})
	b.Logf("optimize: %.1f s", optWall.Seconds())
	latency("optimized", dir)
	fresh2 := filepath.Join(b.TempDir(), "fresh")
	var all []corpus.Passage
	seen := map[string]bool{}
	for _, id := range order {
		if !seen[id] {
			seen[id] = true
			all = append(all, live[id])
		}
	}
	if _, err := indexer.Build(ctx, fresh2, indexer.Passages(all), indexer.Options{}); err != nil {
		b.Fatal(err)
	}
	latency("fresh", fresh2)
	latency("optimized-again", dir) // the first engine again: how much the machine's load moves the figures
}

// rotateOnce moves the first sentence of s to its end.
func rotateOnce(s string) string {
	for i, r := range s {
		if r == '。' && i+len("。") < len(s) {
			return s[i+len("。"):] + s[:i+len("。")]
		}
	}
	return s
}

// generationSize returns the bytes of the current generation of the index
// at dir and those of its passage stores.
func generationSize(b *testing.B, dir string) (total, stores int64) {
	b.Helper()
	gen, err := filepath.EvalSymlinks(filepath.Join(dir, "current"))
	if err != nil {
		b.Fatal(err)
	}
	err = filepath.WalkDir(gen, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		if name := d.Name(); strings.HasPrefix(name, "passages") && strings.HasSuffix(name, ".bin") {
			stores += fi.Size()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return total, stores
}
