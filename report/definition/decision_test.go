package definition

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/workdays"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDecisionRules checks the decision block's rules, each through
// Parse and Check as paper check runs them: the message a user sees, at
// its line and column.
func TestDecisionRules(t *testing.T) {
	const ok = "decision:\n  status: Recommendations approved\n  published: 2026-12-15\n"
	tests := []struct {
		name, extra string
		part2       bool
		want        string // a substring of one message; "" means valid
	}{
		{"minimal", ok, false, ""},
		{"status any case", "decision:\n  status: recommendations  APPROVED\n  published: 2026-12-15\n", false, ""},
		{"no status", "decision:\n  published: 2026-12-15\n", false, "report.yaml:11:3: decision.status: required, but missing"},
		{"no published", "decision:\n  status: Noted\n", false, "report.yaml:11:3: decision.published: required, but missing"},
		{"unknown key", ok + "  call_inn: false\n", false, "report.yaml:13:3: decision.call_inn: unknown key; did you mean call_in?"},
		{"bad date", "decision:\n  status: Noted\n  published: 15/12/2026\n", false, `report.yaml:12:14: decision.published: "15/12/2026" is not a date`},
		{"unknown status", "decision:\n  status: Recomendations aproved\n  published: 2026-12-15\n", false,
			`report.yaml:11:11: decision.status: "Recomendations aproved" is not a decision status; did you mean Recommendations approved? (statuses: Recommendations approved, Noted, Recommendations approved with amendments, Recommendations not approved, Deferred)`},
		{"published before meeting", "decision:\n  status: Noted\n  published: 2026-12-11\n", false,
			"report.yaml:12:14: decision.published: 11 December 2026 is before the decision was taken, on 14 December 2026"},
		{"decided before the paper's meeting", ok + "  meeting: 2026-12-01\n", false, "report.yaml:13:12: decision.meeting: 1 December 2026 is before the meeting the paper is for, on 14 December 2026"},
		{"decided at a later meeting", "decision:\n  status: Noted\n  meeting: 2027-01-11\n  published: 2027-01-12\n", false, ""},
		{"published before a later meeting", "decision:\n  status: Noted\n  meeting: 2027-01-11\n  published: 2026-12-15\n", false, "decision.published: 15 December 2026 is before the decision was taken, on 11 January 2027"},
		{"not subject to call-in, no urgency", ok + "  call_in: false\n", false,
			"report.yaml:13:12: decision.call_in: a decision not subject to call-in takes effect at once, so give decision.urgency"},
		{"not subject to call-in, urgent", ok + "  call_in: false\n  urgency: The contract must be signed by Friday.\n", false, ""},
		{"urgency with call-in", ok + "  urgency: Soon.\n", false, "report.yaml:13:12: decision.urgency: given for a decision subject to call-in"},
		{"days without call-in", ok + "  call_in: no\n  call_in_days: 3\n  urgency: Soon.\n", false, "report.yaml:14:17: decision.call_in_days: given for a decision not subject to call-in"},
		{"call-in days zero", ok + "  call_in_days: 0\n", false, "report.yaml:13:17: decision.call_in_days: a call-in period is a number of clear working days from 1 to 30, found 0"},
		{"call-in days too many", ok + "  call_in_days: 31\n", false, "found 31"},
		{"call-in days not a number", ok + "  call_in_days: five\n", false, `report.yaml:13:17: decision.call_in_days: expected a whole number, found "five"`},
		{"call_in not a bool", ok + "  call_in: maybe\n", false, `decision.call_in: expected true or false, found "maybe"`},
		{"resolutions empty list", ok + "  resolutions: []\n", false, "report.yaml:13:16: decision.resolutions: at least one resolution is required"},
		{"empty resolution", ok + "  resolutions: [Approve the plan., \" \"]\n", false, "decision.resolutions[1]: resolution 2 is empty"},
		{"empty conflict", ok + "  conflicts: [\"\"]\n", false, "report.yaml:13:15: decision.conflicts[0]: empty; leave the list empty when there are none"},
		{"deferred needs resolutions", "decision:\n  status: Deferred\n  published: 2026-12-15\n", false,
			`report.yaml:11:11: decision.status: "Deferred" differs from the recommendations, so give decision.resolutions: what was decided`},
		{"deferred with resolutions", "decision:\n  status: Deferred\n  published: 2026-12-15\n  resolutions: [Defer the report to the meeting in January.]\n", false, ""},
		{"Part II takes nothing from the paper", ok, true,
			"report.yaml:13:3: decision: this is a Part II paper, so its recommendations, reasons and alternatives are exempt, and the decision notice is published: give decision.resolutions, reasons and alternatives, worded for publication"},
		{"Part II with its own words", ok + "  resolutions: [Approve the settlement.]\n  reasons: It costs less than a trial.\n  alternatives: Defending the claim.\n", true, ""},
		{"Part II lacks alternatives", ok + "  resolutions: [Approve the settlement.]\n  reasons: It costs less than a trial.\n", true, "give decision.alternatives, worded for publication"},
		{"long maker", "decision:\n  maker: " + strings.Repeat("x", 301) + "\n  status: Noted\n  published: 2026-12-15\n", false, "report.yaml:11:10: decision.maker: 301 characters"},
		{"not a mapping", "decision: yes\n", false, "report.yaml:10:11: decision: expected a mapping of keys such as maker, meeting, status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := "recommendations:\n  items: [Note the report.]\n  reasons: To learn from complaints.\n"
			src := strings.Replace(minimal, "recommendations:\n  items:\n    - Note the report.\n", extra, 1)
			if tt.part2 {
				src += "part: II\nexempt_paragraphs: [3]\n"
			}
			r, errs := Parse("report.yaml", []byte(src+tt.extra))
			if !errs.HasErrors() {
				errs = append(errs, Check(r, nil)...)
			}
			all := ""
			if len(errs) > 0 {
				all = errs.Error()
			}
			if tt.want == "" {
				if all != "" {
					t.Fatalf("expected valid, got:\n%s", all)
				}
				return
			}
			if !strings.Contains(all, tt.want) {
				t.Fatalf("messages\n%s\ndo not contain %q", all, tt.want)
			}
		})
	}
}

