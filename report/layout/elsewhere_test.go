package layout_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/disclosure"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pipeline"
)

// barRE reads one service of the by-service chart's alternative text:
// "Housing 713 (upheld 220, partially upheld 114, not upheld 379)", the
// bar total left out where it is withheld.
var barRE = regexp.MustCompile(`(?:: |; )([^;:(]+?)(?: ([0-9,]+))? \(upheld ([^,]+), partially upheld ([^,]+), not upheld ([^)]+)\)`)

// TestTheExamplePaperGivesNoSmallCountAway reads the example paper as a
// reader would, every table and figure that prints its stage 1 figures
// for 2020/21, and checks that the same figure is withheld everywhere or
// nowhere, and that what all of them print together leaves every small
// count at least three possible values.
func TestTheExamplePaperGivesNoSmallCountAway(t *testing.T) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	tables := map[string]*doc.Table{}
	var chart *doc.Figure
	doc.Walk(p.Doc.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Table:
			tables[b.Caption] = b
		case *doc.Figure:
			if strings.HasPrefix(b.Caption, "Outcomes of stage 1 complaints by service") {
				chart = b
			}
		}
		return true
	})
	byService, byStage := tables["Stage 1 complaints by service, 2020/21"], tables["Complaints by stage and year"]
	if byService == nil || byStage == nil || chart == nil {
		t.Fatal("the example lost its by-service table, year-by-stage table or by-service chart")
	}
	text := func(c doc.Cell) string { return doc.Text(c.Content) }

	// Table 3's stage 1 figures for 2020/21 (its last column), the first
	// rows under "Stage 1 complaints".
	stage1 := map[string]string{}
	for _, r := range byStage.Rows {
		if len(r) < 2 {
			continue
		}
		if _, seen := stage1[text(r[0])]; !seen {
			stage1[text(r[0])] = text(r[len(r)-1])
		}
	}
	total := byService.Rows[len(byService.Rows)-1]
	if text(total[0]) != "Total" {
		t.Fatalf("the by-service table's last row is %q", text(total[0]))
	}
	// Service, Received, Upheld, Partly upheld, Not upheld, Withdrawn,
	// Open, On time, Upheld rate.
	for _, same := range []struct{ byStage, byService string }{
		{stage1["Received"], text(total[1])},
		{stage1["Answered on time"], text(total[7])},
		{stage1["Upheld or partly upheld"], text(total[8])},
	} {
		if same.byStage != same.byService {
			t.Errorf("the stage 1 total for 2020/21 is %q in Table 3 and %q in Table 4: one figure, two decisions", same.byStage, same.byService)
		}
	}
	if stage1["Upheld or partly upheld"] == "*" {
		t.Errorf("Table 3 withholds the upheld rate of %s stage 1 complaints: more hidden than the audit needs", stage1["Received"])
	}

	// Everything printed, as a reader can write it down: the counts and
	// rates of both tables and the chart's bar totals, over the true
	// counts.
	cs := p.Figures.Complaints
	year := "2020/21"
	g := disclosure.Grid{Cols: []string{"Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open"}}
	for _, r := range byService.Rows[:len(byService.Rows)-1] {
		name := text(r[0])
		s := cs.Services[name][year].At(caselog.Stage1)
		g.Rows = append(g.Rows, name)
		g.Counts = append(g.Counts, []int{s.Received, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.Open})
		g.Rest = append(g.Rest, s.Closed-s.Upheld-s.PartiallyUpheld-s.NotUpheld-s.Withdrawn)
	}
	tab := g.Table(5)
	hidden := make([]bool, len(tab.Cells))
	upheldRate := func(row int, printed string) {
		if printed == "*" {
			return
		}
		pc, err := strconv.Atoi(strings.TrimSuffix(printed, "%"))
		if err != nil {
			t.Fatalf("upheld rate %q", printed)
		}
		u, pu, nu := g.Cell(row, 1), g.Cell(row, 2), g.Cell(row, 3)
		// The printed whole percentage, not the true rate: what the
		// reader has.
		tab.Rates = append(tab.Rates, disclosure.Rate{
			Num: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: pu, Coef: 1}},
			Den: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: pu, Coef: 1}, {Cell: nu, Coef: 1}}})
		if got := tab.Rates[len(tab.Rates)-1]; !printedAs(tab, got, pc) {
			t.Fatalf("row %d prints %s, not its rate", row, printed)
		}
	}
	for i, r := range byService.Rows {
		for j := range g.Cols {
			if v := text(r[1+j]); v == layout.Withheld {
				hidden[g.Cell(i, j)] = true
			} else if n, err := strconv.Atoi(strings.ReplaceAll(v, ",", "")); err != nil || n != tab.Cells[g.Cell(i, j)].Value {
				t.Fatalf("%s prints %q, not its count %d", tab.Cells[g.Cell(i, j)].Name, v, tab.Cells[g.Cell(i, j)].Value)
			}
		}
		upheldRate(i, text(r[8]))
	}
	upheldRate(len(g.Rows), stage1["Upheld or partly upheld"])
	bars := 0
	for _, m := range barRE.FindAllStringSubmatch(chart.Alt, -1) {
		i := slicesIndex(g.Rows, m[1])
		if i < 0 {
			t.Fatalf("the chart names %q, which Table 4 does not", m[1])
		}
		for j, v := range m[3:] {
			if (v == "withheld") != hidden[g.Cell(i, 1+j)] {
				t.Errorf("%s: the chart prints %q, Table 4 %q", tab.Cells[g.Cell(i, 1+j)].Name, v, text(byService.Rows[i][2+j]))
			}
		}
		if m[2] == "" {
			continue
		}
		bars++
		n, _ := strconv.Atoi(strings.ReplaceAll(m[2], ",", ""))
		bar := len(tab.Cells)
		tab.Cells = append(tab.Cells, disclosure.Cell{Name: m[1] + ", bar", Value: n})
		hidden = append(hidden, false)
		tab.Relations = append(tab.Relations, disclosure.Relation{Terms: []disclosure.Term{{Cell: bar, Coef: 1},
			{Cell: g.Cell(i, 1), Coef: -1}, {Cell: g.Cell(i, 2), Coef: -1}, {Cell: g.Cell(i, 3), Coef: -1}}})
	}
	if bars == 0 {
		t.Fatalf("no bar totals read from the chart's alternative text %q", chart.Alt)
	}
	ranges, err := tab.Audit(&disclosure.Pattern{Hidden: hidden, RateHidden: make([]bool, len(tab.Rates))})
	if err != nil {
		t.Fatal(err)
	}
	small := 0
	for i, c := range tab.Cells {
		if !tab.Sensitive(i) {
			continue
		}
		small++
		if !hidden[i] {
			t.Errorf("%s: %d is printed", c.Name, c.Value)
		} else if ranges[i].Values() < disclosure.MinValues {
			t.Errorf("%s: %d can be worked out to %v from what the paper prints", c.Name, c.Value, ranges[i])
		}
	}
	if small == 0 {
		t.Fatal("the example has no small counts: the test tests nothing")
	}
}

