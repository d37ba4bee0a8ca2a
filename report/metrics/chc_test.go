package metrics_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/metrics"
)

// The Complaint Handling Codes' timescales: acknowledgement within 5
// working days of receipt, and (data.deadlines_from: acknowledged) the
// stage deadline counted from the acknowledgement. Each row's deadlines
// were worked out by hand on a calendar, across 2020's VE day (Friday 8
// May, the early May bank holiday moved from the 4th), Christmas 2020
// (28 December the substitute Boxing Day), Easter 2021 and 2024 (Easter
// Monday 2024 was 1 April), the late May bank holidays and the 31 March
// and 1 April year ends.
const chcRows = `Reference,Stage,Service,Received,Acknowledged,Responded,Due,Outcome
A,1,Housing,07/05/2020,15/05/2020,29/05/2020,,Upheld
B,1,Housing,07/05/2020,18/05/2020,,,
C,1,Housing,23/12/2020,04/01/2021,05/01/2021,,Refused
D,1,Housing,31/03/2021,08/04/2021,22/04/2021,,Not upheld
E,1,Housing,31/03/2021,12/04/2021,12/04/2021,,Refused
F,1,Housing,01/04/2021,,16/04/2021,,Upheld
G,1,Housing,03/05/2024,13/05/2024,28/05/2024,,Partially upheld
H,1,Housing,28/03/2024,08/04/2024,09/04/2024,,Upheld
I,1,Housing,01/04/2024,09/04/2024,30/04/2024,30/04/2024,Upheld
`

// A: ack due Fri 15 May 2020 (8 May is VE day): on time. Response due 22
//    May from receipt (late on the 29th), 1 June from the acknowledgement
//    (25 May is the spring bank holiday): on time.
// B: acknowledged on the 18th, a day late; open.
// C: ack due Mon 4 January 2021 (25, 28 December and 1 January are
//    holidays); refused on the 5th, inside the deadline (11 January).
// D: ack due Fri 9 April 2021 (2 and 5 April are Easter); response due
//    16 April from receipt (late on the 22nd), 22 April from the
//    acknowledgement (on time).
// E: acknowledged on 12 April, late; refused the same day, on time.
// F: 2021/22; no acknowledgement, so its deadline counts from receipt
//    (due 19 April) either way.
// G: ack due Mon 13 May 2024 (6 May is a holiday): on time; response due
//    20 May from receipt (late on the 28th), 28 May from the
//    acknowledgement (27 May is a holiday): on time.
// H: 2023/24 (received 28 March); ack due 8 April 2024 (Good Friday 29
//    March, Easter Monday 1 April): on time.
// I: 2024/25 (received on Easter Monday, 1 April); ack due 8 April, so
//    the 9th is late; a Due date overrides the target: on time.

func TestCodeTimescales(t *testing.T) {
	log, err := caselog.ReadCSV("chc.csv", []byte(chcRows), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		received, closed, refused, acked, ackOnTime, onTime int
		upheldRate                                          string
	}
	for _, tc := range []struct {
		name string
		opt  metrics.Options
		want map[string]want
	}{
		{"from received", metrics.Options{}, map[string]want{
			"2020/21": {5, 4, 2, 5, 3, 2, "0.5"},
			"2021/22": {1, 1, 0, 0, 0, 1, "1"},
			"2023/24": {1, 1, 0, 1, 1, 1, "1"},
			"2024/25": {2, 2, 0, 2, 1, 1, "1"},
		}},
		{"from acknowledged", metrics.Options{FromAcknowledged: true}, map[string]want{
			"2020/21": {5, 4, 2, 5, 3, 4, "0.5"},
			"2021/22": {1, 1, 0, 0, 0, 1, "1"},
			"2023/24": {1, 1, 0, 1, 1, 1, "1"},
			"2024/25": {2, 2, 0, 2, 1, 2, "1"},
		}},
		// Six working days: B (18 May 2020), E (12 April 2021) and I (9
		// April 2024) are then on time.
		{"acknowledge in 6", metrics.Options{Acknowledge: 6}, map[string]want{
			"2020/21": {5, 4, 2, 5, 5, 2, "0.5"},
			"2021/22": {1, 1, 0, 0, 0, 1, "1"},
			"2023/24": {1, 1, 0, 1, 1, 1, "1"},
			"2024/25": {2, 2, 0, 2, 2, 1, "1"},
		}},
	} {
		c := metrics.Compute(log, tc.opt)
		for year, w := range tc.want {
			s := c.Years[year].Stage1
			rate := "n/a"
			if s.UpheldRate != nil {
				rate = fmt.Sprint(*s.UpheldRate)
			}
			got := want{s.Received, s.Closed, s.Refused, s.Acknowledged, s.AcknowledgedOnTime, s.OnTime, rate}
			if got != w {
				t.Errorf("%s %s: got %+v, want %+v", tc.name, year, got, w)
			}
			if s.Acknowledged == 0 && s.AcknowledgedOnTimeRate != nil {
				t.Errorf("%s %s: acknowledged_on_time_rate %v with nothing acknowledged, want undefined", tc.name, year, *s.AcknowledgedOnTimeRate)
			}
			if s.NoOutcome != s.Closed-s.Upheld-s.PartiallyUpheld-s.NotUpheld-s.Withdrawn-s.Refused {
				t.Errorf("%s %s: no_outcome %d does not complete the outcomes", tc.name, year, s.NoOutcome)
			}
		}
	}
}

