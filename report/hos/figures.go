package hos

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/internal/figtext"
	"github.com/paperhq/paper/report/yamlx"
)

// Figures are the checked file with its derived figures. Its JSON form is
// the "housing_ombudsman" object of `paper metrics --json`.
type Figures struct {
	Landlord        string                  `json:"landlord"`
	LandlordType    string                  `json:"landlord_type,omitempty"`
	HousingServices []string                `json:"housing_services"`
	Years           map[string]*YearFigures `json:"years"`

	// ServicePos is where each housing service is named, for a report's
	// check that the case log has it.
	ServicePos []yamlx.Pos `json:"-"`
	order      []string
}

// YearFigures are one year's figures, given and derived.
type YearFigures struct {
	LandlordFigures
	// CompensationPence is the compensation ordered, in pence; null when
	// not given.
	CompensationPence *int64             `json:"compensation_ordered_pence"`
	Categories        map[string]int     `json:"categories"`
	Average           AverageFigures     `json:"landlord_type_average"`
	Comparators       []ComparatorFigure `json:"comparators"`
}

// LandlordFigures are the figures the council and each comparator
// landlord have alike: homes, determinations by finding, orders, and the
// rates derived from them.
type LandlordFigures struct {
	Homes *int `json:"homes"`
	// Determinations by finding; every finding is present (0 when not
	// given) when the file gives any.
	Determinations map[string]int `json:"determinations"`
	// Total is every determination, WithFinding those other than
	// outside jurisdiction and withdrawn; null when none are given.
	Total       *int `json:"determinations_total"`
	WithFinding *int `json:"determinations_with_finding"`
	// MaladministrationRate is (severe_maladministration +
	// maladministration + partial_maladministration) / WithFinding.
	MaladministrationRate *float64 `json:"maladministration_rate"`
	OrdersMade            *int     `json:"orders_made"`
	OrdersComplied        *int     `json:"orders_complied_on_time"`
	// ComplianceRate is OrdersComplied / OrdersMade.
	ComplianceRate *float64 `json:"compliance_rate"`
	// Per1000Homes is Total / Homes * 1,000.
	Per1000Homes *float64 `json:"determinations_per_1000_homes"`
}

// landlord derives a landlord's figures from what the file gives.
func landlord(homes *int, determinations map[string]int, made, complied *int) LandlordFigures {
	c := count(determinations)
	return LandlordFigures{
		Homes: homes, Determinations: c.all, Total: c.total, WithFinding: c.withFinding,
		MaladministrationRate: c.maladministrationRate,
		OrdersMade:            made, OrdersComplied: complied,
		ComplianceRate: ratio(complied, made),
		Per1000Homes:   per1000(c.total, homes),
	}
}

// AverageFigures are the landlord-type averages as given.
type AverageFigures struct {
	MaladministrationRate      *float64 `json:"maladministration_rate"`
	ComplianceRate             *float64 `json:"compliance_rate"`
	DeterminationsPer1000Homes *float64 `json:"determinations_per_1000_homes"`
}

// ComparatorFigure is a comparator landlord with the same derived
// figures.
type ComparatorFigure struct {
	Name string `json:"name"`
	LandlordFigures
}

func ratio(num, den *int) *float64 {
	if num == nil || den == nil || *den == 0 {
		return nil
	}
	v := float64(*num) / float64(*den)
	return &v
}

// counted derives the totals and rates of determinations by finding.
type counted struct {
	all                   map[string]int
	total, withFinding    *int
	maladministrationRate *float64
}

func count(m map[string]int) counted {
	if len(m) == 0 {
		return counted{all: map[string]int{}}
	}
	c := counted{all: map[string]int{}}
	total, with := 0, 0
	for _, f := range Findings {
		n := m[f.Key]
		c.all[f.Key] = n
		total += n
		if f.Key != "outside_jurisdiction" && f.Key != "withdrawn" {
			with += n
		}
	}
	mal := m["severe_maladministration"] + m["maladministration"] + m["partial_maladministration"]
	c.total, c.withFinding = &total, &with
	c.maladministrationRate = ratio(&mal, &with)
	return c
}

func per1000(total, homes *int) *float64 {
	if total == nil || homes == nil || *homes <= 0 {
		return nil
	}
	v := float64(*total) / float64(*homes) * 1000
	return &v
}

func derive(f *File, years []string, money map[string]int64, pos yamlx.Positions) *Figures {
	out := &Figures{Landlord: f.Landlord, LandlordType: f.LandlordType, HousingServices: []string{}, Years: map[string]*YearFigures{}, order: years}
	for i, s := range f.HousingServices {
		out.HousingServices = append(out.HousingServices, s.S)
		out.ServicePos = append(out.ServicePos, pos.At(fmt.Sprintf("housing_services[%d]", i)))
	}
	for _, y := range years {
		in := f.Years[y]
		yf := &YearFigures{
			LandlordFigures: landlord(in.Homes, in.Determinations, in.OrdersMade, in.OrdersComplied),
			Categories:      in.Categories,
			Average:         AverageFigures(in.Average),
			Comparators:     []ComparatorFigure{},
		}
		if yf.Categories == nil {
			yf.Categories = map[string]int{}
		}
		if in.Compensation != "" {
			p := money[y]
			yf.CompensationPence = &p
		}
		for _, cmpr := range in.Comparators {
			yf.Comparators = append(yf.Comparators, ComparatorFigure{Name: cmpr.Name,
				LandlordFigures: landlord(cmpr.Homes, cmpr.Determinations, cmpr.OrdersMade, cmpr.OrdersComplied)})
		}
		out.Years[y] = yf
	}
	return out
}