func TestDecisionDefaults(t *testing.T) {
	_, r := load(t, "decision:\n  status: noted\n  published: 2026-12-16\n")
	d := r.Decision
	if d.Maker != "Audit and Governance Committee" || !d.Meeting.Equal(day("2026-12-14")) || d.Status != "Noted" || d.CallInDays != DefaultCallInDays || !d.SubjectToCallIn() {
		t.Errorf("defaults: %+v", d)
	}
	// Wednesday 16 December 2026: five clear working days are 17, 18,
	// 21, 22 and 23 December; in effect from Thursday 24th.
	if !d.CallInEnds.Equal(day("2026-12-23")) || !d.Effective.Equal(day("2026-12-24")) {
		t.Errorf("call-in ends %s, effective %s", d.CallInEnds.Format(time.DateOnly), d.Effective.Format(time.DateOnly))
	}
	_, r = load(t, "decision:\n  status: noted\n  meeting: 2026-12-18\n  published: 2026-12-21\n  call_in: false\n  urgency: The deadline is the 19th.\n")
	if d := r.Decision; !d.Effective.Equal(day("2026-12-18")) || !d.CallInEnds.IsZero() {
		t.Errorf("not subject to call-in: effective %s, call-in ends %s; want the date of the decision and none", d.Effective.Format(time.DateOnly), d.CallInEnds)
	}
}

