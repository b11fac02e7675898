package indexer

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/glossary"
)

// The built-in index is built ahead of time, as kensaku index builds an
// index, and embedded: builtin/ is its generation directory, written by
// TestBuiltinIndex with -update (go generate). Scorch opens an index only
// from files, so the files are written to a temporary directory, opened
// (the index reads or maps them then) and removed at once: that takes
// about a millisecond, where indexing the 17 passages took 5 ms of CPU.
// Where the files cannot be removed while open (Windows), or the embedded
// index does not open (built by an incompatible version: TestBuiltinIndex
// fails until it is rebuilt), the passages are indexed in memory instead.
//
//go:generate go test -run ^TestBuiltin -update .
//go:embed builtin
var builtinGen embed.FS

// builtinMined is what the built-in corpus's passages give glossary.Mine,
// mined ahead of time (by TestBuiltinMined with -update): mining loads
// Kagome's dictionary, which takes most of a second. The in-memory build
// uses it.
//
//go:embed builtin_mined.json
var builtinMined []byte

var builtin = sync.OnceValues(func() (*Index, error) {
	ix, err := openEmbeddedBuiltin()
	if err != nil {
		ix, err = buildBuiltin()
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: built-in corpus: %w", err)
	}
	ix.shared = true
	return ix, nil
})

// openEmbeddedBuiltin opens the embedded built-in index.
func openEmbeddedBuiltin() (*Index, error) {
	if runtime.GOOS == "windows" {
		return nil, fmt.Errorf("open files cannot be removed on %s", runtime.GOOS)
	}
	dir, err := os.MkdirTemp("", "kensaku-builtin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	gen, err := fs.Sub(builtinGen, "builtin")
	if err != nil {
		return nil, err
	}
	if err := os.CopyFS(dir, gen); err != nil {
		return nil, err
	}
	ix, err := openGen(dir)
	if err != nil {
		return nil, err
	}
	ix.Path = "" // its files are gone: there is nothing for Health to check
	return ix, nil
}

// buildBuiltin indexes the built-in corpus in memory.
func buildBuiltin() (*Index, error) {
	var mined []glossary.Entry
	if err := json.Unmarshal(builtinMined, &mined); err != nil {
		return nil, fmt.Errorf("mined glossary: %w", err)
	}
	ix, _, err := NewMemory(context.Background(), Passages(corpus.Builtin()), builtinOptions(mined))
	return ix, err
}

// builtinOptions are the options the built-in index is built with, given
// its mined definitions (nil to mine them).
func builtinOptions(mined []glossary.Entry) Options {
	return Options{UserDict: corpus.UserDict(), Inputs: []string{"built-in"}, Mined: mined}
}
