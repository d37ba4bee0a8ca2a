// Package metrics computes complaint-handling figures from a case log: per
// financial year and stage, and the same per service. The definitions are
// exact, because other tools script against `paper metrics --json`:
//
//   - A row's financial year is the one containing Received (1 April to
//     31 March), labelled "2020/21".
//   - Working days are Monday to Friday less England and Wales bank
//     holidays (and any days the report adds): see package workdays.
//   - A row's due date is its Due date if given, else Received plus the
//     stage's target in working days, the first working day after Received
//     being day 1. Targets default to 10 working days for stage 1 and 20
//     for stage 2 and the Ombudsman. With Options.FromAcknowledged (the
//     Complaint Handling Codes' reading, data.deadlines_from:
//     acknowledged) a stage 1 or stage 2 target counts from Acknowledged
//     instead, or from Received where a row has no Acknowledged date. A closed row is on
//     time when Responded is on or before the due date.
//   - acknowledged counts rows with an Acknowledged date (open or
//     closed); acknowledged_on_time those acknowledged on or before
//     Received plus the acknowledgement target (5 working days by
//     default), counted as the due date is; acknowledged_on_time_rate =
//     acknowledged_on_time / acknowledged.
//   - received counts rows; closed those with Responded; open = received -
//     closed; on_time closed rows on time; on_time_rate = on_time / closed;
//     mean_working_days is the mean over closed rows of the working days d
//     with Received < d <= Responded; upheld, partially_upheld, not_upheld
//     withdrawn and refused (not accepted under a Complaint Handling Code)
//     count closed rows by outcome; upheld_rate = (upheld +
//     partially_upheld) / (upheld + partially_upheld + not_upheld), so
//     refused and withdrawn complaints are outside it; no_outcome = closed
//     rows with no outcome, so that the five outcomes and no_outcome add
//     up to closed.
//   - stage2.escalation_rate = stage2.received / stage1.received, and
//     ombudsman.escalation_rate = ombudsman.received / stage2.received, in
//     the same year.
//   - A rate whose denominator is zero is undefined: null in JSON.
//   - The same figures for a quarter ("2020/21 Q1", April to June) or a
//     half ("2020/21 H1", April to September) count the rows received in
//     its months; a year's are its quarters' added together.
//
// Computing is one pass over the rows, split across CPUs, with O(1)
// working-day arithmetic per row, each worker counting into its own
// tally; Stream counts the rows of a CSV as caselog.Stream reads them,
// so that none are kept.
package metrics

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/workdays"
)

// Targets are the working days allowed for a response, by stage.
type Targets [caselog.NumStages]int

// DefaultTargets are the Ombudsmen's complaint handling code targets: 10
// working days at stage 1, 20 at stage 2, 20 for an Ombudsman enquiry.
func DefaultTargets() Targets { return Targets{10, 20, 20} }

// DefaultAcknowledge is the Complaint Handling Codes' target for
// acknowledging a complaint: 5 working days from receiving it.
const DefaultAcknowledge = 5

// Options control the computation.
type Options struct {
	// Calendar counts working days; nil means England and Wales.
	Calendar *workdays.Calendar
	// Targets per stage; a zero entry takes the default.
	Targets Targets
	// Acknowledge is the working days allowed for an acknowledgement;
	// 0 means DefaultAcknowledge.
	Acknowledge int
	// FromAcknowledged counts a stage 1 or stage 2 row's deadline (when
	// it has no Due date) from its Acknowledged date, or from Received
	// where that is blank, instead of from Received, as the Complaint
	// Handling Codes time responses. An Ombudsman enquiry's deadline is
	// the Ombudsman's, and still counts from Received.
	FromAcknowledged bool
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Requests are the targets of information requests and enquiries
	// by type; a zero entry takes the default (see requests.go).
	Requests RequestTargets
}

// Stage holds one stage's figures for one year (and perhaps one service).
type Stage struct {
	Received        int
	Closed          int
	Open            int
	OnTime          int
	OnTimeRate      *float64
	MeanWorkingDays *float64
	Upheld          int
	PartiallyUpheld int
	NotUpheld       int
	Withdrawn       int
	// Refused counts closed rows with the outcome Refused: complaints not
	// accepted under a Complaint Handling Code. They are outside the
	// upheld rate.
	Refused int
	// NoOutcome counts closed rows without an outcome: closed less the
	// five outcomes, so that the outcomes and it add up to closed.
	NoOutcome  int
	UpheldRate *float64
	// Acknowledged counts rows with an Acknowledged date, open or closed;
	// AcknowledgedOnTime those acknowledged within the acknowledgement
	// target; AcknowledgedOnTimeRate is the second over the first.
	Acknowledged           int
	AcknowledgedOnTime     int
	AcknowledgedOnTimeRate *float64
	// EscalationRate is defined for stage 2 and the Ombudsman only.
	EscalationRate *float64

	escalates bool
}

