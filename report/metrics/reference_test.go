package metrics_test

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/paperhq/paper/bench/synth"
	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/workdays"
)

// naive computes the figures the slow, obvious way: financial years from
// time.Time, due dates and working days by walking the calendar one day at
// a time against the published holiday list. It is the reference the
// O(1) arithmetic and the parallel pass are checked against.
func naive(log *caselog.Log, targets metrics.Targets) map[string]map[string]*[3]fig {
	hol := map[workdays.Day]bool{}
	for _, h := range workdays.BankHolidays() {
		hol[h.Day] = true
	}
	working := func(d workdays.Day) bool {
		wd := d.Time().Weekday()
		return wd != time.Saturday && wd != time.Sunday && !hol[d]
	}
	type acc struct {
		received, closed, onTime, up, part, not, wd int
		days                                        int
	}
	cells := map[string]map[string]*[3]acc{} // year -> service ("" = all) -> stage
	for _, r := range log.Rows {
		t := r.Received.Time()
		fy := t.Year()
		if t.Month() < time.April {
			fy--
		}
		year := fmt.Sprintf("%d/%02d", fy, (fy+1)%100)
		if cells[year] == nil {
			cells[year] = map[string]*[3]acc{"": {}}
			for _, s := range log.Services {
				cells[year][s] = &[3]acc{}
			}
		}
		for _, svc := range []string{"", log.Services[r.Service]} {
			a := &cells[year][svc][r.Stage]
			a.received++
			if r.Responded == caselog.NoDate {
				continue
			}
			a.closed++
			due := r.Due
			if due == caselog.NoDate {
				due = r.Received
				for n := 0; n < targets[r.Stage]; {
					due++
					if working(due) {
						n++
					}
				}
			}
			if r.Responded <= due {
				a.onTime++
			}
			for d := r.Received + 1; d <= r.Responded; d++ {
				if working(d) {
					a.days++
				}
			}
			switch r.Outcome {
			case caselog.Upheld:
				a.up++
			case caselog.PartiallyUpheld:
				a.part++
			case caselog.NotUpheld:
				a.not++
			case caselog.Withdrawn:
				a.wd++
			}
		}
	}
	ratio := func(n, d int) *float64 {
		if d == 0 {
			return nil
		}
		return p(float64(n) / float64(d))
	}
	out := map[string]map[string]*[3]fig{}
	for y, bySvc := range cells {
		out[y] = map[string]*[3]fig{}
		for svc, a := range bySvc {
			var f [3]fig
			for s := range f {
				c := a[s]
				f[s] = fig{c.received, c.closed, c.received - c.closed, c.onTime, ratio(c.onTime, c.closed),
					ratio(c.days, c.closed), c.up, c.part, c.not, c.wd, ratio(c.up+c.part, c.up+c.part+c.not), nil}
			}
			f[1].EscalationRate = ratio(a[1].received, a[0].received)
			f[2].EscalationRate = ratio(a[2].received, a[1].received)
			out[y][svc] = &f
		}
	}
	return out
}

// synthetic is a 200,000-row log over ten financial years: enough rows for
// five workers.
func synthetic(t testing.TB) *caselog.Log {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 200000, 7); err != nil {
		t.Fatal(err)
	}
	return read(t, buf.String())
}

// close compares two figures, allowing for the order of floating-point
// sums (mean working days divides an int64 sum, so it is exact; rates
// too).
func sameFig(a, b fig) bool {
	eq := func(x, y *float64) bool {
		return (x == nil) == (y == nil) && (x == nil || math.Abs(*x-*y) < 1e-12)
	}
	return a.Received == b.Received && a.Closed == b.Closed && a.Open == b.Open && a.OnTime == b.OnTime &&
		eq(a.OnTimeRate, b.OnTimeRate) && eq(a.MeanWorkingDays, b.MeanWorkingDays) &&
		a.Upheld == b.Upheld && a.PartiallyUpheld == b.PartiallyUpheld && a.NotUpheld == b.NotUpheld &&
		a.Withdraw == b.Withdraw && eq(a.UpheldRate, b.UpheldRate) && eq(a.EscalationRate, b.EscalationRate)
}

