package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/disclosure"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// outcomes is one service's stage 1 complaints in 2020/21: upheld,
// partly upheld, not upheld, withdrawn and open.
type outcomes struct {
	service          string
	u, p, n, w, open int
}

func serviceFigures(t *testing.T, rows []outcomes) *metrics.Figures {
	t.Helper()
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Responded,Outcome\n")
	ref := 0
	add := func(svc string, k int, outcome string) {
		for range k {
			ref++
			responded := "2020-05-05"
			if outcome == "" {
				responded = ""
			}
			fmt.Fprintf(&b, "R%d,1,%s,2020-05-01,%s,%s\n", ref, svc, responded, outcome)
		}
	}
	for _, r := range rows {
		add(r.service, r.u, "Upheld")
		add(r.service, r.p, "Partially upheld")
		add(r.service, r.n, "Not upheld")
		add(r.service, r.w, "Withdrawn")
		add(r.service, r.open, "")
	}
	log, err := caselog.ReadCSV("complaints.csv", []byte(b.String()), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
}

// serviceRows returns the by-service table's rows by service name.
func serviceRows(t *testing.T, d *doc.Document) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, r := range tableRows(firstTable(t, d)) {
		cells := strings.Split(r, "|")
		out[cells[0]] = cells[1:]
	}
	return out
}

// auditOf lays out a paper with one suppressed by-service table over rows
// and returns the table and the audit.
func auditOf(t *testing.T, rows []outcomes) (map[string][]string, GridAudit) {
	t.Helper()
	r := boundReport(t, "      - metrics_table: {kind: by-service, caption: Complaints by service, year: \"2020/21\", suppress_below: 5}\n")
	figs := serviceFigures(t, rows)
	d, errs := Paper(Input{Report: r, Figures: figs})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	audits, err := Audits(Input{Report: r, Figures: figs})
	if err != nil || len(audits) != 1 {
		t.Fatalf("Audits = %v, %v", audits, err)
	}
	if !audits[0].Passed {
		t.Errorf("the audit failed: %+v", audits[0])
	}
	for _, c := range audits[0].Cells {
		if c.Sensitive && c.Range.Values() < disclosure.MinValues {
			t.Errorf("%s (%d) can be narrowed to %v", c.Name, c.Value, c.Range)
		}
	}
	return serviceRows(t, d), audits[0]
}

// Columns of tableRows after the service: received, upheld, partly,
// not upheld, withdrawn, open, on time, upheld rate.
const (
	tReceived = iota
	tUpheld
	tPartly
	tNotUpheld
	tWithdrawn
	tOpen
	tOnTime
	tRate
)

// TestOpenColumnOfTheExample is the example paper's Table 4 as it was:
// three services with one open case each and an open total of 3 gave
// each of them away (and Housing's withdrawn count from its row total).
func TestOpenColumnOfTheExample(t *testing.T) {
	rows, _ := auditOf(t, []outcomes{
		{"Housing", 220, 114, 379, 61, 1},
		{"Waste and Recycling", 130, 79, 302, 46, 1},
		{"Children's Services", 44, 24, 99, 18, 1},
		{"Council Tax", 143, 72, 271, 41, 0},
		{"Planning", 72, 39, 119, 18, 0},
	})
	if got := rows["Total"][tOpen]; got != Withheld {
		t.Errorf("the open total is printed as %q: a total of 3 is itself a small count", got)
	}
	for _, svc := range []string{"Housing", "Waste and Recycling", "Children's Services"} {
		r := rows[svc]
		if r[tOpen] != Withheld {
			t.Errorf("%s: open printed as %q", svc, r[tOpen])
		}
		hidden := 0
		for _, c := range r[:tOnTime] {
			if c == Withheld {
				hidden++
			}
		}
		if hidden < 2 {
			t.Errorf("%s: %v: the row total gives its one withheld count away", svc, r)
		}
	}
	if got := rows["Council Tax"]; got[tReceived] != "527" || got[tRate] != "44%" {
		t.Errorf("a large service with no small count lost its figures: %v", got)
	}
}

