// Package workdays counts working days (Monday to Friday, excluding England
// and Wales bank holidays and any extra days a report adds) the way English
// councils count them for complaint deadlines.
//
// It exists because every complaint in a case log needs two working-day
// sums: its due date (Received plus the stage's target) and how long it took
// (the working days d with Received < d <= Responded). A million-row log
// cannot afford a day-by-day loop per row, so a Calendar answers both in
// constant time from a prefix-count table, and falls back to arithmetic on
// whole weeks plus a binary search of the holidays outside the table's
// range, so answers are right for any date.
//
// Dates are Day values: days since 1 January 1970, in an int32. They carry
// no time of day and no time zone, which is what a case log's dates are.
package workdays

import (
	"fmt"
	"time"
)

// Day is a calendar date counted as days since 1970-01-01 (day 0, a
// Thursday). Negative days are before 1970.
type Day int32

// Date returns the Day of a calendar date. The date must be valid (see
// Valid); an invalid one such as 31 February is counted on from the month's
// start, as time.Date does.
func Date(year int, month time.Month, day int) Day {
	// A case log's years are found in a table: a case log of millions
	// of rows converts millions of dates.
	if i := uint(year - tableYear); i < uint(len(yearStarts)-1) && month >= 1 && month <= 12 {
		d := yearStarts[i] + daysBefore[month-1] + Day(day-1)
		if month > time.February && yearStarts[i+1]-yearStarts[i] == 366 {
			d++
		}
		return d
	}
	return civil(year, month, day)
}

// Lookup returns the Day of year-month-day and true when it is a real
// date in the years of the table Date reads (1900 to 2199), and false,
// for the caller to judge, for any other: the check and the conversion a
// case log's reader makes for each of millions of dates, in one step.
func Lookup(year, month, day int) (Day, bool) {
	i := uint(year - tableYear)
	if i >= uint(len(yearStarts)-1) || uint(month-1) >= 12 || day < 1 {
		return 0, false
	}
	leap := yearStarts[i+1]-yearStarts[i] == 366
	n := daysIn[month-1]
	if leap && month == 2 {
		n++
	}
	if day > n {
		return 0, false
	}
	d := yearStarts[i] + daysBefore[month-1] + Day(day-1)
	if leap && month > 2 {
		d++
	}
	return d, true
}

// daysIn are the days of each month of a common year.
var daysIn = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// tableYear is the first year of yearStarts, which holds the Day of 1
// January of each year from it to 2200.
const tableYear = 1900

var yearStarts = func() (t [2200 - tableYear + 1]Day) {
	t[0] = civil(tableYear, time.January, 1)
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] + 365
		if y := tableYear + i - 1; y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			t[i]++
		}
	}
	return t
}()

// daysBefore are the days of a common year before each month.
var daysBefore = [12]Day{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// civil is Date by formula, for any year.
func civil(year int, month time.Month, day int) Day {
	// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
	// calendar, with no loops and no time package.
	y := int64(year)
	m := int64(month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Valid reports whether year-month-day is a real calendar date (so 29
// February only in leap years), for years 1 to 9999.
func Valid(year int, month time.Month, day int) bool {
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= DaysIn(year, month)
}

// DaysIn returns the number of days in a month.
func DaysIn(year int, month time.Month) int {
	switch month {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// FromTime returns the Day of t's date in t's own location.
func FromTime(t time.Time) Day {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Date returns the calendar date of d.
func (d Day) Date() (year int, month time.Month, day int) {
	z := int64(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), time.Month(m), int(dd)
}

// Time returns midnight UTC at the start of d.
func (d Day) Time() time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday {
	// Day 0 was a Thursday (4).
	return time.Weekday(floorMod(int64(d)+4, 7))
}

// String formats d as an ISO date, 2021-02-28.
func (d Day) String() string {
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// FinancialYear returns the year in which the financial year containing d
// starts: 1 April 2020 to 31 March 2021 is 2020.
func (d Day) FinancialYear() int {
	y, m, _ := d.Date()
	if m < time.April {
		return y - 1
	}
	return y
}

// FinancialYearLabel labels the financial year starting 1 April of start
// the way councils write it: 2020 gives "2020/21".
func FinancialYearLabel(start int) string {
	return fmt.Sprintf("%d/%02d", start, ((start+1)%100+100)%100)
}

// Parse reads an ISO date, 2021-02-28.
func Parse(s string) (Day, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return FromTime(t), nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	return a - floorDiv(a, b)*b
}
