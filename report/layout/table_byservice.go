package layout

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// byServiceTable: one year and stage by service, small counts withheld.
var byServiceTable = &tableKind{
	Kind: Kind{
		Name: "by-service",
		Doc:  "one year and stage by service: received, outcomes, open, on-time rate and upheld rate, small counts suppressed",
		Options: append([]Option{
			{Key: "year", Type: OptionYear},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
		}, smallNumberOptions...),
	},
	bind: (*binder).byServiceTable,
}

// byService: one year and stage, a row per service with complaints (or
// per group of small ones), and the note explaining withheld figures if
// any. What it withholds is decided once for the paper (see serviceGrid).
// smallNumberOptions are the options of a by-service table and chart
// that withhold small counts and group small services: the two must
// agree where both show the same year and stage.
var smallNumberOptions = []Option{
	{Key: "suppress_below", Type: OptionThreshold, Min: 2},
	{Key: "group_below", Type: OptionThreshold, Min: 1},
}

func (b *binder) byServiceTable(t *definition.MetricsTable) (*doc.Table, string) {
	c := b.complaints()
	if c == nil {
		return nil, ""
	}
	st := b.stage(t.Stage, caselog.Stage1)
	y, ok := b.year(t.Year, caseLogSource(c))
	if !ok {
		return nil, ""
	}
	g := b.p.grid(y, st)
	if g == nil {
		return nil, ""
	}
	g.consistent(b.path, t.SuppressBelow, t.GroupBelow, b.errorf)
	if g.err != nil {
		b.errorf("suppress_below", "%v", g.err)
	}
	if !b.ok {
		return nil, ""
	}
	if len(g.rows) == 0 {
		b.errorf("", "no %s in %s: there is nothing to tabulate", lower(stageNames[st]), y)
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("%s in %s by service: received, outcomes, open, on time and upheld rate", stageNames[st], y)}
	heads := []string{"Service", "Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open", "On time", "Upheld rate"}
	header := make([]doc.Cell, len(heads))
	for i, h := range heads {
		if i == 0 {
			out.Columns = append(out.Columns, doc.Column{Width: 2.6})
			header[i] = bold(h)
			continue
		}
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header[i] = doc.Cell{Content: doc.Bold(h), Align: doc.Right, AlignSet: true}
	}
	out.Header = [][]doc.Cell{header}
	anyHidden, anyRate := false, false
	row := func(i int, name string, s *metrics.Stage, cellOf func(string) doc.Cell, label doc.Cell) []doc.Cell {
		cells := []doc.Cell{label}
		for j, n := range []int{s.Received, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.Open} {
			if g.hidden(i, j) {
				cells = append(cells, cellOf(Withheld))
				anyHidden = true
				continue
			}
			cells = append(cells, cellOf(count(n)))
		}
		for _, upheld := range []bool{false, true} {
			v := s.OnTimeRate
			if upheld {
				v = s.UpheldRate
			}
			if g.rateHidden(i, upheld) {
				cells = append(cells, cellOf(rateMark))
				anyRate = true
				continue
			}
			cells = append(cells, cellOf(b.p.pct(v)))
		}
		return cells
	}
	for _, i := range g.displayOrder() {
		r := g.rows[i]
		out.Rows = append(out.Rows, row(i, r.name, r.s, num, text(r.name)))
	}
	out.Rows = append(out.Rows, row(len(g.rows), "Total", g.total, boldNum, bold("Total")))
	note := ""
	if anyHidden || anyRate {
		note = disclosureNote(g.below, anyRate)
	}
	if len(g.grouped) > 0 {
		if note != "" {
			note += " "
		}
		note += fmt.Sprintf("%s: the %d services with fewer than %d complaints each, together.", OtherServices, len(g.grouped), g.group)
	}
	return out, note
}
