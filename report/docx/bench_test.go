package docx

import (
	"io"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// withoutFigures returns the sample with its figure removed: the cost of
// the document itself.
func withoutFigures() *doc.Document {
	d := doctest.Sample()
	var blocks []doc.Block
	for _, b := range d.Blocks {
		if _, ok := b.(*doc.Figure); !ok {
			blocks = append(blocks, b)
		}
	}
	d.Blocks = blocks
	return d
}

// BenchmarkWriteSample writes the whole sample, chart included.
func BenchmarkWriteSample(b *testing.B) {
	d := doctest.Sample()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSampleNoFigures writes the sample without its chart.
func BenchmarkWriteSampleNoFigures(b *testing.B) {
	d := withoutFigures()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderFigure renders the sample's bar chart to PNG at the
// text width (170 mm: 1339 px, 200 dpi).
func BenchmarkRenderFigure(b *testing.B) {
	g := doctest.BarGraphic()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := renderPNG(g, 170/25.4); err != nil {
			b.Fatal(err)
		}
	}
}
