package corpus

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// MaxGzipSize bounds the decompressed size of a .gz file. A file that
// inflates to more (a decompression bomb, or a corpus that should be
// split) is reported as a problem and skipped; nothing of it is indexed.
const MaxGzipSize = MaxTextFileSize

// gzipLimit is MaxGzipSize; tests lower it.
var gzipLimit int64 = MaxGzipSize

// gzip reads a .gz file: it decompresses it, at most [MaxGzipSize] bytes,
// and reads the content as the type of the name inside (a.pdf.gz is a
// PDF). It returns only fatal errors.
func (r *reader) gzip(rd io.Reader, path, key string) error {
	cr := &countReader{r: rd}
	defer func() { r.sum.Bytes += cr.n }()
	zr, err := gzip.NewReader(cr)
	if err != nil {
		r.problem(path, 0, fmt.Errorf("gzip: %w", err))
		return nil
	}
	defer zr.Close()
	inner := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	typ := fileType(inner)
	if typ == "" || typ == "gz" {
		r.problem(path, 0, fmt.Errorf("unsupported file type %q inside .gz", filepath.Ext(inner)))
		return nil
	}
	if typ == "jsonl" {
		// streamed, like a plain JSONL file, but bounded all the same
		inner := &countReader{r: &boundedReader{r: zr, left: gzipLimit}}
		err := r.jsonl(inner, path, key)
		r.sum.Bytes -= inner.n // counted as the compressed size
		return err
	}
	b, err := io.ReadAll(io.LimitReader(zr, gzipLimit+1))
	if err != nil {
		r.problem(path, 0, fmt.Errorf("gzip: %w", err))
		return nil
	}
	if int64(len(b)) > gzipLimit {
		r.problem(path, 0, fmt.Errorf("%w (%s)", errTooBig, byteSize(gzipLimit)))
		return nil
	}
	return r.document(typ, path, inner, key, b)
}

// boundedReader fails once more than left bytes were read through it.
type boundedReader struct {
	r    io.Reader
	left int64
}

var errTooBig = errors.New("gzip: decompresses to more than the limit, refused")

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, fmt.Errorf("%w (%s)", errTooBig, byteSize(gzipLimit))
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, fmt.Errorf("%w (%s)", errTooBig, byteSize(gzipLimit))
	}
	return n, err
}
