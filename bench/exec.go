package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Run is the outcome of one child process run by [RunTool].
type Run struct {
	Wall      time.Duration // from start to exit
	PeakRSSKB int64         // peak resident set size of the child, KiB
}

// GNUTime is GNU time (Debian package time). RunTool starts children
// through it when present, because Linux charges a child started from a
// large process with that process's peak RSS: the kernel keeps the
// pre-exec address space's high-water mark in the child's ru_maxrss.
const GNUTime = "/usr/bin/time"

// RunTool runs name with args, feeding stdin (may be nil) and copying the
// child's standard output to stdout (may be nil). It returns the wall time
// and peak RSS of the child. A failed run's error includes the tail of the
// child's standard error.
func RunTool(ctx context.Context, stdin io.Reader, stdout io.Writer, name string, args ...string) (Run, error) {
	var rssFile string
	if _, err := os.Stat(GNUTime); err == nil {
		if f, err := os.CreateTemp("", "bench-rss"); err == nil {
			rssFile = f.Name()
			f.Close()
			defer os.Remove(rssFile)
			args = append([]string{"-f", "%M", "-o", rssFile, name}, args...)
			name = GNUTime
		}
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = stdin
	cmd.Stdout = stdout
	var stderr tailBuffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := Run{Wall: time.Since(start), PeakRSSKB: ChildRSSKB(cmd.ProcessState)}
	if rssFile != "" {
		r.PeakRSSKB = 0
		if b, err := os.ReadFile(rssFile); err == nil {
			// GNU time writes "Command exited with non-zero status N" first on failure.
			f := strings.Fields(string(b))
			if len(f) > 0 {
				r.PeakRSSKB, _ = strconv.ParseInt(f[len(f)-1], 10, 64)
			}
		}
	}
	if err != nil {
		return r, fmt.Errorf("run %s: %w: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return r, nil
}

// tailBuffer keeps the last 2 KiB written to it.
type tailBuffer struct{ b bytes.Buffer }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b.Write(p)
	if t.b.Len() > 4096 {
		rest := t.b.Bytes()[t.b.Len()-2048:]
		t.b = *bytes.NewBuffer(append([]byte(nil), rest...))
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return t.b.String() }

// LookTool reports whether the program name is on PATH, as an error
// wrapping [ErrUnavailable] when it is not.
func LookTool(name, debianPackage string) error {
	if _, err := exec.LookPath(name); err != nil {
		return fmt.Errorf("%w: %s not found (Debian package %s)", ErrUnavailable, name, debianPackage)
	}
	return nil
}
