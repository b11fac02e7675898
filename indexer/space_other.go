//go:build !unix

package indexer

// freeSpace cannot tell the free space here.
func freeSpace(dir string) (uint64, bool) { return 0, false }
