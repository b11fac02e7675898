package corpus

import (
	"maps"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Document metadata is given to every passage of an HTML or PDF document in
// Passage.Meta, under these keys (absent when the document does not say):
//
//   - url: an HTML page's canonical address (<link rel="canonical">, else
//     og:url)
//   - date: the publication date, as YYYY-MM-DD where it can be read so
//     (an HTML page's date, DC.date, article:published_time, citation date
//     meta tags; a PDF's CreationDate)
//   - lang: an HTML page's language (<html lang>)
//   - author: <meta name="author"> or DC.creator; a PDF's Author
//   - description: <meta name="description">; a PDF's Subject
//   - keywords: <meta name="keywords">; a PDF's Keywords
const (
	MetaURL         = "url"
	MetaDate        = "date"
	MetaLang        = "lang"
	MetaAuthor      = "author"
	MetaDescription = "description"
	MetaKeywords    = "keywords"
)

// maxMetaValue bounds a metadata value taken from a document, in bytes.
const maxMetaValue = 1024

// htmlMetaNames maps <meta name|property> values, lower-cased, to keys;
// the first one found for a key wins, in document order.
var htmlMetaNames = map[string]string{
	"date":                      MetaDate,
	"dc.date":                   MetaDate,
	"dc.date.issued":            MetaDate,
	"dcterms.date":              MetaDate,
	"dcterms.issued":            MetaDate,
	"dcterms.created":           MetaDate,
	"article:published_time":    MetaDate,
	"citation_publication_date": MetaDate,
	"citation_date":             MetaDate,
	"author":                    MetaAuthor,
	"dc.creator":                MetaAuthor,
	"dcterms.creator":           MetaAuthor,
	"description":               MetaDescription,
	"dc.description":            MetaDescription,
	"keywords":                  MetaKeywords,
	"og:url":                    MetaURL,
}

// htmlMeta returns the metadata an HTML document declares about itself.
func htmlMeta(root *html.Node) map[string]any {
	m := map[string]any{}
	set := func(key, value string) {
		value = collapseSpace(strings.ToValidUTF8(value, ""))
		if _, ok := m[key]; ok || value == "" || len(value) > maxMetaValue {
			return
		}
		if key == MetaDate {
			value = isoDate(value)
		}
		m[key] = value
	}
	var canonical string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				set(MetaLang, attr(n, "lang"))
			case atom.Meta:
				name := strings.ToLower(attr(n, "name"))
				if name == "" {
					name = strings.ToLower(attr(n, "property"))
				}
				if key, ok := htmlMetaNames[name]; ok {
					set(key, attr(n, "content"))
				}
			case atom.Link:
				if canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = attr(n, "href")
				}
			case atom.Body:
				return // metadata is in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if canonical != "" {
		delete(m, MetaURL) // the canonical link wins over og:url
		set(MetaURL, canonical)
	}
	return m
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// pdfMeta returns the metadata in pdfinfo's output (run with -isodates).
func pdfMeta(info []byte) map[string]any {
	m := map[string]any{}
	fields := map[string]string{"Author": MetaAuthor, "Subject": MetaDescription, "Keywords": MetaKeywords, "CreationDate": MetaDate}
	for _, l := range strings.Split(string(info), "\n") {
		name, value, ok := strings.Cut(l, ":")
		key, known := fields[name]
		if !ok || !known {
			continue
		}
		value = collapseSpace(strings.ToValidUTF8(value, ""))
		if _, dup := m[key]; dup || value == "" || len(value) > maxMetaValue {
			continue
		}
		if key == MetaDate {
			value = isoDate(value)
		}
		m[key] = value
	}
	return m
}

var reISODate = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})`)

// isoDate returns the date at the start of s as YYYY-MM-DD (2020-08-26,
// 2020/8/26, 2020年8月26日, 2020-08-26T10:00:00+09:00), else s unchanged.
func isoDate(s string) string {
	m := reISODate.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	pad := func(v string) string {
		if len(v) == 1 {
			return "0" + v
		}
		return v
	}
	return m[1] + "-" + pad(m[2]) + "-" + pad(m[3])
}

// withMeta gives each passage its own copy of the document's metadata,
// beside what the passage has of its own (which wins).
func withMeta(ps []Passage, doc map[string]any) {
	if len(doc) == 0 {
		return
	}
	for i := range ps {
		m := maps.Clone(doc)
		maps.Copy(m, ps[i].Meta)
		ps[i].Meta = m
	}
}
