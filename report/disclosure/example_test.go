package disclosure_test

import (
	"fmt"

	"github.com/paperhq/paper/report/disclosure"
)

// The Open column of a stage 1 table: three services have one open case
// each and the total row prints 3. Hiding the three ones alone would not
// do (the total gives each away, and is itself a small count), so the
// chooser hides the closed counts beside them, and the total's, and the
// audit shows what a reader can still work out.
func Example() {
	g := disclosure.Grid{
		Rows: []string{"Housing", "Waste", "Parks", "Planning"},
		Cols: []string{"Received", "Closed", "Open"},
		Counts: [][]int{
			{120, 119, 1},
			{80, 79, 1},
			{40, 39, 1},
			{30, 30, 0},
		},
	}
	t := g.Table(5)
	p, err := t.Choose()
	if err != nil {
		fmt.Println(err)
		return
	}
	ranges, err := t.Audit(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range t.Cells {
		switch {
		case t.Sensitive(i):
			fmt.Printf("%s: withheld, could be %v\n", c.Name, ranges[i])
		case p.Hidden[i]:
			fmt.Printf("%s: withheld to protect others\n", c.Name)
		}
	}
	// Output:
	// Housing, Closed: withheld to protect others
	// Housing, Open: withheld, could be 1 to 119
	// Waste, Closed: withheld to protect others
	// Waste, Open: withheld, could be 1 to 79
	// Parks, Closed: withheld to protect others
	// Parks, Open: withheld, could be 1 to 39
	// Total, Closed: withheld to protect others
	// Total, Open: withheld, could be 3 to 237
}
