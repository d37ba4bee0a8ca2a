package charts

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// Row is one category of a horizontal bar chart.
type Row struct {
	Label string
	Value Value
	// Own marks the council's own row: drawn in a second colour with a
	// hatched pattern and a bold label, so it stands out in greyscale too.
	Own bool
}

// Reference is a value marked across a chart as a dashed line, such as
// the similar-authority average.
type Reference struct {
	Label string
	Value float64
}

// Bars is a horizontal bar chart of one measure across categories: the
// "comparison" chart of the council against its comparators, with an
// optional reference line (an average).
type Bars struct {
	// Title is drawn at the top of the chart; empty draws none.
	Title string
	// Subject names the measure for the alternative text: "upheld
	// investigations per 100,000 residents, 2020/21".
	Subject string
	Rows    []Row
	// Series names the measure (legend for the other rows, table header)
	// and gives its format; Series.Axis titles the scale.
	Series Series
	// OwnName is the legend's words for the Own row ("Kingsbridge City
	// Council"); OthersName for the rest ("Comparator councils").
	OwnName, OthersName string
	Reference           *Reference
	Sort                Sort
	// CategoryName heads the table's first column: "Council".
	CategoryName string
	Palette      Palette
	// Typeface is the house style's font for the chart's text; nil is
	// Liberation Sans.
	Typeface *canvas.Typeface
	// Width is the printed width in millimetres; zero means DefaultWidth.
	Width float64
}

// Check reports what makes the chart undrawable.
func (b *Bars) Check() error {
	if len(b.Rows) == 0 {
		return fmt.Errorf("%w: no rows", ErrEmpty)
	}
	m := 0.0
	for _, r := range b.Rows {
		if r.Value.OK {
			if r.Value.V < 0 || math.IsInf(r.Value.V, 0) || math.IsNaN(r.Value.V) {
				return fmt.Errorf("charts: %s: values must be zero or more", r.Label)
			}
			m = math.Max(m, r.Value.V)
		}
	}
	if !(m > 0) {
		return fmt.Errorf("%w: every value is zero or missing", ErrEmpty)
	}
	if b.Reference != nil && (b.Reference.Value < 0 || math.IsNaN(b.Reference.Value) || math.IsInf(b.Reference.Value, 0)) {
		return fmt.Errorf("charts: reference value must be zero or more")
	}
	return nil
}

// sorted returns the rows in the chart's order. Rows without a figure
// come last, by name.
func (b *Bars) sorted() []Row {
	rows := append([]Row(nil), b.Rows...)
	if b.Sort == AsGiven {
		return rows
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, c := rows[i], rows[j]
		if a.Value.OK != c.Value.OK {
			return a.Value.OK
		}
		if a.Value.OK && a.Value.V != c.Value.V {
			switch b.Sort {
			case Descending:
				return a.Value.V > c.Value.V
			case Ascending:
				return a.Value.V < c.Value.V
			}
		}
		return a.Label < c.Label
	})
	return rows
}

func (b *Bars) colours() (own, other bar) {
	return bar{fill: b.Palette.at(1), hatched: true}, bar{fill: b.Palette.at(0)}
}

// bar is a fill and whether it is hatched.
type bar struct {
	fill    canvas.Color
	hatched bool
}

func (b *Bars) spec() (hspec, []Row) {
	rows := b.sorted()
	s := hspec{tf: b.Typeface, title: b.Title, width: b.Width, minRow: mm(7), reference: b.Reference != nil, axis: true, axisTitle: b.Series.Axis}
	own, other := b.colours()
	hasOwn := false
	for _, r := range rows {
		s.labels = append(s.labels, r.Label)
		s.bold = append(s.bold, r.Own)
		hasOwn = hasOwn || r.Own
	}
	if hasOwn {
		s.legend = append(s.legend, legendItem{label: orDefault(b.OwnName, "This council"), fill: own.fill, hatched: true, bold: true})
	}
	s.legend = append(s.legend, legendItem{label: orDefault(b.OthersName, b.Series.Name), fill: other.fill})
	label := textFont(b.Typeface, labelSize)
	m := 0.0
	for _, r := range rows {
		w := label.width(b.Series.format(r.Value))
		s.valueW = math.Max(s.valueW, w+mm(2))
		if r.Value.OK {
			m = math.Max(m, r.Value.V)
		}
	}
	if b.Reference != nil {
		m = math.Max(m, b.Reference.Value)
	}
	if b.Series.Format == Percent && m <= 1 {
		s.scale = percentScale(5) // rates: always 0% to 100%
	} else {
		s.scale = niceScale(m, 0, b.Series.Format == Count)
	}
	return s, rows
}

