package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/kensaku/kensaku/corpus"
)

// TestUpdateMatchesBuild updates an index (a replacement, a deletion, an
// addition, a document deleted) and compares what the index knows with a
// build of the same passages: counts, lengths, bigrams, mined glossary.
func TestUpdateMatchesBuild(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	w, err := OpenWriter(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := Build(ctx, dir, Passages(testPassages()), Options{}); err == nil {
		t.Fatal("Build ran beside an open Writer")
	}
	w.Add(corpus.Passage{ID: "b", Document: "白書", Page: 2, Kind: corpus.KindBody, Text: "北大西洋条約機構（NATO）の演習に参加した。"})
	w.Add(corpus.Passage{ID: "d", Document: "議事録", Kind: corpus.KindBody, Text: "宇宙政策委員会が開かれた。"})
	rep, err := w.Commit(ctx)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if rep.Indexed != 2 || rep.Replaced != 1 || rep.Deleted != 0 {
		t.Errorf("report: indexed %d replaced %d deleted %d, want 2 1 0", rep.Indexed, rep.Replaced, rep.Deleted)
	}
	w.DeleteDocument("報告書")
	w.Add(corpus.Passage{ID: "e", Document: "議事録", Kind: corpus.KindBody, Text: "衛星の打ち上げ（ロケット）。"})
	w.Delete("e")
	w.Add(corpus.Passage{ID: "f", Document: "議事録", Kind: corpus.KindBody, Text: "国際宇宙ステーション（ISS）に滞在した。"})
	if _, err := w.Commit(ctx); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	w.Close()
	want := []corpus.Passage{
		testPassages()[0],
		{ID: "b", Document: "白書", Page: 2, Kind: corpus.KindBody, Text: "北大西洋条約機構（NATO）の演習に参加した。"},
		{ID: "d", Document: "議事録", Kind: corpus.KindBody, Text: "宇宙政策委員会が開かれた。"},
		{ID: "f", Document: "議事録", Kind: corpus.KindBody, Text: "国際宇宙ステーション（ISS）に滞在した。"},
	}
	ref := filepath.Join(t.TempDir(), "ref")
	build(t, ref, want)
	got, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	exp, err := Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	compareIndexes(t, got, exp)
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 { // current, lock, one generation
		t.Errorf("index directory holds %v", names)
	}

	// Optimize: one segment again, the same index.
	if _, err := Optimize(ctx, dir, Options{}); err != nil {
		t.Fatalf("Optimize: %v", err)
	}
	opt, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer opt.Close()
	if opt.Bigrams.set != nil {
		t.Error("an optimized index has several bigram tables")
	}
	compareIndexes(t, opt, exp)
	if err := Check(dir); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func compareIndexes(t *testing.T, got, want *Index) {
	t.Helper()
	g, w := got.Meta, want.Meta
	if g.Passages != w.Passages || g.Documents != w.Documents || g.Bytes != w.Bytes {
		t.Errorf("meta: %d passages %d documents %d bytes, want %d %d %d", g.Passages, g.Documents, g.Bytes, w.Passages, w.Documents, w.Bytes)
	}
	for f, n := range w.Lengths {
		if g.Lengths[f] != n {
			t.Errorf("length of %s: %v, want %v", f, g.Lengths[f], n)
		}
	}
	if got.Bigrams.Passages() != want.Bigrams.Passages() || got.Bigrams.MeanLength() != want.Bigrams.MeanLength() || got.Bigrams.Len() != want.Bigrams.Len() {
		t.Errorf("bigrams: %d passages, mean %v, %d bigrams; want %d, %v, %d", got.Bigrams.Passages(), got.Bigrams.MeanLength(), got.Bigrams.Len(),
			want.Bigrams.Passages(), want.Bigrams.MeanLength(), want.Bigrams.Len())
	}
	gr, err := readerOf2(got)
	if err != nil {
		t.Fatal(err)
	}
	defer gr.Close()
	wr, err := readerOf2(want)
	if err != nil {
		t.Fatal(err)
	}
	defer wr.Close()
	ids := func(r index.IndexReader, bm *roaring.Bitmap) []string {
		var out []string
		if bm == nil {
			return nil
		}
		for it := bm.Iterator(); it.HasNext(); {
			id, err := r.ExternalID(index.NewIndexInternalID(nil, uint64(it.Next())))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	want.Bigrams.Terms(func(term string) {
		a, _ := got.Bigrams.Docs(term)
		b, _ := want.Bigrams.Docs(term)
		if ga, wb := ids(gr, a), ids(wr, b); !slices.Equal(ga, wb) {
			t.Errorf("bigram %q: %v, want %v", term, ga, wb)
		}
	})
	key := func(es []string) []string { slices.Sort(es); return es }
	var ge, we []string
	for _, e := range got.Glossary {
		ge = append(ge, entryKey(e))
	}
	for _, e := range want.Glossary {
		we = append(we, entryKey(e))
	}
	if strings.Join(key(ge), "\n") != strings.Join(key(we), "\n") {
		t.Errorf("glossary:\n%v\nwant\n%v", ge, we)
	}
	gt, _ := got.Terms(FieldTitle, "", "", nil)
	wt, _ := want.Terms(FieldTitle, "", "", nil)
	if !slices.Equal(gt, wt) {
		t.Errorf("title terms %v, want %v", gt, wt)
	}
	comparePassages(t, got, gr, want, wr)
}

// comparePassages checks that every live passage of want reads the same
// from got's passage store, by got's own document number.
func comparePassages(t *testing.T, got *Index, gr index.IndexReader, want *Index, wr index.IndexReader) {
	t.Helper()
	all, err := wr.DocIDReaderAll()
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	var wdocs, gdocs []uint64
	for {
		iid, err := all.Next()
		if err != nil {
			t.Fatal(err)
		}
		if iid == nil {
			break
		}
		id, err := wr.ExternalID(iid)
		if err != nil {
			t.Fatal(err)
		}
		giid, err := gr.InternalID(id)
		if err != nil || giid == nil {
			t.Fatalf("passage %s: not in the updated index (%v)", id, err)
		}
		wdocs = append(wdocs, iid.Value())
		gdocs = append(gdocs, giid.Value())
	}
	wps, err := want.Passages(wdocs)
	if err != nil {
		t.Fatal(err)
	}
	gps, err := got.Passages(gdocs)
	if err != nil {
		t.Fatal(err)
	}
	if got.store.Passages() != len(wps) {
		t.Errorf("passage store: %d passages, want %d", got.store.Passages(), len(wps))
	}
	for i := range wps {
		if !reflect.DeepEqual(gps[i], wps[i]) {
			t.Errorf("passage %d: %+v, want %+v", gdocs[i], gps[i], wps[i])
		}
	}
}

// TestUpdateCancelledAtEveryStage cancels an update while passages are
// indexed and before its bigram tables, and an Optimize before its merge:
// each fails with context.Canceled, the index answers as before, and
// nothing of the cancelled work is left on disk.
func TestUpdateCancelledAtEveryStage(t *testing.T) {
	var many []corpus.Passage
	for i := range 300 {
		many = append(many, corpus.Passage{ID: fmt.Sprintf("m%d", i), Document: "d", Kind: corpus.KindBody,
			Text: fmt.Sprintf("梅雨前線の第%d報。宇宙状況監視とは関係のない文章である。", i)})
	}
	for _, stage := range []string{"indexing", "bigram index", "optimize"} {
		t.Run(stage, func(t *testing.T) {
			ctx := context.Background()
			dir := filepath.Join(t.TempDir(), "ix")
			build(t, dir, testPassages())
			if stage == "optimize" {
				if _, err := Update(ctx, dir, Change{Source: Passages(many[:10])}, Options{}); err != nil {
					t.Fatal(err)
				}
			}
			before, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			wantPassages := before.Meta.Passages
			before.Close()
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			progress := func(p Progress) {
				switch {
				case stage == "indexing" && p.Passages >= 100 && p.Stage == "":
					cancel()
				case p.Stage == stage, stage == "optimize" && p.Stage == "merging":
					cancel()
				}
			}
			opts := Options{BatchSize: 10, Progress: progress}
			if stage == "optimize" {
				_, err = Optimize(ctx, dir, opts)
			} else {
				_, err = Update(ctx, dir, Change{Source: Passages(many), Delete: []string{"a"}}, opts)
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled at %s: err = %v, want context.Canceled", stage, err)
			}
			ix, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if n := count(t, ix, "宇宙状況監視"); ix.Meta.Passages != wantPassages || (stage != "optimize" && n != 1) {
				t.Errorf("after the cancelled update: %d hits in %d passages, want the old index (%d passages)", n, ix.Meta.Passages, wantPassages)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tmpPrefix) {
					t.Errorf("the cancelled update left %s", e.Name())
				}
			}
			if err := Check(dir); err != nil {
				t.Errorf("Check: %v", err)
			}
		})
	}
}

// TestUpdateMergesSegments makes many small updates: the index stays
// within about mergeAbove segments (an update merges some first), with
// NoMerge it grows by one segment an update, and both hold what a build
// of their passages holds.
func TestUpdateMergesSegments(t *testing.T) {
	ctx := context.Background()
	for _, noMerge := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "ix")
		ps := testPassages()
		build(t, dir, ps)
		for i := range 14 {
			p := corpus.Passage{ID: fmt.Sprintf("u%d", i), Document: fmt.Sprintf("d%d", i%4), Kind: corpus.KindBody,
				Text: fmt.Sprintf("第%d回の宇宙政策委員会（SPC）が開かれた。", i)}
			ch := Change{Source: Passages([]corpus.Passage{p}), NoMerge: noMerge}
			if i%5 == 4 {
				ch.Delete = []string{fmt.Sprintf("u%d", i-2)}
				ps = slices.DeleteFunc(ps, func(q corpus.Passage) bool { return q.ID == ch.Delete[0] })
			}
			if _, err := Update(ctx, dir, ch, Options{}); err != nil {
				t.Fatalf("update %d: %v", i, err)
			}
			ps = append(ps, p)
		}
		got, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := snapshotSegments(got.bix)
		if err != nil {
			t.Fatal(err)
		}
		if noMerge && len(segs) <= mergeAbove+1 || !noMerge && len(segs) > mergeAbove+1 {
			t.Errorf("NoMerge %v: %d segments after 14 updates", noMerge, len(segs))
		}
		ref := filepath.Join(t.TempDir(), "ref")
		build(t, ref, ps)
		exp, err := Open(ref)
		if err != nil {
			t.Fatal(err)
		}
		compareIndexes(t, got, exp)
		got.Close()
		exp.Close()
		if err := Check(dir); err != nil {
			t.Errorf("Check: %v", err)
		}
	}
}

func readerOf2(ix *Index) (index.IndexReader, error) {
	adv, err := ix.bix.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// TestOptimizeAfterDeletes optimizes an index whose segments both have
// deleted passages, five times over: Scorch merges each alone first, then
// the two, and the bigram table must follow every merge into the
// generation published (a merge not yet in Scorch's root file once left
// the table of a merge the index did not have).
func TestOptimizeAfterDeletes(t *testing.T) {
	ctx := context.Background()
	for range 5 {
		dir := filepath.Join(t.TempDir(), "ix")
		build(t, dir, []corpus.Passage{
			{ID: "a1", Document: "A", Kind: corpus.KindBody, Text: "宇宙状況監視（SSA）の能力を高める。"},
			{ID: "a2", Document: "A", Kind: corpus.KindBody, Text: "欧州連合との対話。"},
			{ID: "c1", Document: "C", Kind: corpus.KindBody, Text: "防衛省の資料。"},
		})
		final := []corpus.Passage{
			{ID: "a1", Document: "A", Kind: corpus.KindBody, Text: "衛星の打ち上げに成功した。"},
			{ID: "a3", Document: "A", Kind: corpus.KindBody, Text: "欧州宇宙機関と協力する。"},
		}
		src := append(slices.Clone(final), corpus.Passage{ID: "b1", Document: "B", Kind: corpus.KindBody, Text: "欧州連合の宇宙政策。"})
		if _, err := Update(ctx, dir, Change{ReplaceDocuments: true, Source: Passages(src)}, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := Update(ctx, dir, Change{DeleteDocuments: []string{"B"}}, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := Optimize(ctx, dir, Options{}); err != nil {
			t.Fatal(err)
		}
		ref := filepath.Join(t.TempDir(), "ref")
		build(t, ref, append(final, corpus.Passage{ID: "c1", Document: "C", Kind: corpus.KindBody, Text: "防衛省の資料。"}))
		got, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		exp, err := Open(ref)
		if err != nil {
			t.Fatal(err)
		}
		compareIndexes(t, got, exp)
		got.Close()
		exp.Close()
	}
}

// TestUpdateStoreSegments adds passages in small batches, which Scorch may
// write as several segments, then replaces and deletes some of them: each
// segment has its passage store, linked into the next generation, and the
// index reads every passage as a build of the same passages does.
func TestUpdateStoreSegments(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	ps := testPassages()
	build(t, dir, ps)
	var many []corpus.Passage
	for i := range 300 {
		many = append(many, corpus.Passage{ID: fmt.Sprintf("m%d", i), Document: fmt.Sprintf("文書%d", i%7), Kind: corpus.KindBody,
			Section: []string{"第1章", fmt.Sprintf("第%d節", i%3)}, Page: i + 1, PDFPage: i + 3, Source: "m.jsonl",
			Meta: map[string]any{"year": fmt.Sprint(2000 + i%5)},
			Text: fmt.Sprintf("梅雨前線の第%d報。宇宙状況監視とは関係のない文章である。", i)})
	}
	if _, err := Update(ctx, dir, Change{Source: Passages(many)}, Options{BatchSize: 10}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	gen1 := currentGen(dir)
	tables, err := readSegmentTables(gen1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d segments after the update", len(tables.Passages))
	if len(tables.Passages) != len(tables.Bigrams) {
		t.Errorf("%d passage stores for %d bigram tables", len(tables.Passages), len(tables.Bigrams))
	}
	// Links to the first update's stores, to tell whether the next
	// generation shares them.
	saved := t.TempDir()
	for _, name := range tables.Passages {
		if err := os.Link(filepath.Join(gen1, name), filepath.Join(saved, name)); err != nil {
			t.Fatal(err)
		}
	}
	// Replace one of the new passages, delete another (the update merges
	// some segments first: there are more than mergeAbove).
	many[5].Text = "宇宙政策委員会が開かれた。"
	if _, err := Update(ctx, dir, Change{Source: Passages(many[5:6]), Delete: []string{"m7", "a"}}, Options{}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	gen2 := currentGen(dir)
	t2, err := readSegmentTables(gen2)
	if err != nil {
		t.Fatal(err)
	}
	shared := 0
	for key, name := range tables.Passages {
		if t2.Passages[key] == name && sameFile(filepath.Join(gen2, name), filepath.Join(saved, name)) {
			shared++
		}
	}
	if shared == 0 || (len(tables.Passages) > mergeAbove && shared == len(tables.Passages)) {
		t.Errorf("the second update shares %d of the first's %d passage stores, want some, not all when it merges", shared, len(tables.Passages))
	}
	var want []corpus.Passage
	for _, p := range append(ps, many...) {
		if p.ID != "m7" && p.ID != "a" {
			want = append(want, p)
		}
	}
	ref := filepath.Join(t.TempDir(), "ref")
	build(t, ref, want)
	got, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	exp, err := Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	compareIndexes(t, got, exp)
	if err := Check(dir); err != nil {
		t.Errorf("Check: %v", err)
	}
	if _, err := Optimize(ctx, dir, Options{}); err != nil {
		t.Fatalf("Optimize: %v", err)
	}
	opt, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer opt.Close()
	if opt.store.set != nil {
		t.Error("an optimized index has several passage stores")
	}
	compareIndexes(t, opt, exp)
}

// TestCheckStoreNumbering gives two segments of an updated index each
// other's passage stores: Check's reading of every passage by its
// document number finds it.
func TestCheckStoreNumbering(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	build(t, dir, testPassages())
	for _, id := range []string{"x", "y"} {
		p := corpus.Passage{ID: id, Document: "議事録", Kind: corpus.KindBody, Text: "宇宙政策委員会が開かれた。"}
		if _, err := Update(context.Background(), dir, Change{Source: Passages([]corpus.Passage{p})}, Options{}); err != nil {
			t.Fatalf("Update: %v", err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := checkStoreIDs(ix); err != nil {
		t.Fatalf("sound index: %v", err)
	}
	parts := ix.store.set.parts
	if len(parts) != 3 || parts[1].size != 1 || parts[2].size != 1 {
		t.Fatalf("segments of %v passages, want the build's and two of one", parts)
	}
	parts[1].s, parts[2].s = parts[2].s, parts[1].s
	if err := checkStoreIDs(ix); !errors.Is(err, ErrDamaged) {
		t.Errorf("stores swapped: %v, want ErrDamaged", err)
	}
}