// printedAs reports whether rate r of tab prints as pc% (rounded half
// up, as the tables print it).
func printedAs(tab *disclosure.Table, r disclosure.Rate, pc int) bool {
	num, den := 0, 0
	for _, tm := range r.Num {
		num += tab.Cells[tm.Cell].Value
	}
	for _, tm := range r.Den {
		den += tab.Cells[tm.Cell].Value
	}
	return den > 0 && (200*num+den)/(2*den) == pc
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// BenchmarkExamplePaper lays out the example paper (loading its data
// included), its by-service pattern chosen and audited.
func BenchmarkExamplePaper(b *testing.B) {
	for b.Loop() {
		if _, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{}); errs.HasErrors() {
			b.Fatal(errs)
		}
	}
}

// BenchmarkExampleLayout lays out the example paper from its loaded
// figures as it is (suppressed) and with its suppress_below settings
// taken out (unsuppressed): the difference is what choosing and
// auditing the by-service pattern costs a build.
func BenchmarkExampleLayout(b *testing.B) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{})
	if errs.HasErrors() {
		b.Fatal(errs)
	}
	in := layout.Input{Report: p.Report, Figures: p.Figures}
	var below []*int
	for _, s := range p.Report.Sections {
		for _, bl := range s.Blocks {
			if t := bl.MetricsTable; t != nil && t.SuppressBelow > 0 {
				below = append(below, &t.SuppressBelow)
			}
			if c := bl.Chart; c != nil && c.SuppressBelow > 0 {
				below = append(below, &c.SuppressBelow)
			}
		}
	}
	if len(below) == 0 {
		b.Fatal("the example suppresses nothing: the benchmark measures nothing")
	}
	run := func(b *testing.B) {
		for b.Loop() {
			if _, errs := layout.Paper(in); errs.HasErrors() {
				b.Fatal(errs)
			}
		}
	}
	b.Run("suppressed", run)
	for _, n := range below {
		defer func(v int) { *n = v }(*n)
		*n = 0
	}
	b.Run("unsuppressed", run)
}
