package layout

import (
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
)

// comparisonChart: the council against its comparator councils.
var comparisonChart = &chartKind{
	Kind: Kind{
		Name: "comparison",
		Doc:  "the council against its comparator councils as horizontal bars, with the average marked (from ombudsman.yaml)",
		Options: []Option{
			{Key: "year", Type: OptionYear},
			{Key: "measure", Type: OptionChoice, Values: []string{"upheld_rate", "upheld_per_100k"}},
			{Key: "sort", Type: OptionChoice, Values: sortValues},
		},
	},
	bind: (*binder).comparison,
}

func (b *binder) comparison(c *definition.Chart, base chartBase) (charts.Chart, string) {
	l, year, ok := b.letterYear(c.Year)
	if !ok {
		return nil, ""
	}
	measure := chartOr(c.Measure, "upheld_rate")
	rows := l.SortedComparators(year)
	if len(rows) < 2 {
		b.errorf("", "ombudsman.yaml gives no comparator councils for %s: add comparators to that year", year)
		return nil, ""
	}
	ch := &charts.Bars{Title: base.title, Palette: base.palette, Typeface: base.typeface, Width: base.width, Sort: chartSort(c.Sort),
		OwnName: l.Council, OthersName: "Comparator councils", CategoryName: "Council"}
	var caption string
	switch measure {
	case "upheld_rate":
		ch.Series = charts.Series{Name: "Investigations upheld", Axis: "Share of detailed investigations upheld", Format: charts.Percent}
		ch.Subject = "share of the Ombudsman's detailed investigations upheld, " + year
		caption = "Share of investigations upheld compared with similar councils, " + year
		if avg := l.Years[year].Average.UpheldRate; avg != nil {
			label := "Similar authorities' average"
			if t := l.AuthorityType; t != "" {
				label += " (" + t + ")"
			}
			ch.Reference = &charts.Reference{Label: label, Value: *avg}
		}
	case "upheld_per_100k":
		ch.Series = charts.Series{Name: "Upheld per 100,000 residents", Axis: "Investigations upheld per 100,000 residents", Format: charts.Decimal}
		ch.Subject = "investigations upheld by the Ombudsman per 100,000 residents, " + year
		caption = "Investigations upheld per 100,000 residents compared with similar councils, " + year
	}
	sum, n := 0.0, 0
	for _, r := range rows {
		v := charts.Ptr(r.UpheldRate)
		if measure == "upheld_per_100k" {
			v = charts.Ptr(r.UpheldPer100k)
		}
		if v.OK {
			sum += v.V
			n++
		}
		ch.Rows = append(ch.Rows, charts.Row{Label: r.Name, Value: v, Own: r.Own})
	}
	if ch.Reference == nil && n > 1 {
		ch.Reference = &charts.Reference{Label: "Average of the councils shown", Value: sum / float64(n)}
	}
	return ch, caption
}

// chartSort is a checked sort option; none given is descending.
func chartSort(s string) charts.Sort {
	if o, ok := charts.Sorts[s]; ok {
		return o
	}
	return charts.Descending
}