type stageJSON struct {
	Received        int      `json:"received"`
	Closed          int      `json:"closed"`
	Open            int      `json:"open"`
	OnTime          int      `json:"on_time"`
	OnTimeRate      *float64 `json:"on_time_rate"`
	MeanWorkingDays *float64 `json:"mean_working_days"`
	Upheld          int      `json:"upheld"`
	PartiallyUpheld int      `json:"partially_upheld"`
	NotUpheld       int      `json:"not_upheld"`
	Withdrawn       int      `json:"withdrawn"`
	NoOutcome       int      `json:"no_outcome"`
	UpheldRate      *float64 `json:"upheld_rate"`
}

// codeJSON are the figures added with the Complaint Handling Codes,
// written after the older ones (escalation_rate included), which keep
// their meaning and their order.
type codeJSON struct {
	Refused                int      `json:"refused"`
	Acknowledged           int      `json:"acknowledged"`
	AcknowledgedOnTime     int      `json:"acknowledged_on_time"`
	AcknowledgedOnTimeRate *float64 `json:"acknowledged_on_time_rate"`
}

type plainJSON struct {
	stageJSON
	codeJSON
}

type escalatingJSON struct {
	stageJSON
	EscalationRate *float64 `json:"escalation_rate"`
	codeJSON
}

// MarshalJSON writes the stage in the documented form: escalation_rate
// appears, null or not, on stage 2 and the Ombudsman and never on stage 1.
func (s Stage) MarshalJSON() ([]byte, error) {
	j := stageJSON{s.Received, s.Closed, s.Open, s.OnTime, s.OnTimeRate, s.MeanWorkingDays,
		s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.NoOutcome, s.UpheldRate}
	c := codeJSON{s.Refused, s.Acknowledged, s.AcknowledgedOnTime, s.AcknowledgedOnTimeRate}
	if s.escalates {
		return json.Marshal(escalatingJSON{j, s.EscalationRate, c})
	}
	return json.Marshal(plainJSON{j, c})
}

// Year holds the three stages' figures for one financial year.
type Year struct {
	Stage1    Stage `json:"stage1"`
	Stage2    Stage `json:"stage2"`
	Ombudsman Stage `json:"ombudsman"`
}

// At returns the figures of stage s.
func (y *Year) At(s caselog.Stage) *Stage {
	switch s {
	case caselog.Stage1:
		return &y.Stage1
	case caselog.Stage2:
		return &y.Stage2
	}
	return &y.Ombudsman
}

// Month counts one calendar month's rows by stage, by the month of
// Received: for charts of the flow of complaints through a year.
type Month struct {
	// Start is the first day of the month.
	Start  workdays.Day
	Stages [caselog.NumStages]MonthStage
}

// MonthStage is one stage's counts in a month.
type MonthStage struct {
	Received, Closed, OnTime int
}

// Complaints are the figures computed from a case log. Its JSON form is
// the contract of `paper metrics --json`:
//
//	{"years": {"2020/21": {"stage1": {...}, "stage2": {...}, "ombudsman": {...}}},
//	 "services": {"Housing": {"2020/21": {...}}},
//	 "quarters": {"2020/21 Q1": {...}}, "halves": {"2020/21 H1": {...}}}
//
// Every year in the data carries all three stages, zeros included, and
// every service carries every year.
type Complaints struct {
	Years    map[string]*Year            `json:"years"`
	Services map[string]map[string]*Year `json:"services"`
	// Quarters and Halves hold the council's figures for each quarter
	// ("2024/25 Q1", April to June) and half ("2024/25 H1") with a case
	// received in it; a service's are found with Lookup.
	Quarters map[string]*Year `json:"quarters"`
	Halves   map[string]*Year `json:"halves"`
	// Requests are the figures of the information requests and
	// enquiries of a log with a Type column; nil without one.
	Requests *Requests `json:"requests,omitempty"`
	// Months covers every month from the first to the last in the data.
	Months []Month `json:"-"`

	years    []string // oldest first
	services []string // sorted
	// hasAck says the case log has an Acknowledged column, hasRefused
	// that a row was refused: WriteText shows those figures only then.
	hasAck, hasRefused bool
	// folded maps each service spelling the case log had, and each
	// service, folded (caselog.FoldService), to the service it is
	// counted under.
	folded map[string]string
	// qcells holds the counts of quarter q0+i, indexed by service and
	// stage; nil for a quarter without cases.
	q0                  int
	qcells              [][]counts
	firstCase, lastCase workdays.Day
	// dateYears are the years of the case log's dates that the bank
	// holidays do not cover (UncoveredYears).
	dateYears yearSet
	// log, cal and targets are what the figures were computed from, for
	// ServiceMonths; log is nil when its rows were not kept (Stream).
	log     *caselog.Log
	cal     *workdays.Calendar
	targets Targets
}

