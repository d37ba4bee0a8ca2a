package metrics_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/workdays"
)

const header = "Reference,Stage,Service,Received,Responded,Due,Outcome\n"

// read reads a case log from CSV text, failing the test on any problem.
func read(t testing.TB, src string) *caselog.Log {
	t.Helper()
	log, err := caselog.ReadCSV("complaints.csv", []byte(src), caselog.Options{})
	if err != nil {
		t.Fatalf("reading the case log: %v", err)
	}
	return log
}

func day(s string) workdays.Day {
	d, err := workdays.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func p(v float64) *float64 { return &v }

// fig is a stage's figures with every field comparable by
// reflect.DeepEqual (nil for an undefined rate).
type fig struct {
	Received, Closed, Open, OnTime               int
	OnTimeRate, MeanWorkingDays                  *float64
	Upheld, PartiallyUpheld, NotUpheld, Withdraw int
	UpheldRate, EscalationRate                   *float64
}

func figOf(s metrics.Stage) fig {
	return fig{s.Received, s.Closed, s.Open, s.OnTime, s.OnTimeRate, s.MeanWorkingDays,
		s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.UpheldRate, s.EscalationRate}
}

func show(f fig) string {
	r := func(p *float64) string {
		if p == nil {
			return "null"
		}
		return strings.TrimRight(strings.TrimRight(json.Number(strings.TrimSpace(strings.ReplaceAll(
			string(must(json.Marshal(*p))), "\n", ""))).String(), "0"), ".")
	}
	return "received " + itoa(f.Received) + " closed " + itoa(f.Closed) + " open " + itoa(f.Open) +
		" on_time " + itoa(f.OnTime) + " on_time_rate " + r(f.OnTimeRate) + " mean_working_days " + r(f.MeanWorkingDays) +
		" upheld " + itoa(f.Upheld) + " partially " + itoa(f.PartiallyUpheld) + " not_upheld " + itoa(f.NotUpheld) +
		" withdrawn " + itoa(f.Withdraw) + " upheld_rate " + r(f.UpheldRate) + " escalation_rate " + r(f.EscalationRate)
}

func itoa(i int) string { return string(must(json.Marshal(i))) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestDueDatesAndWorkingDays checks, one closed complaint at a time, the
// due date (Received plus the target in working days, the first working
// day after Received being day 1, or Due when given) and the working days
// taken, across bank holidays including the one-off ones. Each want was
// counted on a calendar by hand; the comments give the count.
func TestDueDatesAndWorkingDays(t *testing.T) {
	for _, c := range []struct {
		name                            string
		stage, received, responded, due string
		targets                         metrics.Targets
		extra                           []workdays.Day // council closure days
		onTime                          bool
		days                            float64
	}{
		// Mon 4 May 2020 was a working day: the early May holiday moved
		// to Fri 8 May (VE Day). 5,6,7 | 11,12,13,14,15 | 18,19 = 10.
		{name: "VE Day 2020, last day", stage: "Stage 1", received: "2020-05-04", responded: "2020-05-19", onTime: true, days: 10},
		{name: "VE Day 2020, a day late", stage: "Stage 1", received: "2020-05-04", responded: "2020-05-20", onTime: false, days: 11},
		// Mon 19 Sep 2022, the State Funeral: 20,21,22,23 | 26..30 | 3 Oct.
		{name: "State Funeral 2022, last day", stage: "1", received: "2022-09-16", responded: "2022-10-03", onTime: true, days: 10},
		// 25, 28 (substitute Boxing Day) and 1 Jan are holidays:
		// 29,30,31 | 4..8 | 11,12 = 10.
		{name: "Christmas 2020 substitute day", stage: "Stage 1", received: "2020-12-24", responded: "2021-01-12", onTime: true, days: 10},
		{name: "Christmas 2020, a day late", stage: "Stage 1", received: "2020-12-24", responded: "2021-01-13", onTime: false, days: 11},
		// Received on a Saturday: Monday 8 March is day 1.
		{name: "received on a Saturday", stage: "Stage 1", received: "2021-03-06", responded: "2021-03-19", onTime: true, days: 10},
		{name: "answered the day it arrived", stage: "Stage 1", received: "2021-03-08", responded: "2021-03-08", onTime: true, days: 0},
		// Easter 2021 (2 and 5 April): 26,29,30,31,1 | 6..9 | 12..16 |
		// 19..23 | 26 = 20.
		{name: "stage 2 over Easter", stage: "Stage 2", received: "2021-03-25", responded: "2021-04-26", onTime: true, days: 20},
		{name: "stage 2 over Easter, a day late", stage: "2", received: "2021-03-25", responded: "2021-04-27", onTime: false, days: 21},
		// 2,3,4 | 7..11 | 14..18 | 21..25 | 28,29 = 20.
		{name: "Ombudsman, 20 working days", stage: "LGSCO", received: "2021-06-01", responded: "2021-06-29", onTime: true, days: 20},
		{name: "Ombudsman, a day late", stage: "Ombudsman", received: "2021-06-01", responded: "2021-06-30", onTime: false, days: 21},
		// Due overrides the target both ways.
		{name: "Due extends the deadline", stage: "Stage 1", received: "2021-06-01", due: "2021-06-30", responded: "2021-06-25", onTime: true, days: 18},
		{name: "Due shortens the deadline", stage: "Stage 1", received: "2021-06-01", due: "2021-06-04", responded: "2021-06-07", onTime: false, days: 4},
		{name: "answered on Due", stage: "Housing Ombudsman", received: "2021-06-01", due: "2021-07-02", responded: "2021-07-02", onTime: true, days: 23},
		{name: "Due on a Sunday, answered on the Monday", stage: "Ombudsman", received: "2021-06-01", due: "2021-07-04", responded: "2021-07-05", onTime: false, days: 24},
		// Targets: stage 1 at 5 days (8,9,10,11,14); zero keeps the default.
		{name: "stage 1 target of 5, last day", stage: "Stage 1", received: "2021-06-07", responded: "2021-06-14", targets: metrics.Targets{5, 0, 0}, onTime: true, days: 5},
		{name: "stage 1 target of 5, a day late", stage: "Stage 1", received: "2021-06-07", responded: "2021-06-15", targets: metrics.Targets{5, 0, 0}, onTime: false, days: 6},
		{name: "stage 1 target leaves stage 2 at 20", stage: "Stage 2", received: "2021-06-07", responded: "2021-07-05", targets: metrics.Targets{5, 0, 0}, onTime: true, days: 20},
		{name: "Ombudsman target of 10", stage: "Ombudsman", received: "2021-06-01", responded: "2021-06-16", targets: metrics.Targets{0, 0, 10}, onTime: false, days: 11},
		// A council closure day on Thu 10 June: 8,9,11 | 14..18 | 21,22.
		{name: "extra closure day", stage: "Stage 1", received: "2021-06-07", responded: "2021-06-22", extra: []workdays.Day{day("2021-06-10")}, onTime: true, days: 10},
		{name: "without the closure day", stage: "Stage 1", received: "2021-06-07", responded: "2021-06-22", onTime: false, days: 11},
	} {
		t.Run(c.name, func(t *testing.T) {
			log := read(t, header+"C1,"+c.stage+",Housing,"+c.received+","+c.responded+","+c.due+",Upheld\n")
			opt := metrics.Options{Targets: c.targets}
			if c.extra != nil {
				opt.Calendar = workdays.New(c.extra...)
			}
			got := metrics.Compute(log, opt)
			fy := workdays.FinancialYearLabel(day(c.received).FinancialYear())
			st := got.Years[fy].At(log.Rows[0].Stage)
			onTime := st.OnTime == 1
			if st.Closed != 1 || onTime != c.onTime || st.MeanWorkingDays == nil || *st.MeanWorkingDays != c.days {
				t.Errorf("got closed %d, on time %v, working days %v; want 1, %v, %v", st.Closed, onTime, *st.MeanWorkingDays, c.onTime, c.days)
			}
		})
	}
}

// yearsLog spans four financial years with a gap, two services, open
// rows and every outcome. Working days are counted in the comments.
const yearsLog = header +
	// 2017/18
	"A9,Stage 1,Planning,2018-03-15,2018-03-16,,Upheld\n" +
	// 2019/20: the last day of the year. 20 working days from Tue 31
	// March 2020 end on 30 April (Easter 10 and 13 April); 20 April is
	// day 12.
	"A8,Ombudsman,Housing,2020-03-31,2020-04-20,,Upheld\n" +
	// 2020/21: the first day (Wed 1 April 2020). 2,3 | 6..9 | 14,15:
	// day 8, on time.
	"A2,Stage 1,Housing,2020-04-01,2020-04-15,,Partially upheld\n" +
	// 2..5 | 8..12 | 15..19 | 22..26 | 29,30: day 21, late (due 15 June).
	"A3,Stage 1,Planning,2020-06-01,2020-06-30,,Not upheld\n" +
	"A5,Stage 1,Housing,2020-07-01,2020-07-02,,Withdrawn\n" +
	// 21..24 | 27..31 | 3..7 Aug | 10..14: day 19, on time.
	"A6,Stage 2,Housing,2020-07-20,2020-08-14,,Not upheld\n" +
	// Open, with an outcome already entered: not counted as withdrawn.
	"A4,Stage 1,Planning,2021-03-01,,,Withdrawn\n" +
	// The last day of 2020/21, answered in 2021/22: day 1.
	"A1,Stage 1,Housing,2021-03-31,2021-04-01,,Upheld\n" +
	// 2021/22: open.
	"A7,Stage 1,Planning,2021-04-01,,,\n"

// TestYearFigures checks every figure of every stage, year and service of
// yearsLog against hand counts.
func TestYearFigures(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	zero := fig{}
	for _, w := range []struct {
		service, year string
		s1, s2, omb   fig
	}{
		{"", "2017/18",
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(1), Upheld: 1, UpheldRate: p(1)},
			// None of the one stage 1 complaint escalated; the
			// Ombudsman's rate, 0 of 0 stage 2, is undefined.
			fig{EscalationRate: p(0)},
			zero},
		{"", "2019/20",
			zero,
			zero,
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(12), Upheld: 1, UpheldRate: p(1)}},
		{"", "2020/21",
			// On time: A1, A2, A5; days 1+8+21+1 over 4 closed; upheld
			// rate (1+1)/(1+1+1); A4 open.
			fig{Received: 5, Closed: 4, Open: 1, OnTime: 3, OnTimeRate: p(0.75), MeanWorkingDays: p(31.0 / 4),
				Upheld: 1, PartiallyUpheld: 1, NotUpheld: 1, Withdraw: 1, UpheldRate: p(2.0 / 3)},
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(19), NotUpheld: 1, UpheldRate: p(0), EscalationRate: p(1.0 / 5)},
			fig{EscalationRate: p(0)}},
		{"", "2021/22",
			fig{Received: 1, Open: 1},
			fig{EscalationRate: p(0)},
			zero},
		{"Housing", "2017/18", zero, zero, zero},
		{"Housing", "2019/20", zero, zero,
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(12), Upheld: 1, UpheldRate: p(1)}},
		{"Housing", "2020/21",
			fig{Received: 3, Closed: 3, OnTime: 3, OnTimeRate: p(1), MeanWorkingDays: p(10.0 / 3), Upheld: 1, PartiallyUpheld: 1, Withdraw: 1, UpheldRate: p(1)},
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(19), NotUpheld: 1, UpheldRate: p(0), EscalationRate: p(1.0 / 3)},
			fig{EscalationRate: p(0)}},
		{"Housing", "2021/22", zero, zero, zero},
		{"Planning", "2017/18",
			fig{Received: 1, Closed: 1, OnTime: 1, OnTimeRate: p(1), MeanWorkingDays: p(1), Upheld: 1, UpheldRate: p(1)},
			fig{EscalationRate: p(0)}, zero},
		{"Planning", "2019/20", zero, zero, zero},
		{"Planning", "2020/21",
			fig{Received: 2, Closed: 1, Open: 1, OnTimeRate: p(0), MeanWorkingDays: p(21), NotUpheld: 1, UpheldRate: p(0)},
			fig{EscalationRate: p(0)}, zero},
		{"Planning", "2021/22", fig{Received: 1, Open: 1}, fig{EscalationRate: p(0)}, zero},
	} {
		y, err := c.Lookup(w.year, w.service)
		if err != nil {
			t.Errorf("%s %s: %v", w.service, w.year, err)
			continue
		}
		for i, pair := range []struct {
			got  metrics.Stage
			want fig
		}{{y.Stage1, w.s1}, {y.Stage2, w.s2}, {y.Ombudsman, w.omb}} {
			if got := figOf(pair.got); !reflect.DeepEqual(got, pair.want) {
				t.Errorf("%q %s %s:\n got %s\nwant %s", w.service, w.year, metrics.Stages[i], show(got), show(pair.want))
			}
		}
	}
	// A year without rows (2018/19) is not in the data.
	if got, want := c.YearLabels(), []string{"2017/18", "2019/20", "2020/21", "2021/22"}; !slices.Equal(got, want) {
		t.Errorf("years %q, want %q", got, want)
	}
	if got, want := c.ServiceNames(), []string{"Housing", "Planning"}; !slices.Equal(got, want) {
		t.Errorf("services %q, want %q", got, want)
	}
}

