package corpus

import _ "embed"

//go:embed data/userdict.txt
var userDict []byte

// UserDict returns the user dictionary shipped for the built-in corpus's
// domain (defence white papers): words the IPA dictionary cuts wrongly, in
// the format package analyzers parses (TSV or Kagome CSV, one entry a
// line). The caller must not modify the returned slice.
func UserDict() []byte { return userDict }
