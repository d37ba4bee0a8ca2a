package charts_test

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
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
// "native" as Word charts (the funnel an SVG picture), "picture" as
// docx_charts: picture writes them, mostly the cost of drawing the PNGs.
func BenchmarkDOCX(b *testing.B) {
	for _, m := range []struct {
		name string
		d    *doc.Document
	}{{"native", chartDoc(charts.Fixtures())}, {"picture", pictureDoc(charts.Fixtures())}} {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				if err := docx.Write(io.Discard, m.d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExamplePaper builds the example paper, with its charts, in
// both formats as `paper build` does: definition, case log and letter,
// figures, layout, PDF and DOCX, written to disk. The target is well
// under 150 ms on a 2-core machine. "without-charts" builds the same
// paper with its chart blocks taken out, to show what the charts cost.
func BenchmarkExamplePaper(b *testing.B) {
	example := filepath.Join("..", "..", "examples", "lgsco-annual-review")
	b.Run("with-charts", func(b *testing.B) { benchBuild(b, filepath.Join(example, "report.yaml")) })
	b.Run("without-charts", func(b *testing.B) {
		benchBuild(b, copyExample(b, withoutCharts))
	})
}

func benchBuild(b *testing.B, path string) {
	out := b.TempDir()
	start := tooltest.CPUTime()
	for b.Loop() {
		if _, err := pipeline.Build(path, pipeline.Options{OutDir: out}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time as well as wall time: on a shared machine the wall time
	// swings with other work, the CPU time much less.
	b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// withoutCharts drops every "- chart:" block item from a report.yaml.
func withoutCharts(src []byte) []byte {
	var out []string
	skip := -1 // indentation of the chart item being dropped
	for _, l := range strings.Split(string(src), "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if skip >= 0 && (strings.TrimSpace(l) == "" || indent > skip) {
			continue
		}
		skip = -1
		if strings.HasPrefix(strings.TrimSpace(l), "- chart:") {
			skip = indent
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, "\n"))
}
