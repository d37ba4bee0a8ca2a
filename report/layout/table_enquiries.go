package layout

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// enquiriesTable: the number received at one stage and the share
// answered on time, for each year.
var enquiriesTable = &tableKind{
	Kind: Kind{
		Name: "ombudsman-enquiries",
		Doc:  "complaints received at one stage (default: Ombudsman enquiries) and the percentage answered on time, for each year",
		Options: []Option{
			{Key: "years", Type: OptionYears},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
		},
	},
	bind: (*binder).enquiries,
}

// enquiries is the three-year table of reference 001: for each year the
// number received at one stage and the percentage answered on time.
func (b *binder) enquiries(t *definition.MetricsTable) (*doc.Table, string) {
	c := b.complaints()
	if c == nil {
		return nil, ""
	}
	st := b.stage(t.Stage, caselog.Ombudsman)
	years, ok := b.years(t.Years, caseLogSource(c), 3)
	if !ok {
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("%s received and the percentage answered on time, %s", stageNames[st], strings.Join(years, ", "))}
	out.Columns = append(out.Columns, doc.Column{Width: 2.2})
	h1 := []doc.Cell{text("")}
	h2 := []doc.Cell{text("")}
	row := []doc.Cell{bold(stageNames[st])}
	for _, y := range years {
		fy, _ := c.Lookup(y, "")
		s := fy.At(st)
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right}, doc.Column{Width: 1, Align: doc.Right})
		h1 = append(h1, doc.Cell{Content: doc.Bold(y), Span: 2, Align: doc.Center, AlignSet: true})
		h2 = append(h2, num("Number"), num("On time"))
		row = append(row, num(b.shown(y, st, "received", count(s.Received))), num(b.shown(y, st, "on_time_rate", b.p.pct(s.OnTimeRate))))
	}
	out.Header = [][]doc.Cell{h1, h2}
	out.Rows = [][]doc.Cell{row}
	return out, b.note
}