// Size is the chart's printed size in millimetres: its width, and the
// height that follows from the number of rows and their labels.
func (b *Bars) Size() (w, h float64) {
	s, _ := b.spec()
	return printedWidth(b.Width), newHframe(s).h
}

// Draw draws the chart on c.
func (b *Bars) Draw(c canvas.Canvas) error {
	if err := b.Check(); err != nil {
		return err
	}
	s, rows := b.spec()
	f := newHframe(s)
	cv := newCanvas(c, f.w, f.h)
	f.drawFrame(cv, b.Title, s.bold, b.Series.Format, true)
	own, other := b.colours()
	label := textFont(b.Typeface, labelSize)
	var refX float64
	if b.Reference != nil {
		refX = f.x(b.Reference.Value)
	}
	type pending struct {
		s    string
		f    font
		x, y float64
	}
	var values []pending
	for i, row := range rows {
		mid := f.mid(i)
		th := math.Min(f.rowH[i]*0.72, mm(5.5))
		end := f.plot.x0
		if row.Value.OK && row.Value.V > 0 {
			c := other
			if row.Own {
				c = own
			}
			bx := rect{f.plot.x0, mid - th/2, f.x(row.Value.V), mid + th/2}
			cv.rect(bx, c.fill, axisInk, mm(0.2))
			if c.hatched {
				cv.hatch(bx.grow(-mm(0.15)), textOnHatch(c.fill))
			}
			end = bx.x1
		}
		lf := label
		lf.bold = row.Own
		values = append(values, pending{b.Series.format(row.Value), lf, end + mm(1.5), mid + lf.cap()/2})
	}
	if b.Reference != nil {
		cv.polyline([][2]float64{{refX, f.plot.y0 - mm(1)}, {refX, f.plot.y1}}, axisInk, mm(0.45), []float64{mm(1.2), mm(0.8)})
		text := referenceText(b.Reference.Label, b.Series.text(b.Reference.Value), label, f.w-2*f.pad)
		tw := label.width(text)
		x := math.Max(f.pad, math.Min(refX-tw/2, f.w-f.pad-tw))
		cv.text(text, label, x, f.refBase, left)
	}
	// Value labels at the bars' ends, on a white halo so that neither a
	// gridline nor the reference line runs through them.
	for _, v := range values {
		cv.halo(textBox(v.s, v.f, v.x, v.y, left))
		cv.text(v.s, v.f, v.x, v.y, left)
	}
	return nil
}

// referenceText is the reference line's label, "Average: 67%", in at
// most width: the name is shortened to leave room for the figure as it
// is written, however many digits it has, and left out when even "…"
// would not fit beside it.
func referenceText(name, value string, f font, width float64) string {
	suffix := ": " + value
	if room := width - f.width(suffix); f.width("…") <= room {
		return fit(name, f, room) + suffix
	}
	return fit(value, f, width)
}

// Alt is the alternative text: every row's figure in the chart's order,
// then the reference.
func (b *Bars) Alt() string {
	var sb strings.Builder
	sb.WriteString("Horizontal bar chart: ")
	sb.WriteString(b.Subject)
	sb.WriteString(":")
	for i, r := range b.sorted() {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(" ")
		sb.WriteString(r.Label)
		if r.Own {
			sb.WriteString(" (this council)")
		}
		sb.WriteString(" ")
		sb.WriteString(b.Series.format(r.Value))
	}
	if b.Reference != nil {
		fmt.Fprintf(&sb, "; %s %s", lowerFirst(b.Reference.Label), b.Series.text(b.Reference.Value))
	}
	sb.WriteString(".")
	return sb.String()
}

// Table returns the rows as a table, the council's own row in bold, and
// the reference as a last row.
func (b *Bars) Table() *doc.Table {
	t := &doc.Table{Kind: doc.Grid,
		Columns: []doc.Column{{Width: 2}, {Width: 1, Align: doc.Right}},
		Header:  [][]doc.Cell{{cell(orDefault(b.CategoryName, "Category")), cell(b.Series.Name)}},
	}
	for _, r := range b.sorted() {
		c := []doc.Cell{cell(r.Label), cell(b.Series.format(r.Value))}
		if r.Own {
			c = []doc.Cell{{Content: doc.Bold(r.Label)}, {Content: doc.Bold(b.Series.format(r.Value))}}
		}
		t.Rows = append(t.Rows, c)
	}
	if b.Reference != nil {
		t.Rows = append(t.Rows, []doc.Cell{{Content: []doc.Inline{{Text: b.Reference.Label, Italic: true}}},
			{Content: []doc.Inline{{Text: b.Series.text(b.Reference.Value), Italic: true}}}})
	}
	return t
}
