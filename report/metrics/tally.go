package metrics

import (
	"runtime"
	"slices"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/internal/par"
	"github.com/paperhq/paper/report/workdays"
)

// A tally is one worker's counts of rows, by the services of the rows it
// was given (a case log's, or one reading worker's own): everything the
// figures are made of, so that rows need not be kept. Complaints and
// requests are counted apart, as Compute counts them.
type tally struct {
	rule       *dueRule
	reqTargets *RequestTargets
	complaints cellGrid // by stage
	requests   cellGrid // by type
	years      yearSet
	// The month (and quarter) of the last row, whose Received lies in [monthStart,
	// monthEnd]: rows mostly come in date order, so most rows need no
	// calendar conversion.
	mi, q                int
	monthStart, monthEnd workdays.Day
	// due is the last deadline counted by target for each stage.
	due [caselog.NumStages]dueMemo
}

// dueMemo is a deadline counted from a day.
type dueMemo struct {
	set       bool
	from, due workdays.Day
}

// cellGrid holds the counts of one kind of row: per quarter, a slab of
// cells indexed by service and stage (or type), made when the quarter's
// first row comes (so a log spanning centuries costs only the quarters
// it has) and grown as services come; per month, the counts by stage.
type cellGrid struct {
	width       int
	rows        int
	q0          int
	quarters    [][]counts // [quarter-q0][service*width + k]
	m0          int
	months      []MonthStage // [(month-m0)*width + k]
	first, last workdays.Day // the span of Received
	used        []bool       // services with a row
	// lastQ and slab are the last row's quarter and its slab.
	lastQ int
	slab  []counts
}

func newTally(rule *dueRule, reqTargets *RequestTargets) *tally {
	return &tally{rule: rule, reqTargets: reqTargets,
		complaints: cellGrid{width: caselog.NumStages},
		requests:   cellGrid{width: caselog.NumTypes},
		monthStart: 1, monthEnd: 0}
}

// cell returns the counts of row kind k of service s in quarter q, and
// the month's counts for month mi.
func (g *cellGrid) cell(q, mi, s, k int, received workdays.Day) (*counts, *MonthStage) {
	if g.rows == 0 {
		g.q0, g.m0, g.first, g.last, g.lastQ = q, mi, received, received, q-1
	}
	g.rows++
	g.first, g.last = min(g.first, received), max(g.last, received)
	if q != g.lastQ || g.slab == nil {
		if q < g.q0 {
			g.quarters = append(make([][]counts, g.q0-q), g.quarters...)
			g.q0 = q
		}
		for q-g.q0 >= len(g.quarters) {
			g.quarters = append(g.quarters, nil)
		}
		g.slab, g.lastQ = g.quarters[q-g.q0], q
	}
	i := s*g.width + k
	if i >= len(g.slab) {
		g.slab = slices.Grow(g.slab, (s+1)*g.width-len(g.slab))[:(s+1)*g.width]
		g.quarters[q-g.q0] = g.slab
	}
	if s >= len(g.used) {
		g.used = slices.Grow(g.used, s+1-len(g.used))[:s+1]
	}
	g.used[s] = true
	if mi < g.m0 {
		g.months = append(make([]MonthStage, (g.m0-mi)*g.width), g.months...)
		g.m0 = mi
	}
	if j := (mi-g.m0+1)*g.width - len(g.months); j > 0 {
		g.months = append(g.months, make([]MonthStage, j)...)
	}
	return &g.slab[i], &g.months[(mi-g.m0)*g.width+k]
}

// add counts rows.
func (t *tally) add(rows []caselog.Row) {
	rule := t.rule
	cal := rule.cal
	for i := range rows {
		r := &rows[i]
		t.years.note(r.Received)
		t.years.note(r.Responded)
		t.years.note(r.Due)
		if r.Received < t.monthStart || r.Received > t.monthEnd {
			t.mi = monthIndex(r.Received)
			y, m := t.mi/12, time.Month(t.mi%12+1)
			t.monthStart = workdays.Date(y, m, 1)
			t.monthEnd = t.monthStart + workdays.Day(workdays.DaysIn(y, m)-1)
			t.q = quarterOfMonth(t.mi)
		}
		q := t.q
		if r.Type != caselog.Complaint {
			c, mc := t.requests.cell(q, t.mi, int(r.Service), int(r.Type), r.Received)
			c.received++
			mc.Received++
			if !r.Closed() {
				continue
			}
			c.closed++
			mc.Closed++
			if r.Responded <= RequestDue(cal, r.Type, r.Received, r.Due, t.reqTargets[r.Type]) {
				c.onTime++
				mc.OnTime++
			}
			c.days += int64(cal.Between(r.Received, r.Responded))
			continue
		}
		c, mc := t.complaints.cell(q, t.mi, int(r.Service), int(r.Stage), r.Received)
		c.received++
		mc.Received++
		if r.Acknowledged != caselog.NoDate {
			c.acked++
			if r.Acknowledged <= cal.Add(r.Received, rule.ack) {
				c.ackOnTime++
			}
		}
		if r.Responded == caselog.NoDate {
			continue
		}
		c.closed++
		mc.Closed++
		due := r.Due
		if due == caselog.NoDate {
			// Rows mostly come in date order: the last deadline counted
			// for the stage, from the same day, is this row's.
			from := rule.from(r)
			if m := &t.due[r.Stage]; m.set && m.from == from {
				due = m.due
			} else {
				due = rule.Due(r)
				*m = dueMemo{set: true, from: from, due: due}
			}
		}
		if r.Responded <= due {
			c.onTime++
			mc.OnTime++
		}
		c.days += int64(cal.Between(r.Received, r.Responded))
		switch r.Outcome {
		case caselog.Upheld:
			c.upheld++
		case caselog.PartiallyUpheld:
			c.partial++
		case caselog.NotUpheld:
			c.notUpheld++
		case caselog.Withdrawn:
			c.withdrawn++
		case caselog.Refused:
			c.refused++
		}
	}
}

