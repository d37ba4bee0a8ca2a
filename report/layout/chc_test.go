package layout

import (
	"strings"
	"testing"
)

// TestProseCannotCiteAServicesCodeFigures: refused and acknowledgement
// counts are not columns of the audited by-service grid, so a service's
// cannot be cited beside a suppressed by-service table of that year and
// stage (a small service's refusals could name someone); the council's
// total can.
func TestProseCannotCiteAServicesCodeFigures(t *testing.T) {
	figs := serviceFigures(t, []outcomes{
		{"Housing", 220, 114, 379, 61, 1},
		{"Waste", 130, 79, 302, 46, 1},
		{"Planning", 72, 39, 119, 18, 0},
	})
	for _, tc := range []struct{ text, want string }{
		{`{{ metric "stage1.refused" "2020/21" "Planning" }}`, "refused is not among the figures Table 1 audits, so a service's cannot be cited beside it; cite the council's total"},
		{`{{ metric "stage1.acknowledged_on_time_rate" "2020/21" "Housing" }}`, "acknowledged_on_time_rate is not among the figures Table 1 audits"},
		{`{{ metric "stage1.refused" "2020/21" }}`, ""},
	} {
		r := boundReport(t, `      - text: '`+tc.text+`'
      - metrics_table: {kind: by-service, caption: Complaints by service, year: "2020/21", suppress_below: 5}
`)
		_, errs := Paper(Input{Report: r, Figures: figs})
		got := errs.Errors().Error()
		if tc.want == "" && len(errs.Errors()) > 0 || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: errors %q, want %q", tc.text, got, tc.want)
		}
	}
}
