package preview

import (
	"path/filepath"
	"testing"
)

// BenchmarkRebuild measures one rebuild of the example paper after an
// edit: looking at its inputs, check (the PDF rendered in memory for
// the page count), the page written and the preview's lines added.
func BenchmarkRebuild(b *testing.B) {
	s, err := New(filepath.Join(example, "report.yaml"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.rebuild()
	}
}
