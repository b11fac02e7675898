package kensaku

import (
	"os"
	"testing"
)

func TestProcMemory(t *testing.T) {
	rss, hwm, err := procMemory(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if rss <= 0 || hwm < rss {
		t.Errorf("procMemory = VmRSS %d KiB, VmHWM %d KiB; want 0 < RSS <= HWM", rss, hwm)
	}
	if _, _, err := procMemory(-1); err == nil {
		t.Error("procMemory(-1): no error")
	}
}

func TestTailBuffer(t *testing.T) {
	var b tailBuffer
	for range 1000 {
		b.Write([]byte("level=INFO msg=request status=200\n"))
	}
	b.Write([]byte("level=ERROR msg=\"listen: address already in use\"\n"))
	if got, want := lastLine(b.String()), `level=ERROR msg="listen: address already in use"`; got != want {
		t.Errorf("lastLine = %q, want %q", got, want)
	}
	if n := len(b.String()); n > 8192 {
		t.Errorf("tailBuffer holds %d bytes, want at most 8192", n)
	}
}
