// Package tablelayout holds the table layout rules every writer follows,
// so that a table looks the same in the PDF and the DOCX: how its width is
// shared between columns, and which rows must stay on one page.
//
// Column widths follow the automatic table layout of word processors and
// browsers, with the layout's relative column widths as the starting
// point. The layout gives each column a relative width (doc.Column.Width),
// a hint chosen from the kind of data. Text set in a column narrower than
// its longest word would have to break that word between letters
// ("Populatio-n"), which no reader forgives. So each column first gets its
// minimum (its widest unbreakable piece of text, measured by the writer in
// the font it sets, plus cell padding), and the columns that the hints
// make wider than their minimum give up the difference, each in proportion
// to what it has to spare. Only when the minimums together exceed the
// width must a word break; a writer may first try a smaller font (see
// Fits).
package tablelayout

import (
	"math"
	"sort"

	"github.com/paperhq/paper/report/doc"
)

// CellMin returns the least width a cell's content can be set in without
// breaking a word, padding included, in the writer's units. header is
// true for a cell of a header row.
type CellMin func(c doc.Cell, header bool) float64

// Hints returns the columns' relative widths, zero, negative or invalid
// widths counting as 1 (zero widths share the space equally).
func Hints(cols []doc.Column) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		v := c.Width
		if !(v > 0) || math.IsInf(v, 0) {
			v = 1
		}
		out[i] = v
	}
	return out
}

// Mins returns each column's minimum width: the widest of its cells'
// minimums. A cell spanning several columns needs its minimum across them
// together: when theirs fall short, the shortfall is shared between them
// in proportion to their hints (narrower spans first, so a wide span sees
// the minimums the narrower ones set).
func Mins(t *doc.Table, cellMin CellMin) []float64 {
	n := len(t.Columns)
	mins := make([]float64, n)
	type spanned struct {
		from, span int
		min        float64
	}
	var spans []spanned
	visit := func(row []doc.Cell, header bool) {
		col := 0
		for _, c := range row {
			span := c.Cols()
			if col+span > n {
				return
			}
			m := cellMin(c, header)
			if !(m >= 0) || math.IsInf(m, 0) {
				m = 0
			}
			if span == 1 {
				mins[col] = max(mins[col], m)
			} else {
				spans = append(spans, spanned{col, span, m})
			}
			col += span
		}
	}
	for _, row := range t.Header {
		visit(row, true)
	}
	for _, row := range t.Rows {
		visit(row, false)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].span < spans[j].span })
	hints := Hints(t.Columns)
	for _, s := range spans {
		have, weight := 0.0, 0.0
		for i := s.from; i < s.from+s.span; i++ {
			have += mins[i]
			weight += hints[i]
		}
		if short := s.min - have; short > 0 {
			for i := s.from; i < s.from+s.span; i++ {
				mins[i] += short * hints[i] / weight
			}
		}
	}
	return mins
}

// Fits reports whether columns with these minimums fit in width.
func Fits(mins []float64, width float64) bool {
	return sum(mins) <= width*(1+1e-9)
}

// Widths shares width between columns. Each gets its share by its hint,
// but never less than its minimum: the columns above their minimum pay
// for those below, in proportion to how far above they are, so no column
// drops below its own minimum. If the minimums exceed the width, each
// column gets the width in proportion to its minimum (and words must
// break). The widths add up to width.
func Widths(hints, mins []float64, width float64) []float64 {
	n := len(hints)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	total := sum(hints)
	for i, h := range hints {
		out[i] = h / total * width
	}
	if len(mins) != n {
		return out
	}
	need := sum(mins)
	if need > width {
		if need <= 0 {
			return out
		}
		for i, m := range mins {
			out[i] = m / need * width
		}
		return out
	}
	deficit, spare := 0.0, 0.0
	for i := range out {
		if out[i] < mins[i] {
			deficit += mins[i] - out[i]
		} else {
			spare += out[i] - mins[i]
		}
	}
	if deficit == 0 || spare <= 0 {
		return out
	}
	for i := range out {
		if out[i] < mins[i] {
			out[i] = mins[i]
		} else {
			out[i] -= deficit * (out[i] - mins[i]) / spare
		}
	}
	return out
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// GroupHeading reports whether row is a group heading within the table's
// body: a single cell across every column of a table of several columns
// ("Stage 2 complaints" above the rows about stage 2).
func GroupHeading(t *doc.Table, row []doc.Cell) bool {
	return len(t.Columns) > 1 && len(row) == 1 && row[0].Cols() == len(t.Columns)
}

// KeepWithNext reports whether body row i must be on the same page as row
// i+1: a group heading is never left at the foot of a page without the
// first row of its group, and the last row (often a total) is never alone
// at the top of a page.
func KeepWithNext(t *doc.Table, i int) bool {
	if i < 0 || i+1 >= len(t.Rows) {
		return false
	}
	return i+2 == len(t.Rows) || GroupHeading(t, t.Rows[i])
}
