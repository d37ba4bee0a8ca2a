package metrics

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/workdays"
)

// Period is a financial year or a part of one that figures can be cited
// for: the year itself ("2024/25"), a quarter ("2024/25 Q1", April to
// June, to "2024/25 Q4", January to March) or a half ("2024/25 H1",
// April to September, and "2024/25 H2"). Committees take quarterly and
// half-year reports as well as annual ones; a period's figures are the
// year's, counted over the cases received in its months.
type Period struct {
	// Start is the calendar year the financial year starts in: 2024 for
	// 2024/25.
	Start int
	// Kind is 'Y' for a whole year, 'Q' for a quarter, 'H' for a half.
	Kind byte
	// N is the quarter (1 to 4) or half (1 or 2); 0 for a year.
	N int
}

var periodRE = regexp.MustCompile(`^(\d{4})/(\d{2})(?:\s*([QqHh])(\d))?$`)

// ParsePeriod reads a financial year "2024/25", a quarter "2024/25 Q1"
// to "Q4" or a half "2024/25 H1" or "H2" (the letter in either case, the
// space optional). ok is false for anything else, "2024/26" included.
func ParsePeriod(s string) (p Period, ok bool) {
	m := periodRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, false
	}
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	if (start+1)%100 != end {
		return Period{}, false
	}
	p = Period{Start: start, Kind: 'Y'}
	if m[3] == "" {
		return p, true
	}
	p.Kind = strings.ToUpper(m[3])[0]
	p.N, _ = strconv.Atoi(m[4])
	if p.N < 1 || (p.Kind == 'Q' && p.N > 4) || (p.Kind == 'H' && p.N > 2) {
		return Period{}, false
	}
	return p, true
}

// IsPart reports whether label is a quarter or half of a financial year,
// as ParsePeriod reads them.
func IsPart(label string) bool {
	p, ok := ParsePeriod(label)
	return ok && p.Kind != 'Y'
}

// String labels the period: "2024/25", "2024/25 Q1", "2024/25 H2".
func (p Period) String() string {
	y := workdays.FinancialYearLabel(p.Start)
	if p.Kind == 'Y' {
		return y
	}
	return fmt.Sprintf("%s %c%d", y, p.Kind, p.N)
}

// quarters returns the period's first quarter, counted from April of
// year 0 (so 2024/25 Q1 is 2024*4), and how many quarters it spans.
func (p Period) quarters() (first, n int) {
	switch p.Kind {
	case 'Q':
		return p.Start*4 + p.N - 1, 1
	case 'H':
		return p.Start*4 + (p.N-1)*2, 2
	}
	return p.Start * 4, 4
}

// Months returns the period's first month and how many months it spans.
func (p Period) Months() (first time.Time, n int) {
	q, nq := p.quarters()
	return quarterStart(q).Time(), nq * 3
}

// Span names the period's months: "April to June 2024", "October 2024 to
// March 2025".
func (p Period) Span() string {
	first, n := p.Months()
	last := first.AddDate(0, n-1, 0)
	if first.Year() == last.Year() {
		return first.Format("January") + " to " + last.Format("January 2006")
	}
	return first.Format("January 2006") + " to " + last.Format("January 2006")
}

// quarterStart is the first day of quarter q, counted as in quarters.
func quarterStart(q int) workdays.Day {
	return workdays.Date(q/4, time.Month(4+3*(q%4)), 1)
}

// quarterOfMonth returns the quarter, counted as in quarters, of a month
// index y*12 + m - 1.
func quarterOfMonth(mi int) int { return (mi - 3) / 3 }

// partLabels lists the quarters and halves with cases in the data, in
// order: every quarter of a year, then its halves.
func (c *Complaints) partLabels() (quarters, halves []string) {
	for i, cells := range c.qcells {
		if cells == nil {
			continue
		}
		q := c.q0 + i
		quarters = append(quarters, Period{Start: q / 4, Kind: 'Q', N: q%4 + 1}.String())
		if h := (Period{Start: q / 4, Kind: 'H', N: q%4/2 + 1}).String(); len(halves) == 0 || halves[len(halves)-1] != h {
			halves = append(halves, h)
		}
	}
	return quarters, halves
}

// QuarterLabels lists the quarters in the data (those with a case
// received in them), oldest first.
func (c *Complaints) QuarterLabels() []string {
	q, _ := c.partLabels()
	return q
}

// HalfLabels lists the halves in the data, oldest first.
func (c *Complaints) HalfLabels() []string {
	_, h := c.partLabels()
	return h
}

