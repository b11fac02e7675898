package indexer

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// FileSum records one file of a generation: its size and CRC-32C
// (Castagnoli, hardware-accelerated on amd64 and arm64). Meta.Files holds
// one for every file of a generation but the meta file itself, as
// Lucene's codec footers and SQLite's integrity_check guard theirs.
type FileSum struct {
	Size   int64  `json:"size"`
	CRC32C string `json:"crc32c"` // 8 hex digits
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sumFiles returns the FileSum of every regular file under genDir but the
// meta file, by slash-separated path relative to genDir.
func sumFiles(genDir string) (map[string]FileSum, error) {
	sums := map[string]FileSum{}
	err := filepath.WalkDir(genDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(genDir, path)
		if err != nil || rel == metaFile {
			return err
		}
		s, err := sumFile(path)
		if err != nil {
			return err
		}
		sums[filepath.ToSlash(rel)] = s
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("checksums: %w", err)
	}
	return sums, nil
}

func sumFile(path string) (FileSum, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileSum{}, err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	if err != nil {
		return FileSum{}, err
	}
	return FileSum{Size: n, CRC32C: fmt.Sprintf("%08x", h.Sum32())}, nil
}

// Check levels of verifyFiles.
type checkLevel int

const (
	checkSizes checkLevel = iota // every file is there, with its size
	checkFull                    // and its checksum
)

// verifyFiles checks the files of genDir against want. A file missing,
// of another size or (at checkFull) another checksum, or a file that want
// does not list, makes the generation damaged; the error names every
// file found wrong.
func verifyFiles(genDir string, want map[string]FileSum, level checkLevel) error {
	if len(want) == 0 {
		return fmt.Errorf("%w: %s lists no files", ErrDamaged, metaFile)
	}
	var errs, denied []error
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w := want[name]
		path := filepath.Join(genDir, filepath.FromSlash(name))
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Wraps ErrNotExist: Open reads the current link again, in
			// case a build retired the generation meanwhile.
			errs = append(errs, fmt.Errorf("%s is missing (%w)", name, fs.ErrNotExist))
			continue
		case errors.Is(err, fs.ErrPermission):
			denied = append(denied, err)
			continue
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		case fi.Size() != w.Size:
			errs = append(errs, fmt.Errorf("%s has %d bytes, want %d", name, fi.Size(), w.Size))
			continue
		}
		if level < checkFull {
			continue
		}
		got, err := sumFile(path)
		if errors.Is(err, fs.ErrPermission) {
			denied = append(denied, err)
		} else if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		} else if got.CRC32C != w.CRC32C {
			errs = append(errs, fmt.Errorf("%s has checksum %s, want %s", name, got.CRC32C, w.CRC32C))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w; rebuild it with kensaku index", ErrDamaged, errors.Join(errs...))
	}
	if len(denied) > 0 {
		// Not damage: an index built by another user, or its
		// permissions changed.
		return fmt.Errorf("indexer: the index cannot be read: %w", denied[0])
	}
	return nil
}

// OpenCheckLimit is the size of a generation up to which Open checks
// every file's checksum; a larger one has its sizes checked at open
// (Check reads it all). CRC-32C reads a few GB/s: 256 MB is a fraction
// of a second, about what opening such an index costs anyway. Tests set
// it to 0 to open damaged indexes.
var OpenCheckLimit int64 = 256 << 20

func openLevel(files map[string]FileSum) checkLevel {
	var total int64
	for _, f := range files {
		total += f.Size
	}
	if total <= OpenCheckLimit {
		return checkFull
	}
	return checkSizes
}