// TestCodeFixture checks the figures of fixtures/chc/complaints.csv, a
// case log of 1,900 rows from March 2020 to March 2025 with
// acknowledgements and refusals, against a computation written apart
// from the package: encoding/csv, time.Time, and the England and Wales
// bank holidays of those years typed in from the official list.
func TestCodeFixture(t *testing.T) {
	const path = "../../fixtures/chc/complaints.csv"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	log, err := caselog.ReadCSV(path, src, caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fromAck := range []bool{false, true} {
		for _, ackDays := range []int{5, 3} {
			c := metrics.Compute(log, metrics.Options{FromAcknowledged: fromAck, Acknowledge: ackDays})
			want := independent(t, src, fromAck, ackDays)
			if len(want) != len(c.Years) {
				t.Fatalf("years: got %d, want %d", len(c.Years), len(want))
			}
			for year, stages := range want {
				y := c.Years[year]
				if y == nil {
					t.Fatalf("no year %s", year)
				}
				for st, w := range stages {
					s := y.At(caselog.Stage(st))
					got := tally{s.Received, s.Closed, s.OnTime, s.Refused, s.Acknowledged, s.AcknowledgedOnTime, s.Upheld + s.PartiallyUpheld, s.NotUpheld}
					if got != w {
						t.Errorf("from acknowledged %v, acknowledge %d, %s stage %d: got %+v, want %+v", fromAck, ackDays, year, st+1, got, w)
					}
				}
			}
		}
	}
}

type tally struct {
	received, closed, onTime, refused, acked, ackOnTime, upheld, notUpheld int
}

// englandAndWales2020to2025 are the bank holidays of the fixture's years,
// from the published list (VE day 2020, the Platinum Jubilee, the State
// Funeral and the Coronation included).
const englandAndWales2020to2025 = `2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28
2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28
2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27
2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26
2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26
2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26`

// independent tallies the fixture per financial year and stage (0, 1, 2).
func independent(t *testing.T, src []byte, fromAck bool, ackDays int) map[string]*[3]tally {
	t.Helper()
	hol := map[time.Time]bool{}
	for _, s := range strings.Fields(englandAndWales2020to2025) {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		hol[d] = true
	}
	plus := func(d time.Time, n int) time.Time {
		for n > 0 {
			d = d.AddDate(0, 0, 1)
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !hol[d] {
				n--
			}
		}
		return d
	}
	date := func(s string) (time.Time, bool) {
		if s == "" {
			return time.Time{}, false
		}
		for _, layout := range []string{"2006-01-02", "02/01/2006"} {
			if d, err := time.Parse(layout, s); err == nil {
				return d, true
			}
		}
		t.Fatalf("bad date %q", s)
		return time.Time{}, false
	}
	recs, err := csv.NewReader(strings.NewReader(string(src))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*[3]tally{}
	for _, r := range recs[1:] {
		stage, target := 0, 10
		switch r[1] {
		case "Stage 2":
			stage, target = 1, 20
		case "LGSCO", "Housing Ombudsman":
			stage, target = 2, 20
		}
		rec, _ := date(r[3])
		fy := rec.Year()
		if rec.Month() < time.April {
			fy--
		}
		year := fmt.Sprintf("%d/%02d", fy, (fy+1)%100)
		if out[year] == nil {
			out[year] = &[3]tally{}
		}
		a := &out[year][stage]
		a.received++
		ack, acked := date(r[4])
		if acked {
			a.acked++
			if !ack.After(plus(rec, ackDays)) {
				a.ackOnTime++
			}
		}
		resp, closed := date(r[5])
		if !closed {
			continue
		}
		a.closed++
		due, given := date(r[6])
		if !given {
			from := rec
			if fromAck && acked && stage < 2 { // the Ombudsman sets its own deadlines
				from = ack
			}
			due = plus(from, target)
		}
		if !resp.After(due) {
			a.onTime++
		}
		switch r[7] {
		case "Refused":
			a.refused++
		case "Upheld", "Partly upheld":
			a.upheld++
		case "Not upheld":
			a.notUpheld++
		}
	}
	return out
}

// TestHousingOmbudsmanMetrics cites the Housing Ombudsman's figures as
// prose does, and complaints per 1,000 homes from the case log, counted
// here apart: stage 1 and stage 2 rows of the housing services received
// in the year, over the year's homes.
func TestHousingOmbudsmanMetrics(t *testing.T) {
	src, err := os.ReadFile("../../fixtures/chc/complaints.csv")
	if err != nil {
		t.Fatal(err)
	}
	log, err := caselog.ReadCSV("complaints.csv", src, caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := hos.Load("../../fixtures/chc/housing-ombudsman.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{}), Housing: h}
	recs, err := csv.NewReader(strings.NewReader(string(src))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]float64{}
	for _, r := range recs[1:] {
		d, err := time.Parse("02/01/2006", r[3])
		if err != nil {
			d, _ = time.Parse("2006-01-02", r[3])
		}
		if (r[2] != "Housing Repairs" && r[2] != "Housing Management") || d.Before(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) || d.After(time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)) {
			continue
		}
		counts[r[1]]++
	}
	if counts["Stage 1"] == 0 || counts["Stage 2"] == 0 {
		t.Fatalf("the fixture has no housing complaints in 2024/25: %v", counts)
	}
	for _, tc := range []struct {
		metric string
		want   float64
	}{
		{"hos.per_1000_homes.stage1", counts["Stage 1"] / 14250 * 1000},
		{"hos.per_1000_homes.stage2", counts["Stage 2"] / 14250 * 1000},
		{"hos.maladministration_rate", 13.0 / 30},
		{"hos.compliance_rate", 37.0 / 41},
	} {
		v, ok, err := f.Value(tc.metric, "2024/25", "")
		if err != nil || !ok || math.Abs(v-tc.want) > 1e-12 {
			t.Errorf("%s = %v, %v, %v; want %v", tc.metric, v, ok, err, tc.want)
		}
	}
	for _, n := range metrics.Names() {
		if !strings.HasPrefix(n, "hos.") {
			continue
		}
		if _, _, err := f.Value(n, "2024/25", ""); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	for _, tc := range []struct{ metric, year, service, err string }{
		{"hos.maladministration_rate", "2024/25 Q1", "", "the Housing Ombudsman's figures are for whole financial years, not 2024/25 Q1; give the year, 2024/25"},
		{"hos.homes", "2024/25", "Housing Repairs", "the Housing Ombudsman's figures are not broken down by the case log's services"},
		{"hos.homes", "2019/20", "", "the Housing Ombudsman's figures have no year 2019/20 (they cover 2023/24, 2024/25)"},
		{"hos.malad_rate", "2024/25", "", `unknown Housing Ombudsman figure "hos.malad_rate"`},
	} {
		_, _, err := f.Value(tc.metric, tc.year, tc.service)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s %s: %v, want %s", tc.metric, tc.year, err, tc.err)
		}
	}
	if _, _, err := (&metrics.Figures{}).Value("hos.homes", "2024/25", ""); err == nil || !strings.Contains(err.Error(), "data: {housing_ombudsman: housing-ombudsman.yaml}") {
		t.Errorf("without the file: %v", err)
	}
}
