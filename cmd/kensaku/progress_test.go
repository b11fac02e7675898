package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kensaku/kensaku/indexer"
)

// stageLines writes a line at each stage of a build and, while passages
// are indexed, one every interval of the build's time, so that a log of a
// long build shows it moving.
func TestStageLines(t *testing.T) {
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	tests := []struct {
		name     string
		progress []indexer.Progress
		want     string
	}{
		{name: "short build: the stages only", progress: []indexer.Progress{
			{Passages: 10, Bytes: 1e5, Elapsed: sec(0.5)},
			{Passages: 20, Bytes: 2e5, Elapsed: sec(1), Done: true},
			{Passages: 20, Bytes: 2e5, Elapsed: sec(1.2), Done: true, Stage: "merging"},
			{Passages: 20, Bytes: 2e5, Elapsed: sec(1.5), Done: true, Stage: "publishing"},
		}, want: "kensaku: indexing\n" +
			"kensaku: merging (20 passages, 0.2 MB, 1.2s)\n" +
			"kensaku: publishing (20 passages, 0.2 MB, 1.5s)\n"},
		{name: "long indexing: a line every 10 s", progress: []indexer.Progress{
			{Passages: 1000, Bytes: 1e6, Elapsed: sec(4)},
			{Passages: 2000, Bytes: 2e6, Elapsed: sec(9.9)},
			{Passages: 3000, Bytes: 3e6, Elapsed: sec(10.2)},
			{Passages: 4000, Bytes: 4e6, Elapsed: sec(15)},
			{Passages: 5000, Bytes: 5e6, Elapsed: sec(20.3)},
			{Passages: 6000, Bytes: 6e6, Elapsed: sec(31)},
			{Passages: 6000, Bytes: 6e6, Elapsed: sec(31.5), Done: true},
			{Passages: 6000, Bytes: 6e6, Elapsed: sec(41.5), Done: true},
			{Passages: 6000, Bytes: 6e6, Elapsed: sec(45), Done: true, Stage: "merging"},
			{Passages: 6000, Bytes: 6e6, Elapsed: sec(70), Done: true, Stage: "merging"},
		}, want: "kensaku: indexing\n" +
			"kensaku: indexing (3000 passages, 3.0 MB, 10.2s)\n" +
			"kensaku: indexing (5000 passages, 5.0 MB, 20.3s)\n" +
			"kensaku: indexing (6000 passages, 6.0 MB, 31s)\n" +
			"kensaku: indexing (6000 passages, 6.0 MB, 41.5s)\n" +
			"kensaku: merging (6000 passages, 6.0 MB, 45s)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			show := stageLines(&b, 10*time.Second)
			for _, p := range tt.progress {
				show(p)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}