// Check verifies the index at dir in full: every file's checksum, then
// the index opened, its passage count against its meta file and the
// bigram index's numbering. It is what `kensaku check` runs.
func Check(dir string) error {
	gen := currentGen(dir)
	if gen == "" {
		if _, err := Open(dir); err != nil {
			return err
		}
		return fmt.Errorf("%w: %s has no current index", ErrNotIndex, dir)
	}
	meta, err := readMeta(gen)
	if err != nil {
		return fmt.Errorf("indexer: check %s: %w", dir, err)
	}
	if err := verifyFiles(gen, meta.Files, checkFull); err != nil {
		return fmt.Errorf("indexer: check %s: %w", dir, err)
	}
	ix, err := openGen(gen)
	if err != nil {
		return fmt.Errorf("indexer: check %s: %w", dir, err)
	}
	defer ix.Close()
	n, err := ix.bix.DocCount()
	if err != nil {
		return fmt.Errorf("indexer: check %s: %w", dir, err)
	}
	if n != uint64(meta.Passages) || ix.Bigrams.Passages() != meta.Passages {
		return fmt.Errorf("indexer: check %s: %w: %s counts %d passages, the index holds %d, the bigram index %d",
			dir, ErrDamaged, metaFile, meta.Passages, n, ix.Bigrams.Passages())
	}
	if err := checkStoreIDs(ix); err != nil {
		return fmt.Errorf("indexer: check %s: %w", dir, err)
	}
	return nil
}

// checkStoreIDs reads every live passage from the passage store by its
// document number and checks that it is the passage Bleve numbers so: a
// store that numbers passages otherwise than its segment (or a segment
// given another's store) shows here.
func checkStoreIDs(ix *Index) error {
	adv, err := ix.bix.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer all.Close()
	var docs []uint64
	var ids []string
	flush := func() error {
		ps, err := ix.Passages(docs)
		if err != nil {
			return err
		}
		for i, p := range ps {
			if p.ID != ids[i] {
				return fmt.Errorf("%w: document %d is passage %q in the passage store, %q in the index", ErrDamaged, docs[i], p.ID, ids[i])
			}
		}
		docs, ids = docs[:0], ids[:0]
		return nil
	}
	for {
		iid, err := all.Next()
		if err != nil {
			return err
		}
		if iid == nil {
			break
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return err
		}
		docs = append(docs, iid.Value())
		ids = append(ids, id)
		if len(docs) == 4096 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// Health checks that the files of an open index are still there with
// their sizes; it does not read them. It also reports the damage a
// failure reading the index revealed (see [Index.Fault]). An in-memory
// index is healthy unless it failed.
func (ix *Index) Health() error {
	if err := ix.faults.get(); err != nil {
		return err
	}
	if ix.Path == "" {
		return nil
	}
	return verifyFiles(ix.Path, ix.Meta.Files, checkSizes)
}

// CheckSegments checks that the segment files of the index, which Bleve
// reads through mmap(2), still have their sizes: a page of a file
// truncated under the process is gone, and reading it raises SIGBUS,
// which Go turns into a panic only on goroutines that asked for it (see
// debug.SetPanicOnFault), not on those Bleve starts for some reads. Call
// it before reading the index: it costs an fstat(2) per segment (one, for
// an index kensaku built), of the file opened with the index: a
// generation retired by a rebuild (its files deleted, still mapped) reads
// on unharmed. A changed segment is recorded for Health.
//
// While the checksums of the index are being checked in the background
// (see [BackgroundCheck]), it waits for the check to end, or for ctx:
// Bleve does not check what it reads, and a damaged segment made it grow
// a slice to 790 MB for one query.
func (ix *Index) CheckSegments(ctx context.Context) error {
	if ch := ix.faults.checking(); ch != nil {
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := ix.faults.get(); err != nil || ix.Path == "" {
		return err
	}
	for _, s := range ix.segments {
		fi, err := s.f.Stat()
		if err == nil && fi.Size() == s.size {
			continue
		}
		if err == nil {
			err = fmt.Errorf("%s has %d bytes, want %d", s.name, fi.Size(), s.size)
		}
		err = fmt.Errorf("%w: %s changed under the process: %w; check it with kensaku check, rebuild it with kensaku index", ErrDamaged, ix.Path, err)
		ix.faults.set(err)
		return err
	}
	return nil
}

// BackgroundCheck makes Open check, in the background, the checksums of
// an index too large to check at open (see [OpenCheckLimit]). Tests set
// it false to see what Bleve makes of a damaged file.
var BackgroundCheck = true

// segmentFile is a segment file of an open index, opened again to watch
// its size (see [Index.CheckSegments]).
type segmentFile struct {
	name string // relative to the generation directory
	f    *os.File
	size int64 // as built
}

// openSegments opens the segment files of genDir listed in files.
func openSegments(genDir string, files map[string]FileSum) ([]segmentFile, error) {
	var segs []segmentFile
	for name, sum := range files {
		if !strings.HasSuffix(name, ".zap") {
			continue
		}
		f, err := os.Open(filepath.Join(genDir, filepath.FromSlash(name)))
		if err != nil {
			closeSegments(segs)
			return nil, err
		}
		segs = append(segs, segmentFile{name: name, f: f, size: sum.Size})
	}
	return segs, nil
}

func closeSegments(segs []segmentFile) {
	for _, s := range segs {
		s.f.Close()
	}
}

// faultState records the damage found by failures reading an index.
type faultState struct {
	mu        sync.Mutex
	err       error         // the damage found, reported by Health
	checked   chan struct{} // closed when the check in the background ends; nil before one starts
	checkOnce sync.Once
	closed    atomic.Bool // the index is closed: a check in the background stops
}

// checking returns the channel closed when the check in the background
// ends, or nil when none was started.
func (f *faultState) checking() chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.checked
}

// verifyInBackground checks every file's checksum on a goroutine of its
// own, as Open does for an index up to OpenCheckLimit, and records the
// damage it finds: Health reports it and CheckSegments refuses searches
// from then on. Open checks only the sizes of a larger index, and Bleve
// does not check what it reads: byte flips in a segment gave garbled
// text, index-out-of-range panics and, once, an allocation of 24 GB.
func (ix *Index) verifyInBackground() {
	ix.faults.checkOnce.Do(func() {
		done := make(chan struct{})
		ix.faults.mu.Lock()
		ix.faults.checked = done
		ix.faults.mu.Unlock()
		go func() {
			defer close(done)
			if err := verifyFilesUnlessClosed(ix.Path, ix.Meta.Files, &ix.faults.closed); err != nil {
				ix.faults.set(err)
			}
		}()
	})
}

// verifyFilesUnlessClosed checks the checksum of every file of genDir, a
// file at a time, until closed is set.
func verifyFilesUnlessClosed(genDir string, want map[string]FileSum, closed *atomic.Bool) error {
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if closed.Load() {
			return nil
		}
		if err := verifyFiles(genDir, map[string]FileSum{name: want[name]}, checkFull); err != nil {
			return err
		}
	}
	return nil
}

func (f *faultState) get() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *faultState) set(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		f.err = err
	}
}

