package layout

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/metrics"
)

// housingOmbudsmanTable: a year's Housing Ombudsman determinations by
// finding with the derived rates.
var housingOmbudsmanTable = &tableKind{
	Kind: Kind{
		Name: "housing-ombudsman",
		Doc:  "the Housing Ombudsman's determinations for one year by finding, with the maladministration and compliance rates, compensation and figures per 1,000 homes, optionally beside the landlord-type average and comparator landlords",
		Options: []Option{{Key: "year", Type: OptionYear}, {Key: "average", Type: OptionFlag},
			{Key: "comparators", Type: OptionFlag}},
	},
	bind: (*binder).housingOmbudsman,
}

// housingSource is housing-ombudsman.yaml's years, named by its file.
func housingSource(h *hos.Figures, file string) yearSource {
	if file == "" {
		file = "housing-ombudsman.yaml"
	}
	return yearSource{name: file, years: h.YearLabels(), annual: true, annualNote: "the Housing Ombudsman's figures are annual", has: func(y string) bool {
		_, ok := h.Years[y]
		return ok
	}}
}

// housingYear returns the Housing Ombudsman's figures and the block's
// one year resolved against them, or records why not (at key, or the
// block when key is empty).
func (b *binder) housingYear(key, given string) (*hos.Figures, string, bool) {
	f := b.p.in.Figures
	if f == nil || f.Housing == nil || len(f.Housing.YearLabels()) == 0 {
		b.errorf(key, "needs the Housing Ombudsman's figures: add data: {housing_ombudsman: housing-ombudsman.yaml}")
		return nil, "", false
	}
	y, ok := b.year(given, housingSource(f.Housing, b.p.r.Data.HousingOmbudsman))
	return f.Housing, y, ok
}

