package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIndexFileSizeLimit runs "kensaku index" under a file-size limit
// (ulimit -f: writes past it fail with EFBIG, as on a full disk) and
// checks that the build fails with exit status 1 and a message naming
// the index and the lack of space, removes its temporary directory and
// leaves the previous index serving. A full disk once made a build panic
// inside Bleve (exit 2, the usage code) or hang.
func TestIndexFileSizeLimit(t *testing.T) {
	tmp, bin, passages := buildForKills(t)
	small := filepath.Join(tmp, "small.jsonl")
	writeFile(t, small, `{"id":"s1","text":"宇宙状況監視（SSA）の能力を高める。"}`+"\n")
	ix := filepath.Join(tmp, "ix")
	if out, err := exec.Command(bin, "index", "--index", ix, small).CombinedOutput(); err != nil {
		t.Fatalf("small build: %v\n%s", err, out)
	}
	// 400 blocks (of 512 or 1024 bytes): less than a batch's segment.
	cmd := exec.Command("sh", "-c", `ulimit -f 400 && exec "$0" "$@"`, bin, "index", "--quiet", "--index", ix, passages)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("index under ulimit -f 400: %v, want exit status 1\n%s", err, out)
	}
	if msg := string(out); !strings.Contains(msg, "not enough disk space") || !strings.Contains(msg, ix) {
		t.Errorf("index under ulimit -f 400 says\n%s\nwant a lack of space naming %s", msg, ix)
	}
	entries, _ := os.ReadDir(ix)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "tmp-") {
			t.Errorf("the failed build left %s", e.Name())
		}
	}
	res, err := exec.Command(bin, "search", "--index", ix, "--json", "--ids-only", "SSA").Output()
	if err != nil || !strings.Contains(string(res), `"s1"`) {
		t.Errorf("search after the failed build: %v\n%s\nwant the previous index's passage s1", err, res)
	}
}