// YearLabels lists the financial years in the data, oldest first.
func (c *Complaints) YearLabels() []string { return c.years }

// ServiceNames lists the services in the data, sorted.
func (c *Complaints) ServiceNames() []string { return c.services }

// counts accumulates one (year, service, stage) cell.
type counts struct {
	received, closed, onTime              int
	upheld, partial, notUpheld, withdrawn int
	refused, acked, ackOnTime             int
	days                                  int64
}

func (a *counts) add(b *counts) {
	a.received += b.received
	a.closed += b.closed
	a.onTime += b.onTime
	a.upheld += b.upheld
	a.partial += b.partial
	a.notUpheld += b.notUpheld
	a.withdrawn += b.withdrawn
	a.refused += b.refused
	a.acked += b.acked
	a.ackOnTime += b.ackOnTime
	a.days += b.days
}

// buildComplaints makes the complaint figures of the rows counted in m,
// whose services are names.
func buildComplaints(names []string, folded map[string]string, m merged, rule dueRule) *Complaints {
	out := &Complaints{Years: map[string]*Year{}, Services: map[string]map[string]*Year{},
		Quarters: map[string]*Year{}, Halves: map[string]*Year{}, services: names, folded: folded,
		cal: rule.cal, targets: rule.targets}
	if m.rows == 0 {
		return out
	}
	lo, hi := m.first, m.last
	out.firstCase, out.lastCase = lo, hi
	m0, m1 := monthIndex(lo), monthIndex(hi)
	q0, q1 := quarterOfMonth(m0), quarterOfMonth(m1)
	nMonths := m1 - m0 + 1
	slab := len(names) * caselog.NumStages
	out.q0, out.qcells = q0, m.quarters
	months := m.months
	for _, cells := range m.quarters {
		for i := range cells {
			out.hasRefused = out.hasRefused || cells[i].refused > 0
		}
	}

	// A year's cells are the sum of its quarters'; a year without cases
	// (a gap between years in the data) is left out.
	yearCells := make([]counts, slab)
	for fy := q0 / 4; fy <= q1/4; fy++ {
		var in [][]counts
		for q := max(fy*4, q0); q < fy*4+4 && q <= q1; q++ {
			if cells := m.quarters[q-q0]; cells != nil {
				in = append(in, cells)
			}
		}
		if len(in) == 0 {
			continue
		}
		clear(yearCells)
		for _, cells := range in {
			for i := range yearCells {
				yearCells[i].add(&cells[i])
			}
		}
		label := workdays.FinancialYearLabel(fy)
		out.years = append(out.years, label)
		var all [caselog.NumStages]counts
		for si, name := range names {
			var cs [caselog.NumStages]counts
			copy(cs[:], yearCells[si*caselog.NumStages:(si+1)*caselog.NumStages])
			for st := range all {
				all[st].add(&cs[st])
			}
			if out.Services[name] == nil {
				out.Services[name] = map[string]*Year{}
			}
			out.Services[name][label] = makeYear(&cs)
		}
		out.Years[label] = makeYear(&all)
	}
	for _, name := range names {
		if out.Services[name] == nil {
			out.Services[name] = map[string]*Year{}
		}
	}
	quarters, halves := out.partLabels()
	for _, l := range quarters {
		p, _ := ParsePeriod(l)
		out.Quarters[l], _ = out.period(p, -1)
	}
	for _, l := range halves {
		p, _ := ParsePeriod(l)
		out.Halves[l], _ = out.period(p, -1)
	}
	for i := 0; i < nMonths; i++ {
		y, m := (m0+i)/12, (m0+i)%12+1
		mo := Month{Start: workdays.Date(y, time.Month(m), 1)}
		copy(mo.Stages[:], months[i*caselog.NumStages:(i+1)*caselog.NumStages])
		out.Months = append(out.Months, mo)
	}
	return out
}

func monthIndex(d workdays.Day) int {
	y, m, _ := d.Date()
	return y*12 + int(m) - 1
}

// dueRule is how deadlines are counted: the calendar, the targets, and
// where a deadline counts from.
type dueRule struct {
	cal     *workdays.Calendar
	targets Targets
	ack     int  // working days allowed for an acknowledgement
	fromAck bool // count deadlines from Acknowledged where given
}

