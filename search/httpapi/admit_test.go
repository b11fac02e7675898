package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
)

// Searches beyond MaxConcurrent wait in a queue of MaxQueue; requests
// beyond it, or waiting longer than QueueWait, are answered 503 with
// Retry-After, and the admitted ones are answered 200.
func TestAdmission(t *testing.T) {
	block := make(chan struct{})
	var running sync.WaitGroup
	s := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		running.Done()
		<-block
		return &search.Result{Query: req.Query}, nil
	})
	state, h := newHandler(s, Options{MaxConcurrent: 2, MaxQueue: 1, QueueWait: time.Minute})
	get := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/search?q=SSA", nil))
		return w
	}
	// Two run, one waits.
	running.Add(2)
	codes := make(chan int, 3)
	for range 3 {
		go func() { codes <- get().Code }()
	}
	running.Wait()
	// Wait until the third request is queued.
	deadline := time.Now().Add(5 * time.Second)
	for state.admit.waiting.Load() != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	// The fourth is shed at once.
	w := get()
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Errorf("request beyond the queue: %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	running.Add(1) // the queued one runs when a slot frees
	close(block)
	for range 3 {
		if c := <-codes; c != http.StatusOK {
			t.Errorf("admitted request: %d, want 200", c)
		}
	}

	// A request that waits longer than QueueWait is shed too.
	adm := newAdmission(1, 4, 10*time.Millisecond)
	release, err := adm.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := adm.acquire(context.Background()); err != errOverloaded {
		t.Errorf("acquire past QueueWait: %v, want errOverloaded", err)
	}
	release()
	if r, err := adm.acquire(context.Background()); err != nil {
		t.Errorf("acquire after release: %v", err)
	} else {
		r()
	}
}

type sickSearcher struct{ search.SearcherFunc }

func (sickSearcher) Health() error { return errors.New("bleve/store/0.zap is missing") }

func TestHealthUnhealthy(t *testing.T) {
	h := New(sickSearcher{}, Options{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "unhealthy") {
		t.Errorf("/healthz of an unhealthy index: %d %s", w.Code, w.Body)
	}
}
