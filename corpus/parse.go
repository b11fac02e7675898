package corpus

import (
	"path/filepath"
	"strings"
)

// ParseText repairs text extracted from PDF pages and splits it into
// passages: one per paragraph, heading, caption and cross-reference, in
// reading order. Pages are separated by form feeds, as pdftotext writes
// them.
//
// The repair joins wrapped lines (no space between Japanese characters, one
// space between Latin words, hyphenated English words rejoined), rebuilds
// paragraphs across blank lines where a sentence is unfinished (cutting a
// paragraph that would grow over 64 KiB at a line boundary), and rebuilds
// acronyms split around their English reading (宇宙状況監視（S, Space
// Situational Awareness, SA）becomes 宇宙状況監視（SSA: Space Situational
// Awareness）). Page furniture is taken out of the text: the page number
// goes to Page, the running title to Document, a running part header
// (…第Ⅲ部) to Meta["part"]. Headings (…第3節, 第3節 …, ❶ …, （1）…) make
// the section path. Without a running title, Document is name without its
// directory and extension.
//
// Ids are name#pPAGE.N (name without directory and extension; N counts the
// page's passages from 1), or name#SHEET.N when the page has no printed
// number, SHEET counting form-feed pages from 1. They are stable as long as
// the text is.
func ParseText(name, text string) []Passage {
	base := strings.TrimSuffix(baseName(name), extOf(name))
	return repairText(keyOf(baseName(name)), name, base, text).passages
}

func baseName(name string) string { return filepath.Base(name) }
func extOf(name string) string    { return filepath.Ext(name) }
