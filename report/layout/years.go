package layout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
)

// Every year a paper names (a block's years and year, a metric's year,
// data.year) is parsed and ordered by periodKey and resolved by one
// resolver, resolveYear, against the figures themselves, so that a new
// kind of period (a quarter, a half) is one change in periodKey and the
// figures' own lookup.

// periodKey parses a period label and returns the key that orders it
// among others; ok is false when label is not a period paper knows: a
// financial year, "2024/25", or a quarter or half of one, "2024/25 Q1",
// "2024/25 H2" (metrics.ParsePeriod). Periods are ordered by their first
// month, and a longer period before a shorter one starting with it.
func periodKey(label string) (key int, ok bool) {
	per, ok := metrics.ParsePeriod(label)
	if !ok {
		return 0, false
	}
	first, n := per.Months()
	return (first.Year()*12+int(first.Month())-1)*16 + (12 - n), true
}

// financialYear parses a financial year, "2024/25", into the calendar
// year it starts in; the two-digit end must be the following year.
func financialYear(label string) (start int, ok bool) {
	p, ok := metrics.ParsePeriod(label)
	if !ok || p.Kind != 'Y' || p.String() != label {
		return 0, false
	}
	return p.Start, true
}

// sortPeriods orders period labels oldest first.
func sortPeriods(ys []string) {
	slices.SortStableFunc(ys, func(a, b string) int {
		ka, _ := periodKey(a)
		kb, _ := periodKey(b)
		return ka - kb
	})
}

// yearSource is where a block's years come from, the case log or the
// Ombudsman's letter: its name for messages, its years oldest first, and
// has, which asks the figures themselves whether they cover a period.
type yearSource struct {
	name  string
	years []string
	has   func(year string) bool
	// annual is true for the Ombudsman's letter, which has no quarters
	// or halves (and for the Housing Ombudsman's figures, whose
	// annualNote says so instead).
	annual     bool
	annualNote string
}

// caseLogSource is the case log's years; Lookup decides what it covers.
func caseLogSource(c *metrics.Complaints) yearSource {
	return yearSource{name: "the case log", years: c.YearLabels(), has: func(y string) bool {
		_, err := c.Lookup(y, "")
		return err == nil
	}}
}

// letterSource is the Ombudsman's letter's years, named by its file
// (ombudsman.yaml when the report gives none, as in tests).
func letterSource(l *ombudsman.Letter, file string) yearSource {
	if file == "" {
		file = "ombudsman.yaml"
	}
	return yearSource{name: file, years: l.YearLabels(), annual: true, has: func(y string) bool {
		_, ok := l.Years[y]
		return ok
	}}
}

// covers lists a source's years for a message: each of a few
// ("2019/20, 2020/21"), the span of many ("2015/16 to 2024/25").
func (s yearSource) covers() string {
	if len(s.years) > 1 && len(s.years) <= 4 {
		return strings.Join(s.years, ", ")
	}
	return joinYears(s.years)
}

// upTo returns the last n of the source's years up to and including
// year: a block's default years end at the reporting year.
func (s yearSource) upTo(year string, n int) []string {
	k, _ := periodKey(year)
	var out []string
	for _, y := range s.years {
		if yk, _ := periodKey(y); yk <= k || year == "" {
			out = append(out, y)
		}
	}
	return out[max(0, len(out)-n):]
}

// ReportingYear resolves d.Year (data.year), the year a paper reports on, against
// its figures: "latest" (or nothing) is the most recent financial year
// in the case log (in the Ombudsman's letter when there is no case log),
// "previous" the financial year before it, and a year given by name must
// be a financial year the figures cover. Every "latest" and "previous" in
// the paper, and every block that names no year, means this year. It
// returns "" with no error when the paper has no data.
func ReportingYear(d definition.Data, f *Figures) (string, error) {
	given := d.Year
	var src yearSource
	switch {
	case f != nil && f.Complaints != nil && len(f.Complaints.YearLabels()) > 0:
		src = caseLogSource(f.Complaints)
	case f != nil && f.Complaints != nil && f.Complaints.Requests != nil && len(f.Complaints.Requests.YearLabels()) > 0:
		// A log of information requests alone.
		src = requestsSource(f.Complaints.Requests)
	case f != nil && f.Letter != nil && len(f.Letter.YearLabels()) > 0:
		src = letterSource(f.Letter, d.Ombudsman)
	case f != nil && f.Housing != nil && len(f.Housing.YearLabels()) > 0:
		src = housingSource(f.Housing, d.HousingOmbudsman)
	default:
		if given != "" && given != "latest" && given != "previous" {
			if _, ok := financialYear(given); !ok {
				return "", fmt.Errorf("%s is not a financial year like 2024/25, latest or previous", diag.Quote(given))
			}
		}
		return "", nil
	}
	latest := src.years[len(src.years)-1]
	y := given
	switch given {
	case "", "latest":
		return latest, nil
	case "previous":
		y, _ = previousYear(latest)
		if !src.has(y) {
			return "", fmt.Errorf("previous is the year before the latest, %s, and %s has no figures for %s (it covers %s)", latest, src.name, y, src.covers())
		}
		return y, nil
	}
	if _, ok := financialYear(y); !ok {
		return "", fmt.Errorf("%s is not a financial year like 2024/25, latest or previous", diag.Quote(y))
	}
	if !src.has(y) {
		return "", fmt.Errorf("%s has no figures for %s (it covers %s)", src.name, y, src.covers())
	}
	return y, nil
}

