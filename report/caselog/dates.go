package caselog

import (
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
