package workdays

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func d(s string) Day {
	x, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestDateRoundTrip(t *testing.T) {
	start := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 400*366*2; i += 7 {
		tm := start.AddDate(0, 0, i)
		want := Day(tm.Unix() / 86400)
		if got := FromTime(tm); got != want {
			t.Fatalf("FromTime(%s) = %d, want %d", tm.Format("2006-01-02"), got, want)
		}
		if back := want.Time(); !back.Equal(tm) {
			t.Fatalf("Day(%d).Time() = %s, want %s", want, back, tm)
		}
		if want.Weekday() != tm.Weekday() {
			t.Fatalf("Weekday(%s) = %s, want %s", tm, want.Weekday(), tm.Weekday())
		}
	}
}

func TestValid(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		ok      bool
	}{
		{2021, 2, 28, true}, {2021, 2, 29, false}, {2020, 2, 29, true}, {1900, 2, 29, false},
		{2000, 2, 29, true}, {2021, 4, 31, false}, {2021, 12, 31, true}, {2021, 13, 1, false},
		{2021, 0, 1, false}, {2021, 1, 0, false}, {0, 1, 1, false}, {10000, 1, 1, false},
	} {
		if got := Valid(c.y, time.Month(c.m), c.d); got != c.ok {
			t.Errorf("Valid(%d, %d, %d) = %v, want %v", c.y, c.m, c.d, got, c.ok)
		}
	}
}

func TestFinancialYear(t *testing.T) {
	for _, c := range []struct {
		day   string
		start int
		label string
	}{
		{"2020-04-01", 2020, "2020/21"}, {"2021-03-31", 2020, "2020/21"},
		{"2021-04-01", 2021, "2021/22"}, {"2000-01-15", 1999, "1999/00"},
	} {
		fy := d(c.day).FinancialYear()
		if fy != c.start || FinancialYearLabel(fy) != c.label {
			t.Errorf("%s: financial year %d %q, want %d %q", c.day, fy, FinancialYearLabel(fy), c.start, c.label)
		}
	}
}

// TestKnownHolidays checks dates against the official list, one-off days
// and substitute days above all.
func TestKnownHolidays(t *testing.T) {
	cal := EnglandAndWales()
	for _, c := range []struct {
		day     string
		holiday bool
	}{
		{"2020-05-08", true},  // VE day
		{"2020-05-04", false}, // the early May holiday it replaced
		{"2022-06-02", true},  // spring bank holiday moved
		{"2022-06-03", true},  // Platinum Jubilee
		{"2022-05-30", false}, // the last Monday of May it replaced
		{"2022-09-19", true},  // State Funeral
		{"2023-05-08", true},  // Coronation
		{"2023-05-01", true},  // the usual early May holiday stayed
		{"2015-12-28", true},  // Boxing Day (Saturday) substitute
		{"2016-12-27", true},  // Christmas Day (Sunday) substitute
		{"2017-01-02", true},  // New Year's Day (Sunday) substitute
		{"2021-12-27", true},  // Christmas Day (Saturday) substitute
		{"2021-12-28", true},  // Boxing Day (Sunday) substitute
		{"2022-01-03", true},  // New Year's Day (Saturday) substitute
		{"2022-12-27", true},  // Christmas Day (Sunday) substitute
		{"2027-12-27", true},  // Christmas Day (Saturday) substitute
		{"2027-12-28", true},  // Boxing Day (Sunday) substitute
		{"2028-01-03", true},  // New Year's Day (Saturday) substitute
		{"2030-04-19", true},  // Good Friday
		{"2030-04-22", true},  // Easter Monday
		{"2024-03-29", true},  // Good Friday
		{"2024-04-01", true},  // Easter Monday
		{"2021-04-06", false}, // Tuesday after Easter
		{"2019-12-24", false}, // Christmas Eve
	} {
		_, isHol := cal.Holiday(d(c.day))
		if isHol != c.holiday {
			t.Errorf("%s: holiday %v, want %v", c.day, isHol, c.holiday)
		}
		if wd := d(c.day).Weekday(); c.holiday && (wd == time.Saturday || wd == time.Sunday) {
			t.Errorf("%s: a holiday on a %s", c.day, wd)
		}
		if c.holiday && cal.Working(d(c.day)) {
			t.Errorf("%s: is a working day", c.day)
		}
	}
	perYear := map[int]int{}
	for _, h := range BankHolidays() {
		y, _, _ := h.Day.Date()
		perYear[y]++
	}
	for y := FirstYear; y <= LastYear; y++ {
		want := 8
		switch y {
		case 2011, 2012, 2023:
			want = 9
		case 2022:
			want = 10
		}
		if perYear[y] != want {
			t.Errorf("%d: %d bank holidays, want %d", y, perYear[y], want)
		}
	}
}

