package bench

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Machine describes the computer a run happened on.
type Machine struct {
	OS       string `json:"os"`
	CPU      string `json:"cpu"`
	Cores    int    `json:"cores"`
	MemoryMB int64  `json:"memory_mb"`
	Go       string `json:"go"`
	LoadAvg  string `json:"load_avg"` // 1, 5, 15 minute load averages when read
}

// ReadMachine reads what it can of the machine from /proc and uname.
func ReadMachine() Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if out, err := exec.Command("uname", "-srm").Output(); err == nil {
		m.OS = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/etc/debian_version"); err == nil {
		m.OS += ", Debian " + strings.TrimSpace(string(b))
	}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb := procField("/proc/meminfo", "MemTotal"); kb != "" {
		var n int64
		for _, r := range kb {
			if r >= '0' && r <= '9' {
				n = n*10 + int64(r-'0')
			} else if n > 0 {
				break
			}
		}
		m.MemoryMB = n / 1024
	}
	m.LoadAvg = LoadAvg()
	return m
}

// LoadAvg returns the three load averages of /proc/loadavg, or "".
func LoadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
