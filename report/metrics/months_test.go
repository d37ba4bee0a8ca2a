package metrics

import (
	"os"
	"testing"

	"github.com/paperhq/paper/report/caselog"
)

// TestServiceMonthsAddUpToTheYear checks the months of every service and
// stage of the example case log against the year's own figures, which
// are counted by quarter, and a row received on 31 March (the year's
// last day) and one on 1 April (the next year's first) against their
// months.
func TestServiceMonthsAddUpToTheYear(t *testing.T) {
	src, err := os.ReadFile("../../examples/lgsco-annual-review/complaints.csv")
	if err != nil {
		t.Fatal(err)
	}
	log, err := caselog.ReadCSV("complaints.csv", src, caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := Compute(log, Options{})
	for _, y := range c.YearLabels() {
		for st := caselog.Stage1; st < caselog.NumStages; st++ {
			sm, err := c.ServiceMonths(y, st)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range c.ServiceNames() {
				want := c.Services[name][y].At(st)
				var got Cell
				if cells := sm[name]; cells != nil {
					for _, m := range cells {
						got.Received += m.Received
						got.Closed += m.Closed
						got.OnTime += m.OnTime
						got.Upheld += m.Upheld
					}
				}
				if got != (Cell{want.Received, want.Closed, want.OnTime, want.Upheld}) {
					t.Errorf("%s %s %s: months add up to %+v; the year has received %d, closed %d, on time %d, upheld %d",
						y, name, Stages[st], got, want.Received, want.Closed, want.OnTime, want.Upheld)
				}
			}
		}
	}

	edges := "Reference,Stage,Service,Received,Responded,Outcome\nA,1,Housing,2025-03-31,2025-04-14,Upheld\nB,1,Housing,2025-04-01,,\n"
	log, err = caselog.ReadCSV("edges.csv", []byte(edges), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c = Compute(log, Options{})
	old, _ := c.ServiceMonths("2024/25", caselog.Stage1)
	// Received 31 March 2025 (a Monday); 10 working days on, past Good
	// Friday 18 and Easter Monday 21 April, is 16 April: on time.
	if got := old["Housing"][11]; got != (Cell{Received: 1, Closed: 1, OnTime: 1, Upheld: 1}) {
		t.Errorf("March 2025: %+v", got)
	}
	next, _ := c.ServiceMonths("2025/26", caselog.Stage1)
	if got := next["Housing"][0]; got != (Cell{Received: 1}) {
		t.Errorf("April 2025: %+v", got)
	}
	if _, err := c.ServiceMonths("2025/26 Q1", caselog.Stage1); err == nil {
		t.Error("a quarter was taken as a year")
	}
}