// TestStandingRules derives each year's holidays from the standing rules
// and checks that the list differs only by its known one-off days.
func TestStandingRules(t *testing.T) {
	oneOff := map[string]bool{ // days added or moved by proclamation
		"2011-04-29": true, "2012-06-04": true, "2012-06-05": true, "2020-05-08": true,
		"2022-06-02": true, "2022-06-03": true, "2022-09-19": true, "2023-05-08": true,
	}
	replaced := map[string]bool{"2012-05-28": true, "2020-05-04": true, "2022-05-30": true}
	listed := map[Day]bool{}
	for _, h := range BankHolidays() {
		listed[h.Day] = true
		if !oneOff[h.Day.String()] && !standing(h.Day) {
			t.Errorf("%s %s: not a standing-rule holiday nor a known one-off", h.Day, h.Name)
		}
	}
	for x := Date(FirstYear, 1, 1); x <= Date(LastYear, 12, 31); x++ {
		if standing(x) && !listed[x] && !replaced[x.String()] {
			t.Errorf("%s: a standing-rule holiday missing from the list", x)
		}
	}
}

// standing reports whether x is a bank holiday under the standing rules.
func standing(x Day) bool {
	y, m, dd := x.Date()
	wd := x.Weekday()
	if wd == time.Saturday || wd == time.Sunday {
		return false
	}
	e := easter(y)
	switch {
	case x == e-2 || x == e+1:
		return true
	case m == time.May && wd == time.Monday && dd <= 7: // first Monday in May
		return true
	case m == time.May && wd == time.Monday && dd+7 > 31: // last Monday in May
		return true
	case m == time.August && wd == time.Monday && dd+7 > 31:
		return true
	case m == time.January && (dd == 1 || (dd <= 3 && wd == time.Monday)):
		return true
	case m == time.December && (dd == 25 || dd == 26):
		return true
	case m == time.December && (dd == 27 || dd == 28):
		// A substitute for Christmas or Boxing Day at a weekend.
		xmas := Date(y, time.December, 25).Weekday()
		return xmas == time.Saturday || (xmas == time.Sunday && dd == 27) || (xmas == time.Friday && dd == 28)
	}
	return false
}

// easter returns Easter Sunday (anonymous Gregorian algorithm).
func easter(y int) Day {
	a, b, c := y%19, y/100, y%100
	dd, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - dd - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	return Date(y, time.Month((h+l-7*m+114)/31), (h+l-7*m+114)%31+1)
}

// naive counts working days one by one: the definition the fast code must
// agree with.
func naiveBetween(c *Calendar, a, b Day) int {
	n := 0
	if b >= a {
		for x := a + 1; x <= b; x++ {
			if naiveWorking(c, x) {
				n++
			}
		}
		return n
	}
	return -naiveBetween(c, b, a)
}

func naiveWorking(c *Calendar, x Day) bool {
	if wd := x.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, o := range c.off {
		if o == x {
			return false
		}
	}
	return true
}

func naiveAdd(c *Calendar, a Day, n int) Day {
	x := a
	for n > 0 {
		x++
		if naiveWorking(c, x) {
			n--
		}
	}
	for n < 0 {
		x--
		if naiveWorking(c, x) {
			n++
		}
	}
	return x
}

func TestBetweenAndAdd(t *testing.T) {
	cal := EnglandAndWales()
	for _, c := range []struct {
		a, b string
		n    int
	}{
		{"2021-02-01", "2021-02-01", 0},
		{"2021-02-01", "2021-02-02", 1},
		{"2021-02-05", "2021-02-08", 1},  // Friday to Monday
		{"2021-02-06", "2021-02-08", 1},  // Saturday to Monday
		{"2021-02-01", "2021-02-15", 10}, // two weeks
		{"2020-12-18", "2021-01-06", 10}, // over Christmas, Boxing Day substitute and New Year
		{"2020-05-01", "2020-05-11", 5},  // over VE day
		{"2022-05-27", "2022-06-06", 4},  // Platinum Jubilee weekend
		{"2022-09-16", "2022-09-20", 1},  // State Funeral
		{"2023-05-05", "2023-05-09", 1},  // Coronation
		{"2021-02-15", "2021-02-01", -10},
	} {
		a, b := d(c.a), d(c.b)
		if got := cal.Between(a, b); got != c.n {
			t.Errorf("Between(%s, %s) = %d, want %d", c.a, c.b, got, c.n)
		}
		if c.n > 0 && cal.Working(b) {
			if got := cal.Add(a, c.n); got != b {
				t.Errorf("Add(%s, %d) = %s, want %s", c.a, c.n, got, c.b)
			}
		}
	}
}

