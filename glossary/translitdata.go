package glossary

import _ "embed"

//go:embed data/translit.tsv
var translitTSV string

//go:generate go run ./internal/gen-translit -o data/translit.tsv -testdata translit/testdata

// TranslitModel returns the English ↔ katakana transliteration model
// learned from JMdict/EDICT (data/translit.tsv), which package
// glossary/translit reads.
func TranslitModel() string { return translitTSV }
