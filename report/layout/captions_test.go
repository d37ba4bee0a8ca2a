package layout_test

import (
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

// TestFiguresAreListed checks that a paper with charts ends with a list
// of its numbered tables and figures, each with its section, and that a
// paper without figures has none.
func TestFiguresAreListed(t *testing.T) {
	p, errs, _ := paper(t, `      - metrics_table: {kind: ombudsman-enquiries, caption: Enquiries answered on time}
      - chart: {kind: trend, stage: ombudsman, caption: Enquiries and the share on time}
      - chart: {kind: funnel}
`, reference001(), "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	out := doc.Outline(p.Doc)
	i := strings.Index(out, `h1 "" "Tables and figures in this report"`)
	if i < 0 {
		t.Fatalf("no list of tables and figures:\n%s", out)
	}
	for _, want := range []string{
		`p "Table 1: Enquiries answered on time (section 1)"`,
		`p "Figure 1: Enquiries and the share on time (section 1)"`,
		`p "Figure 2: Complaints escalated from stage 1 to the Ombudsman, 2020/21 (section 1)"`,
	} {
		if !strings.Contains(out[i:], want) {
			t.Errorf("the list lacks %s:\n%s", want, out[i:])
		}
	}

	p, errs, _ = paper(t, `      - metrics_table: {kind: ombudsman-enquiries, caption: Enquiries answered on time}
`, reference001(), "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if strings.Contains(doc.Outline(p.Doc), "Tables and figures") {
		t.Error("a paper without figures lists its tables")
	}
}
