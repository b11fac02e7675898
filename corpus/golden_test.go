package corpus

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestSeedGolden checks the passages of the built-in seed page against
// testdata/seed.golden.jsonl, reviewed by eye against the raw page.
func TestSeedGolden(t *testing.T) {
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, p := range Builtin() {
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
	}
	golden := filepath.Join("testdata", "seed.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("seed passages differ from %s (-want +got):\n%s", golden, diff)
	}
}
