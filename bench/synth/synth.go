// Package synth writes large synthetic complaint case logs for
// benchmarks: a million rows of CSV in the shape `paper metrics` reads,
// about 73 bytes a row, so that speed and memory are measured on input
// the size a large council's ten-year export reaches.
//
// The output depends only on the row count and the seed: it is the same
// on every run and every Go release (the generator is its own splitmix64,
// and dates come from the real working-day calendar).
package synth

import (
	"bufio"
	"io"
	"strconv"
	"time"

	"github.com/paperhq/paper/report/workdays"
)

// Header is the case log's header row.
const Header = "Reference,Stage,Service,Received,Responded,Due,Outcome\n"

// Services are the services of the synthetic council, with their share
// of complaints.
var Services = []struct {
	Name  string
	Share int
}{
	{"Housing", 24}, {"Council Tax and Benefits", 16}, {"Waste and Recycling", 16},
	{"Highways and Transport", 11}, {"Parks and Leisure", 6}, {"Adult Social Care", 7},
	{"Children's Services", 6}, {"Planning", 7}, {"Parking", 4}, {"Libraries", 1},
	{"Registrars and Bereavement Services", 1}, {"Environmental Health", 1},
}

// First is the first day complaints are received on: ten financial years,
// 2016/17 to 2025/26, are spread over the rows.
var First = workdays.Date(2016, time.April, 1)

const days = 3652 // 1 April 2016 to 31 March 2026

type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// Write writes a case log of rows data rows (plus the header) to w, in
// order of receipt. About 90% of rows are stage 1, 8% stage 2 and 2%
// Ombudsman enquiries; about 2% are open, 3% carry a Due date and 85%
// are answered on time.
func Write(w io.Writer, rows int, seed uint64) error {
	r := &rng{s: seed}
	cal := workdays.EnglandAndWales()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(Header)
	var pick []int // service index by share
	for i, s := range Services {
		for range s.Share {
			pick = append(pick, i)
		}
	}
	targets := [3]int{10, 20, 20}
	stages := [3]string{"Stage 1", "Stage 2", "Ombudsman"}
	outcomes := []string{"Upheld", "Partially upheld", "Not upheld", "Not upheld", "Withdrawn"}
	buf := make([]byte, 0, 128)
	for i := 0; i < rows; i++ {
		// Spread the rows evenly over the days, in order.
		received := First + workdays.Day(int64(i)*days/int64(rows))
		stage := 0
		switch x := r.intn(100); {
		case x < 2:
			stage = 2
		case x < 10:
			stage = 1
		}
		svc := Services[pick[r.intn(len(pick))]].Name
		due := workdays.Day(0)
		hasDue := r.intn(100) < 3
		allowed := targets[stage]
		if hasDue {
			allowed += 10
			due = cal.Add(received, allowed)
		}
		var wd int
		if r.intn(100) < 85 {
			wd = 1 + r.intn(allowed)
		} else {
			wd = allowed + 1 + r.intn(15)
		}
		open := r.intn(100) < 2
		y, _, _ := received.Date()
		buf = buf[:0]
		buf = append(buf, "KCC-"...)
		buf = strconv.AppendInt(buf, int64(y), 10)
		buf = append(buf, '-')
		buf = appendPadded(buf, i%1000000, 6)
		buf = append(buf, ',')
		buf = append(buf, stages[stage]...)
		buf = append(buf, ',')
		buf = append(buf, svc...)
		buf = append(buf, ',')
		buf = appendDate(buf, received)
		buf = append(buf, ',')
		if !open {
			buf = appendDate(buf, cal.Add(received, wd))
		}
		buf = append(buf, ',')
		if hasDue {
			buf = appendDate(buf, due)
		}
		buf = append(buf, ',')
		if !open {
			buf = append(buf, outcomes[r.intn(len(outcomes))]...)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendPadded(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func appendDate(b []byte, d workdays.Day) []byte {
	y, m, dd := d.Date()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	b = appendPadded(b, int(m), 2)
	b = append(b, '-')
	return appendPadded(b, dd, 2)
}
