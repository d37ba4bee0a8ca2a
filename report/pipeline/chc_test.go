package pipeline

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestHousingOmbudsmanPaper builds fixtures/chc/report.yaml and reads the
// PDF back: the prose and the housing-ombudsman table print the figures
// worked out by hand from housing-ombudsman.yaml (34 determinations, 30
// with a finding, 13 of them maladministration: 43%; 37 of 41 orders on
// time: 90%; Eastmoor 7 of 22: 32%, 21 of 22: 95%; Westbrook 20 of 36:
// 56%, 44 of 58: 76%; 34, 24 and 42 determinations per 14,250, 12,100 and
// 18,900 homes: 2.4, 2.0 and 2.2 per 1,000) and stage 1 complaints per
// 1,000 homes counted here from the case log; and the trend and
// comparison charts of hos. measures print the same figures.
func TestHousingOmbudsmanPaper(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	src, err := os.ReadFile("../../fixtures/chc/complaints.csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(src))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	stage1 := 0
	for _, r := range recs[1:] {
		d := r[3]
		if strings.Contains(d, "/") { // dd/mm/yyyy
			d = d[6:] + "-" + d[3:5] + "-" + d[:2]
		}
		if r[1] == "Stage 1" && (r[2] == "Housing Repairs" || r[2] == "Housing Management") && d >= "2024-04-01" && d <= "2025-03-31" {
			stage1++
		}
	}
	// Rounded half up to one decimal, as the paper prints a rate per 1,000.
	tenths := (stage1*10000*2/14250 + 1) / 2
	per := fmt.Sprintf("%d.%d", tenths/10, tenths%10)

	out := t.TempDir()
	buildTo(t, "../../fixtures/chc/report.yaml", out, Options{Formats: []string{"pdf"}})
	text := squash(strings.Join(tooltest.PDFPages(t, filepath.Join(out, "report.pdf")), "\n"))
	for _, want := range []string{
		"The Housing Ombudsman made 34 determinations, a maladministration rate of 43% against 71% for similar landlords, and ordered compensation of £12,345.67.",
		"The council received " + per + " stage 1 housing complaints per 1,000 homes.",
		"Table 1: Housing Ombudsman determinations",
		"Determinations 34 24 42",
		"Determinations with a finding 30 22 36",
		"Maladministration rate 43% 71% 32% 56%",
		"Orders complied with on time 37 21 44",
		"Compliance rate 90% 88% 95% 76%",
		"Compensation ordered £12,345.67",
		"Determinations per 1,000 homes 2.4 2.1 2.0 2.2",
		"Stage 1 complaints per 1,000 homes " + per,
		"The maladministration rate is findings of severe maladministration, maladministration and partial maladministration over determinations with a finding",
		"The landlord-type average is the Ombudsman's own figure, whose maladministration rate also counts service failure",
		// The trend of hos.determinations and the comparison of
		// landlords, through their data tables: 2023/24 has 28
		// determinations, 9 of 25 with a finding maladministration (36%).
		"Year Determinations Maladministration rate 2023/24 28 36% 2024/25 34 43%",
		"Landlord Maladministration rate Westbrook Borough Council 56% Kingsbridge City Council 43% Eastmoor City Council 32% Average of landlords of the same type",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
}