// yearLabel resolves the words a year may be written as: "latest" (and
// an empty year) is the reporting year, "previous" the year before it;
// what describes them for messages. Any other year must parse as a
// period; whether the figures cover it is the caller's question.
func (p *paper) yearLabel(given string) (y, what string, err error) {
	switch given {
	case "", "latest", "previous":
		if p.in.Figures == nil {
			return "", "", errNoData
		}
		if p.reporting == "" {
			return "", "", fmt.Errorf("the data holds no years")
		}
		if given == "previous" {
			y, _ = previousYear(p.reporting)
			return y, "the year before the reporting year, " + p.reporting, nil
		}
		return p.reporting, "the reporting year", nil
	}
	per, ok := metrics.ParsePeriod(given)
	if !ok {
		return "", "", metrics.NotAPeriod(given)
	}
	return per.String(), "", nil
}

// resolveYear resolves a year a block names against a source: see
// yearLabel; the year must be one the source covers.
func (p *paper) resolveYear(given string, src yearSource) (string, error) {
	y, what, err := p.yearLabel(given)
	if err != nil {
		return "", err
	}
	if metrics.IsPart(y) {
		if src.annual {
			note := src.annualNote
			if note == "" {
				note = "the Ombudsman's letter is annual"
			}
			return "", fmt.Errorf("%s has no figures for %s: %s; give a financial year", src.name, y, note)
		}
		return p.part(y)
	}
	if src.has(y) {
		return y, nil
	}
	if what == "" {
		return "", fmt.Errorf("%s has no figures for %s (it covers %s)", src.name, y, src.covers())
	}
	return "", fmt.Errorf("%s has no figures for %s, %s (it covers %s); give a year it has, or set data.year", src.name, y, what, src.covers())
}

// metricYear resolves the year a metric in text names: latest and
// previous are checked against the figures the metric comes from, the
// case log or the letter, as a block's are; a year given by name is left
// to the figures' own lookup, which says what they cover.
func (p *paper) metricYear(name, given string) (string, error) {
	if given == "" {
		return "", fmt.Errorf("give the year: a financial year like 2024/25, latest or previous")
	}
	y, what, err := p.yearLabel(given)
	if err == nil && metrics.IsPart(y) {
		if strings.HasPrefix(name, "letter.") {
			return "", fmt.Errorf("%s is part of a year, and the Ombudsman's letter is annual; give a financial year", y)
		}
		if strings.HasPrefix(name, "hos.") {
			return "", fmt.Errorf("%s is part of a year, and the Housing Ombudsman's figures are annual; give a financial year", y)
		}
		return p.part(y)
	}
	if err != nil || what == "" {
		return y, err
	}
	f := p.in.Figures
	switch {
	case strings.HasPrefix(name, "letter.") && f.Letter != nil:
		return p.resolveYear(given, letterSource(f.Letter, p.r.Data.Ombudsman))
	case strings.HasPrefix(name, "hos.") && f.Housing != nil:
		return p.resolveYear(given, housingSource(f.Housing, p.r.Data.HousingOmbudsman))
	case f.Complaints != nil && f.Complaints.Requests != nil && isRequestMetric(name):
		return p.resolveYear(given, requestsSource(f.Complaints.Requests))
	case !strings.HasPrefix(name, "letter.") && !strings.HasPrefix(name, "hos.") && f.Complaints != nil:
		return p.resolveYear(given, caseLogSource(f.Complaints))
	}
	return y, nil
}
