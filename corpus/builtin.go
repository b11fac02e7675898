package corpus

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

//go:embed data/builtin/*.txt data/builtin/SOURCE.md
var builtinFS embed.FS

var builtinPassages = sync.OnceValue(func() []Passage {
	files, err := fs.Glob(builtinFS, "data/builtin/*.txt")
	if err != nil {
		panic("corpus: built-in corpus: " + err.Error()) // the pattern is constant
	}
	slices.Sort(files)
	var out []Passage
	for _, f := range files {
		b, err := builtinFS.ReadFile(f)
		if err != nil {
			panic("corpus: built-in corpus: " + err.Error()) // embedded: cannot fail
		}
		name := "builtin/" + path.Base(f)
		out = append(out, repairText(keyOf(path.Base(f)), name, strings.TrimSuffix(path.Base(f), ".txt"), string(b)).passages...)
	}
	return out
})

// Builtin returns the built-in corpus: a page of 令和2年版 防衛白書 (Defense
// of Japan 2020, Ministry of Defense) embedded in the binary, repaired into
// passages as by [ParseText]. The passages' Source is builtin/FILE. The
// caller may modify the returned slice; see [BuiltinSource] for its terms
// of use.
func Builtin() []Passage {
	ps := builtinPassages()
	out := make([]Passage, len(ps))
	for i, p := range ps {
		p.Section = slices.Clone(p.Section)
		if p.Meta != nil {
			m := make(map[string]any, len(p.Meta))
			for k, v := range p.Meta {
				m[k] = v
			}
			p.Meta = m
		}
		out[i] = p
	}
	return out
}

// BuiltinSource returns the source and terms of use of the built-in corpus
// (Markdown), to be shown wherever its passages are.
func BuiltinSource() string {
	b, err := builtinFS.ReadFile("data/builtin/SOURCE.md")
	if err != nil {
		panic("corpus: built-in corpus: " + err.Error()) // embedded: cannot fail
	}
	return string(b)
}
