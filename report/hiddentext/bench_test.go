package hiddentext

import (
	"bytes"
	"path/filepath"
	"testing"

	pdfw "github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// BenchmarkScanExample scans the example paper's PDF (9 pages, 4 charts,
// tables), as a pack scans an outside PDF of that size.
func BenchmarkScanExample(b *testing.B) {
	p, errs := pipeline.Prepare(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), pipeline.Options{})
	if errs.HasErrors() {
		b.Fatal(errs)
	}
	var pdf bytes.Buffer
	if _, err := pdfw.Write(&pdf, p.Doc); err != nil {
		b.Fatal(err)
	}
	ctx := read(b, pdf.Bytes())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scan(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