// TestRatesGiveNothingAway: the two leaks through the upheld rate.
func TestRatesGiveNothingAway(t *testing.T) {
	big := []outcomes{
		{"Housing", 220, 114, 379, 61, 10},
		{"Waste", 130, 79, 302, 46, 12},
		{"Planning", 72, 39, 119, 18, 9},
	}
	t.Run("received 21, not upheld 11, upheld rate 42%", func(t *testing.T) {
		rows, _ := auditOf(t, append(big, outcomes{"Licensing", 4, 4, 11, 2, 0}))
		r := rows["Licensing"]
		if r[tRate] != rateMark {
			t.Errorf("Licensing %v: the upheld rate with the shown counts gives upheld + partly upheld = 8", r)
		}
	})
	t.Run("not upheld 7, upheld rate 36%", func(t *testing.T) {
		rows, _ := auditOf(t, append(big, outcomes{"Licensing", 3, 1, 7, 1, 0}))
		r := rows["Licensing"]
		if r[tRate] != rateMark {
			t.Errorf("Licensing %v: the upheld rate gives upheld + partly upheld = 4 and withdrawn 1", r)
		}
		if r[tWithdrawn] != Withheld {
			t.Errorf("Licensing: withdrawn 1 printed as %q", r[tWithdrawn])
		}
	})
}

// TestProseCannotCiteAWithheldFigure: text citing a figure the table
// withholds is an error at the text's position.
func TestProseCannotCiteAWithheldFigure(t *testing.T) {
	figs := serviceFigures(t, []outcomes{
		{"Housing", 220, 114, 379, 61, 1},
		{"Waste", 130, 79, 302, 46, 1},
		{"Planning", 72, 39, 119, 18, 0},
	})
	r := boundReport(t, `      - text: Housing had {{ metric "stage1.open" "2020/21" "Housing" }} open and {{ metric "stage1.received" "2020/21" "Planning" }} in Planning.
      - metrics_table: {kind: by-service, caption: Complaints by service, year: "2020/21", suppress_below: 5}
`)
	_, errs := Paper(Input{Report: r, Figures: figs})
	want := `report.yaml:12:30: sections[0].blocks[0].text: metric: this figure is withheld in Table 1 so that no one can be identified`
	if len(errs) != 1 || errs[0].String() != want {
		t.Errorf("errors:\n%v\nwant\n%s", errs, want)
	}
}

// TestGroupBelow gathers small services into one row.
func TestGroupBelow(t *testing.T) {
	figs := serviceFigures(t, []outcomes{
		{"Housing", 220, 114, 379, 61, 10},
		{"Waste", 130, 79, 302, 46, 12},
		{"Registrars", 1, 0, 2, 0, 0},
		{"Cemeteries", 0, 1, 1, 1, 0},
		{"Markets", 1, 1, 3, 0, 1},
	})
	r := boundReport(t, "      - metrics_table: {kind: by-service, year: \"2020/21\", suppress_below: 5, group_below: 10}\n")
	d, errs := Paper(Input{Report: r, Figures: figs})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rows := serviceRows(t, d)
	if _, ok := rows["Registrars"]; ok {
		t.Errorf("a service below group_below has a row of its own: %v", rows)
	}
	if got := rows[OtherServices]; len(got) == 0 || got[tReceived] != "12" {
		t.Errorf("Other services = %v, want 12 received", got)
	}
	if !strings.Contains(doc.Outline(d), "Other services: the 3 services with fewer than 10 complaints each") {
		t.Errorf("no note on the group:\n%s", doc.Outline(d))
	}
}