// TestEscalationZeroDenominators: a year with no stage 1 complaints has
// no stage 2 escalation rate, and one with no stage 2 complaints no
// Ombudsman escalation rate; both are null in JSON.
func TestEscalationZeroDenominators(t *testing.T) {
	c := metrics.Compute(read(t, header+
		"B1,Ombudsman,Housing,2020-05-01,2020-05-20,,Upheld\n"+
		"B2,Stage 2,Housing,2021-05-03,2021-05-20,,Upheld\n"+
		"B3,Stage 2,Housing,2021-05-04,,,\n"), metrics.Options{})
	for _, w := range []struct {
		year     string
		s2, omb  *float64
		jsonOmb  string
		jsonS2   string
		received int
	}{
		// 2020/21: one Ombudsman enquiry, no stage 1 or 2.
		{year: "2020/21", s2: nil, omb: nil, jsonS2: `"escalation_rate":null`, jsonOmb: `"escalation_rate":null`},
		// 2021/22: two stage 2 (one open), no stage 1, no Ombudsman.
		{year: "2021/22", s2: nil, omb: p(0), jsonS2: `"escalation_rate":null`, jsonOmb: `"escalation_rate":0`},
	} {
		y := c.Years[w.year]
		if !reflect.DeepEqual(y.Stage2.EscalationRate, w.s2) || !reflect.DeepEqual(y.Ombudsman.EscalationRate, w.omb) {
			t.Errorf("%s: escalation rates %v, %v", w.year, y.Stage2.EscalationRate, y.Ombudsman.EscalationRate)
		}
		s2 := string(must(json.Marshal(y.Stage2)))
		omb := string(must(json.Marshal(y.Ombudsman)))
		if !strings.Contains(s2, w.jsonS2) || !strings.Contains(omb, w.jsonOmb) {
			t.Errorf("%s: JSON\n%s\n%s", w.year, s2, omb)
		}
	}
}

