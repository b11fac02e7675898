// Package httpapitest helps test the search page and endpoint of
// [github.com/kensaku/kensaku/search/httpapi]: [Fake] is a small in-memory
// searcher whose results are built from the query, and [RunBrowserTest]
// drives the search page in a real headless Chromium through chromedriver's
// W3C WebDriver API, for any searcher.
//
// RunBrowserTest skips its test when chromium or chromedriver is not
// installed, unless the environment variable CI is "true", when it fails
// instead. .ci/install-chromium installs both on Debian.
package httpapitest
