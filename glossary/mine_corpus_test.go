package glossary

import (
	"testing"
)

func TestMarkGeneric(t *testing.T) {
	mined := func(acronym, english, japanese string) Entry {
		e := Entry{Acronym: acronym, Japanese: []string{japanese}, Source: SourceCorpus, Confidence: ConfidenceNoLetters}
		if english != "" {
			e.English = []string{english}
		}
		return e
	}
	tests := []struct {
		name    string
		entries []Entry
		want    []bool // Untrusted, by entry
	}{
		{"a category for three unrelated names", []Entry{
			mined("", "frob-size", "変数"), mined("", "quux-limit", "変数"), mined("", "zap-hook", "変数"),
			mined("", "frob-size", "大きさ")},
			[]bool{true, true, true, false}},
		{"two unrelated names: maybe two senses", []Entry{
			mined("", "Rector", "牧師"), mined("", "Pastor", "牧師")},
			[]bool{false, false}},
		{"forms of one word", []Entry{
			mined("", "priority", "優先度"), mined("", "priorities", "優先度"), mined("", "Priority", "優先度")},
			[]bool{false, false, false}},
		{"an acronym and its expansion", []Entry{
			mined("PAP", "", "パスワード認証プロトコル"), mined("", "Password Authentication Protocol", "パスワード認証プロトコル"),
			mined("PAP", "Password Authentication Protocol", "パスワード認証プロトコル")},
			[]bool{false, false, false}},
		{"acronyms of unrelated things", []Entry{
			mined("CyCon", "", "国際会議"), mined("ICCS", "", "国際会議"), mined("IJCAI", "", "国際会議")},
			[]bool{true, true, true}},
		{"other sources are not judged", []Entry{
			{English: []string{"a"}, Japanese: []string{"語"}, Source: SourceEdict}, {English: []string{"bb"}, Japanese: []string{"語"}, Source: SourceEdict},
			{English: []string{"ccc"}, Japanese: []string{"語"}, Source: SourceEdict}},
			[]bool{false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markGeneric(tt.entries)
			for i, e := range got {
				if e.Untrusted != tt.want[i] {
					t.Errorf("entry %d %v: untrusted %v, want %v", i, e.Forms(), e.Untrusted, tt.want[i])
				}
				if tt.entries[i].Untrusted {
					t.Errorf("entry %d of the input was modified", i)
				}
			}
		})
	}
}

// An untrusted entry is listed but expands nothing: none of its forms
// finds it, and it is not merged with trusted entries sharing a form.
func TestUntrustedNotFound(t *testing.T) {
	g := New([]Entry{
		{English: []string{"frob-size"}, Japanese: []string{"変数"}, Source: SourceCorpus, Confidence: 0.5},
		{English: []string{"quux-limit"}, Japanese: []string{"変数"}, Source: SourceCorpus, Confidence: 0.5},
		{English: []string{"zap-hook"}, Japanese: []string{"変数"}, Source: SourceCorpus, Confidence: 0.5},
		{English: []string{"frob-size"}, Japanese: []string{"フロブサイズ"}, Source: SourceCorpus, Confidence: 0.5},
	})
	if got := g.Lookup("変数"); len(got) != 0 {
		t.Errorf("Lookup(変数) = %v, want nothing", got)
	}
	got := g.Lookup("frob-size")
	if len(got) != 1 || len(got[0].Japanese) != 1 || got[0].Japanese[0] != "フロブサイズ" {
		t.Errorf("Lookup(frob-size) = %v, want the trusted entry alone", got)
	}
	untrusted := 0
	for _, e := range g.Entries() {
		if e.Untrusted {
			untrusted++
		}
	}
	if untrusted == 0 {
		t.Errorf("Entries() lists no untrusted entry")
	}
}
