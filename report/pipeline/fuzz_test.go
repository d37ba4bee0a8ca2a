package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/writers"
)

// FuzzDefinition feeds arbitrary bytes through the pipeline a report.yaml
// takes without data: decoding, the checks, the layout of the paper and
// of its decision notice, and every writer.
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
	if src, err := os.ReadFile(fixture); err == nil {
		// The layout fixture (Part II, no data) with a decision block.
		f.Add(append(src, "\ndecision:\n  status: Deferred\n  resolutions:\n    - \"Defer the review to {{ previous \\\"2026/27\\\" }}.\"\n  reasons: \"*More* figures.\"\n  alternatives: None.\n  conflicts: [Cllr A.]\n  call_in: false\n  urgency: The deadline.\n  published: 2026-12-15\n"...))
	}
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
		plan, errs := layout.Validate(layout.Input{Report: r})
		if errs.HasErrors() {
			return
		}
		docs := []*doc.Document{plan.Layout()}
		if r.Decision != nil {
			// The decision notice of a checked definition renders too.
			docs = append(docs, plan.DecisionNotice(layout.File{Href: "report.pdf", Size: 1}))
		}
		for _, d := range docs {
			for _, w := range writers.All() {
				if _, err := w.Write(io.Discard, d); err != nil {
					t.Fatalf("%s: a checked definition failed to render as %s: %v", d.Meta.Title, w.Name, err)
				}
			}
		}
	})
}