// TestCallInPeriodReference003 reproduces the dates of reference 003, the
// record of a Cabinet decision published on Tuesday 17 September 2024 and
// effective from Thursday 26 September 2024: that council's call-in
// period is six clear working days (18, 19, 20, 23, 24 and 25
// September), not the default five, which would make it effective on the
// 25th.
func TestCallInPeriodReference003(t *testing.T) {
	cal := workdays.EnglandAndWales()
	last, eff := CallInPeriod(day("2024-09-17"), 6, cal)
	if got := last.Format("02/01/2006") + " " + eff.Format("02/01/2006"); got != "25/09/2024 26/09/2024" {
		t.Errorf("6 clear working days from 17/09/2024: call-in ends, effective = %s; want 25/09/2024 26/09/2024", got)
	}
	if _, eff := CallInPeriod(day("2024-09-17"), DefaultCallInDays, cal); !eff.Equal(day("2024-09-25")) {
		t.Errorf("5 clear working days from 17/09/2024: effective %s, want 25/09/2024", eff.Format("02/01/2006"))
	}
}

// TestCallInPeriodAroundBankHolidays checks call-in periods worked out by
// hand around bank holidays, then every publication date from 2015 to
// 2030 against a calendar written here from the rules of the holidays
// (Easter from its tables, substitute days, the one-off days), apart
// from report/workdays' embedded list.
func TestCallInPeriodAroundBankHolidays(t *testing.T) {
	cal := workdays.EnglandAndWales()
	for _, tt := range []struct {
		name, published string
		days            int
		last, effective string
	}{
		// Good Friday 29 March and Easter Monday 1 April 2024.
		{"the day before Good Friday", "2024-03-28", 5, "2024-04-08", "2024-04-09"},
		// Christmas Day, Boxing Day and New Year's Day fall inside.
		{"Christmas Eve", "2024-12-24", 5, "2025-01-03", "2025-01-06"},
		// 2020's early May bank holiday moved from Monday 4 May to
		// Friday 8 May, VE Day: the 4th is a working day, the 8th not.
		{"2020's moved VE day", "2020-04-30", 5, "2020-05-07", "2020-05-11"},
		{"a Friday", "2024-09-13", 5, "2024-09-20", "2024-09-23"},
		// The summer bank holiday, Monday 26 August 2024.
		{"a Friday before a bank holiday", "2024-08-23", 5, "2024-09-02", "2024-09-03"},
		// Christmas on a Saturday: substitute days Monday 27 and
		// Tuesday 28 December 2021.
		{"Christmas Eve on a Friday", "2021-12-24", 3, "2021-12-31", "2022-01-04"},
		{"a Saturday", "2024-09-14", 1, "2024-09-16", "2024-09-17"},
	} {
		last, eff := CallInPeriod(day(tt.published), tt.days, cal)
		if got, want := last.Format(time.DateOnly)+" "+eff.Format(time.DateOnly), tt.last+" "+tt.effective; got != want {
			t.Errorf("%s: %d clear working days after %s end, take effect %s; want %s", tt.name, tt.days, tt.published, got, want)
		}
	}
	// The embedded list ends with 2030: the periods stay inside it.
	for d := day("2015-01-01"); d.Before(day("2030-12-01")); d = d.AddDate(0, 0, 1) {
		for _, n := range []int{1, 3, 5, 6, 10} {
			last, eff := CallInPeriod(d, n, cal)
			wantLast, wantEff := independentPeriod(d, n)
			if !last.Equal(wantLast) || !eff.Equal(wantEff) {
				t.Fatalf("%d days after %s: %s and %s; the independent count gives %s and %s", n, d.Format(time.DateOnly),
					last.Format(time.DateOnly), eff.Format(time.DateOnly), wantLast.Format(time.DateOnly), wantEff.Format(time.DateOnly))
			}
		}
	}
}

// independentPeriod counts a call-in period day by day with
// ruleHolidays.
func independentPeriod(published time.Time, n int) (last, effective time.Time) {
	off := func(t time.Time) bool {
		return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || ruleHolidays(t.Year())[t.Format(time.DateOnly)]
	}
	d, counted := published, 0
	for counted < n {
		d = d.AddDate(0, 0, 1)
		if !off(d) {
			counted++
		}
	}
	last = d
	for d = d.AddDate(0, 0, 1); off(d); d = d.AddDate(0, 0, 1) {
	}
	return last, d
}

