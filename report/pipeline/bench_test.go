package pipeline_test

import (
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pipeline"
)

// BenchmarkBuildExamplePDF builds the example paper's PDF as `paper build
// --format pdf` does: reading the definition and data, computing the
// figures, laying out and writing the file. Fonts are parsed once per
// process (report/pdf's font cache), so from the second iteration on this
// is the work of a document after the first in a pack; profile it with
//
//	go test -run '^$' -bench BuildExamplePDF -benchtime 40x -cpuprofile cpu.prof ./report/pipeline/
func BenchmarkBuildExamplePDF(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	start := tooltest.CPUTime()
	for b.Loop() {
		if _, err := pipeline.Build("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{OutDir: out, Formats: []string{"pdf"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
