package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestAxe runs axe-core in headless Chromium over the example paper's
// page and the fixture with every block kind: no WCAG 2.0, 2.1 or 2.2 A
// or AA rule may be violated.
func TestAxe(t *testing.T) {
	axe := tooltest.RequireAxe(t)
	dir := t.TempDir()
	var paths []string
	for name, page := range map[string][]byte{
		"example.html": write(t, exampleDoc(t, true)),
		"fixture.html": write(t, fixture()),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	axe.Check(t, paths...)
}