// TestAgainstNaive checks every figure of a large synthetic log against the
// day-by-day reference, with default and changed targets.
func TestAgainstNaive(t *testing.T) {
	log := synthetic(t)
	for _, targets := range []metrics.Targets{metrics.DefaultTargets(), {5, 15, 25}} {
		got := metrics.Compute(log, metrics.Options{Targets: targets})
		want := naive(log, targets)
		if len(got.Years) != len(want) || len(got.Years) != 10 {
			t.Fatalf("%d years, reference %d, want 10", len(got.Years), len(want))
		}
		for y, bySvc := range want {
			for svc, w := range bySvc {
				g, err := got.Lookup(y, svc)
				if err != nil {
					t.Fatalf("%s %q: %v", y, svc, err)
				}
				for s, gs := range []metrics.Stage{g.Stage1, g.Stage2, g.Ombudsman} {
					if !sameFig(figOf(gs), w[s]) {
						t.Errorf("targets %v, %s %q %s:\n got %s\nwant %s", targets, y, svc, metrics.Stages[s], show(figOf(gs)), show(w[s]))
					}
				}
			}
		}
	}
}

// TestWorkersAgree: the figures do not depend on how many goroutines
// count them, nor on the order of the rows.
func TestWorkersAgree(t *testing.T) {
	log := synthetic(t)
	want := metrics.Compute(log, metrics.Options{Workers: 1})
	months := func(c *metrics.Complaints) map[string]map[string]*[12]metrics.Cell {
		out := map[string]map[string]*[12]metrics.Cell{}
		for _, y := range c.YearLabels() {
			for st := caselog.Stage1; st < caselog.NumStages; st++ {
				out[y+" "+metrics.Stages[st]], _ = c.ServiceMonths(y, st)
			}
		}
		return out
	}
	wantMonths := months(want)
	metrics.ForgetSource(want)
	reversed := *log
	reversed.Rows = slices.Clone(log.Rows)
	slices.Reverse(reversed.Rows)
	shuffled := *log
	shuffled.Rows = slices.Clone(log.Rows)
	for i := range shuffled.Rows { // a fixed permutation
		j := (i * 7919) % len(shuffled.Rows)
		shuffled.Rows[i], shuffled.Rows[j] = shuffled.Rows[j], shuffled.Rows[i]
	}
	for _, c := range []struct {
		name    string
		log     *caselog.Log
		workers int
	}{
		{"2 workers", log, 2}, {"3 workers", log, 3}, {"5 workers", log, 5}, {"16 workers", log, 16}, {"GOMAXPROCS", log, 0},
		{"reversed, 1 worker", &reversed, 1}, {"reversed, 4 workers", &reversed, 4},
		{"shuffled, 1 worker", &shuffled, 1}, {"shuffled, 3 workers", &shuffled, 3},
	} {
		got := metrics.Compute(c.log, metrics.Options{Workers: c.workers})
		if !reflect.DeepEqual(months(got), wantMonths) {
			t.Errorf("%s: months by service differ from one worker's", c.name)
		}
		metrics.ForgetSource(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: figures differ from one worker's", c.name)
		}
	}
}

// TestExampleCaseLog checks that the example paper's case log reproduces
// the figures of the published paper it follows (reference 001): Ombudsman
// enquiries 47 (34% on time), 36 (53%) and 39 (69%), 237 stage 2 and about
// 3,100 stage 1 complaints in 2020/21.
func TestExampleCaseLog(t *testing.T) {
	log, err := caselog.ReadFile("../../examples/lgsco-annual-review/complaints.csv", caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := metrics.Compute(log, metrics.Options{})
	if got, want := c.YearLabels(), []string{"2018/19", "2019/20", "2020/21"}; !slices.Equal(got, want) {
		t.Fatalf("years %q, want %q", got, want)
	}
	for _, w := range []struct {
		year     string
		received int
		pct      float64
	}{{"2018/19", 47, 34}, {"2019/20", 36, 53}, {"2020/21", 39, 69}} {
		o := c.Years[w.year].Ombudsman
		if o.Received != w.received || o.OnTimeRate == nil || math.Round(*o.OnTimeRate*100) != w.pct {
			t.Errorf("%s Ombudsman: %d received, on time %v; want %d at %v%%", w.year, o.Received, o.OnTimeRate, w.received, w.pct)
		}
	}
	y := c.Years["2020/21"]
	if y.Stage2.Received != 237 {
		t.Errorf("stage 2 2020/21: %d, want 237", y.Stage2.Received)
	}
	if n := y.Stage1.Received; n < 3050 || n > 3150 {
		t.Errorf("stage 1 2020/21: %d, want about 3,100", n)
	}
	// Some service has fewer than five in a stage, so that the paper's
	// tables suppress small numbers.
	small := false
	for _, s := range c.ServiceNames() {
		st := c.Services[s]["2020/21"].Stage1
		small = small || (st.Received > 0 && st.Received < 5)
	}
	if !small {
		t.Error("no service has fewer than 5 stage 1 complaints in 2020/21")
	}
}
