package metrics_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/workdays"
)

// holidays are the England and Wales bank holidays of the fixtures'
// years, written out here so that the reference computation below does
// not use package workdays' arithmetic.
var holidays = map[string]bool{
	"2023-12-25": true, "2023-12-26": true, "2024-01-01": true, "2024-03-29": true, "2024-04-01": true,
	"2024-05-06": true, "2024-05-27": true, "2024-08-26": true, "2024-12-25": true, "2024-12-26": true,
	"2025-01-01": true, "2025-04-18": true, "2025-04-21": true, "2025-05-05": true, "2025-05-26": true,
}

func working(t time.Time) bool {
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday && !holidays[t.Format("2006-01-02")]
}

// addWorking is received plus n working days, the next working day being
// day 1, by walking the calendar.
func addWorking(received time.Time, n int) time.Time {
	t := received
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if working(t) {
			n--
		}
	}
	return t
}

// sarDeadline is the same day number a calendar month later, or that
// month's last day, then the next working day: computed with time.Date's
// normalisation rather than a days-in-month table.
func sarDeadline(received time.Time) time.Time {
	y, m, d := received.Date()
	due := time.Date(y, m+1, d, 0, 0, 0, 0, time.UTC)
	if due.Day() != d { // 31 January -> 2 or 3 March: overflowed
		due = time.Date(y, m+2, 0, 0, 0, 0, 0, time.UTC)
	}
	for !working(due) {
		due = due.AddDate(0, 0, 1)
	}
	return due
}

func workingBetween(a, b time.Time) int {
	n := 0
	for t := a.AddDate(0, 0, 1); !t.After(b); t = t.AddDate(0, 0, 1) {
		if working(t) {
			n++
		}
	}
	return n
}

func TestSARDeadline(t *testing.T) {
	cal := workdays.EnglandAndWales()
	for _, tt := range []struct{ received, want string }{
		{"2024-01-31", "2024-02-29"}, // leap year: the month's last day
		{"2023-01-31", "2023-02-28"},
		{"2025-01-30", "2025-02-28"},
		{"2024-01-30", "2024-02-29"},
		{"2024-02-29", "2024-04-02"}, // 29 March is Good Friday, then a weekend and Easter Monday
		{"2024-03-31", "2024-04-30"},
		{"2024-08-31", "2024-09-30"},
		{"2024-10-30", "2024-12-02"}, // 30 November 2024 is a Saturday
		{"2024-11-25", "2024-12-27"}, // 25 December, then Boxing Day
		{"2024-12-31", "2025-01-31"},
		{"2024-05-15", "2024-06-17"}, // 15 June is a Saturday
	} {
		got := metrics.RequestDue(cal, caselog.SAR, day(tt.received), caselog.NoDate, 1)
		if got.String() != tt.want {
			t.Errorf("SAR received %s: due %s, want %s", tt.received, got, tt.want)
		}
		r, _ := time.Parse("2006-01-02", tt.received)
		if ref := sarDeadline(r).Format("2006-01-02"); ref != tt.want {
			t.Errorf("the reference computation gives %s for %s, want %s", ref, tt.received, tt.want)
		}
	}
	if got := metrics.RequestDue(cal, caselog.SAR, day("2024-01-31"), caselog.NoDate, 3); got.String() != "2024-04-30" {
		t.Errorf("three months from 31 January: %s", got)
	}
	if got := metrics.RequestDue(cal, caselog.SAR, day("2024-01-31"), day("2024-04-30"), 1); got.String() != "2024-04-30" {
		t.Errorf("an extension in Due: %s", got)
	}
}