// TestJSONShape checks the documented contract: every year in the data
// carries all three stages with all their keys (zeros included), every
// service carries every year, escalation_rate is on stage 2 and the
// Ombudsman only, and undefined rates are null.
func TestJSONShape(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc) != 4 || doc["years"] == nil || doc["services"] == nil || doc["quarters"] == nil || doc["halves"] == nil {
		t.Fatalf("top-level keys: %s", raw)
	}
	// Quarters and halves: those with a case received in them.
	if got, want := sortedKeys(doc["quarters"]), []string{"2017/18 Q4", "2019/20 Q4", "2020/21 Q1", "2020/21 Q2", "2020/21 Q4", "2021/22 Q1"}; !slices.Equal(got, want) {
		t.Errorf("quarters %q, want %q", got, want)
	}
	if got, want := sortedKeys(doc["halves"]), []string{"2017/18 H2", "2019/20 H2", "2020/21 H1", "2020/21 H2", "2021/22 H1"}; !slices.Equal(got, want) {
		t.Errorf("halves %q, want %q", got, want)
	}
	base := []string{"closed", "mean_working_days", "no_outcome", "not_upheld", "on_time", "on_time_rate", "open",
		"partially_upheld", "received", "upheld", "upheld_rate", "withdrawn",
		// The Complaint Handling Codes' figures, added beside the others.
		"acknowledged", "acknowledged_on_time", "acknowledged_on_time_rate", "refused"}
	slices.Sort(base)
	withEsc := append(slices.Clone(base), "escalation_rate")
	slices.Sort(withEsc)
	years := []string{"2017/18", "2019/20", "2020/21", "2021/22"}
	checkYears := func(where string, m map[string]json.RawMessage) {
		if got := sortedKeys(m); !slices.Equal(got, years) {
			t.Errorf("%s: years %q, want %q", where, got, years)
		}
		for y, raw := range m {
			var stages map[string]map[string]any
			if err := json.Unmarshal(raw, &stages); err != nil {
				t.Fatalf("%s %s: %v", where, y, err)
			}
			if got := sortedKeys(stages); !slices.Equal(got, []string{"ombudsman", "stage1", "stage2"}) {
				t.Errorf("%s %s: stages %q", where, y, got)
			}
			for s, fields := range stages {
				want := withEsc
				if s == "stage1" {
					want = base
				}
				if got := sortedKeys(fields); !slices.Equal(got, want) {
					t.Errorf("%s %s %s: keys %q, want %q", where, y, s, got, want)
				}
				// Undefined rates are null, not 0 and not missing.
				if fields["closed"].(float64) == 0 && fields["on_time_rate"] != nil {
					t.Errorf("%s %s %s: on_time_rate %v with nothing closed, want null", where, y, s, fields["on_time_rate"])
				}
			}
		}
	}
	checkYears("years", doc["years"])
	if got := sortedKeys(doc["services"]); !slices.Equal(got, []string{"Housing", "Planning"}) {
		t.Errorf("services %q", got)
	}
	for name, raw := range doc["services"] {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		checkYears("services."+name, m)
	}
	// Spot-check values in their JSON form: unrounded fractions, nulls.
	for _, want := range []string{
		`"2020/21":{"stage1":{"received":5,"closed":4,"open":1,"on_time":3,"on_time_rate":0.75,"mean_working_days":7.75,"upheld":1,"partially_upheld":1,"not_upheld":1,"withdrawn":1,"no_outcome":0,"upheld_rate":0.6666666666666666,"refused":0,"acknowledged":0,"acknowledged_on_time":0,"acknowledged_on_time_rate":null}`,
		`"2021/22":{"stage1":{"received":1,"closed":0,"open":1,"on_time":0,"on_time_rate":null,"mean_working_days":null,"upheld":0,"partially_upheld":0,"not_upheld":0,"withdrawn":0,"no_outcome":0,"upheld_rate":null,"refused":0,"acknowledged":0,"acknowledged_on_time":0,"acknowledged_on_time_rate":null}`,
		`"stage2":{"received":1,"closed":1,"open":0,"on_time":1,"on_time_rate":1,"mean_working_days":19,"upheld":0,"partially_upheld":0,"not_upheld":1,"withdrawn":0,"no_outcome":0,"upheld_rate":0,"escalation_rate":0.2,"refused":0,"acknowledged":0,"acknowledged_on_time":0,"acknowledged_on_time_rate":null}`,
	} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("JSON lacks %s\nin %s", want, raw)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestEmptyLog(t *testing.T) {
	c := metrics.Compute(read(t, header), metrics.Options{})
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != `{"years":{},"services":{},"quarters":{},"halves":{}}` {
		t.Errorf("JSON of an empty log: %s", raw)
	}
	if len(c.YearLabels()) != 0 || len(c.Months) != 0 {
		t.Errorf("years %q, months %d", c.YearLabels(), len(c.Months))
	}
	f := &metrics.Figures{Complaints: c}
	if _, _, err := f.Value("stage1.received", "2020/21", ""); err == nil || err.Error() != "the case log has no rows" {
		t.Errorf("Value on an empty log: %v", err)
	}
}

