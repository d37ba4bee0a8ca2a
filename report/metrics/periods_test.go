package metrics_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" for not a period
	}{
		{"2024/25", "2024/25"},
		{"2024/25 Q1", "2024/25 Q1"},
		{"2024/25 q4", "2024/25 Q4"},
		{"2024/25Q2", "2024/25 Q2"},
		{" 2024/25  H2 ", "2024/25 H2"},
		{"2099/00 Q1", "2099/00 Q1"},
		{"2024/25 Q5", ""},
		{"2024/25 Q0", ""},
		{"2024/25 H3", ""},
		{"2024/26 Q1", ""},
		{"2024-25 Q1", ""},
		{"Q1 2024/25", ""},
		{"2024/25 Q", ""},
		{"2024/25 M1", ""},
		{"", ""},
	} {
		p, ok := metrics.ParsePeriod(c.in)
		if got := p.String(); ok != (c.want != "") || (ok && got != c.want) {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, c := range []struct{ label, span string }{
		{"2024/25 Q1", "April to June 2024"},
		{"2024/25 Q3", "October to December 2024"},
		{"2024/25 Q4", "January to March 2025"},
		{"2024/25 H1", "April to September 2024"},
		{"2024/25 H2", "October 2024 to March 2025"},
	} {
		p, _ := metrics.ParsePeriod(c.label)
		if got := p.Span(); got != c.span {
			t.Errorf("%s: span %q, want %q", c.label, got, c.span)
		}
	}
}

// TestPeriodFigures checks quarters and halves of yearsLog against hand
// counts, and that the quarters of every year add up to the year.
func TestPeriodFigures(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	f := &metrics.Figures{Complaints: c}
	for _, w := range []struct {
		metric, period, service string
		want                    float64
		ok                      bool
	}{
		// Q1 2020/21: A2 (Housing, on time) and A3 (Planning, late).
		{"stage1.received", "2020/21 Q1", "", 2, true},
		{"stage1.on_time_rate", "2020/21 Q1", "", 0.5, true},
		{"stage1.mean_working_days", "2020/21 Q1", "", 14.5, true},
		{"stage1.received", "2020/21 Q1", "Planning", 1, true},
		{"stage1.on_time", "2020/21 Q1", "Planning", 0, true},
		// Q2: A5 (stage 1, withdrawn) and A6 (stage 2, not upheld).
		{"stage1.withdrawn", "2020/21 Q2", "", 1, true},
		{"stage2.escalation_rate", "2020/21 Q2", "", 1, true},
		{"stage2.received", "2020/21 Q2", "Planning", 0, true},
		// H1 is Q1 and Q2; H2 is Q4 alone (Q3 has no cases).
		{"stage1.received", "2020/21 H1", "", 3, true},
		{"stage1.upheld_rate", "2020/21 H1", "", 0.5, true},
		{"stage1.received", "2020/21 H2", "", 2, true},
		{"stage1.open", "2020/21 H2", "Planning", 1, true},
		// A service as an author might type it.
		{"stage1.received", "2020/21 Q1", "housing", 1, true},
		{"stage1.received", "2020/21", "  PLANNING.", 2, true},
		{"stage1.on_time_rate", "2021/22 Q1", "", 0, false},
	} {
		v, ok, err := f.Value(w.metric, w.period, w.service)
		if err != nil || ok != w.ok || v != w.want {
			t.Errorf("%s %s %q: %v %v %v, want %v %v", w.metric, w.period, w.service, v, ok, err, w.want, w.ok)
		}
	}
	for _, w := range []struct{ period, service, err string }{
		{"2020/21 Q3", "", "the case log has no complaints received in 2020/21 Q3 (October to December 2020)"},
		{"2021/22 Q2", "", "2021/22 Q2 (July to September 2021) is after the last complaint in the case log, received on 1 April 2021: it has no figures yet"},
		{"2022/23 H1", "Housing", "2022/23 H1 (April to September 2022) is after the last complaint in the case log, received on 1 April 2021: it has no figures yet"},
		{"2016/17 Q1", "", "the case log has no complaints received in 2016/17 Q1 (April to June 2016): the first was received on 15 March 2018"},
		{"2020/21 Q5", "", `"2020/21 Q5" is not a financial year like 2024/25, a quarter like 2024/25 Q1 (Q1 is April to June) or a half like 2024/25 H1`},
		{"2020/21 Q1", "Plannnig", `the case log has no service "Plannnig" (its services are: "Housing", "Planning"); did you mean Planning?`},
	} {
		if _, err := c.Lookup(w.period, w.service); err == nil || err.Error() != w.err {
			t.Errorf("Lookup(%q, %q): %v, want %q", w.period, w.service, err, w.err)
		}
	}
	// Every year is the sum of its quarters and of its halves, for the
	// council and every service.
	for _, y := range c.YearLabels() {
		for _, svc := range append([]string{""}, c.ServiceNames()...) {
			whole := c.At(y, svc)
			var q, h [caselog.NumStages]int
			for i := 1; i <= 4; i++ {
				if p := c.At(y+" Q"+string(rune('0'+i)), svc); p != nil {
					for st := range q {
						q[st] += p.At(caselog.Stage(st)).Received + 1000*p.At(caselog.Stage(st)).OnTime
					}
				}
			}
			for i := 1; i <= 2; i++ {
				if p := c.At(y+" H"+string(rune('0'+i)), svc); p != nil {
					for st := range h {
						h[st] += p.At(caselog.Stage(st)).Received + 1000*p.At(caselog.Stage(st)).OnTime
					}
				}
			}
			for st := range q {
				s := whole.At(caselog.Stage(st))
				if w := s.Received + 1000*s.OnTime; q[st] != w || h[st] != w {
					t.Errorf("%s %q stage %d: quarters %d, halves %d, year %d (received + 1000 on time)", y, svc, st+1, q[st], h[st], w)
				}
			}
		}
	}
	if got := c.Quarters["2020/21 Q1"].Stage1.Received; got != 2 {
		t.Errorf("Quarters[2020/21 Q1] stage 1 received %d, want 2", got)
	}
	if got := c.Halves["2020/21 H2"].Stage1.Received; got != 2 {
		t.Errorf("Halves[2020/21 H2] stage 1 received %d, want 2", got)
	}
}

func TestPartPeriod(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{}) // the last case: 1 April 2021
	for _, w := range []struct {
		label      string
		months, of int
		part       bool
	}{
		{"2021/22 Q1", 1, 3, true},
		{"2021/22 H1", 1, 6, true},
		{"2020/21 Q4", 0, 0, false},
		{"2021/22", 0, 0, false}, // years: see PartYear
	} {
		months, of, last, ok := c.PartPeriod(w.label)
		if ok != w.part || (ok && (months != w.months || of != w.of || last.Format("2006-01") != "2021-04")) {
			t.Errorf("%s: %d of %d to %s, %v; want %d of %d, %v", w.label, months, of, last, ok, w.months, w.of, w.part)
		}
	}
	months, of, last, _ := c.PartPeriod("2021/22 Q1")
	want := "2021/22 Q1, which the paper cites, has cases from April 2021 only (1 of 3 months), so its figures cover part of the quarter; cite a whole quarter or leave it out until its last month is in the export"
	if got := metrics.PartPeriodMessage("2021/22 Q1", months, of, last); got != want {
		t.Errorf("message:\n%s\nwant\n%s", got, want)
	}
}

