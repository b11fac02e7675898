package indexer

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// shareFiles gives the files and directories under dir the permissions a
// new file gets from the process's umask (0644 and 0755 under the usual
// 022). Bleve creates its segment files 0600 in 0700 directories, which
// a service running as another user could not read.
func shareFiles(dir string) error {
	mask := umask()
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o666)
		if d.IsDir() {
			mode = 0o777
		} else if !d.Type().IsRegular() {
			return nil
		}
		return os.Chmod(path, mode&^mask)
	})
}

// umask returns the process's file mode creation mask, read from
// /proc/self/status (Linux); elsewhere, or when it cannot be read, the
// usual 022. Setting the mask to read it back would race with files
// created by other goroutines.
func umask() fs.FileMode {
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return fs.FileMode(m)
				}
			}
		}
	}
	return 0o022
}