// TestMonths checks the monthly counts: every month from the first to
// the last in the data, by the month of Received.
func TestMonths(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	// March 2018 to April 2021.
	if len(c.Months) != 38 {
		t.Fatalf("%d months, want 38", len(c.Months))
	}
	for i, m := range c.Months {
		y, mo, d := m.Start.Date()
		wantY, wantM := 2018+(2+i)/12, time.Month((2+i)%12+1)
		if y != wantY || mo != wantM || d != 1 {
			t.Errorf("month %d starts %s, want %d-%02d-01", i, m.Start, wantY, wantM)
		}
	}
	at := func(s string) metrics.Month {
		for _, m := range c.Months {
			if m.Start == day(s) {
				return m
			}
		}
		t.Fatalf("no month %s", s)
		return metrics.Month{}
	}
	for _, w := range []struct {
		month string
		want  [3]metrics.MonthStage
	}{
		{"2018-03-01", [3]metrics.MonthStage{{Received: 1, Closed: 1, OnTime: 1}}},
		{"2018-04-01", [3]metrics.MonthStage{}},
		{"2020-03-01", [3]metrics.MonthStage{2: {Received: 1, Closed: 1, OnTime: 1}}},
		{"2020-06-01", [3]metrics.MonthStage{{Received: 1, Closed: 1, OnTime: 0}}},
		{"2020-07-01", [3]metrics.MonthStage{{Received: 1, Closed: 1, OnTime: 1}, {Received: 1, Closed: 1, OnTime: 1}}},
		// A4 open, A1 answered on time.
		{"2021-03-01", [3]metrics.MonthStage{{Received: 2, Closed: 1, OnTime: 1}}},
		{"2021-04-01", [3]metrics.MonthStage{{Received: 1}}},
	} {
		if got := at(w.month).Stages; got != w.want {
			t.Errorf("%s: %+v, want %+v", w.month, got, w.want)
		}
	}
}