func TestWriteTextQuarters(t *testing.T) {
	c := metrics.Compute(read(t, yearsLog), metrics.Options{})
	var plain, withQ strings.Builder
	if err := c.WriteText(&plain); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteTextQuarters(&withQ); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), " Q1") || strings.Contains(plain.String(), " H1") {
		t.Errorf("WriteText shows quarters:\n%s", plain.String())
	}
	// Each year's table, then its quarters and halves, before the
	// services; the 2020/21 Q1 table holds its own figures.
	var headings []string
	for _, l := range strings.Split(withQ.String(), "\n") {
		if strings.HasPrefix(l, "Service:") {
			break
		}
		if f := strings.Fields(l); len(f) > 1 && f[len(f)-1] == "Ombudsman" {
			headings = append(headings, strings.TrimSuffix(strings.TrimSpace(l[:strings.Index(l, "Stage 1")]), " "))
		}
	}
	want := []string{"2017/18", "2017/18 Q4", "2017/18 H2", "2019/20", "2019/20 Q4", "2019/20 H2",
		"2020/21", "2020/21 Q1", "2020/21 Q2", "2020/21 Q4", "2020/21 H1", "2020/21 H2", "2021/22", "2021/22 Q1", "2021/22 H1"}
	if !slices.Equal(headings, want) {
		t.Errorf("tables %q, want %q", headings, want)
	}
	q1 := withQ.String()[strings.Index(withQ.String(), "2020/21 Q1"):]
	if got := strings.Join(strings.Fields(strings.Split(q1, "\n")[1]), " "); got != "received 2 0 0" {
		t.Errorf("2020/21 Q1 received line %q", got)
	}
}
