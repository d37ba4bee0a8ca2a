package layout

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/metrics"
)

// Quarters and halves of financial years ("2024/25 Q1", "2024/25 H2")
// are cited wherever a year is: in metric functions and in the years and
// year of tables and charts drawn from the case log (the Ombudsman's
// letter is annual). resolveYear and yearLabel (years.go) parse them
// with the years; part checks that the case log has figures for them.

// part resolves a quarter or half to its label ("2024/25 q1" is
// "2024/25 Q1"), checking that the case log has cases in it, and warns,
// once per period, when the end of the data cuts it short.
func (p *paper) part(label string) (string, error) {
	per, _ := metrics.ParsePeriod(label)
	label = per.String()
	if p.in.Figures == nil {
		return "", errNoData
	}
	c := p.in.Figures.Complaints
	if c == nil {
		return "", errNoCaseLog
	}
	if _, err := c.Lookup(label, ""); err != nil {
		return "", err
	}
	if months, of, last, ok := c.PartPeriod(label); ok && !p.warnedPart[label] {
		if p.warnedPart == nil {
			p.warnedPart = map[string]bool{}
		}
		p.warnedPart[label] = true
		pos := p.r.Pos.At("data.complaints")
		p.errs.Warnf(p.r.File, pos.Line, pos.Col, "data.complaints", "%s: %s", p.r.Data.Complaints, metrics.PartPeriodMessage(label, months, of, last))
	}
	return label, nil
}

// periodMonths returns the first month of a year, quarter or half, as y*12 +
// month - 1, and how many months it spans: for the monthly chart.
func periodMonths(label string) (first, n int) {
	per, _ := metrics.ParsePeriod(label)
	start, n := per.Months()
	return start.Year()*12 + int(start.Month()) - 1, n
}

// partWithheld refuses a figure of a quarter or half cited in text when
// the paper withholds any count or rate of its row (the service's, or the
// total's) in the by-service grid of its whole year and stage: the parts
// of a year add up to it, so a part's figure could give a withheld count
// away, and the year's audit does not cover the parts.
func (p *paper) partWithheld(name, period, service string) error {
	per, ok := metrics.ParsePeriod(period)
	if !ok || per.Kind == 'Y' {
		return nil
	}
	stage, _, _ := strings.Cut(name, ".")
	st, ok := metrics.StageOf(stage)
	if !ok {
		return nil
	}
	year := metrics.Period{Start: per.Start, Kind: 'Y'}.String()
	g := p.grid(year, st)
	if g == nil || g.p == nil || g.err != nil {
		return nil
	}
	refuse := fmt.Errorf("%s withholds figures of %s in %s so that no one can be identified, and figures for part of that year could give them away; cite the whole year, or a figure %s shows", g.where(), rowName(service), year, g.where())
	if service != "" && containsString(g.grouped, service) {
		return refuse
	}
	row := len(g.rows) // the total
	if service != "" {
		row = -1
		for i, r := range g.rows {
			if r.name == service {
				row = i
			}
		}
		if row < 0 {
			return nil // no complaints in the year: nothing to protect
		}
	}
	// A count whose column the year publishes for this row splits a
	// published figure and gives nothing away; any other figure (a rate,
	// closed, mean working days) rests on several columns, so it is
	// refused if any of the row's counts or rates is withheld.
	_, fig, _ := strings.Cut(name, ".")
	if j, ok := proseColumn[fig]; ok {
		if g.hidden(row, j) {
			return refuse
		}
		return nil
	}
	if g.rateHidden(row, false) || g.rateHidden(row, true) {
		return refuse
	}
	for j := range gridCols {
		if g.hidden(row, j) {
			return refuse
		}
	}
	return nil
}

func rowName(service string) string {
	if service == "" {
		return "the total"
	}
	return service
}
