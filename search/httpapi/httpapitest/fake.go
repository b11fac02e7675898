package httpapitest

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kensaku/kensaku/search"
)

// FakePassage is one passage of the Fake searcher's corpus.
type FakePassage struct {
	ID, Document, Section, Kind, Text string
	Page                              int
}

// FakeCorpus is the corpus of [Fake]: passages about space situational
// awareness in two documents, with one passage whose text is hostile HTML.
var FakeCorpus = []FakePassage{
	{"w2-389-1", "令和2年版 防衛白書", "宇宙領域", "heading", "宇宙領域における対応", 389},
	{"w2-389-2", "令和2年版 防衛白書", "宇宙領域", "body", "防衛省は、宇宙状況監視（SSA: Space Situational Awareness）体制を構築するため、米国などとの連携を強化している。", 389},
	{"w2-389-3", "令和2年版 防衛白書", "宇宙領域", "body", "宇宙状況監視の対象には、宇宙ごみ（スペースデブリ）や他国の衛星が含まれる。", 389},
	{"w2-390-1", "令和2年版 防衛白書", "宇宙領域", "caption", "SSAシステムの概念図", 390},
	{"w2-390-2", "令和2年版 防衛白書", "宇宙作戦隊", "body", "2020年5月、航空自衛隊に宇宙作戦隊が新編され、宇宙状況監視の運用を担う。", 390},
	{"w2-391-1", "令和2年版 防衛白書", "宇宙作戦隊", "reference", "1章3節（宇宙状況監視）参照", 391},
	{"w3-201-1", "令和3年版 防衛白書", "宇宙", "body", "SSA衛星の打ち上げを2026年度までに行う計画である。", 201},
	{"w3-201-2", "令和3年版 防衛白書", "宇宙", "body", "Space Situational Awareness (SSA) is essential to the stable use of outer space.", 201},
	{"w3-202-1", "令和3年版 防衛白書", "宇宙", "body", "宇宙状況監視に関する日米協力は、宇宙空間の安定的利用に資する。", 202},
	{"w3-202-2", "令和3年版 防衛白書", "サイバー", "body", "<script>alert('x')</script> 宇宙状況監視 & <b>bold</b> \"quoted\"", 202},
	{"w3-203-1", "令和3年版 防衛白書", "サイバー", "body", "サイバー防衛隊は、サイバー攻撃への対処能力を強化している。", 203},
	{"w3-204-1", "令和3年版 防衛白書", "宇宙", "body", "宇宙状況監視レーダーの整備を進めている。", 204},
	{"w3-205-1", "令和3年版 防衛白書", "宇宙", "body", "宇宙状況監視システムの運用開始に向けた準備が進む。", 205},
}

// fakeGlossary are the equivalent forms the Fake searcher expands.
var fakeGlossary = [][]string{{"宇宙状況監視", "SSA", "Space Situational Awareness"}}

// Fake returns a searcher over [FakeCorpus]. A passage matches when its text
// contains a whitespace-separated term of the query or an equivalent of one
// (ASCII case-insensitively); hits are in corpus order with their matches
// marked, and facets count the matching passages after filtering. The
// query "!fail" returns a *search.SyntaxError. Searches honour ctx.
func Fake() search.Searcher {
	return search.SearcherFunc(fakeSearch)
}

func fakeSearch(ctx context.Context, req search.Request) (*search.Result, error) {
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.HasPrefix(req.Query, "!fail") {
		return nil, &search.SyntaxError{Offset: 0, Msg: "unexpected \"!\""}
	}
	if n := utf8.RuneCountInString(req.Query); n > search.MaxQueryRunes {
		return nil, fmt.Errorf("%w: query of %d characters", search.ErrInvalidRequest, n)
	}
	if req.Size > search.MaxSize || req.Size < 0 || req.From < 0 {
		return nil, fmt.Errorf("%w: size %d from %d", search.ErrInvalidRequest, req.Size, req.From)
	}
	size := req.Size
	if size == 0 {
		size = search.DefaultSize
	}
	res := &search.Result{Query: req.Query, Expansions: []search.Expansion{}, Hits: []search.Hit{}, Facets: map[string][]search.Facet{}}
	var terms []string
	for _, t := range strings.Fields(req.Query) {
		terms = append(terms, t)
		if req.NoExpand {
			continue
		}
		for _, group := range fakeGlossary {
			if i := slices.IndexFunc(group, func(g string) bool { return strings.EqualFold(g, t) }); i >= 0 {
				eq := slices.Delete(slices.Clone(group), i, i+1)
				terms = append(terms, eq...)
				res.Expansions = append(res.Expansions, search.Expansion{Term: t, Equivalents: eq, Source: "curated"})
			}
		}
	}
	counts := map[string]map[string]int{}
	for _, p := range FakeCorpus {
		if !matchesAny(p.Text, terms) || !passesFilters(p, req.Filters) {
			continue
		}
		for field, v := range map[string]string{"document": p.Document, "section": p.Section, "kind": p.Kind, "page": strconv.Itoa(p.Page)} {
			if counts[field] == nil {
				counts[field] = map[string]int{}
			}
			counts[field][v]++
		}
		res.Total++
		if int(res.Total) <= req.From || len(res.Hits) >= size {
			continue
		}
		hit := search.Hit{ID: p.ID, Score: 1 / float64(res.Total), Document: p.Document, Page: p.Page, Section: p.Section, Kind: p.Kind, Text: p.Text}
		if !req.NoHighlight {
			hit.Highlights = []string{markTerms(p.Text, terms)}
		}
		res.Hits = append(res.Hits, hit)
	}
	for field, vs := range counts {
		var fs []search.Facet
		for v, n := range vs {
			fs = append(fs, search.Facet{Value: v, Count: n})
		}
		slices.SortFunc(fs, func(a, b search.Facet) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		res.Facets[field] = fs
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

func matchesAny(text string, terms []string) bool {
	lower := strings.ToLower(text)
	for _, t := range terms {
		if strings.Contains(lower, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

func passesFilters(p FakePassage, filters []search.Filter) bool {
	for _, f := range filters {
		var v string
		switch f.Field {
		case "document":
			v = p.Document
		case "section":
			v = p.Section
		case "kind":
			v = p.Kind
		case "page":
			v = strconv.Itoa(p.Page)
		}
		if v != f.Value {
			return false
		}
	}
	return true
}

// markTerms HTML-escapes text and wraps each occurrence of a term in
// <mark>, the way the engine's highlights look.
func markTerms(text string, terms []string) string {
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		lower = text // case folding changed byte offsets: match exactly
	}
	marked := make([]bool, len(text))
	for _, t := range terms {
		lt := strings.ToLower(t)
		if lt == "" || len(lt) != len(t) {
			continue
		}
		for i := 0; ; {
			j := strings.Index(lower[i:], lt)
			if j < 0 {
				break
			}
			for k := i + j; k < i+j+len(lt); k++ {
				marked[k] = true
			}
			i += j + len(lt)
		}
	}
	var b strings.Builder
	open := false
	for i := 0; i < len(text); {
		_, n := utf8.DecodeRuneInString(text[i:])
		if marked[i] != open {
			if open {
				b.WriteString("</mark>")
			} else {
				b.WriteString("<mark>")
			}
			open = marked[i]
		}
		b.WriteString(html.EscapeString(text[i : i+n]))
		i += n
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
