package httpapi_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// closer counts its Close calls.
type closer struct{ n atomic.Int32 }

func (c *closer) Close() error { c.n.Add(1); return nil }

// named returns a searcher whose results carry name as their query.
func named(name string) search.Searcher {
	return search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		return &search.Result{Query: name}, nil
	})
}

func searchName(t *testing.T, s search.Searcher) string {
	t.Helper()
	res, err := s.Search(context.Background(), search.Request{Query: "q"})
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	return res.Query
}

func TestSwapperSwapWaitsForInFlight(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	slow := search.SearcherFunc(func(ctx context.Context, req search.Request) (*search.Result, error) {
		close(started)
		<-release
		return &search.Result{Query: "old"}, nil
	})
	oldC, newC := &closer{}, &closer{}
	w := httpapi.NewSwapper(slow, oldC, nil)

	done := make(chan string)
	go func() {
		res, err := w.Search(context.Background(), search.Request{})
		if err != nil {
			done <- err.Error()
			return
		}
		done <- res.Query
	}()
	<-started
	if err := w.Swap(named("new"), newC); err != nil {
		t.Fatal(err)
	}
	if got := searchName(t, w); got != "new" {
		t.Errorf("after Swap, search went to %q, want new", got)
	}
	if n := oldC.n.Load(); n != 0 {
		t.Errorf("old searcher closed %d times while a search was running", n)
	}
	close(release)
	if got := <-done; got != "old" {
		t.Errorf("in-flight search = %q, want old", got)
	}
	if n := oldC.n.Load(); n != 1 {
		t.Errorf("old searcher closed %d times after its last search, want 1", n)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if n := newC.n.Load(); n != 1 {
		t.Errorf("new searcher closed %d times, want 1", n)
	}
	if _, err := w.Search(context.Background(), search.Request{}); !errors.Is(err, httpapi.ErrClosed) {
		t.Errorf("Search after Close: err = %v, want ErrClosed", err)
	}
	late := &closer{}
	if err := w.Swap(named("late"), late); !errors.Is(err, httpapi.ErrClosed) {
		t.Errorf("Swap after Close: err = %v, want ErrClosed", err)
	}
	if late.n.Load() != 1 {
		t.Errorf("searcher swapped in after Close was not closed")
	}
}

func TestSwapperConcurrent(t *testing.T) {
	first := &closer{}
	w := httpapi.NewSwapper(named("s0"), first, nil)
	closers := []*closer{first}
	var wg sync.WaitGroup
	var searches atomic.Int64
	for range 4 {
		wg.Go(func() {
			for range 500 {
				if _, err := w.Search(context.Background(), search.Request{}); err != nil {
					t.Errorf("search during swaps: %v", err)
					return
				}
				searches.Add(1)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for swapping := true; swapping; {
		select {
		case <-done:
			swapping = false
		default:
			c := &closer{}
			closers = append(closers, c)
			if err := w.Swap(named("s"), c); err != nil {
				t.Fatal(err)
			}
			runtime.Gosched()
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for i, c := range closers {
		if n := c.n.Load(); n != 1 {
			t.Errorf("searcher %d closed %d times, want 1", i, n)
		}
	}
	if n := searches.Load(); n != 2000 {
		t.Errorf("%d searches ran, want 2000", n)
	}
	t.Logf("%d swaps during 2000 searches", len(closers)-1)
}
