package pdf_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// BenchmarkWriteExample writes the example paper's PDF (nine pages, three
// charts, six tables) from its finished document tree: the writer alone,
// without reading the definition or computing figures. It reports CPU
// time as well as wall time: on a shared machine the wall time swings
// with other work, the CPU time much less.
//
//	go test -run '^$' -bench 'Write(Example|Sample|StyledSample)' -benchtime 20x -count 5 ./report/pdf/
func BenchmarkWriteExample(b *testing.B) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{})
	if p == nil || errs.HasErrors() {
		b.Fatal(errs)
	}
	benchmarkWrite(b, p.Doc)
}

// BenchmarkWriteSample writes the test sample (front sheet, body, a long
// table, a chart, a character only the fallback font has).
func BenchmarkWriteSample(b *testing.B) { benchmarkWrite(b, doctest.Sample()) }

// BenchmarkWriteStyledSample writes the sample in a house style's fonts
// (Liberation Serif body, DejaVu Serif headings, the chart in the body
// font): the cost of embedding a style's fonts beside
// BenchmarkWriteSample's.
func BenchmarkWriteStyledSample(b *testing.B) {
	benchmarkWrite(b, doctest.StyledSample(doctest.SerifBody(), doctest.SerifHeadings()))
}

// benchmarkWrite writes d b.N times, reporting CPU time as well.
func benchmarkWrite(b *testing.B, d *doc.Document) {
	b.ReportAllocs()
	start := tooltest.CPUTime()
	for b.Loop() {
		if _, err := pdf.Write(&bytes.Buffer{}, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
