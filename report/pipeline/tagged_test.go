package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestPapersArePDFUA builds the example papers and the layout fixture (a
// Part II paper with a stamp, as a draft too) as paper build does and
// checks their PDFs as published documents must be: cpdf's PDF/UA-1
// Matterhorn check reports nothing, and the structure tree read back has
// every operator tagged or an artifact, the stamp read once, and Figures
// with their alternative text.
func TestPapersArePDFUA(t *testing.T) {
	tooltest.Cpdf(t)
	for _, tc := range []struct {
		name, def      string
		draft, stamped bool
	}{
		{"example paper", filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), false, false},
		{"Part II example", filepath.Join("..", "..", "examples", "meeting", "settlement", "report.yaml"), false, true},
		{"layout fixture, draft", fixture, true, true},
	} {
		out := t.TempDir()
		buildTo(t, tc.def, out, Options{Formats: []string{"pdf"}, Draft: tc.draft})
		path := filepath.Join(out, "report.pdf")
		if out := tooltest.Matterhorn(t, path); out != "" {
			t.Errorf("%s: cpdf's PDF/UA-1 check reports:\n%s", tc.name, out)
		}
		tree, err := pdftags.Read(path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, p := range tree.Problems {
			t.Errorf("%s: %s", tc.name, p)
		}
		if len(tree.Elems) == 0 {
			t.Fatalf("%s: empty structure tree", tc.name)
		}
		all := tree.Elems[0].Text
		want := 0
		if tc.stamped {
			want = 1
		}
		if n := strings.Count(all, "NOT FOR PUBLICATION"); n != want {
			t.Errorf("%s: the stamp is read %d times, want %d", tc.name, n, want)
		}
		for _, e := range tree.Elems {
			if e.Role == "Figure" && e.Alt == "" {
				t.Errorf("%s: a Figure without /Alt", tc.name)
			}
		}
	}
}
