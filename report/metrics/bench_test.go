package metrics_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/paperhq/paper/bench/synth"
	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
)

// million is a synthetic 1,000,000-row case log (about 75 MB), made once.
var million = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 1000000, 1); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkMetrics1M reads and computes a 1,000,000-row case log, as
// `paper metrics` does after loading the file: the target is under
// a second and 300 MB on a 2-core machine (bench/metrics.sh measures the
// whole command, with its memory, against Miller).
//
//	go test -run XXX -bench Metrics1M -benchmem ./report/metrics/
func BenchmarkMetrics1M(b *testing.B) {
	data := million()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		log, err := caselog.ReadCSV("complaints.csv", data, caselog.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := metrics.Compute(log, metrics.Options{})
		if c.Years["2020/21"].Stage1.Received == 0 {
			b.Fatal("no stage 1 complaints in 2020/21")
		}
	}
}

// BenchmarkCompute1M is the counting alone, on rows already read.
func BenchmarkCompute1M(b *testing.B) {
	log, err := caselog.ReadCSV("complaints.csv", million(), caselog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		metrics.Compute(log, metrics.Options{})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(log.Rows)), "ns/row")
}

// BenchmarkComputeOneWorker is BenchmarkCompute1M on one goroutine, to
// show what the parallel pass gains.
func BenchmarkComputeOneWorker(b *testing.B) {
	log, err := caselog.ReadCSV("complaints.csv", million(), caselog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		metrics.Compute(log, metrics.Options{Workers: 1})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(log.Rows)), "ns/row")
}

// BenchmarkRead1M is the case-log reader alone (the parallel byte-level
// parser), the larger part of BenchmarkMetrics1M.
func BenchmarkRead1M(b *testing.B) {
	data := million()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := caselog.ReadCSV("complaints.csv", data, caselog.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadStraightforward1M reads with encoding/csv instead, the
// reader's fallback, for comparison.
func BenchmarkReadStraightforward1M(b *testing.B) {
	data := million()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := caselog.ReadCSV("complaints.csv", data, caselog.Options{Straightforward: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// millionFile is the synthetic 1,000,000-row case log written to a
// file, for the streaming reader, which reads files.
func millionFile(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "complaints.csv")
	if err := os.WriteFile(path, million(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkStream1M reads and counts a 1,000,000-row case log as `paper
// metrics` does, streaming it: rows counted as they are read, none kept.
// Compare BenchmarkMetrics1M, which stores the rows (and starts from the
// file in memory).
//
//	go test -run XXX -bench 'Stream1M|Metrics1M' -benchmem ./report/metrics/
func BenchmarkStream1M(b *testing.B) {
	path := millionFile(b)
	b.SetBytes(int64(len(million())))
	b.ResetTimer()
	for b.Loop() {
		c, _, err := metrics.Stream(path, caselog.Options{}, metrics.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if c.Years["2020/21"].Stage1.Received == 0 {
			b.Fatal("no stage 1 complaints in 2020/21")
		}
	}
}
