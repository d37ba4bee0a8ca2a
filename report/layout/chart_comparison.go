package layout

import (
	"strings"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
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
	ch := &charts.Bars{Title: base.title, Palette: base.palette, Width: base.width, Sort: chartSort(c.Sort),
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

// housingComparison draws the council against its comparator landlords
// on one of the Housing Ombudsman's figures, with the landlord-type
// average marked (or the average of the landlords shown).
func (b *binder) housingComparison(c *definition.Chart, base chartBase) (charts.Chart, string) {
	f := b.p.in.Figures
	if f == nil || f.Housing == nil || len(f.Housing.YearLabels()) == 0 {
		b.errorf("measure", "%s needs the Housing Ombudsman's figures: add data: {housing_ombudsman: housing-ombudsman.yaml}", c.Measure)
		return nil, ""
	}
	h := f.Housing
	year, ok := b.year(c.Year, housingSource(h, b.p.r.Data.HousingOmbudsman))
	if !ok {
		return nil, ""
	}
	y := h.Years[year]
	if len(y.Comparators) == 0 {
		b.errorf("", "housing-ombudsman.yaml gives no comparator landlords for %s: add comparators to that year", year)
		return nil, ""
	}
	ch := &charts.Bars{Title: base.title, Palette: base.palette, Width: base.width, Sort: chartSort(c.Sort),
		OwnName: h.Landlord, OthersName: "Comparator landlords", CategoryName: "Landlord"}
	var caption string
	var avg *float64
	type row struct {
		name string
		v    *float64
		own  bool
	}
	rows := []row{}
	switch c.Measure {
	case "hos.maladministration_rate":
		ch.Series = charts.Series{Name: "Maladministration rate", Axis: "Share of determinations with a finding of maladministration", Format: charts.Percent}
		ch.Subject = "the Housing Ombudsman's maladministration rate, " + year
		caption = "Maladministration rate compared with other landlords, " + year
		avg = y.Average.MaladministrationRate
		rows = append(rows, row{h.Landlord, y.MaladministrationRate, true})
		for _, c := range y.Comparators {
			rows = append(rows, row{c.Name, c.MaladministrationRate, false})
		}
	case "hos.compliance_rate":
		ch.Series = charts.Series{Name: "Orders complied with on time", Axis: "Share of the Housing Ombudsman's orders complied with on time", Format: charts.Percent}
		ch.Subject = "orders of the Housing Ombudsman complied with on time, " + year
		caption = "Orders complied with on time compared with other landlords, " + year
		avg = y.Average.ComplianceRate
		rows = append(rows, row{h.Landlord, y.ComplianceRate, true})
		for _, c := range y.Comparators {
			rows = append(rows, row{c.Name, c.ComplianceRate, false})
		}
	default: // hos.determinations_per_1000_homes
		ch.Series = charts.Series{Name: "Determinations per 1,000 homes", Axis: "Housing Ombudsman determinations per 1,000 homes", Format: charts.Decimal}
		ch.Subject = "the Housing Ombudsman's determinations per 1,000 homes, " + year
		caption = "Housing Ombudsman determinations per 1,000 homes compared with other landlords, " + year
		avg = y.Average.DeterminationsPer1000Homes
		rows = append(rows, row{h.Landlord, y.Per1000Homes, true})
		for _, c := range y.Comparators {
			rows = append(rows, row{c.Name, c.Per1000Homes, false})
		}
	}
	sum, n := 0.0, 0
	for _, r := range rows {
		v := charts.Ptr(r.v)
		if v.OK {
			sum += v.V
			n++
		}
		ch.Rows = append(ch.Rows, charts.Row{Label: r.name, Value: v, Own: r.own})
	}
	switch {
	case avg != nil:
		label := "Average of landlords of the same type"
		if t := h.LandlordType; t != "" {
			label += " (" + t + ")"
		}
		ch.Reference = &charts.Reference{Label: label, Value: *avg}
	case n > 1:
		ch.Reference = &charts.Reference{Label: "Average of the landlords shown", Value: sum / float64(n)}
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