// merged is the tallies' counts of one kind of row added up, over the
// services of a list.
type merged struct {
	rows        int
	q0          int
	quarters    [][]counts // [quarter-q0][service*width + k], nil without rows
	m0          int
	months      []MonthStage
	first, last workdays.Day
}

// merge adds up the tallies' grids chosen by kind, mapping tally w's
// service s to index[services[w][s]] (index maps a log's services to
// the list's, -1 for one not in it).
func merge(ts []*tally, kind func(*tally) *cellGrid, services [][]uint32, index []int, width int) merged {
	var m merged
	q1, m1 := 0, 0
	for _, t := range ts {
		g := kind(t)
		if g.rows == 0 {
			continue
		}
		gq1, gm1 := g.q0+len(g.quarters)-1, g.m0+len(g.months)/width-1
		if m.rows == 0 {
			m.q0, q1, m.m0, m1, m.first, m.last = g.q0, gq1, g.m0, gm1, g.first, g.last
		}
		m.rows += g.rows
		m.q0, q1, m.m0, m1 = min(m.q0, g.q0), max(q1, gq1), min(m.m0, g.m0), max(m1, gm1)
		m.first, m.last = min(m.first, g.first), max(m.last, g.last)
	}
	if m.rows == 0 {
		return m
	}
	slab := 0
	for _, i := range index {
		slab = max(slab, i+1)
	}
	slab *= width
	m.quarters = make([][]counts, q1-m.q0+1)
	m.months = make([]MonthStage, (m1-m.m0+1)*width)
	for w, t := range ts {
		g := kind(t)
		for qi, cells := range g.quarters {
			if cells == nil {
				continue
			}
			total := m.quarters[g.q0+qi-m.q0]
			if total == nil {
				total = make([]counts, slab)
				m.quarters[g.q0+qi-m.q0] = total
			}
			for i := range cells {
				if s := index[services[w][i/width]]; s >= 0 {
					total[s*width+i%width].add(&cells[i])
				}
			}
		}
		off := (g.m0 - m.m0) * width
		for i, mc := range g.months {
			o := &m.months[off+i]
			o.Received += mc.Received
			o.Closed += mc.Closed
			o.OnTime += mc.OnTime
		}
	}
	return m
}

// used lists, in order, the services of names with a row in the grids
// chosen by kind, and the index of each of names in that list (-1 for
// one without rows).
func used(names []string, ts []*tally, kind func(*tally) *cellGrid, services [][]uint32) ([]string, []int) {
	seen := make([]bool, len(names))
	for w, t := range ts {
		for s, u := range kind(t).used {
			if u {
				seen[services[w][s]] = true
			}
		}
	}
	list := []string{}
	index := make([]int, len(names))
	for i, s := range names {
		index[i] = -1
		if seen[i] {
			index[i] = len(list)
			list = append(list, s)
		}
	}
	return list, index
}

// yearSet gathers the calendar years of dates the embedded bank
// holidays do not cover (see UncoveredYears), without converting the
// dates they do.
type yearSet map[int]bool

var (
	coveredFrom = workdays.Date(workdays.FirstYear, time.January, 1)
	coveredTo   = workdays.Date(workdays.LastYear, time.December, 31)
)

func (s *yearSet) note(d workdays.Day) {
	if d == caselog.NoDate || (d >= coveredFrom && d <= coveredTo) {
		return
	}
	s.add(d)
}

// add is note's rare part, apart so that note is inlined.
//
//go:noinline
func (s *yearSet) add(d workdays.Day) {
	if *s == nil {
		*s = yearSet{}
	}
	y, _, _ := d.Date()
	(*s)[y] = true
}

