package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kensaku/kensaku/corpus"
	"github.com/kensaku/kensaku/indexer"
	"github.com/kensaku/kensaku/search"
)

// TestServeReloadUnderLoad serves a real index while clients search it,
// rebuilds the index in place and signals SIGHUP, or lets serve notice
// the new generation itself, also one an update made: every request
// succeeds, and the new passages become searchable.
func TestServeReloadUnderLoad(t *testing.T) {
	for _, mode := range []string{"sighup", "watch", "update"} {
		t.Run(mode, func(t *testing.T) { testServeReload(t, mode) })
	}
}

func testServeReload(t *testing.T, mode string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ix := filepath.Join(t.TempDir(), "ix")
	build := func(text string) {
		t.Helper()
		ps := []corpus.Passage{
			{ID: "fixed", Kind: corpus.KindBody, Text: "宇宙状況監視（SSA）の能力を高める。"},
			{ID: "changing", Kind: corpus.KindBody, Text: text},
		}
		if _, err := indexer.Build(ctx, ix, indexer.Passages(ps), indexer.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	build("欧州連合との対話。")

	var stderr syncBuffer
	e := &env{stdout: io.Discard, stderr: &stderr}
	watch := "0"
	if mode == "watch" || mode == "update" {
		watch = "50ms"
	}
	cfg, err := parseServeFlags(e, []string{"--addr", "127.0.0.1:0", "--index", ix, "--watch", watch})
	if err != nil {
		t.Fatal(err)
	}
	hup := make(chan os.Signal, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, e, cfg, hup) }()
	base := waitListening(t, &stderr, done)

	total := func(q string) (uint64, error) {
		resp, err := http.Get(base + "/search?q=" + url.QueryEscape(q))
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %d", resp.StatusCode)
		}
		var res search.Result
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			return 0, err
		}
		return res.Total, nil
	}

	// Clients search the passage that stays through every reload.
	stop := make(chan struct{})
	var requests, failures atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				n, err := total("SSA")
				requests.Add(1)
				if err == nil && n != 1 {
					err = fmt.Errorf("SSA: %d hits, want 1", n)
				}
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	for i := range 3 {
		word := []string{"北大西洋条約機構", "国際連合", "国内総生産"}[i]
		if mode == "update" {
			p := corpus.Passage{ID: "changing", Kind: corpus.KindBody, Text: word + "について協議した。"}
			if _, err := indexer.Update(ctx, ix, indexer.Change{Source: indexer.Passages([]corpus.Passage{p})}, indexer.Options{}); err != nil {
				t.Fatal(err)
			}
		} else {
			build(word + "について協議した。")
		}
		if mode == "sighup" {
			hup <- syscall.SIGHUP
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			n, err := total(word)
			if err == nil && n == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("reload %d (%s): %s not found after the rebuild (%d hits, %v)\n%s", i, mode, word, n, err, stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	close(stop)
	wg.Wait()
	if f := failures.Load(); f > 0 {
		t.Errorf("%d of %d requests failed during reloads; first: %v", f, requests.Load(), firstFailure.Load())
	}
	t.Logf("%d requests across 3 rebuilds and reloads, %d failed", requests.Load(), failures.Load())
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}
