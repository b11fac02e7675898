package httpapi_test

import (
	"testing"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

// The browser tests drive the search page in headless Chromium. They skip
// when Chromium is missing (and fail under CI=true). To look at the
// screenshots, set KENSAKU_SCREENSHOT_DIR to a directory.

// TestBrowser runs the page against the fake searcher.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	httpapitest.RunBrowserTest(t, httpapitest.Fake(), "")
}

// TestBrowserBuiltin runs the page against the real engine over the
// built-in corpus. Indexing the corpus takes about 20 s under the race
// detector, so it runs only without it (go test ./search/httpapi); the page
// itself is covered under -race by TestBrowser.
func TestBrowserBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if raceEnabled {
		t.Skip("built-in index too slow to build under the race detector; run without -race")
	}
	eng, err := search.OpenBuiltin(search.Options{})
	if err != nil {
		t.Fatalf("open built-in corpus: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	httpapitest.RunBrowserTest(t, eng, httpapitest.BrowserQuery)
}
