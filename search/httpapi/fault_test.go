package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// A segment truncated under a running server (whose pages Bleve reads
// through mmap(2): SIGBUS) makes searches and passage reads answer 500
// with a message saying the index is damaged, and /healthz 503; the server
// goes on answering.
func TestSegmentTruncatedUnderServer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	var ps []corpus.Passage
	for i := range 100 {
		ps = append(ps, corpus.Passage{ID: fmt.Sprintf("p%d", i), Document: "d", Kind: corpus.KindBody,
			Text: fmt.Sprintf("防衛省は宇宙状況監視（SSA）の体制を第%d期に構築する。", i)})
	}
	if _, err := indexer.Build(context.Background(), dir, indexer.Passages(ps), indexer.Options{}); err != nil {
		t.Fatal(err)
	}
	e, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	h := httpapi.New(e, httpapi.Options{})
	if rec := get(t, h, "GET", "/search?q=SSA"); rec.Code != http.StatusOK {
		t.Fatalf("search before the damage: %d %s", rec.Code, rec.Body)
	}
	gen, err := indexer.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, gen, "bleve", "store", "*.zap"))
	for _, z := range zaps {
		if err := os.Truncate(z, 100); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{"/search?q=SSA", "/search?q=宇宙状況監視", "/passage?id=p1"} {
		rec := get(t, h, "GET", path)
		var body struct{ Error string }
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != http.StatusInternalServerError || !strings.Contains(body.Error, "damaged") {
			t.Errorf("GET %s after truncating the segment: %d %s, want 500 saying the index is damaged", path, rec.Code, rec.Body)
		}
	}
	if rec := get(t, h, "GET", "/healthz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /healthz after truncating the segment: %d %s, want 503", rec.Code, rec.Body)
	}
}