// housingOmbudsman lays out one year of the Housing Ombudsman's figures:
// a row per finding, then the totals and rates, a column for the
// council, and the landlord-type average and comparators when asked.
func (b *binder) housingOmbudsman(t *definition.MetricsTable) (*doc.Table, string) {
	h, y, ok := b.housingYear("", t.Year)
	if !ok {
		return nil, ""
	}
	f := b.p.in.Figures
	yf := h.Years[y]
	if t.Comparators && len(yf.Comparators) == 0 {
		b.errorf("comparators", "housing-ombudsman.yaml lists no comparator landlords for %s: add years.%q.comparators, or leave comparators out", y, y)
		return nil, ""
	}
	// Each column gives a row's figure, "" where it has none.
	type column struct {
		head string
		cell func(row string) string
	}
	ratio := func(v *float64) string { return b.p.pct(v) }
	optCount := func(p *int) string {
		if p == nil {
			return NA
		}
		return count(*p)
	}
	per := func(p *float64) string {
		if p == nil {
			return NA
		}
		return format.NumberFloat(*p, 1)
	}
	given := len(yf.Determinations) > 0
	finding := func(m map[string]int, key string) string {
		if !given {
			return NA
		}
		return count(m[key])
	}
	council := column{head: h.Landlord, cell: func(row string) string {
		switch row {
		case "total":
			return optCount(yf.Total)
		case "with_finding":
			return optCount(yf.WithFinding)
		case "maladministration_rate":
			return ratio(yf.MaladministrationRate)
		case "orders_made":
			return optCount(yf.OrdersMade)
		case "orders_complied":
			return optCount(yf.OrdersComplied)
		case "compliance_rate":
			return ratio(yf.ComplianceRate)
		case "compensation":
			if yf.CompensationPence == nil {
				return NA
			}
			p := *yf.CompensationPence
			return fmt.Sprintf("£%s.%02d", count(int(p/100)), p%100)
		case "homes":
			return optCount(yf.Homes)
		case "per_1000":
			return per(yf.Per1000Homes)
		case "stage1", "stage2":
			st := caselog.Stage1
			if row == "stage2" {
				st = caselog.Stage2
			}
			v, ok, err := (&metrics.Figures{Complaints: f.Complaints, Housing: h}).HousingPerThousand(y, st)
			if err != nil || !ok {
				return NA
			}
			return format.NumberFloat(v, 1)
		}
		return finding(yf.Determinations, row)
	}}
	cols := []column{council}
	if t.Average {
		head := "Landlord-type average"
		cols = append(cols, column{head: head, cell: func(row string) string {
			switch row {
			case "maladministration_rate":
				return ratio(yf.Average.MaladministrationRate)
			case "compliance_rate":
				return ratio(yf.Average.ComplianceRate)
			case "per_1000":
				return per(yf.Average.DeterminationsPer1000Homes)
			}
			return ""
		}})
	}
	if t.Comparators {
		for _, c := range yf.Comparators {
			cols = append(cols, column{head: c.Name, cell: func(row string) string {
				switch row {
				case "total":
					return optCount(c.Total)
				case "with_finding":
					return optCount(c.WithFinding)
				case "maladministration_rate":
					return ratio(c.MaladministrationRate)
				case "orders_made":
					return optCount(c.OrdersMade)
				case "orders_complied":
					return optCount(c.OrdersComplied)
				case "compliance_rate":
					return ratio(c.ComplianceRate)
				case "homes":
					return optCount(c.Homes)
				case "per_1000":
					return per(c.Per1000Homes)
				case "compensation", "stage1", "stage2":
					return ""
				}
				if len(c.Determinations) == 0 {
					return NA
				}
				return count(c.Determinations[row])
			}})
		}
	}
	rows := []struct{ key, label string }{}
	for _, l := range hos.Findings {
		rows = append(rows, struct{ key, label string }{l.Key, l.Text})
	}
	rows = append(rows, []struct{ key, label string }{
		{"total", "Determinations"},
		{"with_finding", "Determinations with a finding"},
		{"maladministration_rate", "Maladministration rate"},
		{"orders_made", "Orders made"},
		{"orders_complied", "Orders complied with on time"},
		{"compliance_rate", "Compliance rate"},
		{"compensation", "Compensation ordered"},
		{"homes", "Homes"},
		{"per_1000", "Determinations per 1,000 homes"},
	}...)
	if f.Complaints != nil {
		rows = append(rows, struct{ key, label string }{"stage1", "Stage 1 complaints per 1,000 homes"},
			struct{ key, label string }{"stage2", "Stage 2 complaints per 1,000 homes"})
	}
	desc := fmt.Sprintf("The Housing Ombudsman's determinations about %s in %s by finding, with the maladministration rate, compliance with orders, compensation and figures per 1,000 homes", h.Landlord, y)
	if t.Average {
		desc += ", beside the average for landlords of the same type"
		if h.LandlordType != "" {
			desc += " (" + h.LandlordType + ")"
		}
	}
	if t.Comparators {
		desc += " and comparator landlords"
	}
	out := &doc.Table{Kind: doc.Grid, Description: desc}
	out.Columns = []doc.Column{{Width: 3.8}}
	header := []doc.Cell{bold(y)}
	for _, c := range cols {
		out.Columns = append(out.Columns, doc.Column{Width: 1.2, Align: doc.Right})
		header = append(header, boldNum(c.head))
	}
	out.Header = [][]doc.Cell{header}
	for _, r := range rows {
		row := []doc.Cell{text(r.label)}
		for _, c := range cols {
			row = append(row, num(c.cell(r.key)))
		}
		out.Rows = append(out.Rows, row)
	}
	note := "The maladministration rate is findings of severe maladministration, maladministration and partial maladministration over determinations with a finding (all but outside jurisdiction and withdrawn)."
	if t.Average {
		// The average is quoted from the Ombudsman, whose rate differs
		// from paper's; a reader comparing the two in one row must be
		// told.
		note += " The landlord-type average is the Ombudsman's own figure, whose maladministration rate also counts service failure, so the two rates are not like for like."
	}
	return out, note
}
