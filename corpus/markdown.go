package corpus

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	reMDHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	reMDFence   = regexp.MustCompile("^ {0,3}(```|~~~)")
	reMDItem    = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+`)
	reMDBullet  = regexp.MustCompile(`^[-*+][ \t]+`)
)

// ParseMarkdown splits Markdown text into passages: one per paragraph, list
// item or fenced code block, and one per heading. Headings give the section
// path; a single level-1 heading is the document title (else name without
// extension is). Wrapped lines are joined as in [ParseText]; a paragraph
// or code block over 64 KiB is cut at a line boundary into several
// passages. Ids are name#n, n counting passages from 1.
func ParseMarkdown(name, text string) []Passage {
	key := keyOf(baseName(name))
	return parseMarkdown(key, name, strings.TrimSuffix(baseName(name), extOf(name)), text)
}

func parseMarkdown(key, source, fallback, text string) []Passage {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")

	// A document whose only level-1 heading is its title.
	title, h1 := "", 0
	inFence := false
	for _, l := range lines {
		if reMDFence.MatchString(l) {
			inFence = !inFence
		}
		if m := reMDHeading.FindStringSubmatch(l); m != nil && !inFence && len(m[1]) == 1 {
			h1++
			title = collapseSpace(m[2])
		}
	}
	useTitle := h1 == 1 && title != ""
	if !useTitle {
		title = fallback
	}

	var (
		out     []Passage
		section []heading
		para    []string
		fence   []string
		inCode  bool
		size    int // bytes in para or fence, against maxParagraphBytes
	)
	emit := func(kind Kind, s string) {
		if s == "" {
			return
		}
		p := Passage{
			ID:       fmt.Sprintf("%s#%d", key, len(out)+1),
			Document: title,
			Kind:     kind,
			Text:     s,
			Source:   source,
		}
		for _, h := range section {
			p.Section = append(p.Section, h.text)
		}
		if len(section) > 0 {
			p.Title = section[len(section)-1].text
		}
		out = append(out, p)
	}
	flush := func() {
		if para != nil {
			emit(KindBody, joinAll(para, nil, collapseSpace))
			para, size = nil, 0
		}
	}
	flushFence := func() {
		emit(KindBody, strings.Trim(strings.Join(fence, "\n"), "\n"))
		fence, size = nil, 0
	}
	for _, l := range lines {
		if inCode {
			if reMDFence.MatchString(l) {
				flushFence()
				inCode = false
				continue
			}
			if size+len(l) > maxParagraphBytes {
				flushFence()
			}
			fence = append(fence, l)
			size += len(l) + 1
			continue
		}
		if reMDFence.MatchString(l) {
			flush()
			inCode = true
			continue
		}
		if m := reMDHeading.FindStringSubmatch(l); m != nil {
			flush()
			level, text := len(m[1]), collapseSpace(m[2])
			if text == "" || useTitle && level == 1 {
				continue
			}
			for len(section) > 0 && section[len(section)-1].level >= level {
				section = section[:len(section)-1]
			}
			section = append(section, heading{level, text})
			emit(KindHeading, text)
			continue
		}
		t := trimSpace(l)
		if t == "" {
			flush()
			continue
		}
		if reMDItem.MatchString(l) {
			flush()
			if m := reMDBullet.FindString(t); m != "" {
				t = t[len(m):]
			}
		}
		if size+len(t) > maxParagraphBytes {
			flush()
		}
		para = append(para, t)
		size += len(t) + 1
	}
	flush()
	if inCode {
		flushFence()
	}
	return out
}
