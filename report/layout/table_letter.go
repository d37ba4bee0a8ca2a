package layout

import (
	"fmt"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// letterTable: the Ombudsman's annual letter for one year.
var letterTable = &tableKind{
	Kind: Kind{
		Name:    "letter",
		Doc:     "the Ombudsman's annual letter for one year: counts and rates with the previous year and the similar-authority average",
		Options: []Option{{Key: "year", Type: OptionYear}},
	},
	bind: (*binder).letterTable,
}

// letterTable lays out the annual letter's figures for a year (none
// given: the reporting year), with the previous year and the
// similar-authority average.
func (b *binder) letterTable(t *definition.MetricsTable) (*doc.Table, string) {
	l, y, ok := b.letterYear(t.Year)
	if !ok {
		return nil, ""
	}
	prev, _ := previousYear(y)
	_, hasPrev := l.Years[prev]
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("The Ombudsman's annual letter for %s: complaints, decisions and rates", y)}
	out.Columns = []doc.Column{{Width: 3.4}, {Width: 1, Align: doc.Right}}
	header := []doc.Cell{bold(""), boldNum(y)}
	if hasPrev {
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, boldNum(prev))
	}
	out.Columns = append(out.Columns, doc.Column{Width: 1.4, Align: doc.Right})
	header = append(header, boldNum("Similar authorities"))
	out.Header = [][]doc.Cell{header}
	rows := []struct {
		label, metric, avg string
		rate               bool
	}{
		{"Complaints and enquiries received", "received", "", false},
		{"Decisions made", "decided", "", false},
		{"Detailed investigations", "investigations", "", false},
		{"Upheld", "upheld", "", false},
		{"Upheld rate", "upheld_rate", "average.upheld_rate", true},
		{"Recommendations complied with", "compliance_rate", "average.compliance_rate", true},
		{"Satisfactory remedy by the council", "remedy_rate", "average.remedy_rate", true},
	}
	figure := func(v float64, ok, rate bool) string {
		switch {
		case !ok:
			return NA
		case rate:
			return format.PercentFloat(v, b.p.precision().Digits())
		}
		return format.NumberFloat(v, 0)
	}
	for _, r := range rows {
		v, ok, _ := l.Value(r.metric, y)
		row := []doc.Cell{text(r.label), num(figure(v, ok, r.rate))}
		if hasPrev {
			pv, pok, _ := l.Value(r.metric, prev)
			row = append(row, num(figure(pv, pok, r.rate)))
		}
		avg := ""
		if r.avg != "" {
			av, aok, _ := l.Value(r.avg, y)
			avg = figure(av, aok, true)
		}
		out.Rows = append(out.Rows, append(row, num(avg)))
	}
	return out, ""
}