// TestRequestTimeliness computes every type's figures from a generated
// log of requests crossing bank holidays, month ends and the year end,
// and compares them with a computation written separately here.
func TestRequestTimeliness(t *testing.T) {
	types := []struct {
		typ, stage, key string
		target          func(time.Time) time.Time
	}{
		{"FOI", "", "foi", func(r time.Time) time.Time { return addWorking(r, 20) }},
		{"FOI", "Internal review", "foi_review", func(r time.Time) time.Time { return addWorking(r, 20) }},
		{"EIR", "", "eir", func(r time.Time) time.Time { return addWorking(r, 20) }},
		{"EIR", "Internal review", "eir_review", func(r time.Time) time.Time { return addWorking(r, 20) }},
		{"SAR", "", "sar", sarDeadline},
		{"Member enquiry", "", "member_enquiry", func(r time.Time) time.Time { return addWorking(r, 10) }},
		{"MP enquiry", "", "mp_enquiry", func(r time.Time) time.Time { return addWorking(r, 10) }},
	}
	type want struct {
		received, closed, onTime, days int
	}
	wants := map[string]map[string]*want{} // key -> year -> figures
	rng := rand.New(rand.NewPCG(18, 2024))
	var b strings.Builder
	b.WriteString("Reference,Type,Stage,Service,Received,Responded,Due,Outcome\n")
	start := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
	// Every day from December 2023 to April 2025, with the month ends
	// and the holidays among them, for every type.
	n := 0
	for r := start; r.Before(time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)); r = r.AddDate(0, 0, 1) {
		for _, ty := range types {
			n++
			due := ty.target(r)
			var responded time.Time
			switch rng.IntN(4) {
			case 0: // on the deadline
				responded = due
			case 1: // the day after it
				responded = due.AddDate(0, 0, 1)
			case 2: // open
			default:
				responded = r.AddDate(0, 0, rng.IntN(45))
			}
			fy := r.Year()
			if r.Month() < time.April {
				fy--
			}
			year := fmt.Sprintf("%d/%02d", fy, (fy+1)%100)
			if wants[ty.key] == nil {
				wants[ty.key] = map[string]*want{}
			}
			w := wants[ty.key][year]
			if w == nil {
				w = &want{}
				wants[ty.key][year] = w
			}
			w.received++
			resp := ""
			if !responded.IsZero() {
				w.closed++
				if !responded.After(due) {
					w.onTime++
				}
				w.days += workingBetween(r, responded)
				resp = responded.Format("02/01/2006")
			}
			fmt.Fprintf(&b, "R%d,%s,%s,Legal,%s,%s,,Information provided\n", n, ty.typ, ty.stage, r.Format("2006-01-02"), resp)
		}
	}
	b.WriteString("C1,Complaint,1,Housing,2024-05-01,2024-05-02,,Upheld\n")
	log, err := caselog.ReadCSV("log.csv", []byte(b.String()), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := metrics.Compute(log, metrics.Options{})
	if got := c.Years["2024/25"].Stage1.Received; got != 1 {
		t.Errorf("complaints in 2024/25: %d, want the one complaint row", got)
	}
	if got := c.ServiceNames(); len(got) != 1 || got[0] != "Housing" {
		t.Errorf("complaint services %q: only Housing has complaints", got)
	}
	for key, years := range wants {
		for year, w := range years {
			got := c.Requests.ByType[key][year]
			if got == nil {
				t.Errorf("%s %s: no figures", key, year)
				continue
			}
			if got.Received != w.received || got.Closed != w.closed || got.OnTime != w.onTime || got.Open != w.received-w.closed {
				t.Errorf("%s %s: received %d closed %d on time %d; want %d %d %d", key, year, got.Received, got.Closed, got.OnTime, w.received, w.closed, w.onTime)
			}
			if mean := float64(w.days) / float64(w.closed); got.MeanWorkingDays == nil || *got.MeanWorkingDays != mean {
				t.Errorf("%s %s: mean working days %v, want %v", key, year, got.MeanWorkingDays, mean)
			}
			if s := got.Services["Legal"]; s == nil || s.Received != w.received || s.OnTime != w.onTime {
				t.Errorf("%s %s: Legal's figures %+v", key, year, s)
			}
		}
	}
}

func TestBands(t *testing.T) {
	for _, tt := range []struct {
		onTime, closed int
		want           metrics.Band
	}{
		{95, 100, metrics.Good}, {19, 20, metrics.Good}, {100, 100, metrics.Good},
		{949, 1000, metrics.Adequate}, // rounds to 95%, but is under it
		{9499, 10000, metrics.Adequate},
		{90, 100, metrics.Adequate}, {9, 10, metrics.Adequate},
		{899, 1000, metrics.Unsatisfactory}, {8999, 10000, metrics.Unsatisfactory}, {0, 3, metrics.Unsatisfactory},
	} {
		if got, ok := metrics.BandOf(tt.onTime, tt.closed); !ok || got != tt.want {
			t.Errorf("%d of %d: %s, want %s", tt.onTime, tt.closed, got, tt.want)
		}
	}
	if _, ok := metrics.BandOf(0, 0); ok {
		t.Error("a band with nothing closed")
	}
}

