package docx_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pipeline"
)

// BenchmarkWriteExample writes the example paper's tree (three native
// charts with their workbooks, the funnel as an SVG picture with a PNG
// fallback) as `paper build` does, into a buffer; the definition is read
// and laid out once, outside the loop. Profile it with
//
//	go test -run '^$' -bench WriteExample -benchtime 200x -cpuprofile cpu.prof -memprofile mem.prof ./report/docx/
func BenchmarkWriteExample(b *testing.B) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{})
	if p == nil || errs.HasErrors() {
		b.Fatal(errs)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	start := tooltest.CPUTime()
	for b.Loop() {
		buf = bytes.Buffer{}
		if err := docx.Write(&buf, p.Doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}
