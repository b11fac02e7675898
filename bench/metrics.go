package bench

import (
	"math"
	"slices"
	"time"
)

// Quality holds retrieval quality over a set of judged questions.
type Quality struct {
	Questions int     // questions judged
	MRR10     float64 // mean reciprocal rank of the first relevant hit in the top 10 (0 if none)
	Recall1   float64 // share of questions whose first hit is relevant
	Recall10  float64 // share of questions with a relevant hit in the top 10
}

// Judge scores answers against the relevant ids of qs; answers[i] belongs
// to qs[i]. A question counts as found at the rank of its first relevant
// id.
func Judge(qs []Query, answers [][]string) Quality {
	var q Quality
	for i, query := range qs {
		q.Questions++
		if i >= len(answers) {
			continue
		}
		rel := map[string]bool{}
		for _, r := range query.Relevant {
			rel[r] = true
		}
		for rank, id := range answers[i] {
			if rank >= 10 {
				break
			}
			if rel[id] {
				q.MRR10 += 1 / float64(rank+1)
				q.Recall10++
				if rank == 0 {
					q.Recall1++
				}
				break
			}
		}
	}
	if q.Questions > 0 {
		n := float64(q.Questions)
		q.MRR10 /= n
		q.Recall1 /= n
		q.Recall10 /= n
	}
	return q
}

// Latency summarises per-question times.
type Latency struct {
	N    int
	Mean time.Duration
	P50  time.Duration
	P99  time.Duration
}

// Summarize computes the mean and the nearest-rank 50th and 99th
// percentiles of ds. It returns the zero Latency for no durations.
func Summarize(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latency{
		N:    len(s),
		Mean: sum / time.Duration(len(s)),
		P50:  percentile(s, 50),
		P99:  percentile(s, 99),
	}
}

// percentile returns the nearest-rank p-th percentile of sorted s.
func percentile(s []time.Duration, p float64) time.Duration {
	r := int(math.Ceil(p / 100 * float64(len(s))))
	r = min(max(r, 1), len(s))
	return s[r-1]
}
