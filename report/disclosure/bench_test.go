package disclosure_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/paperhq/paper/report/disclosure"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// serviceTable is a by-service table as a council's case log gives it:
// services from a few hundred complaints a year down to a handful, each
// split into upheld, partly upheld, not upheld, withdrawn and open, with
// an upheld rate and an on-time rate per row and for the total.
func serviceTable(services int, seed uint64) *disclosure.Table {
	r := rand.New(rand.NewPCG(seed, 30))
	g := disclosure.Grid{Cols: []string{"Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open"}}
	shares := []float64{0.27, 0.14, 0.50, 0.08, 0.01}
	size := 400.0
	for i := range services {
		n := max(1, int(size))
		size *= 0.8
		row := make([]int, 6)
		for range n {
			x, j := r.Float64(), 0
			for ; j < 4 && x >= shares[j]; j++ {
				x -= shares[j]
			}
			row[1+j]++
		}
		row[0] = n
		g.Rows = append(g.Rows, fmt.Sprintf("Service %d", i+1))
		g.Counts = append(g.Counts, row)
	}
	t := g.Table(5)
	for i := 0; i <= services; i++ {
		u, p, nu := g.Cell(i, 1), g.Cell(i, 2), g.Cell(i, 3)
		t.Rates = append(t.Rates,
			disclosure.Rate{Name: "upheld rate", Num: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: p, Coef: 1}},
				Den: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: p, Coef: 1}, {Cell: nu, Coef: 1}}, On: []int{u, p, nu}},
			disclosure.Rate{Name: "on-time rate",
				Den: []disclosure.Term{{Cell: g.Cell(i, 0), Coef: 1}, {Cell: g.Cell(i, 5), Coef: -1}}, On: []int{g.Cell(i, 0), g.Cell(i, 5)}})
	}
	return t
}

func benchChoose(b *testing.B, tab *disclosure.Table) {
	hidden, sensitive := 0, 0
	for i := range tab.Cells {
		if tab.Sensitive(i) {
			sensitive++
		}
	}
	for b.Loop() {
		p, err := tab.Choose()
		if err != nil {
			b.Fatal(err)
		}
		hidden = 0
		for _, h := range p.Hidden {
			if h {
				hidden++
			}
		}
	}
	b.ReportMetric(float64(sensitive), "sensitive")
	b.ReportMetric(float64(hidden), "hidden")
}

// BenchmarkChoose30 chooses and audits the pattern of a 30-service
// by-service table.
func BenchmarkChoose30(b *testing.B) { benchChoose(b, serviceTable(30, 1)) }

// BenchmarkChoose30Small is the hard case: 30 services by 8 columns
// where two cells in five are small counts.
func BenchmarkChoose30Small(b *testing.B) {
	r := rand.New(rand.NewPCG(30, 8))
	g := randomGrid(r, 30, 8, 80)
	g.rates = true
	benchChoose(b, g.table(5))
}

// BenchmarkChooseExample chooses the pattern of the example paper's
// by-service grid (examples/lgsco-annual-review: 11 services, the
// table's counts and rates, the chart's bar totals, the totals printed
// elsewhere kept), as its build does: testdata/example-by-service.json is
// the disclosure.Table report/layout makes of it. Run it with GOGC=off to
// see what a build, which does not collect garbage, pays for each
// allocated page.
func BenchmarkChooseExample(b *testing.B) {
	data, err := os.ReadFile("testdata/example-by-service.json")
	if err != nil {
		b.Fatal(err)
	}
	var tab disclosure.Table
	if err := json.Unmarshal(data, &tab); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := tooltest.CPUTime()
	benchChoose(b, &tab)
	b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