// ruleHolidays returns the England and Wales bank holidays of a year from
// 2015 to 2030, from their rules.
func ruleHolidays(y int) map[string]bool {
	h := map[string]bool{}
	add := func(t time.Time) { h[t.Format(time.DateOnly)] = true }
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// Mondays: the first Monday on or after a date; the last of a month.
	mondayFrom := func(t time.Time) time.Time { return t.AddDate(0, 0, (8-int(t.Weekday()))%7) }
	lastMonday := func(m time.Month) time.Time { return mondayFrom(date(m+1, 1).AddDate(0, 0, -7)) }
	nextWeekday := func(t time.Time) time.Time {
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	add(nextWeekday(date(time.January, 1)))
	// Easter Sunday, from the published tables (not computed, so that
	// no algorithm is shared with report/workdays' own tests).
	easters := map[int]string{
		2015: "04-05", 2016: "03-27", 2017: "04-16", 2018: "04-01", 2019: "04-21", 2020: "04-12", 2021: "04-04", 2022: "04-17",
		2023: "04-09", 2024: "03-31", 2025: "04-20", 2026: "04-05", 2027: "03-28", 2028: "04-16", 2029: "04-01", 2030: "04-21",
	}
	easter := day(fmt.Sprintf("%d-%s", y, easters[y]))
	add(easter.AddDate(0, 0, -2))
	add(easter.AddDate(0, 0, 1))
	switch y {
	case 2020:
		add(date(time.May, 8)) // VE Day, in place of the early May Monday
	default:
		add(mondayFrom(date(time.May, 1)))
	}
	switch y {
	case 2022:
		add(date(time.June, 2)) // the Platinum Jubilee, in place of the spring Monday
		add(date(time.June, 3))
		add(date(time.September, 19)) // the State Funeral
	default:
		add(lastMonday(time.May))
	}
	if y == 2023 {
		add(date(time.May, 8)) // the Coronation
	}
	add(lastMonday(time.August))
	// Christmas and Boxing Day, each at a weekend moved to the next
	// weekday the other does not take.
	christmas := nextWeekday(date(time.December, 25))
	add(christmas)
	boxing := nextWeekday(date(time.December, 26))
	if boxing.Equal(christmas) {
		boxing = nextWeekday(boxing.AddDate(0, 0, 1))
	}
	add(boxing)
	return h
}

// TestRuleHolidaysAgreeWithTheEmbeddedList keeps the independent calendar
// honest: it must give the embedded list's holidays exactly, so that a
// disagreement above is a fault in counting, not in the test's rules.
func TestRuleHolidaysAgreeWithTheEmbeddedList(t *testing.T) {
	byYear := map[int][]string{}
	for _, h := range workdays.BankHolidays() {
		y, _, _ := h.Day.Date()
		if y >= 2015 && y <= 2030 {
			byYear[y] = append(byYear[y], h.Day.String())
		}
	}
	for y := 2015; y <= 2030; y++ {
		rules := ruleHolidays(y)
		if len(rules) != len(byYear[y]) {
			t.Errorf("%d: the rules give %d holidays, the list %d (%v)", y, len(rules), len(byYear[y]), byYear[y])
		}
		for _, d := range byYear[y] {
			if !rules[d] {
				t.Errorf("%d: the rules lack %s", y, d)
			}
		}
	}
}

func ExampleCallInPeriod() {
	cal := workdays.EnglandAndWales()
	last, effective := CallInPeriod(time.Date(2024, time.September, 17, 0, 0, 0, 0, time.UTC), 6, cal)
	fmt.Println(last.Format("Monday 2 January 2006"), "/", effective.Format("Monday 2 January 2006"))
	// Output: Wednesday 25 September 2024 / Thursday 26 September 2024
}
