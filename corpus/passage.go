package corpus

import "strings"

// Kind says what role a passage plays on its page.
type Kind string

// The kinds of passage.
const (
	KindBody      Kind = "body"      // running text: a paragraph
	KindHeading   Kind = "heading"   // a section or numbered heading
	KindCaption   Kind = "caption"   // a photo or figure caption
	KindReference Kind = "reference" // a cross-reference line such as 1章3節（…）
	KindTOC       Kind = "toc"       // a table-of-contents line: title, dot leaders, page
)

// SectionSeparator joins the parts of a section path for display.
const SectionSeparator = " › "

// Passage is the unit of retrieval: one paragraph of one document, with
// the metadata that search results show.
type Passage struct {
	ID       string         `json:"id"`                 // stable id; JSONL ids are kept exactly
	Document string         `json:"document"`           // title of the document the passage belongs to
	Title    string         `json:"title,omitempty"`    // the passage's own title (JSONL title, or innermost heading)
	Page     int            `json:"page,omitempty"`     // printed page number; 0 when unknown
	PDFPage  int            `json:"pdf_page,omitempty"` // 1-based page of the PDF file the passage starts on; 0 if not from a PDF
	Section  []string       `json:"section,omitempty"`  // section path, outermost first
	Kind     Kind           `json:"kind"`
	Text     string         `json:"text"`             // repaired text, as printed
	Source   string         `json:"source,omitempty"` // file the passage was read from
	Meta     map[string]any `json:"meta,omitempty"`   // other fields of a JSONL record, kept as given
}

// SectionPath returns the section path joined with [SectionSeparator].
func (p Passage) SectionPath() string {
	return strings.Join(p.Section, SectionSeparator)
}
