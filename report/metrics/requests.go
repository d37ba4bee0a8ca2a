package metrics

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/workdays"
)

// The figures of information requests and enquiries, from the rows of a
// case log's Type column other than Complaint (see caselog.Type):
//
//   - A request's due date is its Due date if given (an agreed extension,
//     a public interest extension), else Received plus the type's target:
//     working days counted as for complaints, the first working day after
//     Received being day 1; for a subject access request (SAR), calendar
//     months: the same day number that many months later, or that month's
//     last day when it has no such day, moved to the next working day when
//     it falls on a weekend or bank holiday (the ICO's guidance on the
//     time limit for a SAR).
//   - Targets default to 20 working days for FOI and EIR requests and for
//     their internal reviews, one calendar month for a SAR, and 10 working
//     days for member and MP enquiries.
//   - received, closed, open, on_time, on_time_rate and mean_working_days
//     are as for a complaint stage.
//   - FOI and EIR requests (not their reviews) carry the ICO's band of
//     their on-time rate: good at 95% or more, adequate from 90% to under
//     95%, unsatisfactory under 90%; from the exact fraction on_time /
//     closed, so 949 of 1,000 is adequate though it rounds to 95%.

// RequestTargets are the targets by type (caselog.Type): working days,
// except the SAR entry, which is calendar months.
type RequestTargets [caselog.NumTypes]int

// DefaultRequestTargets are the statutory and usual targets: 20 working
// days for FOI and EIR requests and their internal reviews (FOIA s.10,
// EIR reg.5 and 11, and the section 45 code of practice for reviews), one
// calendar month for a SAR (UK GDPR Article 12(3)), and 10 working days
// for member and MP enquiries, a common local standard.
func DefaultRequestTargets() RequestTargets {
	var t RequestTargets
	t[caselog.FOI], t[caselog.EIR], t[caselog.FOIReview], t[caselog.EIRReview] = 20, 20, 20, 20
	t[caselog.SAR] = 1
	t[caselog.MemberEnquiry], t[caselog.MPEnquiry] = 10, 10
	return t
}

// Band is the ICO's assessment of an FOI or EIR on-time rate.
type Band string

// The bands, as the ICO's monitoring of FOI timeliness names them.
const (
	Good           Band = "good"
	Adequate       Band = "adequate"
	Unsatisfactory Band = "unsatisfactory"
)

// BandOf returns the band of onTime answered on time out of closed, from
// the exact fraction; ok is false when closed is 0.
func BandOf(onTime, closed int) (b Band, ok bool) {
	switch {
	case closed <= 0:
		return "", false
	case int64(onTime)*100 >= int64(closed)*95:
		return Good, true
	case int64(onTime)*100 >= int64(closed)*90:
		return Adequate, true
	}
	return Unsatisfactory, true
}

// Banded reports whether a type's figures carry the ICO's band: FOI and
// EIR requests.
func Banded(t caselog.Type) bool { return t == caselog.FOI || t == caselog.EIR }

// Request holds one type's figures for one period (and perhaps one
// service).
type Request struct {
	Received        int
	Closed          int
	Open            int
	OnTime          int
	OnTimeRate      *float64
	MeanWorkingDays *float64
	// Band is set for FOI and EIR requests with a closed request.
	Band *Band
	// Services holds each service's figures, in a financial year's
	// figures for the whole council only.
	Services map[string]*Request

	banded bool
}

// MarshalJSON writes the figures in the documented form: band appears,
// null or not, on FOI and EIR requests only; services in a year's.
func (r *Request) MarshalJSON() ([]byte, error) {
	type plain struct {
		Received        int      `json:"received"`
		Closed          int      `json:"closed"`
		Open            int      `json:"open"`
		OnTime          int      `json:"on_time"`
		OnTimeRate      *float64 `json:"on_time_rate"`
		MeanWorkingDays *float64 `json:"mean_working_days"`
	}
	p := plain{r.Received, r.Closed, r.Open, r.OnTime, r.OnTimeRate, r.MeanWorkingDays}
	switch {
	case r.banded && r.Services != nil:
		return json.Marshal(struct {
			plain
			Band     *Band               `json:"band"`
			Services map[string]*Request `json:"services"`
		}{p, r.Band, r.Services})
	case r.banded:
		return json.Marshal(struct {
			plain
			Band *Band `json:"band"`
		}{p, r.Band})
	case r.Services != nil:
		return json.Marshal(struct {
			plain
			Services map[string]*Request `json:"services"`
		}{p, r.Services})
	}
	return json.Marshal(p)
}