// period returns the figures of a quarter or half for the council
// (service -1) or one service, or an error saying why there are none: no
// case was received in it, before the first case, or after the last (its
// figures do not exist yet).
func (c *Complaints) period(p Period, service int) (*Year, error) {
	if service < 0 {
		return c.sum(p, nil)
	}
	return c.sum(p, []int{service})
}

// sum returns the figures of period p summed over the services given by
// index (nil: every service), or an error as period's.
func (c *Complaints) sum(p Period, services []int) (*Year, error) {
	first, n := p.quarters()
	var cs [caselog.NumStages]counts
	seen := false
	for q := first; q < first+n; q++ {
		i := q - c.q0
		if i < 0 || i >= len(c.qcells) || c.qcells[i] == nil {
			continue
		}
		seen = true
		cells := c.qcells[i]
		add := func(s int) {
			for st := range cs {
				cs[st].add(&cells[s*caselog.NumStages+st])
			}
		}
		if services == nil {
			for s := range len(c.services) {
				add(s)
			}
		}
		for _, s := range services {
			add(s)
		}
	}
	if !seen {
		return nil, c.noPeriod(p)
	}
	return makeYear(&cs), nil
}

// noPeriod says why a quarter or half has no figures.
func (c *Complaints) noPeriod(p Period) error {
	if len(c.years) == 0 {
		return fmt.Errorf("the case log has no rows")
	}
	first, n := p.quarters()
	switch {
	case first >= c.q0+len(c.qcells):
		return fmt.Errorf("%s (%s) is after the last complaint in the case log, received on %s: it has no figures yet", p, p.Span(), longDate(c.lastCase))
	case first+n <= c.q0:
		return fmt.Errorf("the case log has no complaints received in %s (%s): the first was received on %s", p, p.Span(), longDate(c.firstCase))
	}
	return fmt.Errorf("the case log has no complaints received in %s (%s)", p, p.Span())
}

func longDate(d workdays.Day) string { return d.Time().Format("2 January 2006") }

// PartPeriod reports whether a quarter or half that has figures is cut
// short by the end of the data: its last month with cases is the data's
// last, before the period's own last month. months counts its months
// from its start to that last month, of its length in all.
func (c *Complaints) PartPeriod(label string) (months, of int, last time.Time, ok bool) {
	p, good := ParsePeriod(label)
	if !good || p.Kind == 'Y' || len(c.Months) == 0 {
		return 0, 0, time.Time{}, false
	}
	start, n := p.Months()
	last = c.lastCase.Time()
	lastMonth := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, n, 0)
	if lastMonth.Before(start) || !lastMonth.Before(end) {
		return 0, 0, time.Time{}, false
	}
	months = (lastMonth.Year()-start.Year())*12 + int(lastMonth.Month()) - int(start.Month()) + 1
	return months, n, lastMonth, months < n
}

// PartPeriodMessage says that a cited quarter or half is cut short by the
// end of the data, for a warning.
func PartPeriodMessage(label string, months, of int, last time.Time) string {
	p, _ := ParsePeriod(label)
	start, _ := p.Months()
	span := start.Format("January 2006")
	if months > 1 {
		span = start.Format("January") + " to " + last.Format("January 2006")
		if start.Year() != last.Year() {
			span = start.Format("January 2006") + " to " + last.Format("January 2006")
		}
	}
	what := "quarter"
	if p.Kind == 'H' {
		what = "half year"
	}
	return fmt.Sprintf("%s, which the paper cites, has cases from %s only (%d of %d months), so its figures cover part of the %s; cite a whole %s or leave it out until its last month is in the export",
		label, span, months, of, what, what)
}

// NotAPeriod is the error for a label ParsePeriod does not read.
func NotAPeriod(label string) error { return badPeriod(label) }

// badPeriod says that a label is not a period at all.
func badPeriod(label string) error {
	return fmt.Errorf("%s is not a financial year like 2024/25, a quarter like 2024/25 Q1 (Q1 is April to June) or a half like 2024/25 H1", diag.Quote(label))
}

// Group returns the figures of a period (a year, quarter or half) for
// several services counted as one, as a table's "Other services" row
// shows them: the counts summed and every rate and mean worked out from
// the sums, by the same rules as any other row's.
func (c *Complaints) Group(period string, services []string) (*Year, error) {
	p, ok := ParsePeriod(period)
	if !ok {
		return nil, badPeriod(period)
	}
	idx := make([]int, 0, len(services))
	for _, name := range services {
		name, err := c.Service(name)
		if err != nil {
			return nil, err
		}
		i, _ := slices.BinarySearch(c.services, name)
		idx = append(idx, i)
	}
	return c.sum(p, idx)
}