func TestValue(t *testing.T) {
	f := &metrics.Figures{Complaints: metrics.Compute(read(t, yearsLog), metrics.Options{})}
	for _, c := range []struct {
		metric, year, service string
		want                  float64
		ok                    bool
		err                   string
	}{
		{metric: "stage1.received", year: "2020/21", want: 5, ok: true},
		{metric: "stage1.on_time_rate", year: "2020/21", want: 0.75, ok: true},
		{metric: "stage2.escalation_rate", year: "2020/21", want: 0.2, ok: true},
		{metric: "stage1.received", year: "2020/21", service: "Planning", want: 2, ok: true},
		{metric: "stage1.on_time_rate", year: "2021/22", ok: false},
		{metric: "ombudsman.escalation_rate", year: "2019/20", ok: false},
		{metric: "stage1.escalation_rate", year: "2020/21", err: "stage 1 has no escalation rate: escalation is measured into stage 2 and into the Ombudsman"},
		{metric: "stage1.on_time_rat", year: "2020/21", err: `unknown metric "stage1.on_time_rat"; did you mean stage1.on_time_rate?`},
		{metric: "stage3.received", year: "2020/21", err: `unknown metric "stage3.received"; did you mean stage1.received?`},
		{metric: "complaints", year: "2020/21", err: `unknown metric "complaints"; metrics are named like "stage1.on_time_rate", "foi.on_time_rate", "letter.upheld_rate" or "hos.maladministration_rate"`},
		{metric: "stage1.received", year: "2018/19", err: "the case log has no complaints received in 2018/19 (it covers 2017/18 to 2021/22)"},
		{metric: "stage1.received", year: "2020/21", service: "Plannning", err: `the case log has no service "Plannning" (its services are: "Housing", "Planning"); did you mean Planning?`},
		{metric: "letter.upheld_rate", year: "2020/21", err: `"letter.upheld_rate" needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}`},
	} {
		v, ok, err := f.Value(c.metric, c.year, c.service)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s %s %q: error %v, want %q", c.metric, c.year, c.service, err, c.err)
			}
			continue
		}
		if err != nil || ok != c.ok || v != c.want {
			t.Errorf("%s %s %q: %v %v %v, want %v %v", c.metric, c.year, c.service, v, ok, err, c.want, c.ok)
		}
	}
	none := &metrics.Figures{}
	if _, _, err := none.Value("stage1.received", "2020/21", ""); err == nil || err.Error() != `"stage1.received" needs the case log: add data: {complaints: complaints.csv}` {
		t.Errorf("without a case log: %v", err)
	}
	// Every name Names lists is accepted.
	for _, n := range metrics.Names() {
		if strings.HasPrefix(n, "letter.") || strings.HasPrefix(n, "hos.") {
			continue // TestHousingOmbudsmanMetrics
		}
		if _, _, err := f.Value(n, "2020/21", ""); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if slices.Contains(metrics.Names(), "stage1.escalation_rate") {
		t.Error("Names lists stage1.escalation_rate")
	}
}

