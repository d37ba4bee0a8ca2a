package workdays

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

//go:embed england-and-wales.txt
var englandAndWales string

// Holiday is a bank holiday and its official name.
type Holiday struct {
	Day  Day
	Name string
}

var bank struct {
	once sync.Once
	list []Holiday
	cal  *Calendar
}

func loadBank() {
	bank.once.Do(func() {
		list, err := parseHolidays(englandAndWales)
		if err != nil {
			panic("workdays: embedded holiday list: " + err.Error())
		}
		bank.list = list
		days := make([]Day, len(list))
		for i, h := range list {
			days[i] = h.Day
		}
		bank.cal = newCalendar(days, list)
	})
}

// parseHolidays reads the embedded list: "YYYY-MM-DD Name" per line, with
// # comments and blank lines ignored.
func parseHolidays(src string) ([]Holiday, error) {
	var out []Holiday
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		date, name, _ := strings.Cut(line, " ")
		d, err := Parse(date)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", i+1, err)
		}
		out = append(out, Holiday{Day: d, Name: strings.TrimSpace(name)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out, nil
}

// BankHolidays returns the embedded England and Wales bank holidays, oldest
// first. The list covers the years from FirstYear to LastYear.
func BankHolidays() []Holiday {
	loadBank()
	return slices.Clone(bank.list)
}

// FirstYear and LastYear bound the embedded bank holiday list. Outside them
// a Calendar counts weekends (and any extra days) only.
const (
	FirstYear = 2010
	LastYear  = 2030
)

// Calendar says which days are working days: Monday to Friday, less a set
// of non-working days (bank holidays and any extras). A Calendar is
// immutable and safe for concurrent use.
type Calendar struct {
	// off holds the non-working days that fall on weekdays, sorted and
	// unique: weekend holidays change nothing.
	off   []Day
	names map[Day]string
	// The table: prefix[x-lo] = before(x) - base for lo <= x <= hi, and
	// nth[k] = (d - lo) for the working day d with before(d) = base + k.
	lo, hi Day
	base   int64
	prefix []int32
	nth    []int32
}

// Table bounds: 1 January 2000 to 1 January 2061, about 22,000 days, 150 KB.
var (
	tableLo = Date(2000, time.January, 1)
	tableHi = Date(2061, time.January, 1)
)

// EnglandAndWales returns the calendar of England and Wales bank holidays.
// It is shared: build it once, use it everywhere.
func EnglandAndWales() *Calendar {
	loadBank()
	return bank.cal
}

// New returns the England and Wales calendar with extra non-working days,
// such as a council's closure day between Christmas and New Year.
func New(extra ...Day) *Calendar {
	loadBank()
	if len(extra) == 0 {
		return bank.cal
	}
	days := make([]Day, 0, len(bank.list)+len(extra))
	for _, h := range bank.list {
		days = append(days, h.Day)
	}
	days = append(days, extra...)
	return newCalendar(days, bank.list)
}

// Weekends returns a calendar whose only non-working days are weekends
// and the given days: for tests, or for places without bank holidays.
func Weekends(days ...Day) *Calendar {
	return newCalendar(slices.Clone(days), nil)
}

func newCalendar(days []Day, named []Holiday) *Calendar {
	c := &Calendar{names: map[Day]string{}}
	for _, h := range named {
		c.names[h.Day] = h.Name
	}
	slices.Sort(days)
	days = slices.Compact(days)
	for _, d := range days {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			c.off = append(c.off, d)
		}
	}
	c.lo, c.hi = tableLo, tableHi
	c.base = c.slowBefore(int64(c.lo))
	n := int(c.hi - c.lo)
	c.prefix = make([]int32, n+1)
	c.nth = make([]int32, 0, n*5/7+1)
	oi := sort.Search(len(c.off), func(i int) bool { return c.off[i] >= c.lo })
	var count int32
	for i := 0; i <= n; i++ {
		c.prefix[i] = count
		if i == n {
			break
		}
		d := c.lo + Day(i)
		if oi < len(c.off) && c.off[oi] == d {
			oi++
			continue
		}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		c.nth = append(c.nth, int32(i))
		count++
	}
	return c
}

// weekdaysBefore counts the weekdays before day x, relative to Monday 29
// December 1969 (day -3): a prefix count, so only differences matter.
func weekdaysBefore(x int64) int64 {
	s := x + 3
	q, r := floorDiv(s, 7), floorMod(s, 7)
	return 5*q + min(r, 5)
}

// slowBefore counts working days before x without the table: whole weeks
// by arithmetic, holidays by binary search.
func (c *Calendar) slowBefore(x int64) int64 {
	h := sort.Search(len(c.off), func(i int) bool { return int64(c.off[i]) >= x })
	return weekdaysBefore(x) - int64(h)
}

// before counts the working days before day x (a prefix count: only
// differences matter).
func (c *Calendar) before(x int64) int64 {
	if i := uint64(x - int64(c.lo)); i < uint64(len(c.prefix)) {
		return c.base + int64(c.prefix[i])
	}
	return c.slowBefore(x)
}

// Between returns the number of working days d with a < d <= b: for a
// complaint received on a and answered on b, how many working days it
// took. If b is before a, it returns minus the working days in (b, a].
func (c *Calendar) Between(a, b Day) int {
	return int(c.before(int64(b)+1) - c.before(int64(a)+1))
}

// Add returns the n-th working day after a, counting the first working
// day after a as day 1: the due date of a complaint received on a with a
// target of n working days. Add(a, 0) is a; a negative n counts back, so
// Add(a, -1) is the last working day before a.
func (c *Calendar) Add(a Day, n int) Day {
	switch {
	case n > 0:
		return c.kth(c.before(int64(a)+1) + int64(n) - 1)
	case n < 0:
		return c.kth(c.before(int64(a)) + int64(n))
	}
	return a
}

// kth returns the working day d with before(d) == k.
func (c *Calendar) kth(k int64) Day {
	if j := uint64(k - c.base); j < uint64(len(c.nth)) {
		return c.lo + Day(c.nth[j])
	}
	// Outside the table: the smallest x with before(x+1) > k, by binary
	// search over every representable day.
	lo, hi := int64(-1<<31), int64(1<<31-2)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if c.slowBefore(mid+1) > k {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return Day(lo)
}

// Working reports whether d is a working day.
func (c *Calendar) Working(d Day) bool {
	return c.before(int64(d)+1)-c.before(int64(d)) == 1
}

// IsWorkingDay reports whether t's date is a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	return c.Working(FromTime(t))
}

// Holiday returns the name of the bank holiday on d, if it is one of the
// embedded England and Wales holidays.
func (c *Calendar) Holiday(d Day) (name string, ok bool) {
	name, ok = c.names[d]
	return name, ok
}

// Covers reports whether d falls in the years of the embedded bank holiday
// list, FirstYear to LastYear. Outside them only weekends and extra days
// are non-working, which may undercount holidays.
func Covers(d Day) bool {
	y, _, _ := d.Date()
	return y >= FirstYear && y <= LastYear
}