// TestAgainstNaive compares the table and the fallback with day-by-day
// counting, inside and far outside the table's range, with extra days on
// both sides of it.
func TestAgainstNaive(t *testing.T) {
	extra := []Day{d("1985-06-03"), d("2021-12-29"), d("2021-12-30"), d("2080-07-01"), d("2021-12-25")}
	for _, cal := range []*Calendar{EnglandAndWales(), New(extra...), Weekends()} {
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < 3000; i++ {
			var base Day
			switch i % 3 {
			case 0:
				base = d("2015-01-01")
			case 1:
				base = d("1984-01-01")
			case 2:
				base = d("2060-06-01")
			}
			a := base + Day(r.IntN(8000))
			b := a + Day(r.IntN(120)-20)
			if got, want := cal.Between(a, b), naiveBetween(cal, a, b); got != want {
				t.Fatalf("Between(%s, %s) = %d, want %d", a, b, got, want)
			}
			n := r.IntN(60) - 15
			if got, want := cal.Add(a, n), naiveAdd(cal, a, n); got != want {
				t.Fatalf("Add(%s, %d) = %s, want %s", a, n, got, want)
			}
			if got, want := cal.Working(a), naiveWorking(cal, a); got != want {
				t.Fatalf("Working(%s) = %v, want %v", a, got, want)
			}
		}
	}
}

func TestExtraDays(t *testing.T) {
	closure := d("2021-12-29")
	cal := New(closure)
	if cal.Working(closure) {
		t.Error("the extra day is a working day")
	}
	if !EnglandAndWales().Working(closure) {
		t.Error("adding a day changed the shared calendar")
	}
	if got := cal.Between(d("2021-12-24"), d("2021-12-31")); got != 2 {
		t.Errorf("Between over Christmas 2021 with a closure day = %d, want 2", got)
	}
	if !cal.IsWorkingDay(time.Date(2021, 12, 31, 15, 0, 0, 0, time.UTC)) {
		t.Error("31 December 2021 is a working day")
	}
}

func TestCovers(t *testing.T) {
	if !Covers(d("2015-01-01")) || !Covers(d("2030-12-31")) || Covers(d("2031-01-01")) || Covers(d("2009-12-31")) {
		t.Error("Covers does not match FirstYear and LastYear")
	}
}

func BenchmarkBetween(b *testing.B) {
	cal := EnglandAndWales()
	a := d("2020-04-01")
	s := 0
	for i := 0; b.Loop(); i++ {
		s += cal.Between(a+Day(i&1023), a+Day(i&1023)+Day(i&63))
	}
	_ = s
}

func BenchmarkAdd(b *testing.B) {
	cal := EnglandAndWales()
	a := d("2020-04-01")
	var s Day
	for i := 0; b.Loop(); i++ {
		s += cal.Add(a+Day(i&1023), 10+i&15)
	}
	_ = s
}

func BenchmarkBetweenOutsideTable(b *testing.B) {
	cal := EnglandAndWales()
	a := d("1980-04-01")
	s := 0
	for i := 0; b.Loop(); i++ {
		s += cal.Between(a+Day(i&1023), a+Day(i&1023)+Day(i&63))
	}
	_ = s
}

func Example() {
	cal := EnglandAndWales()
	received := Date(2020, time.December, 18)
	due := cal.Add(received, 10) // the first working day after received is day 1
	fmt.Println("due", due, due.Weekday())
	fmt.Println("took", cal.Between(received, Date(2021, time.January, 4)), "working days")
	// Output:
	// due 2021-01-06 Wednesday
	// took 8 working days
}

func ExampleNew() {
	// A council closed on 29 and 30 December 2021.
	cal := New(Date(2021, time.December, 29), Date(2021, time.December, 30))
	fmt.Println(cal.Between(Date(2021, time.December, 24), Date(2022, time.January, 4)), "working days")
	// Output: 2 working days
}

// TestDateTable: the table Date uses for the years of case logs gives
// the days the formula gives, for every day (and the days past a month's
// end that Date counts on) from before its first year to after its last.
func TestDateTable(t *testing.T) {
	for y := tableYear - 2; y <= 2202; y++ {
		for m := time.Month(0); m <= 13; m++ {
			for d := -1; d <= 33; d++ {
				if got, want := Date(y, m, d), civil(y, m, d); got != want {
					t.Fatalf("Date(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}

// TestLookup: Lookup gives Date's day for every real date of its years
// and refuses every other, as Valid does, from before its first year to
// after its last.
func TestLookup(t *testing.T) {
	n := 0
	for y := tableYear - 2; y <= 2202; y++ {
		for m := -1; m <= 14; m++ {
			for d := -1; d <= 33; d++ {
				got, ok := Lookup(y, m, d)
				want := y >= tableYear && y < 2200 && Valid(y, time.Month(m), d)
				if ok != want {
					t.Fatalf("Lookup(%d, %d, %d) ok = %v, want %v", y, m, d, ok, want)
				}
				if ok {
					n++
					if w := civil(y, time.Month(m), d); got != w {
						t.Fatalf("Lookup(%d, %d, %d) = %d, want %d", y, m, d, got, w)
					}
				}
			}
		}
	}
	if n != int(civil(2200, 1, 1)-civil(1900, 1, 1)) {
		t.Errorf("Lookup accepted %d dates, want every day of 1900-2199", n)
	}
}