// RequestFields lists the figure names of a request type, as in metric
// names ("foi.on_time_rate") and JSON.
var RequestFields = []string{"received", "closed", "open", "on_time", "on_time_rate", "mean_working_days", "band"}

// Field returns the named numeric figure; ok is false when it is
// undefined. band is text: see Figures.Text.
func (r *Request) Field(name string) (v float64, ok bool, err error) {
	switch name {
	case "received":
		return float64(r.Received), true, nil
	case "closed":
		return float64(r.Closed), true, nil
	case "open":
		return float64(r.Open), true, nil
	case "on_time":
		return float64(r.OnTime), true, nil
	case "on_time_rate", "mean_working_days":
		p := r.OnTimeRate
		if name == "mean_working_days" {
			p = r.MeanWorkingDays
		}
		if p == nil {
			return 0, false, nil
		}
		return *p, true, nil
	case "band":
		return 0, false, fmt.Errorf("band is a word (good, adequate or unsatisfactory), not a number")
	}
	return 0, false, fmt.Errorf("unknown figure %s", diag.Quote(name))
}

// Requests are the figures of a case log's information requests and
// enquiries. Its JSON form, under "requests" in `paper metrics --json`,
// is by type key and period:
//
//	{"foi": {"2024/25": {"received": ..., "band": "good", "services": {...}},
//	         "2024/25 Q1": {...}, "2024/25 H1": {...}},
//	 "foi_review": {...}, "eir": {...}, "eir_review": {...}, "sar": {...},
//	 "member_enquiry": {...}, "mp_enquiry": {...}}
//
// Every type carries every financial year, quarter and half with a
// request or enquiry received in it, zeros included; a year's figures
// carry every service that has a request or enquiry.
type Requests struct {
	ByType map[string]map[string]*Request

	years    []string
	services []string
	folded   map[string]string
	// cells[q-q0][(service*NumTypes)+type], nil for a quarter with none.
	q0          int
	cells       [][]counts
	first, last workdays.Day
	banded      [caselog.NumTypes]bool
	// months counts each type by the month of Received, indexed by
	// year*12 + month - 1.
	months map[int]*[caselog.NumTypes]MonthStage
}

// MonthCounts returns type t's counts (received, closed, on time) by the
// month of Received, indexed by year*12 + month - 1, for every month with
// a request or enquiry of any type: for monthly charts.
func (r *Requests) MonthCounts(t caselog.Type) map[int]MonthStage {
	out := make(map[int]MonthStage, len(r.months))
	for k, m := range r.months {
		out[k] = m[t]
	}
	return out
}

// MarshalJSON writes ByType.
func (r *Requests) MarshalJSON() ([]byte, error) { return json.Marshal(r.ByType) }

// YearLabels lists the financial years with a request or enquiry, oldest
// first.
func (r *Requests) YearLabels() []string { return r.years }

// ComputeRequests computes the figures of the request and enquiry rows of
// log (complaint rows are skipped).
func ComputeRequests(log *caselog.Log, opt Options) *Requests {
	rule, targets := opt.dueRule(), opt.requestTargets()
	t := newTally(&rule, &targets)
	t.add(log.Rows)
	same := make([]uint32, len(log.Services))
	index := make([]int, len(log.Services))
	for i := range same {
		same[i], index[i] = uint32(i), i
	}
	requests := func(t *tally) *cellGrid { return &t.requests }
	return buildRequests(log.Services, foldIndex(log.Services, log.Folds), merge([]*tally{t}, requests, [][]uint32{same}, index, caselog.NumTypes))
}

