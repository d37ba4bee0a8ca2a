package pdf_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOnlyPDFImportsFpdf: report/pdf is the one PDF path. No other
// package of the module, tests included, imports third_party/fpdf: the
// pack's furniture and every other PDF paper writes go through
// report/pdf.
func TestOnlyPDFImportsFpdf(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipping: the go command is not on PATH")
	}
	const fpdf = "github.com/paperhq/paper/third_party/fpdf"
	out, err := exec.Command("go", "list", "-f",
		`{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}`,
		"github.com/paperhq/paper/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		checked++
		pkg := f[0]
		if pkg == "github.com/paperhq/paper/report/pdf" || strings.HasPrefix(pkg, fpdf) {
			continue
		}
		for _, imp := range f[1:] {
			if imp == fpdf || strings.HasPrefix(imp, fpdf+"/") {
				t.Errorf("%s imports %s: only report/pdf may draw PDF through fpdf", pkg, imp)
			}
		}
	}
	if checked < 10 {
		t.Fatalf("go list listed %d packages; expected the whole module:\n%s", checked, out)
	}
}