// Due returns a row's response deadline: Due if given, else the stage's
// target in working days after Received (or, counting from the
// acknowledgement, after Acknowledged where the row has one).
func (d *dueRule) Due(r *caselog.Row) workdays.Day {
	if r.Due != caselog.NoDate {
		return r.Due
	}
	return d.cal.Add(d.from(r), d.targets[r.Stage])
}

// from is the day a row's deadline counts from when it has no Due date.
func (d *dueRule) from(r *caselog.Row) workdays.Day {
	if d.fromAck && r.Stage != caselog.Ombudsman && r.Acknowledged != caselog.NoDate {
		return r.Acknowledged
	}
	return r.Received
}

func rate(num, den float64) *float64 {
	if den == 0 {
		return nil
	}
	v := num / den
	return &v
}

func makeStage(c *counts) Stage {
	return Stage{
		Received: c.received, Closed: c.closed, Open: c.received - c.closed, OnTime: c.onTime,
		OnTimeRate:      rate(float64(c.onTime), float64(c.closed)),
		MeanWorkingDays: rate(float64(c.days), float64(c.closed)),
		Upheld:          c.upheld, PartiallyUpheld: c.partial, NotUpheld: c.notUpheld, Withdrawn: c.withdrawn,
		Refused:      c.refused,
		NoOutcome:    c.closed - c.upheld - c.partial - c.notUpheld - c.withdrawn - c.refused,
		UpheldRate:   rate(float64(c.upheld+c.partial), float64(c.upheld+c.partial+c.notUpheld)),
		Acknowledged: c.acked, AcknowledgedOnTime: c.ackOnTime,
		AcknowledgedOnTimeRate: rate(float64(c.ackOnTime), float64(c.acked)),
	}
}

func makeYear(cs *[caselog.NumStages]counts) *Year {
	y := &Year{Stage1: makeStage(&cs[0]), Stage2: makeStage(&cs[1]), Ombudsman: makeStage(&cs[2])}
	y.Stage2.escalates, y.Ombudsman.escalates = true, true
	y.Stage2.EscalationRate = rate(float64(cs[1].received), float64(cs[0].received))
	y.Ombudsman.EscalationRate = rate(float64(cs[2].received), float64(cs[1].received))
	return y
}

// Fields lists the figure names of a stage, as in metric names
// ("stage1.on_time_rate") and JSON.
var Fields = []string{
	"received", "closed", "open", "on_time", "on_time_rate", "mean_working_days",
	"upheld", "partially_upheld", "not_upheld", "withdrawn", "refused", "no_outcome", "upheld_rate", "escalation_rate",
	"acknowledged", "acknowledged_on_time", "acknowledged_on_time_rate",
}

// Field returns the named figure of s; ok is false when it is undefined.
func (s *Stage) Field(name string) (v float64, ok bool, err error) {
	n := func(i int) (float64, bool, error) { return float64(i), true, nil }
	r := func(p *float64) (float64, bool, error) {
		if p == nil {
			return 0, false, nil
		}
		return *p, true, nil
	}
	switch name {
	case "received":
		return n(s.Received)
	case "closed":
		return n(s.Closed)
	case "open":
		return n(s.Open)
	case "on_time":
		return n(s.OnTime)
	case "on_time_rate":
		return r(s.OnTimeRate)
	case "mean_working_days":
		return r(s.MeanWorkingDays)
	case "upheld":
		return n(s.Upheld)
	case "partially_upheld":
		return n(s.PartiallyUpheld)
	case "not_upheld":
		return n(s.NotUpheld)
	case "withdrawn":
		return n(s.Withdrawn)
	case "no_outcome":
		return n(s.NoOutcome)
	case "upheld_rate":
		return r(s.UpheldRate)
	case "refused":
		return n(s.Refused)
	case "acknowledged":
		return n(s.Acknowledged)
	case "acknowledged_on_time":
		return n(s.AcknowledgedOnTime)
	case "acknowledged_on_time_rate":
		return r(s.AcknowledgedOnTimeRate)
	case "escalation_rate":
		if !s.escalates {
			return 0, false, fmt.Errorf("stage 1 has no escalation rate: escalation is measured into stage 2 and into the Ombudsman")
		}
		return r(s.EscalationRate)
	}
	return 0, false, fmt.Errorf("unknown figure %s", diag.Quote(name))
}

// Stages are the stage keys in metric names, in order.
var Stages = []string{"stage1", "stage2", "ombudsman"}