// buildRequests makes the figures of the requests and enquiries counted
// in m, whose services are names.
func buildRequests(names []string, folded map[string]string, m merged) *Requests {
	out := &Requests{ByType: map[string]map[string]*Request{}, services: names, folded: folded, months: map[int]*[caselog.NumTypes]MonthStage{}}
	for _, t := range caselog.RequestTypes {
		out.ByType[t.Key()] = map[string]*Request{}
		out.banded[t] = Banded(t)
	}
	if m.rows == 0 {
		return out
	}
	out.q0, out.cells, out.first, out.last = m.q0, m.quarters, m.first, m.last
	for i := 0; i*caselog.NumTypes < len(m.months); i++ {
		var mc [caselog.NumTypes]MonthStage
		copy(mc[:], m.months[i*caselog.NumTypes:])
		n := 0
		for _, c := range mc {
			n += c.Received
		}
		if n > 0 {
			out.months[m.m0+i] = &mc
		}
	}
	var labels []string
	for fy := out.q0 / 4; fy <= (out.q0+len(out.cells)-1)/4; fy++ {
		y := Period{Start: fy, Kind: 'Y'}
		if !out.has(y) {
			continue
		}
		out.years = append(out.years, y.String())
		labels = append(labels, y.String())
		for _, p := range []Period{{fy, 'Q', 1}, {fy, 'Q', 2}, {fy, 'Q', 3}, {fy, 'Q', 4}, {fy, 'H', 1}, {fy, 'H', 2}} {
			if out.has(p) {
				labels = append(labels, p.String())
			}
		}
	}
	for _, t := range caselog.RequestTypes {
		for _, l := range labels {
			p, _ := ParsePeriod(l)
			fig := out.sum(t, p, -1)
			if p.Kind == 'Y' {
				fig.Services = map[string]*Request{}
				for si, s := range out.services {
					fig.Services[s] = out.sum(t, p, si)
				}
			}
			out.ByType[t.Key()][l] = fig
		}
	}
	return out
}

// calendar is the options' calendar, England and Wales by default.
func (o Options) calendar() *workdays.Calendar {
	if o.Calendar == nil {
		return workdays.EnglandAndWales()
	}
	return o.Calendar
}

// given overrides the default targets with those given, a zero taking
// the default.
func given(targets, given []int) {
	for i, t := range given {
		if t > 0 {
			targets[i] = t
		}
	}
}

// RequestDue is the due date of a request of type t received on
// received: due when the log gives one (caselog.NoDate when not), else
// received plus target, in calendar months for a SAR and working days
// otherwise.
func RequestDue(cal *workdays.Calendar, t caselog.Type, received, due workdays.Day, target int) workdays.Day {
	if due != caselog.NoDate {
		return due
	}
	if t != caselog.SAR {
		return cal.Add(received, target)
	}
	y, m, d := received.Date()
	mi := y*12 + int(m) - 1 + target
	y, m = mi/12, time.Month(mi%12+1)
	end := workdays.Date(y, m, min(d, workdays.DaysIn(y, m)))
	for !cal.Working(end) {
		end++
	}
	return end
}

// has reports whether a request or enquiry was received in period p.
func (r *Requests) has(p Period) bool {
	first, n := p.quarters()
	for q := first; q < first+n; q++ {
		if i := q - r.q0; i >= 0 && i < len(r.cells) && r.cells[i] != nil {
			return true
		}
	}
	return false
}

// sum adds up type t's cells over period p for one service (by index) or
// all (-1).
func (r *Requests) sum(t caselog.Type, p Period, service int) *Request {
	var c counts
	first, n := p.quarters()
	for q := first; q < first+n; q++ {
		i := q - r.q0
		if i < 0 || i >= len(r.cells) || r.cells[i] == nil {
			continue
		}
		for s := range r.services {
			if service < 0 || s == service {
				c.add(&r.cells[i][s*caselog.NumTypes+int(t)])
			}
		}
	}
	out := &Request{Received: c.received, Closed: c.closed, Open: c.received - c.closed, OnTime: c.onTime,
		OnTimeRate:      rate(float64(c.onTime), float64(c.closed)),
		MeanWorkingDays: rate(float64(c.days), float64(c.closed)),
		banded:          r.banded[t],
	}
	if b, ok := BandOf(c.onTime, c.closed); ok && out.banded {
		out.Band = &b
	}
	return out
}

// Lookup returns type t's figures for a financial year, quarter or half,
// for the council (service "") or one service, found as Complaints.Lookup
// finds one. A period without requests or enquiries is an error that
// says what the log covers.
func (r *Requests) Lookup(t caselog.Type, period, service string) (*Request, error) {
	si := -1
	if service != "" {
		s, err := r.Service(service)
		if err != nil {
			return nil, err
		}
		si, _ = slices.BinarySearch(r.services, s)
	}
	p, ok := ParsePeriod(period)
	if !ok {
		return nil, badPeriod(period)
	}
	if !r.has(p) {
		if len(r.years) == 0 {
			return nil, fmt.Errorf("the case log has no information requests or enquiries (rows with a Type other than Complaint)")
		}
		return nil, fmt.Errorf("the case log has no information requests or enquiries received in %s (they cover %s)", p, yearRange(r.years))
	}
	return r.sum(t, p, si), nil
}