// Fault records a failure reading the index, the value r recovered from a
// panic, and returns the error to report for it, which wraps ErrDamaged.
// A memory fault (with debug.SetPanicOnFault: a page of a file Bleve maps
// is gone, because the file was truncated under the process) means the
// files changed: Health reports the index damaged from then on. Any other
// panic in Bleve's reader suggests damage that the open check did not
// read (an index over OpenCheckLimit has only its sizes checked): Health
// then checks every file's checksum, once, in the background, and reports
// a damaged file if it finds one.
func (ix *Index) Fault(r any) error {
	where := "the index"
	if ix.Path != "" {
		where = ix.Path
	}
	if isMemoryFault(r) {
		err := fmt.Errorf("%w: a file of %s changed while it was read (%v); check it with kensaku check, rebuild it with kensaku index", ErrDamaged, where, r)
		ix.faults.set(err)
		return err
	}
	if ix.Path != "" {
		ix.verifyInBackground()
	}
	return fmt.Errorf("%w: reading %s failed (%v); check it with kensaku check", ErrDamaged, where, r)
}

// isMemoryFault reports whether r, recovered from a panic, is a memory
// fault turned into a panic by debug.SetPanicOnFault.
func isMemoryFault(r any) bool {
	_, ok := r.(interface{ Addr() uintptr })
	return ok
}
