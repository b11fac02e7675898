// Command breakdown prints where the bytes of an index go, as Markdown
// tables: by file, and inside each Bleve segment (in kensaku's copy of
// zap) by field and part: the term dictionary (vellum FST), the postings
// records (roaring bitmaps and their offsets), the freq/norm chunks and
// the location chunks (see indexer.SegmentBreakdown); what it cannot
// attribute it reports as "other".
//
//	go run ./bench/cmd/breakdown INDEX   (or INDEX/current, or a gen-* directory)
package main

import (
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kensaku/kensaku/indexer"
)

type part struct {
	terms, hit1                int
	dict, postings, freq, locs uint64
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: breakdown DIR (an index, or one of its generations: INDEX/current)")
		os.Exit(2)
	}
	root, err := generation(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	var total int64
	type fe struct {
		name string
		size int64
	}
	var files []fe
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, fe{rel, fi.Size()})
		total += fi.Size()
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].size > files[j].size })
	fmt.Printf("| file | bytes | MiB | share |\n|---|---:|---:|---:|\n")
	for _, f := range files {
		if f.size < 4096 {
			continue
		}
		fmt.Printf("| %s | %d | %.2f | %.1f%% |\n", f.name, f.size, float64(f.size)/(1<<20), 100*float64(f.size)/float64(total))
	}
	fmt.Printf("| total (%d files) | %d | %.2f | |\n\n", len(files), total, float64(total)/(1<<20))
	for _, f := range files {
		if !strings.HasSuffix(f.name, ".zap") {
			continue
		}
		b, err := indexer.SegmentBreakdown(filepath.Join(root, f.name))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("### %s: %d docs, version %d, chunk mode %d\n\n", f.name, b.Docs, b.Version, b.ChunkMode)
		fmt.Printf("stored fields data %d bytes, stored index %d bytes\n\n", b.Stored, b.StoredIndex)
		fmt.Printf("| field | terms | 1-hit | dictionary (FST) | postings (roaring) | freq/norm | locations | field total |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		var sum indexer.FieldBytes
		for _, p := range b.Fields {
			t := p.Total()
			fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %d (%.2f MiB) |\n", p.Field, p.Terms, p.OneHit, p.Dictionary, p.Postings, p.FreqNorm, p.Locations, t, float64(t)/(1<<20))
			sum.Terms += p.Terms
			sum.OneHit += p.OneHit
			sum.Dictionary += p.Dictionary
			sum.Postings += p.Postings
			sum.FreqNorm += p.FreqNorm
			sum.Locations += p.Locations
		}
		mib := func(x uint64) string { return fmt.Sprintf("%.2f MiB", float64(x)/(1<<20)) }
		fmt.Printf("| **all fields** | %d | %d | %s | %s | %s | %s | %s |\n\n", sum.Terms, sum.OneHit, mib(sum.Dictionary), mib(sum.Postings), mib(sum.FreqNorm), mib(sum.Locations), mib(sum.Total()))
		fmt.Printf("segment %s: stored fields %s, stored index %s, inverted sections %s, other (doc values, sections index, footer) %s\n\n",
			mib(b.Size), mib(b.Stored), mib(b.StoredIndex), mib(sum.Total()), mib(b.Other()))
	}
}

// generation resolves dir to the generation directory to measure: an
// index directory's current generation, or the symbolic link "current"
// itself (filepath.WalkDir does not follow a link it starts from).
func generation(dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "current")); err == nil {
		dir = filepath.Join(dir, "current")
	}
	gen, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("breakdown: %w", err)
	}
	return gen, nil
}
