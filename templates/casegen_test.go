package templates

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/workdays"
)

// update rewrites the templates' generated sample data (the case logs of
// complaints-annual-report and information-governance-annual-report).
var update = flag.Bool("update", false, "rewrite the generated sample data of the templates")

// annualReportServices are the fictional council's services with their
// stage 1 complaints in a year and the shape of their year (a weight per
// month from April): repairs peak in the winter, when damp and heating
// fail; waste at Christmas.
var annualReportServices = []struct {
	name    string
	perYear int
	housing bool
	shape   [12]float64
}{
	{"Housing Repairs", 190, true, [12]float64{0.8, 0.8, 0.8, 0.9, 0.9, 1.0, 1.2, 1.4, 1.4, 1.3, 0.9, 0.8}},
	{"Tenancy and Estates", 110, true, [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"Council Tax and Benefits", 100, false, [12]float64{1.6, 1.2, 1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.9, 1, 1.1}},
	{"Waste and Recycling", 100, false, [12]float64{0.9, 0.9, 0.9, 1, 1, 0.9, 0.9, 0.9, 1.5, 1.4, 0.9, 0.9}},
	{"Planning", 90, false, [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"Parking", 90, false, [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	{"Environmental Health", 85, false, [12]float64{1, 1, 1, 1.2, 1.2, 1, 1, 1, 1, 1, 1, 1}},
}

// annualReportCaseLog generates the complaints-annual-report template's
// case log: two financial years (2024/25 and 2025/26, the second a
// little busier) of stage 1 complaints, the stage 2 reviews and the
// Ombudsman cases that followed them (the Housing Ombudsman's for
// housing services), each with the date it was acknowledged. The same
// seed always gives the same file.
//
// Some stage 1 and stage 2 complaints are Refused (not accepted under
// the Codes, answered with the reasons) and some acknowledgements are
// late. A few Ombudsman enquiries have no Acknowledged date recorded:
// their deadline is the Ombudsman's, so the blank counts against
// acknowledgement only; a blank at stage 1 or 2 would make check warn
// that its deadline counts from Received, and the template checks
// without a warning.
func annualReportCaseLog() []byte {
	cal := workdays.EnglandAndWales()
	rng := rand.New(rand.NewPCG(2026, 17))
	var b bytes.Buffer
	b.WriteString("Reference,Stage,Service,Received,Acknowledged,Responded,Outcome\n")
	type row struct {
		ref, stage, service      string
		received, ack, responded workdays.Day
		open                     bool
		outcome                  string
	}
	var rows []row
	outcome := func(upheld, partly, withdrawn, refused float64) string {
		switch x := rng.Float64(); {
		case x < upheld:
			return "Upheld"
		case x < upheld+partly:
			return "Partially upheld"
		case x < upheld+partly+withdrawn:
			return "Withdrawn"
		case x < upheld+partly+withdrawn+refused:
			return "Refused"
		}
		return "Not upheld"
	}
	// workingDay is the first working day on or after d.
	workingDay := func(d workdays.Day) workdays.Day {
		for !cal.IsWorkingDay(d.Time()) {
			d++
		}
		return d
	}
	ack := func(received workdays.Day) workdays.Day {
		if rng.Float64() < 0.06 {
			return cal.Add(received, 6+rng.IntN(3)) // late
		}
		return cal.Add(received, 1+rng.IntN(3))
	}
	// poisson draws a month's count around its mean (Knuth's method), so
	// that months vary as real ones do rather than all printing the mean.
	poisson := func(mean float64) int {
		limit, k, p := math.Exp(-mean), 0, rng.Float64()
		for p > limit {
			k++
			p *= rng.Float64()
		}
		return k
	}
	last := workdays.Date(2026, time.March, 31)
	n := 0
	for _, fy := range []int{2024, 2025} {
		growth := 0.92
		if fy == 2025 {
			growth = 1
		}
		for _, s := range annualReportServices {
			sum := 0.0
			for _, w := range s.shape {
				sum += w
			}
			for m := 0; m < 12; m++ {
				t := time.Date(fy, time.April+time.Month(m), 1, 0, 0, 0, 0, time.UTC)
				fy2, mo2 := t.Year(), t.Month()
				first := workdays.Date(fy2, mo2, 1)
				days := workdays.DaysIn(fy2, mo2)
				count := poisson(float64(s.perYear) * growth * s.shape[m] / sum)
				for i := 0; i < count; i++ {
					n++
					received := workingDay(first + workdays.Day(rng.IntN(days)))
					if received.Time().Month() != mo2 {
						received = first
						for !cal.IsWorkingDay(received.Time()) {
							received++
						}
					}
					r := row{ref: fmt.Sprintf("AB-%d-%04d", fy2, n), stage: "Stage 1", service: s.name, received: received, ack: ack(received)}
					// Stage 1 answers: most within the 10 working days,
					// repairs slower.
					late := 0.12
					if s.name == "Housing Repairs" {
						late = 0.22
					}
					days := 3 + rng.IntN(7)
					if rng.Float64() < late {
						days = 11 + rng.IntN(10)
					}
					r.responded = cal.Add(received, days)
					r.outcome = outcome(0.30, 0.20, 0.07, 0.04)
					if r.responded > last && fy == 2025 {
						r.open, r.outcome = true, "" // still open at the year's end
					}
					rows = append(rows, r)
					if r.open || r.outcome == "Withdrawn" || r.outcome == "Refused" || rng.Float64() > 0.11 {
						continue
					}
					// Escalated to stage 2.
					s2 := row{ref: r.ref, stage: "Stage 2", service: s.name, received: cal.Add(r.responded, 1+rng.IntN(8))}
					s2.ack = ack(s2.received)
					d2 := 8 + rng.IntN(12)
					if rng.Float64() < 0.15 {
						d2 = 21 + rng.IntN(12)
					}
					s2.responded = cal.Add(s2.received, d2)
					s2.outcome = outcome(0.25, 0.20, 0.04, 0.02)
					if s2.received > last {
						continue // a review after the data ends
					}
					if s2.responded > last {
						s2.open, s2.outcome = true, ""
					}
					rows = append(rows, s2)
					if s2.open || rng.Float64() > 0.22 {
						continue
					}
					// Taken to the Ombudsman.
					om := row{ref: r.ref, stage: "Ombudsman", service: s.name, received: cal.Add(s2.responded, 15+rng.IntN(30))}
					if s.housing {
						om.stage = "Housing Ombudsman"
					}
					om.ack = ack(om.received)
					if rng.Float64() < 0.2 {
						om.ack = 0 // not recorded
					}
					om.responded = cal.Add(om.received, 10+rng.IntN(14))
					om.outcome = outcome(0.45, 0.20, 0.05, 0)
					if om.received > last {
						continue
					}
					if om.responded > last {
						om.open, om.outcome = true, ""
					}
					rows = append(rows, om)
				}
			}
		}
	}
	// In date order, as a case system exports them.
	sortRows := func(a, b row) int {
		if a.received != b.received {
			return int(a.received - b.received)
		}
		return strings.Compare(a.ref+a.stage, b.ref+b.stage)
	}
	for i := 1; i < len(rows); i++ { // insertion sort keeps equal rows stable
		for j := i; j > 0 && sortRows(rows[j-1], rows[j]) > 0; j-- {
			rows[j-1], rows[j] = rows[j], rows[j-1]
		}
	}
	date := func(d workdays.Day) string { return d.Time().Format("2006-01-02") }
	for _, r := range rows {
		responded := date(r.responded)
		if r.open {
			responded = ""
		}
		acknowledged := ""
		if r.ack != 0 {
			acknowledged = date(r.ack)
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s\n", r.ref, r.stage, r.service, date(r.received), acknowledged, responded, r.outcome)
	}
	return b.Bytes()
}

// TestAnnualReportCaseLogIsGenerated checks that the template's case log
// is the generator's output (go test ./templates -run CaseLog -update
// rewrites it).
func TestAnnualReportCaseLogIsGenerated(t *testing.T) {
	path := filepath.Join("new", "complaints-annual-report", "complaints.csv")
	want := annualReportCaseLog()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the generator writes; run go test ./templates -run CaseLog -update", path)
	}
}
