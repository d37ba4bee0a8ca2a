package html_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/style"
)

// TestAxe runs axe-core in headless Chromium over the example paper's
// page, the fixture with every block kind, the complaints-annual-report
// template's page (heat map, self-assessment forms, case summaries, the
// Housing Ombudsman's table) and the decision notices of the examples
// (paper decision --format html): no WCAG 2.0, 2.1 or 2.2 A or AA rule
// may be violated.
func TestAxe(t *testing.T) {
	axe := tooltest.RequireAxe(t)
	dir := t.TempDir()
	var paths []string
	for name, page := range map[string][]byte{
		"example.html":          write(t, exampleDoc(t, true)),
		"fixture.html":          write(t, fixture()),
		"decision.html":         write(t, decisionDoc(t, example)),
		"decision-part-ii.html": write(t, decisionDoc(t, settlement)),
		"styled.html":           write(t, styledFixture(t)),
		"annual-report.html":    write(t, preparedDoc(t, annualReport)),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	axe.Check(t, paths...)
}

// annualReport is the paper paper new complaints-annual-report writes.
const annualReport = "../../templates/new/complaints-annual-report/report.yaml"

// preparedDoc lays out the paper at def as paper build does.
func preparedDoc(t testing.TB, def string) *doc.Document {
	t.Helper()
	return prepared(t, def).Doc
}

// styledFixture is the fixture in the shipped heritage style (its
// colours and palette) with a logo at the top.
func styledFixture(t *testing.T) *doc.Document {
	st, errs := style.Shipped("heritage")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	d := fixture()
	d.Style = st.Doc
	d.Blocks = append([]doc.Block{doctest.Logo()}, d.Blocks...)
	return d
}
