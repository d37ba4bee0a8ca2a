package hostile

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestCasesWellFormed(t *testing.T) {
	for _, c := range Cases() {
		if !validName.MatchString(c.Name) {
			t.Errorf("case %q: name must be lower case words joined by hyphens", c.Name)
		}
		if c.About == "" || c.Build == nil {
			t.Errorf("case %q: About and Build are required", c.Name)
		}
		if len(c.Absent)+len(c.Visible) == 0 && c.Hidden == "" && c.Err == "" {
			t.Errorf("case %q asserts nothing: give Absent, Visible, Hidden or Err", c.Name)
		}
		data := c.Build()
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("case %q does not build a PDF", c.Name)
		}
		if !bytes.Equal(data, c.Build()) {
			t.Errorf("case %q builds different bytes each time", c.Name)
		}
	}
}

// TestFixturesUpToDate checks fixtures/hostile holds what the generator
// writes, so the files a person opens are the files the tests use.
func TestFixturesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "fixtures", "hostile")
	for name, want := range Files() {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("fixtures/hostile/%s is out of date: run go run ./report/internal/hostile/gen fixtures/hostile", name)
		}
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	files := Files()
	for _, p := range old {
		if _, ok := files[filepath.Base(p)]; !ok {
			t.Errorf("fixtures/hostile/%s belongs to no case: run the generator", filepath.Base(p))
		}
	}
}
