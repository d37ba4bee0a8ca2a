package charts_test

import (
	"io"
	"testing"

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
