package layout

import (
	"fmt"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// comparatorsTable: the council and its comparator councils.
var comparatorsTable = &tableKind{
	Kind: Kind{
		Name:    "comparators",
		Doc:     "the council and its comparators from the Ombudsman's letter: investigations, upheld, upheld rate and upheld per 100,000 residents",
		Options: []Option{{Key: "year", Type: OptionYear}},
	},
	bind: (*binder).comparators,
}

// comparators: the council and its comparators by upheld per 100,000.
func (b *binder) comparators(t *definition.MetricsTable) (*doc.Table, string) {
	l, y, ok := b.letterYear(t.Year)
	if !ok {
		return nil, ""
	}
	rows := l.SortedComparators(y)
	if len(rows) < 2 {
		b.errorf("", "the Ombudsman's figures for %s list no comparator councils: add years.%q.comparators to the Ombudsman's file", y, y)
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("Ombudsman investigations and upheld decisions in %s for %s and comparable councils, fewest upheld per 100,000 residents first", y, l.Council)}
	heads := []string{"Council", "Population", "Investigations", "Upheld", "Upheld rate", "Upheld per 100,000 residents"}
	out.Columns = []doc.Column{{Width: 3}, {Width: 1.2, Align: doc.Right}, {Width: 1.3, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1.4, Align: doc.Right}}
	header := make([]doc.Cell, len(heads))
	for i, h := range heads {
		header[i] = doc.Cell{Content: doc.Bold(h), Align: out.Columns[i].Align, AlignSet: true}
	}
	out.Header = [][]doc.Cell{header}
	for _, r := range rows {
		pop := NA
		if r.Population > 0 {
			pop = count(r.Population)
		}
		per := NA
		if r.UpheldPer100k != nil {
			per = format.NumberFloat(*r.UpheldPer100k, 1)
		}
		cells := []string{r.Name, pop, count(r.Investigations), count(r.Upheld), b.p.pct(r.UpheldRate), per}
		row := make([]doc.Cell, len(cells))
		for i, s := range cells {
			row[i] = doc.Cell{Content: []doc.Inline{{Text: s, Bold: r.Own}}, Align: out.Columns[i].Align, AlignSet: true}
		}
		out.Rows = append(out.Rows, row)
	}
	if avg := l.Years[y].Average.UpheldRate; avg != nil {
		label := "Average of similar authorities"
		if l.AuthorityType != "" {
			label = "Average of similar authorities (" + l.AuthorityType + ")"
		}
		out.Rows = append(out.Rows, []doc.Cell{{Content: []doc.Inline{{Text: label, Italic: true}}, Span: 4}, num(b.p.pct(avg)), num("")})
	}
	return out, ""
}