// years lists the years of s not among those of extra, in order.
func (s yearSet) years(extra []workdays.Day) []int {
	listed := map[int]bool{}
	for _, d := range extra {
		y, _, _ := d.Date()
		listed[y] = true
	}
	var years []int
	for y := range s {
		if !listed[y] {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return years
}

// Counter counts a case log's rows as they are read (a caselog.Sink),
// for Stream: each reading worker into a tally of its own.
type Counter struct {
	opt     Options
	rule    dueRule
	targets RequestTargets
	tallies []*tally
}

// NewCounter returns a Counter computing with opt.
func NewCounter(opt Options) *Counter {
	c := &Counter{opt: opt, rule: opt.dueRule(), targets: opt.requestTargets()}
	c.Start(1)
	return c
}

// Start implements caselog.Sink: it forgets the rows counted so far.
func (c *Counter) Start(workers int) {
	c.tallies = make([]*tally, workers)
	for i := range c.tallies {
		c.tallies[i] = newTally(&c.rule, &c.targets)
	}
}

// Rows implements caselog.Sink.
func (c *Counter) Rows(w int, rows []caselog.Row) { c.tallies[w].add(rows) }

// Figures returns the figures of the rows counted, read into log with
// each worker's services mapped to log's by services (see
// caselog.Stream).
func (c *Counter) Figures(log *caselog.Log, services [][]uint32) *Complaints {
	return c.opt.figures(log, c.tallies, services)
}

// Stream reads the case log at path with caselog.Stream, counting its
// rows as they are read, and returns its figures and the log (without
// its rows when it was streamed; see caselog.Stream). Figures are those
// Compute gives for the log ReadFile reads, except that without its rows
// ServiceMonths and ServiceCategories find nothing.
func Stream(path string, read caselog.Options, opt Options) (*Complaints, *caselog.Log, error) {
	c := NewCounter(opt)
	log, services, err := caselog.Stream(path, read, c)
	if err != nil {
		return nil, nil, err
	}
	return c.Figures(log, services), log, nil
}

// Compute computes the figures of log: its complaints' and, when it has
// a Type column, its information requests' and enquiries' (Requests).
// Complaints are the only rows in the complaint figures.
func Compute(log *caselog.Log, opt Options) *Complaints {
	rule, targets := opt.dueRule(), opt.requestTargets()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(log.Rows)/50000+1))
	ts := make([]*tally, workers)
	chunk := (len(log.Rows) + workers - 1) / workers
	par.Go(workers, func(w int) {
		ts[w] = newTally(&rule, &targets)
		ts[w].add(log.Rows[min(w*chunk, len(log.Rows)):min((w+1)*chunk, len(log.Rows))])
	})
	same := make([]uint32, len(log.Services))
	for i := range same {
		same[i] = uint32(i)
	}
	services := make([][]uint32, workers)
	for w := range services {
		services[w] = same
	}
	out := opt.figures(log, ts, services)
	out.log = log
	if log.HasType {
		out.log = log.Only(caselog.IsComplaint)
	}
	return out
}

func (o Options) dueRule() dueRule {
	targets := DefaultTargets()
	given(targets[:], o.Targets[:])
	rule := dueRule{cal: o.calendar(), targets: targets, ack: DefaultAcknowledge, fromAck: o.FromAcknowledged}
	if o.Acknowledge > 0 {
		rule.ack = o.Acknowledge
	}
	return rule
}

func (o Options) requestTargets() RequestTargets {
	targets := DefaultRequestTargets()
	given(targets[:], o.Requests[:])
	return targets
}

// figures makes the figures from the tallies.
func (o Options) figures(log *caselog.Log, ts []*tally, services [][]uint32) *Complaints {
	complaints := func(t *tally) *cellGrid { return &t.complaints }
	var names []string
	var index []int
	if log.HasType {
		names, index = used(log.Services, ts, complaints, services)
	} else {
		names, index = log.Services, make([]int, len(log.Services))
		for i := range index {
			index[i] = i
		}
	}
	out := buildComplaints(names, foldIndex(names, log.Folds), merge(ts, complaints, services, index, caselog.NumStages), o.dueRule())
	out.hasAck = log.HasAcknowledged
	for _, t := range ts {
		for y := range t.years {
			if out.dateYears == nil {
				out.dateYears = yearSet{}
			}
			out.dateYears[y] = true
		}
	}
	if log.HasType {
		requests := func(t *tally) *cellGrid { return &t.requests }
		names, index := used(log.Services, ts, requests, services)
		out.Requests = buildRequests(names, foldIndex(names, log.Folds), merge(ts, requests, services, index, caselog.NumTypes))
	}
	return out
}

// UncoveredYears returns, in order, the years in which a case was
// received or answered (or due) that the embedded bank holidays do not
// cover and extra lists no day of, as the package's UncoveredYears finds
// them in the case log.
func (c *Complaints) UncoveredYears(extra []workdays.Day) []int {
	return c.dateYears.years(extra)
}
