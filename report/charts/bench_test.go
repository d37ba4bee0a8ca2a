package charts_test

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/paperhq/paper/report/build"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/pdf"
)

// BenchmarkPDF writes every fixture chart, with its table, as a PDF.
func BenchmarkPDF(b *testing.B) {
	d := chartDoc(charts.Fixtures())
	for b.Loop() {
		if _, err := pdf.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDOCX writes every fixture chart, with its table, as a DOCX:
// mostly the cost of drawing the PNGs.
func BenchmarkDOCX(b *testing.B) {
	d := chartDoc(charts.Fixtures())
	for b.Loop() {
		if err := docx.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExamplePaper builds the example paper, with its charts, in
// both formats as `paper build` does: definition, case log and letter,
// figures, layout, PDF and DOCX, written to disk. The target is well
// under 150 ms on a 2-core machine.
func BenchmarkExamplePaper(b *testing.B) {
	path := filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	out := b.TempDir()
	start := cpuTime()
	for b.Loop() {
		if _, err := build.Build(path, build.Options{OutDir: out}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time as well as wall time: on a shared machine the wall time
	// swings with other work, the CPU time much less.
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
