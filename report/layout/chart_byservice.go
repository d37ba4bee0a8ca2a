package layout

import (
	"strings"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/metrics"
)

// byServiceChart: outcomes per service as stacked bars, with the same
// withheld cells as a by-service table of the same year and stage.
var byServiceChart = &chartKind{
	Kind: Kind{
		Name: "by-service",
		Doc:  "outcomes (upheld, partially upheld, not upheld) per service as stacked bars, small counts suppressed",
		Options: append([]Option{
			{Key: "year", Type: OptionYear},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
			{Key: "sort", Type: OptionChoice, Values: sortValues},
		}, smallNumberOptions...),
	},
	bind: (*binder).byServiceChart,
}

func (b *binder) byServiceChart(c *definition.Chart, base chartBase) (charts.Chart, string) {
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	st := b.stage(c.Stage, 0)
	year, ok := b.year(c.Year, caseLogSource(cs))
	if !ok {
		return nil, ""
	}
	noun, _, _ := chartStageWords(metrics.Stages[st])
	ch := &charts.Stacked{Title: base.title, Palette: base.palette, Typeface: base.typeface, Width: base.width, Sort: chartSort(c.Sort),
		Parts: []string{"Upheld", "Partially upheld", "Not upheld"}, SuppressBelow: c.SuppressBelow,
		CategoryName: "Service", Axis: chartCapitalise(noun) + " with an outcome",
		Subject: strings.TrimSuffix(noun, "s") + " outcomes by service, " + year}
	// What the chart withholds is decided once for the paper, over
	// everything it publishes of this year and stage (see serviceGrid):
	// the chart withholds the cells its by-service table withholds, and
	// draws a row's total (and the grey segment of its withheld counts)
	// only where the pattern publishes that total.
	g := b.p.grid(year, st)
	if g == nil {
		return nil, ""
	}
	g.consistent(b.path, c.SuppressBelow, c.GroupBelow, b.errorf)
	if g.err != nil {
		b.errorf("suppress_below", "%v", g.err)
		return nil, ""
	}
	if !b.ok {
		return nil, ""
	}
	if g.p != nil {
		ch.Withheld = Withheld
	}
	for _, i := range g.displayOrder() {
		sv := g.rows[i]
		s := sv.s
		if s.Upheld+s.PartiallyUpheld+s.NotUpheld == 0 {
			continue
		}
		row := charts.StackRow{Label: sv.name, Counts: []int{s.Upheld, s.PartiallyUpheld, s.NotUpheld}}
		if g.p != nil {
			d := &charts.Disclosure{Hidden: make([]bool, 3), Small: make([]bool, 3)}
			for j := range 3 {
				d.Hidden[j] = g.hidden(i, colUpheld+j)
			}
			d.Total = !g.p.Hidden[g.bar[i]]
			d.HiddenSum = d.Total
			row.Disclosure = d
		}
		ch.Rows = append(ch.Rows, row)
	}
	if len(ch.Rows) == 0 {
		b.errorf("", "no chart: no %s received in %s has an outcome (upheld, partially upheld or not upheld); a chart needs data to show", noun, year)
		return nil, ""
	}
	return ch, chartCapitalise(ch.Subject)
}
