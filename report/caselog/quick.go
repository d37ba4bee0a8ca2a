package caselog

import (
	"encoding/binary"
	"math/bits"

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
// ending in a newline, without quotes, with no more fields than the
// header, a reference, a stage and a service, an Outcome blank or in
// paper's spelling, and dates written 2021-02-28 or 28/02/2021, in order.
// It splits the line and reads those fields in one pass over it, instead
// of building every field for record, and appends the row exactly as
// record would. n is the length of the line with its newline. For any
// other record it reports false, having changed nothing, and record
// reads it (with its errors and warnings).
func (p *parser) quickRecord(data []byte, sep byte, line int) (n int, ok bool) {
	// ends[k] is the offset of the separator or newline after field k.
	var ends [maxQuickFields]int
	nf := 0
	seps := uint64(sep) * lows
	i, found := 0, false
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		ms, mq, mn := zeroBytes(x^seps), zeroBytes(x^('"'*lows)), zeroBytes(x^('\n'*lows))
		if mn != 0 {
			// Only the bytes before the newline are the line's.
			before := mn&-mn - 1
			ms, mq, found = ms&before, mq&before, true
		}
		if mq != 0 {
			return 0, false
		}
		for ; ms != 0; ms &= ms - 1 {
			if nf == maxQuickFields {
				return 0, false
			}
			ends[nf] = i + bits.TrailingZeros64(ms)/8
			nf++
		}
		if found {
			if nf == maxQuickFields {
				return 0, false
			}
			i += bits.TrailingZeros64(mn) / 8
			ends[nf] = i
			nf++
			break
		}
	}
	if !found {
		// Fewer than eight bytes are left without the line's end.
		for ; ; i++ {
			if i == len(data) || nf == maxQuickFields {
				return 0, false // the last line of the file, or too many fields
			}
			c := data[i]
			if c == '"' {
				return 0, false
			}
			if c == sep || c == '\n' {
				ends[nf] = i
				nf++
				if c == '\n' {
					break
				}
			}
		}
	}
	n = i + 1
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
	if row.Received, ok = quickDate(get(roleReceived)); !ok {
		return 0, false
	}
	for _, d := range [...]struct {
		r  role
		at *workdays.Day
	}{{roleResponded, &row.Responded}, {roleDue, &row.Due}, {roleAcknowledged, &row.Acknowledged}} {
		*d.at = NoDate
		if v := get(d.r); len(v) > 0 {
			if *d.at, ok = quickDate(v); !ok || *d.at < row.Received {
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

// quickDate reads a date written 2021-02-28 or 28/02/2021 of the years
// 1900 to 2199, as parseDate does; it reports false for any other text,
// which parseDate then judges.
func quickDate(v []byte) (workdays.Day, bool) {
	if len(v) != 10 {
		return 0, false
	}
	var y, m, d uint
	switch {
	case v[4] == '-' && v[7] == '-':
		y, m, d = num4(v[0:4]), num2(v[5:7]), num2(v[8:10])
	case v[2] == '/' && v[5] == '/':
		d, m, y = num2(v[0:2]), num2(v[3:5]), num4(v[6:10])
	default:
		return 0, false
	}
	// A byte that is not a digit makes its number at least 10,000.
	if y >= 10000 || m >= 100 || d >= 100 {
		return 0, false
	}
	return workdays.Lookup(int(y), int(m), int(d))
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