func TestWriteText(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	var buf bytes.Buffer
	if err := c.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(out, "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if l := strings.Join(strings.Fields(l), " "); strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no line %q in\n%s", prefix, out)
		return ""
	}
	// The first table is 2017/18; its lines come first.
	for _, w := range []struct{ label, want string }{
		{"2017/18", "2017/18 Stage 1 Stage 2 Ombudsman"},
		{"received", "received 1 0 0"},
		{"on time rate", "on time rate 100.0% - -"},
		{"escalation rate", "escalation rate 0.0% -"},
	} {
		if got := find(w.label + " "); got != w.want {
			t.Errorf("got %q, want %q", got, w.want)
		}
	}
	// Labels start at the left margin; numbers line up on the right.
	var recv []int
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "received") {
			if !strings.HasPrefix(l, "  received") {
				t.Errorf("label not at the left: %q", l)
			}
			recv = append(recv, len(l))
		}
	}
	if len(recv) != 4+2*4 || slices.Min(recv) != slices.Max(recv) {
		t.Errorf("received lines have lengths %v; want 12 of one length", recv)
	}
	for _, s := range []string{"Housing", "Planning"} {
		if !strings.Contains(out, "\n\nService: "+s+"\n2017/18 ") {
			t.Errorf("no heading for %s in\n%s", s, out)
		}
	}
}

