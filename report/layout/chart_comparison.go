package layout

import (
	"strings"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/hos"
)

// comparisonChart: the council against its comparator councils.
var comparisonChart = &chartKind{
	Kind: Kind{
		Name: "comparison",
		Doc:  "the council against its comparator councils as horizontal bars, with the average marked (from ombudsman.yaml, or the comparator landlords of housing-ombudsman.yaml for hos. measures)",
		Options: []Option{
			{Key: "year", Type: OptionYear},
			{Key: "measure", Type: OptionChoice, Values: append([]string{"upheld_rate", "upheld_per_100k"}, comparisonHousingMeasures...)},
			{Key: "sort", Type: OptionChoice, Values: sortValues},
		},
	},
	bind: (*binder).comparison,
}

// comparisonHousingMeasures compare the council with the comparator
// landlords of housing-ombudsman.yaml.
var comparisonHousingMeasures = []string{"hos.maladministration_rate", "hos.compliance_rate", "hos.determinations_per_1000_homes"}

func (b *binder) comparison(c *definition.Chart, base chartBase) (charts.Chart, string) {
	if strings.HasPrefix(c.Measure, "hos.") {
		return b.housingComparison(c, base)
	}
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
		ch.Series = charts.Series{Name: "Investigations upheld", Axis: "Share of detailed investigations upheld", Format: charts.Percent, Precision: b.p.precision()}
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

// housingComparisons are the Housing Ombudsman's figures a comparison
// can draw: the bars' series, the subject and caption (before the year),
// the landlord-type average and each landlord's figure.
var housingComparisons = map[string]struct {
	series           charts.Series
	subject, caption string
	average          func(*hos.AverageFigures) *float64
	council          func(*hos.YearFigures) *float64
	comparator       func(*hos.ComparatorFigure) *float64
}{
	"hos.maladministration_rate": {
		charts.Series{Name: "Maladministration rate", Axis: "Share of determinations with a finding of maladministration", Format: charts.Percent},
		"the Housing Ombudsman's maladministration rate", "Maladministration rate compared with other landlords",
		func(a *hos.AverageFigures) *float64 { return a.MaladministrationRate },
		func(y *hos.YearFigures) *float64 { return y.MaladministrationRate },
		func(c *hos.ComparatorFigure) *float64 { return c.MaladministrationRate },
	},
	"hos.compliance_rate": {
		charts.Series{Name: "Orders complied with on time", Axis: "Share of the Housing Ombudsman's orders complied with on time", Format: charts.Percent},
		"orders of the Housing Ombudsman complied with on time", "Orders complied with on time compared with other landlords",
		func(a *hos.AverageFigures) *float64 { return a.ComplianceRate },
		func(y *hos.YearFigures) *float64 { return y.ComplianceRate },
		func(c *hos.ComparatorFigure) *float64 { return c.ComplianceRate },
	},
	"hos.determinations_per_1000_homes": {
		charts.Series{Name: "Determinations per 1,000 homes", Axis: "Housing Ombudsman determinations per 1,000 homes", Format: charts.Decimal},
		"the Housing Ombudsman's determinations per 1,000 homes", "Housing Ombudsman determinations per 1,000 homes compared with other landlords",
		func(a *hos.AverageFigures) *float64 { return a.DeterminationsPer1000Homes },
		func(y *hos.YearFigures) *float64 { return y.Per1000Homes },
		func(c *hos.ComparatorFigure) *float64 { return c.Per1000Homes },
	},
}

// housingComparison draws the council against its comparator landlords
// on one of the Housing Ombudsman's figures, with the landlord-type
// average marked (or the average of the landlords shown).
func (b *binder) housingComparison(c *definition.Chart, base chartBase) (charts.Chart, string) {
	h, year, ok := b.housingYear("measure", c.Year)
	if !ok {
		return nil, ""
	}
	y := h.Years[year]
	if len(y.Comparators) == 0 {
		b.errorf("", "housing-ombudsman.yaml gives no comparator landlords for %s: add comparators to that year", year)
		return nil, ""
	}
	m := housingComparisons[c.Measure]
	ch := &charts.Bars{Title: base.title, Palette: base.palette, Width: base.width, Sort: chartSort(c.Sort),
		OwnName: h.Landlord, OthersName: "Comparator landlords", CategoryName: "Landlord",
		Series: m.series, Subject: m.subject + ", " + year}
	ch.Rows = append(ch.Rows, charts.Row{Label: h.Landlord, Value: charts.Ptr(m.council(y)), Own: true})
	for i := range y.Comparators {
		ch.Rows = append(ch.Rows, charts.Row{Label: y.Comparators[i].Name, Value: charts.Ptr(m.comparator(&y.Comparators[i]))})
	}
	sum, n := 0.0, 0
	for _, r := range ch.Rows {
		if r.Value.OK {
			sum += r.Value.V
			n++
		}
	}
	switch avg := m.average(&y.Average); {
	case avg != nil:
		label := "Average of landlords of the same type"
		if t := h.LandlordType; t != "" {
			label += " (" + t + ")"
		}
		ch.Reference = &charts.Reference{Label: label, Value: *avg}
	case n > 1:
		ch.Reference = &charts.Reference{Label: "Average of the landlords shown", Value: sum / float64(n)}
	}
	return ch, m.caption + ", " + year
}

// chartSort is a checked sort option; none given is descending.
func chartSort(s string) charts.Sort {
	if o, ok := charts.Sorts[s]; ok {
		return o
	}
	return charts.Descending
}
