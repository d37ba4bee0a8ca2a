package pdf_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// BenchmarkWriteExample writes the example paper's PDF (nine pages, three
// charts, six tables) from its finished document tree: the writer alone,
// without reading the definition or computing figures. It reports CPU
// time as well as wall time: on a shared machine the wall time swings
// with other work, the CPU time much less.
//
//	go test -run '^$' -bench 'Write(Example|Sample)' -benchtime 20x -count 5 ./report/pdf/
func BenchmarkWriteExample(b *testing.B) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", false)
	if p == nil || errs.HasErrors() {
		b.Fatal(errs)
	}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := pdf.Write(&bytes.Buffer{}, p.Doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkWriteSample writes the test sample (front sheet, body, a long
// table, a chart, a character only the fallback font has).
func BenchmarkWriteSample(b *testing.B) {
	d := doctest.Sample()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := pdf.Write(&bytes.Buffer{}, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
