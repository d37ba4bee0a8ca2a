package caselog

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"time"

	"github.com/paperhq/paper/report/workdays"
)

// maxQuickFields bounds the fields of a record that quickRecord reads.
const maxQuickFields = 32

// quickable reports whether p may read records with quickRecord: a CSV's
// parser with no data.values map, whose records then need no lookups
// before their own fields are read.
func (p *parser) quickable() bool {
	v := &p.lay.values
	return !p.xlsx && v.stage == nil && v.outcome == nil && v.typ == nil && p.lay.header <= maxQuickFields
}

// quickRecord reads the record at the start of data, fields separated by
// sep, when it is a complaint's row as exports mostly write it: one line
// ending in a newline, with no more fields than the header, a reference,
// a stage and a service, an Outcome blank or in paper's spelling, and
// dates written 2021-02-28 or 28/02/2021, in order. data ends before the
// next quote (see scanner.quoteAt), so a line holding one is not found
// whole. It finds the line's end with the vectorised bytes.IndexByte and
// its separators eight bytes at a time, and reads the fields it needs
// where they lie, instead of building every field for record; it appends
// the row exactly as record would. n is the length of the line with its
// newline. For any other record it reports false, having changed
// nothing, and record reads it (with its errors and warnings).
func (p *parser) quickRecord(data []byte, sep byte, line int) (n int, ok bool) {
	n = bytes.IndexByte(data, '\n')
	if n < 0 {
		return 0, false
	}
	ends := &p.ends
	nf := 0
	seps := uint64(sep) * lows
	for i := 0; i < n; i += 8 {
		if nf >= maxQuickFields {
			return 0, false
		}
		var m uint64
		if i+8 <= len(data) {
			m = zeroBytes(binary.LittleEndian.Uint64(data[i:]) ^ seps)
			if n-i < 8 {
				m &= 1<<(8*(n-i)) - 1 // the bytes of the line only
			}
		} else {
			for j := i; j < n; j++ {
				if data[j] == sep {
					m |= 0x80 << (8 * (j - i))
				}
			}
		}
		for ; m != 0; m &= m - 1 {
			ends[nf] = i + bits.TrailingZeros64(m)/8
			nf++
		}
	}
	if nf >= maxQuickFields {
		return 0, false
	}
	ends[nf] = n
	nf++
	n++
	l := p.lay
	if nf > l.header {
		return 0, false
	}
	get := func(r role) []byte {
		c := l.col[r]
		if c < 0 || c >= nf {
			return nil
		}
		start := 0
		if c > 0 {
			start = ends[c-1] + 1
		}
		f := data[start:ends[c]]
		if c == nf-1 && len(f) > 0 && f[len(f)-1] == '\r' {
			f = f[:len(f)-1]
		}
		if len(f) > 0 && f[0] > ' ' && f[len(f)-1] > ' ' {
			return f // nothing to trim, as usual
		}
		return trim(f)
	}
	if len(get(roleReference)) == 0 || len(get(roleType)) > 0 {
		return 0, false
	}
	var row Row
	row.Line = int32(line)
	if row.Stage, ok = parseStage(get(roleStage)); !ok {
		return 0, false
	}
	service := get(roleService)
	if len(service) == 0 {
		return 0, false
	}
	if row.Received, ok = p.months[roleReceived].date(get(roleReceived)); !ok {
		return 0, false
	}
	for _, d := range [...]struct {
		r  role
		at *workdays.Day
	}{{roleResponded, &row.Responded}, {roleDue, &row.Due}, {roleAcknowledged, &row.Acknowledged}} {
		*d.at = NoDate
		if v := get(d.r); len(v) > 0 {
			if *d.at, ok = p.months[d.r].date(v); !ok || *d.at < row.Received {
				return 0, false
			}
		}
	}
	if v := get(roleOutcome); len(v) > 0 {
		if row.Outcome, ok = parseOutcome(v); !ok {
			return 0, false
		}
	}
	row.Service = p.intern(service)
	if v := get(roleCategory); len(v) > 0 {
		before := p.errs.total()
		if row.Category = p.category(v, line); p.errs.total() != before {
			return n, true // refused, as record refuses it
		}
	}
	p.rows = append(p.rows, row)
	return n, true
}

// zeroBytes flags each zero byte of x by its high bit, exactly (no byte
// after a zero one is flagged wrongly).
func zeroBytes(x uint64) uint64 {
	return ^((x&^highs + ^uint64(highs)) | x | ^uint64(highs))
}

// A monthCache converts the dates of one column, which mostly come in
// runs of the same month: it keeps the month of the last date.
type monthCache struct {
	key   uint64 // the date's bytes but the day's, as read; 0 for none
	start workdays.Day
	days  uint
}

// date reads a date written 2021-02-28 or 28/02/2021 of the years 1900
// to 2199, as parseDate does; it reports false for any other text, which
// parseDate then judges.
func (c *monthCache) date(v []byte) (workdays.Day, bool) {
	if len(v) != 10 {
		return 0, false
	}
	var key uint64
	var d uint
	switch {
	case v[4] == '-' && v[7] == '-':
		key, d = binary.LittleEndian.Uint64(v[0:8]), num2(v[8:10])
	case v[2] == '/' && v[5] == '/':
		key, d = binary.LittleEndian.Uint64(v[2:10]), num2(v[0:2])
	default:
		return 0, false
	}
	if key != c.key {
		var y, m uint
		if v[4] == '-' {
			y, m = num4(v[0:4]), num2(v[5:7])
		} else {
			m, y = num2(v[3:5]), num4(v[6:10])
		}
		// A byte that is not a digit makes its number at least 10,000.
		if y >= 10000 || m >= 100 {
			return 0, false
		}
		start, ok := workdays.Lookup(int(y), int(m), 1)
		if !ok {
			return 0, false
		}
		c.key, c.start, c.days = key, start, uint(workdays.DaysIn(int(y), time.Month(m)))
	}
	if d-1 >= c.days { // d is 0, past the month's end, or not digits
		return 0, false
	}
	return c.start + workdays.Day(d-1), true
}

// num2 and num4 read two and four ASCII digits; a byte that is not one
// gives a number of 10,000 or more.
func num2(b []byte) uint {
	x, y := uint(b[0])-'0', uint(b[1])-'0'
	if x > 9 || y > 9 {
		return 10000
	}
	return x*10 + y
}

func num4(b []byte) uint {
	a, c, e, g := uint(b[0])-'0', uint(b[1])-'0', uint(b[2])-'0', uint(b[3])-'0'
	if a > 9 || c > 9 || e > 9 || g > 9 {
		return 10000
	}
	return a*1000 + c*100 + e*10 + g
}
