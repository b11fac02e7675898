//go:build unix

package analyzers

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) the process has used so
// far, GC workers included. Benchmarks report throughput per CPU second
// as well as per wall second, because the wall clock is unreliable on a
// machine shared with other jobs.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