// StageOf returns the stage named by key (stage1, stage2, ombudsman).
func StageOf(key string) (caselog.Stage, bool) {
	for i, k := range Stages {
		if k == key {
			return caselog.Stage(i), true
		}
	}
	return 0, false
}

// Lookup returns the figures of a financial year ("2024/25"), quarter
// ("2024/25 Q1") or half ("2024/25 H1") for the whole council (service
// "") or one service. A service is found as the case log's Service column
// is read: ignoring case, runs of spaces and trailing punctuation, and
// under any spelling the log had, aliases (data.services) included. A
// period without cases, before the first or after the last, is an error
// that says so.
func (c *Complaints) Lookup(period, service string) (*Year, error) {
	si := -1
	if service != "" {
		var err error
		if service, err = c.Service(service); err != nil {
			return nil, err
		}
		si, _ = slices.BinarySearch(c.services, service)
	}
	if y, ok := c.Years[period]; ok {
		if si < 0 {
			return y, nil
		}
		return c.Services[service][period], nil
	}
	p, ok := ParsePeriod(period)
	if !ok {
		return nil, badPeriod(period)
	}
	if p.Kind == 'Y' {
		return nil, c.noYear(p.String())
	}
	return c.period(p, si)
}

// At returns the figures Lookup returns, or nil where it gives an error:
// for periods and services already checked.
func (c *Complaints) At(period, service string) *Year {
	y, err := c.Lookup(period, service)
	if err != nil {
		return nil
	}
	return y
}

// Service returns the name the case log counts a service under, given it
// as an author might type it ("housing" for "Housing", or an alias's
// key), or an error listing the services, with a suggestion.
func (c *Complaints) Service(name string) (string, error) {
	if _, ok := c.Services[name]; ok {
		return name, nil
	}
	if s, ok := c.folded[caselog.FoldService(name)]; ok {
		return s, nil
	}
	return "", fmt.Errorf("the case log has no service %s (its services are: %s)%s", diag.Quote(name), serviceList(c.services), suggest(name, c.services))
}

// foldIndex maps every service of names and every spelling folds read
// as one of them, folded, to the service it is counted under.
func foldIndex(names []string, folds []caselog.Fold) map[string]string {
	m := make(map[string]string, len(names))
	for _, s := range names {
		m[caselog.FoldService(s)] = s
	}
	for _, f := range folds {
		if !slices.Contains(names, f.Into) {
			continue
		}
		for _, sp := range f.From {
			if k := caselog.FoldService(sp.Name); m[k] == "" {
				m[k] = f.Into
			}
		}
	}
	return m
}

func (c *Complaints) noYear(year string) error {
	if len(c.years) == 0 {
		return fmt.Errorf("the case log has no rows")
	}
	return fmt.Errorf("the case log has no complaints received in %s (it covers %s)", year, yearRange(c.years))
}

func yearRange(ys []string) string {
	if len(ys) == 1 {
		return ys[0]
	}
	return ys[0] + " to " + ys[len(ys)-1]
}

// PartYear reports whether the latest financial year in the data has
// cases received in fewer than its twelve months, counting from April to
// the last month any case was received: a few cases logged after 1 April
// make the new year "latest", and figures cited as latest then describe
// a month or two. last is that year's last month with cases.
func (c *Complaints) PartYear() (label string, months int, last time.Time, ok bool) {
	if len(c.years) == 0 || len(c.Months) == 0 {
		return "", 0, time.Time{}, false
	}
	label = c.years[len(c.years)-1]
	for i := len(c.Months) - 1; i >= 0; i-- {
		m := c.Months[i]
		n := 0
		for _, s := range m.Stages {
			n += s.Received
		}
		if n == 0 {
			continue
		}
		t := m.Start.Time()
		if workdays.FinancialYearLabel(m.Start.FinancialYear()) != label {
			return "", 0, time.Time{}, false
		}
		months = (int(t.Month())+8)%12 + 1 // April is 1, March 12
		return label, months, t, months < 12
	}
	return "", 0, time.Time{}, false
}

// maxServicesListed bounds the services an error lists: enough for a
// council's directorates, few enough to read.
const maxServicesListed = 20

// serviceList lists the case log's services for an error, quoted, so a
// misspelt or mistaken service can be corrected from the message.
func serviceList(services []string) string {
	n := min(len(services), maxServicesListed)
	q := make([]string, n)
	for i, s := range services[:n] {
		q[i] = diag.Quote(s)
	}
	out := strings.Join(q, ", ")
	if n == 0 {
		out = "none"
	}
	if more := len(services) - n; more > 0 {
		out += fmt.Sprintf(" and %d more", more)
	}
	return out
}
