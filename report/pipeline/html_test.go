package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/layout"
)

// TestAppendixFiles checks the addresses the web page links appendices
// by: relative to the folder the page is written to, escaped, with the
// file's size; nothing for an appendix without a readable file.
func TestAppendixFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "appendix a.pdf"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &definition.Report{Dir: dir, Appendices: []definition.Appendix{
		{Ref: "A", File: "appendix a.pdf"}, {Ref: "B"}, {Ref: "C", File: "missing.pdf"},
	}}
	for out, want := range map[string]string{
		"":                           "appendix%20a.pdf",
		dir:                          "appendix%20a.pdf",
		filepath.Join(dir, "web"):    "../appendix%20a.pdf",
		filepath.Join(dir, "a", "b"): "../../appendix%20a.pdf",
	} {
		got := appendixFiles(r, out)
		if len(got) != 3 || got[0] != (layout.File{Href: want, Size: 2048}) || got[1] != (layout.File{}) || got[2] != (layout.File{}) {
			t.Errorf("out %q: %+v, want %q first", out, got, want)
		}
	}
}

// TestFormatsOfABuild checks that a build naming no format writes the
// PDF and the DOCX only, and one asking for html the page alone, with
// the appendices linked from where it is.
func TestFormatsOfABuild(t *testing.T) {
	def := filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	out := t.TempDir()
	res := buildTo(t, def, out, Options{})
	if got := strings.Join(res.Files, " "); got != filepath.Join(out, "report.docx")+" "+filepath.Join(out, "report.pdf") {
		t.Errorf("default build wrote %s", got)
	}
	web := filepath.Join(out, "web")
	res = buildTo(t, def, web, Options{Formats: []string{"html"}})
	if len(res.Files) != 1 || filepath.Base(res.Files[0]) != "report.html" {
		t.Fatalf("html build wrote %v", res.Files)
	}
	page, err := os.ReadFile(res.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join("..", "..", "examples", "lgsco-annual-review", "appendix-a.pdf"))
	rel, _ := filepath.Rel(web, abs)
	if want := `href="` + filepath.ToSlash(rel) + `"`; !strings.Contains(string(page), want) {
		t.Errorf("the page does not link appendix A as %s", want)
	}
}
