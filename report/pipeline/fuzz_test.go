package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pdf"
)

// FuzzDefinition feeds arbitrary bytes through the pipeline a report.yaml
// takes without data: decoding, the checks, the layout and both writers.
// Whatever the input, each stage returns problems or output; none panics,
// and a definition that passes the checks always renders.
//
//	go test ./report/pipeline -run '^$' -fuzz FuzzDefinition -fuzztime 60s
func FuzzDefinition(f *testing.F) {
	for _, p := range []string{fixture, filepath.Join("..", "..", "templates", "new", "blank", "report.yaml")} {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(controlDefinition))
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "invalid", "*.yaml"))
	for _, p := range seeds {
		if src, err := os.ReadFile(p); err == nil && len(src) < 4096 {
			f.Add(src)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		r, errs := definition.Parse(filepath.Join(dir, "report.yaml"), src)
		if errs.HasErrors() {
			return
		}
		if errs := definition.Check(r, nil); errs.HasErrors() {
			return
		}
		d, errs := layout.Paper(layout.Input{Report: r})
		if errs.HasErrors() {
			return
		}
		if _, err := pdf.Write(io.Discard, d); err != nil {
			t.Fatalf("a checked definition failed to render as PDF: %v", err)
		}
		if err := docx.Write(io.Discard, d); err != nil {
			t.Fatalf("a checked definition failed to render as DOCX: %v", err)
		}
	})
}
