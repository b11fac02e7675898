// Command breakdown prints where the bytes of an index go, as Markdown
// tables: by file, and inside each Bleve (zap v17) segment by field and
// part: the term dictionary (vellum FST), the postings records (roaring
// bitmaps and their offsets), the freq/norm chunks and the location
// chunks. It reads the segment through zapx's exported Data and DictAddr
// and follows each term's postings record, so it knows the layout zapx
// v17 writes (per term: freq/norm chunks, location chunks, then the
// record); what it cannot attribute it reports as "other".
//
//	go run ./bench/cmd/breakdown INDEX/current
package main

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blevesearch/vellum"
	zap "github.com/blevesearch/zapx/v17"
)

type part struct {
	terms, hit1                int
	dict, postings, freq, locs uint64
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: breakdown DIR (an index generation, for example INDEX/current)")
		os.Exit(2)
	}
	root := os.Args[1]
	var total int64
	type fe struct {
		name string
		size int64
	}
	var files []fe
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
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
		seg, err := (&zap.ZapPlugin{}).Open(filepath.Join(root, f.name))
		if err != nil {
			log.Fatalf("%s: %v", f.name, err)
		}
		s := seg.(*zap.Segment)
		data := s.Data()
		fmt.Printf("### %s: %d docs, version %d, chunk mode %d\n\n", f.name, s.NumDocs(), s.Version(), s.ChunkMode())
		stored := s.StoredIndexOffset()
		fmt.Printf("stored fields data %d bytes, stored index %d bytes\n\n", stored, 8*s.NumDocs())
		fmt.Printf("| field | terms | 1-hit | dictionary (FST) | postings (roaring) | freq/norm | locations | field total |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		var sum part
		var accounted uint64
		for _, field := range s.Fields() {
			addr, err := s.DictAddr(field)
			if err != nil {
				continue
			}
			var p part
			vl, n := binary.Uvarint(data[addr:])
			p.dict = vl + uint64(n)
			fst, err := vellum.Load(data[addr+uint64(n) : addr+uint64(n)+vl])
			if err != nil {
				log.Fatalf("%s: field %s: %v", f.name, field, err)
			}
			it, err := fst.Iterator(nil, nil)
			for err == nil {
				_, v := it.Current()
				p.terms++
				if v&zap.FSTValEncodingMask == zap.FSTValEncoding1Hit {
					p.hit1++
				} else {
					tf, k1 := binary.Uvarint(data[v:])
					loc, k2 := binary.Uvarint(data[v+uint64(k1):])
					rl, k3 := binary.Uvarint(data[v+uint64(k1+k2):])
					p.postings += uint64(k1+k2+k3) + rl
					const none = 0 // termNotEncoded
					switch {
					case tf != none && loc != none:
						p.freq += loc - tf
						p.locs += v - loc
					case tf != none:
						p.freq += v - tf
					case loc != none:
						p.locs += v - loc
					}
				}
				err = it.Next()
			}
			if err != vellum.ErrIteratorDone {
				log.Fatalf("%s: field %s: %v", f.name, field, err)
			}
			t := p.dict + p.postings + p.freq + p.locs
			accounted += t
			fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %d (%.2f MiB) |\n", field, p.terms, p.hit1, p.dict, p.postings, p.freq, p.locs, t, float64(t)/(1<<20))
			sum.terms += p.terms
			sum.hit1 += p.hit1
			sum.dict += p.dict
			sum.postings += p.postings
			sum.freq += p.freq
			sum.locs += p.locs
		}
		mib := func(x uint64) string { return fmt.Sprintf("%.2f MiB", float64(x)/(1<<20)) }
		fmt.Printf("| **all fields** | %d | %d | %s | %s | %s | %s | %s |\n\n", sum.terms, sum.hit1, mib(sum.dict), mib(sum.postings), mib(sum.freq), mib(sum.locs), mib(accounted))
		rest := uint64(len(data)) - accounted - stored - 8*s.NumDocs()
		fmt.Printf("segment %s: stored fields %s, stored index %s, inverted sections %s, other (doc values, sections index, footer) %s\n\n",
			mib(uint64(len(data))), mib(stored), mib(8*s.NumDocs()), mib(accounted), mib(rest))
		seg.Close()
	}
}
