package caselog

import (
	"github.com/paperhq/paper/report/diag"
	"math"
	"strconv"
	"time"

	"github.com/paperhq/paper/report/workdays"
)

type dateStatus uint8

const (
	dateOK         dateStatus = iota
	dateInvalid               // the right shape, but no such day: 31/02/2021
	dateFormat                // not a date format we read
	dateNumber                // a plain number: an XLSX serial date
	dateMonthFirst            // d/m/yyyy with a month over 12 that is a valid day: written month first
)

// parseDate reads ISO 2021-02-28 or UK 28/02/2021 (day and month of one
// or two digits), optionally followed by a space or T and a time, which is
// ignored. It allocates nothing.
func parseDate(v []byte) (workdays.Day, dateStatus) {
	var y, m, d int
	var rest []byte
	switch {
	case len(v) >= 10 && v[4] == '-' && v[7] == '-':
		var ok bool
		if y, ok = digits(v[0:4]); !ok {
			return 0, dateFormat
		}
		if m, ok = digits(v[5:7]); !ok {
			return 0, dateFormat
		}
		if d, ok = digits(v[8:10]); !ok {
			return 0, dateFormat
		}
		rest = v[10:]
	default:
		// d/m/yyyy
		i := 0
		d, i = number(v, i, 2)
		if i == 0 || i >= len(v) || v[i] != '/' {
			return 0, numberOrFormat(v)
		}
		j := i + 1
		m, j = number(v, j, 2)
		if j == i+1 || j >= len(v) || v[j] != '/' {
			return 0, dateFormat
		}
		k := j + 1
		y, k = number(v, k, 4)
		if k != j+5 {
			return 0, dateFormat
		}
		rest = v[k:]
		if m > 12 && d >= 1 && d <= 12 && workdays.Valid(y, time.Month(d), m) {
			return 0, dateMonthFirst
		}
	}
	if len(rest) > 0 && !timeOfDay(rest) {
		return 0, dateFormat
	}
	if !workdays.Valid(y, time.Month(m), d) {
		return 0, dateInvalid
	}
	return workdays.Date(y, time.Month(m), d), dateOK
}

// digits reads a fixed-width run of ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// number reads up to max digits from v[i:], returning the value and the
// index after them.
func number(v []byte, i, max int) (int, int) {
	n := 0
	start := i
	for i < len(v) && i-start < max && v[i] >= '0' && v[i] <= '9' {
		n = n*10 + int(v[i]-'0')
		i++
	}
	return n, i
}

// numberOrFormat tells a plain number (an XLSX serial) from other text.
func numberOrFormat(v []byte) dateStatus {
	if len(v) == 0 {
		return dateFormat
	}
	dot := false
	for i, c := range v {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return dateFormat
		}
	}
	return dateNumber
}

// timeOfDay accepts " 14:30", " 14:30:05", "T14:30:05.123Z" and the like
// after a date.
func timeOfDay(b []byte) bool {
	if len(b) < 2 || (b[0] != ' ' && b[0] != 'T') {
		return false
	}
	colon := false
	for i, c := range b[1:] {
		switch {
		case c >= '0' && c <= '9', c == '.':
		case c == ':':
			colon = true
		case c == 'Z' && i == len(b)-2:
		case c == '+' || c == '-':
		default:
			return false
		}
	}
	return colon && b[1] >= '0' && b[1] <= '9'
}

var (
	excel1900 = workdays.Date(1899, time.December, 30)
	excel1904 = workdays.Date(1904, time.January, 1)
)

// serialDate converts a spreadsheet serial date (days since the workbook's
// epoch; the fraction is the time of day). In the 1900 system serial 60 is
// Excel's fictitious 29 February 1900 and is refused.
func serialDate(v []byte, date1904 bool) (workdays.Day, dateStatus) {
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || math.IsNaN(f) || f < 1 || f > 2958465 { // 31 December 9999
		return 0, dateInvalid
	}
	n := int(math.Floor(f))
	if date1904 {
		return excel1904 + workdays.Day(n), dateOK
	}
	switch {
	case n == 60:
		return 0, dateInvalid
	case n < 60:
		return excel1900 + workdays.Day(n+1), dateOK
	}
	return excel1900 + workdays.Day(n), dateOK
}

// Text serials are read only when they stand for a day in this range:
// a plain number outside it (a year, a count) is more likely not a date
// at all, so it stays an error.
var (
	textSerialFirst = workdays.Date(1990, time.January, 1)
	textSerialLast  = workdays.Date(2099, time.December, 31)
)

// textSerial reads a text field holding an Excel serial date, as a CSV
// saved from a column formatted as numbers, or an XLSX cell stored as
// text, has. It returns dateFormat for numbers that are not plausibly
// dates.
func textSerial(v []byte, date1904 bool) (workdays.Day, dateStatus) {
	d, st := serialDate(v, date1904)
	if st != dateOK || d < textSerialFirst || d > textSerialLast {
		return 0, dateFormat
	}
	return d, dateOK
}

// note counts a text serial and keeps the first, by line.
func (t *textSerials) note(line int, v []byte, d workdays.Day) {
	if t.n == 0 || line < t.line {
		t.line, t.value, t.day = line, string(v), d
	}
	t.n++
}

// serialWarnings says, per date column, how many text fields were read
// as Excel serial numbers, with the first, so the user can check the
// reading and fix the export.
func serialWarnings(file string, lay *layout, ps []*parser) diag.List {
	var l diag.List
	for _, r := range []role{roleReceived, roleResponded, roleDue, roleAcknowledged} {
		var all textSerials
		for _, p := range ps {
			s := p.serials[r]
			if s.n == 0 {
				continue
			}
			if all.n == 0 || s.line < all.line {
				all.line, all.value, all.day = s.line, s.value, s.day
			}
			all.n += s.n
		}
		if all.n == 0 {
			continue
		}
		verb := "fields hold numbers, not dates, read as Excel serial dates"
		if all.n == 1 {
			verb = "field holds a number, not a date, read as an Excel serial date"
		}
		y, m, d := all.day.Date()
		l.Warnf(file, all.line, 0, lay.names[r], "%d %s: %s is %d %s %d (the first, at this row); check them, or format the column as dates before exporting", all.n, verb, diag.Quote(all.value), d, m, y)
	}
	return l
}