// foiLog is a log of n FOI requests answered in 2024/25, onTime of them
// on the day after receipt and the rest a year later.
func foiLog(t *testing.T, onTime, n int) *caselog.Log {
	var b strings.Builder
	b.WriteString("Reference,Type,Service,Received,Responded\n")
	for i := range n {
		resp := "2024-04-02"
		if i >= onTime {
			resp = "2025-03-31"
		}
		fmt.Fprintf(&b, "F%d,FOI,Legal,2024-04-01,%s\n", i, resp)
	}
	log, err := caselog.ReadCSV("foi.csv", []byte(b.String()), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestBandMetric(t *testing.T) {
	for _, tt := range []struct {
		onTime, n int
		want      string
	}{{19, 20, "good"}, {18, 20, "adequate"}, {17, 20, "unsatisfactory"}, {949, 1000, "adequate"}, {899, 1000, "unsatisfactory"}} {
		f := &metrics.Figures{Complaints: metrics.Compute(foiLog(t, tt.onTime, tt.n), metrics.Options{})}
		got, ok, err := f.Text("foi.band", "2024/25", "")
		if err != nil || !ok || got != tt.want {
			t.Errorf("%d of %d: %q %v %v, want %s", tt.onTime, tt.n, got, ok, err, tt.want)
		}
		rate, _, err := f.Value("foi.on_time_rate", "2024/25", "legal")
		if err != nil || rate != float64(tt.onTime)/float64(tt.n) {
			t.Errorf("%d of %d: rate %v %v", tt.onTime, tt.n, rate, err)
		}
		if _, ok, err := f.Text("eir.band", "2024/25 Q1", ""); ok || err != nil {
			t.Errorf("eir.band without EIRs: %v %v", ok, err)
		}
	}
}

func TestRequestErrors(t *testing.T) {
	f := &metrics.Figures{Complaints: metrics.Compute(foiLog(t, 1, 1), metrics.Options{})}
	for _, tt := range []struct{ metric, year, service, want string }{
		{"foi.received", "2023/24", "", "the case log has no information requests or enquiries received in 2023/24 (they cover 2024/25)"},
		{"foi.received", "2024/25", "Housing", `the case log has no requests or enquiries for service "Housing" (their services are: "Legal")`},
		{"sar.band", "2024/25", "", `unknown metric "sar.band"`},
		{"foi.recieved", "2024/25", "", "did you mean foi.received?"},
		{"foi.band", "2024/25", "", "band is a word"},
	} {
		_, _, err := f.Value(tt.metric, tt.year, tt.service)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s: %v, want %s", tt.metric, tt.year, err, tt.want)
		}
	}
	plain := &metrics.Figures{Complaints: metrics.Compute(read(t, header+"C1,1,Housing,2024-04-01,,,\n"), metrics.Options{})}
	if _, _, err := plain.Value("foi.received", "2024/25", ""); err == nil || !strings.Contains(err.Error(), "it has no Type column") {
		t.Errorf("without a Type column: %v", err)
	}
}

func TestRequestsJSON(t *testing.T) {
	c := metrics.Compute(foiLog(t, 1, 2), metrics.Options{})
	b, err := json.Marshal(c.Requests.ByType["foi"]["2024/25 Q1"])
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"received":2,"closed":2,"open":0,"on_time":1,"on_time_rate":0.5,"mean_working_days":127.5,"band":"unsatisfactory"}`; string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(c.Requests.ByType["sar"]["2024/25"])
	if want := `{"received":0,"closed":0,"open":0,"on_time":0,"on_time_rate":null,"mean_working_days":null,"services":{"Legal":{"received":0,"closed":0,"open":0,"on_time":0,"on_time_rate":null,"mean_working_days":null}}}`; string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	plain, _ := json.Marshal(metrics.Compute(read(t, header+"C1,1,Housing,2024-04-01,,,\n"), metrics.Options{}))
	if strings.Contains(string(plain), "requests") {
		t.Errorf("a log without a Type column has requests: %s", plain)
	}
}
