package analyzers

// Version identifies the analysis the components of this package perform.
// It changes whenever a change to them would give an existing index terms
// that new queries no longer match (a new normalisation, stop word, stemmer
// or dictionary rule); indexes record it and refuse to open under another.
const Version = 1