// YearLabels lists the file's financial years, oldest first.
func (f *Figures) YearLabels() []string { return f.order }

// Metrics lists the names Value accepts (after "hos."), for messages
// and documentation.
func Metrics() []string {
	names := []string{
		"homes", "determinations", "determinations_with_finding", "maladministration_rate",
		"orders_made", "orders_complied_on_time", "compliance_rate", "compensation",
		"determinations_per_1000_homes", "comparators",
		"average.maladministration_rate", "average.compliance_rate", "average.determinations_per_1000_homes",
	}
	for _, l := range Findings {
		names = append(names, "determinations."+l.Key)
	}
	for _, l := range Categories {
		names = append(names, "categories."+l.Key)
	}
	return names
}

// Value returns one figure of one year: name is one of Metrics() or
// "categories.KEY" for a category of the file's own. ok is false when the
// figure is undefined (not given, or a rate with a zero denominator).
// compensation is in pounds (pence / 100).
func (f *Figures) Value(name, year string) (v float64, ok bool, err error) {
	y, found := f.Years[year]
	if !found {
		return 0, false, fmt.Errorf("the Housing Ombudsman's figures have no year %s (they cover %s)", year, strings.Join(f.order, ", "))
	}
	i, r := figtext.Count, figtext.Rate
	switch name {
	case "homes":
		return i(y.Homes)
	case "determinations":
		return i(y.Total)
	case "determinations_with_finding":
		return i(y.WithFinding)
	case "maladministration_rate":
		return r(y.MaladministrationRate)
	case "orders_made":
		return i(y.OrdersMade)
	case "orders_complied_on_time":
		return i(y.OrdersComplied)
	case "compliance_rate":
		return r(y.ComplianceRate)
	case "compensation":
		if y.CompensationPence == nil {
			return 0, false, nil
		}
		return float64(*y.CompensationPence) / 100, true, nil
	case "determinations_per_1000_homes":
		return r(y.Per1000Homes)
	case "comparators":
		return float64(len(y.Comparators)), true, nil
	case "average.maladministration_rate":
		return r(y.Average.MaladministrationRate)
	case "average.compliance_rate":
		return r(y.Average.ComplianceRate)
	case "average.determinations_per_1000_homes":
		return r(y.Average.DeterminationsPer1000Homes)
	}
	if k, found := strings.CutPrefix(name, "determinations."); found && slices.Contains(keys(Findings), k) {
		n, given := y.Determinations[k]
		return float64(n), given, nil
	}
	if k, found := strings.CutPrefix(name, "categories."); found && k != "" {
		n, given := y.Categories[k]
		return float64(n), given || len(y.Categories) > 0, nil
	}
	msg := fmt.Sprintf("unknown Housing Ombudsman figure %s", diag.Quote("hos."+name))
	if s := yamlx.Suggest(name, Metrics()); s != "" {
		msg += "; did you mean hos." + s + "?"
	}
	return 0, false, fmt.Errorf("%s", msg)
}

// WriteText writes the headline figures as a readable table, a column
// per year: determinations, the maladministration rate, orders and the
// compliance rate (each rate with the landlord-type average beneath it),
// compensation and figures per 1,000 homes. perHomes, when not nil, gives
// the case log's complaints per 1,000 homes at stage 1 (0) and stage 2
// (1). An undefined figure is "-".
func (f *Figures) WriteText(w io.Writer, perHomes func(year string, stage int) (float64, bool)) error {
	rows := []struct{ name, label string }{
		{"homes", "homes"}, {"determinations", "determinations"}, {"determinations_with_finding", "  with a finding"},
		{"maladministration_rate", "maladministration rate"}, {"average.maladministration_rate", "  landlords of this type"},
		{"orders_made", "orders made"}, {"orders_complied_on_time", "  complied with on time"},
		{"compliance_rate", "compliance rate"}, {"average.compliance_rate", "  landlords of this type"},
		{"compensation", "compensation ordered"},
		{"determinations_per_1000_homes", "determinations per 1,000 homes"}, {"average.determinations_per_1000_homes", "  landlords of this type"},
	}
	if perHomes != nil {
		rows = append(rows, struct{ name, label string }{"stage1", "stage 1 complaints per 1,000 homes"},
			struct{ name, label string }{"stage2", "stage 2 complaints per 1,000 homes"})
	}
	table := [][]string{append([]string{"Housing Ombudsman: " + f.Landlord}, f.order...)}
	for _, r := range rows {
		line := []string{"  " + r.label}
		for _, y := range f.order {
			var v float64
			var ok bool
			if r.name == "stage1" || r.name == "stage2" {
				v, ok = perHomes(y, int(r.name[5]-'1'))
			} else {
				v, ok, _ = f.Value(r.name, y)
			}
			switch {
			case !ok:
				line = append(line, "-")
			case strings.HasSuffix(r.name, "_rate"):
				line = append(line, format.PercentFloat(v, 1))
			case r.name == "compensation":
				p := *f.Years[y].CompensationPence
				line = append(line, fmt.Sprintf("£%s.%02d", format.Count(int(p/100)), p%100))
			case strings.Contains(r.name, "per_1000") || r.name == "stage1" || r.name == "stage2":
				line = append(line, format.NumberFloat(v, 1))
			default:
				line = append(line, format.Count(int(v)))
			}
		}
		table = append(table, line)
	}
	return figtext.WriteTable(w, table)
}