// TestTotalsPrintedElsewhere: the year-by-stage table and the charts
// print the same stage totals as a by-service table's total row, and
// follow its decision: shown where it shows them (and then audited as
// published), withheld where it withholds them.
func TestTotalsPrintedElsewhere(t *testing.T) {
	t.Run("large totals stay shown everywhere", func(t *testing.T) {
		figs := serviceFigures(t, []outcomes{
			{"Housing", 220, 114, 379, 61, 1},
			{"Waste and Recycling", 130, 79, 302, 46, 1},
			{"Children's Services", 44, 24, 99, 18, 1},
			{"Council Tax", 143, 72, 271, 41, 0},
		})
		r := boundReport(t, `      - metrics_table: {kind: year-by-stage, caption: By stage}
      - metrics_table: {kind: by-service, caption: By service, year: "2020/21", suppress_below: 5}
`)
		d, errs := Paper(Input{Report: r, Figures: figs})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		var rows []string
		by := map[string][]string{}
		doc.Walk(d.Blocks, func(b doc.Block) bool {
			if tb, ok := b.(*doc.Table); ok && tb.Caption == "By stage" {
				rows = tableRows(tb)
			} else if ok && tb.Caption == "By service" {
				for _, r := range tableRows(tb) {
					cells := strings.Split(r, "|")
					by[cells[0]] = cells[1:]
				}
			}
			return true
		})
		want := []string{"Received|2,046", "Answered on time|100%", "Upheld or partly upheld|44%"}
		for _, w := range want {
			if !slices.Contains(rows, w) {
				t.Errorf("the year-by-stage table lacks %q: %v", w, rows)
			}
		}
		if tot := by["Total"]; len(tot) <= tRate || tot[tReceived] != "2,046" || tot[tRate] != "44%" || tot[tOpen] != Withheld {
			t.Errorf("total row %v: want received and upheld rate as in the year-by-stage table, open (3) withheld", tot)
		}
	})
	small := []outcomes{
		{"Housing", 1, 0, 1, 0, 0},
		{"Waste", 0, 1, 0, 0, 0},
	}
	t.Run("a small total is withheld everywhere", func(t *testing.T) {
		r := boundReport(t, `      - metrics_table: {kind: year-by-stage, caption: By stage}
      - metrics_table: {kind: by-service, caption: By service, year: "2020/21", suppress_below: 5}
`)
		d, errs := Paper(Input{Report: r, Figures: serviceFigures(t, small)})
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		out := doc.Outline(d)
		for _, w := range []string{`"Received" | "[c]"`, `"Upheld or partly upheld" | "*"`, "a count from 1 to 4", "As in Table 2."} {
			if !strings.Contains(out, w) {
				t.Errorf("the year-by-stage table does not withhold the received total of 3: no %q in\n%s", w, out)
			}
		}
	})
	t.Run("text cannot cite a withheld total", func(t *testing.T) {
		r := boundReport(t, `      - metrics_table: {kind: by-service, caption: By service, year: "2020/21", suppress_below: 5}
      - text: In all {{ metric "stage1.received" "2020/21" }} complaints.
`)
		_, errs := Paper(Input{Report: r, Figures: serviceFigures(t, small)})
		want := `report.yaml:13:25: sections[0].blocks[1].text: metric: this figure is withheld in Table 1 so that no one can be identified`
		if len(errs) != 1 || errs[0].String() != want {
			t.Errorf("errors:\n%v\nwant\n%s", errs, want)
		}
	})
	t.Run("a chart cannot draw a withheld total", func(t *testing.T) {
		r := boundReport(t, `      - metrics_table: {kind: by-service, caption: By service, year: "2020/21", suppress_below: 5}
      - chart: {kind: trend, caption: Received, years: ["2020/21"], rate: none}
`)
		_, errs := Paper(Input{Report: r, Figures: serviceFigures(t, small)})
		want := `report.yaml:13:16: sections[0].blocks[1].chart: trend chart "Received": received for 2020/21 (stage 1 complaints) is withheld in Table 1 so that no one can be identified; a chart cannot mark a withheld figure, so choose another measure or year`
		if len(errs) != 1 || errs[0].String() != want {
			t.Errorf("errors:\n%v\nwant\n%s", errs, want)
		}
	})
}
