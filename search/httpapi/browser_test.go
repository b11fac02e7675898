package httpapi_test

import (
	"testing"

	"github.com/kensaku/kensaku/search/httpapi/httpapitest"
)

// TestBrowser drives the search page in headless Chromium against the fake
// searcher. It skips when Chromium is missing (fails under CI=true). To
// look at the screenshots, set KENSAKU_SCREENSHOT_DIR to a directory.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	httpapitest.RunBrowserTest(t, httpapitest.Fake(), "")
}
