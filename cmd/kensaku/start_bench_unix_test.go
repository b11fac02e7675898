//go:build unix

package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// The start-up benchmarks run the kensaku binary as a user does, one
// process an iteration, and report per process: wall time (ns/op), CPU
// time (cpu-ms/op) and peak resident memory (rss-MB).

// buildBenchBinary builds the kensaku binary into a temporary directory.
func buildBenchBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "kensaku")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// procStats adds up the CPU time and the peak RSS of the processes run.
type procStats struct {
	cpu   time.Duration
	maxKB int64
	n     int
}

func (s *procStats) add(p *os.ProcessState) {
	s.cpu += p.UserTime() + p.SystemTime()
	if ru, ok := p.SysUsage().(*syscall.Rusage); ok {
		s.maxKB = max(s.maxKB, int64(ru.Maxrss)) // kilobytes on Linux
	}
	s.n++
}

func (s *procStats) report(b *testing.B) {
	if s.n == 0 {
		return
	}
	b.ReportMetric(float64(s.cpu.Microseconds())/1000/float64(s.n), "cpu-ms/op")
	b.ReportMetric(float64(s.maxKB)/1024, "rss-MB")
}

// BenchmarkSearchProcess is the time to first result of "kensaku search
// SSA" on the built-in corpus, the whole process.
func BenchmarkSearchProcess(b *testing.B) {
	bin := buildBenchBinary(b)
	var st procStats
	for b.Loop() {
		cmd := exec.Command(bin, "search", "SSA")
		if out, err := cmd.Output(); err != nil || len(out) == 0 {
			b.Fatalf("kensaku search SSA: %v", err)
		}
		st.add(cmd.ProcessState)
	}
	st.report(b)
}

// BenchmarkServeReady is the time from starting "kensaku serve" on the
// built-in corpus to its first answer from /healthz.
func BenchmarkServeReady(b *testing.B) {
	bin := buildBenchBinary(b)
	const addr = "127.0.0.1:18937"
	client := &http.Client{Timeout: time.Second}
	var st procStats
	for b.Loop() {
		cmd := exec.Command(bin, "serve", "--addr", addr)
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			resp, err := client.Get("http://" + addr + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				b.Fatalf("serve not ready after 30 s: %v", err)
			}
			time.Sleep(200 * time.Microsecond)
		}
		b.StopTimer()
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		st.add(cmd.ProcessState)
		b.StartTimer()
	}
	st.report(b)
}