// TestNoOutcome: closed rows without an outcome are no_outcome, so that
// the outcomes and no_outcome add up to closed; open rows are not.
func TestNoOutcome(t *testing.T) {
	c := metrics.Compute(read(t, header+
		"A1,1,Housing,2021-02-01,2021-02-03,,Upheld\n"+
		"A2,1,Housing,2021-02-01,2021-02-03,,\n"+
		"A3,1,Housing,2021-02-01,2021-02-04,,\n"+
		"A4,1,Housing,2021-02-01,,,\n"), metrics.Options{})
	s := c.Years["2020/21"].Stage1
	if s.NoOutcome != 2 || s.Closed != 3 || s.Upheld+s.PartiallyUpheld+s.NotUpheld+s.Withdrawn+s.NoOutcome != s.Closed {
		t.Errorf("no_outcome %d of %d closed (upheld %d)", s.NoOutcome, s.Closed, s.Upheld)
	}
	if v, ok, err := s.Field("no_outcome"); err != nil || !ok || v != 2 {
		t.Errorf("Field(no_outcome) = %v, %v, %v", v, ok, err)
	}
}

// TestPartYear: a latest year with cases in fewer than twelve months is
// reported, with a message naming the last full year; a full year is not.
func TestPartYear(t *testing.T) {
	full := header + "A1,1,Housing,2024-04-02,,,\nA2,1,Housing,2025-03-31,,,\n"
	for _, c := range []struct {
		src    string
		want   string // "" for no part year
		months int
	}{
		{full, "", 12},
		{full + "A3,1,Housing,2025-04-01,,,\n", "2025/26", 1},
		{full + "A3,1,Housing,2025-04-01,,,\nA4,2,Housing,2025-06-30,,,\n", "2025/26", 3},
	} {
		label, n, last, ok := metrics.Compute(read(t, c.src), metrics.Options{}).PartYear()
		if ok != (c.want != "") || label != c.want && ok || n != c.months {
			t.Errorf("%q: %q %d %v %v, want %q %d", c.src, label, n, last, ok, c.want, c.months)
		}
	}
}