// Service returns the name a service of the requests is counted under,
// or an error listing them.
func (r *Requests) Service(name string) (string, error) {
	if _, ok := slices.BinarySearch(r.services, name); ok {
		return name, nil
	}
	if s, ok := r.folded[caselog.FoldService(name)]; ok {
		return s, nil
	}
	return "", fmt.Errorf("the case log has no requests or enquiries for service %s (their services are: %s)%s", diag.Quote(name), serviceList(r.services), suggest(name, r.services))
}

// RequestMetric splits a request metric name, "foi.on_time_rate", into
// its type and figure; ok is false when the name is not one.
func RequestMetric(name string) (t caselog.Type, field string, ok bool) {
	key, field, _ := strings.Cut(name, ".")
	t, ok = caselog.TypeOf(key)
	if !ok || t == caselog.Complaint || !slices.Contains(RequestFields, field) {
		return 0, "", false
	}
	if field == "band" && !Banded(t) {
		return 0, "", false
	}
	return t, field, true
}

// RequestNames lists every request metric name: "foi.received" ...
// "mp_enquiry.mean_working_days", band on FOI and EIR only.
func RequestNames() []string {
	var names []string
	for _, t := range caselog.RequestTypes {
		for _, f := range RequestFields {
			if f == "band" && !Banded(t) {
				continue
			}
			names = append(names, t.Key()+"."+f)
		}
	}
	return names
}

// requestHeadings are the text output's column headings, in
// caselog.RequestTypes order.
var requestHeadings = []string{"FOI", "FOI review", "EIR", "EIR review", "SAR", "Member enq.", "MP enq."}

// writeText writes a table per year (with quarters, then its quarters and
// halves) with the types side by side, then the same per service, as
// Complaints.WriteText lays out the stages.
func (r *Requests) writeText(w io.Writer, quarters bool) error {
	var rows [][]string
	table := func(label string, fig func(t caselog.Type) *Request) {
		if n := len(rows); n > 0 && len(rows[n-1]) != 1 {
			rows = append(rows, nil)
		}
		rows = append(rows, append([]string{label}, requestHeadings...))
		for _, f := range RequestFields {
			row := []string{"  " + strings.ReplaceAll(f, "_", " ")}
			for _, t := range caselog.RequestTypes {
				row = append(row, formatRequestField(fig(t), f))
			}
			rows = append(rows, row)
		}
	}
	rows = append(rows, []string{"Information requests and enquiries"})
	for _, y := range r.years {
		table(y, func(t caselog.Type) *Request { return r.ByType[t.Key()][y] })
		if !quarters {
			continue
		}
		p, _ := ParsePeriod(y)
		for _, part := range []Period{{p.Start, 'Q', 1}, {p.Start, 'Q', 2}, {p.Start, 'Q', 3}, {p.Start, 'Q', 4}, {p.Start, 'H', 1}, {p.Start, 'H', 2}} {
			if l := part.String(); r.has(part) {
				table(l, func(t caselog.Type) *Request { return r.ByType[t.Key()][l] })
			}
		}
	}
	for _, s := range r.services {
		rows = append(rows, nil, []string{"Requests and enquiries, service: " + s})
		for _, y := range r.years {
			table(y, func(t caselog.Type) *Request { return r.ByType[t.Key()][y].Services[s] })
		}
	}
	return writeAligned(w, rows)
}

// formatRequestField formats one figure for writeText: blank where the
// type has no such figure (a SAR's band), "-" where it is undefined.
func formatRequestField(r *Request, f string) string {
	if f == "band" {
		switch {
		case !r.banded:
			return ""
		case r.Band == nil:
			return "-"
		}
		return string(*r.Band)
	}
	v, ok, _ := r.Field(f)
	switch {
	case !ok:
		return "-"
	case f == "on_time_rate":
		return format.PercentFloat(v, 1)
	case f == "mean_working_days":
		return format.NumberFloat(v, 1)
	}
	return strconv.Itoa(int(v))
}
