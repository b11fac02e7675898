package httpapitest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kensaku/kensaku/search"
	"github.com/kensaku/kensaku/search/httpapi"
)

// BrowserQuery is the query RunBrowserTest types when none is given.
const BrowserQuery = "宇宙状況監視"

// ScreenshotDirEnv names an environment variable: when set, RunBrowserTest
// writes its screenshots there instead of into t.TempDir(), to look at them.
const ScreenshotDirEnv = "KENSAKU_SCREENSHOT_DIR"

// RunBrowserTest serves the search page for s on 127.0.0.1 and drives it in
// headless Chromium: it loads the page, types query (BrowserQuery when
// empty) into the form and submits it, checks that highlighted passages are
// shown and that no script element came from passage text, clicks the
// first facet link and checks that the filter is applied and the total
// equals the facet's count, and takes screenshots (desktop and phone
// width). s must find passages for query and return facets.
//
// It skips t when chromium or chromedriver is missing, unless the
// environment variable CI is "true", when it fails t instead.
func RunBrowserTest(t *testing.T, s search.Searcher, query string) {
	t.Helper()
	if query == "" {
		query = BrowserQuery
	}
	chromium, driver := findBrowser(t)

	srv := httptest.NewServer(httpapi.New(s, httpapi.Options{Logger: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)

	shots := os.Getenv(ScreenshotDirEnv)
	if shots == "" {
		shots = t.TempDir()
	}
	prefix := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + "-"
	wd := startDriver(t, chromium, driver)

	wd.navigate(srv.URL + "/")
	if title := wd.title(); !strings.Contains(title, "kensaku") {
		t.Fatalf("empty page title = %q, want it to contain kensaku", title)
	}
	input := wd.find("input[name=q]")
	wd.sendKeys(input, query)
	wd.click(wd.find("button[type=submit]"))
	wd.waitURL("q=")
	if got := wd.attr(wd.find("input[name=q]"), "value"); got != query {
		t.Errorf("search box after submit = %q, want %q", got, query)
	}
	marks := wd.findAll("ol.hits mark")
	if len(marks) == 0 {
		t.Fatalf("no <mark> in the hits for %q; page:\n%s", query, wd.source())
	}
	if txt := wd.text(marks[0]); strings.TrimSpace(txt) == "" {
		t.Errorf("first <mark> is empty")
	}
	if n := len(wd.findAll("section.results script, section.results b, section.results img")); n != 0 {
		t.Errorf("%d elements injected from passage text into the results", n)
	}
	total := wd.total()
	if total == 0 {
		t.Fatalf("total is 0 for %q", query)
	}
	wd.screenshot(filepath.Join(shots, prefix+"results.png"))
	checkJapaneseBold(t, wd)

	// Click the first facet that narrows the results, or the first one.
	links := wd.findAll("aside ul.facet li:not(.active) a")
	counts := wd.findAll("aside ul.facet li:not(.active) .count")
	if len(links) == 0 || len(counts) != len(links) {
		t.Fatalf("%d facet links with %d counts for %q; page:\n%s", len(links), len(counts), query, wd.source())
	}
	pick, want := 0, -1
	for i, c := range counts {
		n, err := strconv.Atoi(strings.TrimSpace(wd.text(c)))
		if err != nil {
			t.Fatalf("facet count %q: %v", wd.text(c), err)
		}
		if i == 0 {
			want = n
		}
		if n < total {
			pick, want = i, n
			break
		}
	}
	value := strings.TrimSpace(wd.text(links[pick]))
	wd.click(links[pick])
	wd.waitURL("filter=")
	chips := wd.findAll(".chip.filter")
	if len(chips) != 1 || !strings.Contains(wd.text(chips[0]), value) {
		t.Errorf("after clicking facet %q, active filters = %d, want 1 naming it", value, len(chips))
	}
	if got := wd.total(); got != want {
		t.Errorf("after clicking facet %q, total = %d, want its count %d", value, got, want)
	}
	if len(wd.findAll("ol.hits mark")) == 0 {
		t.Errorf("no highlighted passages after filtering by %q", value)
	}
	wd.screenshot(filepath.Join(shots, prefix+"filtered.png"))

	wd.setWindow(390, 844)
	wd.navigate(srv.URL + "/?q=" + url.QueryEscape(query))
	wd.screenshot(filepath.Join(shots, prefix+"phone.png"))
	t.Logf("screenshots in %s", shots)
}

// findBrowser returns the paths of chromium and chromedriver, or skips (or
// under CI=true fails) t.
func findBrowser(t *testing.T) (chromium, driver string) {
	t.Helper()
	var missing []string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		missing = append(missing, "chromium")
	}
	driver, err := exec.LookPath("chromedriver")
	if err != nil {
		missing = append(missing, "chromedriver")
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("browser test needs %s on PATH (run .ci/install-chromium)", strings.Join(missing, " and "))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return chromium, driver
}

// webDriver is a minimal client of the W3C WebDriver protocol for one
// session.
type webDriver struct {
	t       *testing.T
	base    string // http://127.0.0.1:PORT/session/ID
	client  *http.Client
	timeout time.Duration
}

// startDriver starts chromedriver and a headless Chromium session, both
// stopped when t ends.
func startDriver(t *testing.T, chromium, driver string) *webDriver {
	t.Helper()
	port := freePort(t)
	dir := t.TempDir()
	cmd := exec.Command(driver, "--port="+strconv.Itoa(port), "--allowed-ips=127.0.0.1", "--log-path="+filepath.Join(dir, "chromedriver.log"))
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", driver, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	root := "http://127.0.0.1:" + strconv.Itoa(port)
	wd := &webDriver{t: t, client: &http.Client{Timeout: 60 * time.Second}, timeout: 20 * time.Second}
	deadline := time.Now().Add(wd.timeout)
	for {
		resp, err := wd.client.Get(root + "/status")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not start on port %d: %v", port, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"goog:chromeOptions": map[string]any{
			"binary": chromium,
			"args": []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1200,1000", "--user-data-dir=" + filepath.Join(dir, "profile")},
		},
	}}}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	wd.do("POST", root+"/session", caps, &sess)
	if sess.SessionID == "" {
		t.Fatalf("chromedriver returned no session id")
	}
	wd.base = root + "/session/" + sess.SessionID
	t.Cleanup(func() {
		req, _ := http.NewRequest("DELETE", wd.base, nil)
		if resp, err := wd.client.Do(req); err == nil {
			resp.Body.Close()
		}
	})
	return wd
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// do sends a WebDriver command and decodes the "value" of the answer into
// out (when not nil), failing the test on a WebDriver error.
func (wd *webDriver) do(method, u string, body, out any) {
	wd.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			wd.t.Fatalf("encode webdriver command: %v", err)
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		wd.t.Fatalf("webdriver %s %s: %v", method, u, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := wd.client.Do(req)
	if err != nil {
		wd.t.Fatalf("webdriver %s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	var env struct {
		Value     json.RawMessage `json:"value"`
		SessionID string          `json:"sessionId"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		wd.t.Fatalf("webdriver %s %s: decode answer: %v", method, u, err)
	}
	if resp.StatusCode != http.StatusOK {
		wd.t.Fatalf("webdriver %s %s: %s: %s", method, u, resp.Status, env.Value)
	}
	if out == nil {
		return
	}
	if err := json.Unmarshal(env.Value, out); err != nil {
		wd.t.Fatalf("webdriver %s %s: decode value %s: %v", method, u, env.Value, err)
	}
}

const elementKey = "element-6066-11e4-a52e-4f735466cecf"

func (wd *webDriver) navigate(u string) {
	wd.t.Helper()
	wd.do("POST", wd.base+"/url", map[string]string{"url": u}, nil)
}

func (wd *webDriver) title() string {
	wd.t.Helper()
	var s string
	wd.do("GET", wd.base+"/title", nil, &s)
	return s
}

func (wd *webDriver) source() string {
	wd.t.Helper()
	var s string
	wd.do("GET", wd.base+"/source", nil, &s)
	return s
}

func (wd *webDriver) find(css string) string {
	wd.t.Helper()
	els := wd.findAll(css)
	if len(els) == 0 {
		wd.t.Fatalf("no element matches %q", css)
	}
	return els[0]
}

func (wd *webDriver) findAll(css string) []string {
	wd.t.Helper()
	var els []map[string]string
	wd.do("POST", wd.base+"/elements", map[string]string{"using": "css selector", "value": css}, &els)
	ids := make([]string, len(els))
	for i, e := range els {
		ids[i] = e[elementKey]
	}
	return ids
}

func (wd *webDriver) sendKeys(el, text string) {
	wd.t.Helper()
	wd.do("POST", wd.base+"/element/"+el+"/value", map[string]string{"text": text}, nil)
}

func (wd *webDriver) click(el string) {
	wd.t.Helper()
	wd.do("POST", wd.base+"/element/"+el+"/click", map[string]string{}, nil)
}

func (wd *webDriver) text(el string) string {
	wd.t.Helper()
	var s string
	wd.do("GET", wd.base+"/element/"+el+"/text", nil, &s)
	return s
}

func (wd *webDriver) attr(el, name string) string {
	wd.t.Helper()
	var s *string
	wd.do("GET", wd.base+"/element/"+el+"/property/"+name, nil, &s)
	if s == nil {
		return ""
	}
	return *s
}

func (wd *webDriver) currentURL() string {
	wd.t.Helper()
	var s string
	wd.do("GET", wd.base+"/url", nil, &s)
	return s
}

// waitURL waits until the current URL contains substr.
func (wd *webDriver) waitURL(substr string) {
	wd.t.Helper()
	deadline := time.Now().Add(wd.timeout)
	for {
		u := wd.currentURL()
		if strings.Contains(u, substr) {
			return
		}
		if time.Now().After(deadline) {
			wd.t.Fatalf("URL %s does not contain %q after %s", u, substr, wd.timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// total reads the hit count shown on the page.
func (wd *webDriver) total() int {
	wd.t.Helper()
	s := strings.TrimSpace(wd.text(wd.find("#total")))
	n, err := strconv.Atoi(s)
	if err != nil {
		wd.t.Fatalf("total %q is not a number", s)
	}
	return n
}

func (wd *webDriver) setWindow(width, height int) {
	wd.t.Helper()
	wd.do("POST", wd.base+"/window/rect", map[string]int{"width": width, "height": height}, nil)
}

// checkJapaneseBold checks that matched Japanese words are bold on the
// page with whatever Japanese font the system has, bold face or not (the
// IPA fonts have none, and are made bold only at weights of 700 and more):
// the same words inside <mark> must cover clearly more pixels than outside
// (measured with the IPA fonts: 1.8 times at weight 700, 1.26 times at 600,
// which did not look bold).
func checkJapaneseBold(t *testing.T, wd *webDriver) {
	t.Helper()
	const words = "宇宙状況監視防衛省"
	var ignored any
	wd.do("POST", wd.base+"/execute/sync", map[string]any{"script": `
		const p = document.createElement("p");
		p.id = "bold-check";
		p.innerHTML = '<span id="bold-plain">` + words + `</span> <mark id="bold-mark">` + words + `</mark>';
		document.querySelector("ol.hits li").appendChild(p);`, "args": []any{}}, &ignored)
	plain := wd.ink(wd.find("#bold-plain"))
	bold := wd.ink(wd.find("#bold-mark"))
	if plain == 0 || float64(bold) < 1.5*float64(plain) {
		t.Errorf("Japanese in <mark> is not bold: %d dark pixels, %d outside a mark", bold, plain)
	}
	wd.do("POST", wd.base+"/execute/sync", map[string]any{"script": `document.getElementById("bold-check").remove();`, "args": []any{}}, &ignored)
}

// ink counts the dark pixels of an element's screenshot: its text, not its
// background.
func (wd *webDriver) ink(el string) int {
	wd.t.Helper()
	var b64 string
	wd.do("GET", wd.base+"/element/"+el+"/screenshot", nil, &b64)
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		wd.t.Fatalf("decode element screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		wd.t.Fatalf("element screenshot: %v", err)
	}
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if (299*r+587*g+114*b)/1000 < 0x6000 {
				n++
			}
		}
	}
	return n
}

func (wd *webDriver) screenshot(path string) {
	wd.t.Helper()
	var b64 string
	wd.do("GET", wd.base+"/screenshot", nil, &b64)
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		wd.t.Fatalf("decode screenshot: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		wd.t.Fatalf("screenshot is not a PNG")
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		wd.t.Fatalf("write screenshot: %v", err)
	}
}
