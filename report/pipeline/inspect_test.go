package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInspect checks that Inspect reports what Check reports and hands
// back the paper only when it has no errors.
func TestInspect(t *testing.T) {
	src, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "report.yaml")
	os.WriteFile(broken, []byte(strings.Replace(string(src), "meeting_date:", "meeting_dat:", 1)), 0o644)
	for _, tt := range []struct {
		path  string
		paper bool
	}{
		{fixture, true},
		{broken, false},
		{filepath.Join(t.TempDir(), "missing.yaml"), false},
	} {
		p, l := Inspect(tt.path, Options{})
		if (p != nil) != tt.paper {
			t.Errorf("%s: paper %v, want %v (%v)", tt.path, p != nil, tt.paper, l)
		}
		if want := Check(tt.path); !slices.Equal(l, want) {
			t.Errorf("%s: Inspect reports\n%v\nCheck reports\n%v", tt.path, l, want)
		}
		if !tt.paper && !l.HasErrors() {
			t.Errorf("%s: no errors", tt.path)
		}
	}
}
